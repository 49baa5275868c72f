/**
 * `firstWord`: a line's first word read through the table of structural words, their proper
 * prefixes and the letter-boundary words, in any case, without making a string.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { firstWord, LETTER_BOUNDARY_WORDS, NO_WORD, STRUCTURAL_PREFIXES, STRUCTURAL_WORDS } from '../../server/src/core/parse/first-word';

const mixed = (w: string) => [...w].map((c, k) => (k % 2 ? c.toLowerCase() : c)).join('');
const read = (line: string) => firstWord(line, 0, line.length);

describe('a line\'s first word', () => {
  const listed = [...new Set([...STRUCTURAL_WORDS, ...STRUCTURAL_PREFIXES, ...LETTER_BOUNDARY_WORDS])];

  test('every listed word, in upper, lower and mixed case, before a non-letter or the end, has its class', () => {
    assert.ok(listed.length > 30);
    for (const w of listed) {
      const want = { word: w, structural: STRUCTURAL_WORDS.has(w), broken: !STRUCTURAL_WORDS.has(w) && STRUCTURAL_PREFIXES.has(w), boundary: LETTER_BOUNDARY_WORDS.has(w) };
      for (const form of [w, w.toLowerCase(), mixed(w)]) {
        for (const line of [form, `${form}:`, `${form} rest`, `${form}(S)`, `${form}1`]) assert.deepEqual(read(line), want, line);
      }
    }
  });

  test('a word that is in no list, or runs on past one, reads as no word', () => {
    for (const w of listed) {
      if (listed.includes(w + 'Q')) continue;
      assert.equal(read(`${w}Q rest`), NO_WORD, `${w}Q`);
    }
    for (const line of ['', ' CASE', 'Zebra stripes', 'Xylophone:', '123 CASE', '\u00c9CASE', '-CASE']) assert.equal(read(line), NO_WORD, line);
  });

  test('reads at most 16 letters, and only within [cs, ce)', () => {
    assert.equal(read('ABCDEFGHIJKLMNOPQRST'), NO_WORD);
    const line = 'xx CASE Number:';
    assert.equal(firstWord(line, 3, line.length).word, 'CASE');
    // Cut after "CA": the word read is "CA", a prefix of a listed word or nothing.
    assert.equal(firstWord(line, 3, 5), listed.includes('CA') ? read('CA') : NO_WORD);
    assert.notEqual(firstWord(line, 3, 5).word, 'CASE');
  });
});
