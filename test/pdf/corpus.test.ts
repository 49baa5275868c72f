/**
 * Every corpus PDF, read with our pdf.js extractor, against poppler's `pdftotext` default-mode
 * text of the same PDF (the fixture .txt files):
 *  - the letter model is the same: format, isLetter, header fields, case number, priority, every
 *    date (text and ISO), reviewer, patient, parser problems, and per item the request, decision,
 *    decision word, partial authorization and the Claims Administrator / MAXIMUS guideline texts
 *    (the citations); the rationale texts are equal once all white space and every "-" are
 *    deleted (what an extractor may legitimately do differently: line breaks and hyphenation);
 *  - the page count equals the number of form-feed-terminated pages of the poppler text, and
 *    pageOffsets point just after each form feed;
 *  - the text itself is identical to poppler's, byte for byte.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { Letter, parseLetter } from '../../server/src/core';
import { extractPdfText, PdfTextOk } from '../../server/src/pdf';
import { loadLetters } from '../core/manifest';
import { pagesOf } from '../../server/src/io';

const letters = loadLetters().filter((l) => l.pdf !== null);

function sameModelFields(letter: Letter) {
  return {
    format: letter.format,
    isLetter: letter.isLetter,
    header: letter.header.map((h) => ({ key: h.key, label: h.label.text, value: h.value?.text ?? null })),
    caseNumber: letter.caseNumber?.text ?? null,
    priority: letter.priority?.text ?? null,
    dates: Object.fromEntries(Object.entries(letter.dates).map(([k, d]) => [k, d && { text: d.text, iso: d.iso }])),
    reviewer: { licensure: letter.reviewer.licensure, specialties: letter.reviewer.specialties },
    patient: { age: letter.patient.age, sex: letter.patient.sex },
    problems: letter.problems.map((p) => `${p.severity} ${p.code}: ${p.message}`),
    items: letter.items.map((item) => ({
      request: item.request,
      decision: item.decision,
      decisionText: item.decisionText?.text ?? null,
      partialAuthorization: item.partialAuthorization,
      claimsAdministrator: item.claimsAdministrator?.text ?? null,
      maximus: item.maximus?.text ?? null,
      rationale: item.rationale && item.rationale.text.replace(/[\s-]+/g, ''),
    })),
  };
}

async function extract(pdf: string): Promise<PdfTextOk> {
  const result = await extractPdfText(fs.readFileSync(pdf));
  assert.ok(result.ok, `extraction failed: ${result.ok ? '' : `${result.code}: ${result.message}`}`);
  return result;
}

describe('every corpus PDF reads like its pdftotext text', () => {
  test('the corpus has its 100 PDFs', () => {
    assert.equal(letters.length, 100);
  });

  test("pdf.js loaded, arrays keep the engine's own push (the legacy build's core-js replaces it)", async () => {
    const before = Array.prototype.push;
    assert.equal((await extract(letters[0].pdf as string)).ok, true);
    assert.equal(Array.prototype.push, before);
    assert.match(Function.prototype.toString.call(Array.prototype.push), /\[native code\]/);
  });

  for (const expected of letters) {
    const pdf = expected.pdf as string;
    test(path.basename(pdf), async () => {
      const got = await extract(pdf);
      const poppler = fs.readFileSync(expected.texts[0], 'utf8');

      const mine = parseLetter(got.text);
      const theirs = parseLetter(poppler);
      assert.ok(theirs.items.length > 0, 'the poppler text has items');
      assert.deepEqual(sameModelFields(mine), sameModelFields(theirs));

      const popplerPages = poppler.split('\f').length - 1;
      assert.equal(got.pages, popplerPages, 'page count');
      assert.equal(got.pageOffsets.length, got.pages);
      assert.equal(got.pageOffsets[0], 0);
      for (let p = 1; p < got.pages; p++) assert.equal(got.text[got.pageOffsets[p] - 1], '\f', `page ${p + 1} starts after a form feed`);
      // Text kept in the PDF text cache gives the same pages back (io.ts pagesOf).
      assert.deepEqual(pagesOf(got.text), { pages: got.pages, pageOffsets: got.pageOffsets });
      assert.equal(mine.pageBreaks.length, got.pages, 'the parser sees one page break per page');

      assert.equal(got.text, poppler, 'text identical to pdftotext');
    });
  }
});
