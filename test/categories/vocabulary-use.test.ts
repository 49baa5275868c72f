/**
 * The request vocabulary where users meet it: the hover on an item heading (core and through the
 * language server with the imr.vocabularyFile setting), the CLI's records and CSV columns, and
 * `imr extract --vocabulary FILE` on worker threads.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse as parseCsv } from 'csv-parse/sync';
import { Hover, HoverRequest, MarkupContent, ShowMessageNotification } from 'vscode-languageserver-protocol/node';
import { bundledVocabulary, hoverAt, mergeVocabulary, parseLetter, validateVocabulary } from '../../server/src/core';
import { DIST, FIXTURES } from '../paths';
import { DEFAULT_CAPABILITIES, startServer, TestServer } from '../protocol/client';
import { tempDir } from '../temp';

const chiro = path.join(FIXTURES, 'letters', '2017_format1b_CM16-0231745.txt');
const chiroText = fs.readFileSync(chiro, 'utf8');
const scratch = tempDir('imr-vocab-');
const userFile = path.join(scratch, 'mine.imr-vocabulary.json');
fs.writeFileSync(userFile, JSON.stringify({ schemaVersion: 1, version: 'mine', categories: [{ id: 'physical therapy', terms: ['ultrasound'] }] }));

function positionOf(text: string, needle: string, delta = 0) {
  const i = text.indexOf(needle) + delta;
  const before = text.slice(0, i).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function imr(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('hover on an item heading', () => {
  const letter = parseLetter(chiroText);
  const ultrasound = letter.items.find((it) => it.request.startsWith('Ultrasound'))!;

  test('says the category, the words that decided it and the quantity; the decision word keeps its own hover', () => {
    const h = hoverAt(letter, chiroText, ultrasound.requestSpan.start + 2, undefined, { markdown: true })!;
    assert.match(h.contents, /\*\*Item 4: Ultrasound 1 times 8\*\*/);
    assert.match(h.contents, /Category:\*\* Diagnostic imaging \(by the words "ultrasound"\)/);
    assert.match(h.contents, /Quantity:\*\* 8 visits \(1x8\)/);
    assert.deepEqual(h.span, ultrasound.requestSpan);
    const d = hoverAt(letter, chiroText, ultrasound.decisionText!.span.start + 1)!;
    assert.match(d.contents, /^\*\*Upheld/);
  });

  test("uses the user's vocabulary when given one", () => {
    const v = validateVocabulary(JSON.parse(fs.readFileSync(userFile, 'utf8')));
    const mine = mergeVocabulary(bundledVocabulary(), v.file!);
    const h = hoverAt(letter, chiroText, ultrasound.requestSpan.start + 2, undefined, { markdown: false, vocabulary: mine })!;
    assert.match(h.contents, /Category: Physical therapy \(by the words "ultrasound"\)/);
  });
});

describe('the imr.vocabularyFile setting in the language server', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer(DEFAULT_CAPABILITIES, { settings: { vocabularyFile: userFile } });
  });
  after(async () => {
    await server.stop();
  });

  test('the hover reads the user vocabulary', async () => {
    const uri = await server.open(chiro);
    const h = (await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(chiroText, 'Ultrasound 1 times 8', 2) })) as Hover;
    assert.match((h.contents as MarkupContent).value, /Physical therapy \(by the words "ultrasound"\)/);
  });

  test('a broken vocabulary file is reported once and the bundled vocabulary still answers', async () => {
    const broken = path.join(scratch, 'broken.json');
    fs.writeFileSync(broken, '{ "schemaVersion": 1, "drugs": [ { "generic": 7 } ] }');
    const s2 = await startServer(DEFAULT_CAPABILITIES, { settings: { vocabularyFile: broken } });
    try {
      const messages: string[] = [];
      s2.connection.onNotification(ShowMessageNotification.type, (m) => {
        messages.push(m.message);
      });
      const uri = await s2.open(chiro);
      const position = positionOf(chiroText, 'Ultrasound 1 times 8', 2);
      const h1 = (await s2.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position })) as Hover;
      await s2.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
      assert.match((h1.contents as MarkupContent).value, /Diagnostic imaging/);
      assert.equal(messages.filter((m) => m.includes('broken.json')).length, 1, messages.join('\n'));
      assert.match(messages[0], /drugs\[0\]/);
    } finally {
      await s2.stop();
    }
  });
});

