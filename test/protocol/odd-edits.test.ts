/**
 * Edits and document lifecycles an editor seldom sends but the protocol lets through: a change
 * whose range is given end first, a document opened again without a close, versions that go
 * backwards, a change that arrives while a large document is being parsed. After each, the
 * server's answers must equal a fresh server's for the same text. The text each edit leaves is
 * computed with vscode-languageserver-textdocument (the reference implementation of the edits).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import {
  ConfigurationRequest, DidChangeTextDocumentNotification, DocumentSymbol, ErrorCodes, ExitNotification, Range, ShutdownRequest, DidOpenTextDocumentNotification, DocumentDiagnosticRequest, HoverRequest, LSPErrorCodes, ResponseError, DocumentSymbolRequest, FoldingRangeRequest, SemanticTokensRequest,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIXTURES } from '../paths';
import { DEFAULT_CAPABILITIES, startServer, TestServer } from './client';
import { fixtureTexts } from '../core/corpus';
import { concatenated } from '../robustness/sizes';

const LETTERS = path.join(FIXTURES, 'letters');
const files = fs.readdirSync(LETTERS).filter((f) => f.endsWith('.txt')).sort();
const letterText = (k: number) => fs.readFileSync(path.join(LETTERS, files[k % files.length]), 'utf8');

/** The whole-document answers for `uri`, with the document's URI written `URI`. */
async function wholeAnswers(server: TestServer, uri: string): Promise<Record<string, unknown>> {
  const textDocument = { uri };
  const c = server.connection;
  const all = {
    outline: await c.sendRequest(DocumentSymbolRequest.type, { textDocument }),
    folding: await c.sendRequest(FoldingRangeRequest.type, { textDocument }),
    semanticTokens: (await c.sendRequest(SemanticTokensRequest.type, { textDocument }))?.data,
    diagnostics: await c.sendRequest(DocumentDiagnosticRequest.type, { textDocument }),
  };
  return JSON.parse(JSON.stringify(all).split(JSON.stringify(uri).slice(1, -1)).join('URI')) as Record<string, unknown>;
}

describe('odd edits and lifecycles', () => {
  let server: TestServer;
  let fresh: TestServer;
  let opened = 0;
  before(async () => {
    server = await startServer();
    fresh = await startServer();
  });
  after(async () => {
    await server.stop();
    await fresh.stop();
    assert.equal(server.stderr(), '', 'the server logged errors');
  });

  /** Asserts that every whole-document answer for `uri` equals a fresh server's for `text`. */
  async function sameAsFresh(uri: string, text: string, what: string): Promise<Record<string, unknown>> {
    const got = await wholeAnswers(server, uri);
    const freshUri = await fresh.open(path.join(FIXTURES, `odd-edits-fresh-${++opened}.imr`), text);
    const expected = await wholeAnswers(fresh, freshUri);
    await fresh.close(freshUri);
    assert.ok((expected.outline as unknown[]).length > 0, what);
    for (const kind of Object.keys(expected)) assert.deepEqual(got[kind], expected[kind], `${kind} after ${what}`);
    return expected;
  }

  test('a change whose range is given end first, across three letters of a merged file, then an insertion of the same length', async () => {
    const parts = [3, 17, 40, 55, 70].map(letterText);
    let ref = TextDocument.create('file:///reference', 'imr', 1, parts.join('\n'));
    const uri = await server.open(path.join(FIXTURES, 'odd-edits-reversed.imr'), ref.getText());
    assert.equal(((await sameAsFresh(uri, ref.getText(), 'the open')).outline as unknown[]).length, 5, 'one outline entry per letter');
    // From inside the second letter to inside the fourth, the range written end first.
    const a = parts[0].length + 1 + 500;
    const b = parts[0].length + parts[1].length + parts[2].length + 3 + 500;
    const reversed: TextDocumentContentChangeEvent = { range: { start: ref.positionAt(b), end: ref.positionAt(a) }, text: '' };
    const afterFirst = TextDocument.update(TextDocument.create('file:///reference', 'imr', 1, ref.getText()), [reversed], 2);
    const at = afterFirst.getText().length - 200;
    // Then as many characters put back near the end: the text is as long as before.
    const insert: TextDocumentContentChangeEvent = { range: { start: afterFirst.positionAt(at), end: afterFirst.positionAt(at) }, text: 'x'.repeat(b - a) };
    ref = TextDocument.update(ref, [reversed, insert], 2);
    assert.equal(ref.getText().length, parts.join('\n').length);
    await server.change(uri, 2, [reversed, insert]);
    const now = await sameAsFresh(uri, ref.getText(), 'the reversed range and the insertion');
    assert.equal((now.outline as unknown[]).length, 3, 'the letters the range crossed are one now');
    await server.close(uri);
  });

  test('a document opened again without a close, at the same version, and versions going backwards: each text answered as its own', async () => {
    const [a, b, c] = [5, 9, 61].map(letterText);
    const uri = await server.open(path.join(FIXTURES, 'odd-edits-reopened.imr'), a);
    await sameAsFresh(uri, a, 'the open');
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'imr', version: 1, text: b } });
    await sameAsFresh(uri, b, 'a second open at version 1 with another letter');
    // Versions 5, 3 and 5 again, each a whole text.
    await server.change(uri, 5, [{ text: a }]);
    await sameAsFresh(uri, a, 'version 5');
    await server.change(uri, 3, [{ text: c }]);
    await sameAsFresh(uri, c, 'version 3 after 5');
    await server.change(uri, 5, [{ text: b }]);
    await sameAsFresh(uri, b, 'version 5 again, with another text');
    await server.close(uri);
  });
});

