/**
 * Reading files from disk, for everything that does: letters (CLI, bulk extraction, the server's
 * PDF request), the user's knowledge file, workspace indexing. Every failure is a `ReadFailure`
 * with a message meant for a person, never an exception, and never any of the file's content.
 *
 * The safe read: a file is opened without blocking (O_NONBLOCK, so a FIFO with no writer or a
 * device cannot hang the caller), checked with fstat on the open descriptor to be a regular file
 * under a size limit (so /dev/zero, a FIFO, a socket or a 600 MB file are refused before a byte is
 * read), and only then read. Paths taken from settings can also be refused when they name a
 * device or another machine (`localOnly`).
 */
import * as fsSync from 'fs';
import { promises as fs } from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import { constants as bufferConstants } from 'buffer';
import { IsolatedPdfOptions, readPdfIsolated } from './pdf/isolated';
import { PdfTextCache } from './workspace/pdf-cache';

/** A path as fs takes it: a string, or the raw bytes of a name that is not valid UTF-8. */
export type FilePath = string | Buffer;

export interface ReadOk {
  ok: true;
  text: string;
  /** How the text was obtained. */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'pdf';
  /** For a PDF: its page count and where each page starts in `text`. */
  pdf?: { pages: number; pageOffsets: number[] };
}

export interface ReadFailure {
  ok: false;
  reason: string;
}

export interface BytesOk {
  ok: true;
  bytes: Buffer;
}

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** Open flags of every read: read only, and never wait for a writer (FIFO) or a device. */
export const READ_FLAGS = fsSync.constants.O_RDONLY | (fsSync.constants.O_NONBLOCK ?? 0);

export interface SafeReadOptions {
  /** Refuse files larger than this. */
  maxBytes: number;
  /** What `maxBytes` is called where the user can change it, for the message (e.g. "--max-size"). */
  limitName?: string;
  /** Refuse device paths and paths on other machines (UNC). For paths that come from settings. */
  localOnly?: boolean;
}

/**
 * Why a path must not be opened when it comes from a setting, or null when it may be: a UNC path
 * (`\\host\share`, `//host/share`: Windows would connect to the host), a Windows device or
 * namespace path (`\\.\`, `\\?\`, `CON`, `NUL`, `COM1`, ...) or a POSIX device (`/dev/...`).
 */
export function refusedPath(file: string): string | null {
  const p = file.trim();
  if (/^[\\/]{2}/.test(p)) return 'is a network (UNC) or device path; only files on this machine are read';
  if (/^\/dev\//.test(p) || /^\/proc\//.test(p)) return 'is a device or system path, not a file';
  const base = p.split(/[\\/]/).pop() ?? '';
  if (/^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\.[^.]*)?$/i.test(base)) return 'is a device name, not a file';
  return null;
}

/** "3 KB", "1.5 MB", "64 MB". */
export function sizeText(n: number): string {
  if (n < 1048576) return `${Math.ceil(n / 1024)} KB`;
  const mb = n / 1048576;
  return `${Number.isInteger(mb) || mb >= 10 ? mb.toFixed(0) : mb.toFixed(1)} MB`;
}

function checkStat(stat: fsSync.Stats, options: SafeReadOptions): ReadFailure | null {
  if (stat.isDirectory()) return { ok: false, reason: 'is a directory' };
  if (!stat.isFile()) return { ok: false, reason: 'is not a regular file (a device, FIFO or socket), so it is not read' };
  if (stat.size === 0) return { ok: false, reason: 'is empty (0 bytes)' };
  if (stat.size > options.maxBytes) {
    const limit = options.limitName ? ` (${options.limitName})` : '';
    return { ok: false, reason: `is ${sizeText(stat.size)}, over the ${sizeText(options.maxBytes)} limit${limit}` };
  }
  return null;
}

/**
 * Opens a file without blocking and checks it is a regular file within the limit; `use` reads from
 * the descriptor, which is closed afterwards. Synchronous: one open-fstat-read on this thread is
 * several times faster than the same calls through the thread pool, which dominated bulk
 * extraction.
 */
function withRegularFileSync<T>(file: FilePath, options: SafeReadOptions, use: (fd: number, size: number, stat: fsSync.Stats) => T | ReadFailure): T | ReadFailure {
  if (options.localOnly && typeof file === 'string') {
    const refused = refusedPath(file);
    if (refused) return { ok: false, reason: refused };
  }
  let fd: number | undefined;
  try {
    fd = fsSync.openSync(file, READ_FLAGS);
    const stat = fsSync.fstatSync(fd);
    const bad = checkStat(stat, options);
    return bad ?? use(fd, stat.size, stat);
  } catch (e) {
    return { ok: false, reason: describeFsError(e) };
  } finally {
    if (fd !== undefined) fsSync.closeSync(fd);
  }
}

