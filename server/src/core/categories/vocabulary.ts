/**
 * The request vocabulary: the words that tell what a disputed item asks for (its category in the
 * style of the DWC's IMR reports, the drug and its class, the body part). It is data
 * (`server/knowledge/vocabulary/request-vocabulary.json`, described by
 * `request-vocabulary.schema.json` beside it); this module types it, validates a user's file
 * (errors come back as data, nothing here throws), merges a user's file over the bundled one and
 * compiles the phrases into an index the classifier reads in one pass over a request's words.
 */
import bundledJson from '../../../knowledge/vocabulary/request-vocabulary.json';

// ------------------------------------------------------------------------------------------ types

export type VocabularyTag = 'LETTER' | 'REG' | 'WEB' | 'USER';

export interface VocabularySource {
  readonly tag: VocabularyTag;
  readonly ref: string;
  readonly url?: string;
}

export interface CategoryDef {
  /** The value written in records, e.g. `physical therapy`. */
  readonly id: string;
  /** How people read it, e.g. `Surgery and associated surgical services`. */
  readonly label: string;
  readonly description?: string;
  /** Phrases that decide the category wherever they stand in the request. */
  readonly decisiveTerms?: readonly string[];
  /** Phrases that decide the category when no earlier phrase decided another. */
  readonly terms?: readonly string[];
  /** Phrases that decide only when no decisive or ordinary phrase is found. */
  readonly weakTerms?: readonly string[];
  /** Word endings (`ectomy`) that count as an ordinary phrase of this category. */
  readonly suffixes?: readonly string[];
  /** In a user's file: replace the bundled phrase lists of this category instead of adding to them. */
  readonly replaceTerms?: boolean;
  readonly sources?: readonly string[];
}

export interface DrugClassDef {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  /** The class stays as it is when the drug is a patch (opioid patches are opioids). */
  readonly keepInPatch?: boolean;
  readonly sources?: readonly string[];
}

export interface DrugDef {
  /** Unique key; defaults to `generic`. A user entry with the same key replaces the bundled one. */
  readonly id?: string;
  /** Generic name in lower case; ingredients of a combination joined with `/`. */
  readonly generic: string;
  readonly drugClass: string;
  /** Brand and generic names as requests write them (case does not matter). */
  readonly names: readonly string[];
  readonly sources?: readonly string[];
}

export interface BodyPartDef {
  readonly id: string;
  readonly terms: readonly string[];
  /** Spinal level letters (`C`, `T`, `L`, `S`) whose levels (`C5-6`, `L4`) name this part. */
  readonly spinalLevels?: readonly string[];
  /** Parts this one is the general name of: dropped when one of them is named too. */
  readonly generalOf?: readonly string[];
}

export interface VocabularyFile {
  readonly $schema?: string;
  readonly schemaVersion: 1;
  readonly version?: string;
  readonly description?: string;
  readonly sources?: Readonly<Record<string, VocabularySource>>;
  readonly categories?: readonly CategoryDef[];
  /** Phrases that make an item part of a surgery when another item of the same letter is one. */
  readonly perioperativeTerms?: readonly string[];
  readonly drugClasses?: readonly DrugClassDef[];
  /** Words that make a drug request topical or compounded (cream, gel, compound, ...). */
  readonly topicalTerms?: readonly string[];
  /** Words that make a drug request a patch. */
  readonly patchTerms?: readonly string[];
  readonly drugs?: readonly DrugDef[];
  readonly bodyParts?: readonly BodyPartDef[];
}

export interface VocabularyError {
  /** JSON path of the offending value, e.g. `drugs[3].names[0]`. */
  readonly path: string;
  readonly message: string;
}

/** What a phrase in the index stands for. */
export type PhraseTarget =
  | { readonly kind: 'category'; readonly category: string; readonly strength: Strength }
  | { readonly kind: 'drug'; readonly drug: DrugDef };

/** 0: decisive, 1: ordinary, 2: weak. */
export type Strength = 0 | 1 | 2;