describe('positions that are not whole numbers', () => {
  test('changes whose positions are fractions, numeric strings, null or missing apply as their whole-number part (0 when none), and every answer equals a fresh server\'s for that text', async () => {
    const server = await startServer();
    const fresh = await startServer();
    try {
      const parts = [3, 17, 40].map(letterText);
      let ref = TextDocument.create('file:///reference', 'imr', 1, parts.join('\n'));
      const uri = await server.open(path.join(FIXTURES, 'odd-edits-positions.imr'), ref.getText());
      await wholeAnswers(server, uri);
      const middle = ref.positionAt(parts[0].length + 200).line;
      // Each as sent, and the whole-number positions it stands for.
      const odd: [unknown, unknown, Range][] = [
        [{ line: middle + 0.5, character: 0 }, { line: middle + 3.75, character: 2.5 }, { start: { line: middle, character: 0 }, end: { line: middle + 3, character: 2 } }],
        [{ line: String(middle), character: '4' }, { line: String(middle + 1), character: '0' }, { start: { line: middle, character: 4 }, end: { line: middle + 1, character: 0 } }],
        [{ line: null, character: null }, { line: 2 }, { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }],
        [{}, { line: 1, character: 'x' }, { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }],
      ];
      let version = 1;
      for (const [start, end, meant] of odd) {
        const what = `a change from ${JSON.stringify(start)} to ${JSON.stringify(end)}`;
        ref = TextDocument.update(ref, [{ range: meant, text: 'Page(s): 12\n' }], ++version);
        await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
          textDocument: { uri, version },
          contentChanges: [{ range: { start, end }, text: 'Page(s): 12\n' }] as TextDocumentContentChangeEvent[],
        });
        const got = await wholeAnswers(server, uri);
        const freshUri = await fresh.open(path.join(FIXTURES, `odd-edits-positions-${version}.imr`), ref.getText());
        const expected = await wholeAnswers(fresh, freshUri);
        await fresh.close(freshUri);
        for (const kind of Object.keys(expected)) assert.deepEqual(got[kind], expected[kind], `${kind} after ${what}`);
      }
      // A change with "range": null replaces the whole text.
      const whole = parts.slice(1).join('\n');
      await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: ++version },
        contentChanges: [{ range: null, text: whole }] as unknown as TextDocumentContentChangeEvent[],
      });
      const freshUri = await fresh.open(path.join(FIXTURES, 'odd-edits-positions-whole.imr'), whole);
      assert.deepEqual(await wholeAnswers(server, uri), await wholeAnswers(fresh, freshUri), 'after a change with range null');
      // Requests at such positions answer too.
      const position = { line: middle + 0.5, character: '3' } as unknown as { line: number; character: number };
      await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
      assert.equal(server.stderr(), '');
    } finally {
      await server.stop();
      await fresh.stop();
    }
  });
});

