/**
 * The guideline knowledge base: what a cited page, section or regulation is about, with sources.
 *
 * The facts are data (`server/knowledge/*.json`, one file per guideline edition, described by
 * `server/knowledge/knowledge.schema.json`). This folder types them (`types`), reads files against
 * the schema (`validate`, `schema`), merges a user's file over the bundled base (`bundled`,
 * `merge`), answers lookups by guideline, edition and locator (`lookup`, `names`), works out a
 * letter's era (`era`) and puts facts in words (`render`).
 */
export * from './types';
export { bundledKnowledge, bundledKnowledgeErrors, bundledKnowledgeFiles } from './bundled';
export { validateKnowledge } from './validate';
export { mergeKnowledge, locatorKey } from './merge';
export { keysAgree, labelKey, nameKey, topicsAgree } from './names';
export {
  documentForLabel, documentsOf, findDocument, isStatable, knownSectionKeys, limitsOf, lookupChapter, lookupNonMtus,
  lookupPage, lookupProcedure, lookupRegulation, lookupSection, parseRegulationText,
} from './lookup';
export type { RegulationMatch } from './lookup';
export { cpmtgEditionFor, eraById, eraOf, letterEra } from './era';
export type { LetterEra } from './era';
export { entryPlace, formatLimit, limitPhrase, pagesText } from './render';
