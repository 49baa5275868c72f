/**
 * Rows of a Parquet table encoded ahead of the file: each column's values PLAIN-encoded (as the
 * data pages hold them), with what the writer needs to cut them into pages and row groups exactly
 * as it would cut the rows themselves. Encoding is most of the cost of writing Parquet, and it can
 * be done where the rows are made (a worker thread) and sent as two transferable arrays; the
 * writer then only copies bytes (writer.ts).
 */
import type { ColumnDef, Cell } from './writer';

/**
 * Rows encoded column by column. `data` holds every column's PLAIN bytes one column after the
 * other (booleans one byte a value; the writer packs them in bits). `index` holds, for rows R and
 * columns C: where each column's bytes start (C), the end of each row's value in `data` (C x R),
 * each value's page weight (C x R: a string's length + 4, 8 for anything else), 1 where the value is
 * present (C x R; required columns always 1) and each row's total string length (R).
 */
export interface EncodedRows {
  readonly rows: number;
  readonly data: Uint8Array;
  readonly index: Int32Array;
}

/** Reads an `EncodedRows` for `columns` columns. */
export class EncodedView {
  constructor(
    readonly rows: EncodedRows,
    private readonly columns: number,
  ) {}
  private get r(): number {
    return this.rows.rows;
  }
  /** Where column `c`'s bytes start in `data`. */
  start(c: number): number {
    return this.rows.index[c];
  }
  /** Where the value of row `row` in column `c` ends in `data`. */
  end(c: number, row: number): number {
    return this.rows.index[this.columns + c * this.r + row];
  }
  /** Where the value of row `row` in column `c` starts in `data`. */
  begin(c: number, row: number): number {
    return row === 0 ? this.start(c) : this.end(c, row - 1);
  }
  weight(c: number, row: number): number {
    return this.rows.index[this.columns + (this.columns + c) * this.r + row];
  }
  present(c: number, row: number): boolean {
    return this.rows.index[this.columns + (2 * this.columns + c) * this.r + row] === 1;
  }
  /** The total length of the strings of row `row`, every column (for the row group's size). */
  chars(row: number): number {
    return this.rows.index[this.columns + 3 * this.columns * this.r + row];
  }
}

/**
 * The rows encoded. The arrays are not views of Node's shared buffer pool, so they can be
 * transferred to another thread.
 */
export function encodeRows(columns: readonly ColumnDef[], rows: readonly (readonly Cell[])[]): EncodedRows {
  const C = columns.length;
  const R = rows.length;
  const index = new Int32Array(C + 3 * C * R + R);
  const endAt = (c: number, r: number) => C + c * R + r;
  const weightAt = (c: number, r: number) => C + (C + c) * R + r;
  const presentAt = (c: number, r: number) => C + (2 * C + c) * R + r;
  const charsAt = (r: number) => C + 3 * C * R + r;
  // Bounds first (a UTF-16 code unit is at most 3 bytes of UTF-8), then each value written once
  // into a scratch buffer that large (a string's write returns its UTF-8 length), then the bytes
  // written copied out: a copy costs less than measuring every string's UTF-8 length beforehand.
  let bound = 0;
  for (let c = 0; c < C; c++) {
    const col = columns[c];
    for (let r = 0; r < R; r++) {
      const v = rows[r][c];
      index[weightAt(c, r)] = typeof v === 'string' ? v.length + 4 : 8;
      if (typeof v === 'string') index[charsAt(r)] += v.length;
      const present = isPresent(col, v);
      index[presentAt(c, r)] = present || !col.optional ? 1 : 0;
      if (!present && col.optional) continue;
      bound += col.type === 'string' ? 4 + (present ? 3 * String(v).length : 0) : valueBytes(col);
    }
  }
  const buf = writeBuffer(bound);
  let p = 0;
  for (let c = 0; c < C; c++) {
    const col = columns[c];
    index[c] = p;
    for (let r = 0; r < R; r++) {
      if (index[presentAt(c, r)] === 1) {
        const v = rows[r][c];
        const present = isPresent(col, v);
        switch (col.type) {
          case 'string': {
            const n = present ? buf.write(String(v), p + 4, 'utf8') : 0;
            buf.writeUInt32LE(n, p);
            p += 4 + n;
            break;
          }
          case 'int32':
          case 'date': {
            const n = !present ? 0 : col.type === 'date' ? (isoToDays(v as string) ?? 0) : Math.trunc(v as number);
            buf.writeInt32LE(Math.max(-2147483648, Math.min(2147483647, n)), p);
            p += 4;
            break;
          }
          case 'double':
            buf.writeDoubleLE(typeof v === 'number' ? v : 0, p);
            p += 8;
            break;
          case 'boolean':
            buf[p++] = v === true ? 1 : 0;
            break;
        }
      }
      index[endAt(c, r)] = p;
    }
  }
  const data = new Uint8Array(p);
  data.set(buf.subarray(0, p));
  return { rows: R, data, index };
}

