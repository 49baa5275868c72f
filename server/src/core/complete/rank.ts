/**
 * How relevant a guideline section, page or chapter is to the item being written: what the item
 * requests (its heading weighs most), what its rationale and other blocks say, and what the same
 * item and the rest of the letter already cite from the same guideline.
 */
import type { Item, Letter } from '../index';
import { terms } from './concepts';

export interface Relevance {
  /** Terms of the item heading (the request). */
  readonly request: ReadonlySet<string>;
  /** Terms of the item's blocks (rationale, guideline lines). */
  readonly context: ReadonlySet<string>;
}

const EMPTY: Relevance = { request: new Set(), context: new Set() };

/** The item the cursor is in: the one whose span holds it, else the last one before it. */
export function itemAt(letter: Letter, offset: number): Item | null {
  let found: Item | null = null;
  for (const it of letter.items) {
    if (it.heading.start > offset) break;
    found = it;
  }
  return found;
}

export function relevanceOf(item: Item | null, text: string): Relevance {
  if (!item) return EMPTY;
  const request = terms(text.slice(item.heading.start, Math.min(item.heading.end, item.heading.start + 600)));
  terms(item.request, 600, request);
  const context = new Set<string>();
  for (const b of [item.rationale, item.claimsAdministrator, item.maximus]) if (b) terms(b.text, 3000, context);
  return { request, context };
}

/**
 * Score of a candidate with these terms: request words count most; long names are not favoured;
 * with `weight`, a term shared by many candidates counts less than one that tells them apart.
 */
export function textScore(candidate: ReadonlySet<string>, rel: Relevance, weight?: (term: string) => number): number {
  if (candidate.size === 0) return 0;
  let s = 0;
  for (const t of candidate) {
    const group = t.charCodeAt(0) === 35; // '#'
    const w = weight ? weight(t) : 1;
    if (rel.request.has(t)) s += (group ? 2 : 3) * w;
    else if (rel.context.has(t)) s += (group ? 0.5 : 1) * w;
  }
  return s / Math.sqrt(candidate.size);
}

/** Inverse document frequency over a list of candidates' terms: log(1 + N / df). */
export function idf(candidates: readonly ReadonlySet<string>[]): (term: string) => number {
  const df = new Map<string, number>();
  for (const c of candidates) for (const t of c) df.set(t, (df.get(t) ?? 0) + 1);
  const n = candidates.length;
  return (t) => Math.log(1 + n / (df.get(t) ?? 1));
}
