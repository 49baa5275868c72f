#!/usr/bin/env node
// `npm test`: everything from a clean clone. Installs dependencies when missing, builds, runs
// every tier, and ends with one line: "N passed, N failed".
//
//   tier 1  core, golden, grammar, CLI and protocol tests   node:test over out/test/**/*.test.js
//   tier 2  integration tests in a real VS Code             scripts/run-integration.mjs
//
//   node scripts/test.mjs --tier unit          tier 1 only
//   node scripts/test.mjs --tier integration   tier 2 only
//   node scripts/test.mjs --tier unit FILTER   tier 1, only test files whose path contains FILTER
//
// Each tier runs with a temp folder of its own; a temporary folder a tier leaves behind in it counts
// as a failure (see withPrivateTemp).
//
// Only node built-ins are imported here: this script runs before dependencies exist.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const tierArg = argv.includes('--tier') ? argv[argv.indexOf('--tier') + 1] : 'all';
if (!['all', 'unit', 'integration'].includes(tierArg)) {
  console.error(`--tier must be unit, integration or all, not ${tierArg}`);
  process.exit(2);
}
const fileFilter = argv.filter((a, i) => a !== '--tier' && argv[i - 1] !== '--tier');
const started = Date.now();
const totals = { passed: 0, failed: 0 };
const tierNotes = [];
/** How long each phase took, for the summary: where a slow run spent its time. */
const phases = [];
function phaseDone(name, since) {
  phases.push(`${name} ${((Date.now() - since) / 1000).toFixed(0)} s`);
}

function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    child.on('error', () => resolve(127));
  });
}

function findTests(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) findTests(p, out);
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

/** Reads "# pass N" / "# fail N" (and cancelled) from a node:test TAP report. */
function tapCounts(file) {
  if (!existsSync(file)) return null;
  const tap = readFileSync(file, 'utf8');
  const num = (k) => Number((new RegExp(`^# ${k} (\\d+)$`, 'm').exec(tap) ?? [])[1] ?? NaN);
  const pass = num('pass');
  const fail = num('fail') + (num('cancelled') || 0);
  return Number.isFinite(pass) && Number.isFinite(fail) ? { pass, fail } : null;
}

