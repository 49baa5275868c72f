/**
 * The lines of a part of a letter read one at a time, split as `scanLineTable` splits them (at
 * `\n`, `\r\n` or a lone `\r`, the last line cut at the part's end, no empty line after a final
 * terminator), with the same visible content [cs, ce) (blanks and form feeds trimmed). Rules read a
 * few lines of a letter, or only the lines that open with a label's letter, so they walk the lines
 * instead of building a table of all of them.
 *
 * A line longer than `LINE_WINDOW` characters is read in pieces of that length.
 */
import { isBlankCode } from '../lines';

/**
 * The most characters of one line that a rule reads on either side of where it looks. No letter
 * line comes near it (the longest in the fixtures, every tool's text included, is under 1,500), but
 * a text whose line breaks are some other character (U+2028, a form feed) is one line for the
 * rules: reading that whole line again for each item made the rules' time grow with the square of
 * the text (640 KB with 181 items took 0.54 s, 160 KB 0.04 s). A longer line is read in pieces,
 * and the line around an offset this far on each side, so what a rule reads per item is bounded.
 */
export const LINE_WINDOW = 16_384;

export class LineWalk {
  /** The current line: its start, its end (terminator excluded) and its visible content. */
  start = 0;
  end = 0;
  cs = 0;
  ce = 0;
  private pos: number;

  /**
   * Lines from `from` (a line start) to `limit`. `loneCR` says whether the part may hold a `\r`
   * not followed by `\n` (`hasLoneCR` in lines.ts): without one, lines are found by a native search for `\n`.
   */
  constructor(
    private readonly text: string,
    from: number,
    private readonly limit: number,
    private readonly loneCR: boolean,
  ) {
    this.pos = from;
  }

  /** Moves to the next line; false when there is none. */
  next(): boolean {
    const { text, limit } = this;
    const pos = this.pos;
    if (pos > limit) return false;
    let eol: number;
    let after: number;
    if (this.loneCR) {
      const stop = Math.min(limit, pos + LINE_WINDOW);
      eol = pos;
      while (eol < stop) {
        const c = text.charCodeAt(eol);
        if (c === 10 || c === 13) break;
        eol++;
      }
      const c = text.charCodeAt(eol);
      if (eol === stop && stop < limit && c !== 10 && c !== 13) after = eol; // a piece of a longer line
      else after = eol < limit && c === 13 && text.charCodeAt(eol + 1) === 10 ? eol + 2 : eol + 1;
    } else {
      // Searched in the window and the place of its line break only (a slice is a view of the
      // text, not a copy).
      const k = text.slice(pos, Math.min(limit, pos + LINE_WINDOW + 2)).indexOf('\n');
      if (pos + LINE_WINDOW < limit && (k < 0 || (k > LINE_WINDOW && text.charCodeAt(pos + LINE_WINDOW) !== 13))) {
        eol = after = pos + LINE_WINDOW; // a piece of a longer line
      } else {
        eol = k < 0 ? limit : pos + k;
        after = eol + 1;
        if (eol > pos && text.charCodeAt(eol - 1) === 13) eol--;
      }
    }
    this.start = pos;
    this.end = eol;
    let cs = pos;
    while (cs < eol && isBlankCode(text.charCodeAt(cs))) cs++;
    let ce = eol;
    while (ce > cs && isBlankCode(text.charCodeAt(ce - 1))) ce--;
    this.cs = cs;
    this.ce = ce;
    // The part ends with this line, or with the terminator after it (no empty line follows).
    this.pos = eol >= limit || after === limit ? limit + 1 : after;
    return true;
  }
}

/** The start of the line (of the lines of [from, limit)) that holds `offset`, at most
 *  `LINE_WINDOW` characters before it. */
export function lineStartAt(text: string, offset: number, from: number, limit: number): number {
  if (limit <= from) return from;
  let o = offset < from ? from : offset >= limit ? limit - 1 : offset;
  // The `\n` of a `\r\n` belongs to the line before it, as its `\r` does.
  if (o > from && text.charCodeAt(o) === 10 && text.charCodeAt(o - 1) === 13) o--;
  return afterLastBreak(text, Math.max(from, o - LINE_WINDOW), o);
}

/** Start of the line holding `offset` (at most `LINE_WINDOW` characters before it): what the
 *  rules and the quick fixes take as a line's start. */
export function lineStart(text: string, offset: number): number {
  const o = Math.max(0, Math.min(offset, text.length));
  return afterLastBreak(text, Math.max(0, o - LINE_WINDOW), o);
}

/** End of the line holding `offset`, before its line break (at most `LINE_WINDOW` characters
 *  after it). */
export function lineEnd(text: string, offset: number): number {
  const o = Math.max(0, Math.min(offset, text.length));
  return firstBreak(text, o, Math.min(text.length, o + LINE_WINDOW));
}

/** Just after the last `\n` or `\r` of [from, to), or `from` when it holds none: native searches
 *  of that part alone (a slice is a view of the text, not a copy), each as long as the line. */
export function afterLastBreak(text: string, from: number, to: number): number {
  const w = text.slice(from, to);
  const n = w.lastIndexOf('\n');
  const r = (n < 0 ? w : w.slice(n + 1)).lastIndexOf('\r');
  const k = r >= 0 ? n + 1 + r : n;
  return k >= 0 ? from + k + 1 : from;
}

/** The first `\n` or `\r` of [from, to), or `to` when it holds none (searched as `afterLastBreak`). */
export function firstBreak(text: string, from: number, to: number): number {
  const w = text.slice(from, to);
  const n = w.indexOf('\n');
  const r = (n < 0 ? w : w.slice(0, n)).indexOf('\r');
  return from + (r >= 0 ? r : n >= 0 ? n : w.length);
}
