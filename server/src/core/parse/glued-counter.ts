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
 * Cheap where there is none: a line is read further only when it ends with a digit or starts with
 * "P"; each is read backwards or forwards over a few characters, nothing sliced.
 */
import { FAX_HEADER, MAX_FAX_HEADER } from './first-word';
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

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
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
  while (i > s && e - i < 3 && isDigit(text.charCodeAt(i - 1))) i--;
  if (i === e || (i > s && isDigit(text.charCodeAt(i - 1)))) return -1;
  numberFrom = i;
  return Number(text.slice(i, e));
}

/** The number of one to three digits starting at `at` (its end in `numberTo`), or -1. */
let numberTo = 0;
function numberStartingAt(text: string, at: number, e: number): number {
  let i = at;
  while (i < e && i - at < 3 && isDigit(text.charCodeAt(i))) i++;
  if (i === at || (i < e && isDigit(text.charCodeAt(i)))) return -1;
  numberTo = i;
  return Number(text.slice(at, i));
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
 * Takes the page counters printed on lines of text out of them (see the module comment). Runs
 * before the lines are classified, over their content as scanned.
 */
export function trimGluedCounters(r: LetterReader): void {
  const { text, cs, ce } = r;
  const n = r.lines.length;
  // Per counter found: its line, where it starts and ends, its page, its page count, and 1 when
  // it opens the line (0 when it ends it).
  let found: number[] | null = null;
  for (let i = 0; i < n; i++) {
    const s = cs[i];
    const e = ce[i];
    if (e - s < MIN_LINE) continue;
    if (isDigit(text.charCodeAt(e - 1))) {
      const at = counterEnding(text, s, e);
      // A fax header ("01/05/2017 10:15  ...  Page 2 of 3") is hidden whole (classify.ts).
      if (at >= 0 && !(isDigit(text.charCodeAt(s)) && e - s <= MAX_FAX_HEADER && FAX_HEADER.test(r.content(i)))) {
        (found ??= []).push(i, at, e, page, pages, 0);
        continue;
      }
    }
    if ((text.charCodeAt(s) | 32) === 112) {
      const end = counterOpening(text, s, e);
      if (end >= 0) (found ??= []).push(i, s, end, page, pages, 1);
    }
  }
  if (found === null) return;
  // One alone is taken only after a gap of two or more blanks, as a tool leaves between text and
  // a footer it put on the same line, and when it counts a page after the first (a sentence may
  // read "see page 1 of 5").
  if (found.length === 6) {
    const i = found[0];
    const gap = found[5] === 0 ? found[1] - blanksBack(text, cs[i], found[1]) : blanksOn(text, found[2], ce[i]) - found[2];
    if (found[3] < 2 || gap < 2) return;
  }
  // They count the pages: one page count, pages going up, none past the last.
  const total = found[4];
  let last = 0;
  for (let k = 0; k < found.length; k += 6) {
    const p = found[k + 3];
    if (found[k + 4] !== total || p <= last || p > total) return;
    last = p;
  }
  // The same words beside every counter: a running header or footer of its own, which
  // running.ts and furniture.ts read whole.
  if (found.length > 6 && sameBesideEach(r, found)) return;
  const hidden = (r.hidden ??= []);
  for (let k = 0; k < found.length; k += 6) {
    const i = found[k];
    const at = found[k + 1];
    const end = found[k + 2];
    hidden.push({ start: at, end });
    gluedCounters.taken++;
    if (found[k + 5] === 0) ce[i] = blanksBack(text, cs[i], at);
    else cs[i] = blanksOn(text, end, ce[i]);
  }
  r.blanked = true;
}

/** Whether the text beside each counter found (the rest of its line) is the same. */
function sameBesideEach(r: LetterReader, found: readonly number[]): boolean {
  const { text, cs, ce } = r;
  const beside = (k: number) => {
    const i = found[k];
    return found[k + 5] === 0 ? text.slice(cs[i], blanksBack(text, cs[i], found[k + 1])) : text.slice(blanksOn(text, found[k + 2], ce[i]), ce[i]);
  };
  const first = beside(0);
  for (let k = 6; k < found.length; k += 6) if (beside(k) !== first) return false;
  return true;
}
