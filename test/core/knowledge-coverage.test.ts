/**
 * Knowledge coverage: every `Page(s):`, `Section(s):` and numbered opioid section the fixture
 * letters cite (100 real letters in both pdftotext modes, the five seeds, the 2013 excerpt) is
 * resolved with the core's citation resolver, and its hover must show the content of a sourced
 * knowledge entry, or the citation must be listed as a gap in `server/knowledge/README.md` (with
 * what was searched for it). At least 95% of the citations must hover with sourced content.
 *
 * Prints the coverage, by guideline, so the figure in the README can be checked.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';

import { Citation, findCitations, Locator, resolveLocator } from '../../server/src/core/citations';
import { hoverAt } from '../../server/src/core/hover';
import { bundledKnowledge, isStatable, KnowledgeEntry, letterEra } from '../../server/src/core/knowledge';
import { parseLetter } from '../../server/src/core/parse';
import { ROOT } from '../paths';
import { fixtureTexts } from './corpus';

const kb = bundledKnowledge();
const TARGET = 0.95;

/** Comparison key for gap rows and citations: lower case, letters and digits only. */
function key(...parts: (string | null | undefined)[]): string {
  return parts.map((p) => (p ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '')).join('|');
}

/** Rows of the "Gaps" table in server/knowledge/README.md: guideline@edition | chapter | locator | ... */
function listedGaps(): Map<string, { searched: string }> {
  const readme = fs.readFileSync(path.join(ROOT, 'server', 'knowledge', 'README.md'), 'utf8');
  const start = readme.indexOf('## Gaps');
  assert.ok(start >= 0, 'server/knowledge/README.md has a "## Gaps" section');
  const out = new Map<string, { searched: string }>();
  for (const line of readme.slice(start).split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    // | guideline@edition | chapter | locator | what the letter says | searched |
    if (cells.length < 7 || !/^[a-z0-9-]+@[\w.-]+$/.test(cells[1])) continue;
    out.set(key(cells[1], cells[2], cells[3].replace(/`/g, '')), { searched: cells[5] });
  }
  return out;
}

interface Cited {
  readonly file: string;
  readonly citation: Citation;
  readonly locator: Locator;
  readonly entries: readonly KnowledgeEntry[];
  readonly hover: string;
}

function citedLocators(): Cited[] {
  const out: Cited[] = [];
  for (const { name, text } of fixtureTexts()) {
    const letter = parseLetter(text);
    const citations = findCitations(letter, text, kb);
    const date = letterEra(letter, kb).date;
    for (const c of citations) {
      if (c.kind === 'non-mtus' || c.kind === 'regulation') continue;
      for (const l of c.locators) {
        if (l.kind !== 'page' && l.kind !== 'section') continue;
        const entries = resolveLocator(kb, c, l, date).filter((e) => isStatable(e) && !e.nameOnly && e.summary.length > 0);
        const h = hoverAt(letter, text, l.span.start, kb, { markdown: false, citations });
        out.push({ file: name, citation: c, locator: l, entries, hover: h?.contents ?? '' });
      }
    }
  }
  return out;
}

function locatorText(l: Locator): string {
  if (l.kind === 'section') return `${l.number ? `${l.number} ` : ''}${l.name}`;
  return l.text;
}

describe('knowledge coverage of the citations in the fixture letters', () => {
  const cited = citedLocators();
  const gaps = listedGaps();

  test('the fixtures cite pages and sections in both text modes and every era', () => {
    assert.ok(cited.length > 600, `${cited.length} cited pages and sections`);
    assert.ok(cited.some((c) => c.file.startsWith('letters/layout/')), 'layout mode');
    assert.ok(cited.some((c) => c.file.startsWith('seeds/') && c.citation.edition === '2009'), '2013-2015 seeds (2009 pages)');
    assert.ok(cited.some((c) => c.citation.guideline === 'mtus-opioids' && c.locator.kind === 'section' && c.locator.number), 'numbered opioid sections');
  });

  test(`at least ${TARGET * 100}% hover with content from a sourced entry; the rest are listed as gaps with what was searched`, () => {
    let covered = 0;
    const missing: string[] = [];
    const byGuideline = new Map<string, { n: number; ok: number }>();
    for (const c of cited) {
      const g = `${c.citation.guideline}@${c.citation.edition}`;
      const stat = byGuideline.get(g) ?? { n: 0, ok: 0 };
      stat.n++;
      // Content: the hover shows the opening of a sourced entry's summary, and its sources.
      const shown = c.entries.find((e) => c.hover.includes(e.summary.slice(0, 60)));
      if (shown && /Sources \(/.test(c.hover)) {
        covered++;
        stat.ok++;
      } else {
        const chapter = c.citation.chapter?.name ?? '';
        const gap = gaps.get(key(g, chapter, locatorText(c.locator)));
        if (!gap) missing.push(`${c.file}: ${g} | ${chapter} | ${locatorText(c.locator)}`);
        else assert.ok(gap.searched.length > 10, `the gap ${g} ${locatorText(c.locator)} says what was searched`);
        // A gap keeps the words users and tests rely on.
        assert.match(c.hover, /not in the knowledge base|is a number where a section heading is expected/, `${c.file}: ${locatorText(c.locator)}`);
      }
      byGuideline.set(g, stat);
    }
    const share = covered / cited.length;
    const lines = [...byGuideline].sort().map(([g, s]) => `  ${g}: ${s.ok}/${s.n}`);
    console.log(`knowledge coverage: ${covered} of ${cited.length} cited pages and sections (${(share * 100).toFixed(1)}%) hover with sourced content\n${lines.join('\n')}`);
    assert.deepEqual([...new Set(missing)], [], 'citations without content must be listed under "## Gaps" in server/knowledge/README.md');
    // The READMEs state the figure this test measures.
    const pct = (share * 100).toFixed(1);
    const flat = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8').replace(/\s+/g, ' ');
    assert.ok(flat('server/knowledge/README.md').includes(`${covered} of ${cited.length} (${pct}%) hover with sourced content`), `server/knowledge/README.md should say "${covered} of ${cited.length} (${pct}%) hover with sourced content"`);
    assert.ok(flat('README.md').includes(`Of the ${cited.length} page and section citations in the fixture letters (both text modes, every era), ${covered} (${pct}%) hover`), `README.md should give ${covered} of ${cited.length} (${pct}%)`);
    assert.ok(share >= TARGET, `coverage ${(share * 100).toFixed(1)}% is below ${TARGET * 100}%`);
  });
});
