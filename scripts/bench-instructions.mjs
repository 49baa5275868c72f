#!/usr/bin/env node
// Benchmark: machine instructions the core executes, counted by valgrind's callgrind (Debian
// package valgrind). A count does not move with the machine's load, where CPU times on this
// shared machine move by ±30%: two counts differing by more than about 2% are a real difference.
//
//   node scripts/bench-instructions.mjs [--mode diag|parse] [--passes 3,12,24] [--texts N] [--against REV] [--v8-flags FLAGS]
//
// For each number of passes P over the corpus (every text parsed and, in diag mode, every letter
// diagnosed: what `imr check`, the server and a CLI worker do), in a fresh process: the
// instructions of all its threads (the JIT compiler's background threads and the garbage
// collector's included) less those of a process that only loads the core and reads the texts,
// per input byte; the share of them spent in V8's optimising compiler (TurboFan) compiling the
// core; and between two pass counts, the instructions per byte of one more pass (the steady
// state). With --against REV the core of git revision REV is counted the same way and each of
// this tree's figures is given as a ratio of REV's. The processes run two at a time, with the V8
// settings the server and the CLI set (this tree's V8_FLAGS, core/v8-flags.ts) for both cores;
// --v8-flags '...' runs them with other settings instead ('' for V8's defaults). --texts N counts
// N corpus texts spread over it instead of all of them (a quicker check that the tool works).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleCore, bundleRevision, corpusFiles, spreadSample } from './bench/util.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const value = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
const mode = value('mode', 'diag');
const passes = value('passes', '3,12,24').split(',').map(Number).filter((n) => n > 0).sort((a, b) => a - b);
const against = value('against', null);
const flagsArg = value('v8-flags', null);
const textsArg = value('texts', null);
const sample = textsArg === null ? null : Number(textsArg);
let v8Flags = [];
if (!['diag', 'parse'].includes(mode) || passes.length === 0 || (sample !== null && !(Number.isInteger(sample) && sample > 0))) {
  console.error('usage: node scripts/bench-instructions.mjs [--mode diag|parse] [--passes 3,12,24] [--texts N] [--against REV] [--v8-flags FLAGS]');
  process.exit(2);
}
if (spawnSync('valgrind', ['--version']).error) {
  console.error('valgrind not found: install it (apt-get install -y valgrind).');
  process.exit(2);
}

const files = spreadSample(corpusFiles(root), sample);
const bytes = files.reduce((n, f) => n + readFileSync(f).length, 0);
const tmp = mkdtempSync(join(tmpdir(), 'imr-bench-instructions-'));

/** Instructions of one child process (all threads), and those in TurboFan's code. */
function count(bundle, p) {
  const out = join(tmp, `callgrind-${Math.random().toString(36).slice(2)}.out`);
  return new Promise((resolve, reject) => {
    const child = spawn('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}`, '--smc-check=all-non-file', process.execPath, ...v8Flags, join(root, 'scripts', 'bench', 'instructions-child.mjs'), root, bundle, mode, String(p), String(files.length)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', () => {
      const total = Number(/Collected : (\d+)/.exec(err)?.[1]);
      if (!Number.isFinite(total)) return reject(new Error(`callgrind gave no count:\n${err.slice(-2000)}`));
      resolve({ total, compiler: compilerInstructions(out) });
    });
  });
}

/** V8's optimising compiler: functions of v8::internal::compiler, its zones and turboshaft. */
const COMPILER = /v8::internal::compiler::|v8::internal::Zone|turboshaft/;

/**
 * Instructions in V8's optimising compiler: the self cost of its functions, read from the callgrind
 * output file (what `callgrind_annotate` lists per function, summed here without it: the Perl script
 * took seconds a file).
 *
 * The format: `fn=(id) name` starts a function's cost lines (`fn=(id)` names it again by number,
 * as `cfn=` lines may name it first); a cost line is a position (a number, or `+n`, `-n`, `*`
 * relative to the last) and the instruction count; the cost line after `calls=` is the callee's
 * inclusive cost, not the caller's own.
 */
function compilerInstructions(file) {
  const names = new Map();
  const nameOf = (spec) => {
    const m = /^\((\d+)\)(?: (.*))?$/.exec(spec);
    if (!m) return spec;
    if (m[2] !== undefined) names.set(m[1], m[2]);
    return names.get(m[1]) ?? '';
  };
  let inCompiler = false;
  let afterCall = false;
  let sum = 0;
  for (const line of readFileSync(file, 'latin1').split('\n')) {
    const c = line.charCodeAt(0);
    if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 42) {
      if (afterCall) afterCall = false;
      else if (inCompiler) sum += Number(line.split(' ')[1] ?? 0);
    } else if (line.startsWith('fn=')) {
      inCompiler = COMPILER.test(nameOf(line.slice(3)));
    } else if (line.startsWith('cfn=')) {
      nameOf(line.slice(4));
    } else if (line.startsWith('calls=')) {
      afterCall = true;
    }
  }
  return sum;
}

/** Runs the thunks two at a time (the machine has two cores; each valgrind uses one). */
async function twoAtATime(thunks) {
  const results = new Array(thunks.length);
  let next = 0;
  const lane = async () => {
    while (next < thunks.length) {
      const k = next++;
      results[k] = await thunks[k]();
    }
  };
  await Promise.all([lane(), lane()]);
  return results;
}

try {
  const cores = [{ name: 'this tree', bundle: join(tmp, 'core.js') }];
  await bundleCore(root, cores[0].bundle);
  v8Flags = (flagsArg ?? createRequire(import.meta.url)(cores[0].bundle).V8_FLAGS).split(' ').filter(Boolean);
  if (against) cores.push({ name: against, bundle: await bundleRevision(root, against, tmp) });
  const jobs = cores.flatMap((c) => [0, ...passes].map((p) => ({ c, p })));
  const counts = await twoAtATime(jobs.map((j) => () => count(j.c.bundle, j.p)));
  const figures = cores.map((c) => {
    const of = (p) => counts[jobs.findIndex((j) => j.c === c && j.p === p)];
    const base = of(0);
    const rows = passes.map((p) => {
      const n = of(p);
      return { passes: p, perByte: (n.total - base.total) / (p * bytes), compilerShare: (n.compiler - base.compiler) / (n.total - base.total) };
    });
    const steady = passes.length > 1 ? (of(passes.at(-1)).total - of(passes.at(-2)).total) / ((passes.at(-1) - passes.at(-2)) * bytes) : null;
    return { name: c.name, rows, steady };
  });
  console.log(`Instructions per input byte, ${mode === 'diag' ? 'parse + all diagnostics' : 'parse alone'}, corpus (${files.length} texts, ${(bytes / 1e6).toFixed(2)} MB), Node ${process.versions.node}`);
  const [head, rev] = figures;
  for (const [k, r] of head.rows.entries()) {
    const vs = rev ? `   ${against}: ${rev.rows[k].perByte.toFixed(0)} (this tree ${(r.perByte / rev.rows[k].perByte).toFixed(3)}x)` : '';
    console.log(`  first ${String(r.passes).padStart(2)} passes: ${r.perByte.toFixed(0).padStart(5)} per byte, ${(100 * r.compilerShare).toFixed(0)}% of them compiling (TurboFan)${vs}`);
  }
  if (head.steady !== null) {
    const vs = rev ? `   ${against}: ${rev.steady.toFixed(0)} (this tree ${(head.steady / rev.steady).toFixed(3)}x)` : '';
    console.log(`  one more pass after ${passes.at(-2)}: ${head.steady.toFixed(0).padStart(5)} per byte${vs}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
