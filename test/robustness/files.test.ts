// @run-alone: it asserts on how long reading special files may take.
/**
 * Files that are not what they seem: a FIFO (a named pipe, which blocks a plain open until a
 * writer comes), a device (/dev/zero never ends), a directory or a text file handed to the PDF
 * request, a knowledge file that is not a knowledge file. The CLI, the server's PDF request and its
 * knowledge file read them without blocking (server/src/io.ts: open O_NONBLOCK, fstat on the open
 * descriptor, refuse what is not a regular file), refuse them with a clear message, and never show
 * any of the file's content. Every wait here is bounded: a read that blocked would fail the test
 * at its limit instead of hanging the run.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Hover, HoverRequest, MarkupContent, ShowMessageNotification } from 'vscode-languageserver-protocol/node';
import { readPdfFile, readRegularFile, readRegularFileSync, refusedPath } from '../../server/src/io';
import { loadVocabularyFile } from '../../server/src/export/vocabulary-file';
import { DIST, FIXTURES } from '../paths';
import { DEFAULT_CAPABILITIES, startServer } from '../protocol/client';
import { tempDir } from '../temp';

const scratch = tempDir('imr-files-');
const seed000 = path.join(FIXTURES, 'seeds', '000_b6b425ba94267f2e.txt');
const seedText = fs.readFileSync(seed000, 'utf8');
/** What a secret file says; no message may ever contain it. */
const SECRET = 'root:x:0:0:SECRET-MARKER-4242:/root:/bin/bash\n';

function mkfifo(name: string): string {
  const p = path.join(scratch, name);
  const r = spawnSync('mkfifo', [p]);
  assert.equal(r.status, 0, `mkfifo failed: ${r.stderr}`);
  return p;
}

/** Runs the CLI with a time limit; a blocked read fails the test instead of hanging it. */
function imr(args: string[], limitMs = 30_000): Promise<{ code: number | null; out: string; err: string; ms: number }> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [path.join(DIST, 'cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err, ms: Date.now() - t0 });
    });
  });
}

/** Resolves with the value, or rejects after `ms` (a blocked server fails the test, not the run). */
function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms).unref())]);
}

after(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('the safe read (server/src/io.ts)', () => {
  test('a FIFO, a device, a directory: refused at once, without blocking, by both the sync and async reads', async () => {
    const fifo = mkfifo('pipe.txt');
    for (const file of [fifo, '/dev/zero', scratch]) {
      const t0 = Date.now();
      const sync = readRegularFileSync(file, { maxBytes: 1 << 20 });
      const async = await readRegularFile(file, { maxBytes: 1 << 20 });
      assert.ok(Date.now() - t0 < 2000, `${file}: took ${Date.now() - t0} ms`);
      assert.equal(sync.ok, false, file);
      assert.equal(async.ok, false, file);
      if (!sync.ok && !async.ok) {
        assert.match(sync.reason, file === scratch ? /is a directory/ : /not a regular file/);
        assert.equal(async.reason, sync.reason);
      }
    }
  });

  test('a regular file under the limit is read; over it, refused by its size before reading', async () => {
    const f = path.join(scratch, 'letter.txt');
    fs.writeFileSync(f, 'x'.repeat(3000));
    const ok = readRegularFileSync(f, { maxBytes: 3000 });
    assert.equal(ok.ok && ok.bytes.length, 3000);
    const big = await readRegularFile(f, { maxBytes: 2048, limitName: '--max-size' });
    assert.deepEqual(big, { ok: false, reason: 'is 3 KB, over the 2 KB limit (--max-size)' });
  });

  test('paths from settings: UNC, device and Windows device names are refused; ordinary paths are not', () => {
    for (const p of ['\\\\host\\share\\kb.json', '//host/share/kb.json', '\\\\.\\pipe\\x', '\\\\?\\C:\\kb.json', '/dev/zero', '/proc/self/environ', 'C:\\work\\NUL', 'con.json', 'COM1']) {
      assert.ok(refusedPath(p), `${p} should be refused`);
    }
    for (const p of ['/home/me/kb.json', 'C:\\Users\\me\\kb.json', 'kb/console.json', '~/knowledge.json', 'notes/nullable.json']) {
      assert.equal(refusedPath(p), null, `${p} should be allowed`);
    }
    assert.match(readRegularFileSync('//host/share/kb.json', { maxBytes: 100, localOnly: true }).ok ? '' : 'refused', /refused/);
  });

  test('the PDF reader takes only PDFs: a text file (even named .pdf) is refused and none of it comes back', async () => {
    const passwd = path.join(scratch, 'passwd');
    fs.writeFileSync(passwd, SECRET);
    const named = path.join(scratch, 'passwd.pdf');
    fs.writeFileSync(named, SECRET);
    for (const f of [passwd, named]) {
      const r = await readPdfFile(f);
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.match(r.reason, /not a PDF/);
        assert.doesNotMatch(r.reason, /SECRET|root:/);
      }
    }
  });
});

describe('imr on special files', () => {
  test('imr extract on a FIFO: refused at once, the other file still extracted', async () => {
    const fifo = mkfifo('letter-fifo.txt');
    const r = await imr(['extract', '--format', 'jsonl', fifo, seed000]);
    assert.notEqual(r.code, null, `imr was killed after ${r.ms} ms: a blocking read`);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /letter-fifo\.txt: is not a regular file/);
    assert.equal(r.out.trim().split('\n').length, 1, 'the good file was extracted');
    assert.ok(r.ms < 20_000, `took ${r.ms} ms`);
  });

  test('imr check on /dev/zero: refused, not read', async () => {
    const r = await imr(['check', '/dev/zero']);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /\/dev\/zero: is not a regular file/);
  });
});