/** Where `encodeRows` writes before it copies out what it wrote, grown as needed up to SCRATCH_LIMIT. */
let scratch = Buffer.allocUnsafeSlow(1 << 16);
/** Largest scratch buffer kept between calls (bytes): a larger batch (a letter of megabytes) gets one of its own. */
const SCRATCH_LIMIT = 8 << 20;

/** A buffer of at least `bound` bytes to encode into. */
function writeBuffer(bound: number): Buffer {
  if (bound > SCRATCH_LIMIT) return Buffer.allocUnsafeSlow(bound);
  if (scratch.length < bound) scratch = Buffer.allocUnsafeSlow(Math.min(SCRATCH_LIMIT, Math.max(bound, 2 * scratch.length)));
  return scratch;
}

/** PLAIN bytes of one present value of a fixed-size column (a boolean: one byte, packed later). */
function valueBytes(col: ColumnDef): number {
  return col.type === 'double' ? 8 : col.type === 'boolean' ? 1 : 4;
}

/** Whether a cell holds a value of its column's type (else it is null, or 0 / '' / false when required). */
export function isPresent(col: ColumnDef, v: Cell): boolean {
  if (v === null || v === undefined) return false;
  if (col.type === 'date') return typeof v === 'string' && isoToDays(v) !== null;
  if (col.type === 'int32' || col.type === 'double') return typeof v === 'number' && Number.isFinite(v);
  if (col.type === 'boolean') return typeof v === 'boolean';
  return true;
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const dayCache = new Map<string, number | null>();

/** Days since 1970-01-01 of an ISO date, or null when it is not one. */
export function isoToDays(iso: string): number | null {
  const hit = dayCache.get(iso);
  if (hit !== undefined) return hit;
  const m = ISO_DATE.exec(iso);
  let days: number | null = null;
  if (m) {
    const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    days = Number.isFinite(t) ? Math.round(t / DAY_MS) : null;
  }
  // Letters share few dates: a small cache saves parsing them again (bounded, cleared when full).
  if (dayCache.size > 50_000) dayCache.clear();
  dayCache.set(iso, days);
  return days;
}

/**
 * One column's rows waiting for their row group: their PLAIN bytes one after the other, and for
 * each row the end of its value in them, its page weight and whether it is present. Rows are
 * appended from encoded rows with one copy per column.
 */
export class PendingColumn {
  bytes = Buffer.allocUnsafe(1 << 12);
  length = 0;
  ends = new Int32Array(256);
  weights = new Int32Array(256);
  present = new Uint8Array(256);
  rows = 0;

  /** Appends rows `from` to `to` of column `c` of `view`, whose data is `data`. */
  append(view: EncodedView, data: Buffer, c: number, from: number, to: number): void {
    if (to <= from) return;
    const start = view.begin(c, from);
    const end = view.end(c, to - 1);
    if (this.length + (end - start) > this.bytes.length) {
      const next = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + (end - start)));
      this.bytes.copy(next, 0, 0, this.length);
      this.bytes = next;
    }
    if (this.rows + (to - from) > this.ends.length) {
      const size = Math.max(this.ends.length * 2, this.rows + (to - from));
      const grow = <T extends Int32Array | Uint8Array>(a: T, b: T): T => (b.set(a.subarray(0, this.rows)), b);
      this.ends = grow(this.ends, new Int32Array(size));
      this.weights = grow(this.weights, new Int32Array(size));
      this.present = grow(this.present, new Uint8Array(size));
    }
    data.copy(this.bytes, this.length, start, end);
    const shift = this.length - start;
    for (let r = from; r < to; r++, this.rows++) {
      this.ends[this.rows] = view.end(c, r) + shift;
      this.weights[this.rows] = view.weight(c, r);
      this.present[this.rows] = view.present(c, r) ? 1 : 0;
    }
    this.length += end - start;
  }

  /** Where row `row`'s value starts in `bytes`. */
  begin(row: number): number {
    return row === 0 ? 0 : this.ends[row - 1];
  }

  clear(): void {
    this.length = 0;
    this.rows = 0;
  }
}
