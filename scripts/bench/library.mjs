// The letter library in the language server, at 100, 1,000 and 10,000 letters: dist/server.js
// spawned over stdio with a workspace folder of N distinct text letters (the corpus's pdftotext
// letters, each copy given a case number of its own, 500 to a folder), then:
//  - indexing: from `initialized` to the index being ready (the server's own library/changed
//    notification), and the server's resident memory then (VmRSS) and at its peak (VmHWM);
//  - workspace/symbol: 20 queries (drugs, treatments, body parts, a case number prefix, one and two
//    letters), each repeated, timed from send to response;
//  - references on a cited section (Section(s): ... of a letter opened in the editor), repeated;
//  - one changed file: a letter's request rewritten on disk, workspace/didChangeWatchedFiles sent,
//    then workspace/symbol asked for the new request until it is found: the time until it is.
// Nothing here is cached between sizes (a fresh server, a fresh folder, no PDF cache).
// Then the PDFs: the corpus's 100 PDFs as a workspace, indexed by a fresh server twice with the
// same PDF text cache folder: the first start reads every PDF, the second none (bench --smoke: 20
// of them, copied to a folder of their own).
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, percentile, spreadSample, startServer } from './util.mjs';

const QUERIES = [
  'norco', 'physical therapy', 'mri', 'acupuncture', 'lidoderm', 'tramadol', 'chiro', 'lumbar', 'knee', 'ph', 'm', 'CM18-00',
  'injection', 'psych', 'tens', 'gabapentin', 'epidural', 'omeprazole', 'surgery', 'cervical',
];

/** VmRSS and VmHWM (peak) of a process, in MB. */
function memoryOf(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number((new RegExp(`${k}:\\s+(\\d+)`).exec(s) ?? [])[1] ?? NaN);
    return { rssMB: kb('VmRSS') / 1024, peakMB: kb('VmHWM') / 1024 };
  } catch {
    return { rssMB: NaN, peakMB: NaN };
  }
}

/** N distinct letters: the corpus letters again and again, each with a case number of its own. */
function writeLetters(dir, base, n) {
  const files = [];
  for (let k = 0; k < n; k++) {
    const t = base[k % base.length];
    const sub = join(dir, `batch-${String(Math.floor(k / 500)).padStart(3, '0')}`);
    if (k % 500 === 0) mkdirSync(sub, { recursive: true });
    const caseNumber = `CM18-${String(k).padStart(7, '0')}`;
    const file = join(sub, `${caseNumber}.txt`);
    writeFileSync(file, t.text.replace(/CM\d{2}-\d{7}/g, caseNumber));
    files.push({ file, base: t, caseNumber });
  }
  return files;
}

/**
 * dist/server.js (`startServer`) on one workspace folder, until its index is ready: the
 * connection, the time from `initialized` to ready, the ready status and the server's memory then.
 * `close` shuts the server down.
 */
async function indexedServer(root, folder, { cacheDir, watched = false } = {}) {
  const { p, connection: c, stderr, stop, pid } = startServer(root);
  const ready = new Promise((resolve) => c.onNotification('imr/library/changed', (s) => s.state === 'ready' && resolve(s)));
  c.onRequest(p.WorkDoneProgressCreateRequest.type, () => undefined);
  c.onRequest(p.RegistrationRequest.type, () => undefined);
  const failed = (e) => new Error(`${e instanceof Error ? e.message : String(e)}\n${stderr().slice(-2000)}`);
  try {
    await c.sendRequest(p.InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'letters' }],
      capabilities: {
        window: { workDoneProgress: true },
        workspace: { configuration: false, ...(watched ? { didChangeWatchedFiles: { dynamicRegistration: true } } : {}) },
      },
      ...(cacheDir ? { initializationOptions: { cacheDir } } : {}),
    });
    const t0 = performance.now();
    await c.sendNotification(p.InitializedNotification.type, {});
    const status = await ready;
    return { p, c, ms: performance.now() - t0, status, memory: memoryOf(pid), close: stop, failed };
  } catch (e) {
    await stop();
    throw failed(e);
  }
}

