/**
 * A small Parquet writer: flat tables of strings, 32-bit integers, doubles, booleans and dates,
 * each column required or optional, written in row groups as they fill, so memory stays flat
 * over any number of rows. Pure JavaScript, no dependency.
 *
 * What it writes (Apache Parquet format 2.x, readable by DuckDB, Polars, Spark, pyarrow, hyparquet):
 * the `PAR1` magic, then per row group one column chunk per column, each of data pages (v1) with
 * PLAIN-encoded values and, for optional columns, definition levels in the RLE/bit-packed hybrid
 * encoding (bit-packed, one bit a value); no compression; then the file metadata in Thrift's
 * compact protocol, its length and `PAR1` again. Strings carry the STRING logical type (UTF8),
 * dates the DATE logical type (days since 1970-01-01).
 *
 * Why our own: the npm writers we measured were too slow for the target (see README "Data out").
 */
import * as fs from 'fs';

export type ColumnType = 'string' | 'int32' | 'double' | 'boolean' | 'date';

export interface ColumnDef {
  readonly name: string;
  readonly type: ColumnType;
  /** Optional columns may hold null. */
  readonly optional: boolean;
  /** What the column holds, for the documented schema. */
  readonly description?: string;
}

/** A cell: string, number, boolean, an ISO date string `YYYY-MM-DD` for dates, or null. */
export type Cell = string | number | boolean | null | undefined;

// Parquet enums (parquet.thrift).
const TYPE = { boolean: 0, int32: 1, double: 5, string: 6, date: 1 } as const;
const REQUIRED = 0;
const OPTIONAL = 1;
const ENCODING_PLAIN = 0;
const ENCODING_RLE = 3;
const CODEC_UNCOMPRESSED = 0;
const PAGE_DATA = 0;
const CONVERTED_UTF8 = 0;
const CONVERTED_DATE = 6;

// Thrift compact protocol type ids.
const T_TRUE = 1;
const T_FALSE = 2;
const T_I32 = 5;
const T_I64 = 6;
const T_BINARY = 8;
const T_LIST = 9;
const T_STRUCT = 12;

/** Thrift compact protocol, the subset the Parquet metadata needs. */
class Thrift {
  private buf = Buffer.allocUnsafe(1024);
  private pos = 0;
  private last: number[] = [0];

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
  private byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }
  private varint(n: bigint): void {
    this.ensure(10);
    let v = n;
    while (v >= 0x80n) {
      this.buf[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.pos++] = Number(v);
  }
  private zigzag(n: number | bigint): void {
    const v = BigInt(n);
    this.varint(v >= 0n ? v << 1n : (-v << 1n) - 1n);
  }
  private header(id: number, type: number): void {
    const delta = id - this.last[this.last.length - 1];
    if (delta > 0 && delta <= 15) this.byte((delta << 4) | type);
    else {
      this.byte(type);
      this.zigzag(id);
    }
    this.last[this.last.length - 1] = id;
  }
  private bytes(b: Buffer): void {
    this.varint(BigInt(b.length));
    this.ensure(b.length);
    b.copy(this.buf, this.pos);
    this.pos += b.length;
  }

  i32(id: number, v: number): this {
    this.header(id, T_I32);
    this.zigzag(v);
    return this;
  }
  i64(id: number, v: number | bigint): this {
    this.header(id, T_I64);
    this.zigzag(v);
    return this;
  }
  string(id: number, v: string): this {
    this.header(id, T_BINARY);
    this.bytes(Buffer.from(v, 'utf8'));
    return this;
  }
  bool(id: number, v: boolean): this {
    this.header(id, v ? T_TRUE : T_FALSE);
    return this;
  }
  /** A struct field: `fill` writes its fields. */
  struct(id: number, fill: (t: Thrift) => void): this {
    this.header(id, T_STRUCT);
    this.body(fill);
    return this;
  }
  private body(fill: (t: Thrift) => void): void {
    this.last.push(0);
    fill(this);
    this.byte(0); // STOP
    this.last.pop();
  }
  private listHeader(size: number, elem: number): void {
    if (size < 15) this.byte((size << 4) | elem);
    else {
      this.byte(0xf0 | elem);
      this.varint(BigInt(size));
    }
  }
  listI32(id: number, vs: readonly number[]): this {
    this.header(id, T_LIST);
    this.listHeader(vs.length, T_I32);
    for (const v of vs) this.zigzag(v);
    return this;
  }
  listString(id: number, vs: readonly string[]): this {
    this.header(id, T_LIST);
    this.listHeader(vs.length, T_BINARY);
    for (const v of vs) this.bytes(Buffer.from(v, 'utf8'));
    return this;
  }
  listStruct<T>(id: number, vs: readonly T[], fill: (t: Thrift, v: T) => void): this {
    this.header(id, T_LIST);
    this.listHeader(vs.length, T_STRUCT);
    for (const v of vs) this.body((t) => fill(t, v));
    return this;
  }
  /** The top-level struct: `fill` writes its fields. */
  static encode(fill: (t: Thrift) => void): Buffer {
    const t = new Thrift();
    fill(t);
    t.byte(0);
    return t.buf.subarray(0, t.pos);
  }
}

