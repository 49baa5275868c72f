/**
 * Where a fix writes: whole lines inserted before or after a line of the letter, in the letter's
 * own line ending, with the blank line after every line that double-spaced letters (the seeds'
 * extractor) have, so the written line reads like its neighbours.
 */
import type { TextEdit } from '../diagnostics';
import type { Letter } from '../types';

export function lineEnding(text: string, letter: Letter): string {
  const nl = text.indexOf('\n', letter.range.start);
  return nl > 0 && text.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n';
}

/** Start of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  let s = Math.max(0, Math.min(offset, text.length));
  while (s > 0 && text.charCodeAt(s - 1) !== 10 && text.charCodeAt(s - 1) !== 13) s--;
  return s;
}

/** End of the line holding `offset`, before its line break. */
export function lineEnd(text: string, offset: number): number {
  let e = Math.max(0, Math.min(offset, text.length));
  while (e < text.length && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
  return e;
}

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
