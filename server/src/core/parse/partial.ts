/**
 * Partial authorizations: an item heading that names the original request, what the claims
 * administrator authorized, and the remainder in dispute.
 */
import type { PartialAuthorization } from '../types';
import { isAsciiLetter, isDigitCode } from '../collapse';
import { brokenPhrase } from '../split-words';

/**
 * Reads a partial-authorization heading. Two forms occur:
 *  "<original> was the original request. <authorized> was authorized by the Claims Administrator.
 *   The remaining IMR eligible portion of the original request, <remainder>"
 *  "<original> was the original request. The Claims Administrator authorized <other>, leaving the
 *   original request IMR eligible. The original request, <original>"
 */
// The heading's sentences (see `parsePartial`), made once.
const WAS_ORIGINAL = new RegExp(`\\s+${brokenPhrase('was the original request')}\\.?\\s*`, 'i');
const AUTHORIZED_BY = new RegExp(`^(.*?)\\s+${brokenPhrase('was authorized by the Claims Administrator')}\\b`, 'i');
const ADMINISTRATOR_AUTHORIZED = new RegExp(`^${brokenPhrase('The Claims Administrator authorized')}\\s+(.*?),?\\s+${brokenPhrase('leaving the original request')}\\b`, 'i');
const REMAINDER_INTRO = new RegExp(`(?:${brokenPhrase('portion of the original request')}|${brokenPhrase('The original request')})\\s*,\\s*`, 'i');

export function parsePartial(s: string): { partial: PartialAuthorization; remainderFrom: number } | null {
  // The sentences are found in the heading with OCR's digits for letters read as those letters
  // ("was the 0riginal request", "C1aims Administrator") and the hyphens a line break left inside
  // their words taken out ("was the orig-inal request"); the values are the heading's as written
  // (`at` gives where a character of the text read stands in it).
  const ocr = ocrLetters(s);
  // Every partial authorization's heading says "request" and "authorized" (a line break may cut
  // one of them, rarely both): a heading that says neither is not read again.
  const unbroken = ocr.includes('request') || ocr.includes('uthoriz') ? withoutBreakHyphens(ocr) : null;
  const m = unbroken ? unbroken.text : ocr;
  const at = (k: number) => (unbroken ? unbroken.from[k] : k);
  const o = WAS_ORIGINAL.exec(m);
  if (!o) return null;
  const original = s.slice(0, at(o.index)).trim();
  const restFrom = o.index + o[0].length;
  const rest = m.slice(restFrom);
  let authorized: string | null = null;
  const a1 = AUTHORIZED_BY.exec(rest);
  const a2 = ADMINISTRATOR_AUTHORIZED.exec(rest);
  if (a1) authorized = s.slice(at(restFrom), at(restFrom + a1[1].length)).trim();
  else if (a2) {
    const from = restFrom + a2.index + a2[0].indexOf(a2[1]);
    authorized = s.slice(at(from), at(from + a2[1].length)).trim();
  }
  const r = REMAINDER_INTRO.exec(rest);
  if (!r) return null;
  const remainderFrom = at(restFrom + r.index + r[0].length);
  const remainder = s.slice(remainderFrom).trim();
  if (!remainder) return null;
  return { partial: { original, authorized, remainder }, remainderFrom };
}

/**
 * `s` without each hyphen that stands between a letter and a lower-case letter (and the blanks
 * after it), as a line break leaves one inside a word ("orig-" / "inal request" joined as
 * "orig-inal" or "orig- inal"); `from[k]` is where the k-th character kept stands in `s`, and
 * `from[text.length]` is `s.length`. Null when `s` has no such hyphen (most headings).
 */
export function withoutBreakHyphens(s: string): { text: string; from: Int32Array } | null {
  let k = s.indexOf('-');
  while (k >= 0 && !breakHyphenAt(s, k)) k = s.indexOf('-', k + 1);
  if (k < 0) return null;
  const from = new Int32Array(s.length + 1);
  let text = '';
  let n = 0;
  // Copied in runs, from one hyphen taken out to the next.
  let run = 0;
  for (; k >= 0; k = s.indexOf('-', k + 1)) {
    if (!breakHyphenAt(s, k)) continue;
    text += s.slice(run, k);
    for (let i = run; i < k; i++) from[n++] = i;
    run = k + 1;
    while (run < s.length && (s.charCodeAt(run) === 32 || s.charCodeAt(run) === 9)) run++;
  }
  text += s.slice(run);
  for (let i = run; i < s.length; i++) from[n++] = i;
  from[n] = s.length;
  return { text, from: from.subarray(0, n + 1) };
}

/** Whether the hyphen at `k` stands between a letter and a lower-case letter, blanks after it. */
function breakHyphenAt(s: string, k: number): boolean {
  if (k === 0 || !isAsciiLetter(s.charCodeAt(k - 1))) return false;
  let j = k + 1;
  while (j < s.length && (s.charCodeAt(j) === 32 || s.charCodeAt(j) === 9)) j++;
  const c = s.charCodeAt(j);
  return c >= 97 && c <= 122;
}

/**
 * Whether the "0" or "1" at `k` of text[from, to) stands for a letter, as OCR misreads "o" and
 * "l": a letter beside it and no digit on either side ("0riginal", "C1aims"; not "10", "L5-S1 1").
 */
export function standsForLetter(text: string, k: number, from: number, to: number): boolean {
  const c = text.charCodeAt(k);
  if (c !== 48 && c !== 49) return false;
  const before = k > from ? text.charCodeAt(k - 1) : 32;
  const after = k + 1 < to ? text.charCodeAt(k + 1) : 32;
  return !isDigitCode(before) && !isDigitCode(after) && (isAsciiLetter(before) || isAsciiLetter(after));
}

/**
 * `s` with each "0" and "1" that stands for a letter (`standsForLetter`) made "o" and "l"; the
 * same length (`s` itself when it has none).
 */
export function ocrLetters(s: string): string {
  // Most strings hold neither digit: two native searches say so.
  const zero = s.indexOf('0');
  const one = s.indexOf('1');
  if (zero < 0 && one < 0) return s;
  let out = '';
  let copied = 0;
  for (let k = zero < 0 ? one : one < 0 ? zero : Math.min(zero, one); k < s.length; k++) {
    if (!standsForLetter(s, k, 0, s.length)) continue;
    out += s.slice(copied, k) + (s.charCodeAt(k) === 48 ? 'o' : 'l');
    copied = k + 1;
  }
  return copied === 0 ? s : out + s.slice(copied);
}
