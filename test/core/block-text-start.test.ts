/**
 * `blockTextStart`: the beginning of a block's normalised text, read without normalising all of it
 * (the outline shows the first 80 characters of each block, and a block can be megabytes long). It
 * must equal `block.text.slice(0, n)` for every block, whatever the text's shape: every fixture
 * letter, the text of every PDF tool, and blocks built to put what the normaliser rewrites (words
 * broken by a hyphen at a line end, soft hyphens, mojibake, ligatures, runs of blanks) at every
 * place around the preview's end and the cut it reads to.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { outline, parseDocument } from '../../server/src/core';
import type { Block, Letter, OutlineNode } from '../../server/src/core';
import { reducedHash } from '../../server/src/core/hash';
import { blockTextHash, blockTextStart } from '../../server/src/core/parse';
import { pendingBuild } from '../../server/src/core/parse/lazy';
import { fixtureTexts, toolTexts } from './corpus';

const LENGTHS = [0, 1, 40, 79, 80, 81, 150, 300, 1000];

function blocksOf(letters: Letter[]): Block[] {
  return letters.flatMap((l) => l.items.flatMap((it) => [it.claimsAdministrator, it.maximus, it.rationale].filter((b): b is Block => b !== null)));
}

/** Every block's start read before its text (fresh parses), against the text of another parse. */
function check(text: string, name: string): number {
  let n = 0;
  const full = blocksOf(parseDocument(text)).map((b) => b.text);
  for (const length of LENGTHS) {
    const fresh = blocksOf(parseDocument(text));
    fresh.forEach((b, k) => {
      assert.equal(blockTextStart(b, length), full[k].slice(0, length), `${name}, block ${k}, ${length} characters`);
      n++;
    });
  }
  return n;
}

describe('blockTextStart', () => {
  test('equals the start of the block text on every fixture letter and every PDF tool text', () => {
    let checked = 0;
    for (const f of [...fixtureTexts(), ...toolTexts()]) checked += check(f.text, f.name);
    assert.ok(checked > 10_000, `${checked} blocks checked`);
  });

  test('equals the start of the block text when rewrites fall at the preview end and at the cut', () => {
    const letter = fixtureTexts().find((f) => f.name === 'letters/2017_format1b_CM16-0238035.txt')!.text;
    const marker = 'Decision rationale:';
    const at = letter.indexOf(marker) + marker.length;
    const pieces = ['medi-\ncally ', 'a\u00adb ', 'Ã© ', 'Â§ ', '\ufb01ne ', '   \t  ', 'x-\n', '\n\n', '- ', 'word '];
    let seed = 20261204;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let run = 0; run < 300; run++) {
      // Filler up to a place near 80 characters or the first cut, then rewrites, then more.
      let body = ' ' + 'a'.repeat(next() % 260);
      for (let k = 0, n = 1 + (next() % 12); k < n; k++) body += pieces[next() % pieces.length] + 'b'.repeat(next() % 40);
      body += ' end of the rationale. '.repeat(1 + (next() % 20));
      check(letter.slice(0, at) + body + letter.slice(at), `run ${run}`);
    }
  });

  test('the outline shows 80 characters of a huge block without normalising it all', () => {
    const letter = fixtureTexts().find((f) => f.name === 'letters/2017_format1b_CM16-0238035.txt')!.text;
    const marker = 'Decision rationale:';
    const at = letter.indexOf(marker) + marker.length;
    const huge = letter.slice(0, at) + ' The request is reviewed. ' + '9792. '.repeat(700_000) + letter.slice(at);
    const [parsed] = parseDocument(huge);
    const blocks = blocksOf([parsed]);
    const all = (nodes: OutlineNode[]): OutlineNode[] => nodes.flatMap((n) => [n, ...all([...n.children])]);
    const node = all(outline(parsed)).find((n) => n.kind === 'item');
    assert.ok(node, 'an item in the outline');
    const details = node.children.map((c) => c.detail);
    assert.ok(details.some((d) => d.startsWith('The request is reviewed. 9792.') && d.endsWith('…') && d.length === 80), JSON.stringify(details));
    // The huge block's whole text was not built for the outline: it is still a lazy accessor.
    const big = blocks.filter((b) => b.span.end - b.span.start > 1_000_000);
    assert.equal(big.length, 1);
    assert.ok('get' in Object.getOwnPropertyDescriptor(big[0], 'text')!, 'the huge block text was normalised for the outline');
    assert.equal(blockTextStart(big[0], 81), big[0].text.slice(0, 81));
  });
  test('the reduced hash of a block text, made without normalising it, equals the hash of its text', () => {
    // The letter identity hashes every rationale; for ASCII lines the hash is made from the lines.
    const pieces = ['medi-\ncally ', 'a\u00adb ', 'Ã© ', 'Â§ ', '\ufb01ne ', '   \t  ', 'x-\n', '\n\n', '- ', 'Word ', '12/31 ', '-- 2 of 3 --\n', '\u00a0'];
    const letter = fixtureTexts().find((f) => f.name === 'letters/2017_format1b_CM16-0238035.txt')!.text;
    const at = letter.indexOf('Decision rationale:') + 'Decision rationale:'.length;
    let seed = 4;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const variants = [...fixtureTexts(), ...toolTexts()].map((f) => ({ name: f.name, text: f.text }));
    for (let run = 0; run < 200; run++) {
      let body = ' ';
      for (let k = 0, n = 1 + (next() % 12); k < n; k++) body += pieces[next() % pieces.length] + 'b'.repeat(next() % 40);
      variants.push({ name: `run ${run}`, text: letter.slice(0, at) + body + letter.slice(at) });
    }
    let fast = 0;
    for (const { name, text } of variants) {
      const fresh = blocksOf(parseDocument(text));
      const full = blocksOf(parseDocument(text)).map((b) => b.text);
      fresh.forEach((b, k) => {
        if (pendingBuild(b, 'text')) fast++;
        assert.equal(blockTextHash(b), full[k] ? reducedHash(full[k]) : '', `${name}, block ${k}`);
      });
    }
    assert.ok(fast > 10_000, `${fast} blocks hashed before their text was read`);
  });
});