describe('the server on special files', () => {
  const fifo = () => mkfifo(`x-${Date.now()}.pdf`);

  test('imr/readPdf: a FIFO named x.pdf, a directory, a text file: each refused with a message, and the server still answers', async () => {
    const server = await startServer();
    try {
      const passwd = path.join(scratch, 'etc-passwd');
      fs.writeFileSync(passwd, SECRET);
      for (const [file, words] of [
        [fifo(), /not a regular file/],
        [scratch, /is a directory/],
        [passwd, /not a PDF/],
      ] as const) {
        const r = (await within(10_000, `readPdf ${file}`, server.connection.sendRequest('imr/readPdf', { path: file }))) as { ok: boolean; message?: string; text?: string };
        assert.equal(r.ok, false, file);
        assert.match(r.message ?? '', words);
        assert.doesNotMatch(JSON.stringify(r), /SECRET|root:x/);
      }
      const uri = await server.open(seed000);
      const h = await within(10_000, 'hover', server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf('Page(s): 23', 9) }));
      assert.ok(h);
    } finally {
      await server.stop();
    }
  });

  /** Starts a server whose imr.knowledgeFile is `file`, hovers a citation, returns the warnings. */
  async function hoverWithKnowledgeFile(file: string): Promise<{ hover: string; messages: string[] }> {
    const server = await startServer(DEFAULT_CAPABILITIES, { settings: { knowledgeFile: file } });
    const messages: string[] = [];
    server.connection.onNotification(ShowMessageNotification.type, (m) => {
      messages.push(m.message);
    });
    try {
      const uri = await server.open(seed000);
      const h = (await within(10_000, `hover with knowledge file ${file}`, server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf('Page(s): 23', 9) }))) as Hover;
      // The warning is a notification sent before the answer; one more round trip makes sure it arrived.
      await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf('Page(s): 23', 9) });
      return { hover: (h.contents as MarkupContent).value, messages };
    } finally {
      await server.stop();
    }
  }

  function positionOf(needle: string, delta: number) {
    const at = seedText.indexOf(needle) + delta;
    const before = seedText.slice(0, at);
    return { line: before.split('\n').length - 1, character: at - before.lastIndexOf('\n') - 1 };
  }

  test('imr.knowledgeFile naming a FIFO, /dev/zero, a UNC path: hover answers from the bundled base, one warning each', async () => {
    for (const [file, words] of [
      [fifo(), /is not a regular file/],
      ['/dev/zero', /device/],
      ['//host/share/knowledge.json', /network \(UNC\)/],
    ] as const) {
      const { hover, messages } = await hoverWithKnowledgeFile(file);
      assert.match(hover, /Behavioral interventions/, file);
      assert.equal(messages.length, 1, messages.join('\n'));
      assert.match(messages[0], words);
      assert.match(messages[0], /bundled knowledge base only/);
    }
  });

  test('imr.knowledgeFile naming a file that is not JSON: reported by place, none of its text shown', async () => {
    const secret = path.join(scratch, 'secrets.txt');
    fs.writeFileSync(secret, SECRET.repeat(3));
    const notJson = path.join(scratch, 'almost.json');
    fs.writeFileSync(notJson, '{\n  "schemaVersion": 1,\n  "documents": [ SECRET-MARKER-4242 ]\n}\n');
    for (const file of [secret, notJson]) {
      const { hover, messages } = await hoverWithKnowledgeFile(file);
      assert.match(hover, /Behavioral interventions/);
      assert.equal(messages.length, 1, messages.join('\n'));
      assert.match(messages[0], /is not valid JSON/);
      assert.doesNotMatch(messages[0], /SECRET|root:x/);
    }
    const { messages } = await hoverWithKnowledgeFile(notJson);
    assert.match(messages[0], /line 3, column \d+/);
  });

  test('a knowledge file over the size limit is refused by its size', async () => {
    const big = path.join(scratch, 'big.json');
    fs.writeFileSync(big, '{"pad":"' + 'x'.repeat(5 * 1024 * 1024) + '"}');
    const { hover, messages } = await hoverWithKnowledgeFile(big);
    assert.match(hover, /Behavioral interventions/);
    assert.match(messages[0] ?? '', /over the 4 MB limit/);
  });
});

before(() => {
  assert.ok(fs.existsSync(path.join(DIST, 'cli.js')), 'build first');
});

describe('the vocabulary file (imr --vocabulary, imr.vocabularyFile)', () => {
  test('a file that is not JSON: reported by place, none of its text shown (as for the knowledge file)', () => {
    const dir = tempDir('imr-vocabulary-');
    try {
      const notJson = path.join(dir, 'almost.json');
      fs.writeFileSync(notJson, '{\n  "version": 1,\n  "terms": [ SECRET-MARKER-4242 ]\n}\n');
      const binary = path.join(dir, 'binary.json');
      fs.writeFileSync(binary, Buffer.from([0x27, 0xea, 0xbe, 0x9d, 0x53, 0x45, 0x43, 0x52, 0x45, 0x54]));
      const first = loadVocabularyFile(notJson);
      assert.deepEqual(first.errors, ['cannot be read as JSON (not valid JSON: line 3, column 14)']);
      const second = loadVocabularyFile(binary);
      assert.equal(second.errors.length, 1);
      assert.match(second.errors[0], /^cannot be read as JSON \(not valid JSON: line 1, column 1\)$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
