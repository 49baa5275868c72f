/**
 * The guideline knowledge base: what a cited page, section or regulation is about, with sources.
 *
 * The facts are data (`server/knowledge/*.json`, one file per guideline edition, described by
 * `server/knowledge/knowledge.schema.json`); this module types them, validates user files (errors
 * come back as data, nothing here throws), merges a user's file over the bundled base and answers
 * lookups by guideline, edition and locator. Regulation meanings depend on the letter's date, so
 * this is also where a letter's era is worked out.
 *
 * Confidence policy (see `server/knowledge/README.md`): bundled entries carry only facts tagged
 * LETTER, REG or WEB in the team's reference table; recalled page numbers nobody could confirm are
 * left out. An entry marked UNCONFIRMED (possible in a user's file) is never presented as fact.
 */
import ccr9792 from '../../knowledge/ccr-title8-9792.json';
import imrProcedure from '../../knowledge/imr-procedure.json';
import acoem2004 from '../../knowledge/mtus-acoem-2004.json';
import acupuncture2007 from '../../knowledge/mtus-acupuncture-2007.json';
import cpmtg2009 from '../../knowledge/mtus-cpmtg-2009.json';
import cpmtg2016 from '../../knowledge/mtus-cpmtg-2016.json';
import opioids2016 from '../../knowledge/mtus-opioids-2016.json';
import postsurgical2009 from '../../knowledge/mtus-postsurgical-2009.json';
import nonMtus from '../../knowledge/non-mtus.json';
import type { Letter } from './types';

// ------------------------------------------------------------------------------------------ types

/** How well a fact is sourced. `USER`: supplied in the user's own knowledge file. */
export type Confidence = 'LETTER' | 'REG' | 'WEB' | 'USER' | 'UNCONFIRMED';
export const CONFIDENCES: readonly Confidence[] = ['LETTER', 'REG', 'WEB', 'USER', 'UNCONFIRMED'];
/** Confidence levels whose content may be stated as fact. */
export const STATED_CONFIDENCES: readonly Confidence[] = ['LETTER', 'REG', 'WEB', 'USER'];

export interface SourceRef {
  readonly tag: Confidence;
  /** Human-readable reference: a letter (`seed 000`, `IMR letter CM16-0241231`), a regulation, a page title. */
  readonly ref: string;
  readonly url?: string;
}

export type LimitUnit =
  | 'visits'
  | 'sessions'
  | 'treatments'
  | 'tests'
  | 'sets'
  | 'days'
  | 'working days'
  | 'weeks'
  | 'months'
  | 'mg/day MED';
export const LIMIT_UNITS: readonly LimitUnit[] = [
  'visits', 'sessions', 'treatments', 'tests', 'sets', 'days', 'working days', 'weeks', 'months', 'mg/day MED',
];

/**
 * What a limit is: `initial` and `total` are counts a request can be compared with (an initial
 * trial; the most allowed in all); `frequency` is per `per`; `duration` is how long; `threshold`
 * is a level that triggers something; `deadline` a time limit for a party.
 */
export type LimitKind = 'initial' | 'total' | 'frequency' | 'duration' | 'threshold' | 'deadline';
export const LIMIT_KINDS: readonly LimitKind[] = ['initial', 'total', 'frequency', 'duration', 'threshold', 'deadline'];

export type DurationUnit = 'days' | 'weeks' | 'months' | 'years';
export const DURATION_UNITS: readonly DurationUnit[] = ['days', 'weeks', 'months', 'years'];

/** A number a guideline states: "6 to 10 visits over 5 to 6 weeks" is min 6, max 10, over 5-6 weeks. */
export interface Limit {
  readonly kind: LimitKind;
  /** Short label in our words, e.g. "initial trial". */
  readonly label: string;
  readonly min?: number;
  readonly max: number;
  readonly unit: LimitUnit;
  /** The window the count is spread over. */
  readonly over?: { readonly min?: number; readonly max: number; readonly unit: DurationUnit };
  /** For frequencies: per what. */
  readonly per?: 'day' | 'week' | 'month' | 'year';
  /** The diagnosis or case the number applies to, e.g. "myalgia and myositis". */
  readonly condition?: string;
  /** What must be shown to reach the number, e.g. "objective functional improvement". */
  readonly requires?: string;
}

/** Where an entry sits in its document. Several keys may be combined (chapter + table + pages). */
export interface EntryLocator {
  /** Printed page range (inclusive). */
  readonly pages?: { readonly from: number; readonly to: number };
  /** Section or heading name as the guideline (or letters) name it. */
  readonly section?: string;
  /** Section number, e.g. "3.3.9" (Opioids 2016). */
  readonly sectionNumber?: string;
  /** ACOEM chapter number. */
  readonly chapter?: number;
  /** Chapter or part by name (ACOEM chapter titles, ODG chapters, "General Approaches"). */
  readonly chapterName?: string;
  readonly table?: string;
  /** Regulation section, e.g. "9792.20", or a range "9792.20-9792.26". */
  readonly regulation?: string;
  /** Regulation subdivision letter(s), e.g. "f". */
  readonly subdivision?: string;
  /** Procedure vocabulary: "Upheld", "Overturned", "appeal", "search-sequence", ... */
  readonly term?: string;
  /** A header field key (`decisionDate`, `caseNumber`, ...). */
  readonly header?: string;
}

