/**
 * The workspace index: the letter library of the workspace folders, built in the background and
 * kept current as files change.
 *
 * A build walks the folders (`scope.ts`), forgets files no longer there or in scope, then reads
 * every text file whose size or modification time changed (all of them the first time), then the
 * PDFs, whose text comes from the cache (`pdf-cache.ts`) when it is still valid. Work is done in
 * slices of a few milliseconds with the event loop free between them, so requests are answered
 * while the index builds (from what is indexed so far). Many text files are read and parsed on
 * worker threads (`index-worker.ts`, one per core, at most two), their entries taken in the order
 * of the files; if a worker cannot start or fails, the rest is read here. Only entries are kept
 * (`libraryLetters`), never a letter's text. A new build (settings changed) stops the one under way.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { Knowledge, Library, LibraryLetter, plural, shareStrings } from '../core';
import { hasPdfName, readPdfBytes } from '../io';
import type { IndexTask, IndexTaskResult } from './index-worker';
import { PdfTextCache } from './pdf-cache';
import { entriesOf, readTextEntries, TextEntries } from './read-text';
import { FoundFile, LibraryScope, ScopeMatcher } from './scope';

export interface Progress {
  report(percentage: number, message: string): void;
  done(): void;
}

export interface IndexHost {
  /** The knowledge base the entries are read with (guideline titles, editions). */
  kb(): Promise<Knowledge>;
  /** A progress report shown to the user (work-done progress); may do nothing. */
  progress(title: string): Promise<Progress>;
  /** The library changed (files indexed, changed or removed). */
  changed(): void;
  log(message: string): void;
}

export interface IndexOptions {
  /** Largest file read, in bytes (larger ones are left out and logged). */
  maxBytes?: number;
  /** Where PDF text is cached; null for no cache. */
  cache?: PdfTextCache | null;
  /** Milliseconds of work between two yields to the event loop. */
  sliceMs?: number;
  /** Worker threads reading text files (default: one per core, at most two; 0 reads them here). */
  workers?: number;
  /** Fewest text files to read for workers to be started (default 200). */
  workerMinFiles?: number;
}

export type IndexState = 'idle' | 'indexing' | 'ready';

export type FileChange = { path: string; type: 'created' | 'changed' | 'deleted' };

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/** Text files sent to a worker at a time. */
const BATCH = 24;

export class WorkspaceIndex {
  readonly library = new Library();
  state: IndexState = 'idle';
  /** Files that could not be read, with why (kept for the status; they are retried when they change). */
  readonly failures = new Map<string, string>();
  private matcher: ScopeMatcher | null = null;
  private generation = 0;
  private building: Promise<void> = Promise.resolve();
  private readonly maxBytes: number;
  readonly cache: PdfTextCache | null;
  private readonly sliceMs: number;
  private readonly workers: number;
  private readonly workerMinFiles: number;
  /** How many text files the last build read on worker threads (tests, logs). */
  readByWorkers = 0;
  /** Keep the diagnostics of each text file's letters (the Problems view shows them). */
  private problems = false;

  constructor(
    private readonly host: IndexHost,
    options: IndexOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.cache = options.cache ?? null;
    this.sliceMs = options.sliceMs ?? 12;
    const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
    this.workers = Math.max(0, options.workers ?? Math.min(2, cores));
    this.workerMinFiles = options.workerMinFiles ?? 200;
  }

  /** Resolves when the build under way (if any) has finished or was stopped. */
  whenBuilt(): Promise<void> {
    return this.building;
  }

  /** Is this file one the library indexes (in a workspace folder, matching the globs)? */
  covers(file: string): boolean {
    return this.matcher?.covers(file) ?? false;
  }

