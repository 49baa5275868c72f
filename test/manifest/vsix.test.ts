/**
 * Packaging: the extension as a user would install it. Builds a .vsix from the built tree with
 * @vscode/vsce (`--no-dependencies`: every runtime dependency is bundled into dist/ by esbuild),
 * as `.vscodeignore` selects its files, and checks what it holds: every file package.json names
 * and every bundle the build makes, and nothing else (no node_modules, tests, sources, source
 * maps, scripts or fixtures, which hold real letters), within a size budget.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { DIST, ROOT } from '../paths';
import { tempDir } from '../temp';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
const scratch = tempDir('imr-vsix-');
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** The .vsix's size limit: today about 1.6 MB (the bundles, the knowledge files, README images). */
const MAX_VSIX_BYTES = 4 * 1024 * 1024;

/** Entries of a zip file, from its central directory: name and uncompressed size. */
function zipEntries(zip: Buffer): { name: string; size: number; offset: number; method: number; compressed: number }[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'a zip file');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const out = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const offset = zip.readUInt32LE(at + 42);
    out.push({ name: zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'), size, offset, method, compressed });
    at += 46 + nameLength + extra + comment;
  }
  return out;
}

/** One entry's content. */
function entryData(zip: Buffer, e: ReturnType<typeof zipEntries>[number]): Buffer {
  const nameLength = zip.readUInt16LE(e.offset + 26);
  const extra = zip.readUInt16LE(e.offset + 28);
  const data = zip.subarray(e.offset + 30 + nameLength + extra, e.offset + 30 + nameLength + extra + e.compressed);
  return e.method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data);
}

/**
 * Every file package.json names: "./..." paths (main, bin, grammars, snippets, schemas, ...) and
 * the walkthrough's media (`markdown`, `image`, `svg`, relative to the extension).
 */
function namedPaths(value: unknown, out = new Set<string>(), key = ''): Set<string> {
  if (typeof value === 'string') {
    if (value.startsWith('./')) out.add(path.posix.normalize(value.slice(2)));
    else if (['markdown', 'image', 'svg'].includes(key) && !/^[a-z]+:/.test(value)) out.add(path.posix.normalize(value));
  } else if (Array.isArray(value)) for (const v of value) namedPaths(v, out, key);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) namedPaths(v, out, k);
  return out;
}

/** Files the client opens from the extension's folder at run time (context.asAbsolutePath). */
function runtimeFiles(): string[] {
  const client = fs.readdirSync(path.join(ROOT, 'client', 'src')).map((f) => fs.readFileSync(path.join(ROOT, 'client', 'src', f), 'utf8')).join('\n');
  const out: string[] = [];
  if (/asAbsolutePath\(path\.join\('samples'/.test(client)) {
    for (const f of fs.readdirSync(path.join(ROOT, 'samples'))) if (client.includes(`'${f}'`)) out.push(`samples/${f}`);
  }
  return out;
}

describe('the .vsix', () => {
  const vsix = path.join(scratch, 'imr-letters.vsix');
  let zip: Buffer;
  let files: string[];

  test('@vscode/vsce packages the built extension', () => {
    const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    // --no-rewrite-relative-links: the README's images ship in the package (docs/*.png) and the
    // package names no repository to point them to.
    const r = spawnSync(
      process.execPath,
      [vsce, 'package', '--no-dependencies', '--skip-license', '--no-rewrite-relative-links', '--allow-missing-repository', '--out', vsix],
      { cwd: ROOT, encoding: 'utf8', timeout: 300_000, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    zip = fs.readFileSync(vsix);
    files = zipEntries(zip)
      .map((e) => e.name)
      .filter((n) => n.startsWith('extension/'))
      .map((n) => n.slice('extension/'.length));
  });

  test('holds every file package.json names and every bundle the build makes', () => {
    assert.ok(files, 'packaged');
    const named = namedPaths(pkg);
    assert.ok(named.has('dist/client.js') && named.has('dist/cli.js'), [...named].join(', '));
    for (const p of named) assert.ok(files.includes(p), `${p} is named in package.json but not in the .vsix`);
    // The server, language client, PDF reader and extraction worker are found beside the client at run time.
    // The Insights panel's page loads its script and stylesheet from dist/ too.
    for (const bundle of fs.readdirSync(DIST).filter((f) => f.endsWith('.js') || f.endsWith('.css'))) {
      assert.ok(files.includes(`dist/${bundle}`), `dist/${bundle} is not in the .vsix`);
    }
    for (const f of runtimeFiles()) assert.ok(files.includes(f), `${f} is opened by the client but not in the .vsix`);
    // Go to Definition opens the bundled knowledge files (server/src/lsp/knowledge-location.ts).
    for (const f of fs.readdirSync(path.join(ROOT, 'server', 'knowledge')).filter((n) => n.endsWith('.json'))) {
      assert.ok(files.includes(`server/knowledge/${f}`), `server/knowledge/${f} is not in the .vsix`);
    }
    assert.ok(files.includes('readme.md') || files.includes('README.md'));
  });

  test('holds nothing else: no node_modules, tests, fixtures, sources, source maps or scripts', () => {
    assert.ok(files, 'packaged');
    const allowed = [
      /^package\.json$/,
      /^readme\.md$/i,
      /^changelog\.md$/i,
      /^license(\.md|\.txt)?$/i,
      /^dist\/[\w-]+\.(js|css)$/,
      /^syntaxes\/[\w.-]+\.json$/,
      /^snippets\/[\w.-]+\.code-snippets$/,
      /^language-configuration\.json$/,
      /^server\/knowledge\/(vocabulary\/)?[\w.-]+\.json$/,
      /^(docs|media)\/[\w./-]+\.(png|svg|md|gif)$/,
      /^samples\/[\w.-]+\.(txt|pdf)$/,
    ];
    const unexpected = files.filter((f) => !allowed.some((re) => re.test(f)));
    assert.deepEqual(unexpected, [], 'files that should not ship');
    for (const f of files) {
      assert.doesNotMatch(f, /(^|\/)(node_modules|test|out|scripts|\.tools|\.ci)\//, f);
      assert.doesNotMatch(f, /\.(ts|map|tap|vsix)$/, f);
    }
  });

  test('is small, and its package.json is the project\'s', () => {
    assert.ok(zip, 'packaged');
    assert.ok(zip.length < MAX_VSIX_BYTES, `the .vsix is ${(zip.length / 1048576).toFixed(1)} MB, over ${MAX_VSIX_BYTES / 1048576} MB`);
    const manifest = zipEntries(zip).find((e) => e.name === 'extension/package.json');
    assert.ok(manifest);
    const shipped = JSON.parse(entryData(zip, manifest).toString('utf8')) as { name: string; version: string; main: string };
    assert.equal(shipped.name, pkg.name);
    assert.equal(shipped.version, pkg.version);
    assert.equal(shipped.main, pkg.main);
  });
});
