/**
 * The command line over a folder of letters held in several forms: `imr extract` writes one
 * record per letter (its sources listed) unless `--every-file`; `imr search` prints matching items
 * with their decisions, each letter once. Expectations come from the manifests.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse as parseCsv } from 'csv-parse/sync';
import { Spool } from '../../server/src/export/spool';
import { DIST } from '../paths';
import { loadLetters } from '../core/manifest';
import { tempDir } from '../temp';

/** Runs of the CLI, by their arguments: every run here reads the folders below, which no test
 *  changes, and writes nothing, so a run made once is not made again (each reads its PDFs). */
const runs = new Map<string, { code: number | null; out: string; err: string }>();

function imr(...args: string[]) {
  const key = args.join('\0');
  const had = runs.get(key);
  if (had) return had;
  const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const result = { code: r.status, out: r.stdout, err: r.stderr };
  runs.set(key, result);
  return result;
}

const all = loadLetters().filter((l) => l.pdf);
const has = (l: (typeof all)[number], request: RegExp, decision?: string) => l.items.some((i) => request.test(i.request) && (decision === undefined || i.decision === decision));
// A folder like the fixtures' (text, layout/ and pdf/ of each letter), kept small so that the many
// runs below stay quick on a busy machine: every letter with a Norco item or an overturned
// physical therapy item, then letters with upheld physical therapy items (for --decision to leave
// out), then others, 16 letters in all: 48 files, the fewest a run starts worker threads for
// (MIN_FILES_FOR_WORKERS in export/bulk.ts).
const picked = [
  ...new Set([
    ...all.filter((l) => has(l, /norco/i)),
    ...all.filter((l) => has(l, /physical therapy/i, 'Overturned')),
    ...all.filter((l) => has(l, /physical therapy/i, 'Upheld')),
    ...all,
  ]),
].slice(0, 16);
/** Copies of the letters in a new folder, as the fixtures hold them: text, layout/ and pdf/. */
function inThreeForms(list: typeof all, prefix: string) {
  const folder = tempDir(prefix);
  fs.mkdirSync(path.join(folder, 'layout'));
  fs.mkdirSync(path.join(folder, 'pdf'));
  const letters = list.map((l) => {
    const texts = [path.join(folder, path.basename(l.texts[0])), path.join(folder, 'layout', path.basename(l.texts[1]))];
    const pdf = path.join(folder, 'pdf', path.basename(l.pdf!));
    fs.copyFileSync(l.texts[0], texts[0]);
    fs.copyFileSync(l.texts[1], texts[1]);
    fs.copyFileSync(l.pdf!, pdf);
    return { ...l, texts, pdf };
  });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));
  return { folder, letters };
}

const { folder, letters } = inThreeForms(picked, 'imr-library-cli-');
const withPdf = letters;

describe('imr extract over a folder of letters in three forms', () => {
  test('one record per letter, from its pdftotext text, with every file listed', () => {
    // On two worker threads: the same run as the comparison with one thread below.
    const r = imr('extract', '--format', 'jsonl', '--jobs', '2', folder);
    assert.equal(r.code, 0, r.err);
    const recs = r.out.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(recs.length, letters.length, 'one record per letter, not one per file');
    for (const l of withPdf) {
      const rec = recs.find((x) => x.caseNumber === l.caseNumber);
      assert.ok(rec, l.file);
      assert.equal(rec.source, l.texts[0]);
      assert.deepEqual(rec.sources.map((s: { source: string }) => s.source).sort(), [l.texts[0], l.texts[1], l.pdf].sort());
      assert.deepEqual(rec.sources.map((s: { kind: string }) => s.kind), ['text', 'layout', 'pdf']);
      assert.deepEqual(rec.items.map((i: { request: string; decision: string }) => [i.request, i.decision]), l.items.map((i) => [i.request, i.decision]));
    }
    assert.match(r.err, new RegExp(`${3 * letters.length} letters read are ${letters.length} distinct letters`));
  });

  test('CSV: one row per item of each letter once; --every-file: every file\'s rows', () => {
    // On one thread: worker threads would each start a PDF reader, and they are the next test's.
    const rows = parseCsv(imr('extract', '--format', 'csv', '--jobs', '1', folder).out, { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, letters.reduce((n, l) => n + l.items.length, 0));
    const every = parseCsv(imr('extract', '--format', 'csv', '--every-file', '--jobs', '1', folder).out, { columns: true }) as Record<string, string>[];
    assert.equal(every.length, 3 * rows.length);
  });

  test('records come in the order of each letter\'s first file; workers change nothing', () => {
    const one = imr('extract', '--format', 'jsonl', '--jobs', '1', folder);
    const two = imr('extract', '--format', 'jsonl', '--jobs', '2', folder);
    assert.equal(one.out, two.out);
    const sources = one.out.trim().split('\n').map((l) => JSON.parse(l).source as string);
    assert.deepEqual(sources, [...sources].sort(), 'the texts come first in the folder walk, in name order');
    assert.ok(3 * letters.length >= 48, 'enough files for the worker pool');
  });

  test('--cache on worker threads: an entry for every PDF, the same records, and the next run the same again', () => {
    const cache = path.join(tempDir('imr-library-cli-cache-'), 'cache');
    const plain = imr('extract', '--format', 'jsonl', '--jobs', '2', folder);
    const first = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'extract', '--format', 'jsonl', '--jobs', '2', '--cache', cache, folder], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(first.status, 0, first.stderr);
    assert.equal(first.stdout, plain.out);
    assert.equal(fs.readdirSync(cache).length, letters.length, 'one entry per PDF');
    const second = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'extract', '--format', 'jsonl', '--jobs', '2', '--cache', cache, folder], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(second.stdout, plain.out);
  });
});

