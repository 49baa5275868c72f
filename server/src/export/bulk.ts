/**
 * Bulk extraction: many letter files to one CSV / JSON Lines / JSON / Markdown stream. Files are
 * spread over worker threads (one per core, up to four) and written back in input order, with a
 * bounded number in flight, so output is deterministic and memory stays flat. Used by
 * `imr extract` and by the editor's "extract all letters" command. Failures are collected with
 * their reason; they never stop the run.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { choiceReason, groupLetters, LetterGroup, LetterSource } from '../core';
import type { ExtractDuplicate } from '../protocol';
import { displayPath, FilePath } from '../io';
import { BulkFormat, ExtractAnswer, ExtractTask, ExtractWorkerData, extractOne, FileResult, Framing, LetterProgress, OneOptions, WorkerPreload } from './one';
import { Spool } from './spool';
import { inOrder } from './in-order';

export interface BulkOptions {
  format: BulkFormat;
  bom?: boolean;
  maxBytes?: number;
  /** Longest time to read one PDF, in ms. */
  pdfTimeLimitMs?: number;
  /** A folder keeping the text of the PDFs read, for the next run (`--cache`). */
  pdfCacheDir?: string;
  /** Every diagnostic in each record's problems (slower), not only the parser's. */
  check?: boolean;
  /** A user's request vocabulary file (absolute path), merged over the bundled one. */
  vocabularyFile?: string;
  /** Worker threads; default one per core up to four; 1 works in this thread. */
  jobs?: number;
  /** Called after each file with the running counts. */
  onProgress?: (done: number, total: number, file: string) => void;
  /** Checked between files; when it returns true the run stops (and reports `cancelled`). */
  isCancelled?: () => boolean;
  /** For the `records` format: called with each file's rows of the Parquet tables, in input order. */
  onTables?: (tables: NonNullable<FileResult['tables']>, file: string) => void;
  /** For the `facts` format: called with each file's letters, in input order. */
  onFacts?: (facts: NonNullable<FileResult['facts']>, file: string) => void;
  /** For the `check` format: called with each file's problems, in input order. */
  onProblems?: (problems: NonNullable<FileResult['problems']>, file: string) => void;
  /**
   * Told before each letter of a file holding several is read, with the file's index (only when
   * the files are read on this thread: few files, or `jobs` 1).
   */
  onLetter?: (fileIndex: number, ...progress: Parameters<LetterProgress>) => void;
  /** Awaited after each file: lets a slow consumer (a pipe, a disk) push back, keeping memory flat. */
  drain?: () => Promise<void> | void;
  /**
   * One record per letter: a letter held in several files (its PDF, its pdftotext text, its
   * -layout text) is written once, from the most complete source, and its JSON record lists every
   * source (`sources`, the one used first) and why that one (`sourceReason`). Records are written
   * after every file is read, in the order of each letter's first file.
   */
  perLetter?: boolean;
}

/** A copy of a letter that was left out, and the copy used instead. */
export type Duplicate = ExtractDuplicate;

export interface BulkResult {
  /** Letters written (with `perLetter`, each letter once). */
  letters: number;
  items: number;
  /** Letters read, every file's copy counted (equal to `letters` without `perLetter`). */
  sources: number;
  failures: { file: string; reason: string }[];
  cancelled: boolean;
  /** With `perLetter`: the files (or letters of a file) left out, each with the copy used instead. */
  duplicates: Duplicate[];
}

/** Below this many files, starting workers costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 48;
/** Most files sent to a worker in one message: one message per file costs as much as a small
 *  letter's extraction. */
const MAX_BATCH = 16;
/** Batches in flight per worker: enough to keep it busy, few enough to keep memory flat. */
const BATCHES_PER_WORKER = 2;
/** Batches done but not yet written, per worker, that a run may hold: results are written in the
 *  files' order, and a worker that is ahead of the others goes on with the next batch instead of
 *  waiting for the slowest batch in flight. */
const AHEAD_PER_WORKER = 8;

/**
 * `csv` and `md` write one row per item; `jsonl` one letter record per line; `json` one array of
 * records (`json-records` writes a lone record without the array when there is exactly one file,
 * as the CLI's single-file `--format json` does).
 */
