/**
 * Merged case files: several letters in one text. Each letter is found, parsed over its own range,
 * and gives the same items and the same diagnostics as when it stands alone (shifted by where it
 * starts).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import { diagnose, parseDocument, parseLetter } from '../../server/src/core';
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