interface ChunkMeta {
  column: ColumnDef;
  numValues: number;
  size: number;
  dataPageOffset: number;
}

interface RowGroupMeta {
  numRows: number;
  totalSize: number;
  fileOffset: number;
  chunks: ChunkMeta[];
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

/** Aim for pages of about this many bytes: small enough for readers, large enough to be cheap. */
const PAGE_BYTES = 1 << 20;

/**
 * Writes one table to one file, row group by row group. `add` appends a row (an array of cells in
 * column order); a row group is written when `rowGroupRows` rows are pending or their strings pass
 * `rowGroupBytes`; `close` writes the rest and the footer. The file is written under the name given:
 * callers that must not leave partial files write to a temporary name and rename it.
 */
export class ParquetFileWriter {
  private readonly fd: number;
  private offset = 0;
  private readonly pending: Cell[][];
  private pendingRows = 0;
  private pendingBytes = 0;
  private readonly groups: RowGroupMeta[] = [];
  private totalRows = 0;
  private closed = false;

  constructor(
    readonly file: string,
    readonly columns: readonly ColumnDef[],
    private readonly options: { rowGroupRows?: number; rowGroupBytes?: number; metadata?: Record<string, string>; createdBy?: string } = {},
  ) {
    this.pending = columns.map(() => []);
    this.fd = fs.openSync(file, 'w');
    this.write(Buffer.from('PAR1', 'latin1'));
  }

  get rows(): number {
    return this.totalRows + this.pendingRows;
  }

  add(row: readonly Cell[]): void {
    for (let c = 0; c < this.columns.length; c++) {
      const v = row[c];
      this.pending[c].push(v);
      if (typeof v === 'string') this.pendingBytes += v.length;
    }
    this.pendingRows++;
    if (this.pendingRows >= (this.options.rowGroupRows ?? 100_000) || this.pendingBytes >= (this.options.rowGroupBytes ?? 64 << 20)) this.flush();
  }

  /** Writes the pending rows as a row group. */
  flush(): void {
    if (this.pendingRows === 0) return;
    const start = this.offset;
    const chunks: ChunkMeta[] = [];
    for (let c = 0; c < this.columns.length; c++) chunks.push(this.writeChunk(this.columns[c], this.pending[c]));
    this.groups.push({ numRows: this.pendingRows, totalSize: this.offset - start, fileOffset: start, chunks });
    this.totalRows += this.pendingRows;
    for (const p of this.pending) p.length = 0;
    this.pendingRows = 0;
    this.pendingBytes = 0;
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    const footer = this.metadata();
    const len = Buffer.allocUnsafe(4);
    len.writeUInt32LE(footer.length, 0);
    this.write(footer);
    this.write(len);
    this.write(Buffer.from('PAR1', 'latin1'));
    fs.closeSync(this.fd);
    this.closed = true;
  }

  /** Closes the file without its footer (an abandoned run); callers delete it. */
  abort(): void {
    if (this.closed) return;
    this.closed = true;
    fs.closeSync(this.fd);
  }

  private write(b: Buffer): void {
    let done = 0;
    while (done < b.length) done += fs.writeSync(this.fd, b, done, b.length - done, this.offset + done);
    this.offset += b.length;
  }

  private writeChunk(col: ColumnDef, values: readonly Cell[]): ChunkMeta {
    const dataPageOffset = this.offset;
    let size = 0;
    // Pages of about PAGE_BYTES: strings by their length, fixed-size values by count.
    let from = 0;
    while (from < values.length) {
      let to = from;
      let bytes = 0;
      while (to < values.length && (to === from || bytes < PAGE_BYTES)) {
        const v = values[to];
        bytes += typeof v === 'string' ? v.length + 4 : 8;
        to++;
      }
      size += this.writePage(col, values, from, to);
      from = to;
    }
    return { column: col, numValues: values.length, size, dataPageOffset };
  }

