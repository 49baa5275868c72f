/**
 * Questions about a letter's citations: which one is at an offset, how many of each kind.
 */
import type { Citation, CitationKind, Locator } from './types';

/** The citation whose locator (else whose span) holds `offset`: the most specific one. */
export function citationAt(citations: readonly Citation[], offset: number): { citation: Citation; locator: Locator | null } | null {
  let best: { citation: Citation; locator: Locator | null; size: number } | null = null;
  for (const c of citations) {
    if (c.span.start > offset) break;
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

/** Counts by kind (for reports and tests). */
export function countByKind(citations: readonly Citation[]): Record<CitationKind, number> {
  const out: Record<CitationKind, number> = { page: 0, section: 0, regulation: 0, guideline: 0, 'non-mtus': 0 };
  for (const c of citations) out[c.kind]++;
  return out;
}
