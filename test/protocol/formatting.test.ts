/**
 * textDocument/formatting over stdio: off by default (no edits, and one message saying how to turn
 * it on), and with `imr.formatting` on, the repairs of a seed's extraction damage as edits that a
 * client applies; formatting the result again changes nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { DocumentFormattingRequest, ShowMessageNotification, ShowMessageParams, TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIXTURES } from '../paths';
import { DEFAULT_CAPABILITIES, startServer, TestServer } from './client';

const seed002 = path.join(FIXTURES, 'seeds', '002_bb4913a5b984f6c8.txt');
const seedText = fs.readFileSync(seed002, 'utf8');

async function format(server: TestServer, uri: string): Promise<TextEdit[]> {
  const edits = await server.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
  assert.ok(Array.isArray(edits));
  return edits;
}

describe('formatting over stdio, setting on', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer(DEFAULT_CAPABILITIES, { settings: { formatting: true } });
  });
  after(async () => {
    await server.stop();
  });

  test('the server declares formatting', () => {
    assert.equal(server.initialized.capabilities.documentFormattingProvider, true);
  });

  test('seed 002: mojibake repaired and the padding lines gone; formatting again changes nothing', async () => {
    const uri = await server.open(seed002);
    const edits = await format(server, uri);
    assert.ok(edits.length > 50, `${edits.length} edits`);
    const formatted = TextDocument.applyEdits(TextDocument.create(uri, 'imr', 1, seedText), edits);
    assert.ok(seedText.includes('Â§'));
    assert.ok(!formatted.includes('Â§'));
    assert.ok(formatted.includes('§§9792.20'));
    assert.ok(!formatted.includes(' \n\n'), 'no blank line after every line');
    assert.deepEqual(formatted.match(/[\p{L}\p{N}]+/gu), seedText.replace(/Â§/g, '§').match(/[\p{L}\p{N}]+/gu), 'the same words');
    await server.change(uri, 2, [{ text: formatted }]);
    assert.deepEqual(await format(server, uri), []);
  });
});

describe('formatting over stdio, setting off (the default)', () => {
  let server: TestServer;
  const messages: ShowMessageParams[] = [];
  before(async () => {
    server = await startServer(DEFAULT_CAPABILITIES);
    server.connection.onNotification(ShowMessageNotification.type, (m) => {
      messages.push(m);
    });
  });
  after(async () => {
    await server.stop();
  });

  test('no edits, and one message naming the setting', async () => {
    const uri = await server.open(seed002);
    assert.deepEqual(await format(server, uri), []);
    assert.deepEqual(await format(server, uri), []);
    const said = messages.filter((m) => m.message.includes('imr.formatting'));
    assert.equal(said.length, 1, JSON.stringify(messages));
  });
});
