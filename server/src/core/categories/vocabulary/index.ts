/**
 * The request vocabulary: the words that tell what a disputed item asks for (its category in the
 * style of the DWC's IMR reports, the drug and its class, the body part). It is data
 * (`server/knowledge/vocabulary/request-vocabulary.json`, described by
 * `request-vocabulary.schema.json` beside it); this module types it, validates a user's file
 * (errors come back as data, nothing here throws), merges a user's file over the bundled one and
 * compiles the phrases into an index the classifier reads in one pass over a request's words.
 *
 * types.ts the format and the compiled form, words.ts the words and the phrase index, validate.ts
 * the checks, compile.ts the compiling and the merge, bundled.ts the bundled file.
 */
export * from './types';
export { PhraseIndex, words } from './words';
export { validateVocabulary } from './validate';
export { compileVocabulary, mergeVocabulary } from './compile';
export { bundledVocabulary, bundledVocabularyErrors, bundledVocabularyFile } from './bundled';