/** A compiled vocabulary: the definitions, and phrase indexes the classifier uses. */
export interface Vocabulary {
  readonly version: string;
  readonly sources: Readonly<Record<string, VocabularySource>>;
  readonly categories: readonly CategoryDef[];
  readonly drugClasses: readonly DrugClassDef[];
  readonly drugs: readonly DrugDef[];
  readonly bodyParts: readonly BodyPartDef[];
  /** Category and drug phrases. */
  readonly phrases: PhraseIndex<PhraseTarget>;
  readonly bodyPhrases: PhraseIndex<BodyPartDef>;
  readonly topical: PhraseIndex<true>;
  readonly patch: PhraseIndex<true>;
  readonly perioperative: PhraseIndex<true>;
  /** Word endings per category, longest first. */
  readonly suffixes: readonly { readonly suffix: string; readonly category: string }[];
  /** Spinal level letter (lower case) to body part id. */
  readonly spinalLevels: ReadonlyMap<string, string>;
  readonly categoryById: ReadonlyMap<string, CategoryDef>;
  readonly drugClassById: ReadonlyMap<string, DrugClassDef>;
}

export const VOCABULARY_SCHEMA_VERSION = 1;
/** The category of a request no phrase recognises. */
export const OTHER_CATEGORY = 'other';
/** The drug class of topical and compounded drugs. */
export const TOPICAL_CLASS = 'topical/compound';

// ------------------------------------------------------------------------------------------ words

/**
 * The words of a text as the vocabulary matches them: lower case, split at every character that
 * is not a letter or digit (`x-ray` is `x ray`, `EMG/NCV` is `emg ncv`). Linear, no regular
 * expression backtracking.
 */
export function words(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  const s = text.length > 2000 ? text.slice(0, 2000) : text;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c > 127 && isLetter(s[i]));
    if (alnum) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(s.slice(start, i).toLowerCase());
      start = -1;
    }
  }
  return out;
}

function isLetter(ch: string): boolean {
  return ch.toLowerCase() !== ch.toUpperCase();
}

/** Phrases keyed by their first word; at each position the longest phrase wins. */
export class PhraseIndex<T> {
  private readonly byFirst = new Map<string, { words: string[]; phrase: string; target: T }[]>();

  /** Adds a phrase; a later phrase with the same words replaces an earlier one. */
  add(phrase: string, target: T): void {
    const w = words(phrase);
    if (w.length === 0) return;
    let list = this.byFirst.get(w[0]);
    if (!list) this.byFirst.set(w[0], (list = []));
    const key = w.join(' ');
    const at = list.findIndex((e) => e.words.join(' ') === key);
    if (at >= 0) list.splice(at, 1);
    list.push({ words: w, phrase: key, target });
    list.sort((a, b) => b.words.length - a.words.length);
  }

  /** The longest phrase starting at word `i`, or null. */
  at(ws: readonly string[], i: number): { phrase: string; length: number; target: T } | null {
    const list = this.byFirst.get(ws[i]);
    if (!list) return null;
    for (const e of list) {
      if (i + e.words.length > ws.length) continue;
      let ok = true;
      for (let k = 1; k < e.words.length; k++) {
        if (ws[i + k] !== e.words[k]) {
          ok = false;
          break;
        }
      }
      if (ok) return { phrase: e.phrase, length: e.words.length, target: e.target };
    }
    return null;
  }

  /** Every phrase, as its words joined by spaces. */
  list(): string[] {
    const out: string[] = [];
    for (const l of this.byFirst.values()) for (const e of l) out.push(e.phrase);
    return out;
  }

  /** True when any phrase occurs in the words. */
  any(ws: readonly string[]): boolean {
    for (let i = 0; i < ws.length; i++) if (this.at(ws, i)) return true;
    return false;
  }
}

// ------------------------------------------------------------------------------------------ bundled

let bundled: { vocabulary: Vocabulary; errors: VocabularyError[] } | null = null;

/** The bundled vocabulary, validated and compiled once. */
export function bundledVocabulary(): Vocabulary {
  return loadBundled().vocabulary;
}

/** Validation errors in the bundled file (empty when the data is sound; the tests check). */
export function bundledVocabularyErrors(): readonly VocabularyError[] {
  return loadBundled().errors;
}

/** The bundled file as shipped. */
export function bundledVocabularyFile(): unknown {
  return bundledJson;
}

function loadBundled(): { vocabulary: Vocabulary; errors: VocabularyError[] } {
  if (bundled) return bundled;
  const v = validateVocabulary(bundledJson, { bundled: true });
  bundled = { vocabulary: compileVocabulary(v.file ?? { schemaVersion: 1 }), errors: v.errors };
  return bundled;
}

// ------------------------------------------------------------------------------------------ validation

