#!/usr/bin/env node
// Runs the integration suite (test/integration/suite, compiled to out/) inside a real VS Code, then
// the Playwright UI checks (test/integration/ui) against code-server, and writes one results file.
//
//   node scripts/run-integration.mjs [--results FILE] [--tests-dir DIR] [--ui-dir DIR] [--no-ui]
//   node scripts/run-integration.mjs --screenshot docs/outline.png
//   node scripts/run-integration.mjs --screenshot-hover docs/hover.png
//   node scripts/run-integration.mjs --screenshot-completion docs/completion.png
//   node scripts/run-integration.mjs --screenshot-first-screen docs/first-screen.png --screenshot-extraction docs/extraction.png
//   node scripts/run-integration.mjs --screenshot-insights docs/insights.png
//   node scripts/run-integration.mjs --screenshot-letters docs/letters.png
//
// IMR_EXTENSION_PATH tests another unpacked copy of the extension instead of this checkout.
//
// Which VS Code runs the suite:
//   - desktop VS Code through @vscode/test-electron when VSCODE_EXECUTABLE names a VS Code binary, or
//     when IMR_TEST_HOST=electron, or (IMR_TEST_HOST unset) when a quick probe shows that VS Code can
//     be downloaded and a display is available;
//   - otherwise (or with IMR_TEST_HOST=code-server) code-server from npm in Debian's Chromium, driven
//     by playwright-core (scripts/vscode-tools.mjs installs both).
// The UI checks always use code-server: they drive the web workbench.
//
// Results: {host, passed, failed, tests: [{title, state}]}. The suite writes its own report
// (IMR_TEST_REPORT, see test/integration/suite/index.ts); a run that ends without one counts as a
// failure. Exit code 0 only when nothing failed.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { format } from 'node:util';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import {
  CHROMIUM_ARGS, CODE_SERVER_HOST, ROOT, START_SETTINGS, ToolsError, chromiumPath, ensureVsCodeTools, installExtensionLink, killProcessGroupNow,
  startCodeServer, waitForHealthz, workbenchUrl, writeUserSettings,
} from './vscode-tools.mjs';

const t0 = Date.now();
const timings = [];
function timed(label, since) {
  const s = (Date.now() - since) / 1000;
  timings.push(`${label} ${s.toFixed(1)} s`);
  console.log(`[integration] ${label}: ${s.toFixed(1)} s`);
}
const log = (msg) => console.log(`[integration] ${msg}`);

// ---------------------------------------------------------------- arguments

/**
 * The README's pictures: each option names the UI check module (test/integration/ui, compiled)
 * and its function that takes the picture. They are taken in this order: the first screen before
 * anything else opens a letter in the user profile (the Outline shows once).
 */
const SCREENSHOTS = [
  { option: '--screenshot', module: 'index.js', capture: 'captureOutline' },
  { option: '--screenshot-hover', module: 'hover.check.js', capture: 'captureHover' },
  { option: '--screenshot-completion', module: 'completion.check.js', capture: 'captureCompletion' },
  { option: '--screenshot-first-screen', module: 'first-screen.check.js', capture: 'captureFirstScreen' },
  { option: '--screenshot-extraction', module: 'table.check.js', capture: 'captureExtraction' },
  { option: '--screenshot-insights', module: 'insights.check.js', capture: 'captureInsights' },
  { option: '--screenshot-letters', module: 'letters.check.js', capture: 'captureLetters' },
];

