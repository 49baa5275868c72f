/**
 * The pure letter library: fuzzy matching, reference keys, request features, closing sentences,
 * and the `Library` over the corpus (pdftotext and -layout text of every letter, and the seeds).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as v8 from 'v8';
import * as vm from 'vm';
import {
  bundledKnowledge, charMask, Citation, closingSentence, diagnose, LineIndex, firstCharBit, wordStartMask, findCitations, fuzzyScore, Library, libraryLetters, locatorKeys, citationKeys, parseDocument,
  parseLetter, prepareQuery, requestFeatures,
} from '../../server/src/core';
import { loadLetters, loadSeeds } from './manifest';

const letters = loadLetters().filter((l) => l.pdf !== null);
const seeds = loadSeeds();

describe('fuzzy matching', () => {
  const score = (q: string, name: string) => fuzzyScore(prepareQuery(q), name);

  test('a prefix beats a word start, which beats a scattered match; a shorter name wins a tie', () => {
    const prefix = score('norco', 'Norco 10/325mg #60');
    const word = score('norco', 'Refill of Norco 10/325mg');
    const scattered = score('norco', 'NORthern COunty physical therapy');
    assert.ok(prefix > word && word > scattered && scattered > 0, `${prefix} ${word} ${scattered}`);
    assert.ok(score('norco', 'Norco #60') > score('norco', 'Norco 10/325mg #60 for the lumbar spine'));
  });

  test('the first character starts a word; each other follows the one before or starts a word', () => {
    assert.equal(score('orco', 'Norco'), 0, 'not from the middle of a word');
    assert.equal(score('norco', 'Wound care nurse, to treat the right hip incision and demonstrate'), 0);
    assert.ok(score('phth', 'Physical therapy') > 0);
    assert.ok(score('mri', 'Magnetic resonance imaging') > 0);
    assert.ok(score('cm160239', 'CM16-0239569') > 0, 'case numbers, punctuation skipped');
    assert.ok(score('0239569', 'CM16-0239569') > 0, 'digits after letters start a word');
  });

  test('the masks that skip names before scoring never skip a name that matches', () => {
    const names = [...letters.flatMap((l) => l.items.map((i) => i.request)), ...letters.map((l) => l.caseNumber ?? ''), 'NorcoTablets', 'İbuprofen'];
    const queries = ['norco', 'n', 'm', 'ph', 'phth', 'mri', 'pt', 'cm16', '0239', 'CM18-00', 'physical therapy', 'tens unit', '#', 'i', 'x9'];
    let matches = 0;
    for (const name of names) {
      const lower = name.toLowerCase();
      for (const raw of queries) {
        const q = prepareQuery(raw);
        if (fuzzyScore(q, name, lower) === 0) continue;
        matches++;
        const mask = charMask(q);
        assert.equal(charMask(lower) & mask, mask, `${raw} in ${name}`);
        assert.equal(wordStartMask(name, lower) & firstCharBit(q), firstCharBit(q), `${raw} starts a word of ${name}`);
      }
    }
    assert.ok(matches > 200, `${matches}`);
    // And they do skip: "norco" cannot match "Physical therapy".
    assert.notEqual(charMask('physical therapy') & charMask('norco'), charMask('norco'));
    assert.equal(wordStartMask('Physical therapy') & firstCharBit('h'), 0);
  });

  test('case and spaces in the query are ignored; an empty query matches everything', () => {
    assert.equal(score('NORCO', 'norco'), score('norco', 'Norco'));
    assert.ok(score('physical therapy', 'Physical therapy 2x6') > 0);
    assert.equal(score('', 'anything'), 1);
    assert.equal(score('longer than the name', 'short'), 0);
  });
});

describe('reference keys', () => {
  const cite = (text: string): Citation[] => findCitations(parseLetter(text), text, bundledKnowledge());
  const corpus = letters.map((l) => fs.readFileSync(l.texts[0], 'utf8'));

  test('a page range gives one key per page; the same page in two eras is two keys', () => {
    const text = fs.readFileSync(seeds[0].texts[0], 'utf8');
    const page = cite(text).find((c) => c.kind === 'page')!;
    const keys = locatorKeys(page, page.locators[0]);
    assert.deepEqual(keys, ['mtus-cpmtg|2009|p:23']);
    const range = { ...page, locators: [{ ...page.locators[0], from: 98, to: 99 }] } as Citation;
    assert.deepEqual(citationKeys(range), ['mtus-cpmtg|2009|p:98', 'mtus-cpmtg|2009|p:99']);
  });

  test('ACOEM 2004 sections carry their chapter: "Special Studies" of Low Back is not that of Shoulder', () => {
    const keys = new Set<string>();
    for (const text of corpus) for (const c of cite(text)) for (const l of c.locators) if (/^special studies$/i.test(l.text)) for (const k of locatorKeys(c, l)) keys.add(k);
    assert.ok(keys.size >= 2, [...keys].join(', '));
    for (const k of keys) assert.match(k, /^mtus-acoem\|2004\|s:\d+\/specialstudies$/);
  });

  test('the same section reads to the same key from pdftotext and -layout text of every letter', () => {
    for (const l of letters) {
      const [a, b] = l.texts.map((f) => fs.readFileSync(f, 'utf8'));
      const keysOf = (t: string) => cite(t).flatMap((c) => citationKeys(c)).sort();
      assert.deepEqual(keysOf(b), keysOf(a), l.file);
    }
  });
});

describe('request features and closing sentences', () => {
  test('quantities, doses, laterality and filler words are left out; plurals folded', () => {
    assert.deepEqual(requestFeatures('Norco 10/325mg #60'), ['norco']);
    assert.deepEqual(requestFeatures('Norco 10/325 #90, one tablet twice daily'), ['norco']);
    assert.deepEqual(requestFeatures('Right knee MRI').sort(), requestFeatures('MRI of the left knee').sort());
    assert.deepEqual(requestFeatures('Physical therapy 2x6 for the lumbar spine'), ['physical', 'therapy', 'lumbar', 'spine']);
    assert.deepEqual(requestFeatures('12 acupuncture sessions for the cervical spine'), ['acupuncture', 'cervical', 'spine']);
    assert.deepEqual(requestFeatures('Lidoderm patches'), ['lidoderm', 'patch']);
    assert.deepEqual(requestFeatures('Lumbar epidural steroid injections'), requestFeatures('lumbar epidural steroid injection'));
  });

  test('the closing sentence of a rationale', () => {
    assert.equal(closingSentence('The guidelines recommend a trial. Dr. Smith noted no change. Therefore, the request is not medically necessary.'), 'Therefore, the request is not medically necessary.');
    assert.equal(closingSentence('As such, the request for Norco 10/325 mg #60 is medically necessary.'), 'As such, the request for Norco 10/325 mg #60 is medically necessary.');
    assert.equal(closingSentence('Seen by Dr. Jones. The request is not supported.'), 'The request is not supported.');
    assert.equal(closingSentence('   '), null);
    const long = `${'word '.repeat(500)}end.`;
    assert.ok(closingSentence(long)!.length <= 400);
  });

  test('every corpus rationale has a closing sentence that ends it', () => {
    for (const l of letters) {
      const text = fs.readFileSync(l.texts[0], 'utf8');
      for (const it of parseLetter(text).items) {
        if (!it.rationale) continue;
        const c = closingSentence(it.rationale.text)!;
        assert.ok(c && it.rationale.text.trim().endsWith(c.replace(/…$/, '').slice(-20)), `${l.file}: ${c}`);
        assert.match(c, /^[A-Z0-9"(]/, `${l.file}: starts a sentence: ${c}`);
      }
    }
  });
});

describe('the library over the corpus', () => {
  const lib = new Library();
  const files: { path: string; text: string }[] = [];
  for (const l of letters) for (const f of l.texts) files.push({ path: f, text: fs.readFileSync(f, 'utf8') });
  for (const s of seeds) files.push({ path: s.texts[0], text: fs.readFileSync(s.texts[0], 'utf8') });
  for (const f of files) lib.set({ path: f.path, letters: libraryLetters(parseDocument(f.text), f.text) });

  test('one entry per letter, the pdftotext text used, the -layout copy listed', () => {
    assert.deepEqual(lib.stats(), {
      files: 205,
      letters: 105,
      sources: 205,
      items: [...letters, ...seeds].reduce((n, l) => n + l.items.length, 0),
    });
    for (const l of letters) {
      const e = lib.entryOf(l.texts[1])!;
      assert.equal(e.chosen.path, l.texts[0]);
      assert.deepEqual(e.sources.map((s) => s.path), l.texts);
      assert.equal(lib.entryOf(l.texts[0]), e);
    }
  });

  test('references by key: every citing letter once, from the file asked about when it holds the letter', () => {
    const key = 'mtus-cpmtg|2016|s:physicalmedicinetreatment';
    const expected = files.filter((f) => letters.some((l) => l.texts[0] === f.path)).flatMap((f) =>
      findCitations(parseLetter(f.text), f.text, bundledKnowledge()).flatMap((c) => c.locators.filter((l) => locatorKeys(c, l).includes(key)).map(() => f.path)),
    );
    assert.ok(expected.length > 5);
    const refs = lib.references([key]);
    assert.deepEqual(refs.map((r) => r.path).sort(), expected.sort());
    const layout = letters.find((l) => l.texts[0] === expected[0])!.texts[1];
    const preferred = lib.references([key], layout);
    assert.equal(preferred.length, refs.length);
    assert.ok(preferred.some((r) => r.path === layout) && !preferred.some((r) => r.path === expected[0]));
    // A guideline key finds every citation of that guideline and edition.
    assert.ok(lib.references(['mtus-cpmtg|2016']).length > refs.length);
  });

  test('symbols: items by request with decision and case in the container, letters by case number', () => {
    const l = letters.find((x) => x.items.length >= 3)!;
    const hits = lib.symbols(l.items[1].request);
    const hit = hits.find((h) => h.container.includes(l.caseNumber!))!;
    assert.equal(hit.kind, 'item');
    assert.equal(hit.container, `${l.items[1].decision} · ${l.caseNumber} · ${lib.entryOf(l.texts[0])!.chosen.letter.decisionDate}`);
    assert.equal(lib.symbols(l.caseNumber!)[0].kind, 'letter');
    assert.equal(lib.symbols('', 10).length, 10);
  });

  test('similar: own letter left out, Overturned first, quantities ignored', () => {
    const entry = lib.entries().find((e) => e.chosen.letter.items.some((i) => i.features.includes('acupuncture')))!;
    const item = entry.chosen.letter.items.find((i) => i.features.includes('acupuncture'))!;
    const hits = lib.similar(item, 50, { path: entry.chosen.path });
    assert.ok(hits.length > 0);
    assert.ok(hits.every((h) => h.path !== entry.chosen.path && !entry.sources.some((s) => s.path === h.path)));
    assert.ok(hits.every((h) => h.sharedWords.includes('acupuncture')));
    const d = hits.map((h) => h.decision);
    assert.deepEqual(d, [...d].sort((a, b) => (a === 'Overturned' ? 0 : 1) - (b === 'Overturned' ? 0 : 1)));
  });

  test('groups: every item counted once by decision; a filter keeps matching items only', () => {
    const g = lib.groups('decision');
    assert.equal(g.reduce((n, x) => n + x.items, 0), lib.stats().items);
    const overturned = lib.group('decision', g.find((x) => x.label === 'Overturned')!.key);
    assert.ok(overturned.letters.every((l) => l.items.every((i) => i.decision === 'Overturned')));
    const filtered = lib.groups('case', 'acupuncture');
    assert.ok(filtered.length > 0 && filtered.every((x) => x.items > 0));
    assert.ok(lib.groups('month')[0].label.match(/^[A-Z][a-z]+ \d{4}$/));
  });

  test('a file replaced or deleted is current at the next question', () => {
    const l = letters[0];
    const before = lib.stats();
    lib.delete(l.texts[0]);
    assert.equal(lib.entryOf(l.texts[1])!.chosen.path, l.texts[1], 'the -layout copy is used now');
    assert.equal(lib.stats().letters, before.letters);
    lib.delete(l.texts[1]);
    assert.equal(lib.stats().letters, before.letters - 1);
    const text = fs.readFileSync(l.texts[0], 'utf8');
    lib.set({ path: l.texts[0], letters: libraryLetters(parseDocument(text), text) });
    lib.set({ path: l.texts[1], letters: libraryLetters(parseDocument(fs.readFileSync(l.texts[1], 'utf8')), fs.readFileSync(l.texts[1], 'utf8')) });
    assert.deepEqual(lib.stats(), before);
  });
});

describe('the library after changes equals the library built again', () => {
  // Files of the corpus (text and -layout text of each letter, the seeds), and copies of some with
  // the case number or the decision date taken out, so that letters are matched by items, by
  // rationales and by decision date too, and copies under another case number (other letters).
  const texts: { path: string; text: string }[] = [];
  for (const l of letters.slice(0, 40)) for (const f of l.texts) texts.push({ path: f, text: fs.readFileSync(f, 'utf8') });
  for (const s of seeds) texts.push({ path: s.texts[0], text: fs.readFileSync(s.texts[0], 'utf8') });
  for (const [i, t] of texts.slice(0, 12).entries()) {
    const text = i % 2 ? t.text.replace(/CM\d{2}-\d{7}/g, '') : t.text.replace(/Date of (Final )?Determination:?[^\n]*/gi, '');
    texts.push({ path: `/copies/${i}.txt`, text });
  }
  // Other letters with the same items: another case number (several with one of them).
  for (const [i, t] of texts.slice(12, 20).entries()) texts.push({ path: `/others/${i}.txt`, text: t.text.replace(/CM\d{2}-\d{7}/g, `CM99-000000${i % 3}`) });
  const read = new Map(texts.map((t) => [t.path, libraryLetters(parseDocument(t.text), t.text)]));
  const paths = [...read.keys()];

  /** What a library says, to compare two. */
  const view = (lib: Library) => ({
    stats: lib.stats(),
    entries: lib.entries().map((e) => `${e.key} ${e.chosen.path} [${e.sources.map((s) => s.path).join(', ')}] ${e.reason}`),
    symbols: ['norco', 'physical therapy', 'cm16', 'm'].map((q) => lib.symbols(q, 40).map((h) => `${h.name} ${h.path} ${h.score}`)),
    references: lib.references(['mtus-cpmtg|2016|s:physicalmedicinetreatment', 'mtus-cpmtg|2009']).map((r) => `${r.path} ${r.range.start.line}`),
    cases: lib.entries().slice(0, 10).map((e) => lib.caseLetters(e.chosen.identity.caseNumber ?? '').map((r) => r.path)),
    groups: lib.groups('decision').map((g) => `${g.key} ${g.letters} ${g.items} ${g.upheld} ${g.overturned}`),
    similar: lib.similar({ features: ['physical', 'therapy'], cited: [] }, 10).map((h) => `${h.path} ${h.score}`),
  });

  test('200 random changes (new files, replaced files, deleted files), compared after each', () => {
    let seed = 12345;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const lib = new Library();
    for (const p of paths.slice(0, 60)) lib.set({ path: p, letters: read.get(p)! });
    for (let step = 0; step < 200; step++) {
      const p = paths[random(paths.length)];
      const op = random(3);
      if (op === 0) lib.delete(p);
      // A file's letters replaced by another file's (a letter moved or rewritten).
      else if (op === 1) lib.set({ path: p, letters: read.get(paths[random(paths.length)])! });
      else lib.set({ path: p, letters: read.get(p)! });
      if (step % 3 !== 0) continue;
      const fresh = new Library();
      for (const q of lib.paths()) fresh.set(lib.file(q)!);
      assert.deepEqual(view(lib), view(fresh), `after step ${step}`);
    }
  });
});

