/**
 * The server's commands (workspace/executeCommand) given missing or mistyped arguments: each is
 * answered with InvalidParams and a message naming what is wrong, before any work is done (no
 * file is written, no folder searched); the server stays up and a good call still answers.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { CancellationTokenSource, ErrorCodes, ExecuteCommandRequest, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { ServerCommands } from '../../server/src/protocol';
import { COMMAND_PARAMS } from '../../server/src/lsp/command-params';
import { FIXTURES } from '../paths';
import { startServer, TestServer } from './client';
import { tempDir } from '../temp';

const LETTER_FILE = path.join(FIXTURES, 'letters', '2017_format1b_CM16-0238035.txt');

describe('server commands with bad arguments', () => {
  let server: TestServer;
  let dir: string;
  let uri: string;
  before(async () => {
    server = await startServer();
    dir = tempDir('imr-command-params-');
    uri = await server.open(LETTER_FILE);
  });
  after(async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('every command the server offers has its argument checked', () => {
    const offered = server.initialized.capabilities.executeCommandProvider?.commands ?? [];
    assert.deepEqual([...offered].sort(), Object.values(ServerCommands).sort());
    for (const command of offered) assert.equal(typeof COMMAND_PARAMS[command], 'function', command);
  });

  test('each bad argument is refused with InvalidParams naming the field, and nothing is done', async () => {
    const output = path.join(dir, 'out.csv');
    const anyCommand: unknown[][] = [[], [null], [5], ['text'], [[1, 2]]];
    const bad: [string, unknown[], string][] = [
      ...Object.values(ServerCommands).flatMap((command) => anyCommand.map((args): [string, unknown[], string] => [command, args, 'object'])),
      [ServerCommands.extract, [{ uri, kind: 'decisions' }], '"format"'],
      [ServerCommands.extract, [{ uri, kind: 'decisions', format: 'xml' }], '"format"'],
      [ServerCommands.extract, [{ uri, kind: 'everything', format: 'json' }], '"kind"'],
      [ServerCommands.extract, [{ uri: 5, kind: 'decisions', format: 'json' }], '"uri"'],
      [ServerCommands.extract, [{ uri, kind: 'item', format: 'json', index: 'first' }], '"index"'],
      [ServerCommands.extract, [{ uri, kind: 'item', format: 'json', position: { line: '3' } }], '"position"'],
      [ServerCommands.deadlines, [{ file: uri }], '"uri"'],
      [ServerCommands.showSideBySide, [{ uri, ranges: 'here' }], '"ranges"'],
      [ServerCommands.showSideBySide, [{ uri, ranges: [{}] }], '"ranges"'],
      // A path where a list of paths belongs: read character by character, the first one, "/",
      // would be the whole file system. (Characters that name no file here keep the test short
      // even when the check is missing.)
      [ServerCommands.extractFiles, [{ inputs: 'qzx', format: 'csv', output }], '"inputs"'],
      [ServerCommands.extractFiles, [{ inputs: [5], format: 'csv', output }], '"inputs"'],
      [ServerCommands.extractFiles, [{ inputs: [LETTER_FILE], format: 'xml', output }], '"format"'],
      [ServerCommands.extractFiles, [{ inputs: [LETTER_FILE], format: 'csv' }], '"output"'],
      [ServerCommands.extractFiles, [{ inputs: [LETTER_FILE], format: 'csv', output, overwrite: 'yes' }], '"overwrite"'],
      [ServerCommands.insights, [{ inputs: 'qzx' }], '"inputs"'],
      [ServerCommands.insights, [{ inputs: [], open: uri }], '"open"'],
    ];
    for (const [command, args, names] of bad) {
      const what = `${command} ${JSON.stringify(args)}`;
      await assert.rejects(
        server.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }),
        (e: unknown) => e instanceof ResponseError && e.code === ErrorCodes.InvalidParams && e.message.includes(names),
        what,
      );
    }
    assert.deepEqual(fs.readdirSync(dir), [], 'a file was written');
  });

  test('good arguments are still answered', async () => {
    const extracted = (await server.connection.sendRequest(ExecuteCommandRequest.type, {
      command: ServerCommands.extract,
      arguments: [{ uri, kind: 'decisions', format: 'csv', position: { line: 0, character: 0 }, bom: false }],
    })) as { rows: number; content: string } | null;
    assert.ok(extracted && extracted.rows > 0 && extracted.content.length > 0);
    const output = path.join(dir, 'good.csv');
    const written = (await server.connection.sendRequest(ExecuteCommandRequest.type, {
      command: ServerCommands.extractFiles,
      arguments: [{ inputs: [LETTER_FILE], format: 'csv', output }],
    })) as { output: string | null; letters: number };
    assert.equal(written.output, output);
    assert.equal(written.letters, 1);
    const stats = (await server.connection.sendRequest(ExecuteCommandRequest.type, {
      command: ServerCommands.insights,
      arguments: [{ inputs: [LETTER_FILE], open: [uri] }],
    })) as { files: number };
    assert.equal(stats.files, 2);
  });

  test('standard requests with a missing or mistyped field: InvalidParams naming it, or the field read as absent', async () => {
    const position = { line: 0, character: 0 };
    const refused: [string, unknown, string][] = [
      ['workspace/symbol', { query: null }, '"query"'],
      ['workspace/symbol', {}, '"query"'],
      ['textDocument/references', { position, context: { includeDeclaration: true } }, '"textDocument.uri"'],
      ['textDocument/references', { textDocument: { uri }, position: { line: 'one' } }, '"position"'],
      ['textDocument/definition', { textDocument: { uri: 5 }, position }, '"textDocument.uri"'],
      ['imr/readPdf', null, '"path"'],
      ['imr/readPdf', { path: 5 }, '"path"'],
    ];
    for (const [method, params, names] of refused) {
      await assert.rejects(
        server.connection.sendRequest(method, params),
        (e: unknown) => e instanceof ResponseError && e.code === ErrorCodes.InvalidParams && e.message.includes(names),
        `${method} ${JSON.stringify(params)}`,
      );
    }
    // A field the client may leave out: references without "context" are the references alone;
    // result ids that are not result ids are none.
    const references = await server.connection.sendRequest('textDocument/references', { textDocument: { uri }, position });
    assert.ok(Array.isArray(references) || references === null);
    // A workspace pull with nothing new to report is held until the library changes: each is
    // cancelled once sent, and must end as a report or as cancelled, not as a failure.
    for (const params of [{}, { previousResultIds: null }, { previousResultIds: [null, 5, { uri: 1 }] }]) {
      const source = new CancellationTokenSource();
      const pulled = server.connection.sendRequest('workspace/diagnostic', params, source.token);
      source.cancel();
      await pulled.then(
        (report) => assert.ok(Array.isArray((report as { items: unknown[] }).items), JSON.stringify(params)),
        (e: unknown) => assert.ok(e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled, `${JSON.stringify(params)}: ${String(e)}`),
      );
    }
    const symbols = await server.connection.sendRequest('workspace/symbol', { query: '' });
    assert.ok(Array.isArray(symbols));
  });
});