  private writePage(col: ColumnDef, values: readonly Cell[], from: number, to: number): number {
    const n = to - from;
    const present: Cell[] = [];
    let levels: Buffer | null = null;
    if (col.optional) {
      // Definition levels, RLE/bit-packed hybrid, bit width 1: one bit-packed run of ceil(n/8)
      // groups (the last padded with zeros), preceded by the run's length in 4 bytes.
      const groups = Math.ceil(n / 8);
      const head = varint((groups << 1) | 1);
      levels = Buffer.alloc(4 + head.length + groups);
      levels.writeUInt32LE(head.length + groups, 0);
      head.copy(levels, 4);
      for (let i = 0; i < n; i++) {
        const v = values[from + i];
        if (isPresent(col, v)) {
          levels[4 + head.length + (i >> 3)] |= 1 << (i & 7);
          present.push(v);
        }
      }
    } else {
      for (let i = from; i < to; i++) present.push(values[i]);
    }
    const data = plain(col, present);
    const size = (levels?.length ?? 0) + data.length;
    const header = Thrift.encode((t) =>
      t
        .i32(1, PAGE_DATA)
        .i32(2, size)
        .i32(3, size)
        .struct(5, (h) => h.i32(1, n).i32(2, ENCODING_PLAIN).i32(3, ENCODING_RLE).i32(4, ENCODING_RLE)),
    );
    this.write(header);
    if (levels) this.write(levels);
    this.write(data);
    return header.length + size;
  }

  private metadata(): Buffer {
    const kv = Object.entries(this.options.metadata ?? {});
    return Thrift.encode((t) => {
      t.i32(1, 1);
      t.listStruct(2, [null, ...this.columns], (s, c) => {
        if (c === null) {
          s.string(4, 'schema').i32(5, this.columns.length);
          return;
        }
        s.i32(1, TYPE[c.type]).i32(3, c.optional ? OPTIONAL : REQUIRED).string(4, c.name);
        if (c.type === 'string') s.i32(6, CONVERTED_UTF8).struct(10, (l) => l.struct(1, () => undefined));
        if (c.type === 'date') s.i32(6, CONVERTED_DATE).struct(10, (l) => l.struct(6, () => undefined));
      });
      t.i64(3, this.totalRows);
      t.listStruct(4, this.groups, (g, group) => {
        g.listStruct(1, group.chunks, (cc, chunk) => {
          cc.i64(2, chunk.dataPageOffset).struct(3, (m) =>
            m
              .i32(1, TYPE[chunk.column.type])
              .listI32(2, chunk.column.optional ? [ENCODING_PLAIN, ENCODING_RLE] : [ENCODING_PLAIN])
              .listString(3, [chunk.column.name])
              .i32(4, CODEC_UNCOMPRESSED)
              .i64(5, chunk.numValues)
              .i64(6, chunk.size)
              .i64(7, chunk.size)
              .i64(9, chunk.dataPageOffset),
          );
        });
        g.i64(2, group.totalSize).i64(3, group.numRows).i64(5, group.fileOffset).i64(6, group.totalSize);
      });
      if (kv.length) t.listStruct(5, kv, (s, [k, v]) => s.string(1, k).string(2, v));
      t.string(6, this.options.createdBy ?? 'imr-letters');
    });
  }
}

function isPresent(col: ColumnDef, v: Cell): boolean {
  if (v === null || v === undefined) return false;
  if (col.type === 'date') return typeof v === 'string' && isoToDays(v) !== null;
  if (col.type === 'int32' || col.type === 'double') return typeof v === 'number' && Number.isFinite(v);
  if (col.type === 'boolean') return typeof v === 'boolean';
  return true;
}

function varint(n: number): Buffer {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return Buffer.from(out);
}

/** PLAIN encoding of the present values. A required column's missing value is written as 0 / '' / false. */
function plain(col: ColumnDef, vs: readonly Cell[]): Buffer {
  switch (col.type) {
    case 'string': {
      let total = 0;
      const strs = vs.map((v) => (v === null || v === undefined ? '' : String(v)));
      for (const s of strs) total += 4 + Buffer.byteLength(s, 'utf8');
      const b = Buffer.allocUnsafe(total);
      let p = 0;
      for (const s of strs) {
        const n = b.write(s, p + 4, 'utf8');
        b.writeUInt32LE(n, p);
        p += 4 + n;
      }
      return b;
    }
    case 'int32':
    case 'date': {
      const b = Buffer.allocUnsafe(4 * vs.length);
      vs.forEach((v, i) => {
        const n = col.type === 'date' ? (typeof v === 'string' ? (isoToDays(v) ?? 0) : 0) : typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0;
        b.writeInt32LE(Math.max(-2147483648, Math.min(2147483647, n)), 4 * i);
      });
      return b;
    }
    case 'double': {
      const b = Buffer.allocUnsafe(8 * vs.length);
      vs.forEach((v, i) => b.writeDoubleLE(typeof v === 'number' ? v : 0, 8 * i));
      return b;
    }
    case 'boolean': {
      const b = Buffer.alloc(Math.ceil(vs.length / 8));
      vs.forEach((v, i) => {
        if (v === true) b[i >> 3] |= 1 << (i & 7);
      });
      return b;
    }
  }
}
