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
 * has the same first two and last characters (a run of digits as one), counted in a table kept
 * from call to call.
 */
import { isBlankCode } from '../lines';
import { isAsciiLetter } from '../collapse';
import { endsSentence, MAX_KEY, MIN_LENGTH } from './furniture';
import { Kind, LetterReader } from './reader';

/** Fewest lines from one running line to the next (a page has more). */
const MIN_GAP = 12;
/** Lines this long or shorter are read for letters before being counted (a date alone on its line). */
const SHORT = 16;
/** Fewest letters of a running line ("#/#/#", a date alone on its line in a header table, has none). */
const MIN_LETTERS = 2;
/** The longest gap between two running lines at most this many times the shortest. */
const MAX_SPREAD = 3;

/** Slots of the signature table (a power of two). */
const SLOTS = 4096;
/** Lines of each signature, to 255, for the letter being read; zeroed after it. */
const counts = new Uint8Array(SLOTS);
/**
 * The lines of the letter being read whose content starts or ends with a digit, as classify.ts
 * notes them (`noteDigitEdged`), the first `noted`; then those that may be a running line, with
 * their signatures in `sigs`. Kept from call to call.
 */
let edged = new Int32Array(256);
let sigs = new Int32Array(256);
let noted = 0;

/** Lines made blank as running furniture since the module was loaded: read by the test that holds
 *  that no real letter has one. */
export const runningFurniture = { lines: 0 };

/** Starts noting the lines of a letter (none noted yet). */
export function startNoting(): void {
  noted = 0;
}

/** Notes line i, whose content starts or ends with a digit (or a bracket closing after one:
 *  "(Page 2)"): classify.ts reads the two characters of every line it reads. */
export function noteDigitEdged(i: number): void {
  if (noted === edged.length) grow();
  edged[noted++] = i;
}

/** Makes room for as many noted lines again. */
function grow(): void {
  const grown = new Int32Array(2 * noted);
  grown.set(edged);
  edged = grown;
  sigs = new Int32Array(2 * noted);
}

/** Blanks the lines repeated through the letter, numbers aside, with a page counter. */
export function blankRunningFurniture(r: LetterReader): void {
  const lines = noted;
  noted = 0;
  if (lines < 2 || r.lines.length <= MIN_GAP) return;
  const { text, kinds, cs, ce } = r;
  // The noted lines that may be one (the first `m`, kept in place), each with its signature: the
  // first character, the next after the first run of digits, and the last, digits as "#".
  let m = 0;
  let repeated = false;
  for (let k = 0; k < lines; k++) {
    const i = edged[k];
    if (kinds[i] !== Kind.Text) continue;
    const s = cs[i];
    const e = ce[i];
    if (e - s < MIN_LENGTH) continue;
    const a = text.charCodeAt(s);
    let z = text.charCodeAt(e - 1);
    if (z === 41 || z === 93) z = text.charCodeAt(e - 2);
    const digitFirst = isDigit(a);
    if (!isDigit(z)) {
      // A number at its start only: a sentence's start ("2016, Section(s): Topical analgesics.").
      if (!digitFirst || endsSentence(text, s, e)) continue;
    }
    // A short line without letters: a date of a header table alone on its line.
    if (e - s <= SHORT && !hasLetters(text, s, e)) continue;
    let j = s + 1;
    if (digitFirst) while (j < e && isDigit(text.charCodeAt(j))) j++;
    const sig = (Math.imul(Math.imul(fold(a), 31) + fold(text.charCodeAt(j)), 31) + fold(z)) & (SLOTS - 1);
    edged[m] = i;
    sigs[m++] = sig;
    const c = counts[sig];
    if (c === 1) repeated = true;
    if (c < 255) counts[sig] = c + 1;
  }
  if (repeated) blankRepeated(r, m);
  for (let k = 0; k < m; k++) counts[sigs[k]] = 0;
}

/** Reads whole the first `m` lines of `edged` that share a signature with another, and blanks those
 *  that are a running line. */
function blankRepeated(r: LetterReader, m: number): void {
  const { text, cs, ce } = r;
  const byKey = new Map<string, number[]>();
  for (let k = 0; k < m; k++) {
    if (counts[sigs[k]] < 2) continue;
    const i = edged[k];
    const key = runningKey(text, cs[i], ce[i]);
    if (key === null) continue;
    const at = byKey.get(key);
    if (at) at.push(i);
    else byKey.set(key, [i]);
  }
  for (const lines of byKey.values()) {
    if (lines.length < 2 || !evenlyApart(lines) || !countsPages(r, lines)) continue;
    runningFurniture.lines += lines.length;
    for (const i of lines) {
      r.kinds[i] = Kind.Blank;
      r.blankLine(i, false);
    }
  }
}

/**
 * Line [cs, ce)'s content, blanks collapsed and each run of digits read as one "#"; null for a
 * line that cannot be a running one: fewer than `MIN_LETTERS` letters, or ending an item heading
 * (a decision word). (One ending a sentence was not counted.)
 */
function runningKey(text: string, cs: number, ce: number): string | null {
  const end = Math.min(ce, cs + MAX_KEY);
  let key = '';
  let letters = 0;
  let blank = false;
  let digit = false;
  for (let k = cs; k < end; k++) {
    const c = text.charCodeAt(k);
    if (isBlankCode(c)) {
      blank = true;
      continue;
    }
    if (blank) key += ' ';
    blank = false;
    if (isDigit(c)) {
      if (!digit) key += '#';
      digit = true;
      continue;
    }
    digit = false;
    if (isAsciiLetter(c)) letters++;
    key += text[k];
  }
  if (letters < MIN_LETTERS) return null;
  const tail = key.slice(-11).toLowerCase();
  if (tail.endsWith('upheld') || tail.endsWith('overturned')) return null;
  return key;
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
  const alone = ownNumbers(text, r.cs[first], Math.min(r.ce[first], r.cs[first] + MAX_KEY));
  const numbers = lines.map((i) => numbersOf(text, r.cs[i], Math.min(r.ce[i], r.cs[i] + MAX_KEY)));
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
    if (isDigit(c)) {
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
    if (!isDigit(text.charCodeAt(k))) continue;
    const from = k;
    while (k < ce && isDigit(text.charCodeAt(k))) k++;
    out.push((from === cs || !isAsciiLetter(text.charCodeAt(from - 1))) && (k === ce || !isAsciiLetter(text.charCodeAt(k))));
  }
  return out;
}

/** Whether text[cs, ce) holds `MIN_LETTERS` letters. */
function hasLetters(text: string, cs: number, ce: number): boolean {
  let letters = 0;
  for (let k = cs; k < ce; k++) if (isAsciiLetter(text.charCodeAt(k)) && ++letters >= MIN_LETTERS) return true;
  return false;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A character as the signature reads it: a digit as "#". */
function fold(c: number): number {
  return isDigit(c) ? 35 : c;
}
