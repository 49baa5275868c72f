/**
 * item-no-decision: ends the item's heading with a decision, Upheld or Overturned. The one the
 * rationale's own conclusion implies ("not medically necessary": Upheld) is the preferred fix;
 * without a conclusion neither is.
 */
import { findConclusion } from '../diagnostics';
import { DECISIONS } from '../vocabulary';
import type { Decision } from '../types';
import { lineEnd } from './place';
import type { CodeFix, FixContext, FixModule } from './types';

export const itemNoDecision: FixModule = {
  code: 'item-no-decision',
  fixes({ letter, text, diagnostic }: FixContext): CodeFix[] {
    const index = diagnostic.data?.item;
    const item = typeof index === 'number' ? letter.items[index] : undefined;
    if (!item) return [];
    // The rule points at the heading's closing colon, or at its last line's visible text.
    const { start, end } = diagnostic.span;
    const endsWithColon = end - start === 1 && text[start] === ':';
    const replaceTo = lineEnd(text, end);
    if (text.slice(end, replaceTo).trim() !== '') return [];
    const r = item.rationale;
    const conclusion = r ? findConclusion(text, r.textSpan.start, r.textSpan.end) : null;
    const implied: Decision | null = conclusion ? (conclusion.polarity === 'necessary' ? 'Overturned' : 'Upheld') : null;
    return DECISIONS.map((d) => ({
      title: `End the heading with ": ${d}"${d === implied ? ` (the rationale concludes "${text.slice(conclusion!.span.start, conclusion!.span.end).replace(/\s+/g, ' ')}")` : ''}`,
      edits: [{ span: { start: end, end: replaceTo }, newText: endsWithColon ? ` ${d}` : `: ${d}` }],
      ...(d === implied ? { isPreferred: true } : {}),
    }));
  },
};
