// @run-alone: it asserts on time ratios between input sizes.
/**
 * Linear time on real text (CI-short): parseDocument + diagnose of every letter, over 100 KB, 1 MB
 * and 4 MB of fixture letters concatenated (a merged case file), grows in proportion to the size. Bounds allow for the noise of
 * a shared machine and for the higher per-character cost of a large heap: 1 MB may take up to 40
 * times 100 KB (linear is 10, quadratic 100) and 4 MB up to 10 times 1 MB (linear is 4, quadratic
 * 16). Times are CPU time of this process, each timing after a full garbage collection (100 KB in
 * a batch of four runs), the fastest of rounds that alternate the two sizes; a ratio over its
 * bound gets more rounds.
 *
 * The full curve from 1 KB to 10 MB, with throughput, is `npm run bench` (scripts/bench.mjs).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, parseDocument } from '../../server/src/core';
import { fixesFor } from '../../server/src/core/fixes';
import { fixtureTexts } from '../core/corpus';
import { collectGarbage, concatenated, cpuNow } from './sizes';

interface Times {
  parse: number;
  diagnose: number;
  total: number;
}

/** CPU time per call over `perRun` calls after a full garbage collection (CPU time comes in ticks
 *  of a few milliseconds, so the 100 KB document is timed in a batch). */
function timeOnce(text: string, perRun: number): Times {
  collectGarbage();
  let parse = 0;
  let total = 0;
  for (let k = 0; k < perRun; k++) {
    const c0 = cpuNow();
    const letters = parseDocument(text);
    const c1 = cpuNow();
    for (const letter of letters) diagnose(letter, text);
    const c2 = cpuNow();
    parse += c1 - c0;
    total += c2 - c0;
  }
  return { parse: parse / perRun, diagnose: (total - parse) / perRun, total: total / perRun };
}

function fastest(text: string, runs: number, into?: Times): Times {
  const best: Times = into ?? { parse: Infinity, diagnose: Infinity, total: Infinity };
  const perRun = text.length <= 200_000 ? 4 : 1;
  for (let k = 0; k < runs; k++) {
    const t = timeOnce(text, perRun);
    best.parse = Math.min(best.parse, t.parse);
    best.diagnose = Math.min(best.diagnose, t.diagnose);
    best.total = Math.min(best.total, t.total);
  }
  return best;
}

/**
 * The fastest timings of a small and a large text and the ratio of their totals; while the ratio is
 * at `bound` or over, up to `rounds` more rounds of both (a busy moment does not last, superlinear
 * code does).
 */
function timedPair(small: string, large: string, bound: number, rounds: number): { ts: Times; tl: Times; ratio: number } {
  const ts = fastest(small, 2);
  const tl = fastest(large, 1);
  const ratio = () => tl.total / Math.max(0.5, ts.total);
  for (let round = 0; round < rounds && ratio() >= bound; round++) {
    fastest(small, 1, ts);
    fastest(large, 1, tl);
  }
  return { ts, tl, ratio: ratio() };
}

const texts = fixtureTexts().map((f) => f.text);
const SIZES = [100_000, 1_000_000, 4_000_000] as const;
/**
 * Between 100 KB and 1 MB the parsed letters outgrow V8's young generation and every object costs
 * more to keep (measured: 70-180 us per KB at 100 KB, 130-250 at 1 MB and 4 MB alike), so that
 * step allows x40 (linear is 10, quadratic 100); from 1 MB to 4 MB the cost per KB is flat again.
 */
const BOUNDS: Record<string, number> = { '100000->1000000': 40, '1000000->4000000': 10 };

describe('parse + diagnose time grows linearly with the size of a merged case file', () => {
  const docs = SIZES.map((n) => concatenated(texts, n));

  test('every size is read as the letters it holds and diagnosed (warm-up)', (t) => {
    for (const d of docs) {
      const letters = parseDocument(d);
      const items = letters.reduce((n, l) => n + l.items.length, 0);
      t.diagnostic(`${d.length} characters: ${letters.length} letters, ${items} items`);
      assert.ok(letters.length > 1 && letters.every((l) => l.isLetter), `${d.length} characters: the merged letters were not found`);
      for (const letter of letters) diagnose(letter, d);
    }
  });

  for (let k = 0; k + 1 < SIZES.length; k++) {
    const [a, b] = [k, k + 1];
    const bound = BOUNDS[`${SIZES[a]}->${SIZES[b]}`];
    const factor = SIZES[b] / SIZES[a];
    test(`${SIZES[a] / 1000} KB -> ${SIZES[b] / 1000} KB (x${factor} the size): time grows less than x${bound}`, (t) => {
      const ts: Times = { parse: Infinity, diagnose: Infinity, total: Infinity };
      const tl: Times = { parse: Infinity, diagnose: Infinity, total: Infinity };
      // The total is judged; the two phases are shown to say where any growth is.
      const over = () => (['total'] as const).filter((p) => tl[p] / Math.max(0.5, ts[p]) >= bound);
      // Rounds of (small, large), so that both sizes see the same quiet and busy moments; a ratio
      // over the bound gets more rounds (a busy moment does not last, superlinear code does).
      for (let round = 0; round < 6 && (round < 3 || over().length > 0); round++) {
        fastest(docs[a], 2, ts);
        fastest(docs[b], 1, tl);
      }
      const show = (p: keyof Times) => `${p} ${ts[p].toFixed(1)} -> ${tl[p].toFixed(1)} ms (x${(tl[p] / Math.max(0.5, ts[p])).toFixed(1)})`;
      t.diagnostic(`${docs[a].length} -> ${docs[b].length} characters: ${show('parse')}; ${show('diagnose')}; ${show('total')}`);
      t.diagnostic(`per KB: ${((ts.total * 1000) / (docs[a].length / 1000)).toFixed(0)} -> ${((tl.total * 1000) / (docs[b].length / 1000)).toFixed(0)} us CPU`);
      assert.deepEqual(over().map(show), [], `time grew x${bound} or more for x${factor} the size`);
    });
  }
});