export interface KnowledgeEntry {
  /** Unique within its document. A user entry with the same id replaces the bundled one. */
  readonly id: string;
  readonly locator: EntryLocator;
  /** Short topic name. */
  readonly topic: string;
  /** Other names letters use for the same section or topic (spelling variants included). */
  readonly aliases?: readonly string[];
  /** How letters name this part as a guideline label, e.g. "Low Back Complaints 2004". */
  readonly labels?: readonly string[];
  /** Drug names (generic and brand, e.g. "cyclobenzaprine", "Flexeril") this entry is about: when an
   *  item's request names one, the hover shows this entry before the section the letter cites. */
  readonly drugs?: readonly string[];
  /** What it says, in our own words. Empty when only the name is known. */
  readonly summary: string;
  /** True when only the name/locator is known, not what the page or section says. */
  readonly nameOnly?: boolean;
  /** Pages of this chapter are numbered on their own (ACOEM's 2007 elbow chapter). */
  readonly ownPagination?: boolean;
  readonly limits?: readonly Limit[];
  /** Other ways letters write this locator, e.g. "9792.20(ef)". */
  readonly aliasLocators?: readonly string[];
  /** ISO dates bounding when this text was in force (regulations). */
  readonly validFrom?: string;
  readonly validTo?: string;
  readonly sources: readonly SourceRef[];
  readonly confidence: Confidence;
  /** Caveats: disagreements between sources, what is not confirmed. */
  readonly notes?: string;
}

export interface RegulationEra {
  readonly id: string;
  readonly from: string;
  readonly to?: string;
  readonly label: string;
}

export type DocumentKind = 'guideline' | 'regulation' | 'procedure';

export interface KnowledgeDocument {
  /** Guideline id, e.g. `mtus-cpmtg`, `ccr-9792`, `odg`. */
  readonly id: string;
  /** Edition key, e.g. `2009`, `2016`, `3rd`, `current`. */
  readonly edition: string;
  readonly title: string;
  readonly kind: DocumentKind;
  /** Part of the MTUS (8 CCR §§9792.20 ff.) at the time letters cite it. */
  readonly inMtus: boolean;
  readonly regulation?: string;
  readonly effective?: { readonly from?: string; readonly to?: string };
  /** How letters name the document after "Decision based on MTUS", year included when they write one. */
  readonly labels?: readonly string[];
  readonly description: string;
  readonly sources: readonly SourceRef[];
  readonly eras?: readonly RegulationEra[];
  readonly entries: readonly KnowledgeEntry[];
  /** Where the document came from (set when loaded). */
  readonly origin?: 'bundled' | 'user';
}

export interface KnowledgeFile {
  readonly $schema?: string;
  readonly schemaVersion: 1;
  /** Version of the data in this file. */
  readonly version: string;
  readonly documents: readonly KnowledgeDocument[];
}

/** The knowledge base in use: bundled documents, possibly merged with a user's file. */
export interface Knowledge {
  readonly documents: readonly KnowledgeDocument[];
  /** Data versions of the files it was built from, e.g. `mtus-cpmtg@2009 1.0.0`. */
  readonly versions: readonly string[];
}

export interface KnowledgeError {
  /** JSON path of the offending value, e.g. `documents[0].entries[3].limits[0].max`. */
  readonly path: string;
  readonly message: string;
}

export const KNOWLEDGE_SCHEMA_VERSION = 1;

// ------------------------------------------------------------------------------------------ bundled base

const BUNDLED_FILES: readonly { name: string; json: unknown }[] = [
  { name: 'mtus-cpmtg-2009.json', json: cpmtg2009 },
  { name: 'mtus-cpmtg-2016.json', json: cpmtg2016 },
  { name: 'mtus-opioids-2016.json', json: opioids2016 },
  { name: 'mtus-acoem-2004.json', json: acoem2004 },
  { name: 'mtus-acupuncture-2007.json', json: acupuncture2007 },
  { name: 'mtus-postsurgical-2009.json', json: postsurgical2009 },
  { name: 'ccr-title8-9792.json', json: ccr9792 },
  { name: 'non-mtus.json', json: nonMtus },
  { name: 'imr-procedure.json', json: imrProcedure },
];

/** The bundled files as shipped (for tests and for tools that list them). */
export function bundledKnowledgeFiles(): readonly { name: string; json: unknown }[] {
  return BUNDLED_FILES;
}

let bundled: { kb: Knowledge; errors: KnowledgeError[] } | null = null;

/** The bundled knowledge base, validated once. Invalid parts are dropped (and caught by the tests). */
export function bundledKnowledge(): Knowledge {
  return loadBundled().kb;
}

/** Validation errors in the bundled files (empty when the data is sound). */
export function bundledKnowledgeErrors(): readonly KnowledgeError[] {
  return loadBundled().errors;
}

function loadBundled(): { kb: Knowledge; errors: KnowledgeError[] } {
  if (bundled) return bundled;
  const documents: KnowledgeDocument[] = [];
  const versions: string[] = [];
  const errors: KnowledgeError[] = [];
  for (const f of BUNDLED_FILES) {
    const v = validateKnowledge(f.json);
    for (const e of v.errors) errors.push({ path: `${f.name}: ${e.path}`, message: e.message });
    if (!v.file) continue;
    for (const d of v.file.documents) {
      documents.push({ ...d, origin: 'bundled' });
      versions.push(`${d.id}@${d.edition} ${v.file.version}`);
    }
  }
  bundled = { kb: { documents, versions }, errors };
  return bundled;
}

// ------------------------------------------------------------------------------------------ validation

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_TEXT = 4000;

/**
 * Checks a parsed JSON value against the knowledge file format. Never throws: returns the errors
 * and a cleaned file holding the documents and entries that passed (a bad entry is dropped, the
 * rest of its document kept), or `file: null` when nothing usable remains.
 */
