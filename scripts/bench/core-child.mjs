// Core throughput, baselines and linearity, in a process of its own (one core, a fresh heap).
//   node scripts/bench/core-child.mjs ROOT CORE_BUNDLE '{"runs":10,"bigRuns":5}'
// ("throughputOnly": true leaves out the linearity runs and the parse-alone and merged-file
// allocation; "bigSize": the merged file's size in bytes, 10 MB unless told, 2 MB in bench --smoke.)
// Prints one JSON object on stdout.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusFiles, median, mergedAtLeast, mergedCut, mergedPieces, timeRuns } from './util.mjs';

const [root, bundle, optionsJson] = process.argv.slice(2);
const options = { runs: 10, bigRuns: 5, rounds: 7, bigSize: 10_000_000, ...JSON.parse(optionsJson ?? '{}') };
const core = createRequire(import.meta.url)(bundle);

const files = corpusFiles(root);
const texts = files.map((f) => readFileSync(f, 'utf8'));
const corpusBytes = files.reduce((n, f) => n + readFileSync(f).length, 0);

/** What the CLI and the server do with a text: every letter in it, parsed and diagnosed. */
function parseAndDiagnose(text) {
  let n = 0;
  for (const letter of core.parseDocument(text)) n += core.diagnose(letter, text).length;
  return n;
}

/** The parse alone: every letter of the text found and read (no diagnostics). */
function parseOnly(text) {
  return core.parseDocument(text).length;
}

let sink = 0;
/** Minor page faults of this process so far: memory touched for the first time. */
const minorFaults = () => process.resourceUsage().minorPageFault;
const mbs = (bytes, ms) => bytes / 1e6 / (ms / 1000);

/**
 * Runs `fn` `warmup` times untimed, then `runs` times, each timed by the wall clock and by CPU time
 * (user + system, all threads of this process: garbage collection included), in ms.
 */
function bothRuns(fn, runs, warmup = 1) {
  for (let k = 0; k < warmup; k++) fn();
  const wall = [];
  const cpu = [];
  for (let k = 0; k < runs; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall, cpu };
}

/**
 * Bytes allocated by `fn`, garbage included: V8's sampling heap profiler, told to keep the samples
 * of objects the garbage collector has freed, samples one allocation every `interval` bytes on
 * average; the sampled sizes add up to an estimate of everything allocated (within a few percent
 * for megabytes of allocation).
 */
