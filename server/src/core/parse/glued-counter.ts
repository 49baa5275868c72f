/**
 * A page counter ("Page 2 of 5") a tool printed on the same line as the letter's own text, at the
 * line's end or its start: a footer that lost its line break, as a tool that reads text in the
 * order it was drawn, or an OCR, can print it ("... for moderate to   Page 3 of 5"). It is taken
 * out of the line (its content ends before it, or starts after it, and the counter is noted in
 * `hidden`), so that it is no part of a request, a decision ending or a rationale. Taken when the
 * letter has one, after or before a gap of two or more blanks, counting a page after the first;
 * or two or more that count its pages: the same number of pages in each,
 * the page one more at each (or more, where a page lost its counter), none past the last page; and
 * not when the words beside them are the same on every page (a running header or footer of its
 * own, "Final Determination Letter - Page 2 of 3", which running.ts and furniture.ts read whole).
 * A counter alone on its line is a page marker (classify.ts).
 *
 * Cheap where there is none: classify.ts hands on only the lines ending with a digit or starting
 * with "P", each read backwards or forwards over a few characters, nothing sliced. The lines are
 * classified before a counter is taken out, and those read as text are read again without it (a
 * section heading with a counter on its line, "CLINICAL CASE SUMMARY   Page 2 of 3").
 */
import { isDigitCode } from '../collapse';
import { LetterReader } from './reader';

/** Fewest characters of a line holding a counter and text (a counter alone is shorter). */
const MIN_LINE = 16;
/** Fewest blanks between a counter and the text beside it. */
const MIN_GAP = 1;

/** Counters taken out of lines since the module was loaded: read by the test that holds that no
 *  real letter has one. */
export const gluedCounters = { taken: 0 };

/** The counter read last by `counterEnding` or `counterOpening`. */
let page = 0;
let pages = 0;

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0;
}

/** Whether text[at, at + word.length) is `word` (lower case), any case. */
function wordAt(text: string, at: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if ((text.charCodeAt(at + k) | 32) !== word.charCodeAt(k)) return false;
  return true;
}

/** The number of one to three digits ending at `e` (its start in `numberFrom`), or -1. */
let numberFrom = 0;
function numberEndingAt(text: string, s: number, e: number): number {
  let i = e;
  while (i > s && e - i < 3 && isDigitCode(text.charCodeAt(i - 1))) i--;
  if (i === e || (i > s && isDigitCode(text.charCodeAt(i - 1)))) return -1;
  numberFrom = i;
  return digitsValue(text, i, e);
}

/** The value of the digits text[from, to) (at most three), read without a slice. */
function digitsValue(text: string, from: number, to: number): number {
  let v = 0;
  for (let k = from; k < to; k++) v = v * 10 + text.charCodeAt(k) - 48;
  return v;
}

/** The number of one to three digits starting at `at` (its end in `numberTo`), or -1. */
let numberTo = 0;
function numberStartingAt(text: string, at: number, e: number): number {
  let i = at;
  while (i < e && i - at < 3 && isDigitCode(text.charCodeAt(i))) i++;
  if (i === at || (i < e && isDigitCode(text.charCodeAt(i)))) return -1;
  numberTo = i;
  return digitsValue(text, at, i);
}

function blanksBack(text: string, s: number, i: number): number {
  while (i > s && isBlank(text.charCodeAt(i - 1))) i--;
  return i;
}

function blanksOn(text: string, i: number, e: number): number {
  while (i < e && isBlank(text.charCodeAt(i))) i++;
  return i;
}

/** Where "Page N of M" ending at `e` starts, after at least `MIN_GAP` blanks and text before them;
 *  -1 when the line does not end with one. `page` and `pages` are its numbers. */
export function counterEnding(text: string, s: number, e: number): number {
  const total = numberEndingAt(text, s, e);
  if (total < 0) return -1;
  let i = blanksBack(text, s, numberFrom);
  if (i === numberFrom || i - 2 < s || !wordAt(text, i - 2, 'of')) return -1;
  const ofAt = i - 2;
  i = blanksBack(text, s, ofAt);
  if (i === ofAt) return -1;
  const n = numberEndingAt(text, s, i);
  if (n < 0) return -1;
  i = blanksBack(text, s, numberFrom);
  if (i === numberFrom || i - 4 < s || !wordAt(text, i - 4, 'page')) return -1;
  const at = i - 4;
  if (at - blanksBack(text, s, at) < MIN_GAP || blanksBack(text, s, at) === s) return -1;
  page = n;
  pages = total;
  return at;
}

/** Where "Page N of M" starting at `s` ends, with at least `MIN_GAP` blanks and text after it;
 *  -1 when the line does not start with one. `page` and `pages` are its numbers. */
