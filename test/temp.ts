/**
 * Temporary folders for tests (copies of letters, outputs). Each is made under the OS temp folder
 * and removed when the process that made it exits, whether its tests passed, failed or timed out;
 * a test that is done with one sooner may remove it itself. The integration suite, whose extension
 * host is not sure to exit on its own, calls `removeTempDirs` when its run ends.
 *
 * Names start with "imr-": `node scripts/test.mjs` fails a run that leaves such a folder behind.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const made = new Set<string>();
let removeOnExit = false;

/** A new empty folder named `prefix` + random characters, removed at exit at the latest. */
export function tempDir(prefix: string): string {
  if (!prefix.startsWith('imr-')) throw new Error(`temporary folders of the tests are named imr-*, not ${prefix}*`);
  if (!removeOnExit) {
    process.on('exit', removeTempDirs);
    removeOnExit = true;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/** Removes every folder `tempDir` made (and not yet removed) in this process. */
export function removeTempDirs(): void {
  for (const dir of made) {
    try {
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch (e) {
      process.stderr.write(`could not remove the temporary folder ${dir}: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  }
  made.clear();
}