export function validateKnowledge(json: unknown): { file: KnowledgeFile | null; errors: KnowledgeError[] } {
  const errors: KnowledgeError[] = [];
  try {
    if (!isObject(json)) {
      errors.push({ path: '', message: 'A knowledge file must be a JSON object.' });
      return { file: null, errors };
    }
    if (json.schemaVersion !== KNOWLEDGE_SCHEMA_VERSION) {
      errors.push({ path: 'schemaVersion', message: `schemaVersion must be ${KNOWLEDGE_SCHEMA_VERSION}.` });
      return { file: null, errors };
    }
    const version = typeof json.version === 'string' && json.version.length > 0 ? json.version : '0';
    if (json.version !== undefined && typeof json.version !== 'string') {
      errors.push({ path: 'version', message: 'version must be a string.' });
    }
    if (!Array.isArray(json.documents)) {
      errors.push({ path: 'documents', message: 'documents must be an array.' });
      return { file: null, errors };
    }
    const documents: KnowledgeDocument[] = [];
    const seenDocs = new Set<string>();
    json.documents.forEach((d, i) => {
      const doc = validateDocument(d, `documents[${i}]`, errors);
      if (!doc) return;
      const key = `${doc.id}@${doc.edition}`;
      if (seenDocs.has(key)) {
        errors.push({ path: `documents[${i}]`, message: `Document ${key} appears twice in this file.` });
        return;
      }
      seenDocs.add(key);
      documents.push(doc);
    });
    if (documents.length === 0) return { file: null, errors };
    return { file: { schemaVersion: 1, version, documents }, errors };
  } catch (e) {
    errors.push({ path: '', message: `Unreadable knowledge data: ${e instanceof Error ? e.message : String(e)}` });
    return { file: null, errors };
  }
}

function validateDocument(d: unknown, path: string, errors: KnowledgeError[]): KnowledgeDocument | null {
  if (!isObject(d)) {
    errors.push({ path, message: 'A document must be an object.' });
    return null;
  }
  const before = errors.length;
  const id = reqString(d, 'id', path, errors);
  const edition = reqString(d, 'edition', path, errors);
  if (id !== null && !/^[a-z0-9][a-z0-9-]*$/.test(id)) {
    errors.push({ path: `${path}.id`, message: 'id must be lower-case letters, digits and hyphens.' });
  }
  if (!Array.isArray(d.entries)) errors.push({ path: `${path}.entries`, message: 'entries must be an array.' });
  const title = optString(d, 'title', path, errors);
  const kind = optEnum(d, 'kind', ['guideline', 'regulation', 'procedure'] as const, path, errors);
  const inMtus = optBoolean(d, 'inMtus', path, errors);
  const regulation = optString(d, 'regulation', path, errors);
  const description = optString(d, 'description', path, errors);
  const effective = optDateRange(d, 'effective', path, errors);
  const labels = optStringArray(d, 'labels', path, errors);
  const sources = optSources(d, 'sources', path, errors);
  let eras: RegulationEra[] | undefined;
  if (d.eras !== undefined) {
    if (!Array.isArray(d.eras)) errors.push({ path: `${path}.eras`, message: 'eras must be an array.' });
    else {
      eras = [];
      d.eras.forEach((e, i) => {
        const p = `${path}.eras[${i}]`;
        if (!isObject(e)) return void errors.push({ path: p, message: 'An era must be an object.' });
        const eid = reqString(e, 'id', p, errors);
        const from = reqDate(e, 'from', p, errors);
        const to = e.to === undefined ? undefined : reqDate(e, 'to', p, errors);
        const label = reqString(e, 'label', p, errors);
        if (eid !== null && from !== null && label !== null && to !== null) {
          eras!.push(to === undefined ? { id: eid, from, label } : { id: eid, from, to, label });
        }
      });
    }
  }
  if (errors.length > before || id === null || edition === null || !Array.isArray(d.entries)) return null;
  const entries: KnowledgeEntry[] = [];
  const seen = new Set<string>();
  d.entries.forEach((e, i) => {
    const entry = validateEntry(e, `${path}.entries[${i}]`, errors);
    if (!entry) return;
    if (seen.has(entry.id)) {
      errors.push({ path: `${path}.entries[${i}].id`, message: `Entry id "${entry.id}" is used twice in ${id}@${edition}.` });
      return;
    }
    seen.add(entry.id);
    entries.push(entry);
  });
  const doc: KnowledgeDocument = {
    id,
    edition,
    title: title ?? `${id} ${edition}`,
    kind: kind ?? 'guideline',
    inMtus: inMtus ?? false,
    description: description ?? '',
    sources: sources ?? [],
    entries,
    ...(regulation !== null && regulation !== undefined ? { regulation } : {}),
    ...(effective ? { effective } : {}),
    ...(labels ? { labels } : {}),
    ...(eras ? { eras } : {}),
  };
  return doc;
}

function validateEntry(e: unknown, path: string, errors: KnowledgeError[]): KnowledgeEntry | null {
  if (!isObject(e)) {
    errors.push({ path, message: 'An entry must be an object.' });
    return null;
  }
  const before = errors.length;
  const id = reqString(e, 'id', path, errors);
  const topic = reqString(e, 'topic', path, errors);
  const summary = optString(e, 'summary', path, errors) ?? '';
  const locator = validateLocator(e.locator, `${path}.locator`, errors);
  const aliases = optStringArray(e, 'aliases', path, errors);
  const labels = optStringArray(e, 'labels', path, errors);
  const drugs = optStringArray(e, 'drugs', path, errors);
  const aliasLocators = optStringArray(e, 'aliasLocators', path, errors);
  const nameOnly = optBoolean(e, 'nameOnly', path, errors);
  const ownPagination = optBoolean(e, 'ownPagination', path, errors);
  const validFrom = e.validFrom === undefined ? undefined : reqDate(e, 'validFrom', path, errors);
  const validTo = e.validTo === undefined ? undefined : reqDate(e, 'validTo', path, errors);
  const notes = optString(e, 'notes', path, errors);
  const sources = optSources(e, 'sources', path, errors) ?? [];
  const confidence = optEnum(e, 'confidence', CONFIDENCES, path, errors) ?? 'USER';
  let limits: Limit[] | undefined;
  if (e.limits !== undefined) {
    if (!Array.isArray(e.limits)) errors.push({ path: `${path}.limits`, message: 'limits must be an array.' });
    else {
      limits = [];
      e.limits.forEach((l, i) => {
        const lim = validateLimit(l, `${path}.limits[${i}]`, errors);
        if (lim) limits!.push(lim);
      });
    }
  }
  if (validFrom && validTo && validFrom > validTo) {
    errors.push({ path: `${path}.validTo`, message: 'validTo is before validFrom.' });
  }
  if (summary.length === 0 && !nameOnly) {
    errors.push({ path: `${path}.summary`, message: 'An entry needs a summary unless it is marked nameOnly.' });
  }
  if (errors.length > before || id === null || topic === null || locator === null) return null;
  return {
    id,
    locator,
    topic,
    summary,
    sources,
    confidence,
    ...(aliases ? { aliases } : {}),
    ...(labels ? { labels } : {}),
    ...(drugs ? { drugs } : {}),
    ...(aliasLocators ? { aliasLocators } : {}),
    ...(nameOnly !== undefined ? { nameOnly } : {}),
    ...(ownPagination !== undefined ? { ownPagination } : {}),
    ...(limits && limits.length ? { limits } : {}),
    ...(validFrom ? { validFrom } : {}),
    ...(validTo ? { validTo } : {}),
    ...(notes ? { notes } : {}),
  };
}

