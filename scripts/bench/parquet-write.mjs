// Parquet writing alone: the rows of N letters (the corpus repeated, as in cli.mjs) encoded and
// written as the three tables, on one thread, with everything read from the letters made
// beforehand (parse, extraction record, citations, identity: what `imr extract` does before it
// writes any format, timed by the CLI section). Per letter, as the worker threads and the CLI's
// main thread do between them: `encodeTables` of its rows, `ParquetTables.addEncoded`, then the
// footers written and the files renamed (`finish`). Wall clock and CPU time, median of `runs`.
//   node scripts/bench/parquet-write.mjs ROOT [LETTERS] [RUNS]   prints one JSON object
import * as esbuild from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeBundle } from '../bundle-options.mjs';
import { corpusTexts, letterCopy, median } from './util.mjs';

const [root, lettersArg = '10000', runsArg = '3'] = process.argv.slice(2);
const letters = Number(lettersArg);
const runs = Number(runsArg);
const tmp = mkdtempSync(join(tmpdir(), 'imr-bench-parquet-'));
try {
  const bundle = join(tmp, 'parquet.cjs');
  await esbuild.build({
    ...nodeBundle,
    sourcemap: false,
    stdin: {
      contents: [
        "export { encodeTables, ParquetTables, tableLetter } from './server/src/export/parquet/tables';",
        "export { loadVocabularyFile } from './server/src/export/vocabulary-file';",
        "export { parseDocument, letterRecord, bundledKnowledge, LineIndex } from './server/src/core';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    outfile: bundle,
  });
  const m = createRequire(import.meta.url)(bundle);
  const kb = m.bundledKnowledge();
  const { vocabulary } = m.loadVocabularyFile(undefined);
  const texts = corpusTexts(root);
  // Each file's letters as the tables take them (untimed).
  const files = [];
  let count = 0;
  for (let k = 0; count < letters; k++) {
    const t = texts[k % texts.length];
    const text = letterCopy(t.text, k);
    const lines = new m.LineIndex(text);
    const found = m.parseDocument(text).filter((l) => l.isLetter);
    const file = found.map((letter) => m.tableLetter(letter, text, m.letterRecord(letter, text, `${k}-${t.file}`, letter.problems, lines, vocabulary), kb));
    if (file.length) files.push(file);
    count += file.length;
  }
  const wall = [];
  const cpu = [];
  let rows = null;
  for (let r = 0; r < runs + 1; r++) {
    const dir = join(tmp, `out-${r}`);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const tables = new m.ParquetTables(dir);
    for (const file of files) tables.addEncoded(m.encodeTables(file));
    tables.finish();
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    rows = { letters: tables.letters, items: tables.items, citations: tables.citations };
    rmSync(dir, { recursive: true, force: true });
    if (r === 0) continue; // warm-up
    wall.push(ms);
    cpu.push((c.user + c.system) / 1000);
  }
  const ms = median(wall);
  console.log(JSON.stringify({ ...rows, runs, ms, cpuMs: median(cpu), lettersPerSecond: rows.letters / (ms / 1000) }));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
