/**
 * Reading letters from PDFs: `extractPdfText(bytes)` gives pdftotext-like text (a form feed after
 * every page) or a failure with a message for a person. pdf.js is loaded on the first call.
 *
 * Hosts (server, CLI) do not import this module: they read PDFs through `readPdfIsolated()`
 * (./isolated), which runs this bundle (dist/pdf.js, or this module in the tsc output) as a child
 * process with time and memory limits; run that way, ./worker answers its requests.
 */
import './worker';

export { extractPdfText, DEFAULT_MAX_PDF_BYTES, DEFAULT_MAX_PDF_PAGES } from './extract';
export { PDF_LIMITS, PDF_TIME_LIMIT_MS, PDF_HEAP_MB, TOO_COMPLEX } from './limits';
export type { PdfTextOptions, PdfTextResult, PdfTextOk, PdfTextFailure, PdfFailureCode } from './extract';
export { layoutPage, joinPages } from './layout';
export type { TextRun } from './layout';