const MAX_TEXT = 4000;
const TAGS: readonly VocabularyTag[] = ['LETTER', 'REG', 'WEB', 'USER'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Checker {
  readonly errors: VocabularyError[] = [];
  err(path: string, message: string): void {
    this.errors.push({ path, message });
  }
  str(o: Record<string, unknown>, key: string, path: string, required: boolean): string | undefined {
    const v = o[key];
    if (v === undefined) {
      if (required) this.err(`${path}.${key}`, `${key} is required.`);
      return undefined;
    }
    if (typeof v !== 'string' || v.trim().length === 0 || v.length > MAX_TEXT) {
      this.err(`${path}.${key}`, `${key} must be a non-empty string of at most ${MAX_TEXT} characters.`);
      return undefined;
    }
    return v;
  }
  bool(o: Record<string, unknown>, key: string, path: string): boolean | undefined {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') {
      this.err(`${path}.${key}`, `${key} must be true or false.`);
      return undefined;
    }
    return v;
  }
  /** A list of phrases; bad members are reported and dropped. */
  list(o: Record<string, unknown>, key: string, path: string): string[] | undefined {
    const v = o[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) {
      this.err(`${path}.${key}`, `${key} must be an array of strings.`);
      return undefined;
    }
    const out: string[] = [];
    v.forEach((x, i) => {
      if (typeof x !== 'string' || x.length > 300 || words(x).length === 0) {
        this.err(`${path}.${key}[${i}]`, 'must be a string with at least one letter or digit (at most 300 characters).');
      } else out.push(x);
    });
    return out;
  }
  fields(o: Record<string, unknown>, allowed: readonly string[], path: string): void {
    for (const k of Object.keys(o)) if (!allowed.includes(k)) this.err(`${path}.${k}`, `unknown field "${k}".`);
  }
}

function array(c: Checker, o: Record<string, unknown>, key: string): unknown[] {
  const v = o[key];
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    c.err(key, `${key} must be an array.`);
    return [];
  }
  return v;
}

/**
 * Checks a parsed JSON value against the vocabulary format. Never throws: returns the errors and
 * a cleaned file holding what passed (a bad entry is dropped, the rest kept), or `file: null` when
 * the value is not a vocabulary file at all. A user's file may leave out any list; the bundled
 * file must have them all.
 */
