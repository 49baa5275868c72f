/**
 * Where a fix writes: whole lines inserted before or after a line of the letter, in the letter's
 * own line ending, with the blank line after every line that double-spaced letters (the seeds'
 * extractor) have, so the written line reads like its neighbours.
 */
import type { TextEdit } from '../diagnostics';
import { LINE_WINDOW, lineEnd, lineStart } from '../diagnostics/line-walk';
import type { Letter } from '../types';

export function lineEnding(text: string, letter: Letter): string {
  // Searched within the first LINE_WINDOW characters of the letter (a letter's first line ends
  // long before), so that a fix on a text with no line break does not read all of it.
  const start = letter.range.start;
  const k = text.slice(start, start + LINE_WINDOW).indexOf('\n');
  const nl = k < 0 ? -1 : start + k;
  return nl > 0 && text.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n';
}

/** A line's start and end as the rules take them (line-walk.ts), for the fixes that write lines. */
export { lineEnd, lineStart };

function lineBreak(text: string, letter: Letter): string {
  const eol = lineEnding(text, letter);
  return letter.layout === 'double-spaced' ? eol + eol : eol;
}

/** Inserts `lines` (joined with the letter's line break) as whole lines before the line holding `offset`. */
export function insertBefore(text: string, letter: Letter, offset: number, lines: readonly string[]): TextEdit {
  const at = lineStart(text, offset);
  const br = lineBreak(text, letter);
  return { span: { start: at, end: at }, newText: lines.join(br) + br };
}

/** Inserts `lines` as whole lines after the line holding `offset`. */
export function insertAfter(text: string, letter: Letter, offset: number, lines: readonly string[]): TextEdit {
  const at = lineEnd(text, offset);
  const br = lineBreak(text, letter);
  return { span: { start: at, end: at }, newText: br + lines.join(br) };
}
