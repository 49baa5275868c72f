/**
 * Diagnostics and quick fixes over LSP, for clients that pull and clients that are pushed to.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import {
  CodeAction, CodeActionRequest, Diagnostic, DocumentDiagnosticReport, DocumentDiagnosticRequest, DocumentSymbolRequest,
  HoverRequest, PublishDiagnosticsNotification, PublishDiagnosticsParams, TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LetterStatus } from '../../server/src/protocol';
import { FIXTURES } from '../paths';
import { DEFAULT_CAPABILITIES, startServer, TestServer } from './client';
import { tempDir } from '../temp';

const scratch = tempDir('imr-diag-');
const clean = path.join(FIXTURES, 'letters', '2017_format1b_CM16-0238035.txt');
const cleanText = fs.readFileSync(clean, 'utf8');
const seed002 = path.join(FIXTURES, 'seeds', '002_bb4913a5b984f6c8.txt');

async function pull(server: TestServer, uri: string): Promise<Diagnostic[]> {
  const r = (await server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as DocumentDiagnosticReport;
  assert.equal(r.kind, 'full');
  return (r as { items: Diagnostic[] }).items;
}

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('x', 'imr', 1, text), edits);
}

describe('pulled diagnostics and code actions', () => {
  let server: TestServer;
  const statuses: LetterStatus[] = [];
  before(async () => {
    server = await startServer();
    server.connection.onNotification('imr/letterStatus', (s: LetterStatus) => {
      statuses.push(s);
    });
  });
  after(async () => {
    await server.stop();
  });

  test('a real letter is clean at warning and error level', async () => {
    const uri = await server.open(clean);
    const items = await pull(server, uri);
    assert.deepEqual(items.filter((d) => d.severity! <= 2), []);
    const st = statuses.find((s) => s.uri === uri)!;
    assert.deepEqual([st.isLetter, st.format, st.items, st.errors, st.limited], [true, 'F1b', 8, 0, false]);
  });

  test('seed 002: mojibake and a cut-off ending, with a fix-all action that repairs every sequence', async () => {
    const text = fs.readFileSync(seed002, 'utf8');
    const uri = await server.open(seed002);
    const items = await pull(server, uri);
    const codes = items.map((d) => d.code);
    assert.equal(codes.filter((c) => c === 'mojibake').length, 2);
    assert.ok(codes.includes('truncated-letter'));
    const mojibake = items.find((d) => d.code === 'mojibake')!;
    const actions = (await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: mojibake.range,
      context: { diagnostics: [mojibake] },
    })) as CodeAction[];
    const fixAll = actions.find((a) => a.kind === 'source.fixAll.imr')!;
    assert.ok(fixAll, actions.map((a) => a.title).join(', '));
    const repaired = apply(text, fixAll.edit!.changes![uri]);
    assert.ok(!repaired.includes('Â§'));
    assert.ok(repaired.includes('§§9792.20'));
  });

  test('a misspelt decision: an error on the word, a preferred fix, and the fix clears it', async () => {
    const text = cleanText.replace('Medical Clearance: Upheld', 'Medical Clearance: Uphled');
    const file = path.join(scratch, 'typo.imr');
    const uri = await server.open(file, text);
    const items = await pull(server, uri);
    const d = items.find((x) => x.code === 'unknown-decision')!;
    assert.ok(d, items.map((x) => x.code).join(', '));
    assert.equal(d.severity, 1);
    const line = text.split('\n').findIndex((l) => l.startsWith('Medical Clearance: Uphled'));
    assert.deepEqual(d.range, { start: { line, character: 19 }, end: { line, character: 25 } });
    const actions = (await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.isPreferred)!;
    assert.match(fix.title, /Upheld/);
    const fixed = apply(text, fix.edit!.changes![uri]);
    assert.equal(fixed, cleanText);
    await server.change(uri, 2, [{ text: fixed }]);
    assert.deepEqual((await pull(server, uri)).filter((x) => x.severity! <= 2), []);
  });

  test('silencing a rule writes an imr-disable line that removes it', async () => {
    const text = fs.readFileSync(seed002, 'utf8');
    const uri = await server.open(path.join(scratch, 'silence.imr'), text);
    const truncated = (await pull(server, uri)).find((d) => d.code === 'truncated-letter')!;
    const actions = (await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: truncated.range,
      context: { diagnostics: [truncated] },
    })) as CodeAction[];
    const silence = actions.find((a) => a.title === 'Silence "truncated-letter" in this letter')!;
    const silenced = apply(text, silence.edit!.changes![uri]);
    assert.match(silenced, /\nimr-disable: truncated-letter\n$/);
    await server.change(uri, 2, [{ text: silenced }]);
    const after = await pull(server, uri);
    assert.ok(!after.some((d) => d.code === 'truncated-letter'));
    assert.equal(after.filter((d) => d.code === 'mojibake').length, 2, 'other rules still run');
  });

  test('a file that is not a letter gets one notice, not a wall of errors', async () => {
    const uri = await server.open(path.join(scratch, 'notes.imr'), 'Meeting notes\nCall the adjuster on Monday.\n'.repeat(20));
    const items = await pull(server, uri);
    assert.deepEqual(items.map((d) => d.code), ['not-a-letter']);
    assert.equal(statuses.filter((s) => s.uri === uri).pop()!.isLetter, false);
  });
});

describe('settings: severities and the size limit', () => {
  let server: TestServer;
  const statuses: LetterStatus[] = [];
  before(async () => {
    server = await startServer(DEFAULT_CAPABILITIES, {
      settings: { severity: { mojibake: 'off', 'truncated-letter': 'error', 'no-such-code': 'error' }, maxDocumentSize: 10000 },
    });
    server.connection.onNotification('imr/letterStatus', (s: LetterStatus) => {
      statuses.push(s);
    });
  });
  after(async () => {
    await server.stop();
  });

  test('severity overrides and off', async () => {
    const text = fs.readFileSync(seed002, 'utf8');
    assert.ok(text.length < 10000);
    const uri = await server.open(seed002);
    const items = await pull(server, uri);
    assert.ok(!items.some((d) => d.code === 'mojibake'));
    assert.equal(items.find((d) => d.code === 'truncated-letter')!.severity, 1);
  });

  test('above the size limit: outline and essential checks only, and the status says so', async () => {
    // A real letter with a misspelt decision and a mojibake sequence, lengthened past the limit.
    const text =
      cleanText.replace('Medical Clearance: Upheld', 'Medical Clearance: Uphled').replace('MTUS', 'MTUS Â§') +
      'The reviewer adds a long closing note. '.repeat(200);
    assert.ok(text.length > 10000);
    const uri = await server.open(path.join(scratch, 'big.imr'), text);
    const items = await pull(server, uri);
    assert.ok(items.some((d) => d.code === 'unknown-decision'), 'structural rules still run');
    assert.ok(!items.some((d) => d.code === 'mojibake'), 'artifact scans are skipped');
    assert.equal(statuses.filter((s) => s.uri === uri).pop()!.limited, true);
    const symbols = await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    assert.ok(symbols && symbols.length > 3);
    const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 6, character: 2 } });
    assert.equal(hover, null);
  });
});

describe('pushed diagnostics for clients without pull support', () => {
  let server: TestServer;
  const published: PublishDiagnosticsParams[] = [];
  before(async () => {
    const caps = { ...DEFAULT_CAPABILITIES, textDocument: { ...DEFAULT_CAPABILITIES.textDocument, diagnostic: undefined } };
    server = await startServer(caps);
    server.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      published.push(p);
    });
  });
  after(async () => {
    await server.stop();
  });

  const next = (uri: string, version: number) =>
    new Promise<PublishDiagnosticsParams>((resolve) => {
      const poll = () => {
        const hit = published.find((p) => p.uri === uri && p.version === version);
        if (hit) resolve(hit);
        else setImmediate(poll);
      };
      poll();
    });

  test('published on open and again after edits settle, for the latest version only', async () => {
    const text = fs.readFileSync(seed002, 'utf8');
    const uri = await server.open(path.join(scratch, 'push.imr'), text);
    const first = await next(uri, 1);
    assert.ok(first.diagnostics.some((d) => d.code === 'truncated-letter'));
    // three quick edits: only the last version is published
    await server.change(uri, 2, [{ text: text + 'a' }]);
    await server.change(uri, 3, [{ text: text + 'ab' }]);
    await server.change(uri, 4, [{ text: text + ' end.' }]);
    const last = await next(uri, 4);
    assert.ok(!last.diagnostics.some((d) => d.code === 'truncated-letter'));
    assert.ok(!published.some((p) => p.uri === uri && (p.version === 2 || p.version === 3)));
  });
});

describe('diagnostics of a merged case file after edits', () => {
  let server: TestServer;
  let fresh: TestServer;
  before(async () => {
    server = await startServer();
    fresh = await startServer();
  });
  after(async () => {
    await server.stop();
    await fresh.stop();
  });

  test('carried over from the previous version, they equal those of a fresh server', async () => {
    const parts = [clean, seed002, clean, path.join(FIXTURES, 'seeds', '001_4f3ba24c3a626615.txt'), clean].map((f) => fs.readFileSync(f, 'utf8'));
    let text = parts.join('\n');
    const uri = await server.open(path.join(scratch, 'merged-edits.imr'), text);
    await pull(server, uri);
    const edits: [string, string][] = [
      ['Medical Clearance: Upheld', 'Medical Clearance: Uphled'], // a new error in the first letter
      ['CLINICAL CASE SUMMARY', 'CLINICAL CASE SUMMARY\nAn added line.'], // every later letter moves
      ['Medical Clearance: Uphled', 'Medical Clearance: Upheld'], // and back
    ];
    let version = 1;
    for (const [from, to] of edits) {
      text = text.replace(from, to);
      await server.change(uri, ++version, [{ text }]);
      const carried = await pull(server, uri);
      const freshUri = await fresh.open(path.join(scratch, `fresh-${version}.imr`), text);
      assert.deepEqual(carried, await pull(fresh, freshUri), `after "${to.slice(0, 30)}"`);
    }
  });
});
