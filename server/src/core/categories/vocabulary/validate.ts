/**
 * Checking a request vocabulary file: the JSON is checked against
 * `server/knowledge/vocabulary/request-vocabulary.schema.json` itself (the schema users get in their
 * editor), plus what a schema cannot state: texts that are not blank, ids used once, drug classes
 * and source names that exist, and what the bundled file must hold. Errors come back as data with
 * the JSON path of the value; nothing here throws.
 *
 * What survives: a bad member of a list of phrases is dropped and its entry kept; any other error
 * inside a category, drug class, drug, body part or source drops that entry and keeps the rest; a
 * key the format does not know is reported and left out; a file that is not an object with
 * `schemaVersion: 1` gives nothing.
 */
import schemaJson from '../../../../knowledge/vocabulary/request-vocabulary.schema.json';
import { checkAgainstSchema, JsonSchema, SchemaError } from '../../knowledge/schema';
import { bundledVocabulary } from './bundled';
import {
  BodyPartDef, CategoryDef, DrugClassDef, DrugDef, OTHER_CATEGORY, VOCABULARY_SCHEMA_VERSION, VocabularyError, VocabularyFile, VocabularySource,
  VocabularyTag,
} from './types';

const SCHEMA = schemaJson as unknown as JsonSchema;

/** The lists of entries, the lists of phrases at the top, and what the bundled file must have. */
const PHRASE_LISTS = ['perioperativeTerms', 'topicalTerms', 'patchTerms'] as const;
const BUNDLED_REQUIRED = ['sources', 'categories', 'drugClasses', 'drugs', 'bodyParts'] as const;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Drops undefined fields (so merged and compared objects stay minimal). */
export function clean<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

/** What the schema's errors leave out of the cleaned file. */
interface Dropped {
  /** `drugs[3]`: an entry with an error of its own. */
  readonly entries: Set<string>;
  /** `drugs[3].names[0]`, `topicalTerms[2]`: a member of a list. */
  readonly members: Set<string>;
  /** A named source with an error. */
  readonly sources: Set<string>;
  /** A top-level value of the wrong kind. */
  readonly top: Set<string>;
}

const ENTRY = /^(categories|drugClasses|drugs|bodyParts)\[(\d+)\](?:\.[A-Za-z]+(\[\d+\])?)?$/;
const TOP_MEMBER = /^[A-Za-z]+\[\d+\]$/;

function dropped(errors: readonly SchemaError[], sourceKeys: readonly string[]): Dropped {
  const d: Dropped = { entries: new Set(), members: new Set(), sources: new Set(), top: new Set() };
  for (const e of errors) {
    const m = ENTRY.exec(e.path);
    if (m && m[3]) d.members.add(e.path);
    else if (e.keyword === 'additionalProperties') continue; // reported, and not copied
    else if (m) d.entries.add(`${m[1]}[${m[2]}]`);
    else if (TOP_MEMBER.test(e.path)) d.members.add(e.path);
    else if (e.path.startsWith('sources.')) {
      const key = sourceKeys.find((k) => e.path === `sources.${k}` || e.path.startsWith(`sources.${k}.`));
      if (key !== undefined) d.sources.add(key);
    } else d.top.add(e.path);
  }
  return d;
}

/**
 * Checks a parsed JSON value against the vocabulary format. Never throws: returns the errors and
 * a cleaned file holding what passed, or `file: null` when the value is not a vocabulary file at
 * all. A user's file may leave out any list, and may name the bundled file's drug classes and
 * sources; the bundled file must have every list. `trusted`: the value is known to pass the
 * schema (the bundled file, which the tests check), so it is not walked with it; the file made is
 * the same as when it is.
 */
