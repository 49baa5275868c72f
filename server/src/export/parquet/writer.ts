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
import { EncodedRows, EncodedView, encodeRows, PendingColumn } from './encode';

export { encodeRows, isoToDays } from './encode';
export type { EncodedRows } from './encode';

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
  /** The pending rows, column by column. */
  private readonly pending: PendingColumn[];
  private pendingRows = 0;
  private pendingBytes = 0;
  private readonly groups: RowGroupMeta[] = [];
  private totalRows = 0;
  private closed = false;

  constructor(
    readonly file: string,
    readonly columns: readonly ColumnDef[],
    private readonly options: {
      rowGroupRows?: number;
      rowGroupBytes?: number;
      metadata?: Record<string, string>;
      createdBy?: string;
      /** Opens the file for writing, giving its descriptor (default: created or emptied, as 'w'). */
      create?: (file: string) => number;
    } = {},
  ) {
    this.pending = columns.map(() => new PendingColumn());
    this.fd = options.create ? options.create(file) : fs.openSync(file, 'w');
    this.write(Buffer.from('PAR1', 'latin1'));
  }

  get rows(): number {
    return this.totalRows + this.pendingRows;
  }

  /** Appends a row: an array of cells in column order. */
  add(row: readonly Cell[]): void {
    this.addEncoded(encodeRows(this.columns, [row]));
  }

  /** Appends rows encoded by `encodeRows` for these columns (on any thread). */
  addEncoded(rows: EncodedRows): void {
    const view = new EncodedView(rows, this.columns.length);
    const data = Buffer.from(rows.data.buffer, rows.data.byteOffset, rows.data.byteLength);
    const take = (from: number, to: number) => {
      for (let c = 0; c < this.columns.length; c++) this.pending[c].append(view, data, c, from, to);
    };
    const maxRows = this.options.rowGroupRows ?? 100_000;
    const maxBytes = this.options.rowGroupBytes ?? 64 << 20;
    let from = 0;
    for (let r = 0; r < rows.rows; r++) {
      this.pendingRows++;
      this.pendingBytes += view.chars(r);
      if (this.pendingRows >= maxRows || this.pendingBytes >= maxBytes) {
        take(from, r + 1);
        from = r + 1;
        this.flush();
      }
    }
    take(from, rows.rows);
  }

  /** Writes the pending rows as a row group. */
  flush(): void {
    if (this.pendingRows === 0) return;
    const start = this.offset;
    const chunks: ChunkMeta[] = [];
    for (let c = 0; c < this.columns.length; c++) chunks.push(this.writeChunk(c));
    this.groups.push({ numRows: this.pendingRows, totalSize: this.offset - start, fileOffset: start, chunks });
    this.totalRows += this.pendingRows;
    for (const p of this.pending) p.clear();
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

  private write(b: Uint8Array): void {
    let done = 0;
    while (done < b.length) done += fs.writeSync(this.fd, b, done, b.length - done, this.offset + done);
    this.offset += b.length;
  }

  /** Column `c` of the pending rows, in pages of about PAGE_BYTES (strings by their length, other values by count). */
  private writeChunk(c: number): ChunkMeta {
    const col = this.columns[c];
    const p = this.pending[c];
    const dataPageOffset = this.offset;
    let size = 0;
    let from = 0;
    while (from < p.rows) {
      let to = from;
      let bytes = 0;
      while (to < p.rows && (to === from || bytes < PAGE_BYTES)) bytes += p.weights[to++];
      size += this.writePage(col, p, from, to);
      from = to;
    }
    return { column: col, numValues: p.rows, size, dataPageOffset };
  }

  /** One data page of rows `from` to `to`: definition levels (optional columns), then the PLAIN values. */
  private writePage(col: ColumnDef, p: PendingColumn, from: number, to: number): number {
    const n = to - from;
    let levels: Buffer | null = null;
    if (col.optional) {
      // Definition levels, RLE/bit-packed hybrid, bit width 1: one bit-packed run of ceil(n/8)
      // groups (the last padded with zeros), preceded by the run's length in 4 bytes.
      const groups = Math.ceil(n / 8);
      const head = varint((groups << 1) | 1);
      levels = Buffer.alloc(4 + head.length + groups);
      levels.writeUInt32LE(head.length + groups, 0);
      head.copy(levels, 4);
      const at = 4 + head.length;
      for (let i = 0; i < n; i++) if (p.present[from + i] === 1) levels[at + (i >> 3)] |= 1 << (i & 7);
    }
    const values = p.bytes.subarray(p.begin(from), p.ends[to - 1]);
    const data = col.type === 'boolean' ? packBooleans(values) : values;
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

/** PLAIN booleans: the values (one byte each as encoded) packed in bits, first value in the lowest bit. */
function packBooleans(bytes: Uint8Array): Uint8Array {
  const out = Buffer.alloc(Math.ceil(bytes.length / 8));
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 1) out[i >> 3] |= 1 << (i & 7);
  return out;
}
