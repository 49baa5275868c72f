/** A document's analysis, version by version (see `document.ts`). */
export { DocumentAnalysis } from './document';
export { DEFAULT_MAX_DOCUMENT_SIZE, MAX_OUTLINE_NODES } from './types';
export type { DiagnosticSettings, DocumentSummary, LetterOutline, SizeGate } from './types';
export { compose } from './change';
export { slot } from './facts';
export type { Slot } from './facts';
export { detach, detachString } from './detach';
