/**
 * The parser gives its line table's buffer to the next parse once every letter is read
 * (lines.ts `releaseTable`), so nothing a letter keeps may read that table later: block texts,
 * built when first read, must come out the same when other texts were parsed in between.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { letterRecord, parseDocument } from '../../server/src/core';
import { fixtureTexts } from './corpus';

test('letters read after other texts were parsed equal letters read at once', () => {
  const texts = fixtureTexts().map((f) => f.text);
  assert.ok(texts.length > 50);
  // Every text parsed first, nothing of its letters read; then each read after all the others.
  const kept = texts.map((t) => parseDocument(t));
  texts.forEach((t, i) => {
    const fresh = parseDocument(t);
    const late = JSON.stringify(kept[i].map((l) => letterRecord(l, t, 'x.txt')));
    assert.equal(late, JSON.stringify(fresh.map((l) => letterRecord(l, t, 'x.txt'))));
    assert.equal(JSON.stringify(kept[i]), JSON.stringify(fresh));
  });
});
