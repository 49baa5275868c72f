/**
 * Merged case files: several letters in one text. Each letter is found, parsed over its own range,
 * and gives the same items and the same diagnostics as when it stands alone (shifted by where it
 * starts).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { diagnose, parseDocument, parseDocumentAgain, parseLetter } from '../../server/src/core';
import { loadLetters, loadSeeds } from './manifest';
import { FIXTURES } from '../paths';

const letters = loadLetters().filter((l) => l.caseNumber);
const seeds = loadSeeds();

function merged(files: string[], separator = '\n'): { text: string; offsets: number[]; parts: string[] } {
  const parts = files.map((f) => fs.readFileSync(f, 'utf8'));
  const offsets: number[] = [];
  let text = '';
  for (const p of parts) {
    offsets.push(text.length);
    text += p + (p.endsWith('\n') ? '' : '\n') + separator;
  }
  return { text, offsets, parts };
}

describe('several letters in one text', () => {
  test('a single letter is one letter, identical to parseLetter', () => {
    const text = fs.readFileSync(letters[0].texts[0], 'utf8');
    const doc = parseDocument(text);
    assert.equal(doc.length, 1);
    assert.deepEqual(doc[0], parseLetter(text));
  });

  for (const [name, pick] of [
    ['default-mode letters', letters.slice(0, 12).map((l) => l.texts[0])],
    ['layout-mode letters', letters.slice(20, 30).map((l) => l.texts[1])],
    ['seeds (no header table)', seeds.map((s) => s.texts[0])],
    ['a mix of modes, seeds and PDFs text', [letters[3].texts[0], seeds[1].texts[0], letters[4].texts[1], letters[5].texts[0]]],
  ] as const) {
    test(`${name}: every letter found, with its own items and diagnostics`, () => {
      const { text, offsets, parts } = merged([...pick]);
      const doc = parseDocument(text);
      assert.equal(doc.length, pick.length, 'letter count');
      doc.forEach((letter, k) => {
        const alone = parseLetter(parts[k]);
        assert.equal(letter.range.start, k === 0 ? 0 : offsets[k], `letter ${k + 1} starts where its text starts`);
        assert.deepEqual(
          letter.items.map((i) => [i.request, i.decision, i.span.start - offsets[k]]),
          alone.items.map((i) => [i.request, i.decision, i.span.start]),
          `items of letter ${k + 1}`,
        );
        assert.equal(letter.caseNumber?.text, alone.caseNumber?.text);
        const shift = (d: { code: string; span: { start: number } }, by: number) => `${d.code}@${d.span.start - by}`;
        // The last letter of a merged file may gain a truncation notice only if it was cut; here
        // every letter is whole, so the diagnostics are the same.
        assert.deepEqual(
          diagnose(letter, text).map((d) => shift(d, offsets[k])),
          diagnose(alone, parts[k]).map((d) => shift(d, 0)),
          `diagnostics of letter ${k + 1}`,
        );
      });
    });
  }

  test('cost stays linear: 20 and 200 letters in one text', () => {
    const time = (n: number) => {
      const files = Array.from({ length: n }, (_, i) => letters[i % letters.length].texts[0]);
      const { text } = merged(files);
      const t0 = process.hrtime.bigint();
      const doc = parseDocument(text);
      for (const l of doc) diagnose(l, text);
      assert.equal(doc.length, n);
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    time(20); // warm up
    // Each size's best of two runs: on a busy machine one run can lose the processor for longer
    // than the small run takes.
    const small = Math.min(time(20), time(20));
    const large = Math.min(time(200), time(200));
    // Ten times the letters: linear work takes about ten times as long; quadratic, a hundred.
    assert.ok(large / small < 40, `20 letters ${small.toFixed(1)} ms, 200 letters ${large.toFixed(1)} ms`);
  });
});

describe('parsing a new version reuses unchanged letters', () => {
  /** A small deterministic generator for edit positions. */
  function* positions(seed: number, max: number) {
    let x = seed;
    for (;;) {
      x = (x * 1103515245 + 12345) % 2147483648;
      yield x % max;
    }
  }

  test('after edits anywhere, the result equals a fresh parse', () => {
    const files = Array.from({ length: 12 }, (_, i) => letters[(i * 7) % letters.length].texts[i % 2]);
    let { text } = merged(files);
    let previous = parseDocumentAgain(text);
    const at = positions(20261122, 1 << 30);
    const edits = ['x', '', 'Upheld', '\n', 'Case Number: CM16-0000000\n', 'IMR ISSUES, DECISIONS AND RATIONALES\n', '\f'];
    for (let n = 0; n < 60; n++) {
      const pos = at.next().value! % (text.length + 1);
      const del = n % 3 === 0 ? (at.next().value! % 40) : 0;
      text = text.slice(0, pos) + edits[n % edits.length] + text.slice(pos + del);
      const next = parseDocumentAgain(text, previous);
      assert.deepEqual(next.letters, parseDocument(text), `edit ${n} at ${pos}`);
      previous = next;
    }
  });

  /**
   * Edits given with their change (as an editor sends them): random positions, deletions and
   * insertions, including ones that cut a letter's first line, remove or add the lines that
   * separate letters, add control characters, add \r, empty the text. Every version must equal a
   * fresh parse.
   */
  for (const [name, files] of [
    ['letters of both modes', Array.from({ length: 10 }, (_, i) => letters[(i * 5) % letters.length].texts[i % 2])],
    ['double-spaced seeds', [...seeds.map((x) => x.texts[0]), ...seeds.map((x) => x.texts[0])]],
  ] as const) {
    test(`${name}: after edits given with their change, the result equals a fresh parse`, () => {
      let { text } = merged([...files]);
      let previous = parseDocumentAgain(text);
      const at = positions(name.length * 7919, 1 << 30);
      const inserts = [
        'x', '', 'Upheld', '\n', '\n\n', 'Case Number: CM16-0000000\n', 'IMR ISSUES, DECISIONS AND RATIONALES\n',
        'HOW THE IMR FINAL DETERMINATION WAS MADE\n', 'Claims Administrator guideline: x\n', '\f', ' \n', '\u0001\u0002',
      ];
      let incremental = 0;
      for (let n = 0; n < 150; n++) {
        const r = at.next().value!;
        let pos = r % (text.length + 1);
        // Some edits land exactly on a letter's first character or at the very end.
        if (n % 11 === 5) pos = previous.letters[r % previous.letters.length].range.start;
        if (n % 23 === 7) pos = text.length;
        const del = n % 3 === 0 ? at.next().value! % (n % 9 === 0 ? 4000 : 40) : 0;
        const end = Math.min(text.length, pos + del);
        const insert = inserts[n % inserts.length];
        const edited = text.slice(0, pos) + insert + text.slice(end);
        const next = parseDocumentAgain(edited, previous, { start: pos, oldEnd: end, newEnd: pos + insert.length });
        assert.deepEqual(next.letters, parseDocument(edited), `edit ${n} at ${pos}`);
        assert.equal(next.letters.length, next.from.length);
        if (next.from.some((j) => j >= 0)) incremental++;
        text = edited;
        previous = next;
      }
      // The edits did reuse letters (the quick path ran), and still matched a fresh parse.
      assert.ok(incremental > 50, `${incremental} versions reused letters`);
      // A \r (read whole from then on) and back.
      const withCR = text.slice(0, 10) + '\r\n' + text.slice(10);
      const cr = parseDocumentAgain(withCR, previous, { start: 10, oldEnd: 10, newEnd: 12 });
      assert.deepEqual(cr.letters, parseDocument(withCR));
      assert.deepEqual(parseDocumentAgain(text, cr, { start: 10, oldEnd: 12, newEnd: 10 }).letters, parseDocument(text));
      // Emptied and filled again.
      const empty = parseDocumentAgain('', previous, { start: 0, oldEnd: text.length, newEnd: 0 });
      assert.deepEqual(empty.letters, parseDocument(''));
      const full = parseDocumentAgain(text, empty, { start: 0, oldEnd: 0, newEnd: text.length });
      assert.deepEqual(full.letters, parseDocument(text));
    });
  }

  test('letters of a tool that breaks words by spaces, moved by edits, equal a fresh parse', () => {
    // Such letters carry `wordsBrokenBySpaces`, which moving a letter must keep.
    const tools = path.join(FIXTURES, 'tools');
    const texts: string[] = [];
    for (const tool of fs.readdirSync(tools).sort()) {
      if (!fs.statSync(path.join(tools, tool)).isDirectory()) continue;
      for (const f of fs.readdirSync(path.join(tools, tool)).sort()) {
        if (texts.length >= 10) break;
        const t = fs.readFileSync(path.join(tools, tool, f), 'utf8').replace(/\r/g, '');
        if (parseDocument(t).some((l) => l.wordsBrokenBySpaces)) texts.push(t);
      }
    }
    assert.equal(texts.length, 10, 'tool texts with words broken by spaces');
    let text = texts.join('\n');
    let previous = parseDocumentAgain(text);
    const at = positions(4242, 1 << 30);
    let carried = 0;
    for (let n = 0; n < 40; n++) {
      const pos = at.next().value! % (text.length + 1);
      const insert = ['x', '', 'ab', ' '][n % 4];
      const end = Math.min(text.length, pos + (n % 3 === 0 ? 3 : 0));
      const edited = text.slice(0, pos) + insert + text.slice(end);
      const next = parseDocumentAgain(edited, previous, { start: pos, oldEnd: end, newEnd: pos + insert.length });
      const fresh = parseDocument(edited);
      assert.deepEqual(next.letters, fresh, `edit ${n} at ${pos}`);
      assert.equal(JSON.stringify(next.letters), JSON.stringify(fresh), `edit ${n}: the same fields in the same order`);
      carried += next.letters.filter((l, k) => next.from[k] >= 0 && l.wordsBrokenBySpaces).length;
      text = edited;
      previous = next;
    }
    assert.ok(carried > 100, `${carried} letters with broken words carried`);
  });

  test('a change that does not fit the texts is not trusted', () => {
    const { text } = merged(letters.slice(0, 4).map((l) => l.texts[0]));
    const first = parseDocumentAgain(text);
    const edited = text.slice(0, 100) + 'abc' + text.slice(100);
    for (const wrong of [{ start: 100, oldEnd: 100, newEnd: 101 }, { start: -1, oldEnd: 0, newEnd: 3 }, { start: 50, oldEnd: 40, newEnd: 43 }]) {
      assert.deepEqual(parseDocumentAgain(edited, first, wrong).letters, parseDocument(edited));
    }
  });

  test('with its change, an edit inside one letter parses one or two letters and carries the others', () => {
    const files = Array.from({ length: 8 }, (_, i) => letters[i + 10].texts[0]);
    const { text, offsets } = merged(files);
    const first = parseDocumentAgain(text);
    const pos = offsets[5] + 200; // inside the sixth letter
    const edited = text.slice(0, pos) + 'abc' + text.slice(pos);
    const second = parseDocumentAgain(edited, first, { start: pos, oldEnd: pos, newEnd: pos + 3 });
    assert.deepEqual(second.letters, parseDocument(edited));
    // Parsed: the letter edited and the one before it; the others come from the previous version.
    assert.deepEqual(second.from.map((j) => (j >= 0 ? j : null)), [0, 1, 2, 3, null, null, 6, 7]);
    assert.equal(second.letters[1].items, first.letters[1].items);
    assert.equal(second.letters[6].range.start, first.letters[6].range.start + 3);
  });

  test('letters before the edit are the same objects; letters after it are moved, not reparsed', () => {
    const files = Array.from({ length: 6 }, (_, i) => letters[i + 10].texts[0]);
    const { text, offsets } = merged(files);
    const first = parseDocumentAgain(text);
    const pos = offsets[3] + 50; // inside the fourth letter
    const edited = text.slice(0, pos) + 'abc' + text.slice(pos);
    const second = parseDocumentAgain(edited, first);
    // Before the edit: the parsed parts are the very same objects (nothing was parsed again).
    assert.equal(second.letters[0].items, first.letters[0].items);
    assert.equal(second.letters[2].sections, first.letters[2].sections);
    assert.notEqual(second.letters[3].items, first.letters[3].items);
    assert.equal(second.letters[4].range.start, first.letters[4].range.start + 3);
    assert.deepEqual(second.letters, parseDocument(edited));
  });
  test('a letter carried over an edit is kept as it was read, and moved only when asked for', () => {
    const files = Array.from({ length: 8 }, (_, i) => letters[i + 10].texts[0]);
    const { text, offsets } = merged(files);
    let doc = parseDocumentAgain(text);
    const read = [...doc.kept];
    let current = text;
    // Edits in the third letter, one after another: the letters after it are never copied.
    for (let n = 0; n < 5; n++) {
      const pos = offsets[2] + 120 + n;
      current = current.slice(0, pos) + 'x' + current.slice(pos);
      doc = parseDocumentAgain(current, doc, { start: pos, oldEnd: pos, newEnd: pos + 1 });
      for (let k = 3; k < 8; k++) {
        assert.equal(doc.kept[k], read[k], `edit ${n}: letter ${k} is the letter first read`);
        assert.equal(doc.moved[k], n + 1, `edit ${n}: letter ${k} has moved by the characters typed before it`);
        assert.equal(doc.start(k), read[k].range.start + n + 1);
        assert.equal(doc.end(k), read[k].range.end + n + 1);
      }
      assert.equal(doc.lettersMoved, 0, `edit ${n}: no letter moved before one is asked for`);
    }
    const fresh = parseDocument(current);
    // Asked for, a letter stands where a fresh parse puts it, and is made once per version.
    assert.deepEqual(doc.letter(6), fresh[6]);
    assert.equal(doc.letter(6), doc.letter(6));
    assert.equal(doc.lettersMoved, 1);
    assert.equal(doc.indexOf(doc.letter(6)), 6);
    assert.equal(doc.indexOf(read[6]), -1, 'the letter as read is not where it stands now');
    assert.deepEqual(doc.letters, fresh);
    assert.equal(doc.letters[6], doc.letter(6));
    for (let k = 0; k < fresh.length; k++) {
      assert.equal(doc.indexAt(fresh[k].range.start), k);
      assert.equal(doc.indexAt(fresh[k].range.end - 1), k);
    }
  });
});
