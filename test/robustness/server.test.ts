/**
 * The language server (dist/server.js over stdio) survives what clients and files do to it: a
 * client that goes away without shutdown/exit, full-text changes, requests for documents it never
 * saw, binary content and invalid UTF-8 sent as document text, malformed requests and messages,
 * and a 10 MB document. Waits are polls with a deadline, never fixed sleeps.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import {
  CodeActionRequest, CodeLensRequest, DocumentDiagnosticReport, DocumentDiagnosticRequest, DocumentSymbol, DocumentSymbolRequest, SymbolKind,
  ExecuteCommandRequest, FoldingRangeRequest, HoverRequest, InlayHintRequest, ResponseError,
} from 'vscode-languageserver-protocol/node';
import { findCitations, LineIndex, parseDocument } from '../../server/src/core';
import { fixtureTexts } from '../core/corpus';
import { FIXTURES } from '../paths';
import { startServer, TestServer } from '../protocol/client';
import { concatenated } from './sizes';

const LETTER_FILE = path.join(FIXTURES, 'letters', '2017_format1b_CM16-0238035.txt');
const corpus = fixtureTexts();
const LETTER = corpus.find((f) => f.name === 'letters/2017_format1b_CM16-0238035.txt')!.text;
const OTHER = corpus.find((f) => f.name === 'letters/2017_format1b_CM16-0239569.txt')!.text;

/** Polls `condition` every few milliseconds until it holds or `ms` pass. */
async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

async function symbols(server: TestServer, uri: string): Promise<DocumentSymbol[]> {
  return (await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
}

async function pull(server: TestServer, uri: string) {
  const r = (await server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as DocumentDiagnosticReport;
  assert.equal(r.kind, 'full');
  return (r as { items: { code?: string | number; message: string }[] }).items;
}

/** The items' names: the top-level symbols after the issues section's heading (lsp/symbols.ts hoistItems). */
function itemNames(list: DocumentSymbol[]): string[] {
  const at = list.findIndex((s) => s.name === 'IMR issues, decisions and rationales');
  return at < 0 ? [] : list.slice(at + 1).filter((s) => s.kind !== SymbolKind.Namespace).map((c) => c.name);
}

/** Writes one JSON-RPC message with a body given as raw bytes (to send what a library would not). */
function writeRaw(server: TestServer, body: Buffer): void {
  server.child.stdin!.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
}

describe('a client that goes away', () => {
  test('stdin closed without shutdown or exit: the server exits by itself', async () => {
    const server = await startServer();
    const uri = await server.open(LETTER_FILE);
    assert.ok((await symbols(server, uri)).length > 0);
    server.child.stdin!.end();
    const exited = await until(() => server.child.exitCode !== null || server.child.signalCode !== null, 10_000);
    assert.ok(exited, 'the server was still running 10 s after its input closed');
    server.connection.dispose();
  });

  test('both pipes closed mid-conversation (a killed client): the server exits by itself', async () => {
    const server = await startServer();
    const uri = await server.open(LETTER_FILE);
    // A request is in flight when the client disappears.
    void server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }).catch(() => undefined);
    server.child.stdout!.destroy();
    server.child.stdin!.destroy();
    const exited = await until(() => server.child.exitCode !== null || server.child.signalCode !== null, 10_000);
    assert.ok(exited, 'the server was still running 10 s after both pipes closed');
    server.connection.dispose();
  });
});

