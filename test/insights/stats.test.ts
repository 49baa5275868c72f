/**
 * Statistics (`imr stats`, the Insights panel's data): counted against figures this test computes
 * itself from the extraction records of the same letters; every letter counted once when it is held
 * as text, -layout text and PDF; the text, JSON and CSV forms; the pure counting on small cases.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse as parseCsv } from 'csv-parse/sync';
import { computeStats, GROUPERS, identityOf, insightLetters, InsightLetter, Library, libraryLetters, parseDocument } from '../../server/src/core';
import { STATS_CSV_COLUMNS, statsCsv } from '../../server/src/export/stats';
import { DIST, FIXTURES } from '../paths';
import { tempDir } from '../temp';

const LETTERS = path.join(FIXTURES, 'letters');
/** The fixture letters as text only: the pdftotext text and the -layout text of each, no PDF. */
const TEXTS = [...fs.readdirSync(LETTERS).filter((f) => f.endsWith('.txt')).map((f) => path.join(LETTERS, f)), path.join(LETTERS, 'layout')];

/**
 * For the runs whose point is what is counted, not how the files are shared out: one thread. With
 * worker threads each starts a PDF reader of its own, and over the 100 PDFs a run took about 2 s
 * more CPU time (40%) for no gain on a 2-core machine; over the 201 texts, 1.2 s against 0.8 s.
 * The main stats run over all the fixture letters keeps the default, worker threads.
 */
const ONE_THREAD = ['--jobs', '1'];

/** Runs of the CLI over the fixture letters (which never change), by their arguments: a run the
 *  file has made already is not made again (each reads 100 PDFs). */
const fixtureRuns = new Map<string, { code: number | null; out: string; err: string }>();

function imr(...args: string[]) {
  const key = args.join('\0');
  const onFixtures = args.every((a) => a.startsWith('-') || !path.isAbsolute(a) || a.startsWith(LETTERS));
  const had = onFixtures ? fixtureRuns.get(key) : undefined;
  if (had) return had;
  const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const result = { code: r.status, out: r.stdout, err: r.stderr };
  if (onFixtures) fixtureRuns.set(key, result);
  return result;
}

interface Rec {
  source: string;
  caseNumber: string | null;
  dates: { assigned: string | null; decision: string | null };
  reviewer: { specialties: string[] };
  items: { request: string; decision: string | null; category: string; drugClass: string | null }[];
}

type Row = { key: string; label: string; letters: number; items: number; upheld: number; overturned: number; noDecision: number; overturnedRate: number | null };