function validateLocator(l: unknown, path: string, errors: KnowledgeError[]): EntryLocator | null {
  if (!isObject(l)) {
    errors.push({ path, message: 'locator must be an object.' });
    return null;
  }
  const before = errors.length;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(l)) {
    if (!['pages', 'section', 'sectionNumber', 'chapter', 'chapterName', 'table', 'regulation', 'subdivision', 'term', 'header'].includes(k)) {
      errors.push({ path: `${path}.${k}`, message: `Unknown locator key "${k}".` });
    }
  }
  if (l.pages !== undefined) {
    const p = l.pages;
    if (!isObject(p) || !isPageNumber(p.from) || !isPageNumber(p.to) || (p.from as number) > (p.to as number)) {
      errors.push({ path: `${path}.pages`, message: 'pages must be {"from": n, "to": m} with 1 <= n <= m <= 2000.' });
    } else out.pages = { from: p.from, to: p.to };
  }
  for (const k of ['section', 'sectionNumber', 'chapterName', 'table', 'regulation', 'subdivision', 'term', 'header']) {
    if (l[k] === undefined) continue;
    if (typeof l[k] !== 'string' || (l[k] as string).length === 0 || (l[k] as string).length > 300) {
      errors.push({ path: `${path}.${k}`, message: `${k} must be a non-empty string.` });
    } else out[k] = l[k];
  }
  if (l.chapter !== undefined) {
    if (!Number.isInteger(l.chapter) || (l.chapter as number) < 1 || (l.chapter as number) > 99) {
      errors.push({ path: `${path}.chapter`, message: 'chapter must be an integer from 1 to 99.' });
    } else out.chapter = l.chapter;
  }
  if (typeof out.regulation === 'string' && !/^9792\.\d{2}(?:\.\d{1,2})?(?:-9792\.\d{2}(?:\.\d{1,2})?)?$/.test(out.regulation)) {
    errors.push({ path: `${path}.regulation`, message: 'regulation must look like 9792.20, 9792.24.2 or 9792.20-9792.26.' });
  }
  if (typeof out.subdivision === 'string' && !/^[a-z]{1,2}$/.test(out.subdivision)) {
    errors.push({ path: `${path}.subdivision`, message: 'subdivision must be one or two lower-case letters.' });
  }
  if (Object.keys(out).length === 0 && errors.length === before) {
    errors.push({ path, message: 'locator must name at least one of pages, section, sectionNumber, chapter, chapterName, table, regulation, term, header.' });
  }
  return errors.length > before ? null : (out as EntryLocator);
}

function validateLimit(l: unknown, path: string, errors: KnowledgeError[]): Limit | null {
  if (!isObject(l)) {
    errors.push({ path, message: 'A limit must be an object.' });
    return null;
  }
  const before = errors.length;
  const kind = optEnum(l, 'kind', LIMIT_KINDS, path, errors);
  if (kind === undefined) errors.push({ path: `${path}.kind`, message: 'kind is required.' });
  const label = reqString(l, 'label', path, errors);
  const unit = optEnum(l, 'unit', LIMIT_UNITS, path, errors);
  if (unit === undefined) errors.push({ path: `${path}.unit`, message: 'unit is required.' });
  const max = l.max;
  if (typeof max !== 'number' || !Number.isFinite(max) || max < 0) {
    errors.push({ path: `${path}.max`, message: 'max must be a non-negative number.' });
  }
  if (l.min !== undefined && (typeof l.min !== 'number' || !Number.isFinite(l.min) || l.min < 0 || (typeof max === 'number' && l.min > max))) {
    errors.push({ path: `${path}.min`, message: 'min must be a non-negative number no larger than max.' });
  }
  let over: Limit['over'];
  if (l.over !== undefined) {
    const o = l.over;
    if (
      !isObject(o) ||
      typeof o.max !== 'number' ||
      o.max <= 0 ||
      !DURATION_UNITS.includes(o.unit as DurationUnit) ||
      (o.min !== undefined && (typeof o.min !== 'number' || o.min > o.max))
    ) {
      errors.push({ path: `${path}.over`, message: 'over must be {"max": n, "unit": "days|weeks|months|years"} with an optional min <= max.' });
    } else {
      over = o.min === undefined ? { max: o.max, unit: o.unit as DurationUnit } : { min: o.min as number, max: o.max, unit: o.unit as DurationUnit };
    }
  }
  const per = optEnum(l, 'per', ['day', 'week', 'month', 'year'] as const, path, errors);
  const condition = optString(l, 'condition', path, errors);
  const requires = optString(l, 'requires', path, errors);
  if (errors.length > before || kind === undefined || unit === undefined || label === null) return null;
  return {
    kind,
    label,
    max: max as number,
    unit,
    ...(l.min !== undefined ? { min: l.min as number } : {}),
    ...(over ? { over } : {}),
    ...(per ? { per } : {}),
    ...(condition ? { condition } : {}),
    ...(requires ? { requires } : {}),
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPageNumber(v: unknown): boolean {
  return Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 2000;
}

function reqString(o: Record<string, unknown>, k: string, path: string, errors: KnowledgeError[]): string | null {
  const v = o[k];
  if (typeof v !== 'string' || v.trim().length === 0) {
    errors.push({ path: `${path}.${k}`, message: `${k} is required and must be a non-empty string.` });
    return null;
  }
  if (v.length > MAX_TEXT) {
    errors.push({ path: `${path}.${k}`, message: `${k} is longer than ${MAX_TEXT} characters.` });
    return null;
  }
  return v;
}

function optString(o: Record<string, unknown>, k: string, path: string, errors: KnowledgeError[]): string | undefined {
  const v = o[k];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.length > MAX_TEXT) {
    errors.push({ path: `${path}.${k}`, message: `${k} must be a string of at most ${MAX_TEXT} characters.` });
    return undefined;
  }
  return v;
}

function optBoolean(o: Record<string, unknown>, k: string, path: string, errors: KnowledgeError[]): boolean | undefined {
  const v = o[k];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') {
    errors.push({ path: `${path}.${k}`, message: `${k} must be true or false.` });
    return undefined;
  }
  return v;
}

