/**
 * Reading a knowledge file: the JSON is checked against `server/knowledge/knowledge.schema.json`
 * itself (the schema users get in their editor), plus the few rules a schema cannot state (a real
 * calendar date, a page range that runs forwards, a summary unless the entry is `nameOnly`, ids used
 * once). Errors come back as data with the JSON path of the value; nothing here throws.
 *
 * What survives: a bad entry is dropped and the rest of its document kept; a document whose own
 * fields are bad is dropped; a file without `schemaVersion: 1` or a `documents` array gives nothing.
 */
import schemaJson from '../../../knowledge/knowledge.schema.json';
import { checkAgainstSchema, JsonSchema } from './schema';
import {
  CONFIDENCES, Confidence, KNOWLEDGE_SCHEMA_VERSION, KnowledgeDocument, KnowledgeEntry, KnowledgeError, KnowledgeFile,
} from './types';

const SCHEMA = schemaJson as unknown as JsonSchema;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The path of `key` in the value at `path`. */
function at(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** The rules the schema cannot state, checked on each value the schema walk visits. */
function semanticChecks(errors: KnowledgeError[]) {
  return (path: string, v: unknown, s: JsonSchema, ref: string | null): void => {
    if (ref === 'isoDate' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && Number.isNaN(Date.parse(`${v}T00:00:00Z`))) {
      errors.push({ path, message: `${path.slice(path.lastIndexOf('.') + 1)} must be a real date (YYYY-MM-DD).` });
    }
    if (!isRecord(v)) return;
    // A required text must say something: blanks alone are as good as nothing.
    if (Array.isArray(s.required)) {
      for (const k of s.required) {
        const x = typeof k === 'string' ? v[k] : undefined;
        if (typeof x === 'string' && x.length > 0 && x.trim().length === 0) errors.push({ path: at(path, k as string), message: `${k} must not be blank.` });
      }
    }
    switch (ref) {
      case 'locator': {
        const p = v.pages;
        if (isRecord(p) && typeof p.from === 'number' && typeof p.to === 'number' && p.from > p.to) {
          errors.push({ path: at(path, 'pages'), message: 'pages must be {"from": n, "to": m} with n <= m.' });
        }
        break;
      }
      case 'entry':
        if (typeof v.validFrom === 'string' && typeof v.validTo === 'string' && v.validFrom > v.validTo) {
          errors.push({ path: at(path, 'validTo'), message: 'validTo is before validFrom.' });
        }
        if (v.nameOnly !== true && (typeof v.summary !== 'string' || v.summary.length === 0)) {
          errors.push({ path: at(path, 'summary'), message: 'An entry needs a summary unless it is marked nameOnly.' });
        }
        break;
      case 'limit':
      case 'duration':
        if (typeof v.min === 'number' && typeof v.max === 'number' && v.min > v.max) {
          errors.push({ path: at(path, 'min'), message: 'min must be no larger than max.' });
        }
        break;
      case 'document':
        if (Array.isArray(v.entries)) {
          const seen = new Set<string>();
          v.entries.forEach((e, i) => {
            if (!isRecord(e) || typeof e.id !== 'string') return;
            if (seen.has(e.id)) errors.push({ path: at(path, `entries[${i}].id`), message: `Entry id "${e.id}" is used twice in ${String(v.id)}@${String(v.edition)}.` });
            seen.add(e.id);
          });
        }
        break;
    }
  };
}

/** Where an error lies: the whole file, one document, or one entry of a document. */
function scopeOf(path: string): { doc: number; entry: number } | null {
  const m = /^documents\[(\d+)\](?:\.entries\[(\d+)\])?/.exec(path);
  if (!m) return null;
  return { doc: Number(m[1]), entry: m[2] !== undefined ? Number(m[2]) : -1 };
}

/**
 * Checks a parsed JSON value against the knowledge file format. Never throws: returns the errors
 * and a cleaned file holding the documents and entries that passed (a bad entry is dropped, the
 * rest of its document kept), or `file: null` when nothing usable remains. `trusted`: the value
 * is known to pass the schema and the checks it cannot state (a bundled file, which the tests
 * check), so it is not walked with them; the file made is the same as when it is.
 */
export function validateKnowledge(json: unknown, options: { trusted?: boolean } = {}): { file: KnowledgeFile | null; errors: KnowledgeError[] } {
  const errors: KnowledgeError[] = [];
  try {
    if (!options.trusted) {
      const semantic: KnowledgeError[] = [];
      for (const e of checkAgainstSchema(SCHEMA, json, semanticChecks(semantic))) errors.push({ path: e.path, message: e.message });
      for (const e of semantic) errors.push(e);
    }
    if (!isRecord(json) || json.schemaVersion !== KNOWLEDGE_SCHEMA_VERSION || !Array.isArray(json.documents)) {
      if (errors.length === 0) errors.push({ path: '', message: 'A knowledge file must be a JSON object.' });
      return { file: null, errors };
    }
    const badDocs = new Set<number>();
    const badEntries = new Set<string>();
    for (const e of errors) {
      const scope = scopeOf(e.path);
      if (!scope) continue;
      if (scope.entry >= 0) badEntries.add(`${scope.doc}:${scope.entry}`);
      else badDocs.add(scope.doc);
    }
    const documents: KnowledgeDocument[] = [];
    const seenDocs = new Set<string>();
    json.documents.forEach((d, i) => {
      if (badDocs.has(i) || !isRecord(d) || !Array.isArray(d.entries)) return;
      const key = `${String(d.id)}@${String(d.edition)}`;
      if (seenDocs.has(key)) {
        errors.push({ path: `documents[${i}]`, message: `Document ${key} appears twice in this file.` });
        return;
      }
      seenDocs.add(key);
      const entries: KnowledgeEntry[] = [];
      d.entries.forEach((e, j) => {
        if (badEntries.size === 0 || !badEntries.has(`${i}:${j}`)) entries.push(cleanEntry(e as Record<string, unknown>));
      });
      documents.push(cleanDocument(d, entries));
    });
    if (documents.length === 0) return { file: null, errors };
    const version = typeof json.version === 'string' && json.version.length > 0 ? json.version : '0';
    return { file: { schemaVersion: 1, version, documents }, errors };
  } catch (e) {
    errors.push({ path: '', message: `Unreadable knowledge data: ${e instanceof Error ? e.message : String(e)}` });
    return { file: null, errors };
  }
}

/** Copies the keys the format defines (the schema allows no others), with their defaults. */
function pick<T extends object>(o: Record<string, unknown>, keys: readonly string[]): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out as Partial<T>;
}

