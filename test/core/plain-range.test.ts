/**
 * `normalizeRange` reads a range with no mojibake lead, soft hyphen or ligature in it by one native
 * replace (`plainRange`); every other range goes through `JoinedBuilder`. Both must give the same
 * normalised text and the same map back to the source: compared here over every fixture text and
 * every text other tools printed (whole, and in ranges cut at random), and over short strings made
 * of the characters the two treat differently if at all (blanks of every kind, line ends, hyphens).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { builtRange, normalizeRange, plainRange } from '../../server/src/core/text';
import { fixtureTexts } from './corpus';
import { FIXTURES } from '../paths';

/** What normalizeRange leaves to the builder (text.ts `HARD`). */
const HARD = /[\u00ad\u00c2-\u00f4\ufffe\ufb00-\ufb06]/;

/** The text, segments and end offset of a Joined, as one comparable string. */
const shape = (j: unknown) => JSON.stringify(j);

/** A small deterministic generator (mulberry32), so a failure repeats. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function toolTexts(): { name: string; text: string }[] {
  const root = path.join(FIXTURES, 'tools');
  const out: { name: string; text: string }[] = [];
  for (const tool of fs.readdirSync(root)) {
    const dir = path.join(root, tool);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir)) if (f.endsWith('.txt')) out.push({ name: `tools/${tool}/${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8') });
  }
  return out;
}

test('normalizeRange: the native replace and the builder agree on every fixture and tool text, whole and in random ranges', () => {
  const texts = [...fixtureTexts(), ...toolTexts()];
  assert.ok(texts.length > 1000, `${texts.length} texts`);
  const next = random(20261206);
  let plain = 0;
  let ranges = 0;
  for (const { name, text } of texts) {
    const cuts: [number, number][] = [[0, text.length]];
    for (let k = 0; k < 20; k++) {
      const a = Math.floor(next() * text.length);
      cuts.push([a, Math.min(text.length, a + Math.floor(next() * 3000))]);
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
  const next = random(7);
  let plain = 0;
  for (let k = 0; k < 50_000; k++) {
    let s = '';
    const len = Math.floor(next() * 14);
    for (let j = 0; j < len; j++) s += ALPHABET[Math.floor(next() * ALPHABET.length)];
    const pad = 'x'.repeat(Math.floor(next() * 3));
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
