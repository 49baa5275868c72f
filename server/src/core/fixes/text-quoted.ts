/**
 * text-quoted: takes the quote marks (">" and the blank after each) out of the start of every
 * line of the letter, which then reads as the letter it quotes.
 */
import { quoteMarks } from '../parse/quoted';
import type { CodeFix, FixContext, FixModule } from './types';

export const textQuoted: FixModule = {
  code: 'text-quoted',
  fixes({ letter, text }: FixContext): CodeFix[] {
    const marks = quoteMarks(text, letter.range.start, letter.range.end);
    if (marks.length === 0) return [];
    return [{ title: `Remove the quote marks (">") from ${marks.length} lines`, edits: marks.map((span) => ({ span, newText: '' })), isPreferred: true }];
  },
};
