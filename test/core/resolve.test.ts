/**
 * The one citation resolver (server/src/core/citations/resolve.ts) over every citation of the
 * corpus: each locator resolves to entries of the cited edition that are about what it cites (the
 * cited pages, the cited regulation section), the stated entries are exactly the confirmed ones,
 * and the inlay hints, which read the resolver's page lookup, show what it gives.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bundledKnowledge, findCitations, findDocument, inlayHints, isStatable, parseDocument } from '../../server/src/core';
import { resolveCitation, resolveOne } from '../../server/src/core/citations';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../paths';
import { fixtureTexts } from './corpus';

describe('citation resolver', () => {
  const kb = bundledKnowledge();
  const byLetter = fixtureTexts().flatMap(({ name, text }) => parseDocument(text).map((letter) => ({ name, letter, text })));
  const all = fixtureTexts().flatMap(({ name, text }) =>
    parseDocument(text).flatMap((letter) => findCitations(letter, text).map((c) => ({ name, letter, c }))),
  );

  test('every locator of every corpus citation resolves to entries about what it cites', () => {
    let pages = 0;
    let regulations = 0;
    for (const { name, c, letter } of all) {
      const r = resolveCitation(kb, c, letter.dates.decision?.iso ?? null);
      assert.equal(r.locators.length, c.locators.length, name);
      const doc = findDocument(kb, c.guideline, c.edition);
      assert.equal(r.document, doc, `${name}: the cited edition`);
      for (const l of r.locators) {
        assert.deepEqual(l.stated, l.entries.filter(isStatable), `${name}: stated entries are the confirmed ones`);
        for (const e of l.entries) {
          if (l.kind !== 'regulation') assert.ok(doc?.entries.includes(e), `${name}: "${e.topic}" is an entry of the cited edition`);
        }
        if (l.kind === 'page' && l.locator.from !== null && l.locator.to !== null) {
          for (const e of l.entries) {
            const p = e.locator.pages;
            if (!p) continue;
            pages++;
            assert.ok(p.from <= l.locator.to && p.to >= l.locator.from, `${name}: "${e.topic}" (pp. ${p.from}-${p.to}) is on the cited pages ${l.locator.from}-${l.locator.to}`);
          }
        }
        if (l.kind === 'regulation') {
          for (const m of l.matches) {
            regulations++;
            assert.ok(m.entry.locator.regulation?.startsWith(l.locator.section) || m.entry.topic.includes(l.locator.section), `${name}: "${m.entry.topic}" is regulation ${l.locator.section}`);
          }
        }
      }
    }
    // The corpus has cited pages and regulations the knowledge base holds: the checks above ran.
    assert.ok(pages > 30, `page entries checked: ${pages}`);
    assert.ok(regulations > 10, `regulation entries checked: ${regulations}`);
  });

  test('without regulations, a citation resolves as in full less its regulation references', () => {
    let left = 0;
    for (const { name, c, letter } of all) {
      const date = letter.dates.decision?.iso ?? null;
      const full = resolveCitation(kb, c, date);
      const some = resolveCitation(kb, c, date, false);
      const kept = full.locators.filter((l) => l.kind !== 'regulation');
      left += full.locators.length - kept.length;
      assert.deepEqual(some, { ...full, locators: kept }, name);
    }
    assert.ok(left > 0, `regulation references left out: ${left}`);
  });

  test('the inlay hints show the confirmed entries the resolver gives for each cited page', () => {
    let shown = 0;
    for (const { name, letter, text } of byLetter) {
      const citations = findCitations(letter, text);
      const expected: { offset: number; label: string }[] = [];
      for (const c of citations) {
        for (const l of c.locators) {
          if (l.kind !== 'page' || l.from === null) continue;
          const stated = resolveOne(kb, c, l).stated.filter((e) => !e.nameOnly);
          if (stated.length) expected.push({ offset: l.span.end, label: stated.map((e) => e.topic).join('; ') });
        }
      }
      assert.deepEqual(inlayHints(letter, citations, kb).map((h) => ({ offset: h.offset, label: h.label })), expected, name);
      shown += expected.length;
    }
    assert.ok(shown > 30, `page hints checked: ${shown}`);
  });

  test('hover asks the resolver what a citation points to: core/hover/ has no knowledge lookup of its own for pages, sections, chapters or topics', () => {
    const dir = path.join(ROOT, 'server', 'src', 'core', 'hover');
    const src = fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
    for (const lookup of ['lookupPage', 'lookupSection', 'lookupChapter', 'lookupNonMtus', 'pageEntries']) {
      assert.ok(!new RegExp(`\\b${lookup}\\b`).test(src), `core/hover/ calls ${lookup}: ask citations/resolve.ts instead`);
    }
    // A regulation is read through the resolver too; hover's one regulation lookup is the search-sequence rule it explains.
    assert.deepEqual(src.match(/lookupRegulation\(kb, '[^']*'/g), ["lookupRegulation(kb, '9792.25'"]);
  });
});
