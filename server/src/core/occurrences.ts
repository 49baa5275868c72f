/**
 * What a position in a letter names, and where else the same thing is named: the question that
 * Document Highlight (within a letter) and Find All References (within a document, then the
 * library) both ask. One answer for both, so the two never disagree on what counts as "the same".
 *
 *  - a case number: every letter of that case (case numbers compared as `caseKey` reduces them);
 *  - a cited page, section, regulation or topic: every locator with one of its reference keys
 *    (`library/keys.ts`), so page 98 is found in "pp. 98-99" and a section later in a list;
 *  - a guideline's name (a citation away from its locators): every citation of that guideline and
 *    edition.
 */
import { citationAt, type Citation, type Locator } from './citations';
import { caseKey } from './library/identity';
import { guidelineKey, isGuidelineKey, locatorKeys } from './library/keys';
import type { Letter, Span } from './types';

export type OccurrenceTarget =
  | { readonly kind: 'case'; readonly caseNumber: string; readonly span: Span }
  | { readonly kind: 'citation'; readonly keys: readonly string[]; readonly citation: Citation; readonly locator: Locator | null };

/** One place a citation target is named: a locator, or (for a guideline) a whole citation. */
export interface CitationOccurrence {
  readonly citation: Citation;
  /** The locator with a shared key; null when the target is the guideline itself. */
  readonly locator: Locator | null;
}

/**
 * What `offset` in `letter` names (offsets in the letter's own text, as its `citations` are):
 * its case number (the value, ends included), else the most specific citation there (`citationAt`).
 * Null elsewhere. A locator may have no key (a page range with no number): nothing else names it.
 */
export function targetAt(letter: Letter, citations: readonly Citation[], offset: number): OccurrenceTarget | null {
  const cn = letter.caseNumber;
  if (cn && cn.span.start <= offset && offset <= cn.span.end) {
    const key = caseKey(cn.text);
    return key ? { kind: 'case', caseNumber: key, span: cn.span } : null;
  }
  const at = citationAt(citations, offset);
  if (!at) return null;
  const keys = at.locator ? locatorKeys(at.citation, at.locator) : [guidelineKey(at.citation)];
  return { kind: 'citation', keys, citation: at.citation, locator: at.locator };
}

/** Where `citations` name what `keys` name (the keys of one target), in order. */
export function citationOccurrences(citations: readonly Citation[], keys: readonly string[]): CitationOccurrence[] {
  const want = new Set(keys);
  const out: CitationOccurrence[] = [];
  if (want.size === 0) return out;
  if (keys.every(isGuidelineKey)) {
    for (const c of citations) if (want.has(guidelineKey(c))) out.push({ citation: c, locator: null });
    return out;
  }
  for (const c of citations) {
    for (const l of c.locators) if (locatorKeys(c, l).some((k) => want.has(k))) out.push({ citation: c, locator: l });
  }
  return out;
}

/** The case number spans of `letters` that are case `caseNumber` (a `caseKey`). */
export function caseOccurrences(letters: Iterable<Letter>, caseNumber: string): Span[] {
  const out: Span[] = [];
  for (const l of letters) if (l.caseNumber && caseKey(l.caseNumber.text) === caseNumber) out.push(l.caseNumber.span);
  return out;
}
