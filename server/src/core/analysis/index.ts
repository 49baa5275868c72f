/** A document's analysis, version by version (see `document.ts`). */
export { DocumentAnalysis, DEFAULT_MAX_DOCUMENT_SIZE, MAX_OUTLINE_NODES } from './document';
export type { DiagnosticSettings, DocumentSummary, LetterOutline, SizeGate } from './document';
export { compose } from './change';
export { slot } from './facts';
export type { Slot } from './facts';
export { detach, detachString } from './detach';
