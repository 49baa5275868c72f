/**
 * No network: the CLI and the language server read letters (text and PDF) without opening a
 * socket, resolving a name or fetching anything. Each runs with no-network.ts preloaded
 * (`node --require`), which records and blocks every network entry point; the record must stay
 * empty. A first test proves the preload sees each kind of call, so an empty record means
 * something.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  DocumentDiagnosticRequest, DocumentSymbolRequest, ExecuteCommandRequest, HoverRequest,
} from 'vscode-languageserver-protocol/node';
import { findCitations, LineIndex, parseDocument } from '../../server/src/core';
import { DIST, FIXTURES } from '../paths';
import { startServer, TestServer } from '../protocol/client';
import { tempDir } from '../temp';

const PRELOAD = path.join(__dirname, 'no-network.js');
const scratch = tempDir('imr-no-network-');
const letters = path.join(scratch, 'letters');

/** A folder of letters: text letters, PDFs of real letters, and damaged PDFs. */
function makeLetters(): { texts: string[]; pdfs: string[] } {
  fs.mkdirSync(letters, { recursive: true });
  const texts = ['2017_format1b_CM16-0238035.txt', '2016_format1b_CM16-0221706.txt'].map((f) => {
    const to = path.join(letters, f);
    fs.copyFileSync(path.join(FIXTURES, 'letters', f), to);
    return to;
  });
  const seed = fs.readdirSync(path.join(FIXTURES, 'seeds')).find((f) => f.endsWith('.txt'))!;
  fs.copyFileSync(path.join(FIXTURES, 'seeds', seed), path.join(letters, seed));
  texts.push(path.join(letters, seed));
  const pdfs = ['CM16-0221706.pdf', 'CM16-0229336.pdf'].map((f) => {
    const to = path.join(letters, f);
    fs.copyFileSync(path.join(FIXTURES, 'letters', 'pdf', f), to);
    return to;
  });
  for (const f of ['truncated.pdf', 'password.pdf', 'not-a-pdf.pdf']) {
    const to = path.join(letters, `bad-${f}`);
    fs.copyFileSync(path.join(FIXTURES, 'bad-pdf', f), to);
    pdfs.push(to);
  }
  // Enough letters for bulk extraction to use its worker threads (it starts them from 48 files).
  const more = path.join(letters, 'more');
  fs.mkdirSync(more);
  const corpus = fs.readdirSync(path.join(FIXTURES, 'letters')).filter((f) => f.endsWith('.txt')).slice(0, 60);
  for (const f of corpus) fs.copyFileSync(path.join(FIXTURES, 'letters', f), path.join(more, f));
  return { texts, pdfs };
}

/** The processes that loaded the guard in their main thread (the CLI or server, and its PDF reader). */
function guardedProcesses(log: string): Set<string> {
  return new Set(fs.readFileSync(`${log}.loaded`, 'utf8').split('\n').filter((l) => / main$/.test(l)).map((l) => l.split(' ')[0]));
}

/** The threads that loaded the guard: 'main' and 'worker N' entries of the `.loaded` file. */
function guardedThreads(log: string): string[] {
  return fs.readFileSync(`${log}.loaded`, 'utf8').split('\n').filter((l) => l.trim()).map((l) => l.split(' ').slice(1).join(' '));
}

function logOf(file: string): string[] {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()) : [];
}

function describeLog(lines: string[]): string {
  return lines.map((l) => {
    const r = JSON.parse(l) as { what: string; stack: string };
    return `${r.what}\n${r.stack.split('\n').slice(2, 8).join('\n')}`;
  }).join('\n\n');
}

