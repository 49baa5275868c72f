/**
 * Semantic highlighting over LSP (textDocument/semanticTokens/full, /full/delta and /range): the
 * bundled server over stdio declares the legend package.json names and maps to the grammar's
 * scopes, colours the words a PDF tool broke with a space as the parser read them, answers a range
 * with that range's lines only, follows an edit, and after one answers the change as a short delta
 * that, applied, gives the tokens a fresh request gives.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import {
  SemanticTokens, SemanticTokensDelta, SemanticTokensDeltaRequest, SemanticTokensRangeRequest, SemanticTokensRequest,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIXTURES, ROOT } from '../paths';
import { startServer, TestServer } from './client';

const pypdf = path.join(FIXTURES, 'tools', 'pypdf', '2017_format1b_CM16-0236380.txt');
const text = fs.readFileSync(pypdf, 'utf8');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

interface Token {
  line: number;
  text: string;
  type: string;
}

/** The tokens of `answer` over `t`, each with its text and type name. */
function decode(t: string, answer: SemanticTokens, types: readonly string[]): Token[] {
  const doc = TextDocument.create('x', 'imr', 1, t);
  const out: Token[] = [];
  let line = 0;
  let char = 0;
  for (let k = 0; k < answer.data.length; k += 5) {
    const [dl, dc, len, type] = answer.data.slice(k, k + 4);
    line += dl;
    char = dl === 0 ? char + dc : dc;
    out.push({ line, text: doc.getText({ start: { line, character: char }, end: { line, character: char + len } }), type: types[type] });
  }
  return out;
}

