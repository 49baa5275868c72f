/**
 * Page furniture: a running header or footer a fax machine, a printer or an office's template put
 * on every page ("01/05/2017 10:15 FAX ... P.002/005", "CONFIDENTIAL", "IMR Case CM16-... Page 2").
 * A line is taken for one when the same line, numbers aside, is the first line of every page, or
 * the last line of every page (one page may lack it; two pages at least have it): it is made
 * blank, so that it joins no item heading, request or block. A letter's own lines are not so
 * repeated at its page edges (a line ending a sentence is never taken: a rationale's stock last
 * sentence may end several pages). A confidentiality stamp alone on a page's first or last line
 * ("CONFIDENTIAL", "Privileged and Confidential") is furniture even printed once, as on a
 * two-page letter's second page only: no letter's own line is those words alone.
 *
 * Linear: each line is looked at once; the key of a page's edge lines only is read (line-key.ts).
 */
import { isAsciiLetter } from '../collapse';
import { endsWithDecisionWord } from './closing';
import { groupByKey } from './line-key';
import { Kind, LetterReader } from './reader';

/** Fewest characters a line of furniture has ("Page 2" and shorter are page markers already). */
const MIN_LENGTH = 4;

/** Blanks the lines repeated, numbers aside, at the top or at the bottom of every page (but one). */
export function blankPageFurniture(r: LetterReader): void {
  const n = r.lines.length;
  const { kinds, pageBreak } = r;
  // Each page's first and last lines with content: [first, last] pairs.
  const edges: number[] = [];
  let first = -1;
  let last = -1;
  let pages = 0;
  for (let i = 0; i <= n; i++) {
    if (i === n || (i > 0 && pageBreak[i] === 1)) {
      if (first >= 0) pages++;
      if (first >= 0 && first !== last) edges.push(first, last);
      first = last = -1;
      if (i === n) break;
    }
    if (kinds[i] === Kind.Blank) continue;
    if (first < 0) first = i;
    last = i;
  }
  if (pages < 2) return;
  // A stamp is taken wherever it stands at a page's edge, repeated or not.
  for (let k = 0; k < edges.length; k++) {
    const i = edges[k];
    if (kinds[i] === Kind.Text && isStamp(r.text, r.cs[i], r.ce[i])) {
      kinds[i] = Kind.Blank;
      r.hideLine(i, false);
    }
  }
  if (edges.length < 4) return;
  // The edge lines that may be furniture, grouped by their key (line-key.ts), tops apart from bottoms.
  const tops: number[] = [];
  const bottoms: number[] = [];
  for (let k = 0; k < edges.length; k++) {
    const i = edges[k];
    if (kinds[i] !== Kind.Text || !mayBeFurniture(r.text, r.cs[i], r.ce[i])) continue;
    (k % 2 === 0 ? tops : bottoms).push(i);
  }
  // On every page, or every page but one (a first page with a letterhead instead, a last page
  // without the footer): two letters' own lines at the same edge of two of many pages (the same
  // rationale given two items) are not taken for it.
  const fewest = Math.max(2, pages - 1);
  for (const lines of [tops, bottoms]) {
    if (lines.length < fewest) continue;
    for (const group of groupByKey(r.text, r.cs, r.ce, lines)) {
      if (group.length < fewest) continue;
      for (const i of group) {
        kinds[i] = Kind.Blank;
        r.hideLine(i, false);
      }
    }
  }
}

/** A confidentiality stamp's words, as `isStamp` reads a line: its letters alone, upper case. */
const STAMPS: readonly string[] = [
  'CONFIDENTIAL',
  'STRICTLYCONFIDENTIAL',
  'PRIVILEGEDANDCONFIDENTIAL',
  'PRIVILEGEDCONFIDENTIAL',
  'CONFIDENTIALANDPRIVILEGED',
  'CONFIDENTIALDOCUMENT',
  'CONFIDENTIALHEALTHINFORMATION',
  'CONFIDENTIALMEDICALINFORMATION',
  'CONFIDENTIALPATIENTINFORMATION',
];
/** The longest line `isStamp` reads (blanks, stars and dashes around the words included). */
const MAX_STAMP = 48;

/**
 * Whether line [cs, ce) is a confidentiality stamp and nothing else: its letters, upper-cased,
 * one of `STAMPS`, among nothing but blanks, "&" and the marks a template puts around it
 * ("*** CONFIDENTIAL ***", "- Confidential -"). Read where it stands: no string is made.
 */
function isStamp(text: string, cs: number, ce: number): boolean {
  if (ce - cs > MAX_STAMP || ce - cs < 6) return false;
  for (const stamp of STAMPS) if (lettersAre(text, cs, ce, stamp)) return true;
  return false;
}

/** Whether the letters of text[cs, ce), upper-cased, spell `word`, with nothing but blanks, "&",
 *  stars and dashes between and around them. */
function lettersAre(text: string, cs: number, ce: number, word: string): boolean {
  let j = 0;
  for (let k = cs; k < ce; k++) {
    const c = text.charCodeAt(k);
    if (isAsciiLetter(c)) {
      if (j === word.length || (c & ~32) !== word.charCodeAt(j)) return false;
      j++;
    } else if (!(c === 32 || c === 9 || c === 0xa0 || c === 38 || c === 42 || c === 45 || c === 0x2013 || c === 0x2014)) return false;
  }
  return j === word.length;
}

/**
 * Whether line [cs, ce) may be furniture: not too short, ending no sentence and no colon (the
 * stock last sentence of a rationale, "such, the request is not medically necessary.", may end two
 * pages) and no decision word (an item heading is never furniture).
 */
function mayBeFurniture(text: string, cs: number, ce: number): boolean {
  return ce - cs >= MIN_LENGTH && !endsSentence(text, cs, ce) && !endsWithDecisionWord(text, cs, ce);
}

/** Whether text[cs, ce) ends with ".", "!", "?" or ":", a closing quote or bracket perhaps after it. */
export function endsSentence(text: string, cs: number, ce: number): boolean {
  let k = ce - 1;
  while (k > cs && isCloser(text.charCodeAt(k))) k--;
  const c = text.charCodeAt(k);
  return c === 46 || c === 33 || c === 63 || c === 58;
}

/** A closing quote or bracket: " ' ) ] ” ’. */
function isCloser(c: number): boolean {
  return c === 34 || c === 39 || c === 41 || c === 93 || c === 0x201d || c === 0x2019;
}