describe('documents and requests the server does not expect', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
    assert.equal(server.child.exitCode, 0, `the server exited with ${server.child.exitCode}; stderr:\n${server.stderr()}`);
  });

  test('full-text changes replace the document; incremental changes still apply after one', async () => {
    const uri = await server.open(path.join(FIXTURES, 'robustness-full-text.imr'), LETTER);
    const before = itemNames(await symbols(server, uri));
    assert.ok(before.length > 0);
    await server.change(uri, 2, [{ text: OTHER }]);
    const expected = parseDocument(OTHER)[0].items.map((i) => i.request);
    const afterFull = itemNames(await symbols(server, uri));
    assert.deepEqual(afterFull.length, expected.length);
    assert.notDeepEqual(afterFull, before);
    // Now an incremental edit on top of the new text: delete everything after the first line.
    const lines = new LineIndex(OTHER);
    await server.change(uri, 3, [{ range: { start: { line: 1, character: 0 }, end: lines.positionAt(OTHER.length) }, text: '' }]);
    assert.deepEqual(itemNames(await symbols(server, uri)), []);
    // And a full text again, with CRLF line ends this time.
    await server.change(uri, 4, [{ text: LETTER.replace(/\n/g, '\r\n') }]);
    assert.deepEqual(itemNames(await symbols(server, uri)), before);
  });

  test('requests for a document the server never saw answer empty, not with an error', async () => {
    const textDocument = { uri: 'file:///nowhere/never-opened.imr' };
    const range = { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } };
    const c = server.connection;
    assert.deepEqual(await c.sendRequest(DocumentSymbolRequest.type, { textDocument }), []);
    assert.deepEqual(await c.sendRequest(FoldingRangeRequest.type, { textDocument }), []);
    assert.equal(await c.sendRequest(HoverRequest.type, { textDocument, position: { line: 0, character: 0 } }), null);
    assert.deepEqual(await c.sendRequest(CodeLensRequest.type, { textDocument }), []);
    assert.deepEqual(await c.sendRequest(InlayHintRequest.type, { textDocument, range }), []);
    assert.deepEqual(await c.sendRequest(CodeActionRequest.type, { textDocument, range, context: { diagnostics: [] } }), []);
    assert.deepEqual(await pull(server, textDocument.uri), []);
    const extracted = await c.sendRequest(ExecuteCommandRequest.type, {
      command: 'imr.server.extract',
      arguments: [{ uri: textDocument.uri, kind: 'decisions', format: 'json' }],
    });
    assert.equal(extracted, null);
    // A change and a close for it are ignored too, and the server still answers.
    await server.change(textDocument.uri, 2, [{ text: 'anything' }]);
    await server.close(textDocument.uri);
    assert.deepEqual(await c.sendRequest(DocumentSymbolRequest.type, { textDocument }), []);
  });

  const oddTexts: [string, string, string | null][] = [
    ['NUL bytes', '\u0000'.repeat(5000) + LETTER, 'not-text'],
    ['binary data decoded as Latin-1', Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 2654435761) >>> 24)).toString('latin1'), 'not-text'],
    ['lone surrogates through a letter', LETTER.replace(/e/g, '\ud800').replace(/a/g, '\udfff'), null],
    ['U+FFFD runs', '\ufffd'.repeat(20_000), 'not-text'],
    ['a letter with U+FFFD runs between its lines', LETTER.replace(/\n/g, '\n\ufffd\ufffd\ufffd'), null],
    ['control characters and odd line ends', LETTER.replace(/\n/g, '\r').replace(/ /g, '\u000b\u2028'), null],
  ];
  for (const [name, text, code] of oddTexts) {
    test(`${name}: diagnostics, outline and hover answer, the server stays up`, async () => {
      const uri = await server.open(path.join(FIXTURES, `robustness-${name.replace(/\W+/g, '-')}.imr`), text);
      const diagnostics = await pull(server, uri);
      assert.ok(Array.isArray(diagnostics));
      if (code) assert.ok(diagnostics.some((d) => d.code === code), `no ${code} among ${diagnostics.map((d) => d.code).join(', ')}`);
      assert.ok(Array.isArray(await symbols(server, uri)));
      await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 3, character: 2 } });
      await server.close(uri);
      assert.equal(server.child.exitCode, null);
    });
  }

  test('invalid UTF-8 bytes inside a message: the document still opens and is answered', async () => {
    const uri = 'file:///robustness/invalid-utf8.imr';
    const head = Buffer.from(JSON.stringify({
      jsonrpc: '2.0',
      method: 'textDocument/didOpen',
      params: { textDocument: { uri, languageId: 'imr', version: 1, text: '@@TEXT@@' } },
    }));
    const at = head.indexOf('@@TEXT@@');
    const bad = Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0xed, 0xa0, 0x80, 0xc0, 0xaf]);
    const letterBytes = Buffer.from(JSON.stringify(LETTER).slice(1, -1));
    writeRaw(server, Buffer.concat([head.subarray(0, at), bad, letterBytes, bad, head.subarray(at + 8)]));
    const diagnostics = await pull(server, uri);
    assert.ok(Array.isArray(diagnostics));
    const list = await symbols(server, uri);
    assert.ok(list.length > 0, 'the letter after the invalid bytes was not read');
    await server.close(uri);
  });

  test('malformed requests get an error each, and the next request is answered', async () => {
    const c = server.connection;
    const uri = await server.open(path.join(FIXTURES, 'robustness-malformed.imr'), LETTER);
    const failures: [string, Promise<unknown>][] = [
      ['documentSymbol without textDocument', c.sendRequest('textDocument/documentSymbol', {})],
      ['hover without position', c.sendRequest('textDocument/hover', { textDocument: { uri } })],
      ['diagnostic with params null', c.sendRequest('textDocument/diagnostic', null)],
      ['codeAction without context', c.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: null })],
      ['an unknown method', c.sendRequest('imr/noSuchMethod', { x: 1 })],
      ['an unknown command', c.sendRequest(ExecuteCommandRequest.type, { command: 'imr.server.noSuchCommand', arguments: [] })],
    ];
    for (const [name, p] of failures) {
      await assert.rejects(p, (e: unknown) => e instanceof ResponseError || (e as { code?: unknown }).code !== undefined, name);
    }
    // Requests with odd but well-typed arguments are answered.
    const extract = c.sendRequest(ExecuteCommandRequest.type, { command: 'imr.server.extract', arguments: [{ uri, kind: 'no-such-kind', format: 'json' }] });
    await extract.then(
      () => undefined,
      (e: unknown) => assert.ok(e instanceof ResponseError, String(e)),
    );
    const pdf = (await c.sendRequest('imr/readPdf', { path: path.join(FIXTURES, 'no-such-file.pdf') })) as { ok: boolean };
    assert.equal(pdf.ok, false);
    // The server still answers, with the right content.
    assert.ok(itemNames(await symbols(server, uri)).length > 0);
    await server.close(uri);
  });

  test('a message that is not JSON does not stop the server', async () => {
    writeRaw(server, Buffer.from('{"jsonrpc":"2.0","id":99999,"method":"textDocument/hover","params":{nope'));
    const uri = await server.open(path.join(FIXTURES, 'robustness-after-garbage.imr'), LETTER);
    assert.ok(itemNames(await symbols(server, uri)).length > 0);
    assert.equal(server.child.exitCode, null);
    await server.close(uri);
  });
});

