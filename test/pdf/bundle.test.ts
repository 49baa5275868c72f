/**
 * The PDF reader as the extension ships it: scripts/build.mjs bundles server/src/pdf into its own
 * dist/pdf.js (esbuild, CJS, no `import.meta.url`), and the server and the CLI, bundled with the
 * shared options (which do define `import.meta.url`), run it as a child process (pdf/isolated.ts).
 * Reproduced here in a temporary folder with the options of scripts/bundle-options.mjs, then run
 * by a separate Node process, which reads each PDF both ways: loading dist/pdf.js itself (to see
 * what it loads) and through the reader process, as the server and the CLI do:
 *  - from a folder with no node_modules: pdf.js can only use what the bundle carries; every
 *    corpus PDF must give its pdftotext text, a Type3-font PDF must read, stderr stays empty;
 *  - from a folder that does see node_modules (a development checkout, an npm-installed CLI):
 *    nothing is loaded from them, in particular not the native @napi-rs/canvas.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { PdfReaderHost } from '../../server/src/pdf/isolated';
import { ROOT } from '../paths';
import { loadLetters } from '../core/manifest';
import { buildType3Pdf } from './pdf-builder';
import { tempDir } from '../temp';

let tmp = '';
/** dist-like folders: `alone` has no node_modules above it; `checkout` has a node_modules link. */
let alone = '';
let checkout = '';

/**
 * A host like server.ts / cli.ts: reads PDFs through the reader process (readPdfIsolated), and
 * also by loading dist/pdf.js in process, to report what that loads.
 */
const HOST = `
import * as fs from 'fs';
import * as path from 'path';
import { readPdfIsolated } from ${JSON.stringify(path.join(ROOT, 'server/src/pdf/isolated'))};
(async () => {
  const { extractPdfText } = require(path.join(__dirname, 'pdf.js'));
  const results = [];
  const isolated = [];
  for (const f of JSON.parse(process.argv[2])) {
    results.push(await extractPdfText(fs.readFileSync(f)));
    isolated.push(await readPdfIsolated(fs.readFileSync(f)));
  }
  process.stdout.write(JSON.stringify({ results, isolated, loaded: Object.keys(require.cache) }));
})();
`;

async function bundleInto(dist: string): Promise<void> {
  const esbuild = createRequire(path.join(ROOT, 'package.json'))('esbuild') as typeof import('esbuild');
  // The options scripts/build.mjs uses.
  const { nodeBundle, pdfBundle } = (await import(pathToFileURL(path.join(ROOT, 'scripts/bundle-options.mjs')).href)) as {
    nodeBundle: import('esbuild').BuildOptions;
    pdfBundle: import('esbuild').BuildOptions;
  };
  await esbuild.build({
    ...nodeBundle,
    sourcemap: false,
    stdin: { contents: HOST, resolveDir: ROOT, loader: 'ts', sourcefile: 'host.ts' },
    outfile: path.join(dist, 'host.js'),
  });
  await esbuild.build({ ...pdfBundle, sourcemap: false, entryPoints: [path.join(ROOT, 'server/src/pdf/index.ts')], outfile: path.join(dist, 'pdf.js') });
}

before(async () => {
  tmp = tempDir('imr-pdf-bundle-');
  alone = path.join(tmp, 'alone', 'dist');
  checkout = path.join(tmp, 'checkout', 'dist');
  fs.mkdirSync(alone, { recursive: true });
  fs.mkdirSync(checkout, { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(tmp, 'checkout', 'node_modules'), 'dir');
  await bundleInto(alone);
  fs.copyFileSync(path.join(alone, 'host.js'), path.join(checkout, 'host.js'));
  fs.copyFileSync(path.join(alone, 'pdf.js'), path.join(checkout, 'pdf.js'));
  fs.writeFileSync(path.join(tmp, 'type3.pdf'), buildType3Pdf('aaa a'));
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

function runHost(dist: string, files: string[]): { results: unknown[]; stderr: string; loaded: string[] } {
  // The host exits on its own: an idle reader process does not keep it alive.
  const child = spawnSync(process.execPath, [path.join(dist, 'host.js'), JSON.stringify(files)], {
    cwd: dist,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(child.status, 0, child.stderr);
  const { results, isolated, loaded } = JSON.parse(child.stdout) as { results: unknown[]; isolated: unknown[]; loaded: string[] };
  // The reader process gives what the bundle gives in process.
  assert.deepEqual(isolated, results);
  return { results, stderr: child.stderr, loaded: loaded.map((f) => path.relative(dist, f)) };
}

describe('the bundled PDF reader', () => {
  test('the host bundle does not carry pdf.js; dist/pdf.js does', () => {
    assert.ok(fs.statSync(path.join(alone, 'host.js')).size < 20_000);
    assert.ok(fs.statSync(path.join(alone, 'pdf.js')).size > 500_000);
    assert.throws(() => createRequire(path.join(alone, 'x.js')).resolve('pdfjs-dist'), 'no node_modules reachable from the bare folder');
  });

  test('without node_modules: every corpus PDF gives its pdftotext text, Type3 glyphs read, passwords fail, stderr empty', () => {
    const letters = loadLetters().filter((l) => l.pdf !== null);
    const files = [...letters.map((l) => l.pdf as string), path.join(tmp, 'type3.pdf'), path.join(ROOT, 'test/fixtures/bad-pdf/password.pdf')];
    const { results, stderr, loaded } = runHost(alone, files);
    letters.forEach((l, i) => {
      const r = results[i] as { ok: boolean; text?: string };
      assert.equal(r.ok && r.text, fs.readFileSync(l.texts[0], 'utf8'), path.basename(l.pdf as string));
    });
    assert.deepEqual(results[letters.length], { ok: true, text: 'aaa a\n\n\f', pages: 1, pageOffsets: [0] });
    assert.equal((results[letters.length + 1] as { code: string }).code, 'password');
    assert.equal(stderr, '', 'nothing printed on stderr');
    assert.deepEqual(loaded.sort(), ['host.js', 'pdf.js']);
  });

  test('beside node_modules: nothing is loaded from them (no native @napi-rs/canvas), stderr empty', () => {
    const pdf = loadLetters().find((l) => l.pdf !== null)!;
    const { results, stderr, loaded } = runHost(checkout, [pdf.pdf as string, path.join(tmp, 'type3.pdf')]);
    assert.equal((results[0] as { text: string }).text, fs.readFileSync(pdf.texts[0], 'utf8'));
    assert.equal((results[1] as { text: string }).text, 'aaa a\n\n\f');
    assert.equal(stderr, '');
    assert.deepEqual(loaded.sort(), ['host.js', 'pdf.js']);
  });
});

describe('the reader process from the tsc output', () => {
  test('runs this folder\'s module (out/server/src/pdf/index.js) and reads a letter', async () => {
    const host = new PdfReaderHost();
    try {
      const empty = await host.read(new Uint8Array(0));
      assert.equal(empty.ok ? 'ok' : empty.code, 'empty');
      const letter = loadLetters().find((l) => l.pdf !== null)!;
      const r = await host.read(fs.readFileSync(letter.pdf as string));
      assert.equal(r.ok && r.text, fs.readFileSync(letter.texts[0], 'utf8'));
      assert.equal(host.started, 1, 'one reader process for both');
    } finally {
      host.close();
    }
  });
});
