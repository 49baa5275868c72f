/**
 * Questions about a letter's citations: which one is at an offset, how many of each kind.
 */
import type { Citation, CitationKind, Locator } from './types';

/**
 * The citation whose locator (else whose span) holds `offset`: the most specific one (the first of
 * equals). Reads only the citations that can hold it (`touching`).
 */
export function citationAt(citations: readonly Citation[], offset: number): { citation: Citation; locator: Locator | null } | null {
  const { lo, hi } = touching(citations, offset + 1, offset);
  let best: { citation: Citation; locator: Locator | null; size: number } | null = null;
  for (let k = lo; k < hi; k++) {
    const c = citations[k];
    if (offset >= c.span.end) continue;
    for (const l of c.locators) {
      if (l.span.start <= offset && offset < l.span.end) {
        const size = l.span.end - l.span.start;
        if (!best || best.locator === null || size < best.size) best = { citation: c, locator: l, size };
      }
    }
    if (!best || (best.locator === null && c.span.end - c.span.start < best.size)) {
      best = { citation: c, locator: null, size: c.span.end - c.span.start };
    }
  }
  return best ? { citation: best.citation, locator: best.locator } : null;
}

/**
 * Where, in `citations` (in the order `findCitations` gives, by start), the citations that start
 * at or before `to` and end at or after `from` lie: every one of them has an index in [lo, hi),
 * found by halving (hi: the first that starts after `to`; lo: the first whose span, or an earlier
 * one's, ends at or after `from`, `reachOf`). A hover in a rationale of 100,000 citations reads a
 * few, not every one before it.
 */
export function touching(citations: readonly Citation[], from: number, to: number): { lo: number; hi: number } {
  let lo = 0;
  let hi = citations.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (citations[mid].span.start > to) hi = mid;
    else lo = mid + 1;
  }
  const end = lo;
  // A letter's usual few dozen citations are read from the first.
  if (citations.length <= FEW) return { lo: 0, hi: end };
  const reach = reachOf(citations);
  lo = 0;
  hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (reach[mid] >= from) hi = mid;
    else lo = mid + 1;
  }
  return { lo, hi: end };
}

/** Lists of at most this many citations are read from the first (no `reachOf`). */
const FEW = 64;

/** For each list of citations: at k, the largest span end among citations 0 to k (never smaller
 *  than at k - 1), made once per list. */
const REACH = new WeakMap<readonly Citation[], Int32Array>();

/**
 * `reachOf` a list of citations just made (`findCitations`), while its citations are fresh in
 * memory: a list of 400,000 (a rationale of "9792." repeated) read again later, by the first
 * hover, costs several times as much per citation as it does here. Lists of `FEW` or fewer need none.
 */
export function prepareReach(citations: readonly Citation[]): void {
  if (citations.length > FEW) reachOf(citations);
}

function reachOf(citations: readonly Citation[]): Int32Array {
  let reach = REACH.get(citations);
  // Made again for a list that has grown since (lists are built whole; this keeps the answer right if one is not).
  if (!reach || reach.length !== citations.length) {
    reach = new Int32Array(citations.length);
    let most = -1;
    for (let k = 0; k < citations.length; k++) {
      most = Math.max(most, citations[k].span.end);
      reach[k] = most;
    }
    REACH.set(citations, reach);
  }
  return reach;
}

/** Counts by kind (for reports and tests). */
export function countByKind(citations: readonly Citation[]): Record<CitationKind, number> {
  const out: Record<CitationKind, number> = { page: 0, section: 0, regulation: 0, guideline: 0, 'non-mtus': 0 };
  for (const c of citations) out[c.kind]++;
  return out;
}
