#!/usr/bin/env node
// `npm start`: installs dependencies when missing, builds, and opens the extension on the fixture
// letters in a real VS Code.
//
//   - With a `code` command on PATH: a new desktop VS Code window with this checkout as the
//     development extension, on test/fixtures/letters.
//   - Otherwise: code-server (installed under .tools/ by scripts/vscode-tools.mjs) on 127.0.0.1 with
//     the extension loaded; open the printed URL in a browser. Ctrl-C stops it.
//
// Either way the window opens on a sample letter (test/fixtures/letters/SAMPLE_LETTER when that
// folder is opened), and the extension shows the Outline the first time a letter opens. code-server
// runs as a user would get it: the extension is linked into its extensions folder (not loaded
// through the smoke-test driver, which hides every notification; the test tier keeps that driver).
//
//   npm start [-- --code-server] [-- --port N] [-- --bundle] [-- --no-build] [-- --folder DIR]
//     --code-server   use code-server even when `code` is on PATH
//     --port N        code-server's port (default: IMR_PORT, else a free port)
//     --bundle        build only the bundles in dist/ (skip tsc)
//     --no-build      use dist/ as it is
//     --folder DIR    the folder to open (default test/fixtures/letters)
//
// Only node built-ins (and the project's own scripts) are imported: this runs before dependencies exist.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureDependencies } from './deps.mjs';
import {
  CODE_SERVER_HOST, ROOT, SAMPLE_LETTER, START_SETTINGS, TOOLS, ToolsError, ensureVsCodeTools, installExtensionLink, killProcessGroupNow,
  startCodeServer, waitForHealthz, which, workbenchUrl, writeUserSettings,
} from './vscode-tools.mjs';

function parseArgs(argv) {
  const opts = { codeServer: false, port: process.env.IMR_PORT ? Number(process.env.IMR_PORT) : undefined, build: 'full', folder: join(ROOT, 'test', 'fixtures', 'letters') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--code-server') opts.codeServer = true;
    else if (a === '--port') opts.port = Number(argv[++i]);
    else if (a === '--bundle') opts.build = 'bundle';
    else if (a === '--no-build') opts.build = 'none';
    else if (a === '--folder') opts.folder = resolve(argv[++i] ?? '.');
    else {
      console.error(`unknown argument ${a}`);
      process.exit(2);
    }
  }
  if (opts.port !== undefined && !(Number.isInteger(opts.port) && opts.port > 0 && opts.port < 65536)) {
    console.error('--port needs a port number');
    process.exit(2);
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
ensureDependencies(ROOT);

if (opts.build !== 'none') {
  console.log(`== build${opts.build === 'bundle' ? ' (bundles only)' : ''}`);
  const args = [join(ROOT, 'scripts', 'build.mjs'), ...(opts.build === 'bundle' ? ['--bundle'] : [])];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('build failed');
    process.exit(r.status ?? 1);
  }
}
if (!existsSync(join(ROOT, 'dist', 'client.js'))) {
  console.error('dist/client.js is missing: build first (node scripts/build.mjs)');
  process.exit(1);
}

const sample = join(opts.folder, SAMPLE_LETTER);
const openOnStart = existsSync(sample) ? sample : null;

const code = opts.codeServer ? null : which('code');
if (code) {
  console.log(`== opening VS Code (${code}) with the extension from ${ROOT}`);
  const r = spawnSync(code, ['--new-window', `--extensionDevelopmentPath=${ROOT}`, opts.folder, ...(openOnStart ? [openOnStart] : [])], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

// ---- code-server
let server;
try {
  const t0 = Date.now();
  ensureVsCodeTools({ browser: false });
  const scratch = join(TOOLS, 'start-profile'); // kept between runs: settings and window state persist
  mkdirSync(scratch, { recursive: true });
  installExtensionLink(scratch, ROOT);
  writeUserSettings(scratch, START_SETTINGS);
  console.log(`== starting ${CODE_SERVER_HOST}`);
  server = await startCodeServer({ scratch, port: opts.port, smokeTestDriver: false, logFile: join(scratch, 'code-server.log') });
  process.on('exit', () => killProcessGroupNow(server.pid));
  await waitForHealthz(server);
  // The page the browser will load: the workbench HTML must be served, not an error page.
  const url = workbenchUrl(server, { folder: opts.folder, openFile: openOnStart ?? undefined });
  const page = await fetch(url);
  const html = await page.text();
  if (page.status !== 200 || !html.includes('workbench')) throw new Error(`code-server answered ${page.status} without the workbench; see ${join(scratch, 'code-server.log')}`);
  console.log(`\ncode-server is up in ${((Date.now() - t0) / 1000).toFixed(1)} s (log: ${join(scratch, 'code-server.log')}).`);
  console.log('Open this URL in a browser on this machine (the extension is linked from this checkout: reload the window after a rebuild):\n');
  console.log(`  ${url}\n`);
  console.log('Press Ctrl-C to stop.');
} catch (e) {
  console.error(e instanceof ToolsError ? e.message : (e?.stack ?? e));
  if (server) await server.stop();
  process.exit(1);
}

let stopping = false;
const stop = async (sig) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${sig}: stopping code-server`);
  await server.stop();
  process.exit(0);
};
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => void stop(sig));
server.child.on('exit', (c, signal) => {
  if (stopping) return;
  console.error(`code-server stopped by itself (${signal ?? `exit code ${c}`})`);
  process.exit(c || 1);
});
// Runs until a signal arrives: the code-server child keeps the event loop alive.
