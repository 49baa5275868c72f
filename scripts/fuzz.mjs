#!/usr/bin/env node
// Long fuzz run of the letter core: the same mutations and checks as the CI fuzz test
// (test/robustness/fuzz.test.ts), for as many cases and with whatever seed you like.
//
//   node scripts/fuzz.mjs [--count N] [--seed S] [--from I] [--out DIR]
//   node scripts/fuzz.mjs --seed S --only I        rebuild one case, check it, write it to DIR
//
//   --count N   cases to run (default 20000)
//   --seed S    seed of the run (default: a new one, printed); the CI test uses 20240607
//   --from I    first case index (default 0), to resume or split a run
//   --out DIR   where failing inputs are written (default out/fuzz-failures)
//
// Each case is rebuilt from (seed, index) alone. A failing case is written to
// DIR/seed-S-case-I.txt (the exact text) with DIR/seed-S-case-I.json (mutations, failures, time),
// and the run exits with status 1. Checks per case: parseLetter and parseDocument, then for each
// letter diagnose, findCitations, outline, foldingSpans, letterRecord, hoverAt, selectionSpans,
// inlayHints and caseSummary never throw; every span lies inside the document (and inside its
// letter's range); Expand Selection's steps hold their offset, each inside the next;
// no internal-error is reported; CPU time stays under 250 ms + 2 us per character (measured
// again once before it counts as a failure).
//
// The test helpers are bundled with esbuild into a temporary folder (TypeScript sources, no tsc
// needed) and run in this process.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = process.argv[i + 1];
  if (v === undefined || v.startsWith('--')) {
    console.error(`--${name} needs a value`);
    process.exit(2);
  }
  return v;
}

const seed = Number(arg('seed', String(Math.floor(Math.random() * 2 ** 31))));
const count = Number(arg('count', '20000'));
const from = Number(arg('from', '0'));
const only = arg('only', null);
const outDir = resolve(arg('out', join(root, 'out', 'fuzz-failures')));
if (![seed, count, from].every(Number.isInteger) || (only !== null && !Number.isInteger(Number(only)))) {
  console.error('--seed, --count, --from and --only take integers');
  process.exit(2);
}
const BASE_MS = 250;
const PER_CHAR_MS = 0.002;

const dir = mkdtempSync(join(tmpdir(), 'imr-fuzz-'));
let helpers;
try {
  await esbuild.build({
    stdin: {
      contents: [
        "export { mutatedCase } from './test/robustness/mutate';",
        "export { checkText } from './test/robustness/invariants';",
        "export { fixtureTexts } from './test/core/corpus';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'fuzz-entry.ts',
    },
    outfile: join(dir, 'fuzz.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  // test/paths.ts reads IMR_ROOT to find the fixtures from the bundle's temporary folder.
  process.env.IMR_ROOT = root;
  helpers = createRequire(import.meta.url)(join(dir, 'fuzz.js'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const { mutatedCase, checkText, fixtureTexts } = helpers;
const corpus = fixtureTexts();

function save(index, c, r, budget) {
  mkdirSync(outDir, { recursive: true });
  const base = join(outDir, `seed-${seed}-case-${index}`);
  writeFileSync(`${base}.txt`, c.text);
  writeFileSync(
    `${base}.json`,
    JSON.stringify({ seed, index, description: c.description, length: c.text.length, cpuMs: r.cpuMs, budgetMs: budget, failures: r.failures }, null, 2) + '\n',
  );
  return base;
}

function runCase(index) {
  const c = mutatedCase(corpus, seed, index);
  const budget = BASE_MS + PER_CHAR_MS * c.text.length;
  let r = checkText(c.text, { seed: index });
  if (r.cpuMs > budget) r = checkText(c.text, { seed: index });
  if (r.cpuMs > budget) r.failures.push(`took ${r.cpuMs.toFixed(0)} ms of CPU, over the budget of ${budget.toFixed(0)} ms for ${c.text.length} characters`);
  return { c, r, budget };
}

if (only !== null) {
  const index = Number(only);
  const { c, r, budget } = runCase(index);
  const base = save(index, c, r, budget);
  console.log(`seed ${seed}, case ${index}: ${c.description}`);
  console.log(`${c.text.length} characters, ${r.cpuMs.toFixed(1)} ms of CPU (budget ${budget.toFixed(0)} ms)`);
  console.log(r.failures.length ? `FAILED:\n  ${r.failures.join('\n  ')}` : 'passed');
  console.log(`written to ${base}.txt and .json`);
  process.exit(r.failures.length ? 1 : 0);
}

console.log(`fuzz: seed ${seed}, cases ${from}..${from + count - 1}, ${corpus.length} fixture letters; failures go to ${outDir}`);
const started = Date.now();
let failed = 0;
let chars = 0;
let worst = { ratio: 0, index: -1 };
for (let i = from; i < from + count; i++) {
  const { c, r, budget } = runCase(i);
  chars += c.text.length;
  if (r.cpuMs / budget > worst.ratio) worst = { ratio: r.cpuMs / budget, index: i };
  if (r.failures.length) {
    failed++;
    const base = save(i, c, r, budget);
    console.log(`FAIL case ${i} (${c.description})\n  ${r.failures.slice(0, 5).join('\n  ')}\n  -> ${base}.txt`);
  }
  const done = i - from + 1;
  if (done % 1000 === 0 || done === count) {
    const s = (Date.now() - started) / 1000;
    console.log(
      `${done}/${count} cases, ${failed} failed, ${(done / s).toFixed(0)} cases/s, ${(chars / 1e6 / s).toFixed(1)} MB/s, ` +
        `worst time/budget ${worst.ratio.toFixed(3)} (case ${worst.index})`,
    );
  }
}
console.log(failed ? `${failed} of ${count} cases failed (seed ${seed})` : `all ${count} cases passed (seed ${seed})`);
process.exit(failed ? 1 : 0);
