/**
 * Which files the letter library indexes: `.txt`, `.imr` and `.pdf` files under the workspace
 * folders that match the `imr.library.include` globs and none of the `imr.library.exclude` globs
 * (globs relative to the workspace folder, `**` for any depth, as VS Code's `files.exclude`).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import picomatch from 'picomatch';

export const LIBRARY_EXTENSIONS = ['.txt', '.imr', '.pdf'];

/** Folders never walked, whatever the globs say. */
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface LibraryScope {
  readonly roots: readonly string[];
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

export interface FoundFile {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

export class ScopeMatcher {
  private readonly includes: ((p: string) => boolean)[];
  private readonly excludes: ((p: string) => boolean)[];

  constructor(readonly scope: LibraryScope) {
    const compile = (globs: readonly string[]) =>
      globs.filter((g) => typeof g === 'string' && g.trim()).map((g) => picomatch(g.trim(), { dot: true, nocase: process.platform === 'win32' }));
    this.includes = compile(scope.include);
    this.excludes = compile(scope.exclude);
  }

  /** The workspace folder holding a path, or null. */
  rootOf(file: string): string | null {
    let best: string | null = null;
    for (const r of this.scope.roots) {
      const rel = path.relative(r, file);
      if (rel && !rel.startsWith('..') && !path.isAbsolute(rel) && (!best || r.length > best.length)) best = r;
    }
    return best;
  }

  /** Is this file (absolute path) one the library indexes? */
  covers(file: string): boolean {
    if (!LIBRARY_EXTENSIONS.includes(path.extname(file).toLowerCase())) return false;
    const root = this.rootOf(file);
    if (!root) return false;
    const rel = path.relative(root, file).split(path.sep).join('/');
    if (rel.split('/').some((part) => SKIP_DIRS.has(part))) return false;
    if (this.includes.length > 0 && !this.includes.some((m) => m(rel))) return false;
    return !this.excludes.some((m) => m(rel));
  }

  /** Is a folder (absolute path) excluded as a whole? Saves walking it. */
  excludesFolder(dir: string): boolean {
    const root = this.rootOf(dir);
    if (!root) return false;
    const rel = path.relative(root, dir).split(path.sep).join('/');
    return this.excludes.some((m) => m(rel) || m(`${rel}/`));
  }

  /**
   * Every file in scope, depth first in name order, texts and PDFs alike. Unreadable folders are
   * skipped; `shouldStop` is asked between folders.
   */
  async walk(shouldStop: () => boolean = () => false): Promise<FoundFile[]> {
    const out: FoundFile[] = [];
    const seen = new Set<string>();
    const visit = async (dir: string): Promise<void> => {
      if (shouldStop()) return;
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
          if (!SKIP_DIRS.has(e.name) && !this.excludesFolder(p)) await visit(p);
        } else if (e.isFile() && this.covers(p) && !seen.has(p)) {
          seen.add(p);
          try {
            const st = await fs.stat(p);
            out.push({ path: p, size: st.size, mtimeMs: st.mtimeMs });
          } catch {
            // Gone since the listing: nothing to index.
          }
        }
      }
    };
    for (const r of this.scope.roots) await visit(r);
    return out;
  }
}
