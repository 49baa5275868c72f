/**
 * Hover content for a letter: what a cited page, section or regulation says (from the knowledge
 * base, with sources), what a decision word means and when the appeal is due, what a header date
 * is for, and what the case number is. Markdown for clients that render it, plain text otherwise.
 *
 * Only knowledge entries whose confidence may be stated (LETTER, REG, WEB, or the user's own) are
 * shown as fact. A citation the knowledge base has no confirmed entry for says so, with the topic
 * as the letter writes it.
 *
 * One module per job: doc.ts the content model and its rendering, citation.ts (with regulation.ts
 * and non-mtus.ts) what a citation points to, as the citation resolver answers it, entries.ts a
 * knowledge entry, decision.ts a decision word and its appeal deadline, letter-parts.ts the item
 * headings, header dates and case number.
 */
import { Citation, citationAt, findCitations, resolveOne, touching } from '../citations';
import { bundledKnowledge, Knowledge, lookupProcedure } from '../knowledge';
import { bundledVocabulary, Vocabulary } from '../categories';
import type { Letter, Span } from '../types';
import { describeCitation, describeLocator } from './citation';
import { describeDecision } from './decision';
import { Doc } from './doc';
import { entryBody } from './entries';
import { dateAt, describeCaseNumber, describeDate, describeRequest, inside } from './letter-parts';

export { md, mdInline } from './doc';
export { entryTitle } from './entries';
export { formatLimit } from '../knowledge';

export interface HoverOptions {
  /** Render Markdown (true) or plain text (false). */
  readonly markdown: boolean;
  /** Citations already found for this letter (saves recomputing them). */
  readonly citations?: readonly Citation[];
  /** The request vocabulary (bundled, or merged with the user's file) for item headings. */
  readonly vocabulary?: Vocabulary;
}

export interface HoverResult {
  readonly contents: string;
  /** The text the hover is about (the range an editor highlights). */
  readonly span: Span;
}

export interface InlayHint {
  /** Offset where the hint is shown (just after the page number). */
  readonly offset: number;
  readonly label: string;
}

/** The hover at `offset`, or null when there is nothing to explain there. Never throws. */
export function hoverAt(
  letter: Letter,
  text: string,
  offset: number,
  kb: Knowledge = bundledKnowledge(),
  options: HoverOptions = { markdown: true },
): HoverResult | null {
  try {
    const citations = options.citations ?? findCitations(letter, text, kb);
    const doc = new Doc();
    const hit = citationAt(citations, offset);
    if (hit) {
      if (hit.locator) describeLocator(doc, letter, kb, hit.citation, hit.locator);
      else describeCitation(doc, letter, kb, hit.citation);
      return { contents: doc.render(options.markdown), span: hit.locator ? hit.locator.span : hit.citation.span };
    }
    const item = letter.items.find((it) => it.decisionText && inside(it.decisionText.span, offset));
    if (item && item.decisionText) {
      describeDecision(doc, letter, kb, item);
      return { contents: doc.render(options.markdown), span: item.decisionText.span };
    }
    const headed = letter.items.find((it) => inside(it.heading, offset));
    if (headed) {
      describeRequest(doc, letter, headed, options.vocabulary ?? bundledVocabulary());
      return { contents: doc.render(options.markdown), span: headed.requestSpan };
    }
    if (letter.caseNumber && inside(letter.caseNumber.span, offset)) {
      describeCaseNumber(doc, letter, kb);
      return { contents: doc.render(options.markdown), span: letter.caseNumber.span };
    }
    const date = dateAt(letter, offset);
    if (date) {
      describeDate(doc, letter, kb, date.key);
      return { contents: doc.render(options.markdown), span: date.span };
    }
    if (letter.priority && inside(letter.priority.span, offset)) {
      const e = lookupProcedure(kb, { header: 'priority' });
      if (!e) return null;
      doc.heading(`Priority: ${letter.priority.text}`);
      entryBody(doc, e);
      return { contents: doc.render(options.markdown), span: letter.priority.span };
    }
    return null;
  } catch {
    return null;
  }
}

/**
 * Topic hints for page numbers whose page the knowledge base describes (confirmed entries only).
 * With a `range` (the part of the text an editor shows), only the hints at offsets inside it, and
 * only the citations that reach into it are read.
 */
export function inlayHints(letter: Letter, citations: readonly Citation[], kb: Knowledge = bundledKnowledge(), range?: Span): InlayHint[] {
  void letter;
  const out: InlayHint[] = [];
  try {
    const from = range ? range.start : -Infinity;
    const to = range ? range.end : Infinity;
    const { lo, hi } = range ? touching(citations, range.start, range.end) : { lo: 0, hi: citations.length };
    for (let k = lo; k < hi; k++) {
      const c = citations[k];
      for (const l of c.locators) {
        if (l.kind !== 'page' || l.from === null || l.span.end < from || l.span.end > to) continue;
        const entries = resolveOne(kb, c, l).stated.filter((e) => !e.nameOnly);
        if (entries.length === 0) continue;
        out.push({ offset: l.span.end, label: entries.map((e) => e.topic).join('; ') });
      }
    }
  } catch {
    return out;
  }
  return out;
}