describe('a 10 MB merged case file', () => {
  let server: TestServer;
  const text = concatenated(corpus.map((f) => f.text), 10_000_000);
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });

  test('opens and answers documentSymbol, hover and diagnostics within bounds', async (t) => {
    const uri = await server.open(path.join(FIXTURES, 'robustness-10mb.imr'), text);
    let t0 = Date.now();
    const list = await symbols(server, uri);
    const symbolMs = Date.now() - t0;
    const letters = parseDocument(text);
    assert.equal(list.length, letters.length, 'one outline entry per letter');
    // Hover on a citation in the middle letter.
    const middle = letters[letters.length >> 1];
    const cite = findCitations(middle, text)[0];
    const position = new LineIndex(text).positionAt(cite.locatorSpans[0]?.start ?? cite.span.start);
    t0 = Date.now();
    const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    const hoverMs = Date.now() - t0;
    assert.ok(hover, 'no hover on a citation of the 10 MB file');
    t0 = Date.now();
    const diagnostics = await pull(server, uri);
    const diagnosticMs = Date.now() - t0;
    t.diagnostic(`${text.length} characters, ${letters.length} letters: documentSymbol ${symbolMs} ms (parse included), hover ${hoverMs} ms, diagnostics ${diagnosticMs} ms (${diagnostics.length})`);
    // Bounds for a shared 2-core machine; `npm run bench` measures the latencies properly.
    assert.ok(symbolMs < 20_000, `documentSymbol took ${symbolMs} ms`);
    assert.ok(hoverMs < 10_000, `hover took ${hoverMs} ms`);
    assert.ok(diagnosticMs < 30_000, `diagnostics took ${diagnosticMs} ms`);
  });
});
