/**
 * Page furniture: a running header or footer a fax machine, a printer or an office's template put
 * on every page ("01/05/2017 10:15 FAX ... P.002/005", "CONFIDENTIAL", "IMR Case CM16-... Page 2").
 * A line is taken for one when the same line, numbers aside, is the first line of every page, or
 * the last line of every page (one page may lack it; two pages at least have it): it is made
 * blank, so that it joins no item heading, request or block. A letter's own lines are not so
 * repeated at its page edges (a line ending a sentence is never taken: a rationale's stock last
 * sentence may end several pages).
 *
 * Linear: each line is looked at once; a hash of the start of its key (its first `MAX_KEY`
 * characters, blanks and digits folded) is read for the pages' edge lines only, and the key itself
 * made only for the lines of a group of equal hashes as large as a running header's.
 */
import { isBlankCode } from '../lines';
import { Kind, LetterReader } from './reader';

/** Characters of a line read for its key. */
export const MAX_KEY = 160;
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
  if (pages < 2 || edges.length < 4) return;
  // The edge lines grouped by a hash of their key (no string made for most lines): only a group
  // of as many lines as a running header has is read again, by its lines' keys.
  const tops = new Map<number, number[]>();
  const bottoms = new Map<number, number[]>();
  for (let k = 0; k < edges.length; k++) {
    const i = edges[k];
    if (kinds[i] !== Kind.Text) continue;
    const hash = furnitureHash(r, i);
    if (hash < 0) continue;
    const m = k % 2 === 0 ? tops : bottoms;
    const at = m.get(hash);
    if (at) at.push(i);
    else m.set(hash, [i]);
  }
  // On every page, or every page but one (a first page with a letterhead instead, a last page
  // without the footer): two letters' own lines at the same edge of two of many pages (the same
  // rationale given two items) are not taken for it.
  const fewest = Math.max(2, pages - 1);
  for (const m of [tops, bottoms]) {
    for (const group of m.values()) {
      if (group.length < fewest) continue;
      const byKey = new Map<string, number[]>();
      for (const i of group) {
        const key = furnitureKey(r, i);
        if (key === null) continue;
        const at = byKey.get(key);
        if (at) at.push(i);
        else byKey.set(key, [i]);
      }
      for (const at of byKey.values()) {
        if (at.length < fewest) continue;
        for (const i of at) {
          kinds[i] = Kind.Blank;
          r.blankLine(i, false);
        }
      }
    }
  }
}

/** Characters of a line's key its hash reads: lines of one running header share their first
 *  ones, and few other lines at the pages' edges do. */
const HASHED = 16;

/**
 * A hash of the first `HASHED` characters of line i's key (equal keys, equal hashes), read from
 * the text without making the key; -1 for a line too short or ending a sentence or with a colon
 * (the stock last sentence of a rationale, "such, the request is not medically necessary.", may
 * end two pages).
 */
function furnitureHash(r: LetterReader, i: number): number {
  const { text } = r;
  const cs = r.cs[i];
  const ce = Math.min(r.ce[i], cs + MAX_KEY);
  if (r.ce[i] - cs < MIN_LENGTH || endsSentence(text, cs, r.ce[i])) return -1;
  let hash = 0x811c9dc5;
  let blank = false;
  let digit = false;
  let read = 0;
  for (let k = cs; k < ce && read < HASHED; k++) {
    let c = text.charCodeAt(k);
    if (isBlankCode(c)) {
      blank = true;
      continue;
    }
    if (blank) hash = Math.imul(hash ^ 32, 0x01000193);
    blank = false;
    if (c >= 48 && c <= 57) {
      if (digit) continue;
      digit = true;
      c = 35; // "#"
    } else digit = false;
    hash = Math.imul(hash ^ c, 0x01000193);
    read++;
  }
  return hash >>> 0;
}

/** Line i's content, blanks collapsed and each run of digits read as one "#" (`furnitureHash`
 *  reads its start); null for a line ending with a decision word (an item heading is never
 *  furniture). Made only for the lines of a group of equal hashes. */
function furnitureKey(r: LetterReader, i: number): string | null {
  const { text } = r;
  const cs = r.cs[i];
  const ce = Math.min(r.ce[i], cs + MAX_KEY);
  let key = '';
  let blank = false;
  let digit = false;
  for (let k = cs; k < ce; k++) {
    const c = text.charCodeAt(k);
    if (isBlankCode(c)) {
      blank = true;
      continue;
    }
    if (blank) key += ' ';
    blank = false;
    if (c >= 48 && c <= 57) {
      if (!digit) key += '#';
      digit = true;
      continue;
    }
    digit = false;
    key += text[k];
  }
  const tail = key.slice(-11).toLowerCase();
  if (tail.endsWith('upheld') || tail.endsWith('overturned')) return null;
  return key;
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
