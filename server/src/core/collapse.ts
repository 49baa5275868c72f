/**
 * The characters the normalisers treat specially (blanks, soft hyphens, ligatures) and `collapse`,
 * which collapses the blanks of a plain value with no map back to the source (text.ts keeps one).
 */
import { isBlankCode } from './lines';

/** Latin ligatures some tools keep (U+FB00 to U+FB06) and the letters they stand for, indexed
 *  by `c - 0xfb00`. */
export const LIGATURES: readonly string[] = ['ff', 'fi', 'fl', 'ffi', 'ffl', 'st', 'st'];

/** A Latin ligature (U+FB00 to U+FB06): `LIGATURES[c - 0xfb00]` are its letters. */
export function isLigature(c: number): boolean {
  return c >= 0xfb00 && c <= 0xfb06;
}

/** A soft hyphen (U+00AD), or U+FFFE where a tool marks a hyphen it put at a line end. */
export function isSoftHyphen(c: number): boolean {
  return c === 0xad || c === 0xfffe;
}

/**
 * A character a squeezed reading of a line leaves out: a blank or a soft hyphen. Tools that put a
 * space at every wide glyph gap (`MAXIMUS gui deline :`) are read with these taken out, by the
 * squeezed vocabulary, the header's labels and the cuts of merged lines alike.
 */
export function isSqueezedOut(c: number): boolean {
  return isBlankCode(c) || isSoftHyphen(c);
}

/** Collapses blanks in a plain string (no offsets needed); returns the string itself when clean. */
export function collapse(s: string): string {
  return isClean(s) ? s : collapseDirty(s);
}

/** `collapse(text.slice(from, to))`. */
export function collapseRange(text: string, from: number, to: number): string {
  return collapse(text.slice(from, to));
}

/** Whether `s` has nothing `collapse` changes. */
function isClean(s: string): boolean {
  if (s.length === 0) return true;
  if (isBlankCode(s.charCodeAt(0)) || isBlankCode(s.charCodeAt(s.length - 1))) return false;
  // Searched natively: the engine reads a string faster than a loop over its characters.
  return !DIRTY.test(s);
}

/** What `collapse` changes inside a string with no blank at either end: a control character (tab
 *  and line ends among them), two spaces, a blank other than the space, a soft hyphen, a ligature. */
const DIRTY = /[\x00-\x1f\u00a0\u00ad\u200b\ufeff\ufffe\ufb00-\ufb06]| {2}/;

function collapseDirty(s: string): string {
  // One pass: soft hyphens dropped, ligatures spelt out, each run of blanks (any white space of
  // a regular expression's \s, NBSP, BOM, zero-width space) one space, none at either end.
  let out = '';
  let blank = false;
  const n = s.length;
  for (let i = 0; i < n; ) {
    const c = s.charCodeAt(i);
    if (isSoftHyphen(c)) {
      i++;
      continue;
    }
    if (isSpaceCode(c)) {
      blank = out.length > 0;
      i++;
      continue;
    }
    if (blank) {
      out += ' ';
      blank = false;
    }
    if (isLigature(c)) {
      out += LIGATURES[c - 0xfb00];
      i++;
      continue;
    }
    const run = i;
    for (i++; i < n; i++) {
      const d = s.charCodeAt(i);
      if (isSoftHyphen(d) || isSpaceCode(d) || isLigature(d)) break;
    }
    out += s.slice(run, i);
  }
  return out;
}

/** A blank as the regular expression `\s` reads it (for code that reads text in place of one). */
export function isRegexSpace(c: number): boolean {
  if (c <= 0xff) return c === 32 || (c >= 9 && c <= 13) || c === 0xa0;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** White space as a regular expression's \s reads it, and the zero-width space. */
export function isSpaceCode(c: number): boolean {
  return isRegexSpace(c) || c === 0x200b;
}

/** Whether `c` is an ASCII digit, 0-9. */
export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Whether `c` is an ASCII letter, A-Z or a-z. */
export function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Bullets that open a list line and never a letter's own words. */
const BULLET_CODES: readonly number[] = [0x2022, 0x2023, 0x25e6, 0x25aa, 0x25ab, 0x25cf, 0x25cb, 0x25a0, 0x25a1, 0x2043, 0x2219, 0xf0b7];

/** Marks that open a list line but may also open a letter's own text (a dash, an asterisk). */
const LOOSE_BULLET_CODES: readonly number[] = [0x2d, 0x2a, 0x2013, 0x2014, 0x2010, 0x2011, 0x2212];

/** Whether `c` is a bullet (`BULLET_CODES`, the middle dot), or with `loose` one of
 *  `LOOSE_BULLET_CODES` too. */
export function isBulletCode(c: number, loose: boolean): boolean {
  // Every bullet is U+2000 or above but for the middle dot, the dash and the asterisk.
  if (c < 0x2000) return c === 0xb7 || (loose && (c === 0x2d || c === 0x2a));
  return BULLET_CODES.includes(c) || (loose && LOOSE_BULLET_CODES.includes(c));
}

/** Where the content of text[cs, ce) starts after a bullet and the blanks after it; 0 when it
 *  opens with no bullet, or holds nothing else. With `loose`, a dash or an asterisk is a bullet too
 *  (the caller checks that what follows is a label or a heading). */
export function afterBullet(text: string, cs: number, ce: number, loose = false): number {
  if (cs >= ce || !isBulletCode(text.charCodeAt(cs), loose)) return 0;
  let k = cs + 1;
  if (k >= ce || !isSpaceCode(text.charCodeAt(k))) return 0;
  while (k < ce && isSpaceCode(text.charCodeAt(k))) k++;
  return k < ce ? k : 0;
}
