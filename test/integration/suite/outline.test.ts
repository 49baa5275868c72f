import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExpectedLetter } from '../../core/manifest';
import { closeAllEditors, DECISION_KINDS, documentSymbols, ISSUES_SECTION, itemSymbols, letter, openLetter, seed } from './helpers';

const BLOCK_NAMES = ['Claims Administrator guideline', 'MAXIMUS guideline', 'Decision rationale'];

function checkOutline(symbols: vscode.DocumentSymbol[], expected: ExpectedLetter): void {
  const file = path.basename(expected.texts[0]);
  const section = symbols.find((s) => ISSUES_SECTION.test(s.name));
  assert.ok(section, `${file}: no issues section among ${JSON.stringify(symbols.map((s) => s.name))}`);
  assert.strictEqual(section.kind, vscode.SymbolKind.Namespace);
  const items = itemSymbols(symbols);

  // One symbol per disputed item, in the letter's order, named by its decision and request, with an icon per decision.
  assert.deepStrictEqual(
    items.map((c) => c.name),
    expected.items.map((i) => `${i.decision}: ${i.request}`),
    `${file}: item names`,
  );
  items.forEach((item, i) => {
    const want = expected.items[i];
    assert.strictEqual(item.kind, DECISION_KINDS[want.decision], `${file} item ${i + 1}: symbol kind`);
    assert.strictEqual(item.detail, want.partial ? 'partial authorization' : '', `${file} item ${i + 1}: detail`);
    // Items follow the section heading, and carry their guideline and rationale blocks in order.
    assert.ok(section.range.end.isBeforeOrEqual(item.range.start), `${file} item ${i + 1}: starts inside the heading`);
    const blocks = item.children.map((c) => c.name);
    assert.ok(blocks.includes('Decision rationale'), `${file} item ${i + 1}: blocks ${JSON.stringify(blocks)} lack the rationale`);
    assert.deepStrictEqual(blocks, BLOCK_NAMES.filter((b) => blocks.includes(b)), `${file} item ${i + 1}: block names/order`);
    for (const b of item.children) assert.ok(item.range.contains(b.range), `${file} item ${i + 1}: block "${b.name}" outside the item`);
  });
  // Items do not overlap and follow the text.
  for (let i = 1; i < items.length; i++) {
    assert.ok(items[i - 1].range.end.isBeforeOrEqual(items[i].range.start), `${file}: items ${i} and ${i + 1} overlap`);
  }
}

suite('Outline (document symbols)', () => {
  teardown(closeAllEditors);

  test('seed 002: hierarchy of the disputed items with their decisions', async () => {
    const expected = seed('002_bb4913a5b984f6c8.txt');
    assert.strictEqual(expected.items.length, 2);
    const doc = await openLetter(expected.texts[0]);
    checkOutline(await documentSymbols(doc), expected);
  });

  test('DWC letter CM16-0239569: five partial-authorization items, header with the case number', async () => {
    const expected = letter('2017_format1b_CM16-0239569.txt');
    assert.strictEqual(expected.items.length, 5);
    assert.ok(expected.items.every((i) => i.partial));
    const doc = await openLetter(expected.texts[0]);
    const symbols = await documentSymbols(doc);
    checkOutline(symbols, expected);
    assert.ok(expected.caseNumber);
    assert.strictEqual(symbols[0].name, `Case ${expected.caseNumber}`);
    assert.strictEqual(symbols[0].kind, vscode.SymbolKind.Struct);
  });
});
