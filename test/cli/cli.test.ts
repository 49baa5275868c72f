/**
 * The `imr` command line, run as users run it: the bundled dist/cli.js in a child process.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Writable } from 'stream';
import { parse as parseCsv } from 'csv-parse/sync';
import { main } from '../../server/src/cli';
import { dropStartedWorkers, extractFiles, hasStartedWorkers, startWorkers } from '../../server/src/export/bulk';
import { ITEM_COLUMN_TITLES as T } from '../../server/src/export/columns';
import { spreadsheetSafe } from '../../server/src/export/csv';
import { tsvCell } from '../../server/src/export/formats';
import { DIST } from '../paths';
import { loadLetters, loadSeeds } from '../core/manifest';
import { bundledKnowledge, letterDeadlines, parseDocument } from '../../server/src/core';
import { tempDir } from '../temp';

function imr(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/**
 * Runs of the CLI that read only inputs no test changes (the fixtures, the folder of PDFs below)
 * and write nothing, by their arguments: a run two tests need is made once.
 */
const madeRuns = new Map<string, ReturnType<typeof imr>>();

function imrOnce(...args: string[]) {
  const key = args.join('\0');
  const had = madeRuns.get(key);
  if (had) return had;
  const r = imr(...args);
  madeRuns.set(key, r);
  return r;
}

const letters = loadLetters();
const seeds = loadSeeds();
const partial = letters.find((l) => l.file.includes('CM16-0239569'))!;
const scratch = tempDir('imr-cli-');
const FIXTURES_BAD_PDF = path.join(path.dirname(path.dirname(partial.texts[0])), 'bad-pdf');

