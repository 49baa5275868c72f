/**
 * A user's request vocabulary file (setting `imr.vocabularyFile`, CLI `--vocabulary FILE`): read,
 * validated and merged over the bundled vocabulary. Read once per path and modification time;
 * problems come back as messages, never thrown, and the valid parts are still used.
 */
import { readRegularFileSync, refusedPath } from '../io';
import { jsonErrorPlace } from '../json-place';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bundledVocabulary, mergeVocabulary, validateVocabulary, Vocabulary } from '../core';

export interface LoadedVocabulary {
  vocabulary: Vocabulary;
  /** Problems with the file, as `path: message` (empty when it is fine). */
  errors: string[];
}

const cache = new Map<string, { mtimeMs: number; loaded: LoadedVocabulary }>();

/** Resolves `~` and, for a relative path, the first of `roots` (else the working directory). */
export function resolveVocabularyPath(setting: string, roots: readonly string[] = []): string {
  const s = setting.trim();
  const expanded = s.startsWith('~') ? path.join(os.homedir(), s.slice(1)) : s;
  if (path.isAbsolute(expanded)) return expanded;
  return roots[0] ? path.join(roots[0], expanded) : path.resolve(expanded);
}

const MAX_VOCABULARY_BYTES = 4 * 1024 * 1024;

/** The vocabulary for a file path ('' or undefined: the bundled one). Synchronous: workers use it too. */
export function loadVocabularyFile(file: string | undefined): LoadedVocabulary {
  if (!file || !file.trim()) return { vocabulary: bundledVocabulary(), errors: [] };
  const refused = refusedPath(file);
  if (refused) return { vocabulary: bundledVocabulary(), errors: [`${file} ${refused}; the bundled vocabulary is used`] };
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch {
    return { vocabulary: bundledVocabulary(), errors: [`${file} was not found; the bundled vocabulary is used`] };
  }
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.loaded;
  let loaded: LoadedVocabulary;
  try {
    // Only a regular file of at most 4 MB, opened without blocking (a FIFO or device is refused).
    const read = readRegularFileSync(file, { maxBytes: MAX_VOCABULARY_BYTES, localOnly: true });
    if (!read.ok) throw new Error(read.reason);
    const text = Buffer.from(read.bytes).toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // JSON.parse's own message quotes the text it failed on: report where, never what.
      const place = jsonErrorPlace(text);
      throw new Error(`not valid JSON${place ? `: ${place}` : ''}`);
    }
    const v = validateVocabulary(json);
    loaded = {
      vocabulary: v.file ? mergeVocabulary(bundledVocabulary(), v.file) : bundledVocabulary(),
      errors: v.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)),
    };
  } catch (e) {
    loaded = { vocabulary: bundledVocabulary(), errors: [`cannot be read as JSON (${e instanceof Error ? e.message : String(e)})`] };
  }
  cache.set(file, { mtimeMs, loaded });
  return loaded;
}
