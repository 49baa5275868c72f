/**
 * Checking a request vocabulary file: errors come back as data with the JSON path of the value
 * (nothing here throws), and the file comes back cleaned of what failed.
 */
import { bundledVocabulary } from './bundled';
import {
  BodyPartDef, CategoryDef, DrugClassDef, DrugDef, OTHER_CATEGORY, VOCABULARY_SCHEMA_VERSION, VocabularyError, VocabularyFile, VocabularySource,
  VocabularyTag,
} from './types';
import { words } from './words';


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
export function clean<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

