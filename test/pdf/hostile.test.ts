/**
 * Hostile PDFs: small files that cost a PDF reader minutes and gigabytes. Built here by
 * pdf-builder (never committed): form XObjects nested 8 deep each drawing the next 10 times
 * (10^8 words from 4 KB), a Flate bomb (1 GB inflated from 1 MB), 999 heavy pages sharing one
 * content stream, a text bomb (one 64 M-character string from 70 KB). Before the reader ran in its
 * own process with limits, each ran past 120 s, the bomb took gigabytes, and nothing could stop
 * them.
 *
 * Read as the server and the CLI read them, through PdfReaderHost (a child process running the
 * bundled reader, dist/pdf.js, whose stream decoding is capped): each is refused as "too complex
 * to read as a letter" by the limit it meets, within its time limit, with this process's memory
 * unmoved; cancelling kills the reader at once; and after each, the next letter reads normally.
 * Time limits here are generous (CI machines are busy); the limits that end these PDFs are caps on
 * work, not on time, except where the time limit itself is tested.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CancellationTokenSource, HoverRequest } from 'vscode-languageserver-protocol/node';
import { PdfReaderHost, readerExecArgv } from '../../server/src/pdf/isolated';
import { PDF_LIMITS } from '../../server/src/pdf/limits';
import { V8_FLAGS } from '../../server/src/core/v8-flags';
import type { PdfTextResult } from '../../server/src/pdf';
import { DIST, FIXTURES } from '../paths';
import { startServer } from '../protocol/client';
import { buildFlateBombPdf, buildHeavyPagesPdf, buildNestedFormsPdf, buildTextBombPdf } from './pdf-builder';
import { tempDir } from '../temp';

const LETTER = path.join(FIXTURES, 'letters', 'pdf', 'CM16-0221706.pdf');
const LETTER_TEXT = fs.readFileSync(path.join(FIXTURES, 'letters', '2016_format1b_CM16-0221706.txt'), 'utf8');
/** Generous: a busy CI machine runs this many times slower than a quiet one. */
const GENEROUS_MS = 120_000;

