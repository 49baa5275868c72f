/** The bundled request vocabulary (`server/knowledge/vocabulary/request-vocabulary.json`), validated and compiled once. */
import bundledJson from '../../../../knowledge/vocabulary/request-vocabulary.json';
import { compileVocabulary } from './compile';
import type { Vocabulary, VocabularyError } from './types';
import { validateVocabulary } from './validate';


let bundled: Vocabulary | null = null;
let bundledErrors: VocabularyError[] | null = null;

/**
 * The bundled vocabulary, compiled once. The file is not walked with its schema here: the tests
 * check it (`bundledVocabularyErrors`), and the walk was most of a worker thread's start.
 */
export function bundledVocabulary(): Vocabulary {
  if (bundled) return bundled;
  const v = validateVocabulary(bundledJson, { bundled: true, trusted: true });
  return (bundled = compileVocabulary(v.file ?? { schemaVersion: 1 }));
}

/** Validation errors in the bundled file, its schema included (empty when the data is sound; the tests check). */
export function bundledVocabularyErrors(): readonly VocabularyError[] {
  return (bundledErrors ??= validateVocabulary(bundledJson, { bundled: true }).errors);
}

/** The bundled file as shipped. */
export function bundledVocabularyFile(): unknown {
  return bundledJson;
}

