/**
 * Where sentences end, in a block's normalised text or in the letter's own text: the closing
 * sentence of a rationale (the case library) and a sentence as one step of Expand Selection.
 */
import { isSpaceCode } from './collapse';
import type { Span } from './types';

/** The word before a full stop that makes it an abbreviation's ("Dr.", "e.g.", "No."), not a sentence end. */
const ABBREVIATION = /^[A-Z]?[a-z]{0,2}$|\.[a-z]$/;

/** Text that ends with a sentence's end: ".", "!" or "?", a closing quote or bracket perhaps after
 *  it. Tested on a line's content, or its last characters (the item heading walk). */
export const LINE_ENDS_SENTENCE = /[.!?]["”')\]]?$/;

/** Longest abbreviation read before a full stop, in characters. */
const WORD_BEFORE = 4;

/**
 * Where the next sentence starts when the character at `i` ends one: a full stop, "!" or "?",
 * then white space (line breaks included), then a capital or a digit; a full stop after a short
 * word ("Dr.", "e.g.", "No.") is an abbreviation's. -1 otherwise. Reads nothing at or after `to`.
 */
export function nextSentenceStart(s: string, i: number, to = s.length): number {
  const c = s.charCodeAt(i);
  if (c !== 46 && c !== 33 && c !== 63) return -1;
  let j = i + 1;
  if (j >= to || !isSpaceCode(s.charCodeAt(j))) return -1;
  while (j < to && isSpaceCode(s.charCodeAt(j))) j++;
  const next = s.charCodeAt(j);
  if (j >= to || !((next >= 65 && next <= 90) || (next >= 48 && next <= 57))) return -1;
  if (c === 46) {
    let k = i;
    while (k > 0 && i - k < WORD_BEFORE && !isSpaceCode(s.charCodeAt(k - 1))) k--;
    if (ABBREVIATION.test(s.slice(k, i))) return -1;
  }
  return j;
}

/** Longest sentence read around an offset, each way, in characters. */
const MAX_SENTENCE = 3000;

/**
 * The sentence of `s[from, to)` that holds `offset`, without the white space around it: from the
 * start of the text or the last sentence end before the offset, to the first sentence end after
 * that. Null when the offset lies between two sentences, or when no end is found within
 * `MAX_SENTENCE` characters of it (a sentence is not guessed from part of the text).
 */
export function sentenceAt(s: string, from: number, to: number, offset: number): Span | null {
  if (offset < from || offset > to) return null;
  const floor = Math.max(from, offset - MAX_SENTENCE);
  let start = -1;
  for (let i = offset - 1; i >= floor; i--) {
    const next = nextSentenceStart(s, i, to);
    if (next >= 0 && next <= offset) {
      start = next;
      break;
    }
  }
  if (start < 0) {
    if (floor > from) return null;
    start = from;
    while (start < to && isSpaceCode(s.charCodeAt(start))) start++;
  }
  const ceiling = Math.min(to, start + 2 * MAX_SENTENCE);
  let end = -1;
  for (let j = start; j < ceiling; j++) {
    if (nextSentenceStart(s, j, to) >= 0) {
      end = j + 1;
      break;
    }
  }
  if (end < 0) {
    if (ceiling < to) return null;
    end = to;
    while (end > start && isSpaceCode(s.charCodeAt(end - 1))) end--;
  }
  return start <= offset && offset <= end && end > start ? { start, end } : null;
}