describe('imr extract', () => {
  test('json for one file is one object in the documented schema', () => {
    const r = imrOnce('extract', '--format', 'json', partial.texts[0]);
    assert.equal(r.code, 0, r.err);
    const rec = JSON.parse(r.out);
    assert.equal(rec.schemaVersion, 1);
    assert.equal(rec.source, partial.texts[0]);
    assert.equal(rec.format, 'F1b');
    assert.equal(rec.caseNumber, partial.caseNumber);
    assert.match(rec.dates.decision, /^\d{4}-\d{2}-\d{2}$/);
    for (const k of ['assigned', 'decision', 'injury', 'urDenial', 'applicationReceived']) assert.ok(k in rec.dates);
    assert.ok(Array.isArray(rec.reviewer.licensure) && Array.isArray(rec.reviewer.specialties));
    assert.ok('age' in rec.patient && 'sex' in rec.patient);
    assert.deepEqual(rec.items.map((i: { request: string }) => i.request), partial.items.map((i) => i.request));
    for (const item of rec.items) {
      assert.ok(item.partialAuthorization.original && item.partialAuthorization.remainder === item.request);
      assert.equal(typeof item.claimsAdministratorGuideline, 'string');
      assert.equal(typeof item.maximusGuideline, 'string');
      assert.equal(typeof item.rationale, 'string');
      assert.ok(item.range.start.line < item.range.end.line);
    }
    assert.ok(Array.isArray(rec.problems));
  });

  test('json for several files is an array, one record per letter in order; --every-file gives one per file', () => {
    const files = [seeds[0].texts[0], partial.texts[1], partial.texts[0]];
    const r = imr('extract', ...files);
    assert.equal(r.code, 0, r.err);
    const recs = JSON.parse(r.out);
    // The letter in pdftotext and -layout text is one record, read from the pdftotext text.
    assert.deepEqual(recs.map((x: { source: string }) => x.source), [files[0], files[2]]);
    assert.deepEqual(recs[1].sources, [{ source: files[2], kind: 'text' }, { source: files[1], kind: 'layout' }]);
    assert.match(recs[1].sourceReason, /text is preferred to -layout text|most complete/);
    assert.deepEqual(recs[0].sources, [{ source: files[0], kind: 'text' }]);
    assert.match(r.err, /3 letters read are 2 distinct letters/);
    const every = imr('extract', '--every-file', ...files);
    assert.equal(every.code, 0, every.err);
    const all = JSON.parse(every.out);
    assert.deepEqual(all.map((x: { source: string }) => x.source), files);
    assert.ok(all.every((x: object) => !('sources' in x)), 'no sources list: each file is its own record');
    assert.equal(every.err, '');
  });

  test('jsonl prints one record per line', () => {
    const files = letters.slice(0, 10).map((l) => l.texts[0]);
    const r = imr('extract', '--format', 'jsonl', ...files);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split('\n');
    assert.equal(lines.length, files.length);
    lines.forEach((line, k) => assert.equal(JSON.parse(line).items.length, letters[k].items.length));
  });

  test('csv has one row per item and round-trips to the json', () => {
    const files = letters.slice(0, 25).map((l) => l.texts[0]);
    const csv = imr('extract', '--format', 'csv', ...files);
    const json = imr('extract', '--format', 'json', ...files);
    assert.equal(csv.code, 0, csv.err);
    const rows = parseCsv(csv.out, { columns: true }) as Record<string, string>[];
    const recs = JSON.parse(json.out) as { source: string; caseNumber: string; items: { request: string; decision: string; rationale: string; maximusGuideline: string }[] }[];
    // CSV has no null: empty cells stand for null values.
    const expected = recs.flatMap((r) => r.items.map((i) => [r.source, r.caseNumber, i.request, i.decision, i.rationale, i.maximusGuideline].map((v) => v ?? '')));
    // Headed in plain English; the JSON keeps the schema's names.
    assert.deepEqual(rows.map((r) => [r.File, r['Case number'], r.Request, r.Decision, r['Reasons for the decision'], r['Guideline the reviewer relied on']]), expected);
    assert.deepEqual(Object.keys(rows[0]), Object.values(T));
  });

  test('--bom starts the csv with a UTF-8 byte order mark, once', () => {
    const r = imr('extract', '--format', 'csv', '--bom', partial.texts[0], seeds[0].texts[0]);
    assert.equal(r.out.charCodeAt(0), 0xfeff);
    assert.equal(r.out.indexOf('\ufeff', 1), -1);
  });

  test('csv cells a spreadsheet would run as a formula (= + - @) start with an apostrophe; numbers and other text are as they were', () => {
    const dir = fs.mkdtempSync(path.join(scratch, 'formula-'));
    const names = ['=HYPERLINK("http:x","y").txt', '+cmd.txt', '-2+3.txt', '@SUM(A1).txt', 'plain.txt'];
    for (const n of names) fs.copyFileSync(partial.texts[0], path.join(dir, n));
    const here = (args: string[]) => spawnSync(process.execPath, [path.join(DIST, 'cli.js'), ...args], { encoding: 'utf8', cwd: dir });
    const extract = here(['extract', '--format', 'csv', '--every-file', '--', ...names]);
    assert.equal(extract.status, 0, extract.stderr);
    const files = (parseCsv(extract.stdout, { columns: true }) as Record<string, string>[]).map((r) => r.File);
    assert.deepEqual([...new Set(files)], ["'=HYPERLINK(\"http:x\",\"y\").txt", "'+cmd.txt", "'-2+3.txt", "'@SUM(A1).txt", 'plain.txt']);
    // Search results as CSV go through the same writer.
    const search = here(['search', '--format', 'csv', 'CM16-0239569', '--', ...names]);
    assert.equal(search.status, 0, search.stderr);
    const sources = (parseCsv(search.stdout, { columns: true }) as Record<string, string>[]).map((r) => r.source);
    assert.ok(sources.length > 0 && sources.every((s) => /^'[=+\-@]|^plain\.txt$/.test(s)), sources.join(', '));
    assert.equal(spreadsheetSafe('-5'), '-5');
    assert.equal(spreadsheetSafe('+1.5'), '+1.5');
    assert.equal(spreadsheetSafe('- 5'), "'- 5");
    assert.equal(spreadsheetSafe('\t=1'), "'\t=1");
    assert.equal(spreadsheetSafe('Norco 10/325'), 'Norco 10/325');
    assert.equal(tsvCell('=1+1'), "'=1+1");
    assert.equal(tsvCell(-3), '-3');
  });

  test('bad files get a clear message and the other files are still processed', () => {
    const empty = path.join(scratch, 'empty.txt');
    const binary = path.join(scratch, 'binary.txt');
    const prose = path.join(scratch, 'prose.txt');
    fs.writeFileSync(empty, '');
    fs.writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 1, 2, 3]));
    fs.writeFileSync(prose, 'Dear reader,\nnothing to see here.\n');
    const missing = path.join(scratch, 'missing.txt');
    const emptyDir = tempDir('imr-empty-');
    const r = imr('extract', '--format', 'jsonl', empty, partial.texts[0], binary, missing, prose, emptyDir, seeds[0].texts[0]);
    assert.equal(r.code, 2);
    assert.equal(r.out.trim().split('\n').length, 2, 'the two letters are still extracted');
    assert.match(r.err, new RegExp(`${escape(empty)}: is empty`));
    assert.match(r.err, new RegExp(`${escape(binary)}: is a binary file`));
    assert.match(r.err, new RegExp(`${escape(missing)}: does not exist`));
    assert.match(r.err, new RegExp(`${escape(prose)}: not an IMR letter`));
    assert.match(r.err, new RegExp(`${escape(emptyDir)}: folder holds no .txt, .imr or .pdf files`));
    assert.match(r.err, /4 of 6 files could not be read/);
    assert.match(r.err, /1 input matched no letter file/);
  });

  test('a file over the size limit is refused without being read whole', () => {
    const big = path.join(scratch, 'big.txt');
    fs.writeFileSync(big, fs.readFileSync(partial.texts[0], 'utf8').repeat(400));
    const r = imr('extract', '--max-size', '1', big);
    assert.equal(r.code, 2);
    assert.match(r.err, /over the 1 MB limit/);
  });

  test('Windows-1252 text is decoded', () => {
    const cp = path.join(scratch, 'cp1252.txt');
    const text = fs.readFileSync(partial.texts[0], 'utf8').replace('Standard', 'Standard\u00e9');
    fs.writeFileSync(cp, Buffer.from(text.replace('\u00e9', '\u00e9'), 'latin1'));
    const r = imr('extract', cp);
    assert.equal(r.code, 0, r.err);
    assert.equal(JSON.parse(r.out).priority, 'Standard\u00e9');
  });

  test('a folder is searched recursively and a glob is expanded', () => {
    // Letters at three depths of a folder, beside a file that is not a letter file.
    const tree = tempDir('imr-tree-');
    const placed = letters.slice(0, 8).map((l, k) => path.join(['', 'sub', path.join('sub', 'deeper')][k % 3], path.basename(l.texts[0])));
    placed.forEach((f, k) => {
      fs.mkdirSync(path.dirname(path.join(tree, f)), { recursive: true });
      fs.copyFileSync(letters[k].texts[0], path.join(tree, f));
    });
    fs.writeFileSync(path.join(tree, 'sub', 'deeper', 'notes.md'), 'not a letter file\n');
    const byFolder = imr('extract', '--format', 'jsonl', tree);
    assert.equal(byFolder.code, 0, byFolder.err);
    const sources = byFolder.out.trim().split('\n').map((l) => path.relative(tree, JSON.parse(l).source as string));
    assert.deepEqual(sources.sort(), placed.sort());
    const layoutDir = path.join(path.dirname(partial.texts[0]), 'layout');
    const byGlob = imr('extract', '--format', 'jsonl', path.join(layoutDir, '*CM17-001*.txt'));
    const globbed = fs.readdirSync(layoutDir).filter((f) => f.includes('CM17-001')).length;
    assert.ok(globbed > 1);
    assert.equal(byGlob.out.trim().split('\n').length, globbed);
    assert.equal(imr('extract', path.join(layoutDir, '*NO-SUCH*.txt')).code, 2);
  });

  test('md prints a Markdown table with one row per item and escaped pipes', () => {
    const f = path.join(scratch, 'pipes.txt');
    fs.writeFileSync(f, fs.readFileSync(partial.texts[0], 'utf8').replace('Chiropractic spinal manipulation times 6 is: Upheld', 'Chiropractic | spinal manipulation times 6 is: Upheld'));
    const r = imr('extract', '--format', 'md', f);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split('\n');
    assert.match(lines[0], /^\| File \| Letter in the file \| Case number \|/);
    assert.equal(lines.length, 2 + partial.items.length);
    assert.ok(lines[2].includes('Chiropractic \\| spinal manipulation times 6'));
    // every row has the same number of unescaped cell separators as the header
    const cells = (l: string) => l.replace(/\\\|/g, '').split('|').length;
    for (const l of lines) assert.equal(cells(l), cells(lines[0]));
  });

  test('no progress bar when stderr is not a terminal', () => {
    // The run of the first test: its stderr, a pipe, not a terminal.
    const r = imrOnce('extract', '--format', 'json', partial.texts[0]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
  });

  test('PDFs are read wherever text is: the same records as their pdftotext text', () => {
    // The 48 PDFs named one by one, on one thread (the run the test of worker threads compares with).
    const { files } = pdfFolder();
    const fromPdf = imrOnce('extract', '--format', 'jsonl', '--jobs', '1', ...files);
    const texts = files.map((f) => letters.find((l) => l.pdf && path.basename(l.pdf) === path.basename(f))!.texts[0]);
    const fromText = imr('extract', '--format', 'jsonl', '--jobs', '1', ...texts);
    assert.equal(fromPdf.code, 0, fromPdf.err);
    assert.equal(fromPdf.out.trim().split('\n').length, files.length);
    const strip = (line: string) => ({ ...JSON.parse(line), source: null, sources: null });
    assert.deepEqual(fromPdf.out.trim().split('\n').map(strip), fromText.out.trim().split('\n').map(strip));
  });

  test('a folder holding both PDFs and text letters', () => {
    const dir = tempDir('imr-mixed-');
    fs.copyFileSync(partial.pdf!, path.join(dir, 'a.pdf'));
    fs.copyFileSync(letters[5].texts[0], path.join(dir, 'b.txt'));
    fs.writeFileSync(path.join(dir, 'c.pdf'), 'not really a pdf');
    const r = imr('extract', '--format', 'jsonl', dir);
    assert.equal(r.code, 2);
    const recs = r.out.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(recs.map((x) => x.caseNumber), [partial.caseNumber, letters[5].caseNumber]);
    assert.match(r.err, /c\.pdf: This file is not a PDF/);
  });

  test('every option that takes a value takes it after "=" too (--jobs=1 as --jobs 1), as --format= always did', async () => {
    const run = async (args: string[]) => {
      let out = '';
      let err = '';
      const code = await main(args, new Writable({ write: (c, _e, cb) => ((out += c), cb()) }), new Writable({ write: (c, _e, cb) => ((err += c), cb()) }));
      return { code, out, err };
    };
    const spaced = await run(['extract', '--format', 'jsonl', '--jobs', '1', '--max-size', '1', '--pdf-timeout', '20', partial.texts[0]]);
    const joined = await run(['extract', '--format=jsonl', '--jobs=1', '--max-size=1', '--pdf-timeout=20', partial.texts[0]]);
    assert.equal(joined.code, 0, joined.err);
    assert.equal(joined.out, spaced.out);
    const limited = await run(['search', '--limit=1', '--decision=upheld', '--format=json', 'CM16-0239569', partial.texts[0]]);
    assert.equal(limited.code, 0, limited.err);
    assert.equal((JSON.parse(limited.out) as unknown[]).length, 1);
    const tooSmall = await run(['extract', '--max-size=0.001', partial.texts[0]]);
    assert.match(tooSmall.err, /over the 2 KB limit \(--max-size\)|over the 1 KB limit \(--max-size\)/);
    // A switch takes no value; a value is still checked.
    assert.match((await run(['extract', '--quiet=yes', partial.texts[0]])).err, /unknown option "--quiet=yes"/);
    assert.match((await run(['extract', '--jobs=many', partial.texts[0]])).err, /--jobs must be a whole number/);
  });

  test('usage errors exit 2 with the usage text', () => {
    for (const args of [[], ['frobnicate'], ['extract'], ['extract', '--format', 'xml', 'x.txt']]) {
      const r = imr(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /Usage:/);
    }
    assert.equal(imrOnce('--help').code, 0);
  });

  test('--version prints the version; --help gives examples and the exit statuses', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(DIST, '..', 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const r = imr(flag);
      assert.equal(r.code, 0);
      assert.equal(r.out, `imr ${pkg.version}\n`);
    }
    const help = imrOnce('--help').out;
    assert.match(help, /Examples:\n {2}imr extract --format csv/);
    assert.match(help, /Exit status: 0/);
  });

  test('an empty folder or a pattern that matches nothing says there is nothing to read, not that a file failed', () => {
    const emptyDir = tempDir('imr-nothing-');
    for (const input of [emptyDir, path.join(emptyDir, '*.pdf')]) {
      const r = imr('extract', '--format', 'jsonl', input);
      assert.equal(r.code, 2, input);
      assert.match(r.err, /no letter files to read/);
      assert.doesNotMatch(r.err, /could not be read/);
      assert.equal(r.out, '');
      const check = imr('check', input);
      assert.equal(check.code, 2);
      assert.match(check.err, /no letter files to read/);
    }
    // JSON output is still JSON: an empty array.
    assert.equal(imr('extract', '--format', 'json', emptyDir).out, '[]\n');
  });

  test('--format json for one file that fails prints [] and the reason on stderr', () => {
    const bad = path.join(FIXTURES_BAD_PDF, 'truncated.pdf');
    const r = imr('extract', '--format', 'json', bad);
    assert.equal(r.code, 2);
    assert.deepEqual(JSON.parse(r.out), []);
    assert.match(r.err, /truncated\.pdf: .*damaged/);
  });

  test('a letter saved as text, -layout text and PDF is one record by default, the files left out named; --every-file writes each', () => {
    const dir = tempDir('imr-copies-');
    const picks = letters.filter((l) => l.pdf && l.texts.length > 1).slice(0, 3);
    fs.mkdirSync(path.join(dir, 'layout'));
    fs.mkdirSync(path.join(dir, 'pdf'));
    for (const l of picks) {
      fs.copyFileSync(l.texts[0], path.join(dir, path.basename(l.texts[0])));
      fs.copyFileSync(l.texts[1], path.join(dir, 'layout', path.basename(l.texts[1])));
      fs.copyFileSync(l.pdf!, path.join(dir, 'pdf', path.basename(l.pdf!)));
    }
    const all = imr('extract', '--format', 'jsonl', '--every-file', dir);
    assert.equal(all.out.trim().split('\n').length, picks.length * 3, 'with --every-file every copy is a record');
    const r = imr('extract', '--format', 'jsonl', dir);
    assert.equal(r.code, 0, r.err);
    const recs = r.out.trim().split('\n').map((l) => JSON.parse(l) as { source: string; caseNumber: string });
    assert.deepEqual(recs.map((x) => x.caseNumber).sort(), picks.map((l) => l.caseNumber).sort());
    // The plain text is used (as complete as the others, and text is preferred); the others are named.
    assert.ok(recs.every((x) => path.dirname(x.source) === dir), JSON.stringify(recs.map((x) => x.source)));
    const left = r.err.trim().split('\n').filter((l) => l.includes(': the same letter as '));
    assert.equal(left.length, picks.length * 2, r.err);
    assert.ok(left.every((l) => /: the same letter as .*, left out \(/.test(l)), r.err);
    assert.match(r.err, new RegExp(`${picks.length * 3} letters read are ${picks.length} distinct letters`));
    assert.equal(imr('extract', '--format', 'jsonl', '--quiet', dir).err, '', '--quiet names nothing');
  });
});