describe('no network while processing letters', () => {
  let files: { texts: string[]; pdfs: string[] };
  before(() => {
    files = makeLetters();
  });
  after(() => {
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  test('the preload records every kind of network call (the check itself works)', () => {
    const log = path.join(scratch, 'probe.log');
    const probe = `
      const tryIt = (f) => { try { const r = f(); if (r && r.catch) r.catch(() => {}); } catch {} };
      tryIt(() => require('net').connect(9, '127.0.0.1'));
      tryIt(() => new (require('net').Socket)().connect(9, '127.0.0.1'));
      tryIt(() => require('tls').connect(9, '127.0.0.1'));
      tryIt(() => require('dgram').createSocket('udp4'));
      tryIt(() => require('dns').lookup('example.invalid', () => {}));
      tryIt(() => require('dns').promises.resolve4('example.invalid'));
      tryIt(() => require('http').get('http://127.0.0.1:9/'));
      tryIt(() => require('https').request('https://127.0.0.1:9/'));
      tryIt(() => fetch('http://127.0.0.1:9/'));
    `;
    const r = spawnSync(process.execPath, ['--require', PRELOAD, '-e', probe], { env: { ...process.env, IMR_NETWORK_LOG: log }, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const seen = new Set(logOf(log).map((l) => (JSON.parse(l) as { what: string }).what));
    for (const what of ['net.connect', 'net.Socket#connect', 'tls.connect', 'dgram.createSocket', 'dns.lookup', 'dns.resolve4', 'http.get', 'https.request', 'fetch']) {
      assert.ok(seen.has(what), `the preload did not see ${what} (saw ${[...seen].join(', ')})`);
    }
  });

  for (const command of ['extract', 'check'] as const) {
    test(`imr ${command} over text letters and PDFs opens no socket`, () => {
      const log = path.join(scratch, `cli-${command}.log`);
      const args = command === 'extract' ? ['extract', '--format', 'jsonl', '--quiet', letters] : ['check', letters];
      const r = spawnSync(process.execPath, ['--require', PRELOAD, path.join(DIST, 'cli.js'), ...args], {
        env: { ...process.env, IMR_NETWORK_LOG: log },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      assert.ok(fs.existsSync(`${log}.loaded`), 'the no-network preload was not loaded');
      if (command === 'extract') {
        // Bulk extraction ran on worker threads, and the guard was loaded in them too.
        assert.ok(guardedThreads(log).some((t) => t.startsWith('worker')), `no worker thread loaded the guard: ${guardedThreads(log).join(', ')}`);
      }
      // PDFs are read in a separate process (server/src/pdf/isolated.ts): it is guarded too.
      assert.ok(guardedProcesses(log).size >= 2, `the PDF reader process did not load the guard: ${fs.readFileSync(`${log}.loaded`, 'utf8')}`);
      // Damaged PDFs make the exit status 2; what matters is that every letter was processed.
      assert.ok(r.status === 0 || r.status === 1 || r.status === 2, `exit ${r.status}: ${r.stderr}`);
      if (command === 'extract') {
        // One record per letter: a letter read from its text and its PDF lists both in `sources`.
        const records = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { source: string; sources?: { source: string }[] });
        const sources = new Set(records.flatMap((x) => [x.source, ...(x.sources ?? []).map((s) => s.source)]).map((f) => path.basename(f)));
        for (const f of [...files.texts, ...files.pdfs.slice(0, 2)]) assert.ok(sources.has(path.basename(f)), `${f} was not extracted`);
      } else {
        assert.match(r.stderr + r.stdout, /CM16-0229336\.pdf|bad-truncated\.pdf/);
      }
      assert.deepEqual(logOf(log), [], describeLog(logOf(log)));
    });
  }

  describe('the language server', () => {
    let server: TestServer;
    const log = path.join(scratch, 'server.log');
    before(async () => {
      // The server is spawned by startServer; NODE_OPTIONS carries the preload into it.
      const saved = { NODE_OPTIONS: process.env.NODE_OPTIONS, IMR_NETWORK_LOG: process.env.IMR_NETWORK_LOG };
      process.env.NODE_OPTIONS = `${saved.NODE_OPTIONS ?? ''} --require ${JSON.stringify(PRELOAD)}`.trim();
      process.env.IMR_NETWORK_LOG = log;
      try {
        server = await startServer();
      } finally {
        for (const [k, v] of Object.entries(saved)) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
      }
    });
    after(async () => {
      await server.stop();
    });

    test('opening letters, outline, hover, diagnostics, extraction and PDF reading open no socket', async () => {
      assert.ok(fs.existsSync(`${log}.loaded`), 'the no-network preload was not loaded in the server');
      const c = server.connection;
      for (const file of files.texts) {
        const uri = await server.open(file);
        const text = fs.readFileSync(file, 'utf8');
        assert.ok(((await c.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as unknown[]).length > 0);
        const letter = parseDocument(text)[0];
        const cite = findCitations(letter, text)[0];
        if (cite) {
          const position = new LineIndex(text).positionAt(cite.locatorSpans[0]?.start ?? cite.span.start);
          await c.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
        }
        await c.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
        for (const kind of ['decisions', 'summary', 'citations'] as const) {
          await c.sendRequest(ExecuteCommandRequest.type, { command: 'imr.server.extract', arguments: [{ uri, kind, format: 'json' }] });
        }
      }
      const output = path.join(scratch, 'all.csv');
      const bulk = (await c.sendRequest(ExecuteCommandRequest.type, {
        command: 'imr.server.extractFiles',
        // Every copy is read and written (by default each letter is written once).
        arguments: [{ inputs: [letters], format: 'csv', output, overwrite: true, everyFile: true }],
      })) as { letters: number };
      assert.ok(bulk.letters >= files.texts.length + 60, JSON.stringify(bulk));
      assert.ok(guardedThreads(log).some((t) => t.startsWith('worker')), `no worker thread of the server loaded the guard: ${guardedThreads(log).join(', ')}`);
      for (const pdf of files.pdfs) {
        const r = (await c.sendRequest('imr/readPdf', { path: pdf })) as { ok: boolean };
        assert.equal(r.ok, !path.basename(pdf).startsWith('bad-'), pdf);
      }
      assert.ok(guardedProcesses(log).size >= 2, `the PDF reader process did not load the guard: ${fs.readFileSync(`${log}.loaded`, 'utf8')}`);
      assert.deepEqual(logOf(log), [], describeLog(logOf(log)));
    });
  });
});
