/**
 * Protocol tests: the bundled server over stdio answers the outline and folding requests for real
 * letters, in the form each client supports, and survives bad requests.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import {
  DocumentSymbol, DocumentSymbolRequest, FoldingRangeRequest, SymbolInformation, SymbolKind,
} from 'vscode-languageserver-protocol/node';
import { FIXTURES } from '../paths';
import { loadLetters, loadSeeds } from '../core/manifest';
import { startServer, TestServer } from './client';

const letters = loadLetters();
const seeds = loadSeeds();
// A spread of shapes: a seed (double-spaced), a multi-item letter in both modes, a partial-authorization letter.
const picks = [
  seeds.find((s) => s.file.startsWith('002'))!,
  letters.find((l) => l.file.includes('CM16-0238035'))!,
  letters.find((l) => l.file.includes('CM16-0239569'))!,
  letters.find((l) => l.file.includes('CM17-0007300'))!,
];

function issuesSection(symbols: DocumentSymbol[]): DocumentSymbol {
  const s = symbols.find((x) => x.name === 'IMR issues, decisions and rationales');
  assert.ok(s, `no issues section among ${symbols.map((x) => x.name).join(', ')}`);
  return s;
}

/** Symbol kind of an item by its decision: a distinct icon each. */
const DECISION_KIND: Record<string, SymbolKind> = { Upheld: SymbolKind.Event, Overturned: SymbolKind.EnumMember };

/** The disputed items: at the top level after the issues section's heading, which keeps no item. */
function itemSymbols(symbols: DocumentSymbol[]): DocumentSymbol[] {
  const issues = issuesSection(symbols);
  assert.deepEqual(issues.children ?? [], [], 'the items stand beside the issues heading, not under it');
  return symbols.slice(symbols.indexOf(issues) + 1).filter((s) => s.kind !== SymbolKind.Namespace);
}

/** An item's outline name: its decision first. */
const itemName = (i: { decision: string; request: string }) => `${i.decision}: ${i.request}`;

describe('documentSymbol over stdio (hierarchical client)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });

  for (const expected of picks) {
    for (const file of expected.texts) {
      test(path.relative(FIXTURES, file), async () => {
        const uri = await server.open(file);
        const symbols = (await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
        const issues = issuesSection(symbols);
        assert.equal(issues.kind, SymbolKind.Namespace);
        const items = itemSymbols(symbols);
        assert.deepEqual(
          items.map((c) => [c.name, c.kind, c.detail]),
          expected.items.map((i) => [itemName(i), DECISION_KIND[i.decision], i.partial ? 'partial authorization' : '']),
        );
        // The issues heading ends where the first item starts: the cursor in an item selects the item.
        assert.ok(issues.range.end.line <= items[0].range.start.line);
        for (const item of items) {
          assert.deepEqual(item.children!.map((c) => c.name), ['Claims Administrator guideline', 'MAXIMUS guideline', 'Decision rationale']);
          // selection inside range, children inside parent
          assert.ok(item.selectionRange.start.line >= item.range.start.line && item.selectionRange.end.line <= item.range.end.line);
          for (const c of item.children!) assert.ok(c.range.start.line >= item.range.start.line && c.range.end.line <= item.range.end.line);
        }
        if (expected.caseNumber) {
          assert.equal(symbols[0].name, `Case ${expected.caseNumber}`);
          assert.ok(symbols[0].children!.some((c) => c.name === 'Decision Date' && c.detail === expected.decisionDate));
        }
        await server.close(uri);
      });
    }
  }

  test('folding ranges cover sections and items', async () => {
    const file = picks[1].texts[0];
    const uri = await server.open(file);
    const ranges = await server.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    const symbols = (await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    for (const item of itemSymbols(symbols)) {
      assert.ok(
        ranges!.some((r) => r.startLine === item.range.start.line && r.endLine === item.range.end.line),
        `no folding range for item "${item.name}" at line ${item.range.start.line}`,
      );
    }
  });

  test('an edit is reflected in the next outline', async () => {
    const file = picks[1].texts[0];
    const text = fs.readFileSync(file, 'utf8');
    const uri = await server.open(file + '.edited.imr', text);
    const before = (await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    const first = itemSymbols(before)[0];
    assert.match(first.name, /^Upheld: /);
    assert.equal(first.kind, SymbolKind.Event);
    // Replace the first decision word in place, as an editor sends a keystroke-sized change.
    const line = first.selectionRange.end.line;
    const col = text.split('\n')[line].lastIndexOf('Upheld');
    assert.ok(col >= 0);
    await server.change(uri, 2, [{ range: { start: { line, character: col }, end: { line, character: col + 6 } }, text: 'Overturned' }]);
    const afterEdit = (await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.equal(itemSymbols(afterEdit)[0].name, first.name.replace(/^Upheld/, 'Overturned'));
    assert.equal(itemSymbols(afterEdit)[0].kind, SymbolKind.EnumMember);
  });

  test('a document the server never saw gives an empty outline, not an error', async () => {
    const result = await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: 'file:///nowhere/unknown.imr' } });
    assert.deepEqual(result, []);
  });
});

describe('documentSymbol for a client without hierarchy support', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: false } } });
  });
  after(async () => {
    await server.stop();
  });

  test('flat SymbolInformation with containers', async () => {
    const expected = picks[2];
    const uri = await server.open(expected.texts[0]);
    const symbols = (await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as SymbolInformation[];
    assert.ok(symbols.every((s) => 'location' in s && s.location.uri === uri));
    const items = symbols.filter((s) => s.containerName === 'IMR issues, decisions and rationales');
    assert.deepEqual(items.map((s) => s.name), expected.items.map((i) => `${itemName(i)}, partial authorization`));
  });
});

describe('a merged case file', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });

  test('one outline node per letter, each with its own items; diagnostics of every letter', async () => {
    const picks = [letters[5], letters[6], letters[7]];
    const text = picks.map((l) => fs.readFileSync(l.texts[0], 'utf8')).join('\n');
    const uri = await server.open(path.join(FIXTURES, 'merged-case-file.imr'), text);
    const symbols = (await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => s.name),
      picks.map((l, k) => `Letter ${k + 1} · Case ${l.caseNumber}`),
    );
    symbols.forEach((s, k) => {
      assert.deepEqual(itemSymbols(s.children!).map((c) => c.name), picks[k].items.map(itemName));
    });
  });
});

describe('a very large merged case file', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });

  test('a compact outline (letters and their items) keeps the symbol count bounded', async () => {
    const real = letters.filter((l) => l.caseNumber);
    const picks = Array.from({ length: 900 }, (_, i) => real[i % real.length]);
    const text = picks.map((l) => fs.readFileSync(l.texts[0], 'utf8')).join('\n');
    const uri = await server.open(path.join(FIXTURES, 'huge-case-file.imr'), text);
    const symbols = (await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    const count = (list: DocumentSymbol[]): number => list.reduce((n, s) => n + 1 + count(s.children ?? []), 0);
    assert.equal(symbols.length, picks.length);
    assert.ok(count(symbols) <= 5000 + picks.length, `${count(symbols)} symbols`);
    symbols.forEach((s, k) => assert.deepEqual(s.children!.map((c) => c.name), picks[k].items.map(itemName)));
  });
});
