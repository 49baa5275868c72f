/**
 * What a disputed item asks for, read from its request with the request vocabulary: the category
 * (DWC style), for drugs the generic name and class, the body parts and the quantity.
 *
 * How the category is chosen (the vocabulary's README says the same in words):
 *   1. a decisive phrase anywhere ("Associated surgical service:", "pre-operative", "injection");
 *   2. otherwise the first ordinary phrase or drug name, reading from the left, the longest phrase
 *      at each word ("spine surgery evaluation" is an evaluation, "knee arthroscopy with evaluation
 *      of ACL" a surgery), and words with a surgical ending (-ectomy, -plasty, ...);
 *   3. otherwise the first weak phrase ("therapy", "evaluation", "mg", "program");
 *   4. otherwise `other`.
 * Within a letter, an item decided by a perioperative phrase (labs, EKG, clearance) belongs to the
 * surgery when another item of the letter is a surgery.
 *
 * Pure and linear in the request's length; never throws.
 */
import { objectList } from '../lists';
import { readQuantity, Quantity } from './quantity';
import { bundledVocabulary, DrugDef, OTHER_CATEGORY, TOPICAL_CLASS, Vocabulary, words } from './vocabulary';

export type CategoryBasis = 'decisive' | 'term' | 'weak' | 'perioperative' | 'default';

export interface RequestFacts {
  /** Category id, e.g. `physical therapy`. */
  readonly category: string;
  /** The vocabulary phrase that decided it (words joined by spaces); null for the default. */
  readonly matched: string | null;
  readonly basis: CategoryBasis;
  /** For pharmaceuticals: the generic name(s), joined with `/`; null when no drug is named. */
  readonly drug: string | null;
  readonly drugClass: string | null;
  /** Body parts named, in the order written. */
  readonly bodyParts: readonly string[];
  readonly quantity: Quantity | null;
}

const PHARMA = 'pharmaceuticals';
const SURGERY = 'surgery';
const DOSE = /^\d+(?:\.\d+)?(?:mg|mcg|ml|meq|iu)$/;

/** What to read besides the category and drug: `quantity: false` leaves `quantity` null (the insights do not count quantities). */
export interface ClassifyOptions {
  readonly quantity?: boolean;
}

/** The facts of one request. */
/** A spinal level as one word ("c5", "l4", "t12"), and a level's number alone. */
const SPINAL_LEVEL = /^[ctls]\d{1,2}$/;
const LEVEL_NUMBER = /^\d{1,2}$/;
const DIGIT_START = /^\d/;
/** A strength in percent ("5%", "0.1 %"): a topical product. */
const PERCENT = /\d\s?%/;

export function classifyRequest(request: string, vocabulary: Vocabulary = bundledVocabulary(), options: ClassifyOptions = {}): RequestFacts {
  try {
    return classify(request, vocabulary, options.quantity !== false);
  } catch {
    return { category: OTHER_CATEGORY, matched: null, basis: 'default', drug: null, drugClass: null, bodyParts: objectList(), quantity: null };
  }
}

function classify(request: string, v: Vocabulary, withQuantity: boolean): RequestFacts {
  const ws = words(request);
  // The first phrase of the strongest kind decides (0 decisive, 1 ordinary, 2 weak; 3: none yet).
  let strength = 3;
  let decided = '';
  let matched: string | null = null;
  // The drugs named, in order, each once.
  let drugs: DrugDef[] | null = null;
  for (let i = 0; i < ws.length; ) {
    const m = v.phrases.at(ws, i);
    if (m) {
      const t = m.target;
      const s = t.kind === 'drug' ? 1 : t.strength;
      if (s < strength) {
        strength = s;
        decided = t.kind === 'drug' ? PHARMA : t.category;
        matched = m.phrase;
      }
      if (t.kind === 'drug' && !(drugs ??= []).includes(t.drug)) drugs.push(t.drug);
      i += m.length;
      continue;
    }
    const w = ws[i];
    if (strength > 2 && (DOSE.test(w) || (w === 'mg' && i > 0 && DIGIT_START.test(ws[i - 1])))) {
      strength = 2;
      decided = PHARMA;
      matched = w;
    } else if (strength > 1 && w.length >= 7 && !DIGIT_START.test(w)) {
      const category = suffixCategory(w, v);
      if (category !== null) {
        strength = 1;
        decided = category;
        matched = w;
      }
    }
    i++;
  }
  const category = strength < 3 && v.categoryById.has(decided) ? decided : OTHER_CATEGORY;
  const basis: CategoryBasis = strength === 3 ? 'default' : strength === 0 ? 'decisive' : strength === 1 ? 'term' : 'weak';
  let drug: string | null = null;
  let drugClass: string | null = null;
  if (category === PHARMA) {
    drug = drugs ? genericNames(drugs) : null;
    drugClass = drugClassOf(request, ws, drugs, v);
  }
  return { category, matched, basis, drug, drugClass, bodyParts: bodyParts(ws, v), quantity: withQuantity ? readQuantity(request) : null };
}

/** The category of the longest vocabulary word ending `w` ends with (-ectomy, -plasty), or null. */
function suffixCategory(w: string, v: Vocabulary): string | null {
  for (const x of v.suffixes) if (w.endsWith(x.suffix)) return x.category;
  return null;
}