/** The bytes of a regular file of at most `maxBytes` (see the module comment), read on this thread. */
export function readRegularFileSync(file: FilePath, options: SafeReadOptions): BytesOk | ReadFailure {
  return withRegularFileSync(file, options, (fd) => ({ ok: true as const, bytes: fsSync.readFileSync(fd) }));
}

/** The same as readRegularFileSync, without holding this thread (for the language server). */
export async function readRegularFile(file: FilePath, options: SafeReadOptions): Promise<BytesOk | ReadFailure> {
  if (options.localOnly && typeof file === 'string') {
    const refused = refusedPath(file);
    if (refused) return { ok: false, reason: refused };
  }
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, READ_FLAGS);
    const bad = checkStat(await handle.stat(), options);
    if (bad) return bad;
    return { ok: true, bytes: await handle.readFile() };
  } catch (e) {
    return { ok: false, reason: describeFsError(e) };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * The largest text, in bytes, this process can read as one letter: a JavaScript string holds at
 * most MAX_STRING_LENGTH characters, and parsing and checking a letter takes several times its
 * size in memory. A larger file is refused with a message instead of crashing the process and
 * losing the other files' output.
 */
export function textCapacity(): number {
  // The heap's limit is fixed for the life of the process: asked once, not for every file.
  heapLimit ??= v8.getHeapStatistics().heap_size_limit;
  return Math.min(bufferConstants.MAX_STRING_LENGTH, Math.floor(heapLimit / TEXT_MEMORY_FACTOR));
}

let heapLimit: number | undefined;

/**
 * V8 heap that reading, parsing and checking a letter text takes per byte of the file, with room
 * to spare (see the README's robustness section for the measurement).
 */
const TEXT_MEMORY_FACTOR = 12;

/** How PDFs are read: in a worker with limits (pdf/isolated.ts); `timeLimitMs` per PDF. */
export type PdfReadOptions = Pick<IsolatedPdfOptions, 'timeLimitMs'>;

/** How a letter file that is a PDF is read: the reader's limits, and where PDF text is kept. */
export interface LetterPdfOptions extends PdfReadOptions {
  /**
   * A folder keeping the text of each PDF read (`imr --cache DIR`, workspace/pdf-cache.ts): a
   * `.pdf` file whose size and modification time are those of its entry is not read again.
   */
  cacheDir?: string;
}

/** A letter file's text: a PDF's through the PDF reader, any other file decoded as text. */
export async function readLetterFile(file: FilePath, maxBytes = DEFAULT_MAX_BYTES, signal?: AbortSignal, pdf: LetterPdfOptions = {}): Promise<ReadOk | ReadFailure> {
  const cache = pdf.cacheDir !== undefined && typeof file === 'string' && hasPdfName(file) ? pdfCache(pdf.cacheDir) : null;
  // The PDF's entry in the cache: its full path, size and modification time.
  const entry = { path: '', size: 0, mtimeMs: 0 };
  const read = withRegularFileSync(file, { maxBytes, limitName: '--max-size' }, (fd, size, stat): { ok: true; bytes: Buffer } | { ok: true; cached: string } | ReadFailure => {
    if (cache) {
      Object.assign(entry, { path: path.resolve(file as string), size, mtimeMs: stat.mtimeMs });
      const cached = cache.get(entry.path, size, entry.mtimeMs);
      if (cached !== null) return { ok: true, cached };
    }
    // Over what this process can hold as text: refused before reading, unless it is a PDF (a PDF
    // is read in a separate worker with its own memory, and its text is far smaller).
    if (size > textCapacity() && !startsWithPdfSignature(fd)) return { ok: false, reason: overCapacity(size, textCapacity()) };
    return { ok: true, bytes: readAll(fd, size) };
  });
  if (!read.ok) return read;
  if ('cached' in read) return { ok: true, text: read.cached, encoding: 'pdf' };
  const bytes = read.bytes;
  // The PDF reader gets bytes of its own (they go to another thread); text is decoded into a
  // string at once, before anything else can read a file into the reused buffer.
  if (isPdf(file, bytes)) {
    const text = await readPdfBytes(bytes.buffer === reused?.buffer ? ownCopy(bytes) : bytes, maxBytes, signal, { timeLimitMs: pdf.timeLimitMs });
    if (text.ok && cache) cache.set(entry.path, entry.size, entry.mtimeMs, text.text);
    return text;
  }
  return decodeLetterBytes(bytes);
}

/** The PDF text cache of each folder this thread has used. */
const pdfCaches = new Map<string, PdfTextCache>();

function pdfCache(dir: string): PdfTextCache {
  let cache = pdfCaches.get(dir);
  if (!cache) pdfCaches.set(dir, (cache = new PdfTextCache(dir)));
  return cache;
}

/**
 * The buffer files of at most `REUSED_MAX` bytes are read into, reused from file to file (a new
 * buffer for each of thousands of small files was a good part of reading them).
 */
let reused: Buffer | null = null;
const REUSED_MAX = 1024 * 1024;

/** A copy of bytes not from Node's shared buffer pool, so that it can be handed to another thread. */
function ownCopy(bytes: Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(copy);
  return copy;
}

/**
 * The `size` bytes of an open regular file (its size from the fstat already made: readFileSync
 * would ask again), or fewer if it shrank: in the reused buffer for a small file (valid until the
 * next read), else in a buffer of their own, not from Node's shared buffer pool.
 */
function readAll(fd: number, size: number): Buffer {
  let buf: Buffer;
  if (size <= REUSED_MAX) {
    if (!reused || reused.length < size) reused = Buffer.allocUnsafeSlow(Math.min(REUSED_MAX, Math.max(size, 64 * 1024)));
    buf = reused;
  } else buf = Buffer.allocUnsafeSlow(size);
  let n = 0;
  while (n < size) {
    const r = fsSync.readSync(fd, buf, n, size - n, null);
    if (r === 0) break;
    n += r;
  }
  return n < buf.length ? buf.subarray(0, n) : buf;
}

function startsWithPdfSignature(fd: number): boolean {
  const head = Buffer.alloc(PDF_HEADER_WINDOW + 5);
  const n = fsSync.readSync(fd, head, 0, head.length, 0);
  return hasPdfSignature(head.subarray(0, n));
}

function overCapacity(size: number, capacity: number): string {
  return (
    `is ${sizeText(size)}, more text than this process can read at once (about ${sizeText(capacity)} with its memory limit); ` +
    'split the file, or give Node more memory (NODE_OPTIONS=--max-old-space-size=MB)'
  );
}

/** A PDF by name or by its `%PDF-` signature. */
function isPdf(file: FilePath, bytes: Uint8Array): boolean {
  return hasPdfName(file) || hasPdfSignature(bytes);
}

/** Whether a file is named as a PDF (`.pdf` in any case). */
export function hasPdfName(file: FilePath): boolean {
  const name = typeof file === 'string' ? file : file.toString('latin1');
  return path.extname(name).toLowerCase() === '.pdf';
}

/** The PDF header may follow up to this many bytes of leading garbage (as readers tolerate). */
const PDF_HEADER_WINDOW = 1024;

/** Whether `%PDF-` occurs within the first 1 KB, as PDF readers require. */
export function hasPdfSignature(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, PDF_HEADER_WINDOW + 5)).indexOf('%PDF-', 0, 'latin1') >= 0;
}

