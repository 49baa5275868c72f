/**
 * Merged case files: several letters in one text. Each letter is found, parsed over its own range,
 * and gives the same items and the same diagnostics as when it stands alone (shifted by where it
 * starts).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import { diagnose, parseDocument, parseDocumentAgain, parseLetter } from '../../server/src/core';
import { loadLetters, loadSeeds } from './manifest';

const letters = loadLetters().filter((l) => l.caseNumber);
const seeds = loadSeeds();

function merged(files: string[], separator = '\n'): { text: string; offsets: number[]; parts: string[] } {
  const parts = files.map((f) => fs.readFileSync(f, 'utf8'));
  const offsets: number[] = [];
  let text = '';
  for (const p of parts) {
    offsets.push(text.length);
    text += p + (p.endsWith('\n') ? '' : '\n') + separator;
  }
  return { text, offsets, parts };
}

describe('several letters in one text', () => {
  test('a single letter is one letter, identical to parseLetter', () => {
    const text = fs.readFileSync(letters[0].texts[0], 'utf8');
    const doc = parseDocument(text);
    assert.equal(doc.length, 1);
    assert.deepEqual(doc[0], parseLetter(text));
  });

  for (const [name, pick] of [
    ['default-mode letters', letters.slice(0, 12).map((l) => l.texts[0])],
    ['layout-mode letters', letters.slice(20, 30).map((l) => l.texts[1])],
    ['seeds (no header table)', seeds.map((s) => s.texts[0])],
    ['a mix of modes, seeds and PDFs text', [letters[3].texts[0], seeds[1].texts[0], letters[4].texts[1], letters[5].texts[0]]],
  ] as const) {
    test(`${name}: every letter found, with its own items and diagnostics`, () => {
      const { text, offsets, parts } = merged([...pick]);
      const doc = parseDocument(text);
      assert.equal(doc.length, pick.length, 'letter count');
      doc.forEach((letter, k) => {
        const alone = parseLetter(parts[k]);
        assert.equal(letter.range.start, k === 0 ? 0 : offsets[k], `letter ${k + 1} starts where its text starts`);
        assert.deepEqual(
          letter.items.map((i) => [i.request, i.decision, i.span.start - offsets[k]]),
          alone.items.map((i) => [i.request, i.decision, i.span.start]),
          `items of letter ${k + 1}`,
        );
        assert.equal(letter.caseNumber?.text, alone.caseNumber?.text);
        const shift = (d: { code: string; span: { start: number } }, by: number) => `${d.code}@${d.span.start - by}`;
        // The last letter of a merged file may gain a truncation notice only if it was cut; here
        // every letter is whole, so the diagnostics are the same.
        assert.deepEqual(
          diagnose(letter, text).map((d) => shift(d, offsets[k])),
          diagnose(alone, parts[k]).map((d) => shift(d, 0)),
          `diagnostics of letter ${k + 1}`,
        );
      });
    });
  }

  test('cost stays linear: 20 and 200 letters in one text', () => {
    const time = (n: number) => {
      const files = Array.from({ length: n }, (_, i) => letters[i % letters.length].texts[0]);
      const { text } = merged(files);
      const t0 = process.hrtime.bigint();
      const doc = parseDocument(text);
      for (const l of doc) diagnose(l, text);
      assert.equal(doc.length, n);
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    time(20); // warm up
    const small = Math.min(time(20), time(20));
    const large = time(200);
    // Ten times the letters: linear work takes about ten times as long; quadratic, a hundred.
    assert.ok(large / small < 40, `20 letters ${small.toFixed(1)} ms, 200 letters ${large.toFixed(1)} ms`);
  });
});

describe('parsing a new version reuses unchanged letters', () => {
  /** A small deterministic generator for edit positions. */
  function* positions(seed: number, max: number) {
    let x = seed;
    for (;;) {
      x = (x * 1103515245 + 12345) % 2147483648;
      yield x % max;
    }
  }

  test('after edits anywhere, the result equals a fresh parse', () => {
    const files = Array.from({ length: 12 }, (_, i) => letters[(i * 7) % letters.length].texts[i % 2]);
    let { text } = merged(files);
    let previous = parseDocumentAgain(text);
    const at = positions(20261122, 1 << 30);
    const edits = ['x', '', 'Upheld', '\n', 'Case Number: CM16-0000000\n', 'IMR ISSUES, DECISIONS AND RATIONALES\n', '\f'];
    for (let n = 0; n < 60; n++) {
      const pos = at.next().value! % (text.length + 1);
      const del = n % 3 === 0 ? (at.next().value! % 40) : 0;
      text = text.slice(0, pos) + edits[n % edits.length] + text.slice(pos + del);
      const next = parseDocumentAgain(text, previous);
      assert.deepEqual(next.letters, parseDocument(text), `edit ${n} at ${pos}`);
      previous = next;
    }
  });

  test('letters before the edit are the same objects; letters after it are moved, not reparsed', () => {
    const files = Array.from({ length: 6 }, (_, i) => letters[i + 10].texts[0]);
    const { text, offsets } = merged(files);
    const first = parseDocumentAgain(text);
    const pos = offsets[3] + 50; // inside the fourth letter
    const edited = text.slice(0, pos) + 'abc' + text.slice(pos);
    const second = parseDocumentAgain(edited, first);
    // Before the edit: the parsed parts are the very same objects (nothing was parsed again).
    assert.equal(second.letters[0].items, first.letters[0].items);
    assert.equal(second.letters[2].sections, first.letters[2].sections);
    assert.notEqual(second.letters[3].items, first.letters[3].items);
    assert.equal(second.letters[4].range.start, first.letters[4].range.start + 3);
    assert.deepEqual(second.letters, parseDocument(edited));
  });
});
