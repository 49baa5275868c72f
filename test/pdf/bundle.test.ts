/**
 * The PDF reader bundled the way scripts/build.mjs bundles the server and the CLI (esbuild, CJS,
 * platform node), then run by a separate Node process from a folder with no node_modules: so
 * pdf.js can only use what the bundle carries (no @napi-rs/canvas, no worker file, nothing
 * native). Every corpus PDF must give its pdftotext text, a Type3-font PDF must read, and the
 * process must print nothing on stderr.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../paths';
import { loadLetters } from '../core/manifest';
import { buildType3Pdf } from './pdf-builder';

let dir = '';

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-pdf-bundle-'));
  const esbuild = createRequire(path.join(ROOT, 'package.json'))('esbuild') as typeof import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'server/src/pdf/index.ts')],
    outfile: path.join(dir, 'pdf.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    external: ['vscode'],
    logLevel: 'silent',
  });
  fs.writeFileSync(path.join(dir, 'type3.pdf'), buildType3Pdf('aaa a'));
});

after(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs the bundle in a child process on the given PDFs; returns each result and the stderr. */
function runBundle(files: string[]): { results: unknown[]; stderr: string; loaded: string[] } {
  const script = `
    const fs = require('fs');
    const { extractPdfText } = require('./pdf.js');
    (async () => {
      const results = [];
      for (const f of JSON.parse(process.argv[1])) results.push(await extractPdfText(fs.readFileSync(f)));
      const loaded = Object.keys(require.cache).filter((k) => !k.endsWith('pdf.js'));
      process.stdout.write(JSON.stringify({ results, loaded }));
    })();`;
  const child = spawnSync(process.execPath, ['-e', script, JSON.stringify(files)], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(child.status, 0, child.stderr);
  const { results, loaded } = JSON.parse(child.stdout) as { results: unknown[]; loaded: string[] };
  return { results, stderr: child.stderr, loaded };
}

describe('the bundled PDF reader, without node_modules', () => {
  test('no package is reachable from the bundle folder', () => {
    assert.throws(() => createRequire(path.join(dir, 'x.js')).resolve('pdfjs-dist'));
  });

  test('every corpus PDF gives its pdftotext text; Type3 glyphs and passwords behave; stderr stays empty', () => {
    const letters = loadLetters().filter((l) => l.pdf !== null);
    const files = [
      ...letters.map((l) => l.pdf as string),
      path.join(dir, 'type3.pdf'),
      path.join(ROOT, 'test/fixtures/bad-pdf/password.pdf'),
    ];
    const { results, stderr, loaded } = runBundle(files);
    letters.forEach((l, i) => {
      const r = results[i] as { ok: boolean; text?: string };
      assert.equal(r.ok && r.text, fs.readFileSync(l.texts[0], 'utf8'), path.basename(l.pdf as string));
    });
    assert.deepEqual(results[letters.length], { ok: true, text: 'aaa a\n\n\f', pages: 1, pageOffsets: [0] });
    assert.equal((results[letters.length + 1] as { code: string }).code, 'password');
    assert.equal(stderr, '', 'nothing printed on stderr');
    assert.deepEqual(loaded, [], 'no module loaded besides the bundle');
  });
});