describe('imr stats on the fixture letters (text, -layout text and PDF of each)', () => {
  // Every file's records (--every-file): the test counts the letters itself, apart from the CLI.
  const extracted = imr('extract', '--format', 'jsonl', '--every-file', '--quiet', ...ONE_THREAD, LETTERS);
  const records: Rec[] = extracted.out.trim().split('\n').map((l) => JSON.parse(l));
  const run = imr('stats', '--format', 'json', '--quiet', LETTERS);
  const stats = JSON.parse(run.out);
  // The same letters as text only (pdftotext and -layout text): the text and CSV forms are checked
  // on these, against this run, as they need no PDF.
  const textRun = imr('stats', '--format', 'json', '--quiet', ...ONE_THREAD, ...TEXTS);
  const text = JSON.parse(textRun.out);

  // The test's own count: one letter per case number and decision date (every fixture letter has a
  // distinct pair; the 2013 excerpt has neither and is on its own), the copy with most items kept.
  const byLetter = new Map<string, Rec>();
  for (const r of records) {
    const key = r.caseNumber ? `${r.caseNumber.replace(/[^A-Z0-9]/gi, '').toUpperCase()}|${r.dates.decision}` : r.source;
    const had = byLetter.get(key);
    if (!had || r.items.length > had.items.length) byLetter.set(key, r);
  }
  const letters = [...byLetter.values()];
  const items = letters.flatMap((l) => l.items);
  const count = (list: { decision: string | null }[]) => ({
    items: list.length,
    upheld: list.filter((i) => i.decision === 'Upheld').length,
    overturned: list.filter((i) => i.decision === 'Overturned').length,
  });
  const rowsOf = (list: Row[]) => new Map(list.map((r) => [r.key, r]));

  test('both commands read every file', () => {
    assert.equal(extracted.code, 0, extracted.err);
    assert.equal(run.code, 0, run.err);
    assert.equal(records.length, 301);
  });

  test('imr extract writes one record per letter, as many as imr stats counts', () => {
    // Both group a letter's copies alike (groupLetters): eight letters in their three forms, in a
    // folder laid out as the fixtures' (every letter, and its 100 PDFs, is counted above).
    const dir = tempDir('imr-stats-forms-');
    try {
      fs.mkdirSync(path.join(dir, 'layout'));
      fs.mkdirSync(path.join(dir, 'pdf'));
      const pdfs = fs.readdirSync(path.join(LETTERS, 'pdf')).sort().slice(0, 8);
      for (const pdf of pdfs) {
        const name = fs.readdirSync(LETTERS).find((f) => f.endsWith(`_${pdf.replace(/\.pdf$/, '')}.txt`))!;
        fs.copyFileSync(path.join(LETTERS, name), path.join(dir, name));
        fs.copyFileSync(path.join(LETTERS, 'layout', name), path.join(dir, 'layout', name));
        fs.copyFileSync(path.join(LETTERS, 'pdf', pdf), path.join(dir, 'pdf', pdf));
      }
      const perLetter = imr('extract', '--format', 'jsonl', '--quiet', dir);
      assert.equal(perLetter.code, 0, perLetter.err);
      const counted = JSON.parse(imr('stats', '--format', 'json', '--quiet', dir).out);
      assert.equal(counted.sources, 3 * pdfs.length);
      assert.equal(counted.letters, pdfs.length);
      assert.equal(perLetter.out.trim().split('\n').length, counted.letters);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('each letter counted once: 301 files, 101 letters; totals equal the records', () => {
    assert.equal(stats.sources, 301);
    assert.equal(stats.letters, letters.length);
    assert.equal(stats.letters, 101);
    assert.equal(stats.items, items.length);
    const c = count(items);
    assert.deepEqual(stats.decisions, { Upheld: c.upheld, Overturned: c.overturned, none: c.items - c.upheld - c.overturned });
    assert.ok(c.overturned > 10 && c.upheld > 100, 'the fixture letters have both decisions');
  });

  test('by category, by drug class, by month and by specialty equal the counts from the records', () => {
    const check = (name: string, rows: Row[], key: (l: Rec, i: Rec['items'][number]) => string[] | null) => {
      const want = new Map<string, { items: Rec['items']; letters: Set<Rec> }>();
      for (const l of letters)
        for (const it of l.items)
          for (const k of key(l, it) ?? []) {
            const e = want.get(k) ?? { items: [], letters: new Set() };
            e.items.push(it);
            e.letters.add(l);
            want.set(k, e);
          }
      const got = rowsOf(rows);
      assert.equal(got.size, want.size, `${name}: rows ${[...got.keys()]} vs ${[...want.keys()]}`);
      for (const [k, e] of want) {
        const r = got.get(k);
        assert.ok(r, `${name}: no row ${k}`);
        const c = count(e.items);
        assert.deepEqual({ items: r.items, upheld: r.upheld, overturned: r.overturned, letters: r.letters }, { ...c, letters: e.letters.size }, `${name} ${k}`);
        assert.equal(r.overturnedRate, c.upheld + c.overturned ? Math.round((c.overturned / (c.upheld + c.overturned)) * 10000) / 10000 : null);
      }
    };
    check('byCategory', stats.byCategory, (_l, i) => [i.category]);
    check('byDrugClass', stats.byDrugClass, (_l, i) => (i.category === 'pharmaceuticals' ? [i.drugClass ?? '\uffff'] : null));
    check('byMonth', stats.byMonth, (l) => [l.dates.decision ? l.dates.decision.slice(0, 7) : '\uffff']);
    check('bySpecialty', stats.bySpecialty, (l) => (l.reviewer.specialties.length ? l.reviewer.specialties.map((s) => s.toLowerCase()) : ['\uffff']));
    check('byDaysToDecision (letters with both dates)', stats.byDaysToDecision.filter((r: Row) => r.key !== '\uffff'), (l) => {
      if (!l.dates.assigned || !l.dates.decision) return null;
      const d = (Date.parse(l.dates.decision) - Date.parse(l.dates.assigned)) / 86400000;
      return [d <= 3 ? '00-03' : d <= 7 ? '04-07' : d <= 14 ? '08-14' : d <= 21 ? '15-21' : d <= 30 ? '22-30' : d <= 45 ? '31-45' : d <= 60 ? '46-60' : '61+'];
    });
  });

  test('by guideline: every item is in at least one row, rows by size, "No guideline cited" last', () => {
    const rows: Row[] = stats.byGuideline;
    assert.ok(rows.reduce((n, r) => n + r.items, 0) >= items.length);
    assert.ok(rows.some((r) => /^MTUS Chronic Pain Medical Treatment Guidelines/.test(r.label)));
    assert.ok(rows.some((r) => /ODG/.test(r.label)));
    const named = rows.filter((r) => r.key !== '\uffff');
    for (let k = 1; k < named.length; k++) assert.ok(named[k - 1].items >= named[k].items);
    assert.equal(rows[rows.length - 1].label, 'No guideline cited');
  });

  test('days from assignment to decision: median and range from the records', () => {
    const days = letters
      .filter((l) => l.dates.assigned && l.dates.decision)
      .map((l) => (Date.parse(l.dates.decision!) - Date.parse(l.dates.assigned!)) / 86400000)
      .sort((a, b) => a - b);
    assert.equal(stats.daysToDecision.letters, days.length);
    assert.equal(stats.daysToDecision.min, days[0]);
    assert.equal(stats.daysToDecision.max, days[days.length - 1]);
    const mid = days.length >> 1;
    assert.equal(stats.daysToDecision.median, days.length % 2 ? days[mid] : (days[mid - 1] + days[mid]) / 2);
  });

  test('the same counts from the text files alone, the PDFs alone, and all three together', () => {
    const pdf = JSON.parse(imr('stats', '--format', 'json', '--quiet', ...ONE_THREAD, path.join(LETTERS, 'pdf')).out);
    assert.equal(pdf.letters, 100);
    assert.equal(pdf.sources, 100);
    assert.equal(textRun.code, 0, textRun.err);
    assert.equal(text.letters, 101);
    assert.equal(text.sources, 101 + fs.readdirSync(path.join(LETTERS, 'layout')).filter((f) => f.endsWith('.txt')).length);
    // The PDFs are the 100 letters without the 2013 excerpt, which exists only as text.
    const excerpt = records.find((r) => r.source.includes('2013_format0'))!;
    const e = count(excerpt.items);
    assert.deepEqual(pdf.decisions, { Upheld: text.decisions.Upheld - e.upheld, Overturned: text.decisions.Overturned - e.overturned, none: text.decisions.none - (e.items - e.upheld - e.overturned) });
    assert.deepEqual(stats.byCategory, text.byCategory);
    assert.deepEqual(stats.decisions, text.decisions);
  });

  test('every letter held as the text of every PDF tool and as its PDF counts once: every table equals the PDFs alone', () => {
    // The text each tool makes of the same PDF differs (line breaks, hyphens, spaces inside words):
    // pdftotext, pdftotext -layout and the tools of test/fixtures/tools (eight of them), each file
    // named apart from its PDF, and the PDF itself.
    const dir = tempDir('imr-stats-tools-');
    try {
      const tools = path.join(FIXTURES, 'tools');
      const toolDirs = fs.readdirSync(tools).filter((t) => fs.statSync(path.join(tools, t)).isDirectory());
      const textsOf = (f: string) => [path.join(LETTERS, f), path.join(LETTERS, 'layout', f), ...toolDirs.map((t) => path.join(tools, t, f))];
      let copies = 0;
      for (const pdf of fs.readdirSync(path.join(LETTERS, 'pdf'))) {
        fs.copyFileSync(path.join(LETTERS, 'pdf', pdf), path.join(dir, pdf));
        const name = fs.readdirSync(LETTERS).find((f) => f.endsWith(`_${pdf.replace(/\.pdf$/, '')}.txt`));
        assert.ok(name, `the text of ${pdf}`);
        textsOf(name).forEach((t, k) => {
          assert.ok(fs.existsSync(t), t);
          fs.copyFileSync(t, path.join(dir, `copy-${k}-${name}`));
          copies++;
        });
      }
      assert.ok(toolDirs.length >= 8, toolDirs.join(', '));
      assert.equal(copies, 100 * (2 + toolDirs.length), `${2 + toolDirs.length} texts of each of the 100 PDFs`);
      const pdfs = JSON.parse(imr('stats', '--format', 'json', '--quiet', ...ONE_THREAD, path.join(LETTERS, 'pdf')).out);
      const r = imr('stats', '--format', 'json', '--quiet', ...ONE_THREAD, dir);
      assert.equal(r.code, 0, r.err);
      const all = JSON.parse(r.out);
      assert.equal(all.sources, copies + 100);
      assert.equal(all.letters, 100);
      assert.deepEqual({ ...all, sources: pdfs.sources }, pdfs);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--format text: a line of totals and every table', () => {
    const r = imr('stats', '--quiet', ...ONE_THREAD, ...TEXTS);
    assert.equal(r.code, 0);
    assert.ok(text.sources > text.letters, 'letters held in several files');
    assert.match(r.out, new RegExp(`^${text.letters} letters \\(${text.sources} read; a letter held in several files counts once\\), ${text.items} disputed items: ${text.decisions.Upheld} upheld, ${text.decisions.Overturned} overturned`));
    for (const t of ['Decisions by request category', 'Drug requests by drug class', 'Decisions by guideline cited', 'Decisions by reviewer specialty', 'Decisions by decision month', 'Days from assignment to decision'])
      assert.ok(r.out.includes(t), t);
    assert.match(r.out, /\n {2}Physical therapy +\d+ +\d+ +\d+ +\d+ +\d+\.\d\n/);
  });

  test('--format text for one letter speaks of one letter', () => {
    const r = imr('stats', '--quiet', path.join(LETTERS, '2017_format1b_CM16-0238035.txt'));
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^1 letter, \d+ disputed items?: /);
    assert.match(r.out, /\nDays from assignment to decision \(1 letter\): median \d+/);
  });

  test('--format csv: one sheet, one row per bar, totals first; --bom for Excel', () => {
    const r = imr('stats', '--format', 'csv', '--bom', '--quiet', ...ONE_THREAD, ...TEXTS);
    assert.equal(r.code, 0);
    assert.ok(r.out.startsWith('\ufeff'));
    const rows: string[][] = parseCsv(r.out.slice(1));
    assert.deepEqual(rows[0], [...STATS_CSV_COLUMNS]);
    assert.deepEqual(rows[1].slice(0, 5), ['all', 'all', 'All items', String(text.letters), String(text.items)]);
    const cat = rows.filter((x) => x[0] === 'byCategory');
    assert.equal(cat.length, text.byCategory.length);
    const pt = cat.find((x) => x[1] === 'physical therapy')!;
    const want = text.byCategory.find((x: Row) => x.key === 'physical therapy');
    assert.deepEqual(pt.slice(3, 8).map(Number), [want.letters, want.items, want.upheld, want.overturned, want.noDecision]);
    assert.equal(Number(pt[8]), Math.round(want.overturnedRate * 1000) / 10);
  });

  test('usage errors: unknown format, --check, --force', () => {
    for (const args of [['--format', 'md'], ['--check'], ['--force'], ['--bom']]) {
      const r = imr('stats', ...args, LETTERS);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /^imr: /);
    }
  });

  test('a file that is not a letter is reported and the others are counted', () => {
    const dir = tempDir('imr-stats-');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'shopping list\n');
    fs.copyFileSync(path.join(LETTERS, fs.readdirSync(LETTERS).find((f) => f.includes('CM16-0221706'))!), path.join(dir, 'a.txt'));
    const r = imr('stats', '--format', 'json', dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /notes\.txt: not an IMR letter/);
    assert.equal(JSON.parse(r.out).letters, 1);
  });
});

describe('computeStats (pure)', () => {
  const file = fs.readdirSync(LETTERS).find((f) => f.includes('CM16-0221706'))!;
  const text = fs.readFileSync(path.join(LETTERS, file), 'utf8');
  const layout = fs.readFileSync(path.join(LETTERS, 'layout', file), 'utf8');
  const a = insightLetters(parseDocument(text), text, 'a.txt');
  const b = insightLetters(parseDocument(layout), layout, 'layout/a.txt');

  test('the same letter read twice counts once; the most complete copy is counted', () => {
    const s = computeStats([...a, ...b]);
    assert.equal(s.sources, 2);
    assert.equal(s.letters, 1);
    assert.equal(s.items, a[0].items.length);
  });

  test('two letters that differ in their decisions are two letters', () => {
    const other: InsightLetter = { ...a[0], source: 'b.txt', items: a[0].items.map((i) => ({ ...i, decision: i.decision === 'Upheld' ? 'Overturned' : 'Upheld' })) };
    const flipped = { ...other, identity: identityOf({ ...parseDocument(text)[0], items: parseDocument(text)[0].items.map((i) => ({ ...i, decision: i.decision === 'Upheld' ? 'Overturned' : 'Upheld' })) } as never) };
    const s = computeStats([...a, flipped]);
    assert.equal(s.letters, 2);
    assert.equal(s.decisions.Upheld + s.decisions.Overturned, 2 * a[0].items.length);
  });

  test('rates, empty input, an item with no decision, and item lists for each row', () => {
    assert.deepEqual(computeStats([]).decisions, { Upheld: 0, Overturned: 0, none: 0 });
    assert.equal(computeStats([]).overturnedRate, null);
    const item = (category: string, decision: 'Upheld' | 'Overturned' | null, line: number) => ({ index: line, request: category, decision, category, drug: null, drugClass: null, bodyPart: null, guidelines: [], line });
    const base = a[0];
    const l: InsightLetter = { ...base, assignedDate: '2017-01-01', decisionDate: '2017-01-20', items: [item('acupuncture', 'Upheld', 1), item('acupuncture', 'Overturned', 2), item('acupuncture', null, 3), item('surgery', 'Overturned', 4)] };
    const s = computeStats([l], { withItems: true });
    const acu = s.byCategory.find((r) => r.key === 'acupuncture')!;
    assert.deepEqual([acu.items, acu.upheld, acu.overturned, acu.noDecision, acu.overturnedRate, acu.letters], [3, 1, 1, 1, 0.5, 1]);
    assert.deepEqual(acu.refs!.map((k) => s.itemList![k].line), [1, 2, 3]);
    assert.equal(s.byCategory[0].key, 'acupuncture', 'largest row first');
    assert.deepEqual(s.byDaysToDecision.map((r) => [r.key, r.items]), [['15-21', 4]]);
    assert.equal(s.daysToDecision.median, 19);
    assert.equal(s.byGuideline[0].label, 'No guideline cited');
  });

  test('statsCsv quotes labels with commas', () => {
    const s = computeStats([...a]);
    const rows: string[][] = parseCsv(statsCsv(s));
    const g = rows.filter((r) => r[0] === 'byGuideline');
    assert.ok(g.length > 0);
    for (const r of rows) assert.equal(r.length, STATS_CSV_COLUMNS.length);
  });
});

describe('the Letters view groups by request category', () => {
  test('the same categories as the statistics, each item once', () => {
    const lib = new Library();
    const files = fs.readdirSync(LETTERS).filter((f) => f.endsWith('.txt'));
    const facts: InsightLetter[] = [];
    for (const f of files) {
      const text = fs.readFileSync(path.join(LETTERS, f), 'utf8');
      const letters = parseDocument(text);
      lib.set({ path: f, letters: libraryLetters(letters, text) });
      facts.push(...insightLetters(letters, text, f));
    }
    assert.ok(GROUPERS.some((g) => g.id === 'category' && g.label === 'Request category'));
    const groups = lib.groups('category');
    const stats = computeStats(facts);
    assert.deepEqual(
      groups.map((g) => [g.label, g.items, g.overturned]).sort(),
      stats.byCategory.map((r) => [r.label, r.items, r.overturned]).sort(),
    );
  });
});
