/**
 * Reading letters from PDFs: `extractPdfText(bytes)` gives pdftotext-like text (a form feed after
 * every page) or a failure with a message for a person. pdf.js is loaded on the first call.
 */
export { extractPdfText, DEFAULT_MAX_PDF_BYTES, DEFAULT_MAX_PDF_PAGES } from './extract';
export type { PdfTextOptions, PdfTextResult, PdfTextOk, PdfTextFailure, PdfFailureCode } from './extract';
export { layoutPage, joinPages } from './layout';
export type { TextRun } from './layout';
