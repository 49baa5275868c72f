/**
 * Similar decisions: which items of a library asked for the same thing as this one.
 *
 * A request's features are its words that say what was asked for: the drug or treatment and the
 * body part ("Norco", "physical therapy", "lumbar", "MRI"), with quantities, doses, frequencies,
 * durations, laterality and filler words left out, so "Norco 10/325mg #60" and "Norco 10/325 #90"
 * are the same request and "Right knee MRI" and "MRI of the left knee" too. Words are lower-cased
 * and a plural's ending dropped ("patches", "injections").
 *
 * Two requests are compared by the weighted overlap of their features (weighted Jaccard), each word
 * weighted by how rare it is in the library (inverse document frequency), so sharing "Lidoderm"
 * counts for much more than sharing "therapy". Where both items' MAXIMUS guideline blocks cite
 * something, citing the same guideline section or page adds to the score.
 */

/** Words that carry no meaning about what was requested. */
const FILLER = new Set(
  [
    'a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'into', 'of', 'on', 'or', 'per', 'the', 'to', 'with', 'without',
    'under', 'over', 'each', 'every', 'plus', 'x', 'times', 'time', 'qty', 'quantity', 'number', 'no', 'total',
    'left', 'right', 'bilateral', 'bilaterally', 'lt', 'rt', 'bil', 'side',
    'visit', 'visits', 'session', 'sessions', 'treatment', 'treatments', 'additional', 'more', 'further', 'continued',
    'request', 'requested', 'original', 'remaining', 'portion', 'unit', 'units', 'supply', 'refill', 'refills',
    'tablet', 'tablets', 'tab', 'tabs', 'capsule', 'capsules', 'cap', 'caps', 'pill', 'pills', 'dose', 'doses',
    'mg', 'mcg', 'ml', 'gm', 'g', 'gram', 'grams', 'cc', 'oz',
    'day', 'days', 'week', 'weeks', 'wk', 'wks', 'month', 'months', 'mo', 'year', 'years', 'hour', 'hours', 'hr', 'hrs',
    'daily', 'weekly', 'monthly', 'twice', 'once', 'bid', 'tid', 'qid', 'qd', 'qhs', 'prn', 'po', 'q', 'hs',
    'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'twelve',
  ],
);

/** Words of a request that say what was asked for (see the module comment). */
export function requestFeatures(request: string): string[] {
  const out: string[] = [];
  const words = request.normalize('NFKC').toLowerCase().split(/[^a-z0-9]+/);
  for (let w of words) {
    if (!w || /\d/.test(w) || FILLER.has(w)) continue;
    if (w.length > 4 && (w.endsWith('ches') || w.endsWith('shes') || w.endsWith('xes') || w.endsWith('sses'))) w = w.slice(0, -2);
    else if (w.length > 4 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('is') && !w.endsWith('us')) w = w.slice(0, -1);
    if (!out.includes(w)) out.push(w);
  }
  return out;
}

/** The weight of a word: log of (items + 1) / (items having it + 1), plus one. */
export function idf(itemsWithWord: number, items: number): number {
  return 1 + Math.log((items + 1) / (itemsWithWord + 1));
}

/** Weighted Jaccard of two feature lists under `weight` (0 when either is empty). */
export function featureSimilarity(a: readonly string[], b: readonly string[], weight: (word: string) => number): number {
  if (a.length === 0 || b.length === 0) return 0;
  let common = 0;
  let all = 0;
  for (const w of a) {
    const x = weight(w);
    all += x;
    if (b.includes(w)) common += x;
  }
  for (const w of b) if (!a.includes(w)) all += weight(w);
  return all > 0 ? common / all : 0;
}

/** Added to the score when both items cite the same guideline locator in their MAXIMUS blocks. */
export const SAME_CITATION_BONUS = 0.25;

/** An item is similar enough to be listed from this request similarity on. */
export const MIN_SIMILARITY = 0.34;
