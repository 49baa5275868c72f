/**
 * The letter parser (see document.ts for the contract and letter.ts for the steps).
 */
export { parseDocument, parseDocumentAgain, parseDocumentSteps, parseLetter, runSteps } from './document';
export type { LocalLetter, ParsedDocument, TextChange } from './document';
export { parsePartial } from './partial';
export { blockTextHash, blockTextStart } from './blocks';