function parseArgs(argv) {
  /** `screenshots`: picture (a row of SCREENSHOTS) -> the file to write. */
  const opts = { results: null, testsDir: join(ROOT, 'out', 'test', 'integration', 'suite'), uiDir: null, ui: true, screenshots: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return resolve(v);
    };
    if (a === '--results') opts.results = value();
    else if (a === '--tests-dir') opts.testsDir = value();
    else if (a === '--ui-dir') opts.uiDir = value();
    else if (SCREENSHOTS.some((x) => x.option === a)) opts.screenshots.set(SCREENSHOTS.find((x) => x.option === a), value());
    else if (a === '--no-ui') opts.ui = false;
    else if (a === '--help' || a === '-h') {
      console.log(readFileSync(new URL(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join('\n'));
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  opts.uiDir ??= join(dirname(opts.testsDir), 'ui');
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
// The compiled tests find the fixtures through IMR_ROOT (test/paths.ts), wherever they were compiled to.
process.env.IMR_ROOT ??= ROOT;
/** The extension under test: this project, or another unpacked copy of it (IMR_EXTENSION_PATH). */
const EXTENSION = process.env.IMR_EXTENSION_PATH ? resolve(process.env.IMR_EXTENSION_PATH) : ROOT;
const SUITE_TIMEOUT_MS = Number(process.env.IMR_SUITE_TIMEOUT_MS ?? 5 * 60_000);
const resultsDir = join(ROOT, 'test-results');
const scratch = mkdtempSync(join(tmpdir(), 'imr-integration-'));
const servers = new Set();
let browser = null;

async function cleanup() {
  if (browser) await browser.close().catch(() => {});
  browser = null;
  for (const s of servers) await s.stop();
  servers.clear();
}
process.on('exit', () => {
  for (const s of servers) killProcessGroupNow(s.pid);
  // Stopped by a signal or an error before the end: the scratch folder (copies of letters) goes too.
  if (!process.env.IMR_KEEP_SCRATCH) rmSync(scratch, { recursive: true, force: true });
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    log(`${sig}: stopping`);
    cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------- code-server + Chromium

/** Last lines of a log file, for failure messages. */
function tail(file, n = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-n).join('\n');
  } catch {
    return '(no log)';
  }
}

async function launchCodeServer(name, env = {}, settings = {}) {
  const t = Date.now();
  const dir = join(scratch, name);
  mkdirSync(join(dir, 'user-data', 'User'), { recursive: true });
  // Quiet, deterministic workbench: no welcome page, no chat panel, no update or telemetry traffic.
  writeFileSync(
    join(dir, 'user-data', 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'chat.disableAIFeatures': true,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'git.enabled': false,
        'security.workspace.trust.enabled': false,
        // The Outline shown for the first letter would take the focus in the middle of a check.
        'imr.showOutlineOnFirstLetter': false,
        ...settings,
      },
      null,
      2,
    ),
  );
  const logFile = join(dir, 'code-server.log');
  const server = await startCodeServer({ scratch: dir, env, logFile });
  server.name = name;
  servers.add(server);
  try {
    await waitForHealthz(server);
  } catch (e) {
    console.error(tail(logFile));
    throw e;
  }
  timed(`code-server up on port ${server.port} (${name})`, t);
  return Object.assign(server, { logFile });
}

/**
 * code-server as `npm start` runs it: the extension installed (linked), no smoke-test driver (so
 * notifications show), the start profile's settings. Started once, on first use.
 */
let userServer = null;
async function launchUserCodeServer() {
  if (userServer) return userServer;
  const t = Date.now();
  const dir = join(scratch, 'user');
  installExtensionLink(dir, EXTENSION);
  writeUserSettings(dir, START_SETTINGS);
  const logFile = join(dir, 'code-server.log');
  const server = await startCodeServer({ scratch: dir, smokeTestDriver: false, logFile });
  server.name = 'user';
  servers.add(server);
  await waitForHealthz(server);
  timed(`code-server up on port ${server.port} (as npm start runs it)`, t);
  userServer = Object.assign(server, { logFile });
  return userServer;
}

async function launchBrowser() {
  if (browser) return browser;
  const t = Date.now();
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  timed(`Chromium ${browser.version()} started`, t);
  return browser;
}

/** The extension host's console arguments, formatted as console.log would (mocha uses %s and %d). */
function formatLogArgs(args) {
  const list = Array.isArray(args) ? args : [args];
  return format(...list);
}

/** Known noise of an offline code-server (see the notes on real VS Code testing): counted, not shown. */
const NOISE = /getaddrinfo ENOTFOUND (open-vsx\.org|api\.github\.com|[\w.-]*telemetry|[\w.-]*visualstudio\.com)/;
let noise = 0;

/** Runs the suite in code-server: the workbench runs `run()` and reports its exit code to the page. */
async function runSuiteInCodeServer(testsIndex, reportFile) {
  const server = await launchCodeServer('suite', { IMR_TEST_REPORT: reportFile, IMR_ROOT: ROOT });
  const b = await launchBrowser();
  const context = await b.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  let settle;
  const exited = new Promise((res) => (settle = res));
  await page.exposeFunction('codeAutomationLog', (level, args) => {
    const line = formatLogArgs(args);
    if (NOISE.test(line)) {
      noise++;
      return;
    }
    (level === 'error' ? console.error : console.log)(line.replace(/\n$/, ''));
  });
  await page.exposeFunction('codeAutomationExit', (code) => settle({ code: Number(code) }));
  page.on('crash', () => settle({ code: 1, reason: 'the page crashed' }));
  const t = Date.now();
  const url = workbenchUrl(server, { folder: join(ROOT, 'test', 'fixtures'), extensionPath: EXTENSION, testsPath: testsIndex });
  // Generous: on a busy 2-core machine the first load of the workbench can take a minute or more.
  await page.goto(url, { timeout: 180_000 });
  let timer;
  const timeout = new Promise((res) => {
    timer = setTimeout(() => res({ code: 1, reason: `the suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s` }), SUITE_TIMEOUT_MS);
  });
  const result = await Promise.race([exited, timeout]);
  clearTimeout(timer);
  timed('suite in code-server', t);
  if (noise) log(`${noise} offline-network messages (marketplace, GitHub, telemetry) not shown`);
  if (result.reason) {
    log(result.reason);
    await page.screenshot({ path: join(resultsDir, 'suite-failure.png') }).catch(() => {});
    console.error(tail(server.logFile));
  }
  await context.close();
  return { code: result.code, server };
}

// ---------------------------------------------------------------- desktop VS Code (@vscode/test-electron)

/** One quick request to the VS Code update service: no retries, a short timeout. */
function vscodeDownloadReachable(timeoutMs = 3_000) {
  return new Promise((res) => {
    const req = httpsGet('https://update.code.visualstudio.com/api/releases/stable', { timeout: timeoutMs }, (r) => {
      r.resume();
      res(r.statusCode === 200);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => res(false));
  });
}

async function chooseHost() {
  const forced = process.env.IMR_TEST_HOST;
  if (forced && !['electron', 'code-server', 'auto'].includes(forced)) throw new Error(`IMR_TEST_HOST must be electron, code-server or auto, not ${forced}`);
  if (forced === 'code-server') return { kind: 'code-server', why: 'IMR_TEST_HOST=code-server' };
  if (process.env.VSCODE_EXECUTABLE) return { kind: 'electron', executable: process.env.VSCODE_EXECUTABLE, why: 'VSCODE_EXECUTABLE is set' };
  if (forced === 'electron') return { kind: 'electron', why: 'IMR_TEST_HOST=electron' };
  const t = Date.now();
  const reachable = await vscodeDownloadReachable();
  timed(`VS Code download probe (${reachable ? 'reachable' : 'unreachable'})`, t);
  if (!reachable) return { kind: 'code-server', why: 'VS Code cannot be downloaded here' };
  if (process.platform === 'linux' && !process.env.DISPLAY) return { kind: 'code-server', why: 'no DISPLAY for a desktop VS Code (run under xvfb-run to use it)' };
  return { kind: 'electron', why: 'VS Code can be downloaded' };
}

function vscodeVersion(executable) {
  const r = spawnSync(executable, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  return r.status === 0 ? r.stdout.split('\n')[0].trim() : null;
}

async function runSuiteInElectron(host, testsIndex, reportFile) {
  const { runTests, downloadAndUnzipVSCode, TestRunFailedError } = await import('@vscode/test-electron');
  let executable = host.executable;
  if (!executable) {
    const t = Date.now();
    executable = await downloadAndUnzipVSCode({ version: process.env.VSCODE_VERSION ?? 'stable', timeout: 60_000 });
    timed('VS Code download', t);
  }
  if (process.platform === 'linux' && !process.env.DISPLAY) log('no DISPLAY: a desktop VS Code needs an X server here (e.g. run under xvfb-run -a)');
  const hostName = `VS Code ${vscodeVersion(executable) ?? '(unknown version)'}`;
  const t = Date.now();
  let code = 0;
  try {
    code = await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: EXTENSION,
      extensionTestsPath: testsIndex,
      extensionTestsEnv: { IMR_TEST_REPORT: reportFile, IMR_ROOT: ROOT },
      launchArgs: [
        join(ROOT, 'test', 'fixtures'),
        '--disable-extensions',
        '--user-data-dir', join(scratch, 'electron-user-data'),
        '--extensions-dir', join(scratch, 'electron-extensions'),
      ],
    });
  } catch (e) {
    code = e instanceof TestRunFailedError ? (e.code ?? 1) : 1;
    if (!(e instanceof TestRunFailedError)) console.error(e);
  }
  timed(`suite in ${hostName}`, t);
  return { code, hostName };
}

// ---------------------------------------------------------------- results

function readSuiteReport(file, code) {
  let report = null;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    report = null;
  }
  const tests = (report?.tests ?? []).map((t) => ({ title: `suite: ${t.title}`, state: t.state, ...(t.error ? { error: t.error } : {}) }));
  if (!report) tests.push({ title: 'suite: run() reported results', state: 'failed', error: `exit code ${code} and no report at ${file}` });
  else if (code !== 0 && !tests.some((t) => t.state === 'failed')) {
    tests.push({ title: 'suite: run() settled cleanly', state: 'failed', error: `exit code ${code} with no failed test in the report` });
  } else if (code === 0 && tests.some((t) => t.state === 'failed')) {
    tests.push({ title: 'suite: exit code matches the report', state: 'failed', error: 'exit code 0 although tests failed' });
  }
  return tests;
}

function writeResults(host, tests) {
  const passed = tests.filter((t) => t.state === 'passed').length;
  // Pending tests are not allowed in this tier: they count as failures.
  const failed = tests.filter((t) => t.state !== 'passed').length;
  const results = { host, passed, failed, tests, timings, seconds: Math.round((Date.now() - t0) / 100) / 10 };
  if (opts.results) {
    mkdirSync(dirname(opts.results), { recursive: true });
    writeFileSync(opts.results, JSON.stringify(results, null, 2) + '\n');
  }
  return results;
}

// ---------------------------------------------------------------- UI checks

async function loadUi() {
  const index = join(opts.uiDir, 'index.js');
  if (!existsSync(index)) throw new Error(`no UI checks at ${relative(ROOT, index)} (compile first: npx tsc -p .)`);
  const mod = await import(index);
  return mod.default ?? mod;
}

function uiContext(server) {
  return {
    browser,
    root: ROOT,
    resultsDir,
    log,
    workbenchUrl: (folder) => workbenchUrl(server, { folder: workspaceCopy(folder).folder, extensionPath: EXTENSION }),
    userWorkbenchUrl: async (folder, openFile) => workbenchUrl(await launchUserCodeServer(), workspaceCopy(folder, openFile)),
  };
}

let workspaces = 0;
/**
 * A fresh copy of a UI check's folder in the scratch directory, and the file to open mapped into it:
 * a key pressed into an editor and saved (a check's Enter that reaches the letter instead of a
 * quick pick, an auto save) changes the copy, never the repository's fixtures.
 */
function workspaceCopy(folder, openFile) {
  const copy = join(scratch, 'workspaces', String(++workspaces), basename(folder));
  cpSync(folder, copy, { recursive: true });
  return { folder: copy, openFile: openFile === undefined ? undefined : join(copy, relative(folder, openFile)) };
}

async function runUiChecks(server) {
  const t = Date.now();
  const ui = await loadUi();
  await launchBrowser();
  const tests = await ui.runUiChecks(uiContext(server));
  timed(`UI checks (${tests.length})`, t);
  return tests.map((r) => ({ title: `ui: ${r.title}`, state: r.state, ...(r.error ? { error: r.error } : {}), ...(r.screenshot ? { screenshot: r.screenshot } : {}) }));
}

// ---------------------------------------------------------------- main

async function screenshotMode() {
  const t = Date.now();
  ensureVsCodeTools();
  timed('tools', t);
  // A picture for people: no minimap.
  const server = await launchCodeServer('screenshot', {}, { 'editor.minimap.enabled': false });
  await launchBrowser();
  for (const shot of SCREENSHOTS) {
    const file = opts.screenshots.get(shot);
    if (!file) continue;
    const module = join(opts.uiDir, shot.module);
    if (!existsSync(module)) throw new Error(`no UI check at ${relative(ROOT, module)} (compile first: npx tsc -p .)`);
    const mod = await import(module);
    const t2 = Date.now();
    await (mod.default ?? mod)[shot.capture](uiContext(server), file);
    timed(`screenshot ${relative(ROOT, file)}`, t2);
  }
}

async function main() {
  mkdirSync(resultsDir, { recursive: true });
  if (opts.screenshots.size > 0) return screenshotMode().then(() => 0);

  const testsIndex = join(opts.testsDir, 'index.js');
  const reportFile = join(scratch, 'suite-report.json');
  const host = await chooseHost();
  log(`suite host: ${host.kind} (${host.why})`);
  let hostName = CODE_SERVER_HOST;
  let tests = [];
  let server = null;

  if (!existsSync(testsIndex)) {
    tests.push({ title: 'suite: index.js exists', state: 'failed', error: `${testsIndex} not found (compile first: npx tsc -p .)` });
  } else if (host.kind === 'electron') {
    const r = await runSuiteInElectron(host, testsIndex, reportFile);
    hostName = r.hostName;
    tests = readSuiteReport(reportFile, r.code);
  } else {
    const t = Date.now();
    ensureVsCodeTools();
    timed('tools', t);
    const r = await runSuiteInCodeServer(testsIndex, reportFile);
    server = r.server;
    tests = readSuiteReport(reportFile, r.code);
  }

  if (opts.ui) {
    try {
      if (!server) {
        const t = Date.now();
        ensureVsCodeTools();
        timed('tools for the UI checks', t);
      }
      // A fresh workbench per check (or per run of checks that share one), on the suite's code-server (started now when the suite ran elsewhere).
      server ??= await launchCodeServer('ui');
      tests.push(...(await runUiChecks(server)));
    } catch (e) {
      tests.push({ title: 'ui: checks ran', state: 'failed', error: String(e?.stack ?? e) });
      console.error(e instanceof ToolsError ? e.message : e);
    }
  }

  const results = writeResults(hostName, tests);
  console.log('\n[integration] results');
  for (const t of tests) {
    console.log(`  ${t.state === 'passed' ? 'ok  ' : t.state.toUpperCase().padEnd(4)}  ${t.title}`);
    if (t.state !== 'passed' && t.error) console.log(`        ${t.error.split('\n').slice(0, 6).join('\n        ')}`);
  }
  console.log(`[integration] host: ${hostName}`);
  console.log(`[integration] timings: ${timings.join('; ')}; total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`[integration] ${results.passed} passed, ${results.failed} failed`);
  return results.failed > 0 ? 1 : 0;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (e) {
  console.error(`[integration] ${e instanceof ToolsError ? e.message : (e?.stack ?? e)}`);
  if (opts.screenshots.size === 0) writeResults(CODE_SERVER_HOST, [{ title: 'integration tier set up', state: 'failed', error: String(e?.message ?? e) }]);
  exitCode = 1;
} finally {
  const logs = [...servers].map((s) => [s.name, s.logFile]);
  await cleanup();
  if (exitCode !== 0) {
    // code-server's own log, for the failure's context (the scratch folder goes away).
    for (const [name, file] of logs) {
      if (!file || !existsSync(file)) continue;
      const dest = join(resultsDir, `code-server-${name}.log`);
      mkdirSync(resultsDir, { recursive: true });
      copyFileSync(file, dest);
      log(`code-server log: ${relative(ROOT, dest)}`);
    }
  }
  if (exitCode === 0 || !process.env.IMR_KEEP_SCRATCH) rmSync(scratch, { recursive: true, force: true });
  else log(`scratch kept at ${scratch}`);
}
process.exit(exitCode);