function cleanDocument(d: Record<string, unknown>, entries: KnowledgeEntry[]): KnowledgeDocument {
  const id = d.id as string;
  const edition = d.edition as string;
  return {
    id,
    edition,
    title: typeof d.title === 'string' && d.title ? d.title : `${id} ${edition}`,
    kind: (d.kind as KnowledgeDocument['kind']) ?? 'guideline',
    inMtus: (d.inMtus as boolean) ?? false,
    description: (d.description as string) ?? '',
    sources: (d.sources as KnowledgeDocument['sources']) ?? [],
    entries,
    ...pick<KnowledgeDocument>(d, ['regulation', 'effective', 'labels', 'eras']),
  };
}

function cleanEntry(e: Record<string, unknown>): KnowledgeEntry {
  const confidence = CONFIDENCES.includes(e.confidence as Confidence) ? (e.confidence as Confidence) : 'USER';
  const limits = Array.isArray(e.limits) && e.limits.length > 0 ? { limits: e.limits as KnowledgeEntry['limits'] } : {};
  return {
    id: e.id as string,
    locator: e.locator as KnowledgeEntry['locator'],
    topic: e.topic as string,
    summary: (e.summary as string) ?? '',
    sources: (e.sources as KnowledgeEntry['sources']) ?? [],
    confidence,
    ...pick<KnowledgeEntry>(e, ['aliases', 'labels', 'drugs', 'aliasLocators', 'nameOnly', 'ownPagination', 'validFrom', 'validTo']),
    ...limits,
    ...(typeof e.notes === 'string' && e.notes ? { notes: e.notes } : {}),
  };
}
