/**
 * A line's key, the one way the readers of running headers and footers compare lines (furniture.ts
 * at the pages' edges, running.ts inside the pages): the line's first `MAX_KEY` characters, each
 * run of blanks read as one blank and each run of digits as one "#", so that the lines of one
 * running header ("01/05/2017 10:15 FAX ... P.002/005") have one key whatever their page numbers,
 * dates and times. No string is made: the key is hashed and compared where it stands in the text.
 */
import { isDigitCode } from '../collapse';
import { isBlankCode } from '../lines';

/** Characters of a line read for its key. */
export const MAX_KEY = 160;

/** Where the key of a line starting at `cs` and ending at `ce` ends. */
export function keyEnd(cs: number, ce: number): number {
  return Math.min(ce, cs + MAX_KEY);
}

/** The end of the run of blanks or of digits starting at k (before `end`), or k when neither. */
function runEnd(text: string, k: number, end: number): number {
  const c = text.charCodeAt(k);
  if (isBlankCode(c)) while (k < end && isBlankCode(text.charCodeAt(k))) k++;
  else if (isDigitCode(c)) while (k < end && isDigitCode(text.charCodeAt(k))) k++;
  return k;
}

/** A hash (FNV-1a) of the first `chars` characters of the key of line [cs, ce): equal keys, equal hashes. */
export function keyHash(text: string, cs: number, ce: number, chars = MAX_KEY): number {
  const end = keyEnd(cs, ce);
  let hash = 0x811c9dc5;
  for (let k = cs, read = 0; k < end && read < chars; read++) {
    let c = text.charCodeAt(k);
    const next = runEnd(text, k, end);
    if (next > k) {
      c = isDigitCode(c) ? 35 : 32;
      k = next;
    } else k++;
    hash = Math.imul(hash ^ c, 0x01000193);
  }
  return hash >>> 0;
}

/** Whether lines [a, ae) and [b, be) have the same key. */
export function sameKey(text: string, a: number, ae: number, b: number, be: number): boolean {
  ae = keyEnd(a, ae);
  be = keyEnd(b, be);
  while (a < ae && b < be) {
    const ca = text.charCodeAt(a);
    const cb = text.charCodeAt(b);
    const na = runEnd(text, a, ae);
    const nb = runEnd(text, b, be);
    if (na > a || nb > b) {
      // A run on either side: the same kind of run on both.
      if (na === a || nb === b || isDigitCode(ca) !== isDigitCode(cb)) return false;
      a = na;
      b = nb;
      continue;
    }
    if (ca !== cb) return false;
    a++;
    b++;
  }
  return a === ae && b === be;
}

/**
 * Groups `lines` by key, with the hash of each line's key over its first `chars` characters
 * (`keyHash`): a group is the lines of one hash whose key is that of the group's first line (two
 * keys of one hash are rare; the later ones are left out). Groups in the order of their first line.
 */
export function groupByKey(text: string, cs: Int32Array, ce: Int32Array, lines: Iterable<number>, chars = MAX_KEY): number[][] {
  const byHash = new Map<number, number[]>();
  for (const i of lines) {
    const hash = keyHash(text, cs[i], ce[i], chars);
    const at = byHash.get(hash);
    if (at) at.push(i);
    else byHash.set(hash, [i]);
  }
  const groups: number[][] = [];
  for (const group of byHash.values()) {
    const f = group[0];
    groups.push(group.length < 2 ? group : group.filter((i) => i === f || sameKey(text, cs[f], ce[f], cs[i], ce[i])));
  }
  return groups;
}
