// @run-alone: it asserts on time ratios between input sizes.
/**
 * Large merged case files: parse + diagnose time grows linearly up to 32 MB of text that is not
 * Latin-1 (two bytes a character in V8, where searches are slowest), made of short letters (over
 * 10,000 of them), and holds no "?" and no form feed. Searches for those from a letter's start to the end of the document made every letter
 * read the rest of the file: 16 MB took 3.6 s and 64 MB 87 s. Linear growth from 8 MB to 32 MB is
 * x4, quadratic x16; the bound is x8, judged on the fastest of a few CPU timings.
 *
 * And a rule that is off costs nothing: its scan is not run.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, parseDocument } from '../../server/src/core';
import { fixtureTexts } from '../core/corpus';
import { collectGarbage, concatenated, cpuNow } from './sizes';

/**
 * The shortest fixture letters (about 3 KB: many letters, each of which searched the rest of the
 * file) without "?" and form feeds, with a curly apostrophe: a two-byte string.
 */
function largeText(size: number): string {
  const short = fixtureTexts().filter((f) => f.text.length < 4000);
  assert.ok(short.length >= 3, 'short fixture letters');
  const texts = short.map((f) => f.text.replace(/[?\f]/g, ' ').replace(/'/g, '\u2019'));
  const text = concatenated(texts, size);
  assert.ok(/[^\u0000-\u00ff]/.test(text.slice(0, 100_000)), 'not Latin-1');
  return text;
}

function cpuOf(text: string): number {
  collectGarbage();
  const c0 = cpuNow();
  for (const letter of parseDocument(text)) diagnose(letter, text);
  return cpuNow() - c0;
}

describe('large merged case files without "?" or form feeds', () => {
  test('8 MB -> 32 MB of two-byte text: parse + diagnose time grows less than x8', (t) => {
    const small = largeText(8 * 1024 * 1024);
    const large = largeText(32 * 1024 * 1024);
    cpuOf(small.slice(0, small.indexOf('\n', 1024 * 1024) + 1)); // warm-up: compiled code for both sizes
    let ts = Infinity;
    let tl = Infinity;
    // Alternate the sizes so both see the same quiet and busy moments; more rounds only when over.
    for (let round = 0; round < 4 && (round < 1 || tl / ts >= 8); round++) {
      ts = Math.min(ts, cpuOf(small));
      tl = Math.min(tl, cpuOf(large));
    }
    t.diagnostic(`${small.length} -> ${large.length} characters: ${ts.toFixed(0)} -> ${tl.toFixed(0)} ms CPU (x${(tl / ts).toFixed(1)})`);
    assert.ok(tl / ts < 8, `x${(tl / ts).toFixed(1)} for x4 the size (${ts.toFixed(0)} -> ${tl.toFixed(0)} ms)`);
  });

  test('a rule set to off is not run: "?" apostrophes off costs a fraction of on', (t) => {
    // One letter with 200,000 "?" apostrophes: on, each is a finding with its fixes.
    const base = fixtureTexts()[0].text;
    const at = base.indexOf('Decision rationale');
    const text = base.slice(0, at) + "The applicant?s claim. ".repeat(200_000) + base.slice(at);
    const [letter] = parseDocument(text);
    const time = (options: Parameters<typeof diagnose>[2]) => {
      let best = Infinity;
      let count = 0;
      for (let k = 0; k < 3; k++) {
        collectGarbage();
        const c0 = cpuNow();
        count = diagnose(letter, text, options).filter((d) => d.code === 'question-mark-apostrophe').length;
        best = Math.min(best, cpuNow() - c0);
      }
      return { best, count };
    };
    const on = time({});
    const off = time({ severities: { 'question-mark-apostrophe': 'off' } });
    t.diagnostic(`on: ${on.count} findings, ${on.best.toFixed(0)} ms CPU; off: ${off.count}, ${off.best.toFixed(0)} ms CPU`);
    assert.equal(on.count, 200_000);
    assert.equal(off.count, 0);
    assert.ok(off.best < on.best / 4, `off took ${off.best.toFixed(0)} ms, on ${on.best.toFixed(0)} ms`);
  });
});