/** The drugs' generic names joined with `/`, each ingredient once. */
function genericNames(drugs: readonly DrugDef[]): string | null {
  const parts: string[] = [];
  for (const d of drugs) for (const g of d.generic.split('/')) if (!parts.includes(g)) parts.push(g);
  return parts.length ? parts.join('/') : null;
}

/** A drug request's class: topical for a cream or a compound, and for a patch unless every drug
 *  keeps its class in a patch; else the first drug's. */
function drugClassOf(request: string, ws: readonly string[], drugs: readonly DrugDef[] | null, v: Vocabulary): string | null {
  const topical = v.topical.any(ws) || PERCENT.test(request);
  if (topical || (v.patch.any(ws) && !keepsClassInPatch(drugs, v))) return v.drugClassById.has(TOPICAL_CLASS) ? TOPICAL_CLASS : null;
  return drugs ? drugs[0].drugClass : null;
}

function keepsClassInPatch(drugs: readonly DrugDef[] | null, v: Vocabulary): boolean {
  if (!drugs) return false;
  for (const d of drugs) if (v.drugClassById.get(d.drugClass)?.keepInPatch !== true) return false;
  return true;
}

function bodyParts(ws: readonly string[], v: Vocabulary): string[] {
  const out: string[] = [];
  for (let i = 0; i < ws.length; ) {
    const m = v.bodyPhrases.at(ws, i);
    const part = m ? m.target.id : spinalLevelPart(ws, i, v);
    if (part !== null && !has(out, part)) out.push(part);
    i += m ? m.length : 1;
  }
  // A general name ("spine") goes when a part it covers is named ("lumbar").
  const kept = objectList<string>();
  for (let k = 0; k < out.length; k++) if (!coversAnother(out[k], out, v)) kept.push(out[k]);
  return kept;
}

/** `list.includes(s)`, as one small loop (the compiler writes out `includes` for every kind of array). */
function has(list: readonly string[], s: string): boolean {
  for (let k = 0; k < list.length; k++) if (list[k] === s) return true;
  return false;
}

/**
 * The body part of a spinal level at word `i`: C5, L4, S1 alone; T levels only in a range
 * (T12-L1, T4-5), since "T2" also names an MRI sequence.
 */
function spinalLevelPart(ws: readonly string[], i: number, v: Vocabulary): string | null {
  const w = ws[i];
  // Most words are no level: their first character tells (no match made for them).
  const first = w.charCodeAt(0);
  if (!(first === 99 || first === 116 || first === 108 || first === 115) || !SPINAL_LEVEL.test(w)) return null;
  const letter = w[0];
  const part = v.spinalLevels.get(letter);
  if (!part) return null;
  if (letter !== 't') return part;
  const next = ws[i + 1] ?? '';
  const inRange = LEVEL_NUMBER.test(next) || SPINAL_LEVEL.test(next) || (i > 0 && SPINAL_LEVEL.test(ws[i - 1]));
  return inRange ? part : null;
}

/** Whether body part `id` is the general name of another part in `ids`. */
function coversAnother(id: string, ids: readonly string[], v: Vocabulary): boolean {
  for (let k = 0; k < v.bodyParts.length; k++) {
    const b = v.bodyParts[k];
    if (b.id !== id) continue;
    if (b.generalOf) for (let g = 0; g < b.generalOf.length; g++) if (has(ids, b.generalOf[g])) return true;
    return false;
  }
  return false;
}

/**
 * The facts of every item of a letter, in order: each request on its own, then the letter's
 * context (perioperative items of a letter with a surgery belong to the surgery).
 */
export function classifyItems(requests: readonly string[], vocabulary: Vocabulary = bundledVocabulary(), options: ClassifyOptions = {}): RequestFacts[] {
  const facts = objectList<RequestFacts>();
  let surgery = false;
  for (const r of requests) {
    const f = classifyRequest(r, vocabulary, options);
    facts.push(f);
    if (f.category === SURGERY) surgery = true;
  }
  if (!surgery) return facts;
  // Replaced in place: a new array made by `map` would have another hidden class (one that may
  // have holes), and the record builder reading both would be compiled again.
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i];
    if (f.category === SURGERY || f.basis === 'decisive') continue;
    const ws = words(requests[i]);
    const m = firstPhrase(ws, vocabulary);
    if (m === null || !vocabulary.perioperative.at(ws, m)) continue;
    // Written out in the order of `classify`'s result, so that every result has one hidden class.
    facts[i] = { category: SURGERY, matched: f.matched, basis: 'perioperative', drug: null, drugClass: null, bodyParts: f.bodyParts, quantity: f.quantity };
  }
  return facts;
}

/** Where the first vocabulary phrase starts (the perioperative check looks there). */
function firstPhrase(ws: readonly string[], v: Vocabulary): number | null {
  for (let i = 0; i < ws.length; i++) if (v.phrases.at(ws, i) || v.perioperative.at(ws, i)) return i;
  return null;
}

/** A category's label for people ("Surgery and associated surgical services"). */
export function categoryLabel(id: string, vocabulary: Vocabulary = bundledVocabulary()): string {
  return vocabulary.categoryById.get(id)?.label ?? id;
}

/** A drug class's label for people ("Proton pump inhibitors"). */
export function drugClassLabel(id: string, vocabulary: Vocabulary = bundledVocabulary()): string {
  return vocabulary.drugClassById.get(id)?.label ?? id;
}