async function allocatedBytes(fn) {
  const session = new Session();
  session.connect();
  try {
    await session.post('HeapProfiler.enable');
    await session.post('HeapProfiler.startSampling', { samplingInterval: 512, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    fn();
    const { profile } = await session.post('HeapProfiler.stopSampling');
    let total = 0;
    const walk = (n) => {
      total += n.selfSize;
      for (const c of n.children) walk(c);
    };
    walk(profile.head);
    return total;
  } finally {
    session.disconnect();
  }
}

// ------------------------------------------------------------------ the corpus
const { wall: corpusCore, cpu: corpusCoreCpu } = bothRuns(() => {
  for (const t of texts) sink += parseAndDiagnose(t);
}, options.runs, 3);
const { cpu: corpusParseCpu } = bothRuns(() => {
  for (const t of texts) sink += parseOnly(t);
}, options.runs, 1);
const corpusReadSplit = timeRuns(() => {
  for (const f of files) sink += readFileSync(f, 'utf8').split('\n').length;
}, options.runs, 3);
const corpusSplit = timeRuns(() => {
  for (const t of texts) sink += t.split('\n').length;
}, options.runs, 3);
// A crude field grabber: the case number, dates and decisions by regular expression.
const GRAB = /Case Number:\s*(\S+)|Decision Date:\s*(\S+)|:\s*(Upheld|Overturned)\b/g;
const corpusGrab = timeRuns(() => {
  for (const t of texts) for (const m of t.matchAll(GRAB)) sink += m.index;
}, options.runs, 3);

// ------------------------------------------------------------------ one merged document (10 MB; --smoke 2 MB)
const big = mergedAtLeast(texts, options.bigSize);
const bigBytes = Buffer.byteLength(big);
const tmp = mkdtempSync(join(tmpdir(), 'imr-bench-core-'));
const bigFile = join(tmp, 'merged.txt');
writeFileSync(bigFile, big);
const letters = core.parseDocument(big);
const { wall: bigCore, cpu: bigCoreCpu } = bothRuns(() => {
  sink += parseAndDiagnose(big);
}, options.bigRuns, 1);
const faultsBefore = minorFaults();
const { wall: bigParse, cpu: bigParseCpu } = bothRuns(() => {
  sink += parseOnly(big);
}, options.bigRuns, 0);
const bigParseFaults = (minorFaults() - faultsBefore) / options.bigRuns;
// The same letters as texts of their own, each letter's model dropped once read: the parse of the
// merged file keeps all of them alive until its end (the garbage collector copies them, and the
// heap grows onto fresh memory, a page fault per 4 KB), which the parse of one text at a time does
// not.
const pieces = mergedPieces(texts, options.bigSize);
const piecesFaultsBefore = minorFaults();
const { cpu: piecesParseCpu } = bothRuns(() => {
  for (const p of pieces) sink += parseOnly(p);
}, options.bigRuns, 1);
const piecesFaults = (minorFaults() - piecesFaultsBefore) / (options.bigRuns + 1);
const bigReadSplit = timeRuns(() => {
  sink += readFileSync(bigFile, 'utf8').split('\n').length;
}, options.bigRuns, 1);
const bigSplit = timeRuns(() => {
  sink += big.split('\n').length;
}, options.bigRuns, 1);
rmSync(tmp, { recursive: true, force: true });

// ------------------------------------------------------------------ allocation per input byte
const corpusAlloc = await allocatedBytes(() => {
  for (const t of texts) sink += parseAndDiagnose(t);
});
const corpusParseAlloc = options.quick || options.throughputOnly ? null : await allocatedBytes(() => {
  for (const t of texts) sink += parseOnly(t);
});
// The short version (--quick) leaves out the merged file's run: under the sampling profiler it is
// the slowest part of the benchmark, and the corpus figure says the same.
const bigAlloc = options.quick || options.throughputOnly ? null : await allocatedBytes(() => {
  sink += parseAndDiagnose(big);
});

// ------------------------------------------------------------------ CPU time against size
const linear = [];
const cpuNow = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
// Each size is timed in batches long enough for the CPU clock (at least 50 ms each), and the sizes
// take turns, round after round, so that all are timed in the same state of the JIT: timed one
// size after another, the small ones swung by a factor of three from run to run.
// (Left out when only throughput is compared: bench --against.)
// The sizes: powers of ten from 1 KB up to the merged file's size, and that size (1 KB to 10 MB).
const decades = [1_000, 10_000, 100_000, 1_000_000, 10_000_000].filter((size) => size < options.bigSize);
const sizes = (options.throughputOnly ? [] : [...decades, options.bigSize]).map((size) => {
  const doc = mergedCut(texts, size);
  parseAndDiagnose(doc);
  let batch = 1;
  for (;;) {
    const t0 = cpuNow();
    for (let k = 0; k < batch; k++) sink += parseAndDiagnose(doc);
    if (cpuNow() - t0 >= 50 || batch >= 1 << 16) break;
    batch *= 2;
  }
  return { size, doc, batch, rounds: size >= options.bigSize ? options.bigRuns : options.rounds, per: [] };
});
for (let r = 0; r < Math.max(0, ...sizes.map((s) => s.rounds)); r++) {
  for (const s of sizes) {
    if (r >= s.rounds) continue;
    const t0 = cpuNow();
    for (let k = 0; k < s.batch; k++) sink += parseAndDiagnose(s.doc);
    s.per.push((cpuNow() - t0) / s.batch);
  }
}
for (const { size, doc, per } of sizes) {
  const bytes = Buffer.byteLength(doc);
  const ms = median(per);
  linear.push({ size, bytes, letters: core.parseDocument(doc).length, ms, usPerKB: (ms * 1000) / (bytes / 1000), mbs: mbs(bytes, ms) });
}

// ------------------------------------------------------------------ the corpus again, the JIT warm
// The corpus rows above are taken after three warm-up passes, while V8 is still compiling: the core
// reaches its steady speed only after some 25 passes of the corpus. By now the merged file's runs
// (and the size runs) have warmed it: this is what a long run, such as a CLI worker's, comes to.
const { cpu: corpusWarmCpu } = bothRuns(() => {
  for (const t of texts) sink += parseAndDiagnose(t);
}, options.runs, 0);

const out = {
  corpus: {
    files: files.length,
    bytes: corpusBytes,
    letters: texts.reduce((n, t) => n + core.parseDocument(t).length, 0),
    coreMs: median(corpusCore),
    coreMBs: mbs(corpusBytes, median(corpusCore)),
    coreCpuMs: median(corpusCoreCpu),
    coreCpuMBs: mbs(corpusBytes, median(corpusCoreCpu)),
    warmCpuMBs: mbs(corpusBytes, median(corpusWarmCpu)),
    parseCpuMBs: mbs(corpusBytes, median(corpusParseCpu)),
    // Bytes allocated (garbage included) per byte of input as stored on disk.
    allocPerByte: corpusAlloc / corpusBytes,
    parseAllocPerByte: corpusParseAlloc === null ? null : corpusParseAlloc / corpusBytes,
    readSplitMBs: mbs(corpusBytes, median(corpusReadSplit)),
    splitMBs: mbs(corpusBytes, median(corpusSplit)),
    grabMBs: mbs(corpusBytes, median(corpusGrab)),
    runs: corpusCore.map((x) => +x.toFixed(2)),
  },
  big: {
    bytes: bigBytes,
    letters: letters.length,
    items: letters.reduce((n, l) => n + l.items.length, 0),
    coreMs: median(bigCore),
    parseMs: median(bigParse),
    coreMBs: mbs(bigBytes, median(bigCore)),
    coreCpuMs: median(bigCoreCpu),
    coreCpuMBs: mbs(bigBytes, median(bigCoreCpu)),
    parseCpuMs: median(bigParseCpu),
    parseCpuMBs: mbs(bigBytes, median(bigParseCpu)),
    parseFaults: bigParseFaults,
    pieces: pieces.length,
    piecesParseCpuMBs: mbs(bigBytes, median(piecesParseCpu)),
    piecesFaults,
    allocPerByte: bigAlloc === null ? null : bigAlloc / bigBytes,
    readSplitMBs: mbs(bigBytes, median(bigReadSplit)),
    splitMBs: mbs(bigBytes, median(bigSplit)),
    runs: bigCore.map((x) => +x.toFixed(1)),
  },
  linear,
  sink: sink > 0,
};
process.stdout.write(JSON.stringify(out) + '\n');
