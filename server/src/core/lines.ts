/**
 * Line scanning: one linear pass that splits the text into lines and records, for each, where its
 * visible content starts and ends (form feeds and surrounding blanks excluded). All later stages
 * work on these records and never re-split the text.
 */

export interface Line {
  /** Offset of the first character of the line. */
  readonly start: number;
  /** Offset just past the last character (line terminator excluded). */
  readonly end: number;
  /** First non-blank character (form feeds count as blank). Equals `end` for a blank line. */
  readonly cs: number;
  /** Just past the last non-blank character. */
  readonly ce: number;
  /** A form feed occurs on this line before its content (a page break precedes the content). */
  readonly pageBreak: boolean;
}

/** True for characters the parser treats as blank: space, tab, form feed, vertical tab, NBSP, BOM. */
export function isBlankCode(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff || c === 0x200b;
}

/**
 * Splits text (or its part [from, to), which should start at a line start) into lines. Handles
 * `\n`, `\r\n` and lone `\r` terminators. Linear in the length scanned; allocates one small
 * record per line.
 */
export function scanLines(text: string, from = 0, to = text.length): Line[] {
  const lines: Line[] = [];
  const n = to;
  const loneCR = hasLoneCR(text, from, to);
  let pos = from;
  while (pos <= n) {
    let eol: number;
    let next: number;
    if (loneCR) {
      eol = pos;
      while (eol < n) {
        const c = text.charCodeAt(eol);
        if (c === 10 || c === 13) break;
        eol++;
      }
      next = eol < n && text.charCodeAt(eol) === 13 && text.charCodeAt(eol + 1) === 10 ? eol + 2 : eol + 1;
    } else {
      eol = text.indexOf('\n', pos);
      if (eol < 0 || eol > n) eol = n;
      next = eol + 1;
      if (eol > pos && text.charCodeAt(eol - 1) === 13) eol--;
    }
    lines.push(makeLine(text, pos, eol));
    if (eol >= n) break;
    pos = next;
    if (pos === n) {
      // Text ends with a terminator: no empty trailing line is recorded.
      break;
    }
  }
  return lines;
}

function hasLoneCR(text: string, from: number, to: number): boolean {
  // Searched in the part only (a slice shares the text's characters): a search of the whole text
  // from `from` would make line scans of many parts of a large text quadratic.
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  let i = part.indexOf('\r');
  while (i >= 0) {
    if (text.charCodeAt(from + i + 1) !== 10) return true;
    i = part.indexOf('\r', i + 2);
  }
  return false;
}

function makeLine(text: string, start: number, end: number): Line {
  let cs = start;
  let pageBreak = false;
  while (cs < end) {
    const c = text.charCodeAt(cs);
    if (!isBlankCode(c)) break;
    if (c === 12) pageBreak = true;
    cs++;
  }
  let ce = end;
  while (ce > cs && isBlankCode(text.charCodeAt(ce - 1))) ce--;
  return { start, end, cs, ce, pageBreak };
}

export function isBlank(line: Line): boolean {
  return line.cs === line.ce;
}

/** Counts over raw lines that decide whether a text is double-spaced (`doubleSpacedBy`). */
export interface LineStats {
  /** Truly empty lines (no character at all before the terminator). */
  readonly empty: number;
  readonly nonEmpty: number;
  /** Non-empty lines that directly follow a non-empty line. */
  readonly adjacentNonEmpty: number;
}

/**
 * The counts of `lines`. For a run of lines inside a text, `before` and `after` say whether the
 * lines just outside the run are non-empty, so that pairs across its edges are counted (their
 * counts then add up with the counts of the rest of the text).
 */
export function lineStats(lines: readonly Line[], before = false, after = false): LineStats {
  let empty = 0;
  let nonEmpty = 0;
  let adjacentNonEmpty = 0;
  let prevNonEmpty = before;
  for (const l of lines) {
    if (l.start === l.end) {
      empty++;
      prevNonEmpty = false;
    } else {
      nonEmpty++;
      if (prevNonEmpty) adjacentNonEmpty++;
      prevNonEmpty = true;
    }
  }
  if (after && prevNonEmpty) adjacentNonEmpty++;
  return { empty, nonEmpty, adjacentNonEmpty };
}

/**
 * Some extractors put an empty line after every line of text and mark real paragraph breaks with a
 * line holding a single space. Detects that shape so the parser can look through the padding.
 */
export function doubleSpacedBy(s: LineStats): boolean {
  const count = s.empty + s.nonEmpty;
  if (count < 8) return false;
  return s.empty >= count * 0.4 && s.adjacentNonEmpty <= s.nonEmpty * 0.1;
}

export function isDoubleSpaced(lines: readonly Line[]): boolean {
  return doubleSpacedBy(lineStats(lines));
}

/**
 * The lines the parser reads. For double-spaced text the padding lines (truly empty) are dropped;
 * whitespace-only lines, which mark real paragraph breaks there, stay as blank lines.
 */
export function logicalLines(lines: Line[], doubleSpaced: boolean): Line[] {
  if (!doubleSpaced) return lines;
  const out: Line[] = [];
  for (const l of lines) if (l.start !== l.end) out.push(l);
  return out;
}

/** Maps offsets to zero-based line/character positions (binary search over line starts). */
export class LineIndex {
  private readonly starts: number[];
  constructor(private readonly text: string) {
    const starts = [0];
    const n = text.length;
    if (text.indexOf('\r') < 0) {
      // Only \n line ends (the usual case): found natively.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): { line: number; character: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length) return this.text.length;
    return Math.min(this.starts[line] + Math.max(0, character), this.text.length);
  }
}