function optEnum<T extends string>(
  o: Record<string, unknown>, k: string, values: readonly T[], path: string, errors: KnowledgeError[],
): T | undefined {
  const v = o[k];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !values.includes(v as T)) {
    errors.push({ path: `${path}.${k}`, message: `${k} must be one of ${values.join(', ')}.` });
    return undefined;
  }
  return v as T;
}

function optStringArray(o: Record<string, unknown>, k: string, path: string, errors: KnowledgeError[]): string[] | undefined {
  const v = o[k];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s.length === 0 || s.length > 300)) {
    errors.push({ path: `${path}.${k}`, message: `${k} must be an array of non-empty strings.` });
    return undefined;
  }
  return v as string[];
}

function reqDate(o: Record<string, unknown>, k: string, path: string, errors: KnowledgeError[]): string | null {
  const v = o[k];
  if (typeof v !== 'string' || !ISO_DATE.test(v) || Number.isNaN(Date.parse(v + 'T00:00:00Z'))) {
    errors.push({ path: `${path}.${k}`, message: `${k} must be an ISO date (YYYY-MM-DD).` });
    return null;
  }
  return v;
}

function optDateRange(o: Record<string, unknown>, k: string, path: string, errors: KnowledgeError[]): { from?: string; to?: string } | undefined {
  const v = o[k];
  if (v === undefined) return undefined;
  if (!isObject(v)) {
    errors.push({ path: `${path}.${k}`, message: `${k} must be {"from": date, "to": date}.` });
    return undefined;
  }
  const p = `${path}.${k}`;
  const from = v.from === undefined ? undefined : reqDate(v, 'from', p, errors);
  const to = v.to === undefined ? undefined : reqDate(v, 'to', p, errors);
  if (from === null || to === null) return undefined;
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

function optSources(o: Record<string, unknown>, k: string, path: string, errors: KnowledgeError[]): SourceRef[] | undefined {
  const v = o[k];
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) {
    errors.push({ path: `${path}.${k}`, message: `${k} must be an array of {"tag", "ref"} objects.` });
    return undefined;
  }
  const out: SourceRef[] = [];
  v.forEach((s, i) => {
    const p = `${path}.${k}[${i}]`;
    if (!isObject(s)) return void errors.push({ path: p, message: 'A source must be an object.' });
    const tag = optEnum(s, 'tag', CONFIDENCES, p, errors);
    if (tag === undefined) errors.push({ path: `${p}.tag`, message: 'tag is required.' });
    const ref = reqString(s, 'ref', p, errors);
    const url = optString(s, 'url', p, errors);
    if (url !== undefined && !/^https?:\/\/\S+$/.test(url)) errors.push({ path: `${p}.url`, message: 'url must be an http(s) address.' });
    if (tag && ref !== null) out.push(url && /^https?:\/\/\S+$/.test(url) ? { tag, ref, url } : { tag, ref });
  });
  return out;
}

// ------------------------------------------------------------------------------------------ merging

/**
 * The base with a user's files laid over it. A user document with the same id and edition as a
 * bundled one extends it: a user entry replaces the bundled entry with the same id, or else the one
 * with the same locator, and is otherwise added; the user's title, description and labels replace
 * the bundled ones when given. Other user documents are added. Never throws; the inputs are not
 * changed.
 */
export function mergeKnowledge(base: Knowledge, ...user: readonly (KnowledgeFile | null | undefined)[]): Knowledge {
  const documents = base.documents.slice();
  const versions = base.versions.slice();
  for (const file of user) {
    if (!file) continue;
    for (const ud of file.documents) {
      const i = documents.findIndex((d) => d.id === ud.id && d.edition === ud.edition);
      versions.push(`${ud.id}@${ud.edition} ${file.version} (user)`);
      const userEntries = ud.entries.map((e) => ({ ...e }));
      if (i < 0) {
        documents.push({ ...ud, entries: userEntries, origin: 'user' });
        continue;
      }
      const b = documents[i];
      const entries = b.entries.slice();
      for (const ue of userEntries) {
        let j = entries.findIndex((e) => e.id === ue.id);
        if (j < 0) j = entries.findIndex((e) => locatorKey(e.locator) === locatorKey(ue.locator) && sameValidity(e, ue));
        if (j >= 0) entries[j] = ue;
        else entries.push(ue);
      }
      documents[i] = {
        ...b,
        entries,
        title: ud.title !== `${ud.id} ${ud.edition}` ? ud.title : b.title,
        description: ud.description || b.description,
        labels: ud.labels ? [...(b.labels ?? []), ...ud.labels] : b.labels,
        sources: [...b.sources, ...ud.sources],
      };
    }
  }
  return { documents, versions };
}

