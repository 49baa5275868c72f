/**
 * Document Highlight over LSP (textDocument/documentHighlight): the bundled server over stdio marks
 * every citation of the section or page under the cursor in its letter, every letter's case number
 * of the case under the cursor, and answers null elsewhere (the editor then marks the word as in
 * any text); after an edit the marks follow the new text.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { DocumentHighlight, DocumentHighlightRequest, Position, Range } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIXTURES } from '../paths';
import { startServer, TestServer } from './client';

const a = fs.readFileSync(path.join(FIXTURES, 'letters', '2017_format1b_CM16-0239569.txt'), 'utf8');
const b = fs.readFileSync(path.join(FIXTURES, 'letters', '2017_format1b_CM16-0238035.txt'), 'utf8');
const SECTION = 'Manual therapy & manipulation';

const docOf = (t: string) => TextDocument.create('x', 'imr', 1, t);
const positionAt = (t: string, offset: number): Position => docOf(t).positionAt(offset);
const offsetOf = (t: string, p: Position): number => docOf(t).offsetAt(p);
const textOf = (t: string, r: Range) => docOf(t).getText(r);

describe('documentHighlight over stdio', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });

  const highlights = async (uri: string, text: string, offset: number) =>
    (await server.connection.sendRequest(DocumentHighlightRequest.type, { textDocument: { uri }, position: positionAt(text, offset) })) as
      | DocumentHighlight[]
      | null;

  test('the server says it answers document highlights', () => {
    assert.equal(server.initialized.capabilities.documentHighlightProvider, true);
  });

  test('on a cited section: the five places the letter cites it; on plain text: null', async () => {
    const uri = await server.open(path.join(FIXTURES, 'letters', '2017_format1b_CM16-0239569.txt'));
    const marks = await highlights(uri, a, a.lastIndexOf(SECTION) + 4);
    assert.ok(marks);
    assert.deepEqual(marks.map((h) => textOf(a, h.range)), Array(5).fill(SECTION));
    assert.equal(offsetOf(a, marks[0].range.start), a.indexOf(SECTION));
    assert.equal(await highlights(uri, a, a.indexOf('sent the complete case file') + 2), null);
  });

  test('in a merged file: a citation in its own letter only; a case number in every letter of the case', async () => {
    const merged = `${a}\n${b}\n${a}`;
    const uri = await server.open(path.join(FIXTURES, 'merged-highlights.txt'), merged);
    const third = a.length + 1 + b.length + 1;
    const marks = await highlights(uri, merged, merged.lastIndexOf(SECTION) + 1);
    assert.ok(marks);
    assert.equal(marks.length, 5);
    assert.ok(marks.every((h) => offsetOf(merged, h.range.start) > third && textOf(merged, h.range) === SECTION), 'the third letter, not the first');

    const cases = await highlights(uri, merged, merged.indexOf('CM16-0239569') + 3);
    assert.ok(cases);
    assert.deepEqual(cases.map((h) => textOf(merged, h.range)), ['CM16-0239569', 'CM16-0239569']);
    assert.ok(offsetOf(merged, cases[1].range.start) > third);
  });

  test('after an edit the marks follow the new text', async () => {
    const uri = await server.open(path.join(FIXTURES, 'edited-highlights.txt'), a);
    const at = a.indexOf('sent the complete case file') + 'sent'.length;
    const insert = ' once again';
    await server.change(uri, 2, [{ range: { start: positionAt(a, at), end: positionAt(a, at) }, text: insert }]);
    const edited = a.slice(0, at) + insert + a.slice(at);
    const marks = await highlights(uri, edited, edited.indexOf(SECTION) + 2);
    assert.ok(marks);
    assert.deepEqual(marks.map((h) => textOf(edited, h.range)), Array(5).fill(SECTION));
    assert.equal(offsetOf(edited, marks[0].range.start), a.indexOf(SECTION) + insert.length);
  });
});
