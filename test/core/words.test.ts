/** Counts in words, as the status bar, the Letters view, the hovers and the command line show them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plural } from '../../server/src/core/words';

test('one is singular, every other count plural, with an irregular plural when given', () => {
  assert.equal(plural(1, 'letter'), '1 letter');
  assert.equal(plural(0, 'letter'), '0 letters');
  assert.equal(plural(2, 'item'), '2 items');
  assert.equal(plural(1, 'other copy', 'other copies'), '1 other copy');
  assert.equal(plural(3, 'other copy', 'other copies'), '3 other copies');
});