export async function extractFiles(files: readonly FilePath[], write: (chunk: string) => void, options: BulkOptions): Promise<BulkResult> {
  const result: BulkResult = { letters: 0, items: 0, sources: 0, failures: [], cancelled: false, duplicates: [] };
  const single = options.format === 'json-records' && files.length === 1;
  const perLetter = options.perLetter === true;
  const one: OneOptions = { format: options.format, maxBytes: options.maxBytes, pdfTimeLimitMs: options.pdfTimeLimitMs, pdfCacheDir: options.pdfCacheDir, check: options.check, single, perLetter, vocabularyFile: options.vocabularyFile };
  const framing = new Framing(options.format, write, { bom: options.bom, single });
  const spool = perLetter ? new Spool() : null;
  const parts: Spooled[] = [];
  const jobs = jobsFor(options.jobs);
  const pool = jobs > 1 && files.length >= MIN_FILES_FOR_WORKERS ? (takeStarted(jobs) ?? WorkerPool.start(jobs)) : null;
  if (!pool) dropStartedWorkers();
  // Files go out in batches (in this thread: one at a time), spread so every worker gets several.
  const size = pool ? Math.max(1, Math.min(MAX_BATCH, Math.floor(files.length / (jobs * 4)))) : 1;
  const batches = Math.ceil(files.length / size);
  const run = (b: number): Promise<FileResult[]> => {
    const part = files.slice(b * size, (b + 1) * size);
    const onLetter = options.onLetter;
    return pool ? pool.run(part, one) : extractOne(part[0], one, onLetter && ((done, total) => onLetter(b, done, total))).then((r) => [r]);
  };
  // A batch goes out as soon as a worker finishes one, to the worker with the fewest files in hand.
  const window = pool ? jobs * BATCHES_PER_WORKER : 1;
  const ahead = pool ? jobs * AHEAD_PER_WORKER : 1;
  let b = 0;
  try {
    batches: for await (const results of inOrder(batches, run, window, ahead)) {
      for (let k = 0; k < results.length; k++) {
        if (options.isCancelled?.()) {
          result.cancelled = true;
          break batches;
        }
        const done = b * size + k;
        const r = results[k];
        if (r.failure) result.failures.push({ file: nameOf(files[done]), reason: r.failure });
        if (spool) spoolParts(r, nameOf(files[done]), spool, parts);
        else if (options.format === 'records' || options.format === 'facts' || options.format === 'check') deliver(r, nameOf(files[done]), options);
        else framing.add(r);
        result.letters += r.letters;
        result.sources += r.letters;
        result.items += r.items;
        options.onProgress?.(done + 1, files.length, nameOf(files[done]));
        await options.drain?.();
      }
      b++;
    }
    if (spool && !result.cancelled) await writeLetters(parts, spool, write, options, single, result);
  } finally {
    await pool?.close();
    spool?.close();
  }
  if (!spool) framing.end();
  return result;
}

/** A file's records held in the spool until every file is read (`perLetter`). */
function spoolParts(r: FileResult, path: string, spool: Spool, parts: Spooled[]): void {
  for (const p of r.parts ?? []) {
    parts.push({ ref: spool.add(p.body), units: p.units, items: p.items, path, letterInFile: p.letterInFile, kind: p.kind, identity: p.identity });
  }
}

/** A file's result for a format that hands it to the caller: Parquet rows, statistics facts, diagnostics. */
function deliver(r: FileResult, file: string, options: BulkOptions): void {
  if (options.format === 'records') {
    if (r.tables) options.onTables?.(r.tables, file);
  } else if (options.format === 'facts') {
    if (r.facts?.length) options.onFacts?.(r.facts, file);
  } else if (!r.failure) options.onProblems?.(r.problems ?? [], file);
}

/**
 * With `perLetter`, after every file is read: each letter once, from its most complete source, in
 * the order of each letter's first file; the copies left out go to `result.duplicates`.
 */
async function writeLetters(parts: Spooled[], spool: Spool, write: (chunk: string) => void, options: BulkOptions, single: boolean, result: BulkResult): Promise<void> {
  const groups = groupLetters(parts);
  result.letters = groups.length;
  result.items = groups.reduce((n, g) => n + g.chosen.items, 0);
  const alone = single && groups.length === 1;
  const out = new Framing(options.format, write, { bom: options.bom, single: alone });
  for (const g of groups) {
    for (const s of g.sources) {
      if (s === g.chosen) continue;
      result.duplicates.push({
        file: s.path,
        ...(s.letterInFile ? { letterInFile: s.letterInFile } : {}),
        usedFile: g.chosen.path,
        ...(g.chosen.letterInFile ? { usedLetterInFile: g.chosen.letterInFile } : {}),
        reason: choiceReason([g.chosen, s]),
      });
    }
  }
  for (const g of groups) {
    if (options.isCancelled?.()) {
      result.cancelled = true;
      break;
    }
    const body = withSources(spool.get(g.chosen.ref), g, options.format);
    out.add({ body: alone ? `${body}\n` : body, units: g.chosen.units });
    await options.drain?.();
  }
  out.end();
}

/** A record read, held in the spool until every file is read. */
interface Spooled extends LetterSource {
  ref: number;
  units: number;
  items: number;
}

/**
 * The record with `sources` (every file holding the letter, the one used first) and
 * `sourceReason` added before its closing brace; CSV and Markdown rows and calendar events are left as they are.
 */
function withSources(body: string, g: LetterGroup<Spooled>, format: BulkFormat): string {
  if (format === 'csv' || format === 'md' || format === 'ics') return body;
  const sources = g.sources.map((s) => ({ source: s.path, kind: s.kind, ...(s.letterInFile ? { letterInFile: s.letterInFile } : {}) }));
  if (format === 'jsonl') {
    const end = body.lastIndexOf('}');
    return `${body.slice(0, end)},"sources":${JSON.stringify(sources)},"sourceReason":${JSON.stringify(g.reason)}${body.slice(end)}`;
  }
  const end = body.lastIndexOf('\n}');
  if (end < 0) return body;
  const list = JSON.stringify(sources, null, 2).replace(/\n/g, '\n  ');
  return `${body.slice(0, end)},\n  "sources": ${list},\n  "sourceReason": ${JSON.stringify(g.reason)}${body.slice(end)}`;
}