/**
 * A merged file where no letter has a "?" or a form feed, in characters beyond Latin-1 (a text the
 * engine stores in two bytes a character): a rule that searches for such a character from its
 * letter's start reads to the end of the file for every letter, which is quadratic. 4 MB -> 32 MB
 * must grow like the size (x8; quadratic would be x64).
 */
describe('32 MB without "?" or form feeds, beyond Latin-1, takes linear time', () => {
  const plain = texts.map((t) => t.split('?').join('').split('\f').join('') + 'Translator’s note — Ωmega\n');
  const small = concatenated(plain, 4_000_000);
  const large = concatenated(plain, 32_000_000);

  test('4 MB -> 32 MB (x8 the size): time grows less than x16', (t) => {
    assert.ok(!large.includes('?') && !large.includes('\f') && large.includes('Ω'));
    const { ts, tl, ratio } = timedPair(small, large, 16, 3);
    t.diagnostic(`${small.length} -> ${large.length} characters: parse ${ts.parse.toFixed(0)} -> ${tl.parse.toFixed(0)} ms, total ${ts.total.toFixed(0)} -> ${tl.total.toFixed(0)} ms CPU (x${ratio.toFixed(1)})`);
    assert.ok(ratio < 16, `time grew x${ratio.toFixed(1)} for x8 the size`);
  });
});

/**
 * A letter whose line breaks are U+2028 (as a text tool may write them), copied page after page
 * with a form feed between: the parser cuts its lines at the labels and finds an item on every
 * page, but for the rules, which look for `\n` and `\r`, the whole text is one line. Rules that
 * read the line around each item read all of it again for every item: 640 KB with 181 items took
 * x15 the time of 160 KB. Linear growth is x4, quadratic x16; the bound is x8.
 */
describe('a text that is one line for the rules takes linear time', () => {
  const letter = fixtureTexts().find((f) => f.name === 'letters/2017_format1b_CM16-0249170.txt');
  assert.ok(letter, 'the fixture letter');
  const page = letter.text.replace(/\r?\n/g, '\u2028') + '\f';
  const oneLine = (size: number) => page.repeat(Math.ceil(size / page.length)).slice(0, size);
  const small = oneLine(160_000);
  const large = oneLine(640_000);

  test('160 KB -> 640 KB (x4 the size): time grows less than x8', (t) => {
    assert.ok(!/[\r\n]/.test(large));
    const items = parseDocument(large).reduce((n, l) => n + l.items.length, 0);
    assert.ok(items > 100, `the items of the letters were found (${items})`);
    const { ts, tl, ratio } = timedPair(small, large, 8, 4);
    t.diagnostic(`${items} items: parse ${ts.parse.toFixed(0)} -> ${tl.parse.toFixed(0)} ms, diagnose ${ts.diagnose.toFixed(0)} -> ${tl.diagnose.toFixed(0)} ms CPU (x${ratio.toFixed(1)})`);
    assert.ok(ratio < 8, `time grew x${ratio.toFixed(1)} for x4 the size`);
  });

  // The quick fixes of every diagnostic, as a code-action request over the whole text asks for
  // them: the fix that ends an item heading with its decision read to the end of the line for each
  // item (2 s for the 1.3 MB text the fuzzer made, 7 ms now).
  test('160 KB -> 640 KB: the quick fixes of every diagnostic take time growing less than x8', (t) => {
    // Each timing covers twenty passes (a pass takes a millisecond or two, less than the CPU
    // clock's tick); the two sizes take turns, round after round, and the fastest of each counts.
    const prepared = [small, large].map((text) => {
      const letters = parseDocument(text);
      return { text, letters, found: letters.map((l) => diagnose(l, text)), best: Infinity, fixes: 0 };
    });
    for (let round = 0; round < 4; round++) {
      for (const p of prepared) {
        collectGarbage();
        const c0 = cpuNow();
        for (let k = 0; k < 20; k++) {
          p.fixes = 0;
          p.letters.forEach((l, i) => p.found[i].forEach((d) => (p.fixes += fixesFor(l, p.text, d).length)));
        }
        p.best = Math.min(p.best, (cpuNow() - c0) / 20);
      }
    }
    const [s, l] = prepared;
    const ratio = l.best / Math.max(0.5, s.best);
    t.diagnostic(`${s.fixes} -> ${l.fixes} fixes: ${s.best.toFixed(1)} -> ${l.best.toFixed(1)} ms CPU (x${ratio.toFixed(1)})`);
    assert.ok(l.fixes > 100, 'fixes were offered');
    assert.ok(ratio < 8, `time grew x${ratio.toFixed(1)} for x4 the size`);
  });
});