export function counterOpening(text: string, s: number, e: number): number {
  if (e - s < 4 || !wordAt(text, s, 'page')) return -1;
  let i = blanksOn(text, s + 4, e);
  if (i === s + 4) return -1;
  const n = numberStartingAt(text, i, e);
  if (n < 0) return -1;
  const afterPage = numberTo;
  i = blanksOn(text, afterPage, e);
  if (i === afterPage || i + 2 > e || !wordAt(text, i, 'of')) return -1;
  const afterOf = i + 2;
  i = blanksOn(text, afterOf, e);
  if (i === afterOf) return -1;
  const total = numberStartingAt(text, i, e);
  if (total < 0) return -1;
  const end = numberTo;
  const next = blanksOn(text, end, e);
  if (next - end < MIN_GAP || next === e) return -1;
  page = n;
  pages = total;
  return end;
}

/**
 * The counters noted in the letter being read, six numbers each: its line, where it starts and
 * ends, its page, its page count, and 1 when it opens the line (0 when it ends it). Kept from call
 * to call; `found` of them.
 */
let noted = new Int32Array(60);
let found = 0;

/** Starts noting the counters of a letter (none yet). */
export function startCounters(): void {
  found = 0;
}

/**
 * Notes a counter ending or opening line i (content text[cs, ce), `last` its last character), as
 * classify.ts reads each line ending with a digit or starting with "P". A fax header (classify.ts
 * hides it whole) is never noted: it is read before.
 */
export function noteCounter(text: string, i: number, cs: number, ce: number, last: number): void {
  if (ce - cs < MIN_LINE) return;
  let at = -1;
  let end = -1;
  let opens = 0;
  if (isDigitCode(last)) {
    at = counterEnding(text, cs, ce);
    end = ce;
  }
  if (at < 0 && (text.charCodeAt(cs) | 32) === 112) {
    end = counterOpening(text, cs, ce);
    at = cs;
    opens = 1;
    if (end < 0) return;
  }
  if (at < 0) return;
  if (found + 6 > noted.length) {
    const grown = new Int32Array(noted.length * 2);
    grown.set(noted);
    noted = grown;
  }
  noted[found++] = i;
  noted[found++] = at;
  noted[found++] = end;
  noted[found++] = page;
  noted[found++] = pages;
  noted[found++] = opens;
}

/**
 * Takes the counters noted out of their lines when they count the pages (see the module comment),
 * after the lines are classified; returns the lines it cut, or null.
 */
export function trimGluedCounters(r: LetterReader): number[] | null {
  if (found === 0) return null;
  const { text, cs, ce } = r;
  // One alone is taken only after a gap of two or more blanks, as a tool leaves between text and
  // a footer it put on the same line, and when it counts a page after the first (a sentence may
  // read "see page 1 of 5").
  if (found === 6) {
    const i = noted[0];
    const gap = noted[5] === 0 ? noted[1] - blanksBack(text, cs[i], noted[1]) : blanksOn(text, noted[2], ce[i]) - noted[2];
    if (noted[3] < 2 || gap < 2) return null;
  }
  // They count the pages: one page count, pages going up, none past the last.
  const total = noted[4];
  let last = 0;
  for (let k = 0; k < found; k += 6) {
    const p = noted[k + 3];
    if (noted[k + 4] !== total || p <= last || p > total) return null;
    last = p;
  }
  // The same words beside every counter: a running header or footer of its own, which
  // running.ts and furniture.ts read whole.
  if (found > 6 && sameBesideEach(r)) return null;
  const hidden = (r.hidden ??= []);
  const lines: number[] = [];
  for (let k = 0; k < found; k += 6) {
    const i = noted[k];
    const at = noted[k + 1];
    const end = noted[k + 2];
    hidden.push({ start: at, end });
    gluedCounters.taken++;
    lines.push(i);
    if (noted[k + 5] === 0) ce[i] = blanksBack(text, cs[i], at);
    else cs[i] = blanksOn(text, end, ce[i]);
  }
  r.blanked = true;
  return lines;
}

/** Whether the text beside each counter noted (the rest of its line) is the same. */
function sameBesideEach(r: LetterReader): boolean {
  const { text, cs, ce } = r;
  const beside = (k: number) => {
    const i = noted[k];
    return noted[k + 5] === 0 ? text.slice(cs[i], blanksBack(text, cs[i], noted[k + 1])) : text.slice(blanksOn(text, noted[k + 2], ce[i]), ce[i]);
  };
  const first = beside(0);
  for (let k = 6; k < found; k += 6) if (beside(k) !== first) return false;
  return true;
}