/** Worker threads for a run: the number asked for, else one per core up to four (at most 16). */
function jobsFor(jobs: number | undefined): number {
  return Math.max(1, Math.min(jobs ?? Math.min(os.availableParallelism(), 4), 16));
}

/** Workers started ahead of a run (`startWorkers`), until a run takes them. */
let started: WorkerPool | null = null;

/**
 * Starts the worker threads of the next `extractFiles` run now: while a caller lists a large folder
 * (a tenth of a second for 10,000 files), the workers load the extraction code and what `preload`
 * says the run will read (the knowledge base for diagnostics, the request vocabulary for records),
 * which takes as long. The next run that uses `jobs` workers takes them; a run that reads few files
 * on its own thread stops them. Until then they do not keep the process alive.
 */
export function startWorkers(jobs?: number, preload: WorkerPreload = { knowledge: true, vocabulary: true }): void {
  const n = jobsFor(jobs);
  if (n <= 1) return;
  dropStartedWorkers();
  started = WorkerPool.start(n, { preload });
}

/** Stops workers started ahead that no run took (see `startWorkers`). */
export function dropStartedWorkers(): void {
  void started?.close();
  started = null;
}

/** Whether workers started ahead wait for a run (for tests). */
export function hasStartedWorkers(): boolean {
  return started !== null;
}

function takeStarted(jobs: number): WorkerPool | null {
  const pool = started;
  started = null;
  if (pool && pool.size !== jobs) {
    void pool.close();
    return null;
  }
  pool?.keep();
  return pool;
}

/** A file as failures and progress name it: itself, or for a name that is not valid UTF-8, its escaped form. */
function nameOf(file: FilePath): string {
  return typeof file === 'string' ? file : displayPath(file);
}

/** The worker script: dist/extract-worker.js next to the bundles, or worker.js in the tsc output. */
function workerScript(): string | null {
  for (const candidate of [path.join(__dirname, 'extract-worker.js'), path.join(__dirname, 'worker.js')]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  return null;
}

class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, { resolve: (r: FileResult[]) => void; worker: Worker; count: number }>();
  private nextId = 0;

  /** Started ahead of a run: its threads do not keep the process alive until a run takes it. */
  private spare: boolean;

  private constructor(
    private readonly script: string,
    count: number,
    /** For a pool started ahead of its run: what its workers load while they wait. */
    private readonly preload: WorkerPreload | null,
  ) {
    this.spare = preload !== null;
    for (let i = 0; i < count; i++) this.workers.push(this.spawn());
  }

  /** A pool, or null when no worker script is available (then work stays in this thread). */
  static start(count: number, how: { preload?: WorkerPreload } = {}): WorkerPool | null {
    const script = workerScript();
    return script ? new WorkerPool(script, count, how.preload ?? null) : null;
  }

  get size(): number {
    return this.workers.length;
  }

  /** Taken by a run: its threads keep the process alive while they work. */
  keep(): void {
    this.spare = false;
    for (const w of this.workers) w.ref();
  }

  private spawn(): Worker {
    const workerData: ExtractWorkerData = { preload: this.spare ? this.preload : null };
    const w = new Worker(this.script, { workerData });
    if (this.spare) w.unref();
    w.on('message', (m: ExtractAnswer) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      p?.resolve(m.results);
    });
    // A worker that dies fails its files (with the reason) and is replaced; the run goes on.
    const fail = (why: string) => {
      for (const [id, p] of this.pending) {
        if (p.worker !== w) continue;
        this.pending.delete(id);
        p.resolve(Array.from({ length: p.count }, () => ({ letters: 0, items: 0, failure: `extraction worker stopped: ${why}`, body: '', units: 0 })));
      }
      const i = this.workers.indexOf(w);
      if (i >= 0 && !this.closing) this.workers[i] = this.spawn();
    };
    w.on('error', (e) => fail(e.message));
    w.on('exit', (code) => {
      if (!this.closing) fail(`exit code ${code}`);
    });
    return w;
  }

  private closing = false;

  private leastBusy(): Worker {
    const load = new Map<Worker, number>();
    for (const p of this.pending.values()) load.set(p.worker, (load.get(p.worker) ?? 0) + p.count);
    let best = this.workers[0];
    for (const w of this.workers) if ((load.get(w) ?? 0) < (load.get(best) ?? 0)) best = w;
    return best;
  }

  /** Extracts the files on the worker with the fewest files in hand: their results, in order. */
  run(files: readonly FilePath[], options: OneOptions): Promise<FileResult[]> {
    const id = this.nextId++;
    const worker = this.leastBusy();
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, worker, count: files.length });
      const task: ExtractTask = { id, files, options };
      worker.postMessage(task);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
