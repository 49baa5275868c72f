/**
 * The rationale's conclusion against the item's decision.
 *
 * A rationale normally closes by restating the outcome: Upheld items say the request is not
 * medically necessary, Overturned items that it is. In the 194-letter sample every Overturned
 * rationale held "is medically necessary" and 381 of 390 Upheld ones "not medically necessary"; the
 * others used "not a medical necessity", "medical necessity ... is not established", "is not
 * medically appropriate", "cannot be considered/deemed medically necessary" or "the request is not
 * necessary" (shared notes, "Decision vocabulary"). The conclusion is read from the rationale's
 * sentences (`conclusion.ts`); a rationale that states none gets an information note, not an error.
 */
import type { Decision } from '../types';
import { itemLabel, Rule } from '../diagnostics/context';
import type { Polarity } from './conclusion';

export { findConclusion } from './conclusion';
export type { Conclusion, Polarity } from './conclusion';

export function expectedPolarity(d: Decision): Polarity {
  return d === 'Upheld' ? 'not-necessary' : 'necessary';
}

export const conclusionNotFound: Rule = {
  code: 'rationale-conclusion-not-found',
  defaultSeverity: 'information',
  description: 'The rationale never states whether the request is medically necessary, so it cannot be checked against the decision.',
  cost: 'extended',
  source: 'letter',
  check(ctx) {
    const { items } = ctx.letter;
    for (let k = 0; k < items.length; k++) {
      const item = items[k];
      const r = item.rationale;
      if (!r || ctx.conclusion(item)) continue; // a missing block is reported by missing-block
      ctx.report(
        'rationale-conclusion-not-found',
        r.label,
        `The rationale of item ${itemLabel(ctx, item)} does not state whether the request is medically necessary, ` +
          'so it cannot be checked against the decision.',
        { data: { item: item.index } },
      );
    }
  },
};

export const contradictsDecision: Rule = {
  code: 'rationale-contradicts-decision',
  defaultSeverity: 'warning',
  description: 'The rationale concludes the opposite of the decision (Upheld with "is medically necessary", Overturned with "not medically necessary").',
  cost: 'extended',
  source: 'letter',
  check(ctx) {
    const { items } = ctx.letter;
    for (let k = 0; k < items.length; k++) {
      const item = items[k];
      const conclusion = ctx.conclusion(item);
      if (!conclusion || !item.decision || !item.decisionText) continue;
      if (conclusion.polarity === expectedPolarity(item.decision)) continue;
      const phrase = ctx.quote(conclusion.span, 60);
      ctx.report(
        'rationale-contradicts-decision',
        item.decisionText.span,
        `Item ${itemLabel(ctx, item)} is "${item.decision}" but its rationale concludes "${phrase}". ` +
          `An ${item.decision} decision means the request is ${item.decision === 'Upheld' ? 'not ' : ''}medically necessary: ` +
          'correct the decision or the rationale.',
        { data: { item: item.index, conclusion: conclusion.span, polarity: conclusion.polarity } },
      );
    }
  },
};

export const rules: readonly Rule[] = [contradictsDecision, conclusionNotFound];
