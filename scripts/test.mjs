#!/usr/bin/env node
// `npm test`: everything from a clean clone. Installs dependencies when missing, builds, runs
// every tier, and ends with one line: "N passed, N failed".
//
//   tier 1  core, golden, grammar, CLI and protocol tests   node:test over out/test/**/*.test.js
//   tier 2  integration tests in a real VS Code             scripts/run-integration.mjs
//
// Only node built-ins are imported here: this script runs before dependencies exist.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
const totals = { passed: 0, failed: 0 };
const tierNotes = [];

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

ensureDependencies(root);

console.log('\n== build');
const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.log('\nbuild failed\n0 passed, 1 failed');
  process.exit(1);
}

// ---- tier 1: node:test
console.log('\n== core, golden, grammar, CLI and protocol tests');
mkdirSync(join(root, 'out'), { recursive: true });
const tapFile = join(root, 'out', 'node-tests.tap');
const files = findTests(join(root, 'out', 'test')).filter((f) => !relative(root, f).split(/[\\/]/).includes('integration'));
const code1 = await run(process.execPath, [
  '--test',
  // A hung test fails after two minutes instead of stalling the run.
  '--test-timeout=120000',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
  ...files,
]);
const c1 = tapCounts(tapFile);
if (c1) {
  totals.passed += c1.pass;
  totals.failed += c1.fail;
  tierNotes.push(`tier 1 (node:test, ${files.length} files): ${c1.pass} passed, ${c1.fail} failed`);
}
if (!c1 || (code1 !== 0 && c1.fail === 0)) {
  totals.failed += 1;
  tierNotes.push(`tier 1 exited with code ${code1} without a complete report`);
}

// ---- tier 2: real VS Code
console.log('\n== integration tests in a real VS Code');
const resultsFile = join(root, 'out', 'integration-results.json');
const code2 = await run(process.execPath, [join(root, 'scripts/run-integration.mjs'), '--results', resultsFile]);
let c2 = null;
try {
  c2 = JSON.parse(readFileSync(resultsFile, 'utf8'));
} catch {
  c2 = null;
}
if (c2 && Number.isFinite(c2.passed) && Number.isFinite(c2.failed)) {
  totals.passed += c2.passed;
  totals.failed += c2.failed;
  tierNotes.push(`tier 2 (${c2.host ?? 'VS Code'}): ${c2.passed} passed, ${c2.failed} failed`);
}
if (!c2 || (code2 !== 0 && !(c2.failed > 0))) {
  totals.failed += 1;
  tierNotes.push(`tier 2 exited with code ${code2} without a complete report`);
}

console.log('\n== summary');
for (const n of tierNotes) console.log(n);
console.log(`time: ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
