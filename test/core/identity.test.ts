/**
 * "Which letter is this": every corpus letter, read from its pdftotext text, its -layout text, its
 * PDF (our reader) and from text reshaped the way other tools shape it, has one identity key; the
 * 100 letters in their 300 files group into 100 letters, with the source chosen and named; and a
 * missing field never merges two different letters.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { Letter, LetterRecord, letterRecord, parseDocument, parseLetter } from '../../server/src/core';
import {
  groupLetters, identityOf, LetterIdentity, LetterSource, reduce, reducedHash, sameLetter, similarity, sourceKindOf,
} from '../../server/src/core/library';
import { extractPdfText } from '../../server/src/pdf';
import { loadLetters, loadSeeds } from './manifest';

const letters = loadLetters();
const withPdf = letters.filter((l) => l.pdf !== null);

function source(file: string, letter: Letter, letterInFile?: number): LetterSource {
  return { path: file, letterInFile, kind: sourceKindOf(file, letter.layout), identity: identityOf(letter) };
}

/** Text as other extraction tools shape it (see the parser notes): CRLF line ends, `?` for an
 *  apostrophe, `Â§` mojibake, ligatures and non-breaking spaces. (Soft hyphens inside headings are
 *  the parser's business; `reduce` is tested on them below.) */