export function validateVocabulary(json: unknown, options: { bundled?: boolean; trusted?: boolean } = {}): { file: VocabularyFile | null; errors: VocabularyError[] } {
  const errors: VocabularyError[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });
  try {
    if (!isObject(json)) {
      err('', 'A vocabulary file must be a JSON object.');
      return { file: null, errors };
    }
    if (json.schemaVersion !== VOCABULARY_SCHEMA_VERSION) {
      err('schemaVersion', `schemaVersion must be ${VOCABULARY_SCHEMA_VERSION}.`);
      return { file: null, errors };
    }
    const found: SchemaError[] = [];
    if (!options.trusted) {
      found.push(
        ...checkAgainstSchema(SCHEMA, json, (path, v, _s, ref) => {
          // A text must say something: blanks alone are as good as nothing.
          if (ref === 'text' && typeof v === 'string' && v.length > 0 && v.trim().length === 0) {
            found.push({ path, message: `${path.slice(path.lastIndexOf('.') + 1)} must not be blank.`, keyword: 'blank' });
          }
        }),
      );
    }
    for (const e of found) err(e.path, e.message);
    if (options.bundled) for (const k of BUNDLED_REQUIRED) if (json[k] === undefined) err(k, `${k} is required in the bundled vocabulary.`);

    const sourceKeys = isObject(json.sources) ? Object.keys(json.sources) : [];
    const drop = dropped(found, sourceKeys);
    const list = (key: string): unknown[] => (Array.isArray(json[key]) && !drop.top.has(key) ? (json[key] as unknown[]) : []);
    const text = (o: Record<string, unknown>, key: string): string | undefined => (typeof o[key] === 'string' ? (o[key] as string) : undefined);
    /** A list of strings of `o` less its bad members (`path` is `o`'s own). */
    const members = (o: Record<string, unknown>, key: string, path: string): string[] | undefined => {
      const v = o[key];
      if (!Array.isArray(v) || drop.top.has(path ? `${path}.${key}` : key)) return undefined;
      if (drop.members.size === 0) return v.filter((x): x is string => typeof x === 'string');
      return v.filter((x, j): x is string => typeof x === 'string' && !drop.members.has(`${path ? `${path}.` : ''}${key}[${j}]`));
    };

    const sources: Record<string, VocabularySource> = {};
    if (isObject(json.sources) && !drop.top.has('sources')) {
      for (const [key, s] of Object.entries(json.sources)) {
        if (drop.sources.has(key) || !isObject(s)) continue;
        const tag = s.tag as VocabularyTag;
        const ref = s.ref as string;
        sources[key] = typeof s.url === 'string' ? { tag, ref, url: s.url } : { tag, ref };
      }
    }
    const sourceList = (o: Record<string, unknown>, p: string): string[] | undefined => {
      const l = members(o, 'sources', p);
      for (const [i, s] of (l ?? []).entries()) {
        if (!(s in sources) && (options.bundled || !(s in bundledVocabulary().sources))) err(`${p}.sources[${i}]`, `"${s}" is not a named source of this file.`);
      }
      return l;
    };
    /** True the first time `id` is seen; the second time, reports `message` at `path`. */
    const once = (seen: Set<string>, id: string, path: string, message: string): boolean => {
      if (seen.has(id)) {
        err(path, message);
        return false;
      }
      seen.add(id);
      return true;
    };
    /** The entries of a list that passed the schema, with their paths. */
    const entries = (key: string): [Record<string, unknown>, string][] =>
      list(key).flatMap((x, i) => (isObject(x) && !drop.entries.has(`${key}[${i}]`) ? [[x, `${key}[${i}]`] as [Record<string, unknown>, string]] : []));

    const categories: CategoryDef[] = [];
    const seenCats = new Set<string>();
    for (const [x, p] of entries('categories')) {
      const id = x.id as string;
      const label = text(x, 'label');
      if (label === undefined && options.bundled) {
        err(`${p}.label`, 'label is required.');
        continue;
      }
      if (!once(seenCats, id, `${p}.id`, `category "${id}" appears twice.`)) continue;
      categories.push(
        clean({
          id,
          label: label ?? id,
          description: text(x, 'description'),
          decisiveTerms: members(x, 'decisiveTerms', p),
          terms: members(x, 'terms', p),
          weakTerms: members(x, 'weakTerms', p),
          suffixes: members(x, 'suffixes', p),
          replaceTerms: typeof x.replaceTerms === 'boolean' ? x.replaceTerms : undefined,
          sources: sourceList(x, p),
        }),
      );
    }
    if (options.bundled && !seenCats.has(OTHER_CATEGORY)) err('categories', `the category "${OTHER_CATEGORY}" is required.`);

    const drugClasses: DrugClassDef[] = [];
    const seenClasses = new Set<string>();
    for (const [x, p] of entries('drugClasses')) {
      const id = x.id as string;
      if (!once(seenClasses, id, `${p}.id`, `drug class "${id}" appears twice.`)) continue;
      const keepInPatch = typeof x.keepInPatch === 'boolean' ? x.keepInPatch : undefined;
      drugClasses.push(clean({ id, label: x.label as string, description: text(x, 'description'), keepInPatch, sources: sourceList(x, p) }));
    }
    const knownClass = (id: string) => seenClasses.has(id) || (!options.bundled && bundledVocabulary().drugClassById.has(id));

    const drugs: DrugDef[] = [];
    const seenDrugs = new Set<string>();
    for (const [x, p] of entries('drugs')) {
      const generic = x.generic as string;
      const drugClass = x.drugClass as string;
      const id = text(x, 'id') ?? generic;
      if (!knownClass(drugClass)) {
        err(`${p}.drugClass`, `"${drugClass}" is not a drug class of the vocabulary.`);
        continue;
      }
      if (!once(seenDrugs, id, p, `drug "${id}" appears twice (give one an id).`)) continue;
      drugs.push(clean({ id: x.id === undefined ? undefined : id, generic: generic.toLowerCase(), drugClass, names: members(x, 'names', p) ?? [], sources: sourceList(x, p) }));
    }

    const bodyParts: BodyPartDef[] = [];
    const seenParts = new Set<string>();
    for (const [x, p] of entries('bodyParts')) {
      const id = x.id as string;
      if (!once(seenParts, id, `${p}.id`, `body part "${id}" appears twice.`)) continue;
      bodyParts.push(clean({ id, terms: members(x, 'terms', p) ?? [], spinalLevels: members(x, 'spinalLevels', p), generalOf: members(x, 'generalOf', p) }));
    }

    const [perioperativeTerms, topicalTerms, patchTerms] = PHRASE_LISTS.map((k) => members(json, k, ''));
    const file: VocabularyFile = clean({
      schemaVersion: 1 as const,
      version: drop.top.has('version') ? undefined : text(json, 'version'),
      description: drop.top.has('description') ? undefined : text(json, 'description'),
      sources,
      categories,
      perioperativeTerms,
      drugClasses,
      topicalTerms,
      patchTerms,
      drugs,
      bodyParts,
    });
    return { file, errors };
  } catch (e) {
    err('', `Unreadable vocabulary data: ${e instanceof Error ? e.message : String(e)}`);
    return { file: null, errors };
  }
}
