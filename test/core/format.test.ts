/**
 * Formatting (`core/format`): it repairs the extraction damage and changes no word; the letter
 * model is the same before and after; and a letter damaged the way the seeds' extractor damaged
 * its text comes back to the pdftotext text it was made from.
 *
 * No real pair exists in the fixtures: the seeds' PDFs are not available, so there is no pdftotext
 * form of the seeds. The pairs are built here from the 100 pdftotext letters by applying the seeds'
 * damage as observed in them (README "Formats", shared notes on the seeds): a blank after every
 * line and an empty line after every line (a blank line becomes a line holding one space), UTF-8
 * characters read as Windows-1252 ("§" becomes "Â§"), and "?" for the apostrophe of a contraction.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';

import { applyFormatEdits, formatLetters } from '../../server/src/core/format';
import { letterRecord } from '../../server/src/core/extract';
import { parseDocument } from '../../server/src/core/parse';
import { FIXTURES } from '../paths';

function read(file: string): string {
  return fs.readFileSync(path.join(FIXTURES, file), 'utf8');
}

function format(text: string): { text: string; counts: ReturnType<typeof formatLetters>['counts']; edits: number } {
  const r = formatLetters(text, parseDocument(text));
  return { text: applyFormatEdits(text, r.edits), counts: r.counts, edits: r.edits.length };
}

/** Windows-1252 characters for the bytes 0x80-0x9F (the others read as Latin-1). */
const CP1252: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š', 0x8b: '‹',
  0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™',
  0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

/** The seeds' extractor's damage, applied to pdftotext text. */
function damage(text: string): string {
  const mojibake = text.replace(/[^\x00-\x7f]/gu, (ch) =>
    [...Buffer.from(ch, 'utf8')].map((b) => (b >= 0x80 && b <= 0x9f ? CP1252[b] ?? String.fromCharCode(b) : String.fromCharCode(b))).join(''),
  );
  const apostrophes = mojibake.replace(/([A-Za-z])'(?=(?:s|t|d|m|ll|re|ve)(?![A-Za-z0-9]))/g, '$1?');
  const parts = apostrophes.split('\n');
  const last = parts.pop()!;
  return parts.map((p) => `${p} \n\n`).join('') + last;
}

/** The words of a text (letters and digits), in order. */
function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** A letter's record without what formatting may change: positions and the layout name. */
function model(text: string): unknown[] {
  return parseDocument(text).map((l) => {
    const r = letterRecord(l, text, 'x') as unknown as Record<string, unknown>;
    const { layout: _layout, problems, items, ...rest } = r as { layout: unknown; problems: { code: string }[]; items: Record<string, unknown>[] };
    return {
      ...rest,
      problems: problems.map((p) => p.code),
      items: items.map(({ range: _range, ...it }) => it),
    };
  });
}

const LETTERS = fs.readdirSync(path.join(FIXTURES, 'letters')).filter((f) => f.endsWith('.txt')).sort();
const SEEDS = fs.readdirSync(path.join(FIXTURES, 'seeds')).filter((f) => f.endsWith('.txt')).sort();

describe('formatting the seeds', () => {
  test('mojibake and "?" apostrophes repaired, the padding lines removed, no word changed', () => {
    for (const f of SEEDS) {
      const text = read(`seeds/${f}`);
      const out = format(text);
      assert.ok(!/Â§|â€/.test(out.text), `${f}: mojibake left`);
      assert.equal(parseDocument(out.text)[0].layout === 'double-spaced', false, `${f}: still double-spaced`);
      assert.ok(!/ \n/.test(out.text), `${f}: blanks left at line ends`);
      // Words: the same, with the repaired characters read as the extractor should have.
      const expected = words(text.replace(/Â§/g, '§').replace(/([A-Za-z])\?(?=(?:s|t|d|m|ll|re|ve)\b)/g, "$1'"));
      assert.deepEqual(words(out.text), expected, f);
      assert.equal(format(out.text).edits, 0, `${f}: formatting twice changes nothing more`);
    }
    assert.equal(format(read('seeds/001_4f3ba24c3a626615.txt')).counts.apostrophes, 2);
    assert.equal(format(read('seeds/002_bb4913a5b984f6c8.txt')).counts.mojibake, 2);
    assert.ok(format(read('seeds/000_b6b425ba94267f2e.txt')).counts.paddingLines > 50);
  });

  test('the model is the same before and after (the "?" apostrophes read as apostrophes)', () => {
    for (const f of SEEDS) {
      const text = read(`seeds/${f}`);
      const before = JSON.stringify(model(text)).replace(/([A-Za-z])\?(?=(?:s|t|d|m|ll|re|ve)\b)/g, "$1'");
      assert.equal(JSON.stringify(model(format(text).text)), before, f);
    }
  });
});

describe('formatting the pdftotext letters', () => {
  test('only glued form feeds move to their own line; the model and every word are unchanged', () => {
    let moved = 0;
    for (const f of LETTERS) {
      const text = read(`letters/${f}`);
      const out = format(text);
      moved += out.counts.formFeeds;
      assert.equal(out.counts.mojibake + out.counts.apostrophes + out.counts.paddingLines, 0, f);
      // Removing the inserted line ends gives back the pdftotext text exactly.
      assert.equal(out.text.replace(/\f\n/g, '\f'), text.replace(/\f\n/g, '\f'), f);
      assert.deepEqual(model(out.text), model(text), f);
      assert.equal(format(out.text).edits, 0, `${f}: formatting twice changes nothing more`);
    }
    assert.ok(moved > 20, `${moved} glued form feeds moved`);
  });

  test('a heading glued to a form feed starts its line again', () => {
    const text = read('letters/2017_format1b_CM17-0008479.txt');
    assert.ok(text.includes('\fDecision rationale: The California MTUS Acupuncture'));
    assert.ok(format(text).text.includes('\f\nDecision rationale: The California MTUS Acupuncture'));
    // CRLF text gets CRLF.
    const crlf = text.replace(/\n/g, '\r\n');
    assert.ok(format(crlf).text.includes('\f\r\nDecision rationale: The California MTUS Acupuncture'));
  });
});

describe('formatting a letter damaged as the seeds were gives back its pdftotext text', () => {
  test('every corpus letter: format(damaged) equals format(pdftotext), and the models agree', () => {
    for (const f of LETTERS) {
      const original = read(`letters/${f}`);
      const damaged = damage(original);
      const letters = parseDocument(damaged);
      if (letters.some((l) => l.isLetter)) assert.equal(letters[0].layout, 'double-spaced', `${f}: the damage reads as the seeds' layout`);
      const repaired = format(damaged).text;
      assert.equal(repaired, format(original).text, f);
      assert.deepEqual(model(repaired), model(original), f);
    }
  });
});

describe('formatting never throws', () => {
  test('odd input gives no edits or sound ones', () => {
    for (const text of ['', '\f', '\n\n\n', 'Â', 'x?s', 'HOW THE IMR FINAL DETERMINATION WAS MADE\r\rCLINICAL CASE SUMMARY\r']) {
      const out = format(text);
      assert.equal(typeof out.text, 'string');
    }
  });
});
