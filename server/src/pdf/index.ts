/**
 * Reading letters from PDFs: `extractPdfText(bytes)` gives pdftotext-like text (a form feed after
 * every page) or a failure with a message for a person. pdf.js is loaded on the first call.
 *
 * Hosts (server, CLI) should not import this module directly but call `loadPdfReader()` from
 * ./load, which loads the separate dist/pdf.js bundle (or this module in the tsc output).
 */
export { extractPdfText, DEFAULT_MAX_PDF_BYTES, DEFAULT_MAX_PDF_PAGES } from './extract';
export type { PdfTextOptions, PdfTextResult, PdfTextOk, PdfTextFailure, PdfFailureCode } from './extract';
export { layoutPage, joinPages } from './layout';
export type { TextRun } from './layout';
