#!/usr/bin/env node
// Benchmark: time to text for the corpus PDFs (test/fixtures/letters/pdf), our pdf.js reader
// against poppler's `pdftotext` (Debian poppler-utils) on the same files, in one run.
//
//   node scripts/bench-pdf.mjs [--runs N]      (default 5 runs of each, alternating)
//
// Our reader is bundled first with esbuild exactly as the extension bundles it (CJS, node20,
// minified) into a temporary folder and loaded from there. Each run reads every PDF in turn:
// pdf.js in this process (file read + extraction); pdf.js as the server and the CLI run it, in a
// separate reader process with its limits (server/src/pdf/isolated.ts: the bytes sent to it, the
// text sent back); and pdftotext as one process per file (which is how it would be used). The
// first pdf.js run also pays for loading pdf.js (and starting the reader process); it is reported
// on its own and the median of the later runs is used for the ratios. Every output is checked
// against the fixture texts, so a fast wrong answer cannot pass unnoticed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, release, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { nodeBundle, pdfBundle } from './bundle-options.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Math.max(2, Number(process.argv[runsArg + 1]) || 5) : 5;

const poppler = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
if (poppler.error) {
  console.error('pdftotext not found: install poppler-utils (apt-get install -y poppler-utils).');
  process.exit(2);
}
const popplerVersion = (poppler.stderr || poppler.stdout).split('\n')[0].trim();

const letters = join(root, 'test/fixtures/letters');
const pdfs = readdirSync(join(letters, 'pdf')).filter((f) => f.endsWith('.pdf')).sort();
const texts = readdirSync(letters);
const expected = pdfs.map((f) => {
  const txt = texts.find((t) => t.endsWith(`_${f.replace(/\.pdf$/, '.txt')}`));
  return txt ? readFileSync(join(letters, txt), 'utf8') : null;
});
const files = pdfs.map((f) => join(letters, 'pdf', f));

const dir = mkdtempSync(join(tmpdir(), 'imr-bench-pdf-'));
try {
  await esbuild.build({ ...pdfBundle, sourcemap: false, entryPoints: [join(root, 'server/src/pdf/index.ts')], outfile: join(dir, 'pdf.js') });
  await esbuild.build({ ...nodeBundle, sourcemap: false, entryPoints: [join(root, 'server/src/pdf/isolated.ts')], outfile: join(dir, 'isolated.js') });
  const { extractPdfText } = createRequire(import.meta.url)(join(dir, 'pdf.js'));
  const { PdfReaderHost } = createRequire(import.meta.url)(join(dir, 'isolated.js'));
  const host = new PdfReaderHost({ script: join(dir, 'pdf.js') });

  async function runIsolated() {
    let same = 0;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < files.length; i++) {
      const r = await host.read(readFileSync(files[i]));
      if (r.ok && r.text === expected[i]) same++;
    }
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, same };
  }

  async function runPdfjs() {
    let same = 0;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < files.length; i++) {
      const r = await extractPdfText(readFileSync(files[i]));
      if (r.ok && r.text === expected[i]) same++;
    }
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, same };
  }

  function runPdftotext() {
    let same = 0;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < files.length; i++) {
      const r = spawnSync('pdftotext', ['-enc', 'UTF-8', files[i], '-'], { encoding: 'utf8' });
      if (r.status === 0 && r.stdout === expected[i]) same++;
    }
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, same };
  }

  const cold = await runPdfjs();
  const coldIsolated = await runIsolated();
  const ours = [];
  const theirs = [];
  const isolated = [];
  for (let r = 0; r < runs; r++) {
    theirs.push(runPdftotext());
    ours.push(await runPdfjs());
    isolated.push(await runIsolated());
  }
  host.close();
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const oursMs = median(ours.map((r) => r.ms));
  const theirsMs = median(theirs.map((r) => r.ms));
  const isolatedMs = median(isolated.map((r) => r.ms));
  const pdfjsVersion = JSON.parse(readFileSync(join(root, 'node_modules/pdfjs-dist/package.json'), 'utf8')).version;
  const n = files.length;
  const fmt = (ms) => `${ms.toFixed(0)} ms total, ${(ms / n).toFixed(1)} ms per file`;

  console.log(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), ${process.platform} ${release()}`);
  console.log(`Node ${process.version}; pdfjs-dist ${pdfjsVersion}; ${popplerVersion}`);
  console.log(`Files: ${n} corpus PDFs, ${runs} runs of each (median shown)`);
  console.log(`pdf.js (bundled, in process):      ${fmt(oursMs)}   [identical to fixture text: ${ours.at(-1).same}/${n}]`);
  console.log(`  first run, incl. loading pdf.js: ${fmt(cold.ms)}`);
  console.log(`pdf.js in the reader process:      ${fmt(isolatedMs)}   [identical to fixture text: ${isolated.at(-1).same}/${n}]`);
  console.log(`  first run, incl. starting it:    ${fmt(coldIsolated.ms)}`);
  console.log(`pdftotext (one process per file): ${fmt(theirsMs)}   [identical to fixture text: ${theirs.at(-1).same}/${n}]`);
  // Each run times pdftotext then pdf.js back to back, so a per-run ratio shares the machine's load.
  const pairRatio = median(ours.map((r, i) => r.ms / theirs[i].ms));
  console.log(`Ratio pdf.js / pdftotext: ${(oursMs / theirsMs).toFixed(2)} (medians); ${pairRatio.toFixed(2)} (median of per-run ratios)`);
  console.log(`Ratio reader process / in process: ${(isolatedMs / oursMs).toFixed(2)} (medians); ${median(isolated.map((r, i) => r.ms / ours[i].ms)).toFixed(2)} (median of per-run ratios)`);
  console.log(`All runs (ms): pdf.js ${ours.map((r) => r.ms.toFixed(0)).join(' ')}; reader process ${isolated.map((r) => r.ms.toFixed(0)).join(' ')}; pdftotext ${theirs.map((r) => r.ms.toFixed(0)).join(' ')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
