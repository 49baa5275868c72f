/**
 * `citationAt`, the question hover and the library's "what is cited here" ask: the most specific
 * citation holding an offset. It reads only the citations that can hold the offset; here its
 * answer is checked against a plain scan of every citation, at every offset around every citation
 * of every fixture letter, and on lists with nested and overlapping spans.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Citation, citationAt, findCitations, Locator } from '../../server/src/core/citations';
import { inlayHints } from '../../server/src/core/hover';
import { parseDocument } from '../../server/src/core/parse';
import type { Span } from '../../server/src/core/types';
import { fixtureTexts } from './corpus';

/** The answer by reading every citation in order (the definition). */
function reference(citations: readonly Citation[], offset: number): { citation: Citation; locator: Locator | null } | null {
  let best: { citation: Citation; locator: Locator | null; size: number } | null = null;
  for (const c of citations) {
    if (!(c.span.start <= offset && offset < c.span.end)) continue;
    for (const l of c.locators) {
      if (l.span.start <= offset && offset < l.span.end) {
        const size = l.span.end - l.span.start;
        if (!best || best.locator === null || size < best.size) best = { citation: c, locator: l, size };
      }
    }
    if (!best || (best.locator === null && c.span.end - c.span.start < best.size)) best = { citation: c, locator: null, size: c.span.end - c.span.start };
  }
  return best ? { citation: best.citation, locator: best.locator } : null;
}

function offsetsAround(spans: readonly Span[]): number[] {
  const out = new Set<number>();
  for (const s of spans) for (const o of [s.start - 1, s.start, s.start + 1, (s.start + s.end) >> 1, s.end - 1, s.end, s.end + 1]) out.add(o);
  return [...out];
}

describe('the citation at an offset', () => {
  test('equals a scan of every citation, around every citation and locator of every fixture letter', () => {
    let asked = 0;
    let found = 0;
    for (const f of fixtureTexts()) {
      for (const letter of parseDocument(f.text)) {
        const citations = findCitations(letter, f.text);
        const spans = citations.flatMap((c) => [c.span, ...c.locators.map((l) => l.span)]);
        for (const offset of offsetsAround(spans)) {
          const want = reference(citations, offset);
          const got = citationAt(citations, offset);
          assert.equal(got?.citation, want?.citation, `${f.name} at ${offset}`);
          assert.equal(got?.locator, want?.locator, `${f.name} at ${offset}`);
          asked++;
          if (got) found++;
        }
      }
    }
    assert.ok(asked > 10_000 && found > 5_000, `${asked} offsets, ${found} inside a citation`);
  });

  test('nested, overlapping and equal spans: the most specific, the first of equals', () => {
    const loc = (start: number, end: number): Locator => ({ kind: 'page', from: 1, to: 1, text: 'x', span: { start, end } }) as unknown as Locator;
    const cit = (start: number, end: number, locators: Locator[] = []): Citation => ({ span: { start, end }, locators }) as unknown as Citation;
    // Sorted as findCitations sorts them: by start, the longer first.
    const list = [cit(0, 100, [loc(10, 20)]), cit(5, 8), cit(5, 8), cit(30, 40, [loc(31, 35), loc(32, 34)]), cit(35, 200), cit(150, 160, [loc(150, 152)])];
    for (let offset = -2; offset < 205; offset++) {
      const want = reference(list, offset);
      const got = citationAt(list, offset);
      assert.equal(got?.citation, want?.citation, `at ${offset}`);
      assert.equal(got?.locator, want?.locator, `at ${offset}`);
    }
    assert.equal(citationAt(list, 6)?.citation, list[1]);
    assert.equal(citationAt(list, 33)?.locator, list[3].locators[1]);
    assert.equal(citationAt(list, 120)?.citation, list[4]);
    assert.equal(citationAt([], 5), null);
    // A list that grew after it was first asked about is read again.
    const growing = [cit(0, 10)];
    assert.equal(citationAt(growing, 50), null);
    growing.push(cit(40, 60));
    assert.equal(citationAt(growing, 50)?.citation, growing[1]);
  });

  test('inlay hints for a range are the letter\'s hints at offsets inside it, on every fixture letter', () => {
    let compared = 0;
    for (const f of fixtureTexts()) {
      for (const letter of parseDocument(f.text)) {
        const citations = findCitations(letter, f.text);
        const all = inlayHints(letter, citations);
        if (all.length === 0) continue;
        const { start, end } = letter.range;
        const step = Math.max(1, Math.floor((end - start) / 7));
        for (let from = start - 1; from < end; from += step) {
          for (const to of [from, from + 40, from + step, end + 1]) {
            const want = all.filter((h) => h.offset >= from && h.offset <= to);
            assert.deepEqual(inlayHints(letter, citations, undefined, { start: from, end: to }), want, `${f.name} [${from}, ${to}]`);
            compared++;
          }
        }
        // Each hint alone, at its own offset.
        for (const h of all) assert.deepEqual(inlayHints(letter, citations, undefined, { start: h.offset, end: h.offset }).map((x) => x.offset), all.filter((x) => x.offset === h.offset).map((x) => x.offset));
      }
    }
    assert.ok(compared > 200, `${compared} ranges compared`);
  });
});
