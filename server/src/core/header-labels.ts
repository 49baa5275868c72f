/**
 * The header table's labels, found in a line by the form's fixed wording wherever they stand:
 * a line that is one label as printed, or labels read with the line's blanks taken out (words
 * broken by spaces still match). header-tokens.ts cuts the lines into labels and values with it.
 */
import { isAsciiLetter, isSqueezedOut } from './collapse';
import { objectList } from './lists';
import type { HeaderKey } from './types';
import { HEADER_LABELS, HEADER_NAMES } from './vocabulary';

/** Labels with the blanks taken out: found in a line with its blanks removed (words broken by
 *  spaces still match), each checked to begin and end at a word boundary of the line. */
const SQUEEZED_LABELS: readonly { key: HeaderKey | null; re: string; colon: boolean }[] = [
  { key: 'caseNumber', re: 'CaseNumber:', colon: true },
  { key: 'dateAssigned', re: 'DateAssigned:', colon: true },
  { key: 'decisionDate', re: 'DecisionDate:', colon: true },
  { key: 'priority', re: 'Priority:', colon: true },
  { key: 'dateOfInjury', re: 'DateofInjury:', colon: true },
  { key: 'urDenialDate', re: 'URDenialDate:', colon: true },
  { key: 'applicationReceived', re: 'ApplicationReceived:', colon: true },
  // Printed on two lines; "Application" alone is the label, a "Received:" after it its end.
  { key: 'applicationReceived', re: 'Application', colon: false },
  { key: null, re: 'Received:', colon: true },
];
/** Each label's character codes, and which codes open one: a line is read for them in place,
 *  its blanks skipped, without making its squeezed copy. */
const LABEL_CODES: readonly (readonly number[])[] = SQUEEZED_LABELS.map((l) => Array.from(l.re, (ch) => ch.charCodeAt(0)));
const OPENS_LABEL = new Uint8Array(128);
for (const codes of LABEL_CODES) OPENS_LABEL[codes[0]] = 1;

/** "Application", its letters perhaps broken by blanks. */
const APPLICATION_HINT = /A\s*p\s*p\s*l\s*i\s*c/;


export interface RawLabel {
  key: HeaderKey | null;
  start: number;
  end: number;
  /** "Application" with no "Received:" after it. */
  stray: boolean;
}

/** A line that is one label as the form prints it (pdftotext, MuPDF): read without squeezing.
 *  Its label's name and colon, or either half of the two-line "Application" / "Received:". */
const WHOLE_LINE_LABELS = new Map<string, HeaderKey | null>([
  ...HEADER_LABELS.map((d): [string, HeaderKey] => [`${HEADER_NAMES[d.key]}:`, d.key]),
  ['Application', 'applicationReceived'],
  ['Received:', null],
]);
/** `WHOLE_LINE_LABELS` by the length of their names: a line is compared in place with the names
 *  of its length, without a copy of it to look up. */
const WHOLE_LINE_BY_LENGTH: { name: string; key: HeaderKey | null }[][] = [];
for (const [name, key] of WHOLE_LINE_LABELS) (WHOLE_LINE_BY_LENGTH[name.length] ??= []).push({ name, key });

/** What `labelsIn` gives for a line with no label: one shared list, never added to. */
const NO_LABELS: RawLabel[] = objectList();

/** The labels in text[from, to), by the squeezed vocabulary. */
export function labelsIn(text: string, from: number, to: number): RawLabel[] {
  // Whole-line labels end with a colon, or are "Application": others are not looked up.
  const same = to - from < WHOLE_LINE_BY_LENGTH.length ? WHOLE_LINE_BY_LENGTH[to - from] : undefined;
  if (same !== undefined && (text.charCodeAt(to - 1) === 58 || text.charCodeAt(to - 1) === 110)) {
    for (let k = 0; k < same.length; k++) {
      if (!text.startsWith(same[k].name, from)) continue;
      // A literal: the class of an array of objects, with room for its one label.
      return [{ key: same[k].key, start: from, end: to, stray: false }];
    }
  }
  // Every label but "Application" ends with a colon: most lines are passed over without squeezing.
  // One pass finds the first colon and whether an "A" comes before it.
  let colon = from;
  let a = false;
  for (; colon < to; colon++) {
    const c = text.charCodeAt(colon);
    if (c === 58) break;
    if (c === 65) a = true;
  }
  if (colon === to && !(a && APPLICATION_HINT.test(text.slice(from, to)))) return NO_LABELS;
  // Read as in the line with its blanks taken out: at each kept character the labels are tried in
  // order (the first that matches wins), and the reading goes on after a match.
  let out = NO_LABELS;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c >= 128 || OPENS_LABEL[c] === 0) {
      i++;
      continue;
    }
    let g = 0;
    let end = -1;
    for (; g < LABEL_CODES.length; g++) if ((end = squeezedMatch(text, i, to, LABEL_CODES[g])) >= 0) break;
    if (end < 0) {
      i++;
      continue;
    }
    const def = SQUEEZED_LABELS[g];
    const start = i;
    i = end;
    // Word boundaries in the line itself: "Applications" or "XPriority:" are not labels.
    if (start > from && isAsciiLetter(text.charCodeAt(start - 1))) continue;
    if (!def.colon && end < to && isAsciiLetter(text.charCodeAt(end))) continue;
    const label = { key: def.key, start, end, stray: false };
    // A literal for the first: the class of an array of objects, room for the one label most lines hold.
    if (out === NO_LABELS) out = [label];
    else out.push(label);
  }
  return out;
}

