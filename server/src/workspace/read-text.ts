/**
 * One text file of the workspace read as library entries: read, decoded, parsed, and reduced to
 * what the library keeps (`libraryLetters`). Used by the index on its own thread and by its worker
 * threads (`index-worker.ts`).
 */
import * as fs from 'fs';
import { Knowledge, LibraryLetter, libraryLetters, parseDocument } from '../core';
import { decodeLetterBytes } from '../io';

export type TextEntries = { ok: true; letters: LibraryLetter[] } | { ok: false; reason: string };

export function readTextEntries(file: string, size: number, maxBytes: number, kb: Knowledge, problems = false): TextEntries {
  if (size > maxBytes) return { ok: false, reason: `is ${(size / 1048576).toFixed(1)} MB, over the library's limit` };
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    return { ok: false, reason: `cannot be read (${e instanceof Error ? e.message : String(e)})` };
  }
  const read = decodeLetterBytes(bytes);
  if (!read.ok) return { ok: false, reason: read.reason };
  return { ok: true, letters: entriesOf(read.text, kb, problems) };
}

/** The library entries of a text (none when it holds no letter); with `problems`, its diagnostics too. */
export function entriesOf(text: string, kb: Knowledge, problems = false): LibraryLetter[] {
  const letters = parseDocument(text);
  return letters.some((l) => l.isLetter) ? libraryLetters(letters, text, kb, problems) : [];
}
