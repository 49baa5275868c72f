/**
 * The conclusion reader looks its words up in its vocabulary on the text's characters
 * (rules/conclusion-words.ts `Words.known`, `Words.endsWith`), without making each word's lower-case
 * string (`Words.w`). Over every word of every fixture and tool text, and words written every way
 * the reader joins or rewrites them, the lookup must answer as the string does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WordTable, words } from '../../server/src/core/rules/conclusion-words';
import { fixtureTexts, toolTexts } from './corpus';

/** A table of words of every length and first letter, with apostrophes, and the frequent words of
 *  the texts themselves (so many words found are in it). */
const TABLE_WORDS = [
  'a', 'an', 'is', 'not', "isn't", "can't", 'medically', 'necessary', 'the', 'request', 'was', 'be', 'been', 'to', 'no', 'longer',
  'deemed', 'supported', 'established', 'clinically', 'only', 'patient', "patient's", 'guidelines', 'therefore', 'treatment',
];

test('a word looked up on its characters is found as its lower-case string is, over every fixture and tool text', () => {
  const table = new WordTable(TABLE_WORDS);
  let found = 0;
  let checked = 0;
  for (const { name, text } of [...fixtureTexts(), ...toolTexts()]) {
    const ws = words(text, 0, Math.min(text.length, 20000));
    for (let k = 0; k < ws.length; k++) {
      const w = ws.w(k);
      assert.equal(ws.known(k, table), table.get(w), `${name}: word ${k} "${w}"`);
      assert.equal(ws.endsWith(k, 'ly', 4), w.length > 4 && w.endsWith('ly'), `${name}: word ${k} "${w}"`);
      if (table.get(w) !== undefined) found++;
      checked++;
    }
  }
  assert.ok(checked > 500000 && found > 50000, `${checked} words, ${found} in the table`);
});

test('a word written across a line break, with a curly apostrophe, in capitals or run together is looked up as its string', () => {
  const table = new WordTable(TABLE_WORDS);
  const text = 'The REQUEST isn\u2019t medi-\n  cally NECESSARY; notmedically, notnecessary, Clear-\nly, x-ray, Patient\u2019s only ONLY.';
  const ws = words(text, 0, text.length);
  const seen: string[] = [];
  for (let k = 0; k < ws.length; k++) {
    const w = ws.w(k);
    seen.push(w);
    assert.equal(ws.known(k, table), table.get(w), `word ${k} "${w}"`);
    assert.equal(ws.endsWith(k, 'ly', 4), w.length > 4 && w.endsWith('ly'), `word ${k} "${w}"`);
  }
  assert.deepEqual(seen, ['the', 'request', "isn't", 'medically', 'necessary', 'not', 'medically', 'not', 'necessary', 'clearly', 'x', 'ray', "patient's", 'only', 'only']);
});
