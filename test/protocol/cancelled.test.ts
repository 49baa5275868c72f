/**
 * Every request the server answers can be cancelled: a request whose cancel arrives right behind
 * it (the editor moved on) is answered as cancelled, not run. Each kind is sent ten times, each
 * cancelled at once; a cancel can reach the server after its request has started, so the check
 * is that some of each kind are answered as cancelled and none fails otherwise.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { LibraryMethods } from '../../server/src/library-protocol';
import { ServerCommands } from '../../server/src/protocol';
import { FIXTURES } from '../paths';
import { startServer, TestServer } from './client';
import { tempDir } from '../temp';

const LETTER_FILE = path.join(FIXTURES, 'letters', '2017_format1b_CM16-0238035.txt');

describe('requests cancelled as they are sent', () => {
  let server: TestServer;
  let folder: string;
  let uri: string;
  before(async () => {
    // A workspace of one letter: the library answers workspace symbols, references and definitions.
    folder = tempDir('imr-cancelled-');
    fs.copyFileSync(LETTER_FILE, path.join(folder, 'letter.txt'));
    server = await startServer(undefined, undefined, { folders: [folder] });
    uri = await server.open(path.join(folder, 'letter.txt'));
  });
  after(async () => {
    await server.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  test('each kind of request is answered as cancelled', async () => {
    const textDocument = { uri };
    const position = { line: 3, character: 4 };
    const requests: [string, unknown][] = [
      ['textDocument/formatting', { textDocument, options: { tabSize: 4, insertSpaces: true } }],
      ['workspace/executeCommand', { command: ServerCommands.extract, arguments: [{ uri, kind: 'decisions', format: 'json' }] }],
      ['workspace/executeCommand', { command: ServerCommands.deadlines, arguments: [{ uri }] }],
      ['workspace/symbol', { query: 'CM16' }],
      ['textDocument/references', { textDocument, position, context: { includeDeclaration: true } }],
      ['textDocument/definition', { textDocument, position }],
      [LibraryMethods.groups, { by: 'case', filter: '' }],
      [LibraryMethods.group, { by: 'case', key: 'CM16-0238035' }],
      [LibraryMethods.similar, { uri, position }],
      ['textDocument/hover', { textDocument, position }],
      ['textDocument/documentSymbol', { textDocument }],
    ];
    const failures: string[] = [];
    for (const [method, params] of requests) {
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, () => {
          const source = new CancellationTokenSource();
          const answer = server.connection.sendRequest(method, params, source.token).then(
            () => 'ran',
            (e: unknown) => (e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled ? 'cancelled' : `failed: ${String(e)}`),
          );
          source.cancel();
          return answer;
        }),
      );
      const what = `${method} ${JSON.stringify(params).slice(0, 60)}`;
      for (const o of outcomes) if (o.startsWith('failed')) failures.push(`${what}: ${o}`);
      if (!outcomes.includes('cancelled')) failures.push(`${what}: none of 10 answered as cancelled`);
    }
    assert.deepEqual(failures, []);
    // Not cancelled, each still answers.
    for (const [method, params] of requests) await server.connection.sendRequest(method, params);
  });
});
