/**
 * Rebuilds the text of one PDF page from positioned text runs, in the shape of poppler's
 * `pdftotext` default (reading-order) mode, so that the letter parser sees the same text whether a
 * letter came from pdftotext or from our own PDF reader.
 *
 * Pure: no PDF library here, only geometry. The input is what pdf.js `getTextContent()` reports
 * per run (string, text matrix, advance width); PDF coordinates, so y grows upwards.
 *
 * What pdftotext's default mode does, and what is reproduced here:
 *  - text is grouped into "flows"; each line of a flow ends with a newline, and each flow ends
 *    with one more newline (a blank line). In the DWC letters the body of a page is a single flow,
 *    and the header table on page 1 is one flow per column, so the label column is printed before
 *    the value column ("Case Number:\nDate Assigned:\n...\n\nCM16-0221706\n11/23/2016\n...").
 *  - a line that ends in "-" and is not the last line of its flow is joined to the next line with
 *    the hyphen removed ("peer-" + "reviewed" gives "peerreviewed"); the last line of a flow keeps
 *    its hyphen.
 *  - words on a line are separated by exactly one space; space glyphs themselves are not kept.
 * Tables are recognised geometrically: consecutive lines that break into several chunks at wide
 * horizontal gaps form a table, and its chunks are assigned to columns by their left edge.
 */

/** One positioned run of text (a pdf.js TextItem reduced to what layout needs). */
export interface TextRun {
  readonly str: string;
  /** Left end of the baseline, in PDF user space. */
  readonly x: number;
  /** Baseline height, in PDF user space (grows upwards). */
  readonly y: number;
  /** Advance width of the run, in user space. */
  readonly width: number;
  /** Font size in user space (the vertical scale of the text matrix). */
  readonly fontSize: number;
}

/** Two runs whose baselines differ by at most this fraction of the font size share a line. */
const SAME_LINE = 0.5;
/** A horizontal gap wider than this fraction of the font size is a word space. */
const WORD_GAP = 0.1;
/** A horizontal gap wider than this many font sizes separates table cells (the narrowest label-to-value gap in the letters is 1.39). */
const CELL_GAP = 1;
/** Left edges within this many points belong to the same table column. */
const COLUMN_ALIGN = 3;
/** A table row may sit at most this many font sizes below the previous row. */
const ROW_GAP = 1.6;

interface Line {
  y: number;
  fontSize: number;
  runs: TextRun[];
}

interface Chunk {
  x: number;
  y: number;
  text: string;
}

/** Lines of text that pdftotext prints as one flow. */
type Flow = string[];

/** Text of one page: every line followed by "\n", every flow followed by one more "\n". */
export function layoutPage(runs: readonly TextRun[]): string {
  const lines = groupLines(runs);
  const chunks = lines.map(chunksOf);
  const flows: Flow[] = [];
  let body: Flow = [];
  const flushBody = () => {
    if (body.length) flows.push(body);
    body = [];
  };
  for (let i = 0; i < lines.length; ) {
    const tableEnd = tableExtent(lines, chunks, i);
    if (tableEnd > i) {
      flushBody();
      for (const f of tableFlows(chunks.slice(i, tableEnd))) flows.push(f);
      i = tableEnd;
      continue;
    }
    const text = chunks[i].map((c) => c.text).join(' ');
    if (text) body.push(text);
    i++;
  }
  flushBody();
  let out = '';
  for (const flow of flows) out += printFlow(flow) + '\n';
  return out;
}

/** Joins the page texts the way pdftotext does: a form feed after every page. */
export function joinPages(pages: readonly string[]): { text: string; pageOffsets: number[] } {
  const pageOffsets: number[] = [];
  let text = '';
  for (const page of pages) {
    pageOffsets.push(text.length);
    text += page + '\f';
  }
  return { text, pageOffsets };
}

function printFlow(flow: Flow): string {
  let out = '';
  for (let i = 0; i < flow.length; i++) {
    const line = flow[i];
    if (line.endsWith('-') && i < flow.length - 1) out += line.slice(0, -1);
    else out += line + '\n';
  }
  return out;
}

/** Groups runs into lines by baseline, top of the page first, each line ordered left to right. */
function groupLines(runs: readonly TextRun[]): Line[] {
  const usable = runs.filter((r) => r.str.length > 0 && Number.isFinite(r.x) && Number.isFinite(r.y));
  usable.sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  let current: Line | null = null;
  for (const run of usable) {
    const size = run.fontSize > 0 ? run.fontSize : 1;
    if (current && current.y - run.y <= SAME_LINE * Math.max(size, current.fontSize)) {
      current.runs.push(run);
      if (!/^\s*$/.test(run.str)) current.fontSize = Math.max(current.fontSize, size);
    } else {
      current = { y: run.y, fontSize: size, runs: [run] };
      lines.push(current);
    }
  }
  for (const line of lines) line.runs.sort((a, b) => a.x - b.x);
  // A line made of space runs only carries no text.
  return lines.filter((l) => l.runs.some((r) => !/^\s*$/.test(r.str)));
}

