// Shared helpers of the benchmarks (scripts/bench.mjs): the corpus, merged documents, statistics,
// the core bundled exactly as the extension bundles its server, and that server started over stdio.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { nodeBundle } from '../bundle-options.mjs';

/** Every fixture letter text, as test/core/corpus.ts lists them (seeds, letters, layout letters). */
export function corpusFiles(root) {
  const out = [];
  for (const dir of ['seeds', 'letters', 'letters/layout']) {
    const abs = join(root, 'test', 'fixtures', dir);
    for (const f of readdirSync(abs).sort()) if (f.endsWith('.txt')) out.push(join(abs, f));
  }
  return out;
}

export function corpusTexts(root) {
  return corpusFiles(root).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

/** `n` of the files spread evenly over the list (every file when `n` is absent or not smaller). */
export function spreadSample(files, n) {
  if (!(n > 0) || n >= files.length) return files;
  return Array.from({ length: n }, (_, k) => files[Math.floor((k * files.length) / n)]);
}

/** Letters concatenated in corpus order (repeated as needed) until at least `size` characters. */
/**
 * Copy `k` of a corpus letter as the CLI benchmarks use it, a letter of its own: its case number's
 * digits become the copy's number (same length), so counting distinct letters counts every copy.
 */
export function letterCopy(text, k) {
  return text.replace(/\b(C[MB]\d\d)([-\u2013 ]?)\d{7}\b/g, (_m, head, sep) => `${head}${sep}${String(k).padStart(7, '0')}`);
}

export function mergedAtLeast(texts, size) {
  return mergedPieces(texts, size).join('');
}

/** The texts `mergedAtLeast` joins, each ending with a line end: the same letters one text each. */
export function mergedPieces(texts, size) {
  const parts = [];
  let len = 0;
  for (let k = 0; len < size; k++) {
    const t = texts[k % texts.length];
    const piece = t.endsWith('\n') ? t : t + '\n';
    parts.push(piece);
    len += piece.length;
  }
  return parts;
}

/** Letters concatenated, cut at the last line end at or before `size` characters. */
export function mergedCut(texts, size) {
  const all = mergedAtLeast(texts, size);
  const cut = all.lastIndexOf('\n', size - 1);
  return cut > 0 ? all.slice(0, cut + 1) : all.slice(0, size);
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[Math.min(s.length, rank) - 1];
}

/** Calls fn `warmup` times untimed, then `runs` times; returns the wall times in ms. */
export function timeRuns(fn, runs, warmup = 1) {
  for (let k = 0; k < warmup; k++) fn();
  const out = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/**
 * Bundles server/src/core with the options scripts/build.mjs uses for dist/server.js and
 * dist/cli.js (CommonJS, node20, minified), so the benchmark runs the code the extension ships.
 * (The dist bundles do not export the core, so it is bundled again on its own.) `modulesRoot`
 * holds the node_modules packages resolve from.
 */
export async function bundleCore(root, outfile, modulesRoot = root) {
  // Another revision's tree (bench --against) has no node_modules: packages resolve from this one.
  // Imported here, not at the top: the processes that time the core import this module too, and
  // loading esbuild (a CommonJS package, scanned for its exports and compiled) would add work the
  // product never does to the CPU time they measure.
  const esbuild = await import('esbuild');
  await esbuild.build({ ...nodeBundle, sourcemap: false, entryPoints: [join(root, 'server/src/core/index.ts')], outfile, nodePaths: [join(modulesRoot, 'node_modules')] });
}

/** The core of git revision `rev` of the repository at `root` (its server/ folder), bundled as
 *  this tree's core is (`bundleCore`), into `dir`; returns the bundle's path. */
export async function bundleRevision(root, rev, dir) {
  const tree = join(dir, 'against');
  mkdirSync(tree, { recursive: true });
  const archive = spawnSync('git', ['archive', '--format=tar', rev, 'server'], { cwd: root, maxBuffer: 1 << 28 });
  if (archive.status !== 0) throw new Error(`--against ${rev}: git archive failed: ${archive.stderr}`);
  const untar = spawnSync('tar', ['-x', '-C', tree], { input: archive.stdout });
  if (untar.status !== 0) throw new Error(`--against ${rev}: tar failed: ${untar.stderr}`);
  const outfile = join(dir, 'against-core.js');
  await bundleCore(tree, outfile, root);
  return outfile;
}

export const fmt = {
  ms: (v) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)) : 'n/a'),
  mbs: (v) => (Number.isFinite(v) ? (v < 100 ? v.toFixed(1) : v.toFixed(0)) : 'n/a'),
  kb: (bytes) => `${(bytes / 1024).toFixed(1)} KB`,
  int: (v) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : 'n/a'),
};

/**
 * dist/server.js spawned as an editor would (`--stdio`), with a protocol connection listening to it
 * (`p`: vscode-languageserver-protocol). `stderr()` is what the server has written there; `stop()`
 * shuts it down, waits for it to exit (killing it after 10 s) and returns its exit code; `pid` is
 * the server's process id.
 */
export function startServer(root) {
  const require = createRequire(join(root, 'package.json'));
  const p = require('vscode-languageserver-protocol/node');
  const child = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const connection = p.createProtocolConnection(new p.StreamMessageReader(child.stdout), new p.StreamMessageWriter(child.stdin));
  connection.listen();
  const stop = async () => {
    try {
      await connection.sendRequest(p.ShutdownRequest.type);
      await connection.sendNotification(p.ExitNotification.type);
    } catch {
      // already gone
    }
    await new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill(), 10_000);
      child.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    connection.dispose();
    return child.exitCode;
  };
  return { p, connection, stderr: () => stderr, stop, pid: child.pid };
}
