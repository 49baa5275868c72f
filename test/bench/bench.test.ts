/**
 * The benchmark's short version in CI: `node scripts/bench.mjs --no-build --smoke` (`--quick` with
 * each measurement taken once or a few times) runs every section (core, linear, LSP, CLI,
 * activation, bundles) on the built bundles and writes its JSON report. This checks that the benchmark still works end to end and measures what the README
 * quotes; it does not hold the figures to their targets (a shared CI machine is too noisy for
 * that, and the README states which targets are missed). The table goes to the test log.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import { readFileSync, rmSync } from 'fs';
import * as path from 'path';
import { ROOT } from '../paths';
import { tempDir } from '../temp';

interface Row {
  section: string;
  name: string;
  value: number;
  unit: string;
  target: string | null;
  pass: boolean | null;
  note: string;
}

/** The CLI's and the letter library's sizes here (the library's also LIBRARY_SMALL): small, for CI
 *  time (the README's figures come from full runs). */
const LETTERS = 30;
const LIBRARY_SMALL = 10;
/** The merged file of the core and LSP sections in a smoke run, as its rows name it (a full run's is
 *  10 MB). */
const BIG = '2 MB';

test('npm run bench --smoke: every section runs and reports positive figures', () => {
  const dir = tempDir('imr-bench-');
  const json = path.join(dir, 'bench.json');
  try {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bench.mjs'), '--no-build', '--smoke', '--letters', String(LETTERS), '--library-sizes', `${LIBRARY_SMALL},${LETTERS}`, '--json', json], {
      cwd: ROOT,
      encoding: 'utf8',
      // Generous: about 20 s of CPU time, 35 to 70 s of wall clock on a 2-core machine at a load
      // average of 9 (where the 300-letter run this was took 100 to 110 s).
      timeout: 480_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    process.stdout.write(`# bench (smoke)\n${r.stdout.split('\n').map((l) => `# ${l}`).join('\n')}\n`);
    assert.equal(r.status, 0, `bench exited with ${r.status} ${r.signal ?? ''}: ${r.stderr}`);

    const report = JSON.parse(readFileSync(json, 'utf8')) as { machine: Record<string, unknown>; quick: boolean; smoke: boolean; results: Row[] };
    assert.equal(report.quick, true);
    assert.equal(report.smoke, true);
    for (const key of ['date', 'cpu', 'cores', 'node']) assert.ok(report.machine[key], `machine.${key} recorded`);

    const rows = report.results;
    const get = (section: string, start: string): Row => {
      const found = rows.find((x) => x.section === section && x.name.startsWith(start));
      assert.ok(found, `a "${section}: ${start}..." row in ${rows.map((x) => `${x.section}: ${x.name}`).join('; ')}`);
      return found;
    };
    for (const row of rows) {
      assert.ok(Number.isFinite(row.value) && row.value > 0, `${row.section}: ${row.name} = ${row.value}`);
    }

    // Every measurement the README quotes against a target.
    assert.equal(get('core', 'parse + all diagnostics, corpus').unit, 'MB/s');
    assert.equal(get('core', `parse + all diagnostics, ${BIG}`).unit, 'MB/s');
    // The merged file's letters parsed one text at a time beside the whole file: what keeping every
    // letter alive to the end of a parse costs.
    const pieces = get('core', `parse alone, the ${BIG} file's letters one text at a time`);
    assert.equal(pieces.unit, 'MB/s');
    assert.equal(pieces.pass, null, 'the letters one at a time: no target of their own');
    // As many texts as the merged file has letters: each text is one of its letters.
    const count = (note: string, re: RegExp) => Number((re.exec(note)?.[1] ?? '').replace(/,/g, ''));
    const merged = count(get('core', `parse + all diagnostics, ${BIG}`).note, /MB, ([\d,]+) letters/);
    // The corpus repeated: more letters than its 206 texts (some 330 in 2 MB, 1,600 in 10 MB).
    assert.ok(merged > 250, `letters of the ${BIG} file: ${merged}`);
    assert.equal(count(pieces.note, /the same ([\d,]+) letters/), merged);
    assert.match(get('core', `parse alone, ${BIG} merged file`).note, /[\d,]+ minor page faults a pass/);
    // The corpus again once the JIT is warm, beside the figure taken while it still compiles.
    const warm = get('core', 'parse + all diagnostics, corpus, the JIT warm');
    assert.equal(warm.unit, 'MB/s');
    assert.equal(warm.pass, null, 'the warm corpus row: no target of its own');
    // Allocation counted exactly beside the sampled figure the target is stated in.
    const exact = get('core', 'allocation, exact count, corpus');
    assert.equal(exact.unit, 'B/B');
    assert.equal(exact.pass, null, 'the exact count: no target of its own');
    get('core', 'baseline: read + split into lines, corpus');
    for (const size of ['1 KB', '10 KB', '100 KB', '1 MB', BIG]) get('linear', `parse + all diagnostics, ${size}`);
    get('linear', `cost per KB, 10 KB to ${BIG}, max/min`);
    for (const doc of ['typical letter', BIG]) {
      for (const request of ['documentSymbol', 'documentSymbol after a 1-character edit', 'hover on a citation', 'completion after "Section(s): "', 'diagnostics after a 1-character edit']) {
        const row = rows.find((x) => x.section === 'lsp' && x.name === `${request}, ${doc}`);
        assert.ok(row, `lsp: ${request}, ${doc}`);
        assert.equal(row.unit, 'ms p95');
      }
    }
    assert.equal(rows.find((x) => x.section === 'lsp' && x.name === 'completion after "Section(s): " after a 1-character edit, typical letter')?.unit, 'ms p95');
    // What else an editor asks after a keystroke in the merged file, reported without a target.
    for (const request of ['foldingRange', 'codeLens', 'hover on a citation']) {
      const row = get('lsp', `${request} after a 1-character edit, ${BIG}`);
      assert.equal(row.unit, 'ms p95');
      assert.equal(row.pass, null, `${request}: no target`);
    }
    // Expand Selection, Document Highlight and semantic tokens, quoted in the README without a target.
    for (const name of [
      'Expand Selection in a rationale, typical letter', `Expand Selection in a rationale, ${BIG}`, `Expand Selection after a 1-character edit, ${BIG}`,
      'Document Highlight on a citation, typical letter', `Document Highlight on a citation, ${BIG}`, `Document Highlight on a citation after a 1-character edit, ${BIG}`,
      'semantic tokens, whole document, typical letter', `semantic tokens, whole document, ${BIG}`,
      `semantic tokens delta after a 1-character edit, ${BIG}`, `semantic tokens of 60 visible lines after a 1-character edit, ${BIG}`,
    ]) {
      const row = get('lsp', name);
      assert.equal(row.unit, 'ms p95');
      assert.equal(row.pass, null, `${name}: no target`);
    }
    assert.equal(get('cli', `imr extract --format jsonl, ${LETTERS} letters`).unit, 'letters/s');
    get('cli', 'imr extract time / cat FILES');
    assert.equal(get('cli', `imr stats (counts for the Insights panel), ${LETTERS} letters`).unit, 's');
    assert.equal(get('cli', `imr extract --format parquet, ${LETTERS} letters`).unit, 'letters/s');
    // The Insights panel's page drew every chart in Chromium without a page error (a refused inline
    // style or script is one), from the server's answer for the same folder: a letter per file.
    const panel = get('cli', 'Insights panel: first chart after the data arrives');
    assert.equal(panel.unit, 'ms');
    const panelData = get('cli', 'Insights panel data from the server');
    // Each file of the folder is a letter of its own (a copy whose case number or date could not be
    // changed counts with its original: a few at most).
    const panelLetters = Number(/, (\d+) letters$/.exec(panelData.name)?.[1]);
    assert.ok(panelLetters > LETTERS * 0.9 && panelLetters <= LETTERS, panelData.name);
    get('cli', 'peak memory');
    // The letter library (LIBRARY_SMALL and LETTERS letters).
    assert.equal(get('library', `indexing ${LETTERS} text letters`).unit, 's');
    get('library', `server memory after indexing ${LETTERS} letters`);
    for (const request of [`workspace/symbol, ${LETTERS} letters`, `references on a cited section, ${LETTERS} letters`, `one changed file current, ${LETTERS} letters`]) {
      assert.equal(get('library', request).unit, 'ms p95');
    }
    // The PDF text cache: a second start reads no PDF (a count, not a time: it holds on a busy machine);
    // the smoke run indexes 20 of the corpus's 100 PDFs.
    assert.equal(get('library', 'indexing 20 PDFs, second start').pass, true, 'the second start read PDFs again');
    get('activation', 'require dist/client.js');
    const client = get('bundles', 'dist/client.js');
    // The client bundle must stay small: it loads with VS Code, before any letter is opened.
    assert.equal(client.pass, true, `client bundle ${client.value} ${client.unit} under ${client.target}`);

    // The summary line counts the verdicts of the rows.
    const summary = /^(\d+) targets met, (\d+) missed/m.exec(r.stdout);
    assert.ok(summary, 'a summary line of targets met and missed');
    assert.equal(Number(summary[1]), rows.filter((x) => x.pass === true).length);
    assert.equal(Number(summary[2]), rows.filter((x) => x.pass === false).length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('scripts/bench/thread-cpu.mjs: one CLI worker thread extracts the letters it is sent, and the table has their row', () => {
  // Fails when the worker's messages change without the script (then the worker fails every letter).
  for (const format of ['jsonl', 'facts']) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bench', 'thread-cpu.mjs'), '--format', format, '30'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 240_000,
    });
    assert.equal(r.status, 0, `thread-cpu (${format}) exited with ${r.status} ${r.signal ?? ''}: ${r.stderr}`);
    assert.match(r.stdout, /^\| 30 \| [\d.]+ s \| [\d.]+ s \| [\d.]+ s \|$/m);
  }
});

test('scripts/bench/parquet-write.mjs: writes the tables of the letters asked for and times it', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bench', 'parquet-write.mjs'), ROOT, '40', '1'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 240_000,
  });
  assert.equal(r.status, 0, `parquet-write exited with ${r.status} ${r.signal ?? ''}: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { letters: number; items: number; citations: number; runs: number; ms: number; cpuMs: number; lettersPerSecond: number };
  // The corpus repeated: 40 letters (no file of it holds more than one), each with items and most with citations.
  assert.equal(out.letters, 40);
  assert.ok(out.items >= 40 && out.citations > out.letters, `${out.items} items, ${out.citations} citations`);
  assert.equal(out.runs, 1);
  assert.ok(out.ms > 0 && out.cpuMs > 0 && Math.abs(out.lettersPerSecond - out.letters / (out.ms / 1000)) < 1e-6 * out.lettersPerSecond);
});

test('scripts/bench-instructions.mjs: counts the instructions of a pass over the corpus and the share spent compiling', () => {
  // 10 of the 206 corpus texts: the two processes' start under valgrind (some 360 million
  // instructions each, as npm test runs it: a CA bundle in NODE_EXTRA_CA_CERTS adds 400 million)
  // costs more than the pass (some 120 million; over 40 texts it cost as much as the start).
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bench-instructions.mjs'), '--mode', 'parse', '--passes', '1', '--texts', '10'], {
    cwd: ROOT,
    encoding: 'utf8',
    // Two processes under valgrind, side by side: about 20 s of CPU time, 45 s of wall clock on a
    // 2-core machine at a load average of 9.
    timeout: 480_000,
  });
  process.stdout.write(`# ${r.stdout.split('\n').join('\n# ')}\n`);
  assert.equal(r.status, 0, `bench-instructions exited with ${r.status} ${r.signal ?? ''}: ${r.stderr}`);
  assert.match(r.stdout, /corpus \(10 texts, /);
  const m = /first  1 passes: +(\d+) per byte, (\d+)% of them compiling/.exec(r.stdout);
  assert.ok(m, r.stdout);
  // A parse pass runs at least tens of instructions per byte, a first pass compiles some of them.
  assert.ok(Number(m[1]) >= 20, `${m[1]} instructions per byte`);
  assert.ok(Number(m[2]) > 0 && Number(m[2]) < 100, `${m[2]}% compiling`);
});