/**
 * Splits a line into chunks at gaps wider than CELL_GAP font sizes. Inside a chunk, runs are
 * joined with a single space where the PDF has a space (a space glyph or a gap wider than
 * WORD_GAP font sizes) and glued otherwise; runs of white space become one space.
 */
function chunksOf(line: Line): Chunk[] {
  const chunks: Chunk[] = [];
  let text = '';
  let start = 0;
  let end = -Infinity; // right end of the last non-space run
  let space = false; // a space run or a trailing space since the last word
  for (const run of line.runs) {
    const blank = /^\s*$/.test(run.str);
    if (blank) {
      space = true;
      continue;
    }
    const size = run.fontSize > 0 ? run.fontSize : line.fontSize;
    const gap = run.x - end;
    if (text && gap > CELL_GAP * size) {
      chunks.push({ x: start, y: line.y, text: text.trim() });
      text = '';
    }
    if (!text) {
      start = run.x;
    } else if (space || gap > WORD_GAP * size || /^\s/.test(run.str)) {
      text += ' ';
    }
    text += run.str.replace(/\s+/g, ' ');
    space = /\s$/.test(run.str);
    end = Math.max(end, run.x + Math.max(0, run.width));
    text = text.replace(/ {2,}/g, ' ');
  }
  if (text.trim()) chunks.push({ x: start, y: line.y, text: text.trim() });
  return chunks;
}

/**
 * If a table starts at `lines[from]` (a line of two or more chunks), returns the index after its
 * last line; otherwise `from`. Following lines belong to the table while they have two or more
 * chunks, or one chunk that starts at the left edge of a column other than the table's first
 * (a wrapped cell such as "Application" / "Received:"), and sit close below the previous line.
 */
/**
 * Positions grouped by bucket of COLUMN_ALIGN points, so "is there a column within COLUMN_ALIGN of
 * x" looks at three buckets instead of every column: a line of thousands of cells stays linear.
 * Entries keep their insertion order, so `first` answers what a scan in order would.
 */
class ColumnIndex<T extends { x: number }> {
  private readonly buckets = new Map<number, { entry: T; order: number }[]>();
  private count = 0;

  add(entry: T): void {
    const b = Math.round(entry.x / COLUMN_ALIGN);
    let list = this.buckets.get(b);
    if (!list) this.buckets.set(b, (list = []));
    list.push({ entry, order: this.count++ });
  }

  /** Every entry within COLUMN_ALIGN of x. */
  *near(x: number): Generator<{ entry: T; order: number }> {
    const b = Math.round(x / COLUMN_ALIGN);
    for (let k = b - 1; k <= b + 1; k++) {
      for (const e of this.buckets.get(k) ?? []) if (Math.abs(e.entry.x - x) <= COLUMN_ALIGN) yield e;
    }
  }

  /** The earliest added entry within COLUMN_ALIGN of x. */
  first(x: number): T | null {
    let best: { entry: T; order: number } | null = null;
    for (const e of this.near(x)) if (!best || e.order < best.order) best = e;
    return best ? best.entry : null;
  }
}

function tableExtent(lines: readonly Line[], chunked: readonly Chunk[][], from: number): number {
  if (chunked[from].length < 2) return from;
  const lefts = new ColumnIndex<{ x: number }>(); // distinct left edges of the table's chunks
  const addLeft = (x: number) => {
    if (!lefts.first(x)) lefts.add({ x });
  };
  let first = Infinity; // the table's leftmost edge
  for (const c of chunked[from]) {
    addLeft(c.x);
    first = Math.min(first, c.x);
  }
  let end = from + 1;
  while (end < lines.length) {
    const line = lines[end];
    if (lines[end - 1].y - line.y > ROW_GAP * Math.max(line.fontSize, lines[end - 1].fontSize)) break;
    const chunks = chunked[end];
    if (chunks.length >= 2) {
      for (const c of chunks) {
        addLeft(c.x);
        first = Math.min(first, c.x);
      }
    } else {
      const x = chunks[0]?.x ?? first;
      let inColumn = false;
      for (const l of lefts.near(x)) if (Math.abs(l.entry.x - first) > COLUMN_ALIGN) inColumn = true;
      if (!inColumn) break;
    }
    end++;
  }
  return end;
}

/** One flow per table column, columns left to right, cells top to bottom. */
function tableFlows(rows: readonly Chunk[][]): Flow[] {
  const columns: { x: number; cells: Chunk[] }[] = [];
  const index = new ColumnIndex<{ x: number; cells: Chunk[] }>();
  for (const row of rows) {
    for (const chunk of row) {
      let column = index.first(chunk.x);
      if (!column) {
        column = { x: chunk.x, cells: [] };
        columns.push(column);
        index.add(column);
      }
      column.cells.push(chunk);
    }
  }
  columns.sort((a, b) => a.x - b.x);
  return columns.map((c) => c.cells.map((cell) => cell.text));
}
