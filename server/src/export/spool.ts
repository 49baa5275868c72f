/**
 * Serialized records held until every file is read (to write each letter once, the extraction must
 * know every file's letters first). The first 16 MB stay in memory; the rest go to a temporary
 * file readable by the user only, so memory stays flat over any number of letters.
 *
 * The records are copies of letters: nothing of them may stay on disk after the run, however it
 * ends. The file is removed from its folder (and the folder from the temp folder) as soon as it is
 * open, and is read and written through its descriptor: the system frees it when the descriptor
 * closes, at the end of the run or when the process ends, even killed. Where an open file cannot be
 * removed (Windows), the folder goes when the run ends, or at the latest when the process exits.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const MEMORY_LIMIT = 16 * 1024 * 1024;

export class Spool {
  private readonly memory: string[] = [];
  private held = 0;
  private dir: string | null = null;
  private fd: number | null = null;
  private offset = 0;
  /** For each reference past the memory: byte offset and length in the file. */
  private readonly onDisk: { offset: number; length: number }[] = [];

  constructor(private readonly limit = MEMORY_LIMIT) {}

  /** Keeps a body; returns its reference. */
  add(body: string): number {
    if (this.fd === null && this.held + body.length <= this.limit) {
      this.memory.push(body);
      this.held += body.length;
      return this.memory.length - 1;
    }
    if (this.fd === null) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-extract-'));
      fs.chmodSync(dir, 0o700);
      const file = path.join(dir, 'records');
      try {
        this.fd = fs.openSync(file, 'w+', 0o600);
      } catch (e) {
        fs.rmSync(dir, { recursive: true, force: true });
        throw e;
      }
      try {
        fs.unlinkSync(file);
        fs.rmdirSync(dir);
      } catch {
        this.dir = dir;
        closeAtExit(this);
      }
    }
    const bytes = Buffer.from(body, 'utf8');
    fs.writeSync(this.fd, bytes, 0, bytes.length, this.offset);
    this.onDisk.push({ offset: this.offset, length: bytes.length });
    this.offset += bytes.length;
    return this.memory.length + this.onDisk.length - 1;
  }

  get(ref: number): string {
    if (ref < this.memory.length) return this.memory[ref];
    const at = this.onDisk[ref - this.memory.length];
    const buf = Buffer.alloc(at.length);
    fs.readSync(this.fd!, buf, 0, at.length, at.offset);
    return buf.toString('utf8');
  }

  /** Closes the temporary file, if one was made (which frees it), and removes its folder if still there. */
  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
    stillOpen.delete(this);
  }
}

/** Spools whose folder is still on disk: closed at exit if their run did not close them. */
const stillOpen = new Set<Spool>();
let exitHook = false;

function closeAtExit(spool: Spool): void {
  stillOpen.add(spool);
  if (exitHook) return;
  exitHook = true;
  process.on('exit', () => {
    for (const open of [...stillOpen]) {
      try {
        open.close();
      } catch {
        // At exit, with nothing else to do about it.
      }
    }
  });
}
