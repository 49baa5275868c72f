/**
 * Turns command-line style inputs (files, folders, glob patterns) into the list of letter files to
 * read: folders are walked recursively for .txt, .imr and .pdf files; patterns are expanded with
 * tinyglobby. Missing inputs are reported, not thrown.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { glob } from 'tinyglobby';

export const LETTER_EXTENSIONS = ['.txt', '.imr', '.pdf'];
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface Inputs {
  files: string[];
  /** Inputs that matched nothing, with the reason. */
  missing: { input: string; reason: string }[];
}

function isPattern(s: string): boolean {
  return /[*?[\]{}]/.test(s);
}

async function walk(dir: string, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) await walk(p, out);
    } else if (e.isFile() && LETTER_EXTENSIONS.includes(path.extname(e.name).toLowerCase())) {
      out.push(p);
    }
  }
}

export async function collectInputs(inputs: readonly string[]): Promise<Inputs> {
  const files: string[] = [];
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
    } else if (isPattern(input)) {
      const matches = (await glob(input, { onlyFiles: true, dot: false, expandDirectories: false })).sort();
      if (matches.length === 0) missing.push({ input, reason: 'pattern matched no files' });
      for (const m of matches) files.push(m); // may be very many: no argument spreading
    } else {
      files.push(input); // reported as missing when read, in order
    }
  }
  return { files, missing };
}
