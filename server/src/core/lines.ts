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
 * `\n`, `\r\n` and lone `\r` terminators. Linear in the length scanned: the rows of
 * `scanLineTable`, as records.
 */
export function scanLines(text: string, from = 0, to = text.length): Line[] {
  const t = scanLineTable(text, from, to);
  return t.lines(0, t.length);
}

/** True when text[from, to) holds a `\r` that no `\n` follows. */
export function hasLoneCR(text: string, from: number, to: number): boolean {
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

/**
 * The lines of a text as columns, one row per line (the fields of `Line`): built once per text by
 * `scanLineTable`, read by letter splitting, the line counts and the letter reader (`Line` records
 * are made only for callers that ask for them, `scanLines`). Typed arrays hold no objects for the garbage collector to trace
 * or move, however many lines a merged case file has.
 */
export class LineTable {
  constructor(
    readonly start: Int32Array,
    readonly end: Int32Array,
    readonly cs: Int32Array,
    readonly ce: Int32Array,
    /** 1 where a form feed occurs on the line before its content. */
    readonly pageBreak: Uint8Array,
    readonly length: number,
    /** Room for two bytes per line of the letters read from the table (what each line is: see
     *  parse/reader.ts), made with the columns: one allocation per text, not one more per letter. */
    readonly spare: Uint8Array = NO_SPARE,
  ) {}

  /** Row i as a record. */
  line(i: number): Line {
    return { start: this.start[i], end: this.end[i], cs: this.cs[i], ce: this.ce[i], pageBreak: this.pageBreak[i] === 1 };
  }

  /**
   * Rows [from, to) as a table of their own: views of these columns, not a copy (what is written
   * to one is written to the other). The table itself for all its rows.
   */
  rows(from: number, to: number): LineTable {
    if (from === 0 && to === this.length) return this;
    return new LineTable(
      this.start.subarray(from, to),
      this.end.subarray(from, to),
      this.cs.subarray(from, to),
      this.ce.subarray(from, to),
      this.pageBreak.subarray(from, to),
      to - from,
    );
  }

  /** Rows [from, to) as records. */
  lines(from: number, to: number): Line[] {
    const out: Line[] = new Array(Math.max(0, to - from));
    for (let i = from; i < to; i++) out[i - from] = this.line(i);
    return out;
  }
}

const NO_SPARE = new Uint8Array(0);

/** An empty table with room for `rows` rows: its columns are views of one buffer (one
 *  allocation, which costs more than the views for the few hundred rows of a letter), with
 *  `spare` bytes more (`LineTable.spare`): two per row and a quarter more, for the lines that
 *  merged-line cuts add. */
function tableOf(rows: number, withSpare = true, reuse = false): { start: Int32Array; end: Int32Array; cs: Int32Array; ce: Int32Array; pageBreak: Uint8Array; spare: Uint8Array } {
  const spare = withSpare ? 2 * (rows + (rows >> 2) + 16) : 0;
  const size = rows * 17 + spare;
  let buffer: ArrayBuffer;
  if (reuse && released && released.byteLength >= size) {
    buffer = released;
    released = null; // taken: a table made meanwhile does not share it
    new Uint8Array(buffer, rows * 17, spare).fill(0); // the spare bytes are zeroed room
  } else buffer = new ArrayBuffer(size);
  return {
    start: new Int32Array(buffer, 0, rows),
    end: new Int32Array(buffer, rows * 4, rows),
    cs: new Int32Array(buffer, rows * 8, rows),
    ce: new Int32Array(buffer, rows * 12, rows),
    pageBreak: new Uint8Array(buffer, rows * 16, rows),
    spare: new Uint8Array(buffer, rows * 17, spare),
  };
}

/**
 * The buffer of a table no longer read (`releaseTable`), taken by the next table a parse makes
 * (`scanLineTable` with `reuse`): most parses make one table of a few hundred rows, and a new
 * buffer each time costs more than the views on it.
 */
let released: ArrayBuffer | null = null;

/** A released buffer larger than this is not kept. */
const KEEP_RELEASED = 1 << 20;

/**
 * Gives back the buffer of a table made with `reuse`, for the next one: only once nothing reads
 * the table or a view of its columns any more (the parse that made it has ended).
 */
export function releaseTable(t: LineTable): void {
  const buffer = t.start.buffer;
  if (buffer instanceof ArrayBuffer && buffer.byteLength <= KEEP_RELEASED && buffer.byteLength > (released?.byteLength ?? -1)) released = buffer;
}

/** A table of `rows` zeroed rows (no spare bytes), for a caller to fill: merged.ts writes the
 *  lines it cuts so. */
export function blankTable(rows: number): LineTable {
  const t = tableOf(rows, false);
  return new LineTable(t.start, t.end, t.cs, t.ce, t.pageBreak, rows);
}

/**
 * The `\n` line ends found by the first pass of `scanLineTable`, kept from call to call (a scan
 * runs to its end at once and no table holds them); grown when a text has more lines.
 */
let lineEnds = new Int32Array(1024);

/** A text with more lines than this does not keep its `lineEnds` buffer for the next scan. */
const KEEP_LINE_ENDS = 65536;

/**
 * `scanLines` as a table: the same lines, in columns. Linear in the length scanned; the line ends
 * are found first (natively, each once) so each column is allocated once. With `reuse`, its
 * columns may be made on a buffer given back by `releaseTable`, which the caller gives back in
 * turn once it no longer reads them.
 */
export function scanLineTable(text: string, from = 0, to = text.length, reuse = false): LineTable {
  const n = to;
  const loneCR = hasLoneCR(text, from, to);
  // At most one line per terminator, plus the last.
  let rows = 1;
  let found = 0;
  let ends = lineEnds;
  if (loneCR) {
    for (let i = from; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) rows++;
    }
  } else {
    for (let i = text.indexOf('\n', from); i >= 0 && i < n; i = text.indexOf('\n', i + 1)) {
      if (found === ends.length) {
        const grown = new Int32Array(ends.length * 2);
        grown.set(ends);
        ends = grown;
      }
      ends[found++] = i;
    }
    lineEnds = ends.length > KEEP_LINE_ENDS ? new Int32Array(1024) : ends;
    rows += found;
  }
  const t = tableOf(rows, true, reuse);
  let count = 0;
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
      eol = count < found ? ends[count] : n;
      next = eol + 1;
      if (eol > pos && text.charCodeAt(eol - 1) === 13) eol--;
    }
    // The line's content: blanks and form feeds trimmed at both ends.
    let cs = pos;
    let pageBreak = 0;
    while (cs < eol) {
      const c = text.charCodeAt(cs);
      if (!isBlankCode(c)) break;
      if (c === 12) pageBreak = 1;
      cs++;
    }
    let ce = eol;
    while (ce > cs && isBlankCode(text.charCodeAt(ce - 1))) ce--;
    t.start[count] = pos;
    t.end[count] = eol;
    t.cs[count] = cs;
    t.ce[count] = ce;
    t.pageBreak[count] = pageBreak;
    count++;
    if (eol >= n) break;
    pos = next;
    if (pos === n) {
      // Text ends with a terminator: no empty trailing line is recorded.
      break;
    }
  }
  return new LineTable(t.start, t.end, t.cs, t.ce, t.pageBreak, count, t.spare);
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
 * The counts of the lines of a table. For a run of lines inside a text, `before` and `after` say
 * whether the lines just outside the run are non-empty, so that pairs across its edges are
 * counted (their counts then add up with the counts of the rest of the text).
 */