  /**
   * (Re)builds the index for a scope; a build under way stops at its next slice. With `problems`,
   * text files keep their letters' diagnostics (turning it on or off reads them again).
   */
  rebuild(scope: LibraryScope, options: { problems?: boolean } = {}): Promise<void> {
    const gen = ++this.generation;
    this.problems = options.problems === true;
    this.matcher = new ScopeMatcher(scope);
    this.building = this.run(gen, this.matcher).catch((e) => {
      this.host.log(`Letter library: indexing failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    });
    return this.building;
  }

  /** Stops any build and forgets every file (the library was turned off). */
  clear(): void {
    this.generation++;
    this.matcher = null;
    for (const p of [...this.library.paths()]) this.library.delete(p);
    this.failures.clear();
    this.state = 'idle';
    this.host.changed();
  }

  private async run(gen: number, matcher: ScopeMatcher): Promise<void> {
    const stopped = () => gen !== this.generation;
    this.state = 'indexing';
    this.host.changed();
    const progress = await this.host.progress('Indexing IMR letters');
    try {
      const found = await matcher.walk(stopped);
      if (stopped()) return;
      const present = new Set(found.map((f) => f.path));
      for (const p of [...this.library.paths()]) if (!present.has(p)) this.library.delete(p);
      for (const p of [...this.failures.keys()]) if (!present.has(p)) this.failures.delete(p);
      const todo = found.filter((f) => !this.current(f));
      // Texts first (fast), then PDFs (pdf.js, unless cached).
      const texts = todo.filter((f) => !hasPdfName(f.path));
      const pdfs = todo.filter((f) => hasPdfName(f.path));
      const kb = await this.host.kb();
      const total = todo.length;
      let done = 0;
      let lastReport = 0;
      const report = (what: string) => {
        const now = Date.now();
        if (now - lastReport < 200 && done < total) return;
        lastReport = now;
        progress.report(total ? Math.floor((done / total) * 100) : 100, `${done} of ${total} files (${what})`);
      };
      let sliceStart = Date.now();
      const breathe = async () => {
        if (Date.now() - sliceStart < this.sliceMs) return;
        this.host.changed();
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceStart = Date.now();
      };
      let next = 0;
      this.readByWorkers = 0;
      if (this.workers > 0 && texts.length >= this.workerMinFiles) {
        const script = workerScript();
        if (script) {
          next = await this.indexInWorkers(script, texts, stopped, (f, r) => {
            this.take(f, r);
            done++;
            report('texts');
          }).catch((e) => {
            this.host.log(`Letter library: worker threads failed (${e instanceof Error ? e.message : String(e)}); reading the rest here.`);
            return done;
          });
          this.readByWorkers = next;
        }
      }
      for (const f of texts.slice(next)) {
        if (stopped()) return;
        this.indexText(f, kb);
        done++;
        report('texts');
        await breathe();
      }
      this.host.changed();
      for (const f of pdfs) {
        if (stopped()) return;
        await this.indexPdf(f, kb);
        done++;
        report('PDFs');
        await breathe();
      }
      const s = this.library.stats();
      this.host.log(
        `Letter library: ${plural(s.letters, 'letter')} (${s.sources} read from ${plural(s.files, 'file')}; ${plural(total, 'file')} read this time` +
          `${this.cache ? `, PDF text cache ${this.cache.hits} hits, ${this.cache.misses} misses` : ''}).`,
      );
    } finally {
      progress.done();
      if (!stopped()) {
        this.state = 'ready';
        this.host.changed();
      }
    }
  }

  /**
   * Applies file events (from the client's file watcher): changed and created files are read
   * again, deleted ones forgotten (a deleted folder forgets every file under it).
   */
  async update(changes: readonly FileChange[]): Promise<void> {
    if (!this.matcher) return;
    const kb = await this.host.kb();
    let touched = false;
    for (const c of changes) {
      if (c.type === 'deleted') {
        touched = this.library.delete(c.path) || touched;
        touched = this.library.deleteUnder(c.path, path.sep) > 0 || touched;
        this.failures.delete(c.path);
        if (hasPdfName(c.path)) this.cache?.delete(c.path);
        continue;
      }
      if (!this.matcher.covers(c.path)) continue;
      let st: fs.Stats;
      try {
        st = fs.statSync(c.path);
      } catch {
        touched = this.library.delete(c.path) || touched;
        continue;
      }
      if (!st.isFile()) continue;
      const f: FoundFile = { path: c.path, size: st.size, mtimeMs: st.mtimeMs };
      if (this.current(f)) continue;
      if (hasPdfName(f.path)) await this.indexPdf(f, kb);
      else this.indexText(f, kb);
      touched = true;
    }
    if (touched) this.host.changed();
  }

  private indexText(f: FoundFile, kb: Knowledge): void {
    const r = readTextEntries(f.path, f.size, this.maxBytes, kb, this.problems);
    if (!r.ok) return this.fail(f, r.reason);
    this.put(f, r.letters);
  }

  /** A worker's result for a file. */
  private take(f: FoundFile, r: TextEntries): void {
    if (!r.ok) return this.fail(f, r.reason);
    this.put(f, r.letters.map(shareStrings));
  }

  /**
   * Reads text files on worker threads, handing each file's result to `take` in the files' order.
   * Resolves with how many files were taken (all of them, or fewer when the build was stopped);
   * rejects when a worker fails (the files not taken are then read by the caller).
   */
  private indexInWorkers(
    script: string,
    files: readonly FoundFile[],
    stopped: () => boolean,
    take: (f: FoundFile, r: TextEntries) => void,
  ): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const workers: Worker[] = [];
      const batches = Math.ceil(files.length / BATCH);
      const results = new Map<number, TextEntries[]>();
      let sent = 0;
      let taken = 0;
      let settled = false;
      const finish = (error?: unknown) => {
        if (settled) return;
        settled = true;
        for (const w of workers) void w.terminate();
        if (error !== undefined) reject(error);
        else resolve(taken);
      };
      const send = (w: Worker) => {
        if (sent >= batches || stopped()) return;
        const id = sent++;
        const task: IndexTask = { id, maxBytes: this.maxBytes, problems: this.problems, files: files.slice(id * BATCH, (id + 1) * BATCH).map((f) => ({ path: f.path, size: f.size })) };
        w.postMessage(task);
      };
      const count = Math.min(this.workers, batches);
      for (let i = 0; i < count; i++) {
        let w: Worker;
        try {
          w = new Worker(script);
        } catch (e) {
          return finish(e);
        }
        workers.push(w);
        w.on('error', (e) => finish(e));
        w.on('exit', (code) => {
          if (!settled) finish(new Error(`a worker stopped (exit code ${code})`));
        });
        w.on('message', (m: IndexTaskResult) => {
          if (settled) return;
          results.set(m.id, m.results);
          send(w);
          // Take the results in the files' order.
          for (let r = results.get(taken / BATCH); r && taken % BATCH === 0; r = results.get(taken / BATCH)) {
            results.delete(taken / BATCH);
            for (const one of r) {
              if (stopped()) return finish();
              take(files[taken], one);
              taken++;
            }
            this.host.changed();
          }
          if (taken >= files.length || stopped()) finish();
        });
        // Two batches in flight for each worker, so none waits for the next.
        send(w);
        send(w);
      }
    });
  }

  private async indexPdf(f: FoundFile, kb: Knowledge): Promise<void> {
    if (f.size > this.maxBytes) return this.fail(f, `is ${(f.size / 1048576).toFixed(1)} MB, over the library's limit`);
    let text = this.cache?.get(f.path, f.size, f.mtimeMs) ?? null;
    if (text === null) {
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(f.path);
      } catch (e) {
        return this.fail(f, `cannot be read (${e instanceof Error ? e.message : String(e)})`);
      }
      const read = await readPdfBytes(bytes, this.maxBytes);
      if (!read.ok) return this.fail(f, read.reason);
      text = read.text;
      this.cache?.set(f.path, f.size, f.mtimeMs, text);
    }
    this.add(f, text, kb);
  }

  private add(f: FoundFile, text: string, kb: Knowledge): void {
    this.put(f, entriesOf(text, kb));
  }

  private put(f: FoundFile, letters: LibraryLetter[]): void {
    this.failures.delete(f.path);
    this.library.set({ path: f.path, stamp: stamp(f), letters });
  }

  private fail(f: FoundFile, reason: string): void {
    this.failures.set(f.path, reason);
    // Known, with no letter: not read again until it changes.
    this.library.set({ path: f.path, stamp: stamp(f), letters: [] });
  }

  /**
   * Is the file's entry current: read at this size and time, and, for a text file while problems
   * are kept, read with them (turning the setting on reads the text files again; off, nothing).
   */
  private current(f: FoundFile): boolean {
    const e = this.library.file(f.path);
    if (!e || e.stamp !== stamp(f)) return false;
    return !this.problems || hasPdfName(f.path) || e.letters.every((l) => l.problems !== undefined);
  }
}

function stamp(f: FoundFile): string {
  return `${f.size}:${f.mtimeMs}`;
}

/** The worker script: dist/index-worker.js next to the bundled server, or index-worker.js in the tsc output. */
function workerScript(): string | null {
  const candidate = path.join(__dirname, 'index-worker.js');
  return fs.existsSync(candidate) ? candidate : null;
}
