/**
 * The letter library, pure: which letter a text is (`identity`), what the library keeps of a
 * letter (`entries`), reference keys of citations (`keys`), fuzzy matching, similar requests,
 * groupings, and the in-memory `Library` that answers questions across letters.
 */
export * from './identity';
export * from './same-letter';
export * from './sources';
export { libraryLetters, closingSentence, guidelineTitle, shareStrings } from './entries';
export type { LibraryLetter, LibraryItem, LibraryCitation, LibraryProblem } from './entries';
export { citationKeys, locatorKeys, guidelineKey, isGuidelineKey } from './keys';
export { fuzzyScore, prepareQuery, charMask, wordStartMask, firstCharBit } from './fuzzy';
export { requestFeatures, featureSimilarity, idf, MIN_SIMILARITY, SAME_CITATION_BONUS } from './similar';
export { GROUPERS, grouperById } from './grouping';
export type { Grouper, GroupKey } from './grouping';
export { Library, MAX_SYMBOLS } from './library';
export type {
  LibrarySource, LibraryEntry, FileEntry, SymbolHit, SearchHit, Reference, SimilarHit, GroupSummary, TreeItem, TreeLetter, LibraryStats,
} from './library';
