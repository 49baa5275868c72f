/**
 * Turns command-line style inputs (files, folders, glob patterns) into the list of letter files to
 * read: folders are walked recursively for .txt, .imr and .pdf files; patterns are expanded with
 * tinyglobby. Missing inputs are reported, not thrown.
 *
 * Symbolic links: one rule for folders and patterns, neither follows them (a link to a file or a
 * folder found while walking or matching is skipped), so nothing outside the folder or pattern is
 * read; a link named itself as an INPUT is read.
 *
 * A name found in a folder that is not valid UTF-8 is kept as its raw bytes (a Buffer path), so
 * the file is read; messages show it with io.ts's displayPath. (Names given as arguments or in a
 * pattern reach Node already decoded as UTF-8: such a file is found by naming its folder.)
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { glob } from 'tinyglobby';
import { FilePath, joinName } from '../io';

export const LETTER_EXTENSIONS = ['.txt', '.imr', '.pdf'];
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface Inputs {
  files: FilePath[];
  /** Inputs that matched nothing, with the reason. */
  missing: { input: string; reason: string }[];
}

/** Whether an input is a glob pattern (tinyglobby's syntax). */
export function isPattern(s: string): boolean {
  return /[*?[\]{}]/.test(s);
}

async function walk(dir: FilePath, out: FilePath[]): Promise<void> {
  let entries;
  try {
    // Names as bytes: a name that is not valid UTF-8 would otherwise come back changed, and missing.
    entries = await fs.readdir(dir, { withFileTypes: true, encoding: 'buffer' });
  } catch {
    return;
  }
  entries.sort((a, b) => Buffer.compare(a.name, b.name));
  // `path.join(dir, name)` for a name of this folder: the folder's part, normalised once (a
  // folder's entry holds no separator and is never `.` or `..`, so joining adds it as it is).
  const prefix = typeof dir === 'string' ? path.join(dir, 'a').slice(0, -1) : null;
  for (const e of entries) {
    // Dirent types come from lstat: a symbolic link is neither a directory nor a file here.
    const isDir = e.isDirectory();
    if (!isDir && !e.isFile()) continue;
    // The extension's bytes are ASCII, read alike in any decoding (decoding never joins an ASCII
    // byte into another character).
    const name = e.name.toString('utf8');
    if (isDir) {
      if (!SKIP_DIRS.has(name)) await walk(nameIn(dir, prefix, e.name, name), out);
    } else if (LETTER_EXTENSIONS.includes(path.extname(name).toLowerCase())) {
      out.push(nameIn(dir, prefix, e.name, name));
    }
  }
}

/** `joinName(dir, raw)`, with `text` the name decoded: the folder's `prefix` and the text when the
 *  name is valid UTF-8 (decoding made no replacement character), else as `joinName` makes it. */
function nameIn(dir: FilePath, prefix: string | null, raw: Buffer, text: string): FilePath {
  return prefix !== null && !text.includes('\ufffd') ? prefix + text : joinName(dir, raw);
}

export async function collectInputs(inputs: readonly string[]): Promise<Inputs> {
  const files: FilePath[] = [];
  const missing: Inputs['missing'] = [];
  for (const input of inputs) {
    let stat;
    try {
      stat = await fs.stat(input);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      const before = files.length;
      await walk(input, files);
      if (files.length === before) missing.push({ input, reason: 'folder holds no .txt, .imr or .pdf files' });
    } else if (stat) {
      files.push(input);
    } else if (input === '-') {
      // The usual name for standard input, which is not read: letters are files.
      missing.push({ input, reason: 'standard input is not read: name the letter files instead (save piped text to a file first; a file named "-" is ./-)' });
    } else if (isPattern(input)) {
      const matches = (await glob(input, { onlyFiles: true, dot: false, expandDirectories: false, followSymbolicLinks: false })).sort();
      if (matches.length === 0) missing.push({ input, reason: 'pattern matched no files' });
      for (const m of matches) files.push(m); // may be very many: no argument spreading
    } else {
      files.push(input); // reported as missing when read, in order
    }
  }
  return { files, missing };
}