function reshaped(text: string): string {
  return text
    .replace(/\u2019/g, '?')
    .replace(/'/g, '?')
    .replace(/§/g, 'Â§')
    .replace(/fi/g, '\uFB01')
    .replace(/ment /g, 'ment\u00A0')
    .replace(/\n/g, '\r\n');
}

const pdfTexts = new Map<string, string>();
async function pdfText(pdf: string): Promise<string> {
  let t = pdfTexts.get(pdf);
  if (t === undefined) {
    const r = await extractPdfText(fs.readFileSync(pdf));
    assert.ok(r.ok, `PDF read: ${pdf}`);
    t = r.text;
    pdfTexts.set(pdf, t);
  }
  return t;
}

describe('letter identity across text tools', () => {
  test('the corpus has 100 letters with a PDF, and text in both pdftotext modes', () => {
    assert.equal(withPdf.length, 100);
    for (const l of withPdf) assert.equal(l.texts.length, 2, l.file);
  });

  test('every letter has one complete key from its text, its -layout text, its PDF and reshaped text', async () => {
    const keys = new Set<string>();
    for (const l of withPdf) {
      const [txt, layout] = l.texts.map((f) => fs.readFileSync(f, 'utf8'));
      const fromText = identityOf(parseLetter(txt));
      assert.ok(fromText.complete, `${l.file}: case number, decision date and items read`);
      assert.equal(fromText.caseNumberText, l.caseNumber);
      const others: [string, LetterIdentity][] = [
        ['-layout', identityOf(parseLetter(layout))],
        ['PDF', identityOf(parseLetter(await pdfText(l.pdf as string)))],
        ['reshaped', identityOf(parseLetter(reshaped(txt)))],
      ];
      for (const [what, id] of others) assert.equal(id.key, fromText.key, `${l.file}: ${what} key`);
      assert.ok(!keys.has(fromText.key), `${l.file}: key shared with another letter`);
      keys.add(fromText.key);
    }
  });

  test('the key from an extraction record equals the key from the letter', () => {
    for (const l of withPdf.slice(0, 20)) {
      const text = fs.readFileSync(l.texts[0], 'utf8');
      const letter = parseLetter(text);
      assert.equal(identityOf(letterRecord(letter, text, l.file)).key, identityOf(letter).key);
    }
  });

  test('the folder (text, -layout text, PDF of each letter) groups into one entry per letter', async () => {
    const sources: LetterSource[] = [];
    for (const l of withPdf) {
      for (const f of l.texts) sources.push(source(f, parseLetter(fs.readFileSync(f, 'utf8'))));
      sources.push(source(l.pdf as string, parseLetter(await pdfText(l.pdf as string))));
    }
    for (const s of [...loadSeeds(), ...letters.filter((l) => l.pdf === null)]) {
      sources.push(source(s.texts[0], parseLetter(fs.readFileSync(s.texts[0], 'utf8'))));
    }
    assert.equal(sources.length, 300 + 5 + 1);
    const groups = groupLetters(sources);
    assert.equal(groups.length, 100 + 5 + 1, 'one group per letter');
    for (const g of groups) {
      const cases = new Set(g.sources.map((s) => s.identity.caseNumber));
      assert.equal(cases.size, 1, `one case number per group: ${[...cases].join(', ')}`);
      if (g.sources.length === 1) {
        assert.match(g.reason, /^the only source/);
        continue;
      }
      assert.equal(g.sources.length, 3, `${g.chosen.path}: text, -layout text and PDF`);
      assert.deepEqual(g.sources.map((s) => s.kind).sort(), ['layout', 'pdf', 'text']);
      // All three read completely: the plain text wins the tie, and the reason says so.
      assert.equal(g.chosen.kind, 'text', g.chosen.path);
      assert.ok(!g.chosen.path.includes(`${path.sep}layout${path.sep}`), g.chosen.path);
      assert.match(g.reason, /text is preferred to -layout text|most complete/);
    }
    // The order of the input does not change the groups.
    const again = groupLetters([...sources].reverse());
    const norm = (gs: typeof groups) => gs.map((g) => g.sources.map((s) => s.path).sort().join('\n')).sort();
    assert.deepEqual(norm(again), norm(groups));
  });

  test('a merged case file: each letter in it is its own source and joins its other copies', () => {
    const a = withPdf[0];
    const b = withPdf[1];
    const merged = fs.readFileSync(a.texts[0], 'utf8') + '\f' + fs.readFileSync(b.texts[0], 'utf8');
    const parsed = parseDocument(merged);
    assert.equal(parsed.length, 2);
    const sources = [
      ...parsed.map((l, i) => source('merged.txt', l, i + 1)),
      source(a.texts[1], parseLetter(fs.readFileSync(a.texts[1], 'utf8'))),
      source(b.texts[1], parseLetter(fs.readFileSync(b.texts[1], 'utf8'))),
    ];
    const groups = groupLetters(sources);
    assert.equal(groups.length, 2);
    for (const g of groups) assert.deepEqual(g.sources.map((s) => s.kind).sort(), ['layout', 'text']);
  });
});

// ------------------------------------------------------------------------------------------ missing fields

function record(text: string, file: string): LetterRecord {
  return letterRecord(parseLetter(text), text, file);
}

function mutate(r: LetterRecord, f: (r: LetterRecord) => void): LetterRecord {
  const copy = JSON.parse(JSON.stringify(r)) as LetterRecord;
  f(copy);
  return copy;
}

describe('letter identity with a field missing', () => {
  const a = record(fs.readFileSync(withPdf[2].texts[0], 'utf8'), 'a.txt');
  const aLayout = record(fs.readFileSync(withPdf[2].texts[1], 'utf8'), 'a-layout.txt');
  const multi = withPdf.find((l) => l.items.length >= 3);
  assert.ok(multi);
  const m = record(fs.readFileSync(multi.texts[0], 'utf8'), 'm.txt');

  test('no case number: the same letter when items and rationales are the same', () => {
    const noCase = mutate(aLayout, (r) => (r.caseNumber = null));
    assert.equal(sameLetter(identityOf(a), identityOf(noCase)).same, true);
    const groups = groupLetters([
      { path: 'a.txt', kind: 'text', identity: identityOf(a) },
      { path: 'b.txt', kind: 'text', identity: identityOf(noCase) },
    ]);
    assert.equal(groups.length, 1);
    assert.equal(groups[0].chosen.path, 'a.txt', 'the source with the case number is the more complete');
    assert.match(groups[0].reason, /most complete/);
  });

  test('no decision date: the same letter when case number and items agree', () => {
    const noDate = mutate(aLayout, (r) => (r.dates.decision = null));
    const match = sameLetter(identityOf(a), identityOf(noDate));
    assert.equal(match.same, true, match.reason);
  });

  test('a cut-off copy (fewer items, same case and date) is the same letter; the full one is chosen', () => {
    const cut = mutate(m, (r) => r.items.splice(1));
    const groups = groupLetters([
      { path: 'cut.txt', kind: 'text', identity: identityOf(cut) },
      { path: 'full.pdf', kind: 'pdf', identity: identityOf(m) },
    ]);
    assert.equal(groups.length, 1);
    assert.equal(groups[0].chosen.path, 'full.pdf');
  });

  test('never merged: different case numbers, dates, items or decisions', () => {
    const cases: [string, LetterRecord][] = [
      ['other case number', mutate(a, (r) => (r.caseNumber = 'CM17-0000001'))],
      ['other decision date', mutate(a, (r) => (r.dates.decision = '2001-01-01'))],
      ['other injury date', mutate(a, (r) => (r.dates.injury = '2001-01-01'))],
      ['other decision', mutate(a, (r) => (r.items[0].decision = r.items[0].decision === 'Upheld' ? 'Overturned' : 'Upheld'))],
      ['other quantity', mutate(m, (r) => (r.items[0].request = r.items[0].request.replace(/\d+/, (d) => String(Number(d) + 7)) + ' 12'))],
    ];
    for (const [what, other] of cases) {
      const base = what === 'other quantity' ? m : a;
      assert.equal(sameLetter(identityOf(base), identityOf(other)).same, false, what);
      assert.equal(groupLetters([
        { path: '1', kind: 'text', identity: identityOf(base) },
        { path: '2', kind: 'text', identity: identityOf(other) },
      ]).length, 2, what);
    }
  });

  test('never merged: no case number and the same items, but another rationale (another patient, same request)', () => {
    const other = mutate(a, (r) => {
      r.caseNumber = null;
      r.items[0].rationale = `${r.items[0].rationale} The patient has no documented functional improvement.`;
    });
    assert.equal(sameLetter(identityOf(a), identityOf(other)).same, false);
  });

  test('never merged: nothing read but the items', () => {
    const bare = (r: LetterRecord) => mutate(r, (x) => {
      x.caseNumber = null;
      x.dates = { assigned: null, decision: null, injury: null, urDenial: null, applicationReceived: null };
    });
    const x = bare(a);
    const y = mutate(bare(a), (r) => (r.items[0].rationale = null));
    assert.equal(sameLetter(identityOf(x), identityOf(y)).same, false, 'items alone are not enough');
  });

  test('a source that matches two different letters stays on its own', () => {
    const one = mutate(a, (r) => (r.caseNumber = 'CM17-0000001'));
    const two = mutate(a, (r) => (r.caseNumber = 'CM17-0000002'));
    const ambiguous = mutate(a, (r) => (r.caseNumber = null));
    const groups = groupLetters([
      { path: 'one', kind: 'text', identity: identityOf(one) },
      { path: 'two', kind: 'text', identity: identityOf(two) },
      { path: 'ambiguous', kind: 'text', identity: identityOf(ambiguous) },
    ]);
    assert.equal(groups.length, 3);
  });

  test('nothing read at all: every such source is its own letter', () => {
    const empty = identityOf(parseLetter('not a letter'));
    assert.equal(empty.complete, false);
    assert.equal(groupLetters([
      { path: 'x', kind: 'text', identity: empty },
      { path: 'y', kind: 'text', identity: empty },
    ]).length, 2);
  });

  test('case numbers compare without punctuation or spaces', () => {
    const spaced = mutate(a, (r) => (r.caseNumber = (r.caseNumber as string).replace('-', ' \u2013')));
    assert.equal(identityOf(spaced).key, identityOf(a).key);
  });

  test('requests reduce to the same text whatever the tool did to spacing, hyphens, ligatures and mojibake', () => {
    const base = reduce('Physical therapy 2x6 for the lumbar spine (§9792.24.2), patient\'s request');
    for (const variant of [
      'Physical ther-\napy 2x6 for the lum bar spine (Â§9792.24.2), patient?s request',
      'Physical thera\u00ADpy 2x6 for the lumbar spine (\u00A79792.24.2), patient\u2019s request',
      'PHYSICAL THERAPY 2X6 FOR THE LUMBAR SPINE (9792.24.2), PATIENTS REQUEST',
      'Physical therapy\u00A02x6 for the lumbar spine (§9792.24.2), patient\u00E2\u0080\u0099s request',
    ]) {
      assert.equal(reduce(variant), base, variant);
    }
    assert.equal(reduce('Lido\uFB01lm 5% patch'), reduce('Lidofilm 5% patch'), 'ligature');
    for (const v of ['Physical ther-\napy 2x6 (Â§9792)', 'PHYSICAL THERAPY 2X6 (§9792)', 'physical therapy 2x6 9792']) {
      assert.equal(reducedHash(v), reducedHash('physicaltherapy2x69792'), v);
    }
    assert.notEqual(reduce('Physical therapy 2x8 for the lumbar spine'), reduce('Physical therapy 2x6 for the lumbar spine'));
  });

  test('similarity: identical 1, unrelated near 0, one letter changed in a long request still close', () => {
    assert.equal(similarity('norco10325mg60', 'norco10325mg60'), 1);
    assert.ok(similarity('norco10325mg60', 'physicaltherapy') < 0.2);
    assert.ok(similarity('chiropracticspinalmanipulationtimes6', 'chiropracticspinalmanipulatiomtimes6') >= 0.9);
  });
});