export function validateVocabulary(json: unknown, options: { bundled?: boolean } = {}): { file: VocabularyFile | null; errors: VocabularyError[] } {
  const c = new Checker();
  try {
    if (!isObject(json)) {
      c.err('', 'A vocabulary file must be a JSON object.');
      return { file: null, errors: c.errors };
    }
    if (json.schemaVersion !== VOCABULARY_SCHEMA_VERSION) {
      c.err('schemaVersion', `schemaVersion must be ${VOCABULARY_SCHEMA_VERSION}.`);
      return { file: null, errors: c.errors };
    }
    c.fields(json, ['$schema', 'schemaVersion', 'version', 'description', 'sources', 'categories', 'perioperativeTerms', 'drugClasses', 'topicalTerms', 'patchTerms', 'drugs', 'bodyParts'], '');
    if (options.bundled) {
      for (const k of ['sources', 'categories', 'drugClasses', 'drugs', 'bodyParts']) if (json[k] === undefined) c.err(k, `${k} is required in the bundled vocabulary.`);
    }
    const version = c.str(json, 'version', '', false);
    const description = c.str(json, 'description', '', false);

    const sources: Record<string, VocabularySource> = {};
    if (json.sources !== undefined) {
      if (!isObject(json.sources)) c.err('sources', 'sources must be an object of named sources.');
      else {
        for (const [key, s] of Object.entries(json.sources)) {
          const p = `sources.${key}`;
          if (!isObject(s)) {
            c.err(p, 'A source must be an object with tag and ref.');
            continue;
          }
          c.fields(s, ['tag', 'ref', 'url'], p);
          const tag = s.tag;
          if (!TAGS.includes(tag as VocabularyTag)) c.err(`${p}.tag`, `tag must be one of ${TAGS.join(', ')}.`);
          const ref = c.str(s, 'ref', p, true);
          const url = c.str(s, 'url', p, false);
          if (url !== undefined && !/^https?:\/\/\S+$/.test(url)) c.err(`${p}.url`, 'url must be an http(s) address.');
          if (TAGS.includes(tag as VocabularyTag) && ref) sources[key] = url ? { tag: tag as VocabularyTag, ref, url } : { tag: tag as VocabularyTag, ref };
        }
      }
    }
    const sourceList = (o: Record<string, unknown>, p: string): string[] | undefined => {
      const l = c.list(o, 'sources', p);
      if (!l) return undefined;
      for (const [i, s] of l.entries()) {
        if (!(s in sources) && !(options.bundled ? false : s in bundledSourceKeys())) c.err(`${p}.sources[${i}]`, `"${s}" is not a named source of this file.`);
      }
      return l;
    };

    const categories: CategoryDef[] = [];
    const seenCats = new Set<string>();
    array(c, json, 'categories').forEach((x, i) => {
      const p = `categories[${i}]`;
      if (!isObject(x)) return void c.err(p, 'A category must be an object.');
      const before = c.errors.length;
      c.fields(x, ['id', 'label', 'description', 'decisiveTerms', 'terms', 'weakTerms', 'suffixes', 'replaceTerms', 'sources'], p);
      const id = c.str(x, 'id', p, true);
      const label = c.str(x, 'label', p, options.bundled === true);
      const def: CategoryDef = {
        id: id ?? '',
        label: label ?? id ?? '',
        description: c.str(x, 'description', p, false),
        decisiveTerms: c.list(x, 'decisiveTerms', p),
        terms: c.list(x, 'terms', p),
        weakTerms: c.list(x, 'weakTerms', p),
        suffixes: c.list(x, 'suffixes', p),
        replaceTerms: c.bool(x, 'replaceTerms', p),
        sources: sourceList(x, p),
      };
      if (id !== undefined && seenCats.has(id)) c.err(`${p}.id`, `category "${id}" appears twice.`);
      if (id === undefined || seenCats.has(id) || (label === undefined && options.bundled)) return;
      seenCats.add(id);
      if (c.errors.length > before && !def.terms && !def.decisiveTerms && !def.weakTerms) return;
      categories.push(clean(def));
    });
    if (options.bundled && !seenCats.has(OTHER_CATEGORY)) c.err('categories', `the category "${OTHER_CATEGORY}" is required.`);

    const drugClasses: DrugClassDef[] = [];
    const seenClasses = new Set<string>();
    array(c, json, 'drugClasses').forEach((x, i) => {
      const p = `drugClasses[${i}]`;
      if (!isObject(x)) return void c.err(p, 'A drug class must be an object.');
      c.fields(x, ['id', 'label', 'description', 'keepInPatch', 'sources'], p);
      const id = c.str(x, 'id', p, true);
      const label = c.str(x, 'label', p, true);
      if (id === undefined || label === undefined) return;
      if (seenClasses.has(id)) return void c.err(`${p}.id`, `drug class "${id}" appears twice.`);
      seenClasses.add(id);
      drugClasses.push(clean({ id, label, description: c.str(x, 'description', p, false), keepInPatch: c.bool(x, 'keepInPatch', p), sources: sourceList(x, p) }));
    });
    const knownClass = (id: string) => seenClasses.has(id) || (!options.bundled && bundledVocabulary().drugClassById.has(id));

    const drugs: DrugDef[] = [];
    const seenDrugs = new Set<string>();
    array(c, json, 'drugs').forEach((x, i) => {
      const p = `drugs[${i}]`;
      if (!isObject(x)) return void c.err(p, 'A drug must be an object.');
      c.fields(x, ['id', 'generic', 'drugClass', 'names', 'sources'], p);
      const generic = c.str(x, 'generic', p, true);
      const drugClass = c.str(x, 'drugClass', p, true);
      const names = c.list(x, 'names', p);
      if (names === undefined) c.err(`${p}.names`, 'names is required.');
      const id = c.str(x, 'id', p, false) ?? generic;
      if (drugClass !== undefined && !knownClass(drugClass)) c.err(`${p}.drugClass`, `"${drugClass}" is not a drug class of the vocabulary.`);
      if (generic === undefined || drugClass === undefined || !names || !knownClass(drugClass) || id === undefined) return;
      if (seenDrugs.has(id)) return void c.err(p, `drug "${id}" appears twice (give one an id).`);
      seenDrugs.add(id);
      drugs.push(clean({ id: x.id === undefined ? undefined : id, generic: generic.toLowerCase(), drugClass, names, sources: sourceList(x, p) }));
    });

    const bodyParts: BodyPartDef[] = [];
    const seenParts = new Set<string>();
    array(c, json, 'bodyParts').forEach((x, i) => {
      const p = `bodyParts[${i}]`;
      if (!isObject(x)) return void c.err(p, 'A body part must be an object.');
      c.fields(x, ['id', 'terms', 'spinalLevels', 'generalOf'], p);
      const id = c.str(x, 'id', p, true);
      const terms = c.list(x, 'terms', p);
      if (!terms) c.err(`${p}.terms`, 'terms is required.');
      const levels = c.list(x, 'spinalLevels', p);
      for (const [k, l] of (levels ?? []).entries()) if (!/^[CTLS]$/.test(l)) c.err(`${p}.spinalLevels[${k}]`, 'a spinal level is one of C, T, L, S.');
      if (id === undefined || !terms) return;
      if (seenParts.has(id)) return void c.err(`${p}.id`, `body part "${id}" appears twice.`);
      seenParts.add(id);
      bodyParts.push(clean({ id, terms, spinalLevels: levels?.filter((l) => /^[CTLS]$/.test(l)), generalOf: c.list(x, 'generalOf', p) }));
    });

    const file: VocabularyFile = clean({
      schemaVersion: 1 as const,
      version,
      description,
      sources,
      categories,
      perioperativeTerms: c.list(json, 'perioperativeTerms', ''),
      drugClasses,
      topicalTerms: c.list(json, 'topicalTerms', ''),
      patchTerms: c.list(json, 'patchTerms', ''),
      drugs,
      bodyParts,
    });
    return { file, errors: c.errors.map((e) => ({ path: e.path.replace(/^\./, ''), message: e.message })) };
  } catch (e) {
    c.err('', `Unreadable vocabulary data: ${e instanceof Error ? e.message : String(e)}`);
    return { file: null, errors: c.errors };
  }
}

