/** The bundled request vocabulary (`server/knowledge/vocabulary/request-vocabulary.json`), validated and compiled once. */
import bundledJson from '../../../../knowledge/vocabulary/request-vocabulary.json';
import { compileVocabulary } from './compile';
import type { Vocabulary, VocabularyError } from './types';
import { validateVocabulary } from './validate';


let bundled: { vocabulary: Vocabulary; errors: VocabularyError[] } | null = null;

/** The bundled vocabulary, validated and compiled once. */
export function bundledVocabulary(): Vocabulary {
  return loadBundled().vocabulary;
}

/** Validation errors in the bundled file (empty when the data is sound; the tests check). */
export function bundledVocabularyErrors(): readonly VocabularyError[] {
  return loadBundled().errors;
}

/** The bundled file as shipped. */
export function bundledVocabularyFile(): unknown {
  return bundledJson;
}

function loadBundled(): { vocabulary: Vocabulary; errors: VocabularyError[] } {
  if (bundled) return bundled;
  const v = validateVocabulary(bundledJson, { bundled: true });
  bundled = { vocabulary: compileVocabulary(v.file ?? { schemaVersion: 1 }), errors: v.errors };
  return bundled;
}

