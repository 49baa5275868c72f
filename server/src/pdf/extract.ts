/**
 * Letter text from PDF bytes, with pdf.js (pdfjs-dist) and nothing native: no external tool, no
 * network, no eval. The result parses like poppler `pdftotext` default-mode text (see layout.ts),
 * with a form feed after every page so page breaks survive.
 *
 * `extractPdfText` never throws: every failure is a `PdfTextFailure` whose `message` is a full
 * sentence meant for a person (the caller may prefix the file name).
 */
import type { PDFPageProxy, TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api';
import { decodeBudgetExceeded, endDecodeBudget, startDecodeBudget } from './budget';
import { joinPages, layoutPage, TextRun } from './layout';
import { PDF_LIMITS, TOO_COMPLEX } from './limits';
import { loadPdfJs, PdfJs } from './pdfjs';

export interface PdfTextOptions {
  /** Refuse documents with more pages than this (default DEFAULT_MAX_PDF_PAGES). */
  maxPages?: number;
  /** Refuse input larger than this many bytes (default DEFAULT_MAX_PDF_BYTES). */
  maxBytes?: number;
  /** Abort the extraction; the result is then `{ ok: false, code: 'cancelled' }`. */
  signal?: AbortSignal;
  /** Refuse documents with more text items (pdf.js text runs) than this, in all (default PDF_LIMITS). */
  maxTextItems?: number;
  /** ... or on one page. */
  maxPageItems?: number;
  /** Refuse documents whose text is longer than this many characters. */
  maxTextChars?: number;
  /** Refuse documents with a stream that decodes to more than this many bytes (bundle only: budget.ts). */
  maxStreamBytes?: number;
  /** Refuse documents whose streams decode to more than this many bytes in all (bundle only). */
  maxDecodedBytes?: number;
}


export interface PdfTextOk {
  ok: true;
  /** The text of every page, each followed by "\f" (as pdftotext writes it). */
  text: string;
  /** Number of pages. */
  pages: number;
  /** UTF-16 offset in `text` where each page starts; `pageOffsets[0]` is 0. */
  pageOffsets: number[];
}

export type PdfFailureCode = 'empty' | 'not-pdf' | 'corrupt' | 'password' | 'no-text' | 'too-large' | 'too-complex' | 'cancelled';

export interface PdfTextFailure {
  ok: false;
  code: PdfFailureCode;
  message: string;
}

export type PdfTextResult = PdfTextOk | PdfTextFailure;

export const DEFAULT_MAX_PDF_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MAX_PDF_PAGES = 1000;

/** The PDF header may follow up to this many bytes of leading garbage (as readers tolerate). */
const HEADER_WINDOW = 1024;

class Cancelled extends Error {}

class TooComplex extends Error {}

/**
 * pdf.js runs its worker code on this thread ("fake worker"); with several documents open at once
 * it answered page requests for the wrong document ("Invalid page request"). One document at a
 * time, then: calls queue behind each other.
 */
let queue: Promise<unknown> = Promise.resolve();

export function extractPdfText(bytes: Uint8Array, options: PdfTextOptions = {}): Promise<PdfTextResult> {
  const run = queue.then(() => extractOne(bytes, options));
  queue = run.catch(() => undefined);
  return run;
}

async function extractOne(bytes: Uint8Array, options: PdfTextOptions): Promise<PdfTextResult> {
  const { signal } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PDF_BYTES;
  const maxPages = options.maxPages ?? DEFAULT_MAX_PDF_PAGES;
  const limits: Limits = {
    maxTextItems: options.maxTextItems ?? PDF_LIMITS.maxTextItems,
    maxPageItems: options.maxPageItems ?? PDF_LIMITS.maxPageItems,
    maxTextChars: options.maxTextChars ?? PDF_LIMITS.maxTextChars,
    maxStreamBytes: options.maxStreamBytes ?? PDF_LIMITS.maxStreamBytes,
    maxDecodedBytes: options.maxDecodedBytes ?? PDF_LIMITS.maxDecodedBytes,
  };
  if (signal?.aborted) return cancelled();
  if (bytes.length === 0) return fail('empty', 'The file is empty (0 bytes).');
  if (bytes.length > maxBytes) {
    return fail('too-large', `The PDF is ${size(bytes.length)}, over the ${size(maxBytes)} limit.`);
  }
  if (!hasPdfHeader(bytes)) {
    return fail(
      'not-pdf',
      'This file is not a PDF: it does not begin with "%PDF-" (it may be a web page or another kind of document saved under a .pdf name).',
    );
  }

  let pdfjs: PdfJs;
  try {
    pdfjs = await loadPdfJs();
  } catch (e) {
    return fail('corrupt', `The PDF could not be read because the PDF library (pdfjs-dist) failed to load: ${reason(e)}.`);
  }
  if (signal?.aborted) return cancelled();

  let task: ReturnType<PdfJs['getDocument']>;
  try {
    task = pdfjs.getDocument({
      // pdf.js takes ownership of (transfers) the buffer it is given, and refuses a Node Buffer:
      // hand it a plain Uint8Array copy.
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      useWorkerFetch: false,
      verbosity: 0,
    });
  } catch (e) {
    return fail('corrupt', `The PDF cannot be read (${reason(e)}).`);
  }
  const onAbort = () => void task.destroy().catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  startDecodeBudget(limits.maxStreamBytes, limits.maxDecodedBytes);
  try {
    let doc;
    try {
      doc = await untilAborted(task.promise, signal);
    } catch (e) {
      if (decodeBudgetExceeded()) return decodeTooComplex(limits);
      return openFailure(e);
    }
    if (doc.numPages === 0) return fail('no-text', 'The PDF has no pages.');
    if (doc.numPages > maxPages) {
      return fail('too-large', `The PDF has ${doc.numPages} pages, over the ${maxPages}-page limit.`);
    }
    const pages: string[] = [];
    const count = { items: 0, chars: 0 };
    for (let n = 1; n <= doc.numPages; n++) {
      // In Node, pdf.js runs its worker code on this thread and chains its work on microtasks
      // only, so without this a long document would hold the event loop (and any abort) until
      // the end. Yielding between pages lets the host answer other requests and cancel.
      if (n > 1) await nextTurn();
      if (signal?.aborted) return cancelled();
      try {
        const page = await untilAborted(doc.getPage(n), signal);
        const runs = await untilAborted(pageRuns(page, limits, count), signal);
        pages.push(layoutPage(runs));
        page.cleanup();
      } catch (e) {
        if (e instanceof Cancelled || signal?.aborted) return cancelled();
        if (e instanceof TooComplex) return fail('too-complex', `${TOO_COMPLEX}: ${e.message}.`);
        if (decodeBudgetExceeded()) return decodeTooComplex(limits);
        return fail('corrupt', `The PDF is damaged: page ${n} of ${doc.numPages} could not be read (${reason(e)}).`);
      }
      // pdf.js may recover from a failed decode and go on with what it has: the budget tells.
      if (decodeBudgetExceeded()) return decodeTooComplex(limits);
    }
    if (pages.every((p) => p.trim() === '')) {
      const where = pages.length === 1 ? 'its only page has no text' : `none of its ${pages.length} pages has any text`;
      return fail(
        'no-text',
        `The PDF has no text layer: ${where}, so it is probably a scanned image. Run OCR on it first, or open a text version of the letter.`,
      );
    }
    const { text, pageOffsets } = joinPages(pages);
    return { ok: true, text, pages: pages.length, pageOffsets };
  } catch (e) {
    // Not expected: everything above handles its own failures. Keep the promise of never throwing.
    if (e instanceof Cancelled || signal?.aborted) return cancelled();
    if (decodeBudgetExceeded()) return decodeTooComplex(limits);
    return fail('corrupt', `The PDF could not be read (${reason(e)}).`);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    endDecodeBudget();
    await task.destroy().catch(() => undefined);
  }
}

type Limits = { -readonly [K in keyof typeof PDF_LIMITS]: number };

function decodeTooComplex(limits: Limits): PdfTextFailure {
  return fail(
    'too-complex',
    `${TOO_COMPLEX}: its compressed data expands to more than ${size(limits.maxStreamBytes)} in one stream or ${size(limits.maxDecodedBytes)} in all.`,
  );
}

/**
 * The text runs of a page, read from pdf.js as a stream so that the limits apply while the page is
 * read, not after pdf.js has built all of it: a page drawing a form 10^8 times stops at the limit.
 */
async function pageRuns(page: PDFPageProxy, limits: Limits, count: { items: number; chars: number }): Promise<TextRun[]> {
  const reader = page.streamTextContent().getReader();
  const runs: TextRun[] = [];
  let pageItems = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return runs;
      const items = (value as { items: (TextItem | TextMarkedContent)[] }).items;
      pageItems += items.length;
      count.items += items.length;
      if (pageItems > limits.maxPageItems) throw new TooComplex(`a page has more than ${limits.maxPageItems.toLocaleString('en-US')} pieces of text`);
      if (count.items > limits.maxTextItems) throw new TooComplex(`it has more than ${limits.maxTextItems.toLocaleString('en-US')} pieces of text`);
      for (const run of toRuns(items)) {
        count.chars += run.str.length;
        runs.push(run);
      }
      if (count.chars > limits.maxTextChars) throw new TooComplex(`its text is longer than ${limits.maxTextChars.toLocaleString('en-US')} characters`);
    }
  } finally {
    // Not reader.cancel(): pdf.js then closes the cancelled stream's controller again and throws
    // an uncaught TypeError. The caller destroys the document, which ends the page's work.
    reader.releaseLock();
  }
}

