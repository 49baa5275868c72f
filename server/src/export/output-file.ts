/**
 * Files that hold letters' data, written beside their final name: the temporary name, its creation
 * (exclusive, never through a link, mode 0600), the removal of what killed runs left, and the
 * output folder's creation. Shared by Extract All (lsp/extract.ts) and `imr extract --format
 * parquet` (parquet/tables.ts).
 */
import { randomBytes } from 'crypto';
import * as fsSync from 'fs';
import { constants as fsConstants, promises as fs } from 'fs';
import * as path from 'path';
import { describeFsError } from '../io';

/** Create the file, fail if anything (a file, a link) is already at the name, never follow a link. */
export const CREATE_EXCLUSIVE = fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL | (fsConstants.O_NOFOLLOW ?? 0);

/** `.<name>.<pid>.<random>.partial` beside the output: the pid tells a later run whether its writer still runs. */
export function partialName(output: string): string {
  return path.join(path.dirname(output), `.${path.basename(output)}.${process.pid}.${randomBytes(8).toString('hex')}.partial`);
}

/** Creates a temporary file (partialName) exclusively, readable and writable by the user only; its descriptor. */
export function createPartialSync(file: string): number {
  const fd = fsSync.openSync(file, CREATE_EXCLUSIVE, 0o600);
  try {
    // The mode given to open is reduced by the umask; never more than 0600, and exactly that here.
    fsSync.fchmodSync(fd, 0o600);
  } catch (e) {
    fsSync.closeSync(fd);
    fsSync.rmSync(file, { force: true });
    throw e;
  }
  return fd;
}

/**
 * Removes temporary files that earlier runs writing `output` left when they were killed: those
 * whose process is gone (this naming, and the `.<name>.<pid>.partial` of earlier versions).
 * Files of runs still going (another window writing the same file) are left alone.
 */
export async function removeStalePartials(output: string): Promise<string[]> {
  const dir = path.dirname(output);
  const base = path.basename(output);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  const prefix = `.${base}.`;
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.partial')) continue;
    const m = /^(\d+)(?:\.[0-9a-f]{16})?$/.exec(name.slice(prefix.length, -'.partial'.length));
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || processRuns(pid)) continue;
    const file = path.join(dir, name);
    const st = await fs.lstat(file).catch(() => null);
    if (!st || !(st.isFile() || st.isSymbolicLink())) continue;
    await fs.rm(file, { force: true }).catch(() => undefined);
    removed.push(file);
  }
  return removed;
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Creates an output folder and the folders above it that are missing, one at a time, or says in
 * words why it cannot: null when the folder is there. Not `mkdir -p` (fs.mkdirSync's `recursive`):
 * where the system answers "no such file" for a name in a folder that exists (/proc, /sys), that
 * retries the parent forever.
 */
export function makeFolderSync(dir: string): string | null {
  const missing: string[] = [];
  let at = path.resolve(dir);
  for (;;) {
    let st: fsSync.Stats;
    try {
      st = fsSync.statSync(at);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const parent = path.dirname(at);
      if ((code === 'ENOENT' || code === 'ENOTDIR') && parent !== at) {
        missing.push(at);
        at = parent;
        continue;
      }
      return `${at} ${describeFsError(e)}`;
    }
    if (!st.isDirectory()) return `${at} is a file, not a folder`;
    break;
  }
  for (let i = missing.length - 1; i >= 0; i--) {
    try {
      fsSync.mkdirSync(missing[i]);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && fsSync.statSync(missing[i], { throwIfNoEntry: false })?.isDirectory()) continue;
      return `the folder ${missing[i]} could not be created (${code === 'EEXIST' ? 'a file is in the way' : code === 'ENOENT' ? 'folders cannot be created there' : describeFsError(e)})`;
    }
  }
  return null;
}