describe('imr extract --format ics', () => {
  /** Each event of a calendar file: its UID and start date, unfolded. */
  const eventsOf = (ics: string) =>
    ics
      .replace(/\r\n /g, '')
      .split('BEGIN:VEVENT\r\n')
      .slice(1)
      .map((e) => ({ uid: /^UID:(.*)\r$/m.exec(e)![1], start: /^DTSTART;VALUE=DATE:(\d{8})\r$/m.exec(e)![1] }));

  test('a folder of letters is one calendar: every letter\'s dates once, as the core gives them, whatever copies of it the folder holds', () => {
    // Enough files for the worker threads, and three letters also as -layout text (the same letters).
    const dir = tempDir('imr-ics-');
    for (const l of letters) fs.copyFileSync(l.texts[0], path.join(dir, path.basename(l.texts[0])));
    fs.mkdirSync(path.join(dir, 'layout'));
    const copied = letters.filter((l) => l.texts.length > 1).slice(0, 3);
    for (const l of copied) fs.copyFileSync(l.texts[1], path.join(dir, 'layout', path.basename(l.texts[1])));
    const r = imr('extract', '--format', 'ics', '--quiet', dir);
    assert.equal(r.code, 0, r.err);
    assert.ok(r.out.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'), r.out.slice(0, 60));
    assert.ok(r.out.endsWith('END:VCALENDAR\r\n'));
    assert.equal(r.out.match(/^BEGIN:VCALENDAR\r$/gm)?.length, 1, 'one calendar');
    for (const line of r.out.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, line);
    const kb = bundledKnowledge();
    const expected = new Map<string, string>();
    for (const l of letters) {
      for (const letter of parseDocument(fs.readFileSync(l.texts[0], 'utf8'))) {
        for (const d of letterDeadlines(letter, kb)) expected.set(`${d.id}@imr-letters.invalid`, d.date.replace(/-/g, ''));
      }
    }
    const got = eventsOf(r.out);
    assert.equal(got.length, expected.size, 'each date once: the -layout copies add none');
    assert.deepEqual(new Map(got.map((e) => [e.uid, e.start])), expected);
    assert.ok(got.length > letters.length, `appeal and repeat-request dates: ${got.length}`);
  });

  test('a file with no letter, and --check or --every-file with ics, are refused with a reason', () => {
    const note = path.join(scratch, 'note.txt');
    fs.writeFileSync(note, 'Shopping list: milk, bread.\n');
    const r = imr('extract', '--format', 'ics', note);
    assert.equal(r.code, 2);
    assert.match(r.err, /not an IMR letter/);
    assert.equal(r.out, 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//IMR Letters for VS Code//Deadlines//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n', 'an empty calendar');
    for (const flag of ['--check', '--every-file']) {
      const u = imr('extract', '--format', 'ics', flag, partial.texts[0]);
      assert.equal(u.code, 2);
      assert.match(u.err, new RegExp(`${flag} is not for --format ics`));
      assert.equal(u.out, '');
    }
  });
});

describe('imr check', () => {
  test('prints file:line:col severity code message and exits 0 when no error remains', () => {
    const text = fs.readFileSync(partial.texts[0], 'utf8');
    const f = path.join(scratch, 'check.txt');
    // An unlabelled value in the header table is a parser problem with a known position.
    fs.writeFileSync(f, text.replace('Standard\n', 'Standard\nStray\n'));
    const line = text.split('\n').indexOf('Standard') + 2;
    const r = imr('check', f);
    assert.equal(r.code, 0, 'a warning is not an error');
    assert.match(r.out, new RegExp(`^${escape(f)}:${line}:1 warning header-value-without-label `, 'm'));
  });

  test('--format json lists the problems per file', () => {
    const r = imr('check', '--format', 'json', partial.texts[0]);
    const parsed = JSON.parse(r.out);
    assert.equal(parsed[0].source, partial.texts[0]);
    assert.ok(Array.isArray(parsed[0].problems));
  });
});

/**
 * 48 of the corpus PDFs in a folder of their own, the fewest files a run starts workers for
 * (MIN_FILES_FOR_WORKERS in export/bulk.ts), made on first use; `files` in name order.
 */
let pdfs: { dir: string; files: string[] } | undefined;

function pdfFolder(): { dir: string; files: string[] } {
  if (pdfs) return pdfs;
  const all = path.dirname(partial.pdf!);
  const dir = path.join(scratch, 'pdf-48');
  fs.mkdirSync(dir);
  const names = fs.readdirSync(all).filter((f) => f.endsWith('.pdf')).sort().slice(0, 48);
  for (const f of names) fs.copyFileSync(path.join(all, f), path.join(dir, f));
  pdfs = { dir, files: names.map((f) => path.join(dir, f)) };
  return pdfs;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('bulk extraction options', () => {
  test('worker threads give exactly the output of one thread, in input order', () => {
    const dir = path.join(path.dirname(partial.texts[0]), 'layout');
    const byWorkers = imr('extract', '--format', 'csv', '--jobs', '2', dir);
    const inThread = imr('extract', '--format', 'csv', '--jobs', '1', dir);
    assert.equal(byWorkers.code, 0, byWorkers.err);
    assert.ok(fs.readdirSync(dir).length >= 48, 'enough files for the worker pool');
    assert.equal(byWorkers.out, inThread.out);
    const jsonl = imr('extract', '--format', 'jsonl', '--jobs', '2', dir).out.trim().split('\n').map((l) => JSON.parse(l).source);
    assert.deepEqual(jsonl, [...jsonl].sort());
  });

  test('worker threads (files sent in batches): failures are named by their own file, records stay in order', () => {
    const src = path.join(path.dirname(partial.texts[0]), 'layout');
    const dir = tempDir('imr-batches-');
    try {
      const letters = fs.readdirSync(src).filter((f) => f.endsWith('.txt')).sort().slice(0, 70);
      // 70 letters with bad files among them: at the start, inside a batch, at a batch edge, at the end.
      const bad: Record<string, Buffer> = { '000-empty.txt': Buffer.alloc(0), '033-binary.txt': Buffer.from([0, 1, 2, 3, 0, 255, 0, 7]), '048-notes.txt': Buffer.from('Shopping list\nmilk\n'), '999-empty.txt': Buffer.alloc(0) };
      letters.forEach((f, k) => fs.copyFileSync(path.join(src, f), path.join(dir, `${String(k + 1).padStart(3, '0')}-${f}`)));
      for (const [name, bytes] of Object.entries(bad)) fs.writeFileSync(path.join(dir, name), bytes);
      const byWorkers = imr('extract', '--format', 'jsonl', '--jobs', '2', dir);
      const inThread = imr('extract', '--format', 'jsonl', '--jobs', '1', dir);
      assert.equal(byWorkers.code, 2, 'files that are not letters make the exit code 2');
      assert.equal(byWorkers.out, inThread.out);
      assert.equal(byWorkers.err.replace(/\r?\n$/, '').split('\n').filter((l) => l.includes(dir)).sort().join('\n'), inThread.err.replace(/\r?\n$/, '').split('\n').filter((l) => l.includes(dir)).sort().join('\n'));
      for (const name of Object.keys(bad)) assert.match(byWorkers.err, new RegExp(escape(path.join(dir, name))), `${name} is reported`);
      const sources = byWorkers.out.trim().split('\n').map((l) => path.basename(JSON.parse(l).source));
      assert.deepEqual(sources, letters.map((f, k) => `${String(k + 1).padStart(3, '0')}-${f}`));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('workers started before the files are listed: a large run takes them (same output), a small run stops them', async () => {
    const dir = path.join(path.dirname(partial.texts[0]), 'layout');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(dir, f));
    assert.ok(files.length >= 48, 'enough files for the worker pool');
    const run = async (list: string[], jobs: number) => {
      let out = '';
      const r = await extractFiles(list, (c) => (out += c), { format: 'jsonl', jobs });
      return { out, letters: r.letters };
    };
    const inThread = await run(files, 1);
    startWorkers(2);
    assert.ok(hasStartedWorkers());
    const byStarted = await run(files, 2);
    assert.ok(!hasStartedWorkers(), 'the run took the started workers');
    assert.equal(byStarted.out, inThread.out);
    assert.equal(byStarted.letters, files.length);
    // A run of a few files reads them on this thread and stops the started workers.
    startWorkers(2);
    const few = await run(files.slice(0, 3), 2);
    assert.ok(!hasStartedWorkers(), 'a small run stopped the started workers');
    assert.equal(few.out, (await run(files.slice(0, 3), 1)).out);
    // Workers started for another number of threads are not taken: the run starts its own.
    startWorkers(3);
    assert.equal((await run(files, 2)).out, inThread.out);
    assert.ok(!hasStartedWorkers());
    dropStartedWorkers();
  });

  test('the command line starts workers for a folder and ends at once when it reads few files or none', () => {
    const src = path.join(path.dirname(partial.texts[0]), 'layout');
    const dir = tempDir('imr-few-');
    const empty = tempDir('imr-none-');
    try {
      for (const f of fs.readdirSync(src).filter((f) => f.endsWith('.txt')).sort().slice(0, 3)) fs.copyFileSync(path.join(src, f), path.join(dir, f));
      for (const command of ['extract', 'check', 'stats']) {
        // A generous limit: the process must end by itself, workers started ahead or not.
        const few = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), command, '--quiet', dir], { encoding: 'utf8', timeout: 120_000 });
        assert.equal(few.signal, null, `${command} ended by itself`);
        assert.ok(few.status === 0 || (command === 'check' && few.status === 1), `${command}: ${few.status} ${few.stderr}`);
        const none = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), command, empty], { encoding: 'utf8', timeout: 120_000 });
        assert.equal(none.signal, null, `${command} on an empty folder ended by itself`);
        assert.equal(none.status, 2);
        assert.match(none.stderr, /no letter files to read/);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  test('a folder of PDFs on worker threads: every PDF read, the same records as on one thread', () => {
    // Each PDF is read twice: by the folder on two threads, and named one by one on one thread (in
    // the folder's order: the run the test of PDFs read wherever text is makes too).
    const { dir, files } = pdfFolder();
    assert.equal(files.length, 48, 'enough files for the worker pool');
    const byWorkers = imr('extract', '--format', 'jsonl', '--jobs', '2', dir);
    assert.equal(byWorkers.code, 0, byWorkers.err);
    assert.equal(byWorkers.out, imrOnce('extract', '--format', 'jsonl', '--jobs', '1', ...files).out);
    assert.equal(byWorkers.out.trim().split('\n').length, 48);
  });

  test('--check puts every diagnostic in the records; without it, only the parser problems', () => {
    const seed = seeds.find((x) => x.file.startsWith('002'))!.texts[0];
    const plain = JSON.parse(imr('extract', seed).out);
    const checked = JSON.parse(imr('extract', '--check', seed).out);
    assert.deepEqual(plain.problems, []);
    assert.deepEqual(
      checked.problems.map((p: { code: string }) => p.code).filter((c: string) => c !== 'rationale-conclusion-not-found').sort(),
      ['mojibake', 'mojibake', 'truncated-letter'],
    );
    const check = imr('check', '--format', 'json', seed);
    assert.deepEqual(JSON.parse(check.out)[0].problems, checked.problems);
  });

  test('--jobs must be a whole number', () => {
    assert.equal(imr('extract', '--jobs', '0', partial.texts[0]).code, 2);
    assert.equal(imr('extract', '--jobs', 'x', partial.texts[0]).code, 2);
  });
});

describe('merged case files', () => {
  test('a file holding several letters gives one record per letter, numbered', () => {
    const picks = letters.slice(0, 3);
    const f = path.join(scratch, 'merged.txt');
    fs.writeFileSync(f, picks.map((l) => fs.readFileSync(l.texts[0], 'utf8')).join('\n'));
    const r = imr('extract', '--format', 'jsonl', f);
    assert.equal(r.code, 0, r.err);
    const recs = r.out.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(recs.map((x) => [x.letterInFile, x.caseNumber, x.items.length]), picks.map((l, k) => [k + 1, l.caseNumber, l.items.length]));
    const csv = parseCsv(imr('extract', '--format', 'csv', f).out, { columns: true }) as Record<string, string>[];
    assert.equal(csv.length, picks.reduce((n, l) => n + l.items.length, 0));
    assert.deepEqual([...new Set(csv.map((row) => row[T.letterInFile]))], ['1', '2', '3']);
  });
});

describe('imr check exit status and the terminal progress bar', () => {
  test('on a terminal, check shows its progress through a merged case file letter by letter', async () => {
    const f = path.join(scratch, 'merged-for-check.txt');
    fs.writeFileSync(f, letters.slice(0, 40).map((l) => fs.readFileSync(l.texts[0], 'utf8')).join('\n'));
    let err = '';
    const tty = Object.assign(new Writable({ write: (c, _e, cb) => ((err += c), cb()) }), { isTTY: true, columns: 100 });
    const code = await main(['check', f], new Writable({ write: (_c, _e, cb) => cb() }), tty);
    assert.ok(code === 0 || code === 1, String(code));
    assert.match(err, /\] 0\/1 files · \d+\/40 letters/);
    assert.ok(err.endsWith('\r\x1b[K'), 'the bar is cleared at the end');
  });

  test('an error left in a letter makes imr check exit 1', () => {
    const f = path.join(scratch, 'error.txt');
    fs.writeFileSync(f, fs.readFileSync(partial.texts[0], 'utf8').replace('times 6 is: Upheld', 'times 6 is: Uphled'));
    const r = imr('check', f);
    assert.equal(r.code, 1);
    assert.match(r.out, /error unknown-decision /);
  });

  test('on a terminal, extract draws a progress bar on stderr and clears it', async () => {
    // main() writes to the streams it is given: a stand-in terminal records what it receives.
    let err = '';
    let out = '';
    const tty = Object.assign(new Writable({ write: (c, _e, cb) => ((err += c), cb()) }), { isTTY: true, columns: 80 });
    const sink = new Writable({ write: (c, _e, cb) => ((out += c), cb()) });
    const dir = path.join(path.dirname(partial.texts[0]), 'layout');
    const code = await main(['extract', '--format', 'jsonl', '--jobs', '1', dir], sink, tty);
    assert.equal(code, 0);
    assert.match(err, /\r\[=+\] 100\/100 files/);
    assert.ok(err.endsWith('\r\x1b[K'), 'the bar is cleared at the end');
    assert.equal(out.trim().split('\n').length, 100);
    let quiet = '';
    const tty2 = Object.assign(new Writable({ write: (c, _e, cb) => ((quiet += c), cb()) }), { isTTY: true, columns: 80 });
    await main(['extract', '--quiet', '--format', 'jsonl', '--jobs', '1', dir], new Writable({ write: (_c, _e, cb) => cb() }), tty2);
    assert.equal(quiet, '');
  });
});