function sameValidity(a: KnowledgeEntry, b: KnowledgeEntry): boolean {
  return (a.validFrom ?? '') === (b.validFrom ?? '') && (a.validTo ?? '') === (b.validTo ?? '');
}

/** A canonical string for a locator (entries with equal keys describe the same place). */
export function locatorKey(l: EntryLocator): string {
  const parts: string[] = [];
  if (l.chapter !== undefined) parts.push(`ch${l.chapter}`);
  if (l.chapterName) parts.push(`cn:${nameKey(l.chapterName)}`);
  if (l.table) parts.push(`t:${l.table}`);
  if (l.pages) parts.push(`p:${l.pages.from}-${l.pages.to}`);
  if (l.sectionNumber) parts.push(`n:${l.sectionNumber}`);
  if (l.section) parts.push(`s:${nameKey(l.section)}`);
  if (l.regulation) parts.push(`r:${l.regulation}${l.subdivision ? `(${l.subdivision})` : ''}`);
  if (l.term) parts.push(`term:${l.term.toLowerCase()}`);
  if (l.header) parts.push(`h:${l.header}`);
  return parts.join('|');
}

// ------------------------------------------------------------------------------------------ names

/**
 * Comparison key for section and topic names: case, punctuation, parenthetical glosses and
 * `&`/`and` differences ignored, so "NSAIDs (non-steroidal anti-inflammatory drugs)" = "NSAIDs",
 * "Electro-diagnostic testing" = "Electrodiagnostic testing", "Forearm, Wrist, & Hand" =
 * "Forearm, Wrist and Hand".
 */
export function nameKey(s: string): string {
  return memoKey(NAME_KEYS, s, () => {
    const bounded = s.length > 400 ? s.slice(0, 400) : s;
    const lower = bounded.toLowerCase();
    let k = lower.replace(/\([^()]{0,200}\)/g, ' ').replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, '');
    if (k.length === 0) k = lower.replace(/[^a-z0-9]+/g, '');
    return k;
  });
}

/** Key for a guideline label: words and year, e.g. "stress related conditions 2004". */
export function labelKey(s: string): string {
  return memoKey(LABEL_KEYS, s, () => s.toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim());
}

// Keys are computed for the same few hundred names over and over (every lookup of every letter);
// a bounded cache keeps that cheap without growing without limit.
const NAME_KEYS = new Map<string, string>();
const LABEL_KEYS = new Map<string, string>();
const MAX_CACHED_KEYS = 20000;

function memoKey(cache: Map<string, string>, s: string, compute: () => string): string {
  let k = cache.get(s);
  if (k === undefined) {
    if (cache.size >= MAX_CACHED_KEYS) cache.clear();
    k = compute();
    cache.set(s, k);
  }
  return k;
}

/** True when a topic as written agrees with an entry's topic or one of its aliases. */
export function topicsAgree(written: string, entry: KnowledgeEntry): boolean {
  const w = nameKey(written);
  if (w.length < 3) return false;
  for (const name of [entry.topic, ...(entry.aliases ?? [])]) {
    const k = nameKey(name);
    if (k.length >= 3 && (w === k || w.includes(k) || k.includes(w))) return true;
  }
  return false;
}

// ------------------------------------------------------------------------------------------ lookup

interface Index {
  docs: Map<string, KnowledgeDocument>;
  /** labelKey -> document (and chapter entry when the label names an ACOEM chapter). */
  labels: Map<string, { doc: KnowledgeDocument; entry: KnowledgeEntry | null }>;
  /** "9792.20|f" -> entries (from every document). */
  regulations: Map<string, { doc: KnowledgeDocument; entry: KnowledgeEntry }[]>;
  /** doc key -> section name keys (sections and aliases), for splitting section lists. */
  sectionKeys: Map<string, Set<string>>;
}

const indexes = new WeakMap<Knowledge, Index>();

function index(kb: Knowledge): Index {
  let ix = indexes.get(kb);
  if (ix) return ix;
  ix = { docs: new Map(), labels: new Map(), regulations: new Map(), sectionKeys: new Map() };
  for (const doc of kb.documents) {
    const key = `${doc.id}@${doc.edition}`;
    ix.docs.set(key, doc);
    for (const l of doc.labels ?? []) if (!ix.labels.has(labelKey(l))) ix.labels.set(labelKey(l), { doc, entry: null });
    const names = new Set<string>();
    for (const e of doc.entries) {
      for (const l of e.labels ?? []) ix.labels.set(labelKey(l), { doc, entry: e });
      if (e.locator.section) names.add(nameKey(e.locator.section));
      for (const a of e.aliases ?? []) if (e.locator.section) names.add(nameKey(a));
      const regs: string[] = [];
      if (e.locator.regulation) regs.push(`${e.locator.regulation}|${e.locator.subdivision ?? ''}`);
      for (const a of e.aliasLocators ?? []) {
        const r = parseRegulationText(a);
        if (r) regs.push(`${r.section}${r.through ? `-${r.through}` : ''}|${r.subdivision ?? ''}`);
      }
      for (const r of regs) {
        const list = ix.regulations.get(r) ?? [];
        list.push({ doc, entry: e });
        ix.regulations.set(r, list);
      }
    }
    ix.sectionKeys.set(key, names);
  }
  indexes.set(kb, ix);
  return ix;
}

