/**
 * What reading one PDF may cost, far above what a letter needs; a PDF over a limit is "too complex
 * to read as a letter". Shared by the reader (extract.ts, in the PDF bundle) and its host
 * (isolated.ts, in the server and CLI bundles), so nothing here may import pdf.js.
 *
 * The corpus letters have at most 81 text items (a few hundred in a whole letter) and about 4,000
 * characters per page, content streams of tens of KB, and read in 10 to 100 ms each.
 */
export const PDF_LIMITS = {
  /** Text items (pdf.js text runs) in the whole document. */
  maxTextItems: 1_000_000,
  /** Text items on one page: 250 times the most of any corpus page. A page of 10,000 words set
   *  apart from each other (each word and each gap a piece) reaches it, where a full page of text
   *  holds about 700 words. Reaching it takes a few seconds (forms drawn inside forms,
   *  test/pdf/hostile.test.ts), so a PDF built to be slow is refused soon. */
  maxPageItems: 20_000,
  /** Characters of text in the whole document. */
  maxTextChars: 16_000_000,
  /** Bytes one stream may decode to (Flate and the other filters; see budget.ts). */
  maxStreamBytes: 32 * 1024 * 1024,
  /** Bytes all streams of the document may decode to, counting each buffer pdf.js allocates. */
  maxDecodedBytes: 256 * 1024 * 1024,
} as const;

/** Longest time one PDF may take to read, in the worker (isolated.ts), before it is ended. */
export const PDF_TIME_LIMIT_MS = 30_000;

/** V8 heap (old generation) of the PDF worker, in MB: over it the worker is ended. */
export const PDF_HEAP_MB = 512;

/** The start of every too-complex message: what the user reads first. */
export const TOO_COMPLEX = 'This PDF is too complex to read as a letter';