function bundledSourceKeys(): Readonly<Record<string, VocabularySource>> {
  return bundledVocabulary().sources;
}

/** Drops undefined fields (so merged and compared objects stay minimal). */
function clean<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

// ------------------------------------------------------------------------------------------ merging

const union = (a: readonly string[] | undefined, b: readonly string[] | undefined): string[] | undefined =>
  a || b ? [...new Set([...(a ?? []), ...(b ?? [])])] : undefined;

/**
 * A user's file over the bundled vocabulary. Categories, drug classes and body parts with the id
 * of a bundled one extend it (their phrases are added; label and description replace; with
 * `replaceTerms` the category's phrase lists are replaced); a drug with the key of a bundled one
 * replaces it. New entries are added (new categories before `other`). A phrase the user gives to
 * a category, drug or body part is taken away from every other one, so the user's word wins.
 */
export function mergeVocabulary(base: Vocabulary, user: VocabularyFile): Vocabulary {
  const userCats = user.categories ?? [];
  const categories: CategoryDef[] = base.categories.map((b) => {
    const u = userCats.find((x) => x.id === b.id);
    if (!u) return b;
    const pick = (k: 'decisiveTerms' | 'terms' | 'weakTerms' | 'suffixes') => (u.replaceTerms ? (u[k] ?? []) : union(b[k], u[k]));
    return clean({
      ...b,
      label: u.label && u.label !== u.id ? u.label : b.label,
      description: u.description ?? b.description,
      decisiveTerms: pick('decisiveTerms'),
      terms: pick('terms'),
      weakTerms: pick('weakTerms'),
      suffixes: pick('suffixes'),
      sources: union(b.sources, u.sources),
      replaceTerms: undefined,
    });
  });
  const added = userCats.filter((u) => !base.categoryById.has(u.id)).map((u) => clean({ ...u, replaceTerms: undefined }));
  const otherAt = categories.findIndex((x) => x.id === OTHER_CATEGORY);
  categories.splice(otherAt < 0 ? categories.length : otherAt, 0, ...added);

  const drugClasses = [...base.drugClasses];
  for (const u of user.drugClasses ?? []) {
    const at = drugClasses.findIndex((x) => x.id === u.id);
    if (at >= 0) drugClasses[at] = { ...drugClasses[at], ...u };
    else drugClasses.push(u);
  }
  const key = (d: DrugDef) => d.id ?? d.generic;
  const drugs = [...base.drugs];
  for (const u of user.drugs ?? []) {
    const at = drugs.findIndex((x) => key(x) === key(u));
    if (at >= 0) drugs[at] = u;
    else drugs.push(u);
  }
  const bodyParts = base.bodyParts.map((b) => {
    const u = (user.bodyParts ?? []).find((x) => x.id === b.id);
    return u ? clean({ ...b, terms: union(b.terms, u.terms) ?? [], spinalLevels: union(b.spinalLevels, u.spinalLevels), generalOf: union(b.generalOf, u.generalOf) }) : b;
  });
  for (const u of user.bodyParts ?? []) if (!bodyParts.some((b) => b.id === u.id)) bodyParts.push(u);

  const userSources: Record<string, VocabularySource> = {};
  for (const [k, s] of Object.entries(user.sources ?? {})) userSources[k] = s;
  const merged = compileVocabulary(
    {
      schemaVersion: 1,
      version: user.version ? `${base.version}+${user.version}` : `${base.version}+user`,
      sources: { ...base.sources, ...userSources },
      categories,
      perioperativeTerms: union(base.perioperative.list(), user.perioperativeTerms),
      drugClasses,
      topicalTerms: union(base.topical.list(), user.topicalTerms),
      patchTerms: union(base.patch.list(), user.patchTerms),
      drugs,
      bodyParts,
    },
    user,
  );
  return merged;
}

