/**
 * Expand Selection (core/selection.ts) and the sentence ends it and the case library's closing
 * sentence read (core/sentences.ts): over every fixture and tool text, each offset's chain holds
 * the offset, each step strictly inside the next, ending with the letter; on a real letter, the
 * steps of a rationale and of a header value; sentence ends by hand.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { findCitations, nextSentenceStart, parseDocument, selectionSpans, sentenceAt, Span } from '../../server/src/core';
import { FIXTURES } from '../paths';
import { selectionFailures } from '../robustness/invariants';
import { fixtureTexts, toolTexts } from './corpus';

const slice = (text: string, s: Span) => text.slice(s.start, s.end);

describe('selectionSpans', () => {
  test('every chain over every fixture and tool text holds its offset, nests strictly and ends with the letter', () => {
    let chains = 0;
    let sentences = 0;
    for (const { name, text } of [...fixtureTexts(), ...toolTexts()]) {
      for (const letter of parseDocument(text)) {
        const citations = findCitations(letter, text);
        const { start, end } = letter.range;
        // Offsets spread over the letter, at a step prime to line lengths.
        for (let offset = start; offset <= end; offset += 97) {
          const chain = selectionSpans(letter, text, offset, citations);
          assert.ok(chain.length > 0, `${name} @${offset}: no step`);
          assert.deepEqual(chain[chain.length - 1], letter.range, `${name} @${offset}: the last step is the letter`);
          const failures: string[] = [];
          selectionFailures(chain, offset, `${name} @${offset}`, failures);
          assert.deepEqual(failures, []);
          chains++;
          const rationale = letter.items.find((it) => it.rationale && it.rationale.textSpan.start < offset && offset < it.rationale.textSpan.end)?.rationale;
          if (rationale && chain.some((s) => s.start >= rationale.textSpan.start && s.end <= rationale.textSpan.end && (s.start > rationale.textSpan.start || s.end < rationale.textSpan.end))) sentences++;
        }
      }
    }
    assert.ok(chains > 20_000, `${chains} chains`);
    // Most offsets in a rationale are in a sentence shorter than the rationale.
    assert.ok(sentences > 2_000, `${sentences} offsets in a rationale got a sentence step`);
  });

  const file = path.join(FIXTURES, 'letters', '2017_format1b_CM16-0238035.txt');
  const text = fs.readFileSync(file, 'utf8');
  const [letter] = parseDocument(text);
  const citations = findCitations(letter, text);

  test('in a rationale: the sentence, the text, the block with its label, the item, the issues section, the letter', () => {
    const item = letter.items[0];
    const block = item.rationale!;
    const offset = text.indexOf('further clarification', block.textSpan.start);
    assert.ok(offset > block.textSpan.start && offset < block.textSpan.end);
    const chain = selectionSpans(letter, text, offset, citations);
    const issues = letter.sections.find((s) => s.kind === 'issues')!;
    assert.deepEqual(chain.slice(1), [block.textSpan, block.span, item.span, issues.span, letter.range]);
    const sentence = slice(text, chain[0]).replace(/\s+/g, ' ');
    assert.equal(sentence, "In this case, further clarification is needed as to the patient's course of conservative care, to include the actual amount of physical therapy visits previously attended and the efficacy of recent physical therapy.");
  });

  test('on the case number: the value, the header table, the letter', () => {
    const offset = letter.caseNumber!.span.start + 3;
    const chain = selectionSpans(letter, text, offset, citations);
    const header = letter.sections.find((s) => s.kind === 'header')!;
    assert.deepEqual(chain, [letter.caseNumber!.span, header.span, letter.range]);
    assert.equal(slice(text, chain[0]), 'CM16-0238035');
  });

  test('on a header value of the columns layout: the value, the field with its label, the header table', () => {
    const layout = fs.readFileSync(path.join(FIXTURES, 'letters', 'layout', '2017_format1b_CM16-0238035.txt'), 'utf8');
    const [l] = parseDocument(layout);
    const field = l.header.find((f) => f.key === 'decisionDate')!;
    const chain = selectionSpans(l, layout, field.value!.span.start + 1, findCitations(l, layout));
    assert.deepEqual(
      chain.map((s) => slice(layout, s).replace(/\s+/g, ' ')).slice(0, 2),
      ['01/20/2017', 'Decision Date: 01/20/2017'],
    );
    assert.deepEqual(chain.slice(2), [l.sections.find((s) => s.kind === 'header')!.span, l.range]);
  });

  test('on a citation: the citation comes first, inside the block that cites it', () => {
    const c = citations.find((x) => letter.items[0].maximus && x.span.start >= letter.items[0].maximus.textSpan.start && x.span.end <= letter.items[0].maximus.textSpan.end);
    assert.ok(c, 'a citation in the first MAXIMUS guideline block');
    const chain = selectionSpans(letter, text, c.span.start + 1, citations);
    assert.deepEqual(chain[0], { start: c.span.start, end: c.span.end });
    assert.ok(chain.some((s) => s.start === letter.items[0].maximus!.span.start && s.end === letter.items[0].maximus!.span.end));
  });

  test('a letter of a merged file: its own range is the last step, offsets in the next letter answer for that one', () => {
    const merged = `${text}\n${text}`;
    const letters = parseDocument(merged);
    assert.equal(letters.length, 2);
    const second = letters[1];
    const offset = second.caseNumber!.span.start;
    const chain = selectionSpans(second, merged, offset, findCitations(second, merged));
    assert.deepEqual(chain[chain.length - 1], second.range);
    assert.equal(slice(merged, chain[0]), 'CM16-0238035');
  });
});

describe('sentences', () => {
  const s = 'The request was reviewed by Dr. Smith on 01/02/2017. He noted pain,\ne.g. at night. Ibuprofen 2.5 mg was tried!  No change was seen?\nTherefore it is not medically necessary';
  const at = (needle: string) => s.indexOf(needle);
  const sentence = (needle: string) => {
    const span = sentenceAt(s, 0, s.length, at(needle));
    return span && s.slice(span.start, span.end);
  };

  test('a sentence ends at a full stop, "!" or "?" before white space and a capital or a digit', () => {
    assert.equal(sentence('reviewed'), 'The request was reviewed by Dr. Smith on 01/02/2017.');
    assert.equal(sentence('noted'), 'He noted pain,\ne.g. at night.');
    assert.equal(sentence('Ibuprofen'), 'Ibuprofen 2.5 mg was tried!');
    assert.equal(sentence('change'), 'No change was seen?');
    assert.equal(sentence('Therefore'), 'Therefore it is not medically necessary');
  });

  test('not after an abbreviation, nor inside a number', () => {
    assert.equal(nextSentenceStart(s, at('Dr.') + 2), -1);
    assert.equal(nextSentenceStart(s, at('e.g.') + 3), -1);
    assert.equal(nextSentenceStart(s, at('2.5') + 1), -1);
    assert.equal(nextSentenceStart(s, at('2017.') + 4), at('He'));
  });

  test('the end of a sentence belongs to it; the white space between two sentences to none', () => {
    const afterStop = at('2017.') + 5;
    assert.deepEqual(sentenceAt(s, 0, s.length, afterStop), { start: 0, end: afterStop });
    assert.equal(sentenceAt(s, 0, s.length, at('No change') - 1), null);
  });

  test('a sentence is not guessed from part of a long text without sentence ends', () => {
    const long = 'word '.repeat(3000);
    assert.equal(sentenceAt(long, 0, long.length, 12_000), null);
    assert.equal(sentenceAt(long, 0, long.length, 10), null);
    const short = 'word '.repeat(100);
    assert.deepEqual(sentenceAt(short, 0, short.length, 10), { start: 0, end: short.length - 1 });
  });

  test('reads nothing outside [from, to)', () => {
    const part = s.indexOf('Ibuprofen');
    const span = sentenceAt(s, part, part + 'Ibuprofen 2.5 mg'.length, part + 3)!;
    assert.deepEqual(span, { start: part, end: part + 'Ibuprofen 2.5 mg'.length });
  });
});