export function lineStats(lines: LineTable, before = false, after = false): LineStats {
  let empty = 0;
  let nonEmpty = 0;
  let adjacentNonEmpty = 0;
  let prevNonEmpty = before;
  const { start, end } = lines;
  for (let i = 0; i < lines.length; i++) {
    if (start[i] === end[i]) {
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

/**
 * The lines the parser reads. For double-spaced text the padding lines (truly empty) are dropped;
 * whitespace-only lines, which mark real paragraph breaks there, stay as blank lines.
 */
export function logicalLines(lines: LineTable, doubleSpaced: boolean): LineTable {
  if (!doubleSpaced) return lines;
  let rows = 0;
  for (let i = 0; i < lines.length; i++) if (lines.start[i] !== lines.end[i]) rows++;
  const t = tableOf(rows);
  let k = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines.start[i] === lines.end[i]) continue;
    t.start[k] = lines.start[i];
    t.end[k] = lines.end[i];
    t.cs[k] = lines.cs[i];
    t.ce[k] = lines.ce[i];
    t.pageBreak[k] = lines.pageBreak[i];
    k++;
  }
  return new LineTable(t.start, t.end, t.cs, t.ce, t.pageBreak, rows, t.spare);
}

/** Maps offsets to zero-based line/character positions (binary search over line starts). */
/**
 * The offsets, plus `base`, where lines start after each line end in `text` (\n, \r\n or a lone
 * \r), after `base` itself when `first`.
 */
export function lineStartOffsets(text: string, base = 0, first = true): number[] {
  const starts = first ? [base] : [];
  const n = text.length;
  if (text.indexOf('\r') < 0) {
    // Only \n line ends (the usual case): found natively.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(base + i + 1);
  } else {
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(base + i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(base + i + 1);
      }
    }
  }
  return starts;
}

export class LineIndex {
  private readonly starts: number[];
  constructor(private readonly text: string) {
    this.starts = lineStartOffsets(text);
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
