/**
 * Reading letter files from disk (CLI, bulk extraction, the server's PDF reader): size limit,
 * binary detection, text decoding, and PDFs through the pdf.js reader. Every failure is a
 * `ReadFailure` with a message meant for a person, never an exception.
 */
import * as fsSync from 'fs';
import * as path from 'path';
import { loadPdfReader } from './pdf/load';

export interface ReadOk {
  ok: true;
  text: string;
  /** How the text was obtained. */
  encoding: 'utf-8' | 'windows-1252' | 'pdf';
  /** For a PDF: its page count and where each page starts in `text`. */
  pdf?: { pages: number; pageOffsets: number[] };
}

export interface ReadFailure {
  ok: false;
  reason: string;
}

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export async function readLetterFile(file: string, maxBytes = DEFAULT_MAX_BYTES, signal?: AbortSignal): Promise<ReadOk | ReadFailure> {
  // Synchronous reads: letters are small, and one open-fstat-read on this thread is several times
  // faster than the same calls through the thread pool, which dominated bulk extraction.
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    fd = fsSync.openSync(file, 'r');
    const stat = fsSync.fstatSync(fd);
    if (stat.isDirectory()) return { ok: false, reason: 'is a directory' };
    if (!stat.isFile()) return { ok: false, reason: 'is not a regular file' };
    if (stat.size === 0) return { ok: false, reason: 'is empty (0 bytes)' };
    if (stat.size > maxBytes) {
      return { ok: false, reason: `is ${(stat.size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(0)} MB limit (--max-size)` };
    }
    bytes = fsSync.readFileSync(fd);
  } catch (e) {
    return { ok: false, reason: describeFsError(e) };
  } finally {
    if (fd !== undefined) fsSync.closeSync(fd);
  }
  if (isPdf(file, bytes)) return readPdfBytes(bytes, maxBytes, signal);
  return decodeLetterBytes(bytes);
}

function isPdf(file: string, bytes: Uint8Array): boolean {
  return path.extname(file).toLowerCase() === '.pdf' || (bytes.length >= 5 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-');
}

/** Letter text of a PDF (pdf.js, in process, no network); failures carry pdf.js reader's sentence. */
export async function readPdfBytes(bytes: Uint8Array, maxBytes = DEFAULT_MAX_BYTES, signal?: AbortSignal): Promise<ReadOk | ReadFailure> {
  const { extractPdfText } = loadPdfReader();
  const r = await extractPdfText(bytes, { maxBytes, signal });
  if (!r.ok) return { ok: false, reason: r.message.replace(/\.$/, '') };
  return { ok: true, text: r.text, encoding: 'pdf', pdf: { pages: r.pages, pageOffsets: r.pageOffsets } };
}

/** Decodes letter bytes: UTF-8 (BOM stripped), else Windows-1252; binary data is refused. */
const CONTROL = /[\x01-\x08\x0e-\x1f]/g;

export function decodeLetterBytes(bytes: Uint8Array): ReadOk | ReadFailure {
  const probe = bytes.subarray(0, 8192);
  if (probe.indexOf(0) >= 0) return { ok: false, reason: 'is a binary file (it contains NUL bytes), not letter text' };
  // Control characters other than tab, line ends and form feed: counted natively on the probe.
  const control = Buffer.from(probe.buffer, probe.byteOffset, probe.length).toString('latin1').match(CONTROL)?.length ?? 0;
  if (probe.length > 0 && control / probe.length > 0.05) {
    return { ok: false, reason: 'is a binary file (mostly control characters), not letter text' };
  }
  try {
    let text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { ok: true, text, encoding: 'utf-8' };
  } catch {
    return { ok: true, text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read (permission denied)';
    case 'EISDIR':
      return 'is a directory';
    default:
      return `cannot be read (${e instanceof Error ? e.message : String(e)})`;
  }
}