describe('imr search', () => {
  // The first eight of those letters (the Norco ones, those with overturned physical therapy, one
  // with upheld physical therapy only): search reads on one thread, every PDF at each run.
  const { folder, letters } = inThreeForms(picked.slice(0, 8), 'imr-search-cli-');
  const withPdf = letters;

  test('"norco": every Norco item once, with its decision, date, case number and place', () => {
    const r = imr('search', 'norco', folder);
    assert.equal(r.code, 0, r.err);
    const expected = letters.flatMap((l) => l.items.filter((i) => /norco/i.test(i.request)).map((i) => ({ l, i })));
    const lines = r.out.trim().split('\n');
    assert.equal(lines.length, expected.length);
    for (const { l, i } of expected) {
      const line = lines.find((x) => x.includes(l.caseNumber!) && x.includes(i.request));
      assert.ok(line, `${l.caseNumber} ${i.request}`);
      assert.ok(line.startsWith(i.decision));
      assert.match(line, new RegExp(`\\(${l.texts[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+\\)$`));
    }
    assert.match(r.err, new RegExp(`${expected.length} items .* in ${letters.length} letters searched`));
  });

  test('--decision and --format json: Overturned physical therapy items with their closing sentences', () => {
    assert.ok(letters.some((l) => has(l, /physical therapy/i, 'Upheld')), 'upheld physical therapy items for --decision to leave out');
    const r = imr('search', '--decision', 'overturned', '--format', 'json', 'physical therapy', folder);
    assert.equal(r.code, 0, r.err);
    const hits = JSON.parse(r.out) as Record<string, string | number>[];
    assert.ok(hits.length > 0);
    for (const h of hits) {
      assert.equal(h.decision, 'Overturned');
      assert.match(String(h.request), /physical therapy/i);
      assert.match(String(h.closingSentence), /[.!?]$/);
      const text = fs.readFileSync(String(h.source), 'utf8').split('\n');
      assert.ok(text.slice(Number(h.line) - 1, Number(h.line) + 3).join(' ').replace(/\s+/g, ' ').includes(String(h.request).slice(0, 15)));
    }
  });

  test('a case number lists that letter\'s items; several words must all be found', () => {
    const l = withPdf.find((x) => x.items.length >= 3)!;
    const r = imr('search', '--format', 'csv', l.caseNumber!, folder);
    const rows = parseCsv(r.out, { columns: true }) as Record<string, string>[];
    assert.deepEqual(rows.map((x) => x.request), l.items.map((i) => i.request));
    // Several words: a decision and a reviewer's specialty, each found somewhere in the item.
    type Hit = { decision: string; reviewerSpecialties: string; request: string; source: string };
    const found = (decision: string) => JSON.parse(imr('search', '--format', 'json', '--limit', '1000', `${decision} orthopedic`, folder).out) as Hit[];
    const overturned = found('overturned');
    const upheld = found('upheld');
    assert.ok(overturned.length > 0 && upheld.length > 0, 'the folder holds overturned and upheld items reviewed in orthopedics');
    for (const [hits, decision] of [[overturned, 'Overturned'], [upheld, 'Upheld']] as const) {
      for (const h of hits) {
        assert.equal(h.decision, decision, h.request);
        assert.match(`${h.reviewerSpecialties} ${h.request}`, /orthopedic/i);
      }
    }
  });

  test('nothing found exits 1; usage errors exit 2', () => {
    const none = imr('search', 'zzzxqv', folder);
    assert.equal(none.code, 1);
    assert.equal(none.out, '');
    for (const args of [['search'], ['search', 'norco'], ['search', '--limit', '0', 'x', folder], ['search', '--decision', 'maybe', 'x', folder], ['check', '--every-file', folder]]) {
      const r = imr(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /Usage:/);
    }
  });
});

describe('the extraction spool', () => {
  test('past its memory limit, records go to a private temporary file, read back whole, that nothing on disk outlives', () => {
    const tmp = tempDir('imr-spool-');
    const saved = { TMPDIR: process.env.TMPDIR, TMP: process.env.TMP, TEMP: process.env.TEMP };
    Object.assign(process.env, { TMPDIR: tmp, TMP: tmp, TEMP: tmp });
    try {
      const spool = new Spool(10);
      const bodies = ['{"a":1}', '{"b":"ü two"}', 'x'.repeat(100), '{"c":"§"}'];
      const refs = bodies.map((b) => spool.add(b));
      assert.deepEqual(refs.map((r) => spool.get(r)), bodies);
      const fd = (spool as unknown as { fd: number }).fd;
      if (process.platform !== 'win32') {
        assert.equal(fs.fstatSync(fd).mode & 0o077, 0, 'readable by the user only');
        // Removed from the folder as soon as open: a killed process leaves nothing behind.
        assert.deepEqual(fs.readdirSync(tmp), []);
      }
      spool.close();
      assert.deepEqual(fs.readdirSync(tmp), []);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