/** Parses "9792.20(ef)", "9792.20f", "9792.20 - 9792.26" into parts; null when it is not one. */
export function parseRegulationText(s: string): { section: string; subdivision: string | null; through: string | null } | null {
  const m = /^\s*(9792\.\d{2}(?:\.\d{1,2})?)\s*(?:\(?([a-z]{1,2})\)?)?\s*(?:[-–]\s*(9792\.\d{2}(?:\.\d{1,2})?))?\s*$/.exec(s.slice(0, 60));
  if (!m) return null;
  return { section: m[1], subdivision: m[2] ?? null, through: m[3] ?? null };
}

export function findDocument(kb: Knowledge, guideline: string, edition: string): KnowledgeDocument | null {
  return index(kb).docs.get(`${guideline}@${edition}`) ?? null;
}

/** The documents of one guideline, all editions. */
export function documentsOf(kb: Knowledge, guideline: string): KnowledgeDocument[] {
  return kb.documents.filter((d) => d.id === guideline);
}

/** The document (and chapter entry) a letter's guideline label names, e.g. "Low Back Complaints 2004". */
export function documentForLabel(kb: Knowledge, label: string): { doc: KnowledgeDocument; entry: KnowledgeEntry | null } | null {
  return index(kb).labels.get(labelKey(label)) ?? null;
}

/** Section-name keys known for a document (used to split comma-separated section lists). */
export function knownSectionKeys(kb: Knowledge, guideline: string, edition: string): ReadonlySet<string> {
  return index(kb).sectionKeys.get(`${guideline}@${edition}`) ?? new Set();
}

/**
 * Entries whose page range holds `page`, narrowest first. With `chapter`, entries tied to another
 * chapter are skipped; entries of a chapter with its own pagination need that chapter.
 */
export function lookupPage(kb: Knowledge, guideline: string, edition: string, page: number, chapter?: number | null): KnowledgeEntry[] {
  const doc = findDocument(kb, guideline, edition);
  if (!doc) return [];
  const out = doc.entries.filter((e) => {
    const p = e.locator.pages;
    if (!p || page < p.from || page > p.to) return false;
    if (e.locator.chapter !== undefined) {
      if (chapter != null && chapter !== e.locator.chapter) return false;
      if (chapter == null && e.ownPagination) return false;
    } else if (chapter != null && hasOwnPagination(doc, chapter)) return false;
    return true;
  });
  return out.sort((a, b) => span(a) - span(b));
}

function hasOwnPagination(doc: KnowledgeDocument, chapter: number): boolean {
  return doc.entries.some((e) => e.ownPagination && e.locator.chapter === chapter);
}

function span(e: KnowledgeEntry): number {
  return e.locator.pages ? e.locator.pages.to - e.locator.pages.from : 0;
}

/**
 * The entry for a section, by number first (Opioids 2016), then by name or alias. With `chapter`
 * (ACOEM), entries tied to another chapter are skipped, so "Initial Care" under the shoulder chapter
 * does not resolve to the low back chapter's Initial Care page.
 */
export function lookupSection(
  kb: Knowledge,
  guideline: string,
  edition: string,
  name: string,
  number?: string | null,
  chapter?: number | null,
): KnowledgeEntry | null {
  const doc = findDocument(kb, guideline, edition);
  if (!doc) return null;
  if (number) {
    const n = number.replace(/\.$/, '');
    const byNumber = doc.entries.find((e) => e.locator.sectionNumber !== undefined && e.locator.sectionNumber.replace(/\.$/, '') === n);
    if (byNumber) return byNumber;
  }
  const k = nameKey(name);
  if (k.length === 0) return null;
  let fallback: KnowledgeEntry | null = null;
  for (const e of doc.entries) {
    if (!e.locator.section && !e.locator.chapterName) continue;
    const hit =
      (e.locator.section !== undefined && nameKey(e.locator.section) === k) ||
      (e.locator.section === undefined && e.locator.chapterName !== undefined && nameKey(e.locator.chapterName) === k) ||
      (e.aliases ?? []).some((a) => nameKey(a) === k);
    if (!hit) continue;
    if (chapter != null && e.locator.chapter !== undefined && e.locator.chapter !== chapter) continue;
    if (chapter != null && e.locator.chapter === chapter) return e;
    // Without the chapter's own entry, the heading in general (an entry tied to no chapter) is
    // preferred over another chapter's entry.
    if (!fallback || (fallback.locator.chapter !== undefined && e.locator.chapter === undefined)) fallback = e;
  }
  return fallback;
}

/**
 * Entries of a non-MTUS document (ODG) for a citation's free text: the chapter it names and the
 * most specific topic entry of that chapter whose name or alias occurs in the text.
 */
export function lookupNonMtus(kb: Knowledge, guideline: string, edition: string, written: string): { chapter: KnowledgeEntry | null; topic: KnowledgeEntry | null } {
  const doc = findDocument(kb, guideline, edition);
  if (!doc) return { chapter: null, topic: null };
  const w = ` ${labelKey(written.slice(0, 600))} `;
  const contains = (name: string): number => {
    const k = labelKey(name);
    return k.length > 0 && w.includes(` ${k} `) ? k.length : 0;
  };
  let chapter: KnowledgeEntry | null = null;
  let chapterScore = 0;
  for (const e of doc.entries) {
    if (!e.locator.chapterName || e.locator.section || e.locator.pages) continue;
    for (const n of [e.locator.chapterName, ...(e.aliases ?? [])]) {
      const sc = contains(n);
      if (sc > chapterScore) {
        chapter = e;
        chapterScore = sc;
      }
    }
  }
  let topic: KnowledgeEntry | null = null;
  let topicScore = 0;
  for (const e of doc.entries) {
    if (!e.locator.section) continue;
    const general = e.locator.chapterName === 'Preface';
    if (e.locator.chapterName && !general && e.locator.chapterName !== chapter?.locator.chapterName) continue;
    for (const n of [e.locator.section, ...(e.aliases ?? [])]) {
      // General (preface) rules rank below a chapter's own entry for the same topic.
      const sc = general && chapter ? contains(n) / 2 : contains(n);
      if (sc > topicScore) {
        topic = e;
        topicScore = sc;
      }
    }
  }
  return { chapter, topic };
}