// ------------------------------------------------------------------------------------------ compiling

/**
 * Builds the phrase indexes. Phrases are added in list order, so when two categories list the same
 * phrase the later one has it; `userFile`'s phrases are added last and removed from everything
 * else first, so the user's word wins.
 */
export function compileVocabulary(file: VocabularyFile, userFile?: VocabularyFile): Vocabulary {
  const categories = file.categories ?? [];
  const drugs = file.drugs ?? [];
  const bodyParts = file.bodyParts ?? [];
  const phrases = new PhraseIndex<PhraseTarget>();
  const bodyPhrases = new PhraseIndex<BodyPartDef>();
  // A drug's generic name points to its main entry (the one without an id of its own); a variant
  // (Lidoderm: lidocaine as a patch) is found by its names only.
  for (const d of drugs) if (d.id === undefined) phrases.add(d.generic, { kind: 'drug', drug: d });
  for (const d of drugs) for (const n of d.names) phrases.add(n, { kind: 'drug', drug: d });
  const addCategory = (cat: CategoryDef) => {
    for (const t of cat.weakTerms ?? []) phrases.add(t, { kind: 'category', category: cat.id, strength: 2 });
    for (const t of cat.terms ?? []) phrases.add(t, { kind: 'category', category: cat.id, strength: 1 });
    for (const t of cat.decisiveTerms ?? []) phrases.add(t, { kind: 'category', category: cat.id, strength: 0 });
  };
  for (const cat of categories) addCategory(cat);
  for (const b of bodyParts) for (const t of b.terms) bodyPhrases.add(t, b);
  if (userFile) {
    // The user's phrases win: add them again last (a later phrase replaces an earlier one).
    for (const cat of userFile.categories ?? []) {
      const merged = categories.find((x) => x.id === cat.id);
      if (merged) addCategory({ ...merged, decisiveTerms: cat.decisiveTerms, terms: cat.terms, weakTerms: cat.weakTerms });
    }
    for (const d of userFile.drugs ?? []) for (const n of d.id === undefined ? [d.generic, ...d.names] : d.names) phrases.add(n, { kind: 'drug', drug: d });
    for (const b of userFile.bodyParts ?? []) {
      const merged = bodyParts.find((x) => x.id === b.id) ?? b;
      for (const t of b.terms) bodyPhrases.add(t, merged);
    }
  }
  const setOf = (list: readonly string[] | undefined) => {
    const idx = new PhraseIndex<true>();
    for (const t of list ?? []) idx.add(t, true);
    return idx;
  };
  const suffixes = categories
    .flatMap((cat) => (cat.suffixes ?? []).map((s) => ({ suffix: s.toLowerCase(), category: cat.id })))
    .sort((a, b) => b.suffix.length - a.suffix.length);
  const spinalLevels = new Map<string, string>();
  for (const b of bodyParts) for (const l of b.spinalLevels ?? []) spinalLevels.set(l.toLowerCase(), b.id);
  return {
    version: file.version ?? '0',
    sources: file.sources ?? {},
    categories,
    drugClasses: file.drugClasses ?? [],
    drugs,
    bodyParts,
    phrases,
    bodyPhrases,
    topical: setOf(file.topicalTerms),
    patch: setOf(file.patchTerms),
    perioperative: setOf(file.perioperativeTerms),
    suffixes,
    spinalLevels,
    categoryById: new Map(categories.map((x) => [x.id, x])),
    drugClassById: new Map((file.drugClasses ?? []).map((x) => [x.id, x])),
  };
}