async function oneSize(root, core, base, n, { queryRuns, referenceRuns, changes }) {
  const dir = join(tmpdir(), `imr-bench-library-${process.pid}-${n}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = writeLetters(dir, base, n);
  let server;
  try {
    server = await indexedServer(root, dir, { watched: true });
    const { p, c, status, memory } = server;
    const indexMs = server.ms;
    if (status.letters !== n) throw new Error(`indexed ${status.letters} letters of ${n}: ${JSON.stringify(status)}`);

    const timed = async (fn) => {
      const t = performance.now();
      const r = await fn();
      return { ms: performance.now() - t, r };
    };
    // Warm-up, then timed queries.
    for (const q of QUERIES) await c.sendRequest(p.WorkspaceSymbolRequest.type, { query: q });
    const symbolMs = [];
    let norcoHits = 0;
    for (let run = 0; run < queryRuns; run++) {
      for (const q of QUERIES) {
        const { ms, r } = await timed(() => c.sendRequest(p.WorkspaceSymbolRequest.type, { query: q }));
        symbolMs.push(ms);
        if (q === 'norco') norcoHits = r.length;
      }
    }

    // References on a cited section of one letter, opened as in an editor.
    const target = files.find((f) => /Section\(s\): Physical medicine treatment/.test(readFileSync(f.file, 'utf8'))) ?? files[0];
    const text = readFileSync(target.file, 'utf8');
    const uri = pathToFileURL(target.file).href;
    await c.sendNotification(p.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'imr', version: 1, text } });
    const letter = core.parseDocument(text)[0];
    const cite = core.findCitations(letter, text).find((x) => x.locators.length > 0);
    const position = new core.LineIndex(text).positionAt(cite.locatorSpans[0].start + 1);
    const refParams = { textDocument: { uri }, position, context: { includeDeclaration: true } };
    await c.sendRequest(p.ReferencesRequest.type, refParams);
    const referenceMs = [];
    let references = 0;
    for (let run = 0; run < referenceRuns; run++) {
      const { ms, r } = await timed(() => c.sendRequest(p.ReferencesRequest.type, refParams));
      referenceMs.push(ms);
      references = r.length;
    }

    // One changed file at a time: until workspace/symbol finds its new request.
    const changeMs = [];
    for (let k = 0; k < changes; k++) {
      const f = files[(k * 7919) % files.length];
      const before = readFileSync(f.file, 'utf8');
      // A request written on one line (one broken across lines is not found by its text).
      const request = core.parseDocument(before)[0].items.map((i) => i.request).find((r) => r && before.includes(r));
      if (!request) continue;
      const token = `Zebraquin${k} widget`;
      writeFileSync(f.file, before.split(request).join(`${token} ${request}`));
      const t = performance.now();
      await c.sendNotification(p.DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(f.file).href, type: p.FileChangeType.Changed }] });
      for (let tries = 0; ; tries++) {
        const r = await c.sendRequest(p.WorkspaceSymbolRequest.type, { query: `zebraquin${k}` });
        if (r.some((s) => s.name.startsWith(token))) break;
        if (tries > 10_000) throw new Error(`the change to ${basename(f.file)} never reached the index`);
      }
      changeMs.push(performance.now() - t);
    }
    return {
      letters: n,
      files: files.length,
      bytes: files.reduce((s, f) => s + Buffer.byteLength(f.base.text), 0),
      indexMs,
      lettersPerSecond: n / (indexMs / 1000),
      rssMB: memory.rssMB,
      peakMB: memory.peakMB,
      symbol: { p50: median(symbolMs), p95: percentile(symbolMs, 95), max: Math.max(...symbolMs), runs: symbolMs.length, norcoHits },
      references: { p50: median(referenceMs), p95: percentile(referenceMs, 95), runs: referenceMs.length, results: references, section: cite.locators[0].text },
      change: { p50: median(changeMs), p95: percentile(changeMs, 95), max: Math.max(...changeMs), runs: changeMs.length },
    };
  } catch (e) {
    throw server ? server.failed(e) : e;
  } finally {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A server over one folder until its index is ready: the time and its status. */
async function startAndIndex(root, folder, cacheDir) {
  const server = await indexedServer(root, folder, { cacheDir });
  await server.close();
  return { ms: server.ms, status: server.status };
}

/**
 * The corpus's PDFs indexed twice with one PDF text cache: the second start reads no PDF. With
 * `count`, that many of them spread over the corpus, copied to a folder of their own.
 */
export async function pdfStarts(root, { count } = {}) {
  const corpus = join(root, 'test', 'fixtures', 'letters', 'pdf');
  const cacheDir = join(tmpdir(), `imr-bench-pdf-cache-${process.pid}`);
  const subset = count ? join(tmpdir(), `imr-bench-pdf-${process.pid}`) : null;
  rmSync(cacheDir, { recursive: true, force: true });
  try {
    let folder = corpus;
    if (subset) {
      rmSync(subset, { recursive: true, force: true });
      mkdirSync(subset, { recursive: true });
      const pdfs = readdirSync(corpus).filter((f) => f.endsWith('.pdf')).sort();
      for (const f of spreadSample(pdfs, count)) copyFileSync(join(corpus, f), join(subset, f));
      folder = subset;
    }
    const first = await startAndIndex(root, folder, cacheDir);
    const second = await startAndIndex(root, folder, cacheDir);
    return {
      pdfs: first.status.files,
      letters: first.status.letters,
      firstMs: first.ms,
      secondMs: second.ms,
      first: first.status.pdfTextCache ?? null,
      second: second.status.pdfTextCache ?? null,
    };
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
    if (subset) rmSync(subset, { recursive: true, force: true });
  }
}

export async function libraryBench(root, core, texts, { sizes, quick, smoke = false }) {
  const base = texts.filter((t) => dirname(t.file) === join(root, 'test', 'fixtures', 'letters') && /CM\d{2}-\d{7}/.test(t.text));
  const out = [];
  for (const n of sizes) {
    out.push(await oneSize(root, core, base, n, smoke ? { queryRuns: 1, referenceRuns: 3, changes: 2 } : quick ? { queryRuns: 2, referenceRuns: 10, changes: 5 } : { queryRuns: 5, referenceRuns: 40, changes: 20 }));
  }
  return out;
}
