/**
 * A running header or footer inside a page's text: a fax header ("01/05/2017 10:15 FAX ...
 * P.002/005"), "IMR Case Number CM16-0123456 Page 2", "Final Determination Letter - Page 3",
 * printed through a letter whose page breaks the tool dropped (or an OCR never saw), so that no
 * page edge tells it apart (furniture.ts reads those). A line is taken for one when the same line,
 * numbers aside, is written two or more times far apart (`MIN_GAP` lines, at roughly even
 * spacing), one of its numbers counting the pages (one more at each, two where a page lost it), a
 * number at its start or its end; it has a word (`MIN_LETTERS`), is text (no heading, label or
 * lead-in) and ends no sentence and no item heading. Written only twice, its numbers but the
 * counter are the same and the counter goes up by one. A letter's own lines are not so repeated
 * (a rationale given two items: its numbers do not count pages, and a line ending a sentence
 * never counts). It is made blank as furniture.ts makes a running header blank.
 *
 * Cheap where there is none: a line is read further only when it starts or ends with a digit (one
 * more character read as classify.ts reads each line), and read whole only when another such line
 * has the same first two and last characters (a run of digits as one) and its length, or one more
 * or less, counted in a table kept from call to call.
 */
import { isBlankCode } from '../lines';
import { isAsciiLetter, isDigitCode } from '../collapse';
import { endsWithDecisionWord } from './closing';
import { endsSentence } from './furniture';
import { groupByKey, keyEnd } from './line-key';
import { Kind, LetterReader } from './reader';

/** Fewest lines from one running line to the next (a page has more). */
const MIN_GAP = 12;
/** Fewest characters of a running line: a date alone on its line ("12/15/2016", a header table's
 *  value) has fewer; a page number alone is a page marker (first-word.ts). */
const MIN_RUNNING = 11;
/** Fewest letters of a running line (a word). */
const MIN_LETTERS = 2;
/** The longest gap between two running lines at most this many times the shortest. */
const MAX_SPREAD = 3;

/** Slots of the signature table (a power of two). */
const SLOTS = 4096;
/** Lines counted at each slot (a signature and a length, `slot`), to 255, for the letter being
 *  read; zeroed after it. */
const counts = new Uint8Array(SLOTS);
/**
 * The lines of the letter being read that may be a running line, as classify.ts notes them
 * (`noteLine`), the first `noted`, each with its signature (`sigs`) and slot (`slots`); kept from
 * call to call. `repeated`: two of them share a signature, at lengths one apart at most.
 */
let edged = new Int32Array(256);
let sigs = new Int32Array(256);
let slots = new Int32Array(256);
let noted = 0;
let repeated = false;

/** Lines made blank as running furniture since the module was loaded: read by the test that holds
 *  that no real letter has one. */
export const runningFurniture = { lines: 0 };

/** Starts noting the lines of a letter (none noted yet; the counts of a letter whose reading
 *  stopped before `blankRunningFurniture` zeroed). */
export function startNoting(): void {
  for (let k = 0; k < noted; k++) counts[slots[k]] = 0;
  noted = 0;
  repeated = false;
}

/**
 * Notes line i, [cs, ce), which starts or ends with a digit (`first` and `last`, its first and
 * last characters; or a bracket closing after a digit: "(Page 2)"), as classify.ts reads it, while
 * its characters are at hand: counted at its signature (the first character, the next after the
 * first run of digits, and the last, digits as "#") and length when it may be a running line.
 */
export function noteLine(text: string, i: number, cs: number, ce: number, first: number, last: number): void {
  if (ce - cs < MIN_RUNNING) return;
  const z = last === 41 || last === 93 ? text.charCodeAt(ce - 2) : last;
  const digitFirst = isDigitCode(first);
  if (!isDigitCode(z)) {
    // A number at its start only: it is the first word, whole ("2 of 5 ...", "01/05/2017 10:15
    // FAX ..."), and the line ends no sentence; a sentence's words go on after it ("2016,
    // Section(s): Manual therapy ...", "12/17/2016. The mechanism of injury ...").
    if (!digitFirst || endsSentence(text, cs, ce) || !opensWithNumber(text, cs, ce)) return;
  }
  let j = cs + 1;
  if (digitFirst) while (j < ce && isDigitCode(text.charCodeAt(j))) j++;
  const sig = Math.imul(Math.imul(fold(first), 31) + fold(text.charCodeAt(j)), 31) + fold(z);
  const at = slot(sig, ce - cs);
  if (counts[at] < 255) counts[at]++;
  // A page counter gone from 9 to 10 makes its line one longer.
  if (!repeated && sharesSlot(sig, ce - cs)) repeated = true;
  if (noted === edged.length) grow();
  edged[noted] = i;
  sigs[noted] = sig;
  slots[noted++] = at;
}

/** Makes room for as many noted lines again. */
function grow(): void {
  const n = 2 * noted;
  const e = new Int32Array(n);
  e.set(edged);
  edged = e;
  const s = new Int32Array(n);
  s.set(sigs);
  sigs = s;
  const t = new Int32Array(n);
  t.set(slots);
  slots = t;
}

/** Blanks the lines repeated through the letter, numbers aside, with a page counter (read only
 *  when two noted lines share a signature). */
export function blankRunningFurniture(r: LetterReader): void {
  const m = noted;
  noted = 0;
  if (repeated && r.lines.length > MIN_GAP) blankRepeated(r, m);
  repeated = false;
  for (let k = 0; k < m; k++) counts[slots[k]] = 0;
}

