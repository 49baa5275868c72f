/**
 * The integration suite's entry point: VS Code (desktop through @vscode/test-electron, or
 * code-server in Chromium) loads this module in the extension host and awaits `run()`.
 *
 * Every `*.test.js` file under this folder (compiled from `*.test.ts`) is loaded, so new test files
 * need no registration. The tests use mocha's TDD interface (`suite`, `test`, `suiteSetup`).
 * Files under `cold/` run first, in an extension host where nothing has activated the extension
 * yet (what a user gets in a fresh window); put there only tests that need that state.
 *
 * Besides the usual spec output on the console, the results go to a JSON report when
 * `IMR_TEST_REPORT` names a file: `{ passed, failed, pending, tests: [{ title, state, error? }] }`.
 * The launcher (scripts/run-integration.mjs) reads its counts from there.
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import { removeTempDirs } from '../../temp';

interface TestRecord {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

function findTestFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) findTestFiles(p, out);
    else if (entry.name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

function writeReport(file: string | undefined, tests: TestRecord[], loadError?: string): void {
  if (!file) return;
  const count = (s: TestRecord['state']) => tests.filter((t) => t.state === s).length;
  const report = { passed: count('passed'), failed: count('failed'), pending: count('pending'), tests, loadError };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
}

export function run(): Promise<void> {
  const reportFile = process.env.IMR_TEST_REPORT || undefined;
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    // The first request waits for the language server to start; single tests poll with their own limits.
    timeout: Number(process.env.IMR_TEST_TIMEOUT_MS ?? 180_000),
    reporter: 'spec',
  });
  const cold = path.join(__dirname, 'cold');
  const coldFiles = fs.existsSync(cold) ? findTestFiles(cold) : [];
  const files = [...coldFiles, ...findTestFiles(__dirname).filter((f) => !coldFiles.includes(f))];
  for (const f of files) mocha.addFile(f);
  console.log(`[imr-integration] ${files.length} test files: ${files.map((f) => path.relative(__dirname, f)).join(', ')}`);

  return new Promise((resolve, reject) => {
    const tests: TestRecord[] = [];
    let runner: Mocha.Runner;
    try {
      runner = mocha.run((failures) => {
        // The extension host is not sure to exit on its own: the tests' temporary folders go now.
        removeTempDirs();
        writeReport(reportFile, tests);
        if (failures > 0 || tests.length === 0) reject(new Error(tests.length === 0 ? 'no tests ran' : `${failures} test(s) failed`));
        else resolve();
      });
    } catch (e) {
      // A test file that throws while loading: count it as one failure, with the reason.
      const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
      removeTempDirs();
      writeReport(reportFile, [{ title: 'loading the integration test files', state: 'failed', error: message }], message);
      reject(e);
      return;
    }
    runner.on('pass', (t) => tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration }));
    runner.on('pending', (t) => tests.push({ title: t.fullTitle(), state: 'pending' }));
    // Also fires for failing hooks (`suiteSetup` and the like), which count as failures.
    runner.on('fail', (t, err) => tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration, error: String(err?.stack ?? err) }));
  });
}
