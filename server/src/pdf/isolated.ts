/**
 * Reads PDFs in a child process with a memory limit and a time limit, so that a hostile PDF
 * (forms nested to draw 10^8 times, a Flate bomb, thousands of heavy pages, a text bomb) costs its
 * caller nothing: the server keeps answering and the CLI goes on with the next file. The child
 * runs the PDF bundle (dist/pdf.js; in the tsc output, ./index.js), which answers through
 * ./worker.
 *
 * - Memory: the child's V8 heap is capped (`--max-old-space-size`, PDF_HEAP_MB); Node ends the
 *   child when it passes the cap. (A worker thread's `resourceLimits` were tried first: a large
 *   allocation past the limit aborted the whole process, host included.) Decoded stream data,
 *   which lives outside the heap, is capped in the reader (budget.ts), as are text items and
 *   characters (limits.ts).
 * - Time: a PDF that takes longer than its time limit has its child killed.
 * - Cancellation: an aborted signal kills the child at once, even in the middle of a page (pdf.js
 *   does not yield within a page, so nothing short of ending the process would stop it).
 * Killing the child gives all its memory back; the next PDF starts a new one. A child left idle
 * ends after IDLE_MS, never keeps its host alive, and ends when its host goes away.
 *
 * One PDF at a time per host: PDFs queue behind each other. Failures are `PdfTextFailure`s with a
 * sentence for a person, never exceptions.
 *
 * This module must not import pdf.js (it is part of the server and CLI bundles): types only.
 */
import { ChildProcess, fork } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { PdfFailureCode, PdfTextFailure, PdfTextOptions, PdfTextResult } from './extract';
import { V8_FLAGS } from '../core/v8-flags';
import { PDF_HEAP_MB, PDF_TIME_LIMIT_MS, TOO_COMPLEX } from './limits';
import type { PdfJob, PdfJobResult, PdfReaderReady } from './worker';

/** V8_FLAGS as command-line options of the reader process. */
const READER_V8_FLAGS = V8_FLAGS.split(' ');

/** worker.ts's READER_FLAG (not imported: worker.ts imports pdf.js). */
const READER_FLAG = '--imr-pdf-reader';

export interface IsolatedPdfOptions extends PdfTextOptions {
  /** Longest time to read this PDF, in ms (default PDF_TIME_LIMIT_MS). */
  timeLimitMs?: number;
}

export interface PdfHostOptions {
  /** The reader's script (default: dist/pdf.js beside this bundle, or ./index.js in the tsc output). */
  script?: string;
  /** The child's V8 old-generation heap, in MB (default PDF_HEAP_MB). */
  maxHeapMb?: number;
  /** An idle child ends after this many ms (default IDLE_MS). */
  idleMs?: number;
}

/** An idle reader ends after this long, giving its memory back (pdf.js and its caches: ~60 MB). */
const IDLE_MS = 30_000;

/** A reader must have started (Node and pdf.js loaded: well under a second) within this long. */
const STARTUP_MS = 120_000;

/** The reader's script: the PDF bundle next to the server and CLI bundles, or the tsc output. */
export function pdfReaderScript(): string {
  const bundled = path.join(__dirname, 'pdf.js');
  return fs.existsSync(bundled) ? bundled : path.join(__dirname, 'index.js');
}

/**
 * This process's Node options for the reader, without a debugger port and without code to run
 * (`node -e CODE` or `-p` would make the reader run the host's code again, and start a reader of its own).
 */
export function readerExecArgv(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const a = execArgv[i];
    if (a === '-e' || a === '--eval' || a === '-p' || a === '--print' || a === '-pe') {
      i++;
      continue;
    }
    if (a.startsWith('--inspect') || a.startsWith('--eval=') || a.startsWith('--print=')) continue;
    out.push(a);
  }
  return out;
}

export class PdfReaderHost {
  private child: ChildProcess | null = null;
  /** Resolves when a reader has loaded pdf.js. */
  private readonly ready = new WeakMap<ChildProcess, Promise<void>>();
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 0;
  private idle: NodeJS.Timeout | undefined;
  /** Reader processes started so far (tests: a killed reader is replaced, a healthy one reused). */
  started = 0;
  private readonly exits = new Map<number, Promise<void>>();

  constructor(private readonly options: PdfHostOptions = {}) {}

