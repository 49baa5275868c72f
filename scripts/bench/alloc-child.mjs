// Bytes allocated per input byte, counted exactly: parse + all diagnostics over the corpus (and the
// 10 MB merged file), in a process run on one thread with a young generation too large to be
// collected during the measured passes, so that the heap's growth over them is everything they
// allocated. The sampling profiler's estimate (core-child.mjs) moves by a few percent from run to
// run and with what the JIT has compiled; this count repeats to within about 1%.
//   node --expose-gc --single-threaded --max-semi-space-size=256 --min-semi-space-size=256 \
//     scripts/bench/alloc-child.mjs ROOT CORE_BUNDLE '{"big":true}'
// Prints one JSON object on stdout: { corpus, big } in bytes per input byte (big null when not asked).
// Options (defaults in brackets): "big" (the merged file too [true]), "bigSize" (its size in bytes
// [10 MB]), "warm" (untimed corpus passes first [20]), "passes" (corpus passes per measurement [6])
// and "repeats" (measurements, the median taken [3]). bench --smoke asks for 2, 1 and 1 of the last
// three: a figure that shows the count works, not one that repeats to within 1%.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { corpusFiles, median, mergedAtLeast } from './util.mjs';

const [root, bundle, optionsJson] = process.argv.slice(2);
const options = { big: true, bigSize: 10_000_000, warm: 20, passes: 6, repeats: 3, ...JSON.parse(optionsJson ?? '{}') };
const core = createRequire(import.meta.url)(bundle);
if (typeof globalThis.gc !== 'function') throw new Error('alloc-child.mjs needs --expose-gc');

const files = corpusFiles(root);
const texts = files.map((f) => readFileSync(f, 'utf8'));
const corpusBytes = files.reduce((n, f) => n + readFileSync(f).length, 0);

let sink = 0;
function parseAndDiagnose(text) {
  for (const letter of core.parseDocument(text)) sink += core.diagnose(letter, text).length;
}

/** Heap growth per input byte over `passes` runs of `fn`, after a full collection; the median of
 *  `options.repeats` (three) measurements. */
function perByte(fn, passes, bytes) {
  const out = [];
  for (let k = 0; k < options.repeats; k++) {
    globalThis.gc();
    const before = process.memoryUsage().heapUsed;
    for (let p = 0; p < passes; p++) fn();
    out.push((process.memoryUsage().heapUsed - before) / bytes / passes);
  }
  return median(out);
}

const corpusPass = () => {
  for (const t of texts) parseAndDiagnose(t);
};
// Warm: what V8 compiles while the core is hot allocates too, and is not the core's.
for (let k = 0; k < options.warm; k++) corpusPass();
const corpus = perByte(corpusPass, options.passes, corpusBytes);

let big = null;
if (options.big) {
  const text = mergedAtLeast(texts, options.bigSize);
  const bigPass = () => parseAndDiagnose(text);
  for (let k = 0; k < 2; k++) bigPass();
  big = perByte(bigPass, 1, Buffer.byteLength(text));
}
process.stdout.write(JSON.stringify({ corpus, big, sink: sink > 0 }));
