// Where a bulk worker's CPU goes: one worker thread of `imr extract` (dist/extract-worker.js, the
// same script and messages the CLI uses) extracts N benchmark letters in a new process, and each
// thread's CPU time is read from /proc/self/task/*/stat: the worker's own thread, and the threads
// the engine started with the process (its optimising compiler and garbage collector helpers).
// The process's main thread only waits. Linux only (it reads /proc).
//
//   npm run build && node scripts/bench/thread-cpu.mjs [--format jsonl|facts|records|check] [N ...]
//
// Prints one row per N: wall time, the worker thread's CPU, the other threads' CPU. Run it again
// with `node --no-concurrent-recompilation scripts/bench/thread-cpu.mjs` to see the optimising
// compiler's share move onto the worker thread.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { corpusTexts } from './util.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const format = args.includes('--format') ? args[args.indexOf('--format') + 1] : 'jsonl';
const sizes = args.filter((a, i) => a !== '--format' && args[i - 1] !== '--format').map(Number);
if (sizes.length === 0) sizes.push(500, 1000, 5000, 10000);
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error('usage: node scripts/bench/thread-cpu.mjs [--format jsonl|facts|records|check] [N ...]');
  process.exit(2);
}

/** CPU milliseconds of each thread of this process, by thread id. */
function threadCpu() {
  const out = new Map();
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(Number(tid), ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
  }
  return out;
}

if (process.env.IMR_THREAD_CPU_N) {
  // One measurement, in a process of its own (a fresh engine: nothing compiled yet).
  const n = Number(process.env.IMR_THREAD_CPU_N);
  const dir = process.env.IMR_THREAD_CPU_DIR;
  const files = readdirSync(dir).sort().slice(0, n).map((f) => join(dir, f));
  const before = new Set(threadCpu().keys());
  // Messages as the CLI sends them: `ExtractTask` in server/src/export/one.ts (the options go with each batch).
  const worker = new Worker(join(root, 'dist', 'extract-worker.js'));
  const t0 = performance.now();
  let id = 0;
  for (let k = 0; k < files.length; k += 100) {
    const task = { id: id++, files: files.slice(k, k + 100), options: { format } };
    const done = new Promise((resolve) => worker.once('message', resolve));
    worker.postMessage(task);
    const answer = await done;
    // A letter the worker failed would make the figures those of no work.
    const failure = answer.results.find((r) => r.failure);
    if (failure) {
      console.error(`the worker failed a letter: ${failure.failure}`);
      process.exit(1);
    }
  }
  const wall = performance.now() - t0;
  const cpu = threadCpu();
  await worker.terminate();
  let own = 0;
  let engine = 0;
  for (const [tid, ms] of cpu) {
    if (tid === process.pid) continue;
    if (before.has(tid)) engine += ms;
    else own += ms;
  }
  console.log(JSON.stringify({ n, wall, own, engine }));
  process.exit(0);
}

// Letter files: the corpus repeated, each copy its own file (as the CLI benchmark writes them).
const texts = corpusTexts(root);
const dir = join(tmpdir(), `imr-thread-cpu-${process.pid}`);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const most = Math.max(...sizes);
for (let k = 0; k < most; k++) {
  const t = texts[k % texts.length];
  writeFileSync(join(dir, `${String(k).padStart(6, '0')}-${basename(t.file)}`), t.text);
}
const { spawnSync } = await import('node:child_process');
console.log(`format ${format}; ${process.execArgv.join(' ') || 'no engine flags'}`);
console.log('| Letters | Wall | The worker thread\'s CPU | The engine\'s other threads |');
console.log('|---|---|---|---|');
try {
  for (const n of sizes) {
    const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--format', format], {
      env: { ...process.env, IMR_THREAD_CPU_N: String(n), IMR_THREAD_CPU_DIR: dir },
      encoding: 'utf8',
    });
    if (r.status !== 0) {
      console.error(r.stderr);
      process.exit(1);
    }
    const m = JSON.parse(r.stdout.trim().split('\n').pop());
    const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
    console.log(`| ${n.toLocaleString('en-US')} | ${s(m.wall)} | ${s(m.own)} | ${s(m.engine)} |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
