/**
 * Semantic highlighting: the parts of a letter the parser recognised, for the editor to colour as
 * the grammar colours them where the grammar's patterns match. The grammar reads one line at a
 * time and misses a word a PDF tool broke with a space ("MAXIMUS gui deline :", "Uph eld"), a
 * heading broken the same way, or a decision written as a phrase ("is notmedically necessary");
 * these spans come from the letter model, so they follow the parser whatever tool made the text.
 */
import type { Letter, Span } from './types';

/** The kinds, in the order of the server's token legend (package.json names each with its scope). */
export const SEMANTIC_KINDS = ['imrTitle', 'imrHeading', 'imrLabel', 'imrHeaderLabel', 'imrCaseNumber', 'imrUpheld', 'imrOverturned'] as const;
export type SemanticKind = (typeof SEMANTIC_KINDS)[number];

export interface SemanticSpan {
  readonly span: Span;
  /** An index into `SEMANTIC_KINDS`. */
  readonly kind: number;
}

const TITLE = SEMANTIC_KINDS.indexOf('imrTitle');
const HEADING = SEMANTIC_KINDS.indexOf('imrHeading');
const LABEL = SEMANTIC_KINDS.indexOf('imrLabel');
const HEADER_LABEL = SEMANTIC_KINDS.indexOf('imrHeaderLabel');
const CASE_NUMBER = SEMANTIC_KINDS.indexOf('imrCaseNumber');
const UPHELD = SEMANTIC_KINDS.indexOf('imrUpheld');
const OVERTURNED = SEMANTIC_KINDS.indexOf('imrOverturned');

/**
 * The letter's title (the masthead of a 2013 notice), section headings (not the header table's,
 * which is its labels), header labels, case
 * number, block labels and decision words, by start, none overlapping another (of two that would,
 * the first is kept), none empty.
 */
export function semanticSpans(letter: Letter): SemanticSpan[] {
  const all: SemanticSpan[] = [];
  const add = (span: Span | null | undefined, kind: number) => {
    if (span && span.end > span.start) all.push({ span, kind });
  };
  for (const f of letter.header) add(f.label.span, HEADER_LABEL);
  add(letter.caseNumber?.span, CASE_NUMBER);
  for (const s of letter.sections) if (s.kind !== 'header') add(s.heading, s.kind === 'notice' ? TITLE : HEADING);
  for (const it of letter.items) {
    if (it.decision && it.decisionText) add(it.decisionText.span, it.decision === 'Upheld' ? UPHELD : OVERTURNED);
    for (const b of [it.claimsAdministrator, it.maximus, it.rationale, ...it.duplicateBlocks]) add(b?.label, LABEL);
  }
  all.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const out: SemanticSpan[] = [];
  let end = -1;
  for (const s of all) {
    if (s.span.start < end) continue;
    out.push(s);
    end = s.span.end;
  }
  return out;
}