const host = new PdfReaderHost({ script: path.join(DIST, 'pdf.js') });
const scratch = tempDir('imr-hostile-');
after(() => {
  host.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** Reads with the host while sampling this process's resident memory. */
async function read(bytes: Uint8Array, options: Parameters<PdfReaderHost['read']>[1] = {}) {
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = Date.now();
  try {
    const result = await host.read(bytes, { timeLimitMs: GENEROUS_MS, ...options });
    return { result, ms: Date.now() - t0, growthMb: (peak - rss0) / 1048576 };
  } finally {
    clearInterval(sampler);
  }
}

function assertTooComplex(result: PdfTextResult, why: RegExp): void {
  assert.equal(result.ok, false, 'the PDF must be refused');
  if (result.ok) return;
  assert.equal(result.code, 'too-complex', result.message);
  assert.match(result.message, /^This PDF is too complex to read as a letter: /);
  assert.match(result.message, why);
  assert.doesNotMatch(result.message, /\n|\bat .*:\d+:\d+/, 'one sentence, no stack trace');
}

async function assertNextLetterReads(): Promise<void> {
  const { result } = await read(fs.readFileSync(LETTER));
  assert.equal(result.ok && result.text, LETTER_TEXT, 'the next letter reads normally');
}

describe('hostile PDFs, read in the reader process', () => {
  test('normal letters read as in process, one reader process for all of them', async () => {
    const started = host.started;
    for (let k = 0; k < 3; k++) await assertNextLetterReads();
    assert.ok(host.started <= started + 1, 'the reader process is reused');
  });

  test("the reader process runs with the server's and CLI's V8 settings (core/v8-flags.ts)", async () => {
    await assertNextLetterReads();
    assert.ok(host.pid !== null, 'a reader process runs');
    // Linux: the process's command line, as the kernel holds it.
    const args = fs.readFileSync(`/proc/${host.pid}/cmdline`, 'utf8').split('\0');
    for (const flag of V8_FLAGS.split(' ')) assert.ok(args.includes(flag), `${flag} in ${args.join(' ')}`);
  });

  test('forms nested 8 deep, each drawing the next 10 times: too complex (text items on a page)', async (t) => {
    const pdf = buildNestedFormsPdf(8, 10);
    assert.ok(pdf.length < 8192, `${pdf.length} bytes`);
    const { result, ms, growthMb } = await read(pdf);
    t.diagnostic(`${pdf.length} bytes: ${ms} ms, this process grew ${growthMb.toFixed(0)} MB; ${result.ok ? '' : result.message}`);
    assertTooComplex(result, /a page has more than 20,000 pieces of text/);
    await assertNextLetterReads();
  });

  test('Flate bomb, 1 GB inflated from 1 MB: too complex (decoded size), this process never holds it', async (t) => {
    const pdf = buildFlateBombPdf(64, 16 * 1024 * 1024);
    assert.ok(pdf.length < 2 * 1024 * 1024, `${pdf.length} bytes`);
    const { result, ms, growthMb } = await read(pdf);
    t.diagnostic(`${(pdf.length / 1048576).toFixed(1)} MB: ${ms} ms, this process grew ${growthMb.toFixed(0)} MB; ${result.ok ? '' : result.message}`);
    assertTooComplex(result, /compressed data expands to more than 32 MB in one stream or 256 MB in all/);
    assert.ok(growthMb < 200, `this process grew ${growthMb.toFixed(0)} MB`);
    await assertNextLetterReads();
  });

  test('text bomb, one string of 64 M characters in one Flate stream: too complex (decoded size)', async (t) => {
    const pdf = buildTextBombPdf(64 * 1024 * 1024);
    assert.ok(pdf.length < 256 * 1024, `${pdf.length} bytes`);
    const { result, ms } = await read(pdf);
    t.diagnostic(`${(pdf.length / 1024).toFixed(0)} KB: ${ms} ms; ${result.ok ? '' : result.message}`);
    assertTooComplex(result, /compressed data expands to more than 32 MB/);
    await assertNextLetterReads();
  });

  test('999 heavy pages: ended by the time limit, the reader process killed and replaced', async (t) => {
    const pdf = buildHeavyPagesPdf(999, 20_000);
    assert.ok(pdf.length < 512 * 1024, `${pdf.length} bytes`);
    await assertNextLetterReads();
    const pid = host.pid;
    const { result, ms } = await read(pdf, { timeLimitMs: 3000 });
    t.diagnostic(`${(pdf.length / 1024).toFixed(0)} KB: ${ms} ms; ${result.ok ? '' : result.message}`);
    assertTooComplex(result, /reading it took longer than 3 s/);
    assert.ok(ms < 3000 + 10_000, `answered ${ms} ms after it started`);
    assert.equal(host.pid, null, 'the reader process was killed');
    assert.ok(pid !== null);
    await host.ended(pid);
    assert.ok(!alive(pid), 'and is gone');
    await assertNextLetterReads();
  });

  test('heavy pages within the time limit: too complex by the text items of the whole document', async () => {
    const { result } = await read(buildHeavyPagesPdf(30, 4_000), { maxTextItems: 50_000 });
    assertTooComplex(result, /it has more than 50,000 pieces of text/);
  });

  test('a reader over its memory limit is ended by Node: too complex (memory), its host unharmed', async (t) => {
    // The text bomb with the decode caps lifted fills the heap (pdf.js keeps the string's
    // characters in an array); a small heap makes that quick.
    const small = new PdfReaderHost({ script: path.join(DIST, 'pdf.js'), maxHeapMb: 96 });
    try {
      const t0 = Date.now();
      const result = await small.read(buildTextBombPdf(64 * 1024 * 1024), {
        timeLimitMs: GENEROUS_MS,
        maxStreamBytes: Number.MAX_SAFE_INTEGER,
        maxDecodedBytes: Number.MAX_SAFE_INTEGER,
      });
      t.diagnostic(`${Date.now() - t0} ms; ${result.ok ? '' : result.message}`);
      assertTooComplex(result, /reading it needed more than 96 MB of memory/);
      const next = await small.read(fs.readFileSync(LETTER), { timeLimitMs: GENEROUS_MS });
      assert.equal(next.ok && next.text, LETTER_TEXT);
    } finally {
      small.close();
    }
  });

  test('cancelling kills the reader at once, in the middle of a page', async () => {
    await assertNextLetterReads();
    const pid = host.pid;
    assert.ok(pid !== null);
    const controller = new AbortController();
    const reading = host.read(buildHeavyPagesPdf(999, 20_000), { signal: controller.signal, timeLimitMs: GENEROUS_MS });
    // Once the reader has had the PDF long enough to be inside a page (a page takes ~40 ms).
    setTimeout(() => controller.abort(), 500);
    const t0 = Date.now();
    const result = await reading;
    assert.equal(result.ok ? 'ok' : result.code, 'cancelled');
    assert.ok(Date.now() - t0 < 5000, `answered ${Date.now() - t0} ms after the abort`);
    assert.equal(host.pid, null);
    await host.ended(pid);
    assert.ok(!alive(pid), 'the reader process is gone');
    await assertNextLetterReads();
  });

  test('an idle reader does not keep its host alive: a host with a 10-minute idle time exits once its read is done', async () => {
    // As `imr extract a.pdf` does: one read, then nothing left to do. Before the stderr pipe was
    // released with the process and its channel, every such run waited for the reader's idle time.
    const script = `
      const fs = require('fs');
      const { PdfReaderHost } = require(${JSON.stringify(path.join(__dirname, '../../server/src/pdf/isolated'))});
      const host = new PdfReaderHost({ idleMs: 600000 });
      host.read(fs.readFileSync(${JSON.stringify(LETTER)})).then((r) => process.stdout.write(JSON.stringify({ ok: r.ok })));
    `;
    const file = path.join(tempDir('imr-pdf-host-'), 'host.js');
    fs.writeFileSync(file, script);
    const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    // Generous for a busy machine (one small PDF reads in about a second); far below the idle time.
    const code = await new Promise<number | null | 'still running'>((resolve) => {
      const limit = setTimeout(() => {
        child.kill('SIGKILL');
        resolve('still running');
      }, 120_000);
      child.on('exit', (c) => {
        clearTimeout(limit);
        resolve(c);
      });
    });
    assert.equal(code, 0, 'the host exits on its own');
    assert.deepEqual(JSON.parse(out), { ok: true });
  });

  test('the reader gets the Node options of its host, without code to evaluate or a debugger port', () => {
    assert.deepEqual(readerExecArgv(['-e', 'host()', '--max-old-space-size=100', '--inspect=9229', '--eval=x()', '-p', '1', '--require', 'r.js']), ['--max-old-space-size=100', '--require', 'r.js']);
  });

  test('the limits are far above what the corpus letters need', async () => {
    assert.ok(PDF_LIMITS.maxPageItems >= 20_000 && PDF_LIMITS.maxTextChars >= 16_000_000);
    // Every corpus PDF reads with a hundredth of the item and character limits.
    const dir = path.join(FIXTURES, 'letters', 'pdf');
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.pdf')).slice(0, 25)) {
      const { result } = await read(fs.readFileSync(path.join(dir, f)), {
        maxPageItems: PDF_LIMITS.maxPageItems / 100,
        maxTextItems: PDF_LIMITS.maxTextItems / 100,
        maxTextChars: PDF_LIMITS.maxTextChars / 100,
        maxStreamBytes: PDF_LIMITS.maxStreamBytes / 100,
        maxDecodedBytes: PDF_LIMITS.maxDecodedBytes / 100,
      });
      assert.ok(result.ok, `${f}: ${result.ok ? '' : result.message}`);
    }
  });
});

describe('hostile PDFs in the CLI and the server', () => {
  test('imr extract over a folder with hostile PDFs: the letters are extracted, each hostile PDF named', async () => {
    const dir = path.join(scratch, 'folder');
    fs.mkdirSync(dir);
    fs.copyFileSync(LETTER, path.join(dir, 'a-letter.pdf'));
    fs.copyFileSync(path.join(FIXTURES, 'letters', '2017_format1b_CM16-0238035.txt'), path.join(dir, 'b-letter.txt'));
    fs.writeFileSync(path.join(dir, 'c-nested.pdf'), buildNestedFormsPdf(8, 10));
    // A Flate bomb of one stream past the limit for a stream (the 1 GB bomb above, ended by the
    // limit for a whole document after 256 MB decoded and read, costs seconds more of CPU time).
    fs.writeFileSync(path.join(dir, 'd-bomb.pdf'), buildFlateBombPdf(1, PDF_LIMITS.maxStreamBytes + 8 * 1024 * 1024));
    fs.writeFileSync(path.join(dir, 'e-text-bomb.pdf'), buildTextBombPdf(64 * 1024 * 1024));
    // The limits that end these are caps on work; the time limit is generous for a busy machine.
    const r = await run(process.execPath, [path.join(DIST, 'cli.js'), 'extract', '--format', 'jsonl', '--pdf-timeout', String(GENEROUS_MS / 1000), dir], GENEROUS_MS * 3);
    assert.equal(r.code, 2, r.err);
    const records = r.out.trim().split('\n').map((l) => JSON.parse(l) as { source: string });
    assert.deepEqual(records.map((x) => path.basename(x.source)), ['a-letter.pdf', 'b-letter.txt']);
    for (const [name, why] of [
      ['c-nested.pdf', /pieces of text/],
      ['d-bomb.pdf', /expands to more than/],
      ['e-text-bomb.pdf', /expands to more than/],
    ] as const) {
      const line = r.err.split('\n').find((l) => l.includes(name)) ?? '';
      assert.match(line, /This PDF is too complex to read as a letter/, `${name}: ${line}`);
      assert.match(line, why, name);
    }
    assert.match(r.err, /3 of 5 files could not be read/);
  });

  test('the server answers hovers while it reads a hostile PDF, and cancelling the read kills the reader', async () => {
    const nested = path.join(scratch, 'nested.pdf');
    fs.writeFileSync(nested, buildNestedFormsPdf(8, 10));
    const server = await startServer();
    try {
      const c = server.connection;
      const seed = path.join(FIXTURES, 'seeds', '000_b6b425ba94267f2e.txt');
      const text = fs.readFileSync(seed, 'utf8');
      const uri = await server.open(seed);
      const at = text.indexOf('Page(s): 23') + 9;
      const position = { line: text.slice(0, at).split('\n').length - 1, character: at - text.lastIndexOf('\n', at - 1) - 1 };
      const hover = async () => {
        const t0 = Date.now();
        const h = await within(20_000, 'hover', c.sendRequest(HoverRequest.type, { textDocument: { uri }, position }));
        assert.ok(h, 'a hover');
        return Date.now() - t0;
      };
      // The reader is running (and pdf.js loaded) before the hostile PDF comes.
      const warm = (await c.sendRequest('imr/readPdf', { path: LETTER })) as { ok: boolean };
      assert.equal(warm.ok, true);

      // 1. Hovers answer while the hostile PDF is read, one after another until the read ends.
      let answered = false;
      const reading = (c.sendRequest('imr/readPdf', { path: nested }) as Promise<{ ok: boolean; message?: string }>).finally(() => (answered = true));
      const latencies: number[] = [];
      while (latencies.length < 3 || !answered) latencies.push(await hover());
      const result = await within(GENEROUS_MS, 'readPdf of the hostile PDF', reading);
      assert.equal(result.ok, false);
      assert.match(result.message ?? '', /This PDF is too complex to read as a letter/);
      assert.ok(Math.max(...latencies) < 5000, `hover latencies while reading: ${latencies.join(', ')} ms`);

      // 2. Cancelled: answered at once, the reader killed, the next PDF read by a new one. The PDF
      // read here is refused only after a million pieces of text (8 s on this project's machine, a
      // few times the nested forms), so the cancel comes in the middle of it.
      const heavy = path.join(scratch, 'heavy.pdf');
      fs.writeFileSync(heavy, buildHeavyPagesPdf(999, 20_000));
      const source = new CancellationTokenSource();
      const cancelled = c.sendRequest('imr/readPdf', { path: heavy }, source.token) as Promise<{ ok: boolean; message?: string }>;
      setTimeout(() => source.cancel(), 300);
      const t0 = Date.now();
      const r = await within(20_000, 'the cancelled readPdf', cancelled);
      assert.equal(r.ok, false);
      assert.match(r.message ?? '', /cancelled/);
      assert.ok(Date.now() - t0 < 10_000, `answered ${Date.now() - t0} ms after sending`);
      const next = (await within(GENEROUS_MS, 'readPdf after the cancel', c.sendRequest('imr/readPdf', { path: LETTER }))) as { ok: boolean; text: string };
      assert.equal(next.ok && next.text, LETTER_TEXT);
    } finally {
      // A server blocked by the PDF would never answer shutdown: it is killed instead.
      await within(30_000, 'shutdown', server.stop()).catch(() => server.child.kill('SIGKILL'));
    }
  });
});

/** Resolves with the value, or rejects after `ms`: a blocked server fails the test instead of hanging it. */
function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)));
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

function run(cmd: string, args: string[], limitMs: number): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

function alive(pid: number | null): boolean {
  if (pid === null) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