function openFailure(e: unknown): PdfTextFailure {
  if (e instanceof Cancelled) return cancelled();
  const name = (e as { name?: unknown } | null)?.name;
  if (name === 'PasswordException') {
    return fail(
      'password',
      'The PDF is protected by a password. Only PDFs that open without one can be read (the letters DWC publishes do); remove the password first.',
    );
  }
  if (name === 'InvalidPDFException') {
    return fail('corrupt', `The PDF is damaged or incomplete (an interrupted download, for example) and cannot be read: ${reason(e)}.`);
  }
  return fail('corrupt', `The PDF cannot be read (${reason(e)}).`);
}

/** pdf.js text items to layout runs (marked-content markers carry no text and are dropped). */
function toRuns(items: readonly (TextItem | TextMarkedContent)[]): TextRun[] {
  const runs: TextRun[] = [];
  for (const item of items) {
    if (!('str' in item) || item.str === '') continue;
    const [, , c, d, x, y] = item.transform as number[];
    runs.push({ str: item.str, x, y, width: item.width, fontSize: Math.hypot(c, d) || item.height });
  }
  return runs;
}

/** Resolves like `promise`, or rejects with Cancelled as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  promise.catch(() => undefined); // a rejection after the abort must not go unhandled
  if (signal.aborted) return Promise.reject(new Cancelled());
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(new Cancelled());
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', abort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(e);
      },
    );
  });
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  const window = bytes.subarray(0, HEADER_WINDOW + 5);
  for (let i = 0; i + 5 <= window.length; i++) {
    // "%PDF-"
    if (window[i] === 0x25 && window[i + 1] === 0x50 && window[i + 2] === 0x44 && window[i + 3] === 0x46 && window[i + 4] === 0x2d) {
      return true;
    }
  }
  return false;
}

function fail(code: PdfFailureCode, message: string): PdfTextFailure {
  return { ok: false, code, message };
}

function cancelled(): PdfTextFailure {
  return fail('cancelled', 'Reading the PDF was cancelled.');
}

function size(n: number): string {
  if (n < 1048576) return `${Math.ceil(n / 1024)} KB`;
  const mb = n / 1048576;
  return `${mb >= 10 ? mb.toFixed(0) : mb.toFixed(1)} MB`;
}

function reason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/\.$/, '') || 'unknown error';
}
