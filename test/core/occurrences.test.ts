/**
 * What a position names and where else it is named (core/occurrences.ts), the answer Document
 * Highlight and Find All References share: over every fixture and tool text, each locator's
 * occurrences hold that locator and share one of its keys; by hand on real letters, a section
 * cited in five items, a page cited three times, a guideline's name, a case number, plain text.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import {
  caseOccurrences, citationOccurrences, findCitations, guidelineKey, locatorKeys, parseDocument, parseLetter, Span, targetAt,
} from '../../server/src/core';
import { FIXTURES } from '../paths';
import { fixtureTexts, toolTexts } from './corpus';

const read = (rel: string) => fs.readFileSync(path.join(FIXTURES, rel), 'utf8');
const slice = (text: string, s: Span) => text.slice(s.start, s.end);

describe('targetAt and its occurrences', () => {
  test('over every fixture and tool text: each locator is among its own occurrences, and every occurrence shares a key with it', () => {
    let locators = 0;
    let repeated = 0;
    for (const { name, text } of [...fixtureTexts(), ...toolTexts()]) {
      for (const letter of parseDocument(text)) {
        const citations = findCitations(letter, text);
        for (const c of citations) {
          for (const l of c.locators) {
            const target = targetAt(letter, citations, l.span.start);
            assert.ok(target && target.kind === 'citation', `${name}: no citation target at "${slice(text, l.span)}"`);
            const keys = locatorKeys(c, l);
            if (keys.length === 0) continue;
            // The most specific citation at the offset may be another one holding the same locator text.
            if (target.locator !== l) continue;
            assert.deepEqual(target.keys, keys);
            const found = citationOccurrences(citations, target.keys);
            assert.ok(found.some((o) => o.locator === l), `${name}: "${slice(text, l.span)}" is not among its own occurrences`);
            for (const o of found) {
              assert.ok(o.locator && locatorKeys(o.citation, o.locator).some((k) => keys.includes(k)), `${name}: an occurrence shares no key`);
            }
            locators++;
            if (found.length > 1) repeated++;
          }
        }
      }
    }
    assert.ok(locators > 2_000, `${locators} locators`);
    assert.ok(repeated > 100, `${repeated} locators cited more than once in their letter`);
  });

  test('a section cited in five places: every one of them, in order', () => {
    const text = read('letters/2017_format1b_CM16-0239569.txt');
    const [letter] = parseDocument(text);
    const citations = findCitations(letter, text);
    const first = text.indexOf('Manual therapy & manipulation');
    const target = targetAt(letter, citations, first + 3);
    assert.ok(target && target.kind === 'citation');
    assert.deepEqual(target.keys, ['mtus-cpmtg|2016|s:manualtherapymanipulation']);
    const found = citationOccurrences(citations, target.keys);
    assert.deepEqual(found.map((o) => slice(text, o.locator!.span)), Array(5).fill('Manual therapy & manipulation'));
    assert.equal(found[0].locator!.span.start, first);
    const starts = found.map((o) => o.locator!.span.start);
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
  });

  test('a page: every citation of that page of that guideline, and no other page', () => {
    const text = read('seeds/001_4f3ba24c3a626615.txt');
    const [letter] = parseDocument(text);
    const citations = findCitations(letter, text);
    const page400 = citations.flatMap((c) => c.locators.filter((l) => slice(text, l.span) === '400'));
    assert.ok(page400.length >= 3);
    const target = targetAt(letter, citations, page400[1].span.start + 1);
    assert.ok(target && target.kind === 'citation');
    assert.deepEqual(target.keys, ['mtus-acoem|2004|p:400']);
    const found = citationOccurrences(citations, target.keys);
    assert.deepEqual(found.map((o) => o.locator!.span), page400.map((l) => l.span));
  });

  test("a guideline's name: every citation of that guideline and edition, whole", () => {
    const text = read('letters/2017_format1b_CM16-0239569.txt');
    const [letter] = parseDocument(text);
    const citations = findCitations(letter, text);
    const named = citations.find((c) => c.locators.length > 0 && c.locatorSpans[0].start > c.span.start);
    assert.ok(named, 'a citation whose name comes before its locators');
    const target = targetAt(letter, citations, named.span.start);
    assert.ok(target && target.kind === 'citation');
    assert.equal(target.locator, null);
    assert.deepEqual(target.keys, [guidelineKey(named)]);
    const found = citationOccurrences(citations, target.keys);
    assert.ok(found.some((o) => o.citation === named));
    assert.deepEqual(found.map((o) => o.citation), citations.filter((c) => guidelineKey(c) === guidelineKey(named)));
    assert.ok(found.every((o) => o.locator === null));
  });

  test('a case number: the value, ends included; in a merged file every letter of that case, and not another case', () => {
    const a = read('letters/2017_format1b_CM16-0239569.txt');
    const b = read('letters/2017_format1b_CM16-0238035.txt');
    const merged = `${a}\n${b}\n${a}`;
    const letters = parseDocument(merged);
    assert.equal(letters.length, 3);
    const cn = letters[0].caseNumber!;
    assert.equal(cn.text, 'CM16-0239569');
    for (const offset of [cn.span.start, cn.span.end]) {
      const target = targetAt(letters[0], [], offset);
      assert.deepEqual(target && target.kind === 'case' ? target.caseNumber : null, 'CM160239569');
    }
    assert.deepEqual(caseOccurrences(letters, 'CM160239569'), [letters[0].caseNumber!.span, letters[2].caseNumber!.span]);
    assert.deepEqual(caseOccurrences(letters, 'CM160238035'), [letters[1].caseNumber!.span]);
  });

  test('plain text, a heading, an empty text and a non-letter name nothing', () => {
    const text = read('letters/2017_format1b_CM16-0239569.txt');
    const [letter] = parseDocument(text);
    const citations = findCitations(letter, text);
    for (const phrase of ['sent the complete case file', 'HOW THE IMR FINAL DETERMINATION WAS MADE', 'Date of Injury:']) {
      const offset = text.indexOf(phrase);
      assert.ok(offset >= 0, phrase);
      assert.equal(targetAt(letter, citations, offset + 1), null, phrase);
    }
    const empty = parseLetter('');
    assert.equal(targetAt(empty, findCitations(empty, ''), 0), null);
    const prose = 'A grocery list: apples, page 3 of the cookbook.';
    const other = parseLetter(prose);
    assert.equal(targetAt(other, findCitations(other, prose), 20), null);
    assert.deepEqual(citationOccurrences(citations, []), []);
  });
});
