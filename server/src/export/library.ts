/**
 * A letter library read from files, for the command line (`imr search`): every file read (text or
 * PDF), its letters parsed and kept as library entries, one entry per letter however many files
 * hold it. Failures are collected with their reason.
 */
import { Library, libraryLetters, parseDocument } from '../core';
import { displayPath, FilePath, readLetterFile } from '../io';

export interface LibraryRead {
  library: Library;
  failures: { file: string; reason: string }[];
}

export async function readLibrary(
  files: readonly FilePath[],
  options: { maxBytes?: number; pdfTimeLimitMs?: number; pdfCacheDir?: string; onProgress?: (done: number, total: number) => void } = {},
): Promise<LibraryRead> {
  const library = new Library();
  const failures: LibraryRead['failures'] = [];
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    const name = typeof file === 'string' ? file : displayPath(file);
    const read = await readLetterFile(file, options.maxBytes, undefined, { timeLimitMs: options.pdfTimeLimitMs, cacheDir: options.pdfCacheDir });
    if (!read.ok) failures.push({ file: name, reason: read.reason });
    else {
      const letters = parseDocument(read.text);
      if (letters.some((l) => l.isLetter)) library.set({ path: name, letters: libraryLetters(letters, read.text) });
      else failures.push({ file: name, reason: `not an IMR letter: ${letters[0].problems[0]?.message ?? 'no letter structure recognised'}` });
    }
    options.onProgress?.(i + 1, files.length);
  }
  return { library, failures };
}
