#!/usr/bin/env node
// The core of this tree against the core of another commit, in one run: both bundled as the
// extension bundles its server, then timed in turn on the same texts (the corpus, and the corpus
// merged into one 10 MB file), so the ratio holds however busy the machine is.
//
//   node scripts/bench-compare.mjs --against <commit> [--runs 7]
//
// Prints, for each measurement, the median of each side and this tree's time over the other's
// (below 1: this tree is faster).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleCore, corpusTexts, fmt, median, mergedAtLeast } from './bench/util.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, fallback) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : fallback);
const against = opt('against', null);
const runs = Number(opt('runs', '7'));
if (!against || !(runs >= 1)) {
  console.error('usage: node scripts/bench-compare.mjs --against <commit> [--runs N]');
  process.exit(2);
}

const tmp = mkdtempSync(join(tmpdir(), 'imr-bench-compare-'));
try {
  const other = join(tmp, 'other');
  mkdirSync(other);
  const rev = execFileSync('git', ['rev-parse', '--short', against], { cwd: root, encoding: 'utf8' }).trim();
  execFileSync('sh', ['-c', `git archive ${rev} server | tar -x -C "${other}"`], { cwd: root });
  await bundleCore(root, join(tmp, 'this.cjs'));
  await bundleCore(other, join(tmp, 'other.cjs'));
  const require = createRequire(import.meta.url);
  const sides = [
    { name: 'this tree', core: require(join(tmp, 'this.cjs')) },
    { name: rev, core: require(join(tmp, 'other.cjs')) },
  ];

  // The V8 settings the server and the CLI run with (this tree's core/v8-flags.ts), for both sides.
  setFlagsFromString(sides[0].core.V8_FLAGS);
  const texts = corpusTexts(root).map((t) => t.text);
  const big = mergedAtLeast(texts, 10_000_000);
  let sink = 0;
  const jobs = [
    { label: 'parse, the corpus', run: (c) => texts.forEach((t) => (sink += c.parseDocument(t).length)) },
    { label: 'parse + all diagnostics, the corpus', run: (c) => texts.forEach((t) => c.parseDocument(t).forEach((l) => (sink += c.diagnose(l, t).length))) },
    { label: 'parse, 10 MB merged file', run: (c) => (sink += c.parseDocument(big).length) },
    { label: 'parse + all diagnostics, 10 MB merged file', run: (c) => c.parseDocument(big).forEach((l) => (sink += c.diagnose(l, big).length)) },
  ];
  console.log(`${(Buffer.byteLength(big) / 1e6).toFixed(1)} MB merged file; ${runs} runs of each side in turn; medians in ms`);
  console.log(`${'measurement'.padEnd(44)} ${'this tree'.padStart(10)} ${rev.padStart(10)}  ratio`);
  for (const job of jobs) {
    const times = sides.map(() => []);
    for (const s of sides) job.run(s.core); // warm-up
    for (let k = 0; k < runs; k++) {
      // Alternate which side goes first, so neither always runs on a warmer or busier machine.
      const order = k % 2 ? [1, 0] : [0, 1];
      for (const i of order) {
        const t0 = performance.now();
        job.run(sides[i].core);
        times[i].push(performance.now() - t0);
      }
    }
    const [a, b] = times.map(median);
    console.log(`${job.label.padEnd(44)} ${fmt.ms(a).padStart(10)} ${fmt.ms(b).padStart(10)}  ${(a / b).toFixed(2)}`);
  }
  if (sink === -1) console.log('');
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