  /** The running reader's process id, or null when none runs. */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  read(bytes: Uint8Array, options: IsolatedPdfOptions = {}): Promise<PdfTextResult> {
    const run = this.queue.then(() => this.readOne(bytes, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Resolves once the reader process `pid` (of this host) has ended. */
  ended(pid: number): Promise<void> {
    return this.exits.get(pid) ?? Promise.resolve();
  }

  /** Ends the reader (a read in progress is answered as failed). */
  close(): void {
    clearTimeout(this.idle);
    if (this.child) this.end(this.child);
  }

  private spawn(): ChildProcess {
    const child = fork(this.options.script ?? pdfReaderScript(), [READER_FLAG], {
      // The server's and CLI's V8 settings (pdf.js ran 100 letters in 0.92x the CPU time with them),
      // this process's Node options (a preloaded module, for one) without a debugger port, and
      // the heap limit last.
      execArgv: [...READER_V8_FLAGS, ...readerExecArgv(process.execArgv), `--max-old-space-size=${this.options.maxHeapMb ?? PDF_HEAP_MB}`],
      // 'advanced': the PDF's bytes travel as a Uint8Array, not as JSON.
      serialization: 'advanced',
      // Nothing on this process's stdout (for the language server on stdio, stdout is the
      // protocol); stderr is kept, the last of it, to tell running out of memory from a crash.
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (d: string) => {
      stderr = (stderr + d).slice(-4096);
    });
    (child as ChildProcess & { stderrTail?: () => string }).stderrTail = () => stderr;
    const exited = new Promise<void>((resolve) =>
      child.on('exit', () => {
        if (this.child === child) this.child = null;
        if (child.pid !== undefined) this.exits.delete(child.pid);
        resolve();
      }),
    );
    if (child.pid !== undefined) this.exits.set(child.pid, exited);
    child.on('error', () => undefined);
    this.ready.set(
      child,
      new Promise<void>((resolve) => {
        const onReady = (m: PdfReaderReady) => {
          if (m?.ready !== true) return;
          child.off('message', onReady);
          resolve();
        };
        child.on('message', onReady);
      }),
    );
    this.started++;
    return child;
  }

  private end(child: ChildProcess): void {
    if (this.child === child) this.child = null;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }

  /** Whether the child keeps this process alive: only while it reads. */
  private hold(child: ChildProcess, busy: boolean): void {
    // The process, its message channel and the stderr pipe each hold the event loop: all three.
    const channel = child.channel as { ref?: () => void; unref?: () => void } | undefined;
    const stderr = child.stderr as unknown as { ref?: () => void; unref?: () => void } | null;
    if (busy) {
      child.ref();
      channel?.ref?.();
      stderr?.ref?.();
    } else {
      child.unref();
      channel?.unref?.();
      stderr?.unref?.();
    }
  }

  private readOne(bytes: Uint8Array, options: IsolatedPdfOptions): Promise<PdfTextResult> {
    const { signal, timeLimitMs = PDF_TIME_LIMIT_MS, ...readerOptions } = options;
    if (signal?.aborted) return Promise.resolve(cancelled());
    clearTimeout(this.idle);
    const child = (this.child ??= this.spawn());
    this.hold(child, true);
    const id = ++this.nextId;
    const heapMb = this.options.maxHeapMb ?? PDF_HEAP_MB;
    return new Promise<PdfTextResult>((resolve) => {
      let done = false;
      const finish = (result: PdfTextResult, endChild: boolean) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        child.off('message', onMessage);
        child.off('close', onExit);
        if (endChild) this.end(child);
        else {
          this.hold(child, false);
          this.idle = setTimeout(() => this.child === child && this.end(child), timerDelay(this.options.idleMs ?? IDLE_MS));
          this.idle.unref();
        }
        resolve(result);
      };
      const onMessage = (m: PdfJobResult) => {
        if (m?.id === id) finish(m.result, false);
      };
      const onExit = (code: number | null, sig: NodeJS.Signals | null) => {
        const tail = (child as ChildProcess & { stderrTail?: () => string }).stderrTail?.() ?? '';
        if (/heap out of memory|Reached heap limit|Allocation failed/i.test(tail)) {
          finish(fail('too-complex', `${TOO_COMPLEX}: reading it needed more than ${heapMb} MB of memory.`), true);
        } else {
          finish(fail('corrupt', `The PDF could not be read: the PDF reader stopped (${sig ? `signal ${sig}` : `exit code ${code}`}).`), true);
        }
      };
      const onAbort = () => finish(cancelled(), true);
      // The PDF's time counts from when the reader is ready (a new one first loads Node and pdf.js).
      let timer = setTimeout(
        () => finish(fail('corrupt', `The PDF could not be read: the PDF reader did not start within ${seconds(STARTUP_MS)}.`), true),
        STARTUP_MS,
      );
      void this.ready.get(child)?.then(() => {
        if (done) return;
        clearTimeout(timer);
        timer = setTimeout(() => finish(fail('too-complex', `${TOO_COMPLEX}: reading it took longer than ${seconds(timeLimitMs)}.`), true), timerDelay(timeLimitMs));
      });
      child.on('message', onMessage);
      // 'close', not 'exit': after the child's stderr has been read to its end.
      child.on('close', onExit);
      signal?.addEventListener('abort', onAbort, { once: true });
      const job: PdfJob = { id, bytes, options: readerOptions };
      child.send(job, (e) => {
        if (e) finish(fail('corrupt', `The PDF could not be read: the PDF reader could not be started (${e.message.replace(/\.$/, '')}).`), true);
      });
    });
  }
}

let shared: PdfReaderHost | undefined;

/** Reads a PDF in this thread's shared reader process (started on first use). */
export function readPdfIsolated(bytes: Uint8Array, options: IsolatedPdfOptions = {}): Promise<PdfTextResult> {
  shared ??= new PdfReaderHost();
  return shared.read(bytes, options);
}

function fail(code: PdfFailureCode, message: string): PdfTextFailure {
  return { ok: false, code, message };
}

function cancelled(): PdfTextFailure {
  return fail('cancelled', 'Reading the PDF was cancelled.');
}

/**
 * The longest delay a Node timer keeps (2^31 - 1 ms, about 24.8 days): a longer one (`imr
 * --pdf-timeout 3000000`, or Infinity) would fire after 1 ms, with a warning, and refuse every PDF.
 */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A time limit as a timer's delay: at most MAX_TIMER_MS (a longer limit is as good as none). */
export function timerDelay(ms: number): number {
  return Math.min(ms, MAX_TIMER_MS);
}

function seconds(ms: number): string {
  const s = ms / 1000;
  // A limit under 0.1 s (--pdf-timeout 0.001) is shown as given, not as "0.0 s".
  return `${Number.isInteger(s) ? s : s >= 0.1 ? s.toFixed(1) : Number(s.toPrecision(2))} s`;
}
