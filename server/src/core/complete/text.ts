/**
 * The text before the cursor, as completion reads it: the current line up to the cursor, and a
 * bounded window before the cursor with every run of blanks, line breaks and form feeds collapsed
 * to one space (so a citation wrapped over lines, or double-spaced as in the seeds, reads as one).
 * Everything here is bounded by the window, so a completion request costs the same in a 10 MB file.
 */
import type { Letter } from '../index';

/** Characters read before the cursor. Citations and headings are far shorter. */
export const WINDOW = 2000;

export interface CursorText {
  readonly offset: number;
  /** Offset of the start of the cursor's line. */
  readonly lineStart: number;
  /** The cursor's line from its start to the cursor, as written. */
  readonly line: string;
  /** Up to WINDOW characters before the cursor (not before the letter), blanks collapsed. */
  readonly window: string;
}

export function cursorText(letter: Letter, text: string, offset: number): CursorText {
  const from = Math.max(letter.range.start, offset - WINDOW, 0);
  let lineStart = offset;
  while (lineStart > from) {
    const c = text.charCodeAt(lineStart - 1);
    if (c === 10 || c === 13 || c === 12) break;
    lineStart--;
  }
  const raw = text.slice(from, offset);
  return { offset, lineStart, line: text.slice(lineStart, offset), window: raw.replace(/[\s\u00a0\ufeff]+/g, ' ') };
}

/**
 * Typed text that a completion replaces. `typed` is what the window says was typed (blanks
 * collapsed; it may have begun on an earlier line); `start` is where the part on the cursor's line
 * begins; `carried` is the part on earlier lines, which an inserted label must not repeat.
 */
export interface Typed {
  readonly typed: string;
  readonly start: number;
  readonly carried: string;
}

/** Locates the collapsed `typed` (the window's tail) in the cursor's line. */
export function locateTyped(cur: CursorText, typed: string): Typed {
  const line = cur.line;
  let i = line.length;
  let j = typed.length;
  while (j > 0 && i > 0) {
    const t = typed.charCodeAt(j - 1);
    if (t === 32) {
      if (!isBlank(line.charCodeAt(i - 1))) break;
      while (i > 0 && isBlank(line.charCodeAt(i - 1))) i--;
      j--;
    } else {
      if (line.charCodeAt(i - 1) !== t) break;
      i--;
      j--;
    }
  }
  // The rest of `typed` lies on earlier lines (the line start stands for the line break's space).
  const carried = typed.slice(0, j).trim();
  return { typed, start: cur.lineStart + i, carried };
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0xfeff;
}

/**
 * The text to insert for `candidate` when `carried` words were typed on earlier lines: the
 * candidate without those words, or null when the candidate does not start with them.
 */
export function fitCarried(candidate: string, carried: string): string | null {
  if (carried.length === 0) return candidate;
  const had = carried.split(' ');
  const words = candidate.split(' ');
  if (words.length <= had.length) return null;
  for (let k = 0; k < had.length; k++) if (words[k].toLowerCase() !== had[k].toLowerCase()) return null;
  return words.slice(had.length).join(' ');
}

/** Key for comparing names: lower case, letters and digits only, "&" read as "and", parentheses dropped. */
export function nameKey(s: string): string {
  const lower = (s.length > 300 ? s.slice(0, 300) : s).toLowerCase();
  const k = lower.replace(/\([^()]{0,120}\)/g, ' ').replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, '');
  return k.length > 0 ? k : lower.replace(/[^a-z0-9]+/g, '');
}

/** Words of a label, lower case, for comparing guideline names: "low back complaints 2004". */
export function labelWords(s: string): string {
  return s.toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim();
}

/** True when `typed` words are prefixes of the first words of `candidate` (case-insensitive). */
export function startsWithWords(candidate: string, typed: string): boolean {
  const t = labelWords(typed);
  if (t.length === 0) return true;
  const c = labelWords(candidate);
  const tw = t.split(' ');
  const cw = c.split(' ');
  if (tw.length > cw.length) return false;
  for (let k = 0; k < tw.length; k++) {
    if (k < tw.length - 1 ? cw[k] !== tw[k] : !cw[k].startsWith(tw[k])) return false;
  }
  return true;
}

/** Zero-padded sort key. */
export function sortKey(rank: number): string {
  return String(Math.max(0, Math.min(9999, rank))).padStart(4, '0');
}
