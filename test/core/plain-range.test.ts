/**
 * `normalizeRange` reads a range with no mojibake lead, soft hyphen or ligature in it by one native
 * replace (`plainRange`); every other range goes through `JoinedBuilder`. Both must give the same
 * normalised text and the same map back to the source: compared here over every fixture text and
 * every text other tools printed (whole, and in ranges cut at random), and over short strings made
 * of the characters the two treat differently if at all (blanks of every kind, line ends, hyphens).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtRange, normalizeRange, plainRange } from '../../server/src/core/text';
import { Prng } from '../robustness/prng'; // seeded: a failure repeats
import { fixtureTexts, toolTexts } from './corpus';

/** What normalizeRange leaves to the builder (text.ts `HARD`). */
const HARD = /[\u00ad\u00c2-\u00f4\ufffe\ufb00-\ufb06]/;

/** The text, segments and end offset of a Joined, as one comparable string. */
const shape = (j: unknown) => JSON.stringify(j);

test('normalizeRange: the native replace and the builder agree on every fixture and tool text, whole and in random ranges', () => {
  const texts = [...fixtureTexts(), ...toolTexts()];
  assert.ok(texts.length > 1000, `${texts.length} texts`);
  const prng = new Prng(20261206);
  let plain = 0;
  let ranges = 0;
  for (const { name, text } of texts) {
    const cuts: [number, number][] = [[0, text.length]];
    for (let k = 0; k < 20; k++) {
      const a = prng.int(text.length);
      cuts.push([a, Math.min(text.length, a + prng.int(3000))]);
    }
    for (const [a, b] of cuts) {
      ranges++;
      const want = shape(builtRange(text, a, b));
      assert.equal(shape(normalizeRange(text, a, b)), want, `${name} [${a}, ${b})`);
      if (!HARD.test(text.slice(a, b)) && plainRange(text.slice(a, b), a, b) !== null) plain++;
    }
  }
  // Most ranges of real text take the native path: the comparison is not of the builder with itself.
  assert.ok(plain > ranges * 0.5, `${plain} of ${ranges} ranges read natively`);
});

test('normalizeRange: the native replace and the builder agree on 50,000 short strings of blanks, line ends, hyphens and letters', () => {
  const ALPHABET = ['a', 'b', '1', '-', '.', ' ', ' ', ' ', '\n', '\r', '\r\n', '\t', '\f', '\v', '\u00a0', '\ufeff', '\u200b', '\u2028', '\u3000', 'é'];
  const prng = new Prng(7);
  let plain = 0;
  for (let k = 0; k < 50_000; k++) {
    let s = '';
    const len = prng.int(14);
    for (let j = 0; j < len; j++) s += ALPHABET[prng.int(ALPHABET.length)];
    const pad = 'x'.repeat(prng.int(3));
    const text = pad + s + pad;
    const a = pad.length;
    const b = pad.length + s.length;
    // plainRange is only asked about ranges without the characters it leaves to the builder.
    const got = HARD.test(s) ? null : plainRange(text.slice(a, b), a, b);
    if (got) {
      plain++;
      assert.equal(shape(got), shape(builtRange(text, a, b)), JSON.stringify(s));
    }
    assert.equal(shape(normalizeRange(text, a, b)), shape(builtRange(text, a, b)), JSON.stringify(s));
  }
  assert.ok(plain > 25_000, `${plain} strings read natively`);
});
