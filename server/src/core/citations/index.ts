/**
 * Citations: finding them in a letter (`scan`), what they point to in the knowledge base
 * (`resolve`), and putting them in words (`render`).
 */
export * from './types';
export { findCitations } from './scan';
export { citationAt, countByKind, touching } from './query';
export {
  acoem3PageEntries, acoemChapterNamed, chapterEntry, MAX_PAGES, pageEntries, resolveCitation, resolveLocator, resolveOne, topicEntry,
  topicOfLocator,
} from './resolve';
export type {
  CitationResolution, LocatorResolution, PageResolution, RegulationResolution, SectionResolution, TopicResolution,
} from './resolve';
export { citationLine, docTitle, locatorText, regulationRef } from './render';