/** The slot of the counts of a signature and a length. */
function slot(sig: number, length: number): number {
  return (Math.imul(sig, 31) + length) & (SLOTS - 1);
}

/** Whether another line of signature `sig` was counted at `length`, one more or one less. */
function sharesSlot(sig: number, length: number): boolean {
  return counts[slot(sig, length)] + counts[slot(sig, length - 1)] + counts[slot(sig, length + 1)] >= 2;
}

/** Reads whole the first `m` lines of `edged` that share a signature with another, and blanks those
 *  that are a running line. No string is made: lines are grouped by their key (line-key.ts). */
function blankRepeated(r: LetterReader, m: number): void {
  const { text, cs, ce, kinds } = r;
  const candidates: number[] = [];
  for (let k = 0; k < m; k++) {
    const i = edged[k];
    if (kinds[i] !== Kind.Text || !sharesSlot(sigs[k], ce[i] - cs[i])) continue;
    if (asciiLetters(text, cs[i], keyEnd(cs[i], ce[i])) < MIN_LETTERS || endsWithDecisionWord(text, cs[i], ce[i])) continue;
    candidates.push(i);
  }
  for (const lines of groupByKey(text, cs, ce, candidates)) {
    if (lines.length < 2 || !evenlyApart(lines) || !countsPages(r, lines)) continue;
    runningFurniture.lines += lines.length;
    for (const i of lines) {
      r.kinds[i] = Kind.Blank;
      r.hideLine(i, false);
    }
  }
}

/** The ASCII letters of text[from, to). */
function asciiLetters(text: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) if (isAsciiLetter(text.charCodeAt(k))) n++;
  return n;
}

/** Whether the lines (in order) are `MIN_GAP` lines apart or more, the longest gap at most
 *  `MAX_SPREAD` times the shortest. */
function evenlyApart(lines: readonly number[]): boolean {
  let least = Infinity;
  let most = 0;
  for (let j = 1; j < lines.length; j++) {
    const gap = lines[j] - lines[j - 1];
    if (gap < least) least = gap;
    if (gap > most) most = gap;
  }
  return least >= MIN_GAP && most <= MAX_SPREAD * least;
}

/**
 * Whether one number of the lines (whose keys are equal: each has as many, at the same places)
 * counts their pages: a number of its own (no letter against it: "L4" and "L5" name two levels of
 * the spine), one more on each line than on the one before, or two (a page whose line was lost),
 * and no more on the first line than the pages the lines above it can fill, and one (`MIN_GAP`
 * lines a page, a cover page before the letter perhaps): not a case number, nor the day of a
 * date. On two lines only, it is one more and their other numbers are the same.
 */
function countsPages(r: LetterReader, lines: readonly number[]): boolean {
  const { text } = r;
  const first = lines[0];
  const alone = ownNumbers(text, r.cs[first], keyEnd(r.cs[first], r.ce[first]));
  const numbers = lines.map((i) => numbersOf(text, r.cs[i], keyEnd(r.cs[i], r.ce[i])));
  let counters = 0;
  let others = 0;
  const most = 2 + Math.floor(first / MIN_GAP);
  for (let p = 0; p < alone.length; p++) {
    let counting = alone[p] && numbers[0][p] <= most;
    let same = true;
    for (let j = 1; j < numbers.length; j++) {
      const step = numbers[j][p] - numbers[j - 1][p];
      if (step !== 1 && (step !== 2 || lines.length === 2)) counting = false;
      if (step !== 0) same = false;
    }
    if (counting) counters++;
    else if (!same) others++;
  }
  return counters > 0 && (lines.length > 2 || (counters === 1 && others === 0));
}

/** The values of the runs of digits of text[cs, ce) (a run of more than 9 digits read as its first 9). */
function numbersOf(text: string, cs: number, ce: number): number[] {
  const out: number[] = [];
  let value = -1;
  let digits = 0;
  for (let k = cs; k < ce; k++) {
    const c = text.charCodeAt(k);
    if (isDigitCode(c)) {
      if (value < 0) value = digits = 0;
      if (digits++ < 9) value = value * 10 + c - 48;
    } else if (value >= 0) {
      out.push(value);
      value = -1;
    }
  }
  if (value >= 0) out.push(value);
  return out;
}

/** For each run of digits of text[cs, ce), whether no letter is against it on either side. */
function ownNumbers(text: string, cs: number, ce: number): boolean[] {
  const out: boolean[] = [];
  for (let k = cs; k < ce; k++) {
    if (!isDigitCode(text.charCodeAt(k))) continue;
    const from = k;
    while (k < ce && isDigitCode(text.charCodeAt(k))) k++;
    out.push((from === cs || !isAsciiLetter(text.charCodeAt(from - 1))) && (k === ce || !isAsciiLetter(text.charCodeAt(k))));
  }
  return out;
}

/** Whether the first word of text[cs, ce) (blanks end it) ends with a digit, and a word follows. */
function opensWithNumber(text: string, cs: number, ce: number): boolean {
  let k = cs;
  while (k < ce && !isBlankCode(text.charCodeAt(k))) k++;
  return k < ce && isDigitCode(text.charCodeAt(k - 1));
}

/** A character as the signature reads it: a digit as "#". */
function fold(c: number): number {
  return isDigitCode(c) ? 35 : c;
}
