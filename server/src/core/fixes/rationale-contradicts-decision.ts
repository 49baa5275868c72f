/**
 * rationale-contradicts-decision: shows the decision and the rationale's conclusion side by side
 * for the reader to decide which is wrong. Nothing is written: a decision or a medical reasoning
 * is the reviewer's to change.
 */
import type { Span } from '../types';
import type { CodeFix, FixContext, FixModule } from './types';

export const rationaleContradictsDecision: FixModule = {
  code: 'rationale-contradicts-decision',
  fixes({ letter, diagnostic }: FixContext): CodeFix[] {
    const index = diagnostic.data?.item;
    const conclusion = diagnostic.data?.conclusion as Span | undefined;
    const item = typeof index === 'number' ? letter.items[index] : undefined;
    if (!item || !conclusion || typeof conclusion.start !== 'number' || typeof conclusion.end !== 'number') return [];
    return [{ title: "Show the decision and the rationale's conclusion side by side", edits: [], show: [item.heading, conclusion], goTitle: "Go to the rationale's conclusion" }];
  },
};
