/**
 * The rationale's conclusion against the item's decision.
 *
 * A rationale normally closes by restating the outcome: Upheld items say the request is "not
 * medically necessary", Overturned items that it "is medically necessary". In the 194-letter
 * sample every Overturned rationale held "is medically necessary" and 381 of 390 Upheld ones "not
 * medically necessary"; the other nine used "not a medical necessity", "medical necessity ... is
 * not established", "is not medically appropriate", "cannot be considered/deemed medically
 * necessary" or "the request is not necessary" (shared notes, "Decision vocabulary"); the seeds and
 * fixtures add "not indicated as medically necessary" and "fail to establish medical necessity". The
 * conclusion is the last such phrase in the rationale; a rationale with none gets an information
 * note, not an error.
 */
import type { Decision, Span } from '../types';
import type { RuleContext } from './context';
import { itemLabel } from './items';

export type Polarity = 'necessary' | 'not-necessary';

export interface Conclusion {
  readonly polarity: Polarity;
  readonly span: Span;
}

// Each alternative is tried left to right at every position; negative forms come first and start
// earlier ("not medically necessary" starts at "not"), so "is medically necessary" is positive.
// Gaps are bounded ({0,n}), so the scan is linear in the rationale's length.
const W = '[\\s\\u00a0]+';
const NEGATIVE = [
  // not [up to three words] medically necessary/appropriate: "not medically necessary",
  // "not indicated as medically necessary", "not deemed to be medically necessary"
  `\\bnot${W}(?:[a-z]+,?${W}){0,3}?medically${W}(?:necessary|appropriate)`,
  // "notmedically" (glued by an extractor)
  `\\bnotmedically${W}(?:necessary|appropriate)`,
  `\\b(?:cannot|can${W}not|can't|no${W}longer)${W}(?:[a-z]+,?${W}){0,3}?medically${W}necessary`,
  `\\bnot${W}a${W}medical${W}necessity`,
  `\\bmedical${W}necessity\\b[^.]{0,200}?\\b(?:is|was|has|have)${W}not${W}(?:been${W})?(?:established|demonstrated|substantiated)`,
  `\\b(?:is|are|was|were)${W}not${W}necessary\\b`,
  // "fail to establish medical necessity", "does not establish the medical necessity"
  `\\b(?:fail(?:s|ed)?${W}to|not|cannot|can't)${W}(?:[a-z]+${W}){0,2}?(?:establish|demonstrate|substantiate|support)(?:e?s|ed)?${W}(?:the${W})?medical${W}necessity`,
];
const POSITIVE = [
  `\\bmedical${W}necessity\\b[^.]{0,200}?\\b(?:is|was|has${W}been|have${W}been)${W}(?:established|demonstrated|substantiated)`,
  `\\b(?:is|are|was|were)${W}a${W}medical${W}necessity`,
  `\\b(?:establishes|established|demonstrates|demonstrated|substantiates|substantiated)${W}(?:the${W})?medical${W}necessity`,
  // A copula before it: "is medically necessary", "was considered medically necessary", "are
  // determined to be medically necessary". Guideline quotes use the words without one ("services
  // deemed to be medically necessary for", "part of a medically necessary treatment", "may also be
  // medically necessary"), and those state no outcome.
  `\\b(?:is|are|was|were)${W}(?:(?:thus|therefore|now|also|indeed|clearly|considered|deemed|determined|found|felt|shown)${W}){0,2}(?:to${W}be${W})?medically${W}necessary`,
];
const CONCLUSION_RE = new RegExp(`(${NEGATIVE.join('|')})|(${POSITIVE.join('|')})`, 'gi');

/**
 * Rationales state their outcome at the end, so the closing characters are searched first; only
 * when they hold no outcome phrase is the whole rationale searched. The window is wider than the
 * longest phrase, so a phrase found in it is the last one of the rationale.
 */
const CLOSING_WINDOW = 1500;

/** The last outcome phrase in [from, to) of the text, or null. Linear. */
export function findConclusion(text: string, from: number, to: number): Conclusion | null {
  if (to - from > CLOSING_WINDOW * 2) {
    const inClosing = lastPhrase(text, to - CLOSING_WINDOW, to);
    if (inClosing) return inClosing;
  }
  return lastPhrase(text, from, to);
}

function lastPhrase(text: string, from: number, to: number): Conclusion | null {
  const s = text.slice(from, to);
  CONCLUSION_RE.lastIndex = 0;
  let last: Conclusion | null = null;
  let m: RegExpExecArray | null;
  while ((m = CONCLUSION_RE.exec(s))) {
    last = { polarity: m[1] !== undefined ? 'not-necessary' : 'necessary', span: { start: from + m.index, end: from + m.index + m[0].length } };
  }
  return last;
}

export function expectedPolarity(d: Decision): Polarity {
  return d === 'Upheld' ? 'not-necessary' : 'necessary';
}

export function checkRationales(ctx: RuleContext): void {
  const { letter, text } = ctx;
  for (const item of letter.items) {
    const r = item.rationale;
    if (!r) continue; // a missing block is reported by missing-block
    const conclusion = findConclusion(text, r.textSpan.start, r.textSpan.end);
    const label = itemLabel(ctx, item);
    if (!conclusion) {
      ctx.report(
        'rationale-conclusion-not-found',
        r.label,
        `The rationale of item ${label} does not state whether the request is medically necessary, ` +
          'so it cannot be checked against the decision.',
        { data: { item: item.index } },
      );
      continue;
    }
    if (!item.decision || !item.decisionText) continue;
    if (conclusion.polarity === expectedPolarity(item.decision)) continue;
    const phrase = ctx.quote(conclusion.span, 60);
    ctx.report(
      'rationale-contradicts-decision',
      item.decisionText.span,
      `Item ${label} is "${item.decision}" but its rationale concludes "${phrase}". ` +
        `An ${item.decision} decision means the request is ${item.decision === 'Upheld' ? 'not ' : ''}medically necessary: ` +
        'correct the decision or the rationale.',
      { data: { item: item.index, conclusion: conclusion.span, polarity: conclusion.polarity } },
    );
  }
}