describe('what the library holds', () => {
  test('entries keep no letter text: 1,000 letters hold under 12 KB each (their texts average over 5 KB)', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const base = letters.slice(0, 50).map((l) => fs.readFileSync(l.texts[0], 'utf8'));
    const n = 1000;
    const lib = new Library();
    gc();
    const before = process.memoryUsage().heapUsed;
    let textBytes = 0;
    for (let k = 0; k < n; k++) {
      // Each text a new string, as read from its own file.
      const text = base[k % base.length].replace(/CM\d{2}-\d{7}/g, `CM18-${String(k).padStart(7, '0')}`);
      textBytes += text.length;
      lib.set({ path: `/library/${k}.txt`, letters: libraryLetters(parseDocument(text), text) });
    }
    assert.equal(lib.stats().letters, n);
    lib.symbols('norco');
    gc();
    const perLetter = (process.memoryUsage().heapUsed - before) / n;
    assert.ok(textBytes / n > 5000, `texts average ${textBytes / n} characters`);
    assert.ok(perLetter < 12 * 1024, `${(perLetter / 1024).toFixed(1)} KB a letter`);
  });
});

describe("the library's problems (imr.library.problems)", () => {
  test('kept only when asked; then, for every seed and corpus letter, its diagnostics at their lines and columns', () => {
    let letters = 0;
    let problems = 0;
    for (const l of [...loadSeeds(), ...loadLetters()]) {
      const text = fs.readFileSync(l.texts[0], 'utf8');
      const parsed = parseDocument(text);
      assert.ok(libraryLetters(parsed, text).every((e) => e.problems === undefined), `${l.file}: problems kept unasked`);
      const entries = libraryLetters(parsed, text, bundledKnowledge(), true);
      const lines = new LineIndex(text);
      entries.forEach((e, k) => {
        const expected = diagnose(parsed[k], text).map((d) => ({
          code: d.code,
          severity: d.severity,
          message: d.message,
          range: { start: lines.positionAt(d.span.start), end: lines.positionAt(d.span.end) },
        }));
        assert.deepEqual(e.problems, expected, l.file);
        problems += expected.length;
        letters++;
      });
    }
    assert.ok(letters > 100 && problems > 10, `${letters} letters, ${problems} problems`);
  });
});