// The real-VS-Code tier needs code-server (built under .tools/ on first use, 1 to 3 minutes on a fresh
// machine). Install it in the background while the npm install, the build and tier 1 run (it needs
// only Node's built-ins and npm), so a fresh clone does not pay for it in sequence; tier 2 waits for
// it and shows its log.
let toolsInstall = null;
if (tierArg !== 'unit') {
  // Not under out/: the build empties that folder.
  mkdirSync(join(root, '.tools'), { recursive: true });
  const logFile = join(root, '.tools', 'install.log');
  const check = spawnSync(process.execPath, [join(root, 'scripts/vscode-tools.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
  if (check.status !== 0) {
    console.log(`== installing code-server and its Node in the background (log: ${relative(root, logFile)})`);
    const out = openSync(logFile, 'w');
    const child = spawn(process.execPath, [join(root, 'scripts/vscode-tools.mjs')], { cwd: root, stdio: ['ignore', out, out] });
    toolsInstall = new Promise((resolve) => {
      child.on('exit', (code) => resolve({ code, logFile }));
      child.on('error', () => resolve({ code: 127, logFile }));
    });
  }
}

let since = Date.now();
ensureDependencies(root);
phaseDone('dependencies', since);

console.log('\n== build');
since = Date.now();
const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.log('\nbuild failed\n0 passed, 1 failed');
  process.exit(1);
}
phaseDone('build', since);

// ---- tier 1: node:test
/**
 * A test file whose time bounds are tight (a growth ratio between two input sizes, a latency
 * percentile, how soon a cancelled request is answered) says so with a line `// @run-alone: WHY`
 * near its top. Those files run one at a time after the others, which run two at a time: most of
 * tier 1 waits on child processes (the CLI, the language server, the PDF reader) and leaves a core
 * idle, while a tightly timed test must not share the machine with the suite. Bounds of seconds to
 * minutes, and CPU-time budgets, hold two files at a time.
 */
const RUN_ALONE = /^\/\/ @run-alone: /m;

function runsAlone(file) {
  return RUN_ALONE.test(readFileSync(file, 'utf8'));
}

/**
 * Tier 1 connects to nothing (test/robustness/network.test.ts checks that the product does not), so
 * its processes get no extra CA bundle: with NODE_EXTRA_CA_CERTS set, each of the hundreds of Node
 * processes it starts (CLI runs, servers, PDF readers) reads and parses the bundle, about 30 ms.
 */
function withoutCaBundle(env) {
  const { NODE_EXTRA_CA_CERTS: _unused, ...rest } = env;
  return rest;
}

async function nodeTests(files, concurrency, tapFile, env = process.env) {
  const code = await run(process.execPath, [
    '--test',
    `--test-concurrency=${concurrency}`,
    // A hung test fails after ten minutes instead of stalling the run (generous: a test that takes
    // 30 s on a quiet machine, like the benchmark's short run, can take several times that on a
    // busy 2-core CI machine).
    '--test-timeout=600000',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
    ...files,
  ], { env: withoutCaBundle(env) });
  return { code, counts: tapCounts(tapFile) };
}

async function unitTier() {
  console.log('\n== core, golden, grammar, CLI and protocol tests');
  mkdirSync(join(root, 'out'), { recursive: true });
  const files = findTests(join(root, 'out', 'test'))
    .filter((f) => !relative(root, f).split(/[\\/]/).includes('integration'))
    .filter((f) => fileFilter.length === 0 || fileFilter.some((x) => relative(root, f).includes(x)));
  const alone = files.filter(runsAlone);
  const shared = files.filter((f) => !alone.includes(f));
  // The timed files compare the time of one input with that of an input four times its size. With
  // glibc's default, an allocation over 32 MB always gets fresh pages from the kernel while a smaller
  // one reuses freed memory, and on a virtual machine a fresh page costs about 20 microseconds the
  // first time it is touched: a text of 4 million lines (an 80 MB line table) paid that and its
  // quarter did not. A fixed threshold (no dynamic raise) has every size pay alike for its memory.
  const timedEnv = { ...process.env, GLIBC_TUNABLES: [process.env.GLIBC_TUNABLES, 'glibc.malloc.mmap_threshold=131072'].filter(Boolean).join(':') };
  const parts = [
    { name: 'two at a time', files: shared, concurrency: 2, tap: 'node-tests.tap' },
    { name: 'timed, one at a time', files: alone, concurrency: 1, tap: 'node-tests-timed.tap', env: timedEnv },
  ];
  let passed = 0;
  let failed = 0;
  let complete = true;
  for (const part of parts) {
    if (part.files.length === 0) continue;
    console.log(`\n== tier 1, ${part.files.length} files ${part.name}`);
    const partStarted = Date.now();
    const { code, counts } = await nodeTests(part.files, part.concurrency, join(root, 'out', part.tap), part.env);
    phaseDone(`tier 1 ${part.name}`, partStarted);
    if (counts) {
      passed += counts.pass;
      failed += counts.fail;
    }
    if (!counts || (code !== 0 && counts.fail === 0)) {
      complete = false;
      tierNotes.push(`tier 1 (${part.name}) exited with code ${code} without a complete report`);
    }
  }
  totals.passed += passed;
  totals.failed += failed + (complete ? 0 : 1);
  tierNotes.unshift(`tier 1 (node:test, ${files.length} files, ${alone.length} of them timed and run alone): ${passed} passed, ${failed} failed`);
}

// ---- tier 2: real VS Code
async function integrationTier() {
  console.log('\n== integration tests in a real VS Code');
  if (toolsInstall) {
    const t = Date.now();
    const { code, logFile } = await toolsInstall;
    if (existsSync(logFile)) console.log(readFileSync(logFile, 'utf8').trimEnd());
    console.log(`== background tools install ${code === 0 ? 'done' : `failed (exit ${code}); the tier retries it`} (waited ${((Date.now() - t) / 1000).toFixed(0)} s)`);
    phaseDone('waiting for the tools install', t);
  }
  const t2 = Date.now();
  const resultsFile = join(root, 'out', 'integration-results.json');
  const code = await run(process.execPath, [join(root, 'scripts/run-integration.mjs'), '--results', resultsFile]);
  phaseDone('tier 2', t2);
  let c = null;
  try {
    c = JSON.parse(readFileSync(resultsFile, 'utf8'));
  } catch {
    c = null;
  }
  if (c && Number.isFinite(c.passed) && Number.isFinite(c.failed)) {
    totals.passed += c.passed;
    totals.failed += c.failed;
    tierNotes.push(`tier 2 (${c.host ?? 'VS Code'}): ${c.passed} passed, ${c.failed} failed`);
  }
  if (!c || (code !== 0 && !(c.failed > 0))) {
    totals.failed += 1;
    tierNotes.push(`tier 2 exited with code ${code} without a complete report`);
  }
}

// ---- temporary folders
/**
 * Tests copy letters into temporary folders, and letters carry health information: nothing may stay
 * behind. Each tier runs with the temp folder (TMPDIR, and TMP and TEMP for Windows) pointed at a
 * fresh folder of its own, which every process it starts inherits, so that a run never litters the
 * system's temp folder. The tests and the product name their temporary folders and files imr-*
 * (test/temp.ts); one of those still there when the tier ends counts as a failure, named in the
 * summary. Other names are not checked: code-server and Chromium keep their own things there. The
 * tier's folder is removed afterwards in any case, also when this script is interrupted.
 */
const systemTemp = tmpdir();
const privateTemps = new Set();
process.on('exit', () => {
  for (const dir of privateTemps) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => process.exit(130));

async function withPrivateTemp(tier, runTier) {
  const dir = mkdtempSync(join(systemTemp, 'imr-test-run-'));
  privateTemps.add(dir);
  const saved = Object.fromEntries(['TMPDIR', 'TMP', 'TEMP'].map((k) => [k, process.env[k]]));
  Object.assign(process.env, { TMPDIR: dir, TMP: dir, TEMP: dir });
  try {
    await runTier();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  const left = readdirSync(dir).filter((name) => name.startsWith('imr-')).sort();
  if (left.length > 0) {
    totals.failed += left.length;
    const note = `${tier}: ${left.length} temporary ${left.length === 1 ? 'folder' : 'folders'} left behind (a test or the product did not remove what it made): ${left.join(', ')}`;
    console.log(`\n== ${note}`);
    tierNotes.push(note);
  }
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  privateTemps.delete(dir);
}

if (tierArg !== 'integration') await withPrivateTemp('tier 1', unitTier);
if (tierArg !== 'unit') await withPrivateTemp('tier 2', integrationTier);

console.log('\n== summary');
for (const n of tierNotes) console.log(n);
console.log(`time: ${((Date.now() - started) / 1000).toFixed(0)} s (${phases.join('; ')})`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