/** Where `codes` end when text[i, to), its blanks skipped, starts with them; -1 when it does not. */
function squeezedMatch(text: string, i: number, to: number, codes: readonly number[]): number {
  let k = 0;
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isSqueezedOut(c)) continue;
    if (c !== codes[k]) return -1;
    if (++k === codes.length) return i + 1;
  }
  return -1;
}

/** The labels a line break may cut between two of their words (`labelCut`): every label of two
 *  words or more but "Application Received:", whose two halves are read on their own. */
const CUT_LABELS: readonly number[] = SQUEEZED_LABELS.flatMap((l, g) =>
  l.colon && l.key !== null && l.key !== 'applicationReceived' && HEADER_NAMES[l.key].includes(' ') ? [g] : [],
);

/** For each of `CUT_LABELS`, where its words after the first start in its codes (a 1 at each). */
const TAIL_STARTS: readonly Uint8Array[] = CUT_LABELS.map((g) => {
  const at = new Uint8Array(LABEL_CODES[g].length);
  let k = 0;
  for (const word of HEADER_NAMES[SQUEEZED_LABELS[g].key!].split(' ')) {
    if (k > 0) at[k] = 1;
    k += word.length;
  }
  return at;
});

/** 1 at each character code a label's word after its first opens with. */
const OPENS_TAIL = new Uint8Array(128);
for (let n = 0; n < CUT_LABELS.length; n++) {
  for (let k = 0; k < TAIL_STARTS[n].length; k++) if (TAIL_STARTS[n][k] === 1) OPENS_TAIL[LABEL_CODES[CUT_LABELS[n]][k]] = 1;
}

/** Whether a line opening with code `c` may open with the tail of a cut label (`labelCut`). */
export function mayOpenTail(c: number): boolean {
  return c < 128 && OPENS_TAIL[c] === 1;
}

/** Most characters, blanks and all, a label's tail takes at a line's start. */
const MAX_TAIL = 32;

/**
 * A label a line break cut between two of its words (text re-wrapped at a width: "Date" / "of
 * Injury:  10/16/2016"): the line text[s, e) opens with the label's words from one after its first
 * up to its colon and the line before it, text[ps, pe), ends with its other words, both read with
 * their blanks taken out, the head standing after a blank or at its line's start. The label's key,
 * where its head starts on the line before and where its tail ends; null when the line opens with
 * no such tail.
 */
export function labelCut(text: string, ps: number, pe: number, s: number, e: number): { key: HeaderKey; from: number; end: number } | null {
  const to = Math.min(e, s + MAX_TAIL);
  let colon = s;
  while (colon < to && text.charCodeAt(colon) !== 58) colon++;
  if (colon === to) return null;
  for (let n = 0; n < CUT_LABELS.length; n++) {
    const codes = LABEL_CODES[CUT_LABELS[n]];
    // The tail, read backwards from the colon: the label's codes from the start of a later word.
    let k = codes.length;
    for (let i = colon; i >= s && k >= 0; i--) {
      const c = text.charCodeAt(i);
      if (isSqueezedOut(c)) continue;
      k = k > 0 && c === codes[k - 1] ? k - 1 : -1;
    }
    if (k <= 0 || TAIL_STARTS[n][k] === 0) continue;
    // The head, read backwards from the end of the line before: the rest of the codes.
    let j = pe;
    while (k > 0 && j > ps) {
      const c = text.charCodeAt(--j);
      if (isSqueezedOut(c)) continue;
      k = c === codes[k - 1] ? k - 1 : -1;
    }
    if (k !== 0 || (j > ps && !isSqueezedOut(text.charCodeAt(j - 1)))) continue;
    return { key: SQUEEZED_LABELS[CUT_LABELS[n]].key!, from: j, end: colon + 1 };
  }
  return null;
}