describe('imr extract: categories in records and CSV, --vocabulary', () => {
  test('JSON records and CSV columns carry category, drug, drug class, body part and quantity', () => {
    const drugs = path.join(FIXTURES, 'letters', '2017_format1b_CM17-0013716.txt');
    const rec = JSON.parse(imr('extract', '--format', 'json', drugs).out);
    assert.deepEqual(
      rec.items.map((i: Record<string, unknown>) => [i.category, i.drug, i.drugClass]),
      [
        ['pharmaceuticals', 'naproxen', 'NSAID'],
        ['pharmaceuticals', 'pantoprazole', 'proton pump inhibitor'],
        ['pharmaceuticals', 'dextromethorphan/amitriptyline/lidocaine/capsaicin', 'topical/compound'],
        ['pharmaceuticals', 'flurbiprofen/dextromethorphan/lidocaine', 'topical/compound'],
      ],
    );
    assert.deepEqual(rec.items[0].quantity, { count: 60, unit: null, schedule: null, text: '#60' });
    const csv = parseCsv(imr('extract', '--format', 'csv', chiro).out, { columns: true }) as Record<string, string>[];
    // CSV heads its columns in plain English (JSON keeps the schema's names).
    assert.deepEqual(csv.map((r) => [r['Request category'], r.Quantity]), [
      ['evaluation and management', '16 visits (2x8)'],
      ['chiropractic', '8 visits (1x8)'],
      ['physical therapy', '8 visits (1x8)'],
      ['diagnostic imaging', '8 visits (1x8)'],
      ['evaluation and management', ''],
    ]);
  });

  test('--vocabulary applies on worker threads too, and a missing or broken file is said', () => {
    // Enough files for the worker pool (48 or more): the corpus letters as text (their PDFs would
    // only add reading time).
    const dir = path.join(FIXTURES, 'letters');
    const texts = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => path.join(dir, f));
    assert.ok(texts.length >= 48);
    const plain = imr('extract', '--format', 'jsonl', '--every-file', '--jobs', '2', '--quiet', ...texts);
    const mine = imr('extract', '--format', 'jsonl', '--every-file', '--jobs', '2', '--quiet', '--vocabulary', userFile, ...texts);
    assert.equal(mine.code, 0, mine.err);
    const cat = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l)).flatMap((r: { items: { request: string; category: string }[] }) => r.items.filter((i) => /^ultrasound\b/i.test(i.request)).map((i) => i.category));
    assert.ok(cat(plain.out).length >= 1, 'an ultrasound item among the letters');
    assert.ok(cat(plain.out).every((c) => c === 'diagnostic imaging'));
    assert.equal(cat(mine.out).length, cat(plain.out).length, 'the same ultrasound items with the vocabulary');
    assert.ok(cat(mine.out).every((c) => c === 'physical therapy'), cat(mine.out).join());
    const missing = imr('extract', '--vocabulary', path.join(scratch, 'nope.json'), chiro);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /nope\.json: no such file/);
    const broken = path.join(scratch, 'broken-cli.json');
    fs.writeFileSync(broken, '{ "schemaVersion": 1, "categories": [ { "id": "x", "terms": [5] } ] }');
    const b = imr('extract', '--format', 'json', '--vocabulary', broken, chiro);
    assert.equal(b.code, 0);
    assert.match(b.err, /vocabulary .*broken-cli\.json: categories\[0\]\.terms\[0\]/);
  });
});