describe('semanticTokens over stdio', () => {
  let server: TestServer;
  let types: string[];
  before(async () => {
    server = await startServer();
    const provider = server.initialized.capabilities.semanticTokensProvider;
    assert.ok(provider, 'no semanticTokensProvider');
    types = provider.legend.tokenTypes;
  });
  after(async () => {
    await server.stop();
  });

  test("the legend is package.json's token types, in order, each mapped to a scope of the grammar", () => {
    const provider = server.initialized.capabilities.semanticTokensProvider!;
    assert.deepEqual(provider.full, { delta: true });
    assert.equal(provider.range, true);
    assert.deepEqual(types, manifest.contributes.semanticTokenTypes.map((t: { id: string }) => t.id));
    const grammar = fs.readFileSync(path.join(ROOT, 'syntaxes', 'imr.tmLanguage.json'), 'utf8');
    const [map] = manifest.contributes.semanticTokenScopes;
    assert.equal(map.language, 'imr');
    for (const t of types) {
      assert.equal(map.scopes[t]?.length, 1, t);
      assert.ok(grammar.includes(`"name": "${map.scopes[t][0]}"`), `${t}: ${map.scopes[t][0]} is not a scope of the grammar`);
    }
    assert.equal(manifest.contributes.configurationDefaults['[imr]']['editor.semanticHighlighting.enabled'], true);
  });

  test('pypdf text: the decision "Uph eld" and the labels it broke are coloured as the parser read them', async () => {
    const uri = await server.open(pypdf);
    const tokens = decode(text, (await server.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } })) as SemanticTokens, types);
    assert.ok(tokens.some((t) => t.text === 'Uph eld' && t.type === 'imrUpheld'), JSON.stringify(tokens.filter((t) => /Upheld|Overturned/.test(t.type))));
    assert.ok(tokens.some((t) => t.text === 'MAXIMUS guideline :' && t.type === 'imrLabel'));
    assert.ok(tokens.some((t) => t.text === 'Case Number:' && t.type === 'imrHeaderLabel'));
    const lines = tokens.map((t) => t.line);
    assert.deepEqual(lines, [...lines].sort((a, b) => a - b), 'in order');

    const from = tokens.find((t) => t.text === 'Uph eld')!.line - 1;
    const range = (await server.connection.sendRequest(SemanticTokensRangeRequest.type, {
      textDocument: { uri },
      range: { start: { line: from, character: 0 }, end: { line: from + 3, character: 0 } },
    })) as SemanticTokens;
    const inRange = decode(text, range, types);
    assert.deepEqual(inRange, tokens.filter((t) => t.line >= from && t.line <= from + 3));
    assert.ok(inRange.length > 0);
  });

  test('a case number over three lines (pdf.js text items) is a token on each line', async () => {
    const file = path.join(FIXTURES, 'tools', 'pdfjs-items', '2017_format1b_CM16-0238035.txt');
    const items = fs.readFileSync(file, 'utf8');
    const uri = await server.open(file);
    const tokens = decode(items, (await server.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } })) as SemanticTokens, types);
    const at = tokens.findIndex((t) => t.type === 'imrCaseNumber');
    assert.ok(at >= 0);
    const line = tokens[at].line;
    assert.deepEqual(tokens.slice(at, at + 3), [
      { line, text: 'CM16', type: 'imrCaseNumber' },
      { line: line + 1, text: '-', type: 'imrCaseNumber' },
      { line: line + 2, text: '0238035', type: 'imrCaseNumber' },
    ]);
  });

  test('after an edit the tokens follow the new text', async () => {
    const file = path.join(FIXTURES, 'letters', '2017_format1b_CM16-0238035.txt');
    const letter = fs.readFileSync(file, 'utf8');
    const uri = await server.open(path.join(FIXTURES, 'edited-semantic.txt'), letter);
    const at = letter.indexOf('CLINICAL CASE SUMMARY');
    const doc = TextDocument.create('x', 'imr', 1, letter);
    const insert = 'A line added.\n';
    await server.change(uri, 2, [{ range: { start: doc.positionAt(at), end: doc.positionAt(at) }, text: insert }]);
    const edited = letter.slice(0, at) + insert + letter.slice(at);
    const tokens = decode(edited, (await server.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } })) as SemanticTokens, types);
    const summary = tokens.find((t) => t.text === 'CLINICAL CASE SUMMARY');
    assert.ok(summary && summary.type === 'imrHeading');
    assert.equal(summary.line, doc.positionAt(at).line + 1);
  });

  test('after an edit of a merged file: a delta of a few numbers that, applied, gives the fresh tokens; an unknown id gets them all', async () => {
    const one = fs.readFileSync(path.join(FIXTURES, 'letters', '2017_format1b_CM16-0238035.txt'), 'utf8');
    const merged = Array(20).fill(one).join('\n');
    const uri = await server.open(path.join(FIXTURES, 'merged-semantic.txt'), merged);
    const first = (await server.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } })) as SemanticTokens;
    assert.ok(first.resultId && first.data.length > 1_000);
    const doc = TextDocument.create('x', 'imr', 1, merged);
    const at = merged.indexOf('CLINICAL CASE SUMMARY', merged.length / 2);
    await server.change(uri, 2, [{ range: { start: doc.positionAt(at), end: doc.positionAt(at) }, text: 'A line added.\n' }]);
    const delta = (await server.connection.sendRequest(SemanticTokensDeltaRequest.type, { textDocument: { uri }, previousResultId: first.resultId })) as SemanticTokensDelta;
    assert.ok(delta.resultId && delta.resultId !== first.resultId);
    assert.equal(delta.edits.length, 1);
    assert.ok(delta.edits[0].deleteCount + (delta.edits[0].data?.length ?? 0) <= 10, JSON.stringify(delta.edits));
    const applied = [...first.data];
    for (const e of delta.edits) applied.splice(e.start, e.deleteCount, ...(e.data ?? []));
    const fresh = (await server.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } })) as SemanticTokens;
    assert.deepEqual(applied, fresh.data);
    assert.notDeepEqual(applied, first.data);

    const unknown = (await server.connection.sendRequest(SemanticTokensDeltaRequest.type, { textDocument: { uri }, previousResultId: 'no such id' })) as SemanticTokens;
    assert.deepEqual(unknown.data, fresh.data);
    const again = (await server.connection.sendRequest(SemanticTokensDeltaRequest.type, { textDocument: { uri }, previousResultId: unknown.resultId! })) as SemanticTokensDelta;
    assert.deepEqual(again.edits, []);
  });
});
