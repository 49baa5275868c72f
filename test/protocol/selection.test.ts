/**
 * Expand Selection over LSP (textDocument/selectionRange): the bundled server over stdio answers
 * each position with the parts of the letter around it, each inside the next, up to the whole
 * document; a merged file's letter is a step of its own; after an edit the answer follows the text.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { Position, Range, SelectionRange, SelectionRangeRequest } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIXTURES } from '../paths';
import { startServer, TestServer } from './client';

const file = path.join(FIXTURES, 'letters', '2017_format1b_CM16-0238035.txt');
const text = fs.readFileSync(file, 'utf8');

const docOf = (t: string) => TextDocument.create('x', 'imr', 1, t);
const positionAt = (t: string, offset: number): Position => docOf(t).positionAt(offset);
const offsetOf = (t: string, p: Position): number => docOf(t).offsetAt(p);
const textOf = (t: string, r: Range) => docOf(t).getText(r);

/** The chain of ranges from the innermost out, checked to nest strictly and to hold `offset`. */
function chainOf(t: string, s: SelectionRange, offset: number): Range[] {
  const out: Range[] = [];
  for (let r: SelectionRange | undefined = s; r; r = r.parent) {
    const [a, b] = [offsetOf(t, r.range.start), offsetOf(t, r.range.end)];
    assert.ok(a <= offset && offset <= b, `${JSON.stringify(r.range)} does not hold offset ${offset}`);
    if (out.length) {
      const inner = out[out.length - 1];
      const [ia, ib] = [offsetOf(t, inner.start), offsetOf(t, inner.end)];
      assert.ok(a <= ia && ib <= b && b - a > ib - ia, `${JSON.stringify(r.range)} does not hold ${JSON.stringify(inner)}`);
    }
    out.push(r.range);
  }
  return out;
}

describe('selectionRange over stdio', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });

  test('the server says it answers selection ranges', () => {
    assert.equal(server.initialized.capabilities.selectionRangeProvider, true);
  });

  test('a position in a rationale: sentence, text, block, item, issues section, whole document; one answer per position, in order', async () => {
    const uri = await server.open(file);
    const inRationale = text.indexOf('further clarification');
    const inCase = text.indexOf('CM16-0238035') + 2;
    const answers = (await server.connection.sendRequest(SelectionRangeRequest.type, {
      textDocument: { uri },
      positions: [positionAt(text, inRationale), positionAt(text, inCase)],
    })) as SelectionRange[];
    assert.equal(answers.length, 2);
    const chain = chainOf(text, answers[0], inRationale);
    const texts = chain.map((r) => textOf(text, r).replace(/\s+/g, ' '));
    assert.equal(texts[0], "In this case, further clarification is needed as to the patient's course of conservative care, to include the actual amount of physical therapy visits previously attended and the efficacy of recent physical therapy.");
    assert.match(texts[1], /^According to the ACOEM Guidelines, surgery is recommended/);
    assert.match(texts[2], /^Decision rationale: According to the ACOEM Guidelines/);
    assert.match(texts[3], /^Right shoulder arthroscopy RCR \(rotator cuff repair\) and decompression: Upheld/);
    assert.match(texts[4], /^IMR ISSUES, DECISIONS AND RATIONALES/);
    assert.equal(textOf(text, chain[chain.length - 1]), text, 'the last step is the whole document');
    assert.equal(chain.length, 6);

    const caseChain = chainOf(text, answers[1], inCase);
    assert.equal(textOf(text, caseChain[0]), 'CM16-0238035');
    assert.match(textOf(text, caseChain[1]), /^Case Number:/);
  });

  test('in a merged file the letter is a step before the whole document', async () => {
    const merged = `${text}\n${text}`;
    const uri = await server.open(path.join(FIXTURES, 'merged-selection.txt'), merged);
    const offset = merged.lastIndexOf('further clarification');
    const [answer] = (await server.connection.sendRequest(SelectionRangeRequest.type, { textDocument: { uri }, positions: [positionAt(merged, offset)] })) as SelectionRange[];
    const chain = chainOf(merged, answer, offset);
    assert.equal(textOf(merged, chain[chain.length - 1]), merged);
    const letter = textOf(merged, chain[chain.length - 2]);
    assert.match(letter, /^Case Number:/);
    assert.ok(offsetOf(merged, chain[chain.length - 2].start) > text.length - 1, 'the second letter, not the first');
  });

  test('after an edit the steps follow the new text', async () => {
    const uri = await server.open(path.join(FIXTURES, 'edited-selection.txt'), text);
    const at = text.indexOf('In this case, further');
    const insert = 'Surgery was requested twice. ';
    await server.change(uri, 2, [{ range: { start: positionAt(text, at), end: positionAt(text, at) }, text: insert }]);
    const edited = text.slice(0, at) + insert + text.slice(at);
    const offset = at + 3;
    const [answer] = (await server.connection.sendRequest(SelectionRangeRequest.type, { textDocument: { uri }, positions: [positionAt(edited, offset)] })) as SelectionRange[];
    assert.equal(textOf(edited, chainOf(edited, answer, offset)[0]), 'Surgery was requested twice.');
  });
});
