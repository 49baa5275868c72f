/**
 * Citations: finding them in a letter (`scan`), what they point to in the knowledge base
 * (`resolve`), and putting them in words (`render`).
 */
export * from './types';
export { findCitations } from './scan';
export { citationAt, countByKind } from './query';
export { MAX_PAGES, pageEntries, resolveCitation, resolveLocator, resolveOne, topicOfLocator } from './resolve';
export type {
  CitationResolution, LocatorResolution, PageResolution, RegulationResolution, SectionResolution, TopicResolution,
} from './resolve';
export { citationLine, docTitle, locatorText, regulationRef } from './render';
