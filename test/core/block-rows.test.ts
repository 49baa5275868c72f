/**
 * A block whose lines the source holds as they are (no line the parser blanked, split or joined)
 * keeps them as one row, from its first line's content to its last's, until its text is read
 * (parse/blocks.ts `asWritten`). Its text, its hash and the start the outline shows must be those
 * of the line-by-line rows: compared here over every letter of every fixture and tool text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../server/src/core';
import type { Block, Letter } from '../../server/src/core';
import { blockTextHash, blockTextStart } from '../../server/src/core/parse';
import { blockRows } from '../../server/src/core/parse/blocks';
import { fixtureTexts, toolTexts } from './corpus';

function blocksOf(letters: Letter[]): Block[] {
  return letters.flatMap((l) => l.items.flatMap((it) => [it.claimsAdministrator, it.maximus, it.rationale, ...it.duplicateBlocks])).filter((b): b is Block => b !== null);
}

/** Each block's hash and first 80 characters, asked before its text is read, then its text. */
function readBlocks(text: string, oneRow: boolean): string[] {
  blockRows.oneRow = oneRow;
  try {
    return blocksOf(parseDocument(text)).map((b) => `${blockTextHash(b)}\n${blockTextStart(b, 80)}\n${b.text}`);
  } finally {
    blockRows.oneRow = true;
  }
}

test('a block kept as one row reads as its lines do: text, hash and outline start, over every fixture and tool text', () => {
  const texts = [...fixtureTexts(), ...toolTexts()];
  let blocks = 0;
  for (const { name, text } of texts) {
    const want = readBlocks(text, false);
    assert.deepEqual(readBlocks(text, true), want, name);
    blocks += want.length;
  }
  assert.ok(blocks > 5000, `${blocks} blocks compared`);
});