/** Entries for a chapter of a document (by number or by name). */
export function lookupChapter(kb: Knowledge, guideline: string, edition: string, chapter: number | null, name?: string | null): KnowledgeEntry | null {
  const doc = findDocument(kb, guideline, edition);
  if (!doc) return null;
  const chapterEntries = doc.entries.filter((e) => (e.labels?.length ?? 0) > 0 || (e.locator.chapterName !== undefined && !e.locator.pages && !e.locator.table));
  if (chapter != null) {
    const hit = chapterEntries.find((e) => e.locator.chapter === chapter);
    if (hit) return hit;
  }
  if (name) {
    const k = nameKey(name);
    return chapterEntries.find((e) => e.locator.chapterName !== undefined && nameKey(e.locator.chapterName) === k) ?? null;
  }
  return null;
}

/** A regulation reference resolved for a date (or every era when the date is unknown). */
export interface RegulationMatch {
  readonly doc: KnowledgeDocument;
  readonly entry: KnowledgeEntry;
  /** True when the entry is in force on the date asked about. */
  readonly inForce: boolean;
}

/**
 * Entries for `section` (+ `subdivision`), split into those in force on `date` and the rest, so a
 * hover can say what the reference means in the letter's era and what it meant before or after.
 * Without a date every variant is returned with `inForce` false.
 */
export function lookupRegulation(
  kb: Knowledge,
  section: string,
  subdivision: string | null,
  date: string | null,
  through?: string | null,
): RegulationMatch[] {
  const ix = index(kb);
  const key = `${section}${through ? `-${through}` : ''}|${subdivision ?? ''}`;
  const hits = ix.regulations.get(key) ?? [];
  return hits
    .map(({ doc, entry }) => ({ doc, entry, inForce: date !== null && inForce(entry, date) }))
    .sort((a, b) => Number(b.inForce) - Number(a.inForce) || (a.entry.validFrom ?? '').localeCompare(b.entry.validFrom ?? ''));
}

function inForce(e: KnowledgeEntry, date: string): boolean {
  return (e.validFrom === undefined || e.validFrom <= date) && (e.validTo === undefined || date <= e.validTo);
}

/** A procedure entry by term (`Upheld`, `appeal`, ...) or header key (`decisionDate`, ...). */
export function lookupProcedure(kb: Knowledge, what: { term?: string; header?: string }): KnowledgeEntry | null {
  for (const doc of kb.documents) {
    if (doc.kind !== 'procedure') continue;
    for (const e of doc.entries) {
      if (what.term && e.locator.term && e.locator.term.toLowerCase() === what.term.toLowerCase()) return e;
      if (what.header && e.locator.header === what.header) return e;
    }
  }
  return null;
}

/** An entry may be stated as fact only with a stated confidence and at least one source. */
export function isStatable(e: KnowledgeEntry): boolean {
  return STATED_CONFIDENCES.includes(e.confidence) && (e.confidence === 'USER' || e.sources.some((s) => s.tag !== 'UNCONFIRMED'));
}

/** The structured limits an entry states (empty for unconfirmed entries). */
export function limitsOf(e: KnowledgeEntry): readonly Limit[] {
  return isStatable(e) ? (e.limits ?? []) : [];
}

// ------------------------------------------------------------------------------------------ eras

/** The date a letter's citations are read against, and why. */
export interface LetterEra {
  /** ISO date the regulations are resolved for; null when unknown. */
  readonly date: string | null;
  /** Era id from the regulation document (`2009`, `2015`, ...), or null. */
  readonly era: string | null;
  /** True when `date` is not written in the letter but stands in for its format's period. */
  readonly nominal: boolean;
  readonly basis: string;
}

/** Nominal date for letters whose format dates them but which carry no date (F1a seeds: 2013-2015). */
const FORMAT_DATES: Partial<Record<string, { date: string; basis: string }>> = {
  F1a: {
    date: '2014-06-30',
    basis: 'no decision date in the letter; its format (the "Page(s):" letters of 2013 to early 2015) dates it before the April 2015 amendments',
  },
  F0: { date: '2013-09-01', basis: 'no decision date in the letter; its format is the 2013 notice' },
};

/** Era of a letter: its decision date, else the date its format implies. */
export function letterEra(letter: Letter, kb: Knowledge = bundledKnowledge()): LetterEra {
  const iso = letter.dates.decision?.iso ?? null;
  if (iso) return { date: iso, era: eraOf(kb, iso), nominal: false, basis: `the letter's decision date, ${iso}` };
  const f = FORMAT_DATES[letter.format];
  if (f) return { date: f.date, era: eraOf(kb, f.date), nominal: true, basis: f.basis };
  return { date: null, era: null, nominal: false, basis: 'the letter has no decision date and its format does not date it' };
}

/** Era id (from the regulation document's `eras`) in force on `date`. */
export function eraOf(kb: Knowledge, date: string): string | null {
  for (const doc of kb.documents) {
    for (const e of doc.eras ?? []) if (e.from <= date && (e.to === undefined || date <= e.to)) return e.id;
  }
  return null;
}

/** The era record for an id. */
export function eraById(kb: Knowledge, id: string): RegulationEra | null {
  for (const doc of kb.documents) for (const e of doc.eras ?? []) if (e.id === id) return e;
  return null;
}

/** Edition of the Chronic Pain guideline in force on a date (2016 from 2016-07-28). */
export function cpmtgEditionFor(date: string | null): '2009' | '2016' {
  return date !== null && date >= '2016-07-28' ? '2016' : '2009';
}