/**
 * The text of a file that must be a PDF (the server's PDF request): a regular file, at most
 * `maxBytes`, with the PDF signature; anything else is refused without reading it as text. With
 * `cacheDir`, text kept there for the file as it is now (its size and modification time) is used,
 * and text read is kept there.
 */
export async function readPdfFile(file: FilePath, maxBytes = DEFAULT_MAX_BYTES, signal?: AbortSignal, pdf: LetterPdfOptions = {}): Promise<ReadOk | ReadFailure> {
  const cache = pdf.cacheDir !== undefined && typeof file === 'string' ? pdfCache(pdf.cacheDir) : null;
  const stat = cache ? await fs.stat(file).catch(() => null) : null;
  const key = typeof file === 'string' ? path.resolve(file) : '';
  if (cache && stat?.isFile()) {
    const cached = cache.get(key, stat.size, stat.mtimeMs);
    if (cached !== null) return { ok: true, text: cached, encoding: 'pdf', pdf: pagesOf(cached) };
  }
  const read = await readRegularFile(file, { maxBytes });
  if (!read.ok) return read;
  if (!hasPdfSignature(read.bytes)) return { ok: false, reason: 'is not a PDF: it does not begin with "%PDF-"' };
  const text = await readPdfBytes(read.bytes, maxBytes, signal, { timeLimitMs: pdf.timeLimitMs });
  if (text.ok && cache && stat?.isFile()) cache.set(key, stat.size, stat.mtimeMs, text.text);
  return text;
}

