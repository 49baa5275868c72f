/**
 * The text of PDF letters, kept on disk so a second start does not read the PDFs again.
 *
 * One file per PDF in the cache folder the client names (VS Code: the extension's global storage;
 * the command line: `imr --cache DIR`, through io.ts), named by a hash of the PDF's path; it holds the PDF's size and modification time and its text.
 * An entry is used only when size and modification time still match, and is rewritten when they
 * do not. The folder and its files are created readable by the user only (the text is a letter's,
 * with health information). Without a cache folder nothing is written and PDFs are read each start.
 * Failures to read or write the cache are not errors: the PDF is read instead.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** Changes when the text a PDF gives may change (the PDF reader's layout), so old entries are not used. */
const FORMAT = 'imr-pdf-text 1';

export interface CachedPdfText {
  readonly text: string;
}

export class PdfTextCache {
  hits = 0;
  misses = 0;

  constructor(readonly dir: string) {}

  private fileFor(pdf: string): string {
    return path.join(this.dir, `${createHash('sha256').update(pdf).digest('hex').slice(0, 32)}.txt`);
  }

  /** The cached text of `pdf`, when its size and modification time are those given. */
  get(pdf: string, size: number, mtimeMs: number): string | null {
    let raw: string;
    try {
      raw = fs.readFileSync(this.fileFor(pdf), 'utf8');
    } catch {
      this.misses++;
      return null;
    }
    const nl = raw.indexOf('\n');
    if (nl > 0) {
      try {
        const head = JSON.parse(raw.slice(0, nl)) as { format?: string; path?: string; size?: number; mtimeMs?: number };
        if (head.format === FORMAT && head.path === pdf && head.size === size && head.mtimeMs === mtimeMs) {
          this.hits++;
          return raw.slice(nl + 1);
        }
      } catch {
        // A damaged entry: read the PDF again and rewrite it.
      }
    }
    this.misses++;
    return null;
  }

  set(pdf: string, size: number, mtimeMs: number, text: string): void {
    try {
      fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const file = this.fileFor(pdf);
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, `${JSON.stringify({ format: FORMAT, path: pdf, size, mtimeMs })}\n${text}`, { mode: 0o600 });
      fs.renameSync(tmp, file);
    } catch {
      // No cache this time: the PDF is read again on the next start.
    }
  }

  /** Forgets a PDF that was deleted. */
  delete(pdf: string): void {
    try {
      fs.unlinkSync(this.fileFor(pdf));
    } catch {
      // Not cached.
    }
  }
}
