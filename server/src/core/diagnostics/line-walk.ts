/**
 * The lines of a part of a letter read one at a time, split as `scanLineTable` splits them (at
 * `\n`, `\r\n` or a lone `\r`, the last line cut at the part's end, no empty line after a final
 * terminator), with the same visible content [cs, ce) (blanks and form feeds trimmed). Rules read a
 * few lines of a letter, or only the lines that open with a label's letter, so they walk the lines
 * instead of building a table of all of them.
 */
import { isBlankCode } from '../lines';

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
      eol = pos;
      while (eol < limit) {
        const c = text.charCodeAt(eol);
        if (c === 10 || c === 13) break;
        eol++;
      }
      after = eol < limit && text.charCodeAt(eol) === 13 && text.charCodeAt(eol + 1) === 10 ? eol + 2 : eol + 1;
    } else {
      eol = text.indexOf('\n', pos);
      if (eol < 0 || eol > limit) eol = limit;
      after = eol + 1;
      if (eol > pos && text.charCodeAt(eol - 1) === 13) eol--;
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

/** The start of the line (of the lines of [from, limit)) that holds `offset`. */
export function lineStartAt(text: string, offset: number, from: number, limit: number): number {
  if (limit <= from) return from;
  let o = offset < from ? from : offset >= limit ? limit - 1 : offset;
  // The `\n` of a `\r\n` belongs to the line before it, as its `\r` does.
  if (o > from && text.charCodeAt(o) === 10 && text.charCodeAt(o - 1) === 13) o--;
  while (o > from) {
    const c = text.charCodeAt(o - 1);
    if (c === 10 || c === 13) break;
    o--;
  }
  return o;
}
