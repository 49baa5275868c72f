/**
 * Fuzz test (CI): real fixture letters mutated with a fixed seed (lines deleted, duplicated and
 * shuffled, random characters inserted -- NUL, CR, form feeds, lone surrogates, astral characters,
 * letter keywords --, runs of one character, truncation, two letters spliced, line endings
 * changed). For every case the core must not throw, keep every span inside the document, report
 * no internal error, and stay within a linear time budget. A failing case is printed with its index
 * and mutation list; `node scripts/fuzz.mjs --seed 20240607 --only <index>` rebuilds it.
 *
 * The longer run is `node scripts/fuzz.mjs --count 200000 --seed <any>`.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, parseDocument } from '../../server/src/core';
import { fixtureTexts } from '../core/corpus';
import { checkText, spanFailures } from './invariants';
import { mutatedCase } from './mutate';

export const SEED = 20240607;
/** About 10-15 s on the 2-core CI machines. */
const CASES = 8000;
const CHUNK = 2000;
/** Linear time budget for one case (all entry points): BASE_MS + PER_CHAR_MS x length. The corpus
 *  runs at about 0.2 us per character, so this allows ten times that, plus pauses of a loaded
 *  machine. (Superlinear growth is caught by the ratio tests in regex.test.ts and linear.test.ts:
 *  at fuzz sizes a quadratic step can still fit a budget.) */
export const BASE_MS = 250;
export const PER_CHAR_MS = 0.002;

describe('fuzz: mutated real letters', () => {
  const corpus = fixtureTexts();
  let worst = { ratio: 0, index: -1, ms: 0, length: 0 };

  test('the checker itself sees a span outside the document', () => {
    const out: string[] = [];
    spanFailures({ a: [{ span: { start: 3, end: 11 } }], b: { start: 5, end: 4 } }, 10, 'probe', out);
    assert.equal(out.length, 2);
  });

  for (let from = 0; from < CASES; from += CHUNK) {
    const to = Math.min(CASES, from + CHUNK);
    test(`cases ${from}..${to - 1} (seed ${SEED}): no throw, spans inside, no internal error, linear time`, (t) => {
      const failures: string[] = [];
      for (let i = from; i < to; i++) {
        const c = mutatedCase(corpus, SEED, i);
        let r = checkText(c.text, { seed: i });
        const budget = BASE_MS + PER_CHAR_MS * c.text.length;
        // CPU time: other processes on the machine do not count. Over budget once may still be a
        // pause (a major GC); over budget twice is the code.
        if (r.cpuMs > budget) r = checkText(c.text, { seed: i });
        if (r.cpuMs / budget > worst.ratio) worst = { ratio: r.cpuMs / budget, index: i, ms: r.cpuMs, length: c.text.length };
        if (r.cpuMs > budget) r.failures.push(`took ${r.cpuMs.toFixed(0)} ms of CPU, over the budget of ${budget.toFixed(0)} ms for ${c.text.length} characters`);
        if (r.failures.length) failures.push(`case ${i} (${c.description}):\n    ${r.failures.join('\n    ')}`);
      }
      t.diagnostic(`worst CPU time/budget so far: ${worst.ratio.toFixed(3)} (case ${worst.index}, ${worst.ms.toFixed(1)} ms for ${worst.length} characters)`);
      assert.deepEqual(failures, []);
    });
  }
});

describe('odd whole documents', () => {
  const letter = fixtureTexts().find((f) => f.name.includes('CM16-0238035'))!.text;
  const cases: [string, string][] = [
    ['empty', ''],
    ['one NUL', '\u0000'],
    ['NULs', '\u0000'.repeat(100_000)],
    ['lone surrogates', '\ud800\udc00\udc00\ud800'.repeat(10_000) + '\ud800'],
    ['U+FFFD runs', '\ufffd'.repeat(100_000)],
    ['a letter as Latin-1 mojibake', Buffer.from(letter, 'utf8').toString('latin1')],
    ['a letter with lone surrogates between its lines', letter.replace(/\n/g, '\ud800\n')],
    ['a letter cut inside a surrogate pair', letter.slice(0, 2000) + '\ud83d'],
    ['only line breaks of every kind', '\r\n\r\n\n\r\r\f\v\u2028\u2029\u0085'.repeat(20_000)],
    ['random bytes decoded as UTF-8', Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 2654435761) >>> 24)).toString('utf8')],
    ['one 2 MB line', 'Decision rationale: '.repeat(100_000)],
  ];
  for (const [name, text] of cases) {
    test(`${name}: no throw, spans inside, linear time`, () => {
      const r = checkText(text);
      const budget = BASE_MS + PER_CHAR_MS * text.length;
      assert.deepEqual(r.failures, []);
      assert.ok(r.cpuMs < budget || checkText(text).cpuMs < budget, `took ${r.cpuMs.toFixed(0)} ms of CPU, budget ${budget.toFixed(0)} ms`);
    });
  }

  test('a letter with 200,000 findings: diagnose returns them all without throwing', () => {
    // 200,000 "?" apostrophes after a real letter: one question-mark-apostrophe finding each.
    const text = letter + '\n' + "The applicant?s claim. ".repeat(200_000);
    const letters = parseDocument(text);
    assert.equal(letters.length, 1);
    let found: ReturnType<typeof diagnose> | undefined;
    assert.doesNotThrow(() => {
      found = diagnose(letters[0], text);
    });
    assert.equal(found!.filter((d) => d.code === 'question-mark-apostrophe').length, 200_000);
  });
});
