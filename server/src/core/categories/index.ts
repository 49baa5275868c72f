/** Request categories: what each disputed item asks for, from the request vocabulary (data). */
export { classifyRequest, classifyItems, categoryLabel, drugClassLabel } from './classify';
export type { RequestFacts, CategoryBasis } from './classify';
export { readQuantity, formatQuantity } from './quantity';
export type { Quantity } from './quantity';
export {
  bundledVocabulary, bundledVocabularyErrors, bundledVocabularyFile, validateVocabulary, mergeVocabulary, compileVocabulary, words,
  VOCABULARY_SCHEMA_VERSION, OTHER_CATEGORY, TOPICAL_CLASS,
} from './vocabulary';
export type { Vocabulary, VocabularyFile, VocabularyError, VocabularySource, CategoryDef, DrugClassDef, DrugDef, BodyPartDef } from './vocabulary';
export { describeRequestFacts } from './describe';
export type { FactLine } from './describe';
