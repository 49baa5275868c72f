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
import { bundledVocabulary, DrugDef, OTHER_CATEGORY, Strength, TOPICAL_CLASS, Vocabulary, words } from './vocabulary';

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

interface Hit {
  readonly category: string;
  readonly strength: Strength;
  readonly phrase: string;
  readonly drug: DrugDef | null;
}

/** What to read besides the category and drug: `quantity: false` leaves `quantity` null (the insights do not count quantities). */
export interface ClassifyOptions {
  readonly quantity?: boolean;
}

/** The facts of one request. */
export function classifyRequest(request: string, vocabulary: Vocabulary = bundledVocabulary(), options: ClassifyOptions = {}): RequestFacts {
  try {
    return classify(request, vocabulary, options.quantity !== false);
  } catch {
    return { category: OTHER_CATEGORY, matched: null, basis: 'default', drug: null, drugClass: null, bodyParts: objectList(), quantity: null };
  }
}

function classify(request: string, v: Vocabulary, withQuantity: boolean): RequestFacts {
  const ws = words(request);
  const hits: Hit[] = [];
  for (let i = 0; i < ws.length; ) {
    const m = v.phrases.at(ws, i);
    if (m) {
      const t = m.target;
      hits.push(t.kind === 'drug' ? { category: PHARMA, strength: 1, phrase: m.phrase, drug: t.drug } : { category: t.category, strength: t.strength, phrase: m.phrase, drug: null });
      i += m.length;
      continue;
    }
    const w = ws[i];
    if (DOSE.test(w) || (w === 'mg' && i > 0 && /^\d/.test(ws[i - 1]))) hits.push({ category: PHARMA, strength: 2, phrase: w, drug: null });
    else if (w.length >= 7 && !/^\d/.test(w)) {
      const s = v.suffixes.find((x) => w.endsWith(x.suffix));
      if (s) hits.push({ category: s.category, strength: 1, phrase: w, drug: null });
    }
    i++;
  }
  const decided = hits.find((h) => h.strength === 0) ?? hits.find((h) => h.strength === 1) ?? hits.find((h) => h.strength === 2) ?? null;
  const category = decided && v.categoryById.has(decided.category) ? decided.category : OTHER_CATEGORY;
  const basis: CategoryBasis = !decided ? 'default' : decided.strength === 0 ? 'decisive' : decided.strength === 1 ? 'term' : 'weak';

  let drug: string | null = null;
  let drugClass: string | null = null;
  if (category === PHARMA) {
    const drugs: DrugDef[] = [];
    for (const h of hits) if (h.drug && !drugs.includes(h.drug)) drugs.push(h.drug);
    const parts: string[] = [];
    for (const d of drugs) for (const g of d.generic.split('/')) if (!parts.includes(g)) parts.push(g);
    drug = parts.length ? parts.join('/') : null;
    const topical = v.topical.any(ws) || /\d\s?%/.test(request);
    const patch = v.patch.any(ws);
    const keep = drugs.length > 0 && drugs.every((d) => v.drugClassById.get(d.drugClass)?.keepInPatch === true);
    if (topical || (patch && !keep)) drugClass = v.drugClassById.has(TOPICAL_CLASS) ? TOPICAL_CLASS : null;
    else if (drugs.length) drugClass = drugs[0].drugClass;
  }

  return {
    category,
    matched: decided ? decided.phrase : null,
    basis,
    drug,
    drugClass,
    bodyParts: bodyParts(ws, v),
    quantity: withQuantity ? readQuantity(request) : null,
  };
}

function bodyParts(ws: readonly string[], v: Vocabulary): string[] {
  const out: string[] = [];
  const add = (id: string) => {
    if (!out.includes(id)) out.push(id);
  };
  for (let i = 0; i < ws.length; ) {
    const m = v.bodyPhrases.at(ws, i);
    if (m) {
      add(m.target.id);
      i += m.length;
      continue;
    }
    // Spinal levels: C5, L4, S1 alone; T levels only in a range (T12-L1, T4-5), since "T2" also
    // names an MRI sequence.
    const level = /^([ctls])(\d{1,2})$/.exec(ws[i]);
    if (level) {
      const part = v.spinalLevels.get(level[1]);
      const next = ws[i + 1] ?? '';
      const inRange = /^\d{1,2}$/.test(next) || /^[ctls]\d{1,2}$/.test(next) || (i > 0 && /^[ctls]\d{1,2}$/.test(ws[i - 1]));
      if (part && (level[1] !== 't' || inRange)) add(part);
    }
    i++;
  }
  // A general name ("spine") goes when a part it covers is named ("lumbar").
  const kept = objectList<string>();
  for (const id of out) {
    const def = v.bodyParts.find((b) => b.id === id);
    if (!def?.generalOf?.some((g) => out.includes(g))) kept.push(id);
  }
  return kept;
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
  return facts.map((f, i) => {
    if (f.category === SURGERY || f.basis === 'decisive') return f;
    const ws = words(requests[i]);
    const m = firstPhrase(ws, vocabulary);
    if (m === null || !vocabulary.perioperative.at(ws, m)) return f;
    // Written out in the order of `classify`'s result, so that every result has one hidden class.
    return { category: SURGERY, matched: f.matched, basis: 'perioperative', drug: null, drugClass: null, bodyParts: f.bodyParts, quantity: f.quantity };
  });
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
