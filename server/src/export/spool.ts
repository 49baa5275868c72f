/**
 * Serialized records held until every file is read (to write each letter once, the extraction must
 * know every file's letters first). The first 16 MB stay in memory; the rest go to a temporary
 * file readable by the user only, deleted when the run ends, so memory stays flat over any number
 * of letters.
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
      this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-extract-'));
      fs.chmodSync(this.dir, 0o700);
      this.fd = fs.openSync(path.join(this.dir, 'records'), 'w+', 0o600);
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

  /** Deletes the temporary file, if one was made. */
  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    this.fd = null;
    this.dir = null;
  }
}
