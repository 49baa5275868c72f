/**
 * Semantic highlighting's spans (core/semantic.ts): over every fixture and tool text they are in
 * order, apart, inside their letter, and cover every decision word, block label, section heading
 * and header label the parser found, with the right kind; by hand, the words a PDF tool broke with
 * a space, which the grammar's patterns miss.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parseDocument, parseLetter, SEMANTIC_KINDS, SemanticKind, semanticSpans, Span } from '../../server/src/core';
import { FIXTURES } from '../paths';
import { fixtureTexts, toolTexts } from './corpus';

const kindOf = (k: number): SemanticKind => SEMANTIC_KINDS[k];
const read = (rel: string) => fs.readFileSync(path.join(FIXTURES, rel), 'utf8');

/** The spans of the first letter of `text`, as [text, kind]. */
function spansOf(text: string): [string, SemanticKind][] {
  return semanticSpans(parseDocument(text)[0]).map((s) => [text.slice(s.span.start, s.span.end), kindOf(s.kind)]);
}

describe('semanticSpans', () => {
  test('over every fixture and tool text: in order, apart, inside the letter, and covering what the parser found', () => {
    let texts = 0;
    let covered = 0;
    for (const { name, text } of [...fixtureTexts(), ...toolTexts()]) {
      texts++;
      for (const letter of parseDocument(text)) {
        const spans = semanticSpans(letter);
        let end = letter.range.start;
        for (const s of spans) {
          assert.ok(s.span.start >= end && s.span.end > s.span.start && s.span.end <= letter.range.end, `${name}: [${s.span.start}, ${s.span.end}) out of order or outside`);
          end = s.span.end;
        }
        const has = (span: Span, kind: SemanticKind) => spans.some((s) => s.span.start === span.start && s.span.end === span.end && kindOf(s.kind) === kind);
        const expect = (span: Span, kind: SemanticKind) => {
          assert.ok(has(span, kind), `${name}: "${text.slice(span.start, span.end)}" is not a ${kind}`);
          covered++;
        };
        for (const it of letter.items) {
          if (it.decision && it.decisionText) expect(it.decisionText.span, it.decision === 'Upheld' ? 'imrUpheld' : 'imrOverturned');
          for (const b of [it.claimsAdministrator, it.maximus, it.rationale]) if (b) expect(b.label, 'imrLabel');
        }
        for (const s of letter.sections) if (s.kind !== 'header') expect(s.heading, s.kind === 'notice' ? 'imrTitle' : 'imrHeading');
        for (const f of letter.header) expect(f.label.span, 'imrHeaderLabel');
        if (letter.caseNumber) expect(letter.caseNumber.span, 'imrCaseNumber');
      }
    }
    assert.ok(texts > 1_000 && covered > 20_000, `${texts} texts, ${covered} spans`);
  });

  test('words a PDF tool broke with a space: a block label, a decision, a heading', () => {
    const labels = spansOf(read('tools/pypdf/2017_format1b_CM16-0231745.txt'));
    assert.ok(labels.some(([t, k]) => t === 'MAXIMUS gui deline :' && k === 'imrLabel'), JSON.stringify(labels.filter(([, k]) => k === 'imrLabel').slice(0, 4)));
    const decisions = spansOf(read('tools/pypdf/2017_format1b_CM16-0236380.txt')).filter(([, k]) => k === 'imrUpheld' || k === 'imrOverturned');
    assert.ok(decisions.some(([t, k]) => t === 'Uph eld' && k === 'imrUpheld'), JSON.stringify(decisions));
    const headings = spansOf(read('tools/pypdf/2017_format1b_CM16-0236134.txt')).filter(([, k]) => k === 'imrHeading');
    assert.ok(headings.some(([t]) => t === 'IMR ISSUES, DECISIONS AND RATION ALES'), JSON.stringify(headings));
  });

  test('a real letter in pdftotext text: its kinds in the order they come', () => {
    const spans = spansOf(read('letters/2017_format1b_CM16-0238035.txt'));
    assert.deepEqual(spans.slice(0, 5), [
      ['Case Number:', 'imrHeaderLabel'],
      ['Date Assigned:', 'imrHeaderLabel'],
      ['Decision Date:', 'imrHeaderLabel'],
      ['Priority:', 'imrHeaderLabel'],
      ['CM16-0238035', 'imrCaseNumber'],
    ]);
    const item = spans.findIndex(([t]) => t === 'Upheld');
    assert.ok(item > 0);
    assert.deepEqual(spans.slice(item, item + 4).map(([, k]) => k), ['imrUpheld', 'imrLabel', 'imrLabel', 'imrLabel']);
    assert.deepEqual(spans.filter(([, k]) => k === 'imrHeading').map(([t]) => t), [
      'HOW THE IMR FINAL DETERMINATION WAS MADE',
      'The Expert Reviewer has the following credentials:',
      'CLINICAL CASE SUMMARY',
      'IMR ISSUES, DECISIONS AND RATIONALES',
    ]);
  });

  test('a 2013 notice: its title, and a decision written as a phrase', () => {
    const spans = spansOf(read('letters/2013_format0_medicpdf01_partial.txt'));
    assert.equal(spans.filter(([, k]) => k === 'imrTitle').length, 1);
    const decisions = spans.filter(([, k]) => k === 'imrUpheld' || k === 'imrOverturned');
    assert.ok(decisions.length >= 2);
    assert.ok(decisions.some(([t]) => /notmedically necessary/.test(t.replace(/\s+/g, ' '))), JSON.stringify(decisions));
  });

  test('an empty text and a text that is not a letter give nothing to colour', () => {
    assert.deepEqual(semanticSpans(parseLetter('')), []);
    assert.deepEqual(semanticSpans(parseLetter('A grocery list: apples, pears. Upheld: no.')), []);
  });
});