/**
 * The pages of a PDF's text as the reader joins them (pdf/layout.ts `joinPages`: a form feed after
 * each page), for text kept without its page offsets.
 */
export function pagesOf(text: string): { pages: number; pageOffsets: number[] } {
  const pageOffsets = [0];
  for (let i = text.indexOf('\f'); i >= 0 && i + 1 < text.length; i = text.indexOf('\f', i + 1)) pageOffsets.push(i + 1);
  return { pages: pageOffsets.length, pageOffsets };
}

/**
 * Letter text of a PDF (pdf.js, no network), read in a worker with time and memory limits
 * (pdf/isolated.ts); failures carry the PDF reader's sentence.
 */
export async function readPdfBytes(bytes: Uint8Array, maxBytes = DEFAULT_MAX_BYTES, signal?: AbortSignal, pdf: PdfReadOptions = {}): Promise<ReadOk | ReadFailure> {
  const r = await readPdfIsolated(bytes, { maxBytes, signal, ...pdf });
  if (!r.ok) return { ok: false, reason: r.message.replace(/\.$/, '') };
  return { ok: true, text: r.text, encoding: 'pdf', pdf: { pages: r.pages, pageOffsets: r.pageOffsets } };
}

/** Control characters other than tab, line ends and form feed. */
const CONTROL = /[\x01-\x08\x0e-\x1f]/g;

/**
 * The byte order of UTF-16 text, or null: told by its byte order mark (FF FE, FE FF), or, without
 * one, by the zero bytes of ASCII text: in the first 8 KB (at least 64 bytes, an even count), at
 * least 90% of the bytes at odd offsets are 0 and at most 1% of those at even offsets (little
 * endian), or the other way round (big endian). Binary data and text in one-byte encodings do
 * not have that pattern.
 */
export function utf16Order(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const n = Math.min(bytes.length, 8192) & ~1;
  if (n < 64) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const half = n / 2;
  if (oddZeros >= 0.9 * half && evenZeros <= 0.01 * half) return 'utf-16le';
  if (evenZeros >= 0.9 * half && oddZeros <= 0.01 * half) return 'utf-16be';
  return null;
}

/** UTF-16 bytes as text (a byte order mark dropped), or null when they are not valid UTF-16. */
function decodeUtf16(bytes: Uint8Array, order: 'utf-16le' | 'utf-16be'): string | null {
  if (bytes.length % 2 !== 0) return null;
  // Big endian is swapped to little endian: every runtime's decoder reads that one.
  const le = order === 'utf-16le' ? bytes : Buffer.from(bytes).swap16();
  try {
    return new TextDecoder('utf-16le', { fatal: true }).decode(le);
  } catch {
    return null;
  }
}

/**
 * What bytes 0x80 to 0x9F stand for in Windows-1252 (the WHATWG index; the five it leaves
 * undefined read as the control character of the same number). Node's own 'windows-1252' decoder
 * reads these bytes as control characters, as Latin-1 does, which would turn a curly apostrophe
 * or a dash into an invisible character.
 */
const WINDOWS_1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Windows-1252 bytes as text: Latin-1, with bytes 0x80 to 0x9F mapped as that code page maps them. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  return latin1.replace(C1_CONTROLS, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]);
}

const C1_CONTROLS = /[\x80-\x9f]/g;

/**
 * How many of the bytes are control characters other than tab, line ends and form feed (0x01 to
 * 0x08, 0x0E to 0x1F): what `CONTROL` finds in the bytes read as Latin-1, counted on the bytes
 * themselves, four at a time: a group of four with no byte under 0x20 (nearly every group of
 * text) costs one test.
 */
function controlBytes(bytes: Uint8Array): number {
  let n = 0;
  let i = 0;
  // Byte by byte up to a multiple of 4 in the buffer (where a 32-bit view may start), and after
  // the last group of four.
  while (i < bytes.length && ((bytes.byteOffset + i) & 3) !== 0) n += isControlByte(bytes[i++]);
  const groups = (bytes.length - i) >> 2;
  if (groups > 0) {
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, groups);
    for (let k = 0; k < groups; k++) {
      const w = words[k];
      // Nonzero when some byte of w is under 0x20 (the borrow of a byte under 0x20 sets its top bit).
      if (((w - 0x20202020) & ~w & 0x80808080) !== 0) {
        n += isControlByte(w & 0xff) + isControlByte((w >>> 8) & 0xff) + isControlByte((w >>> 16) & 0xff) + isControlByte(w >>> 24);
      }
    }
    i += groups * 4;
  }
  while (i < bytes.length) n += isControlByte(bytes[i++]);
  return n;
}