describe('a change that arrives while a large document is parsed in slices', () => {
  test('the request is answered for the new text or as content modified; the next answers equal a fresh server\'s', async () => {
    const server = await startServer();
    const fresh = await startServer();
    try {
      const c = server.connection;
      const text = concatenated(
        fixtureTexts().map((f) => f.text),
        2_000_000,
      );
      const small = await server.open(path.join(FIXTURES, 'odd-edits-small.imr'), letterText(3));
      const uri = await server.open(path.join(FIXTURES, 'odd-edits-large.imr'), text);
      const first = c.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }).then(
        (r) => r as DocumentSymbol[],
        (e: unknown) => e,
      );
      // A small request is answered between two slices of the parse: it has begun.
      await c.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: small } });
      // The second half of the text taken out.
      const kept = text.slice(0, text.indexOf('\n', text.length >> 1) + 1);
      const lines = kept.split('\n').length - 1;
      await server.change(uri, 2, [{ range: { start: { line: lines, character: 0 }, end: { line: lines + 10_000_000, character: 0 } }, text: '' }]);
      const freshUri = await fresh.open(path.join(FIXTURES, 'odd-edits-large.imr'), kept);
      const expected = await fresh.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: freshUri } });
      const answer = await first;
      if (answer instanceof ResponseError) assert.equal(answer.code, LSPErrorCodes.ContentModified, answer.message);
      else assert.deepEqual(answer, expected, 'the first answer is of neither text');
      assert.deepEqual(await c.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }), expected);
      assert.deepEqual(await wholeAnswers(server, uri), await wholeAnswers(fresh, freshUri));
      assert.equal(server.stderr(), '');
    } finally {
      await server.stop();
      await fresh.stop();
    }
  });
});

describe('a change that arrives while a request waits for the settings', () => {
  test('the request is answered as content modified, not from the new text and the old analysis; the next one answers', async () => {
    // A client with settings of its own: the server asks it for them (workspace/configuration),
    // and before answering, the client sends a change (40 lines added at the top).
    let beforeAnswer: (() => Promise<void>) | undefined;
    const server = await startServer({ ...DEFAULT_CAPABILITIES, workspace: { configuration: true, workspaceFolders: false } }, undefined, {
      setup: (connection) =>
        connection.onRequest(ConfigurationRequest.type, async (params) => {
          const hook = beforeAnswer;
          beforeAnswer = undefined;
          await hook?.();
          return params.items.map(() => ({}));
        }),
    });
    try {
      const text = letterText(40);
      const uri = await server.open(path.join(FIXTURES, 'odd-edits-settings.imr'), text);
      const lines = text.split('\n');
      const line = lines.findIndex((l) => /Section\(s\): \S|Page\(s\): \d/.test(l));
      assert.ok(line >= 0, 'a cited section or page');
      const character = lines[line].indexOf('(s): ') + 5;
      const added = 'an added line\n'.repeat(40);
      beforeAnswer = () =>
        server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
          textDocument: { uri, version: 2 },
          contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: added }],
        });
      await assert.rejects(
        server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } }),
        (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.ContentModified,
      );
      assert.equal(beforeAnswer, undefined, 'the settings were asked for');
      // Asked again where the citation now is: answered.
      const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: line + 40, character } });
      assert.ok(hover, 'no hover on the citation after the change');
      assert.equal(server.stderr(), '');
    } finally {
      await server.stop();
    }
  });
});

describe('requests after shutdown', () => {
  test('are answered with InvalidRequest; exit then ends the server with code 0', async () => {
    const server = await startServer();
    try {
      const uri = await server.open(path.join(FIXTURES, 'odd-edits-shutdown.imr'), letterText(3));
      const textDocument = { uri };
      const position = { line: 3, character: 4 };
      assert.ok(((await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument })) as unknown[]).length > 0);
      await server.connection.sendRequest(ShutdownRequest.type);
      const requests: [string, unknown][] = [
        ['textDocument/documentSymbol', { textDocument }],
        ['textDocument/hover', { textDocument, position }],
        ['textDocument/formatting', { textDocument, options: { tabSize: 4, insertSpaces: true } }],
        ['textDocument/diagnostic', { textDocument }],
        ['workspace/executeCommand', { command: 'imr.server.extract', arguments: [{ uri, kind: 'decisions', format: 'json' }] }],
        ['workspace/symbol', { query: 'CM' }],
      ];
      for (const [method, params] of requests) {
        await assert.rejects(
          server.connection.sendRequest(method, params),
          (e: unknown) => e instanceof ResponseError && e.code === ErrorCodes.InvalidRequest,
          method,
        );
      }
      await server.connection.sendNotification(ExitNotification.type);
      assert.equal(await server.exited, 0);
    } finally {
      // On a failure above: the server still runs.
      if (server.child.exitCode === null) server.child.kill();
      await server.exited;
      server.connection.dispose();
    }
  });
});