function isControlByte(b: number): number {
  return b < 0x20 && b !== 0 && (b < 9 || b > 13) ? 1 : 0;
}

/** More than 5% of `s` is control characters other than tab, line ends and form feed. */
function mostlyControl(s: string): boolean {
  return s.length > 0 && (s.match(CONTROL)?.length ?? 0) / s.length > 0.05;
}

/**
 * Decodes letter bytes: UTF-16 (by its byte order mark, or by the zero bytes of its ASCII), else
 * UTF-8 (BOM stripped), else Windows-1252; binary data is refused.
 */
export function decodeLetterBytes(bytes: Uint8Array): ReadOk | ReadFailure {
  // UTF-16 (Notepad's "Unicode", Word's "Unicode Text"): every other byte of its ASCII is 0, which
  // would read as binary below.
  const utf16 = utf16Order(bytes);
  if (utf16) {
    const text = decodeUtf16(bytes, utf16);
    if (text !== null && !mostlyControl(text.slice(0, 8192))) return { ok: true, text, encoding: utf16 };
    return { ok: false, reason: 'looks like UTF-16 text but does not decode as UTF-16 letter text' };
  }
  const probe = bytes.subarray(0, 8192);
  if (probe.indexOf(0) >= 0) return { ok: false, reason: 'is a binary file (it contains NUL bytes), not letter text' };
  if (probe.length > 0 && controlBytes(probe) / probe.length > 0.05) {
    return { ok: false, reason: 'is a binary file (mostly control characters), not letter text' };
  }
  try {
    let text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { ok: true, text, encoding: 'utf-8' };
  } catch {
    return { ok: true, text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/**
 * A file name as it may be shown in a line of output or a message: control characters (a newline,
 * an escape code that would move the cursor or recolour the terminal), line and paragraph
 * separators and bidirectional overrides as `\n`, `\x1b`, `\u202e`, and bytes of a name that are
 * not valid UTF-8 as `\xNN`. A file name cannot then forge a line of `imr check` output.
 */
export function displayPath(file: FilePath | Uint8Array): string {
  const text = typeof file === 'string' ? file : decodeNameBytes(file);
  return text.replace(UNSAFE_IN_NAME, (c) => {
    const code = c.charCodeAt(0);
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The UTF-8 of a name's bytes, each byte that is not part of valid UTF-8 written `\xNN`. */
function decodeNameBytes(bytes: Uint8Array): string {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    const n = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (n > 0 && i + n <= bytes.length) {
      try {
        out += decoder.decode(bytes.subarray(i, i + n));
        i += n;
        continue;
      } catch {
        // not a valid sequence: the lead byte is shown as it is
      }
    }
    out += `\\x${lead.toString(16).padStart(2, '0')}`;
    i++;
  }
  return out;
}

/** A directory entry's name as a path: a string when the name is valid UTF-8, its raw bytes otherwise. */
export function joinName(dir: FilePath, name: Buffer): FilePath {
  const text = name.toString('utf8');
  if (typeof dir === 'string' && Buffer.from(text, 'utf8').equals(name)) return path.join(dir, text);
  const base = typeof dir === 'string' ? Buffer.from(dir, 'utf8') : dir;
  const sep = base.length > 0 && base[base.length - 1] !== 0x2f && !(path.sep === '\\' && base[base.length - 1] === 0x5c) ? Buffer.from(path.sep) : Buffer.alloc(0);
  return Buffer.concat([base, sep, name]);
}

/** A file system error as a phrase ("does not exist"); the system's message names only the path. */
export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read (permission denied)';
    case 'EISDIR':
      return 'is a directory';
    case 'ENXIO':
    case 'ENODEV':
      return 'is not a regular file (a device, FIFO or socket), so it is not read';
    case 'ELOOP':
      return 'is a symbolic link loop';
    case 'ENAMETOOLONG':
      return 'has a name that is too long';
    default:
      return `cannot be read (${e instanceof Error ? e.message : String(e)})`;
  }
}
