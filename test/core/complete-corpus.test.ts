/**
 * A deleted "Section(s):" topic is offered back among the first completion items: for every section
 * cited in a Claims Administrator or MAXIMUS guideline block of the corpus letters, delete it, ask
 * for completion where it stood, and look for it among the first five entries. The rate is written
 * to the test log.
 *
 * Other letters (for example a set kept apart from the project) can be checked the same way:
 *   IMR_COMPLETION_LETTERS=/path/to/letters node --test out/test/core/complete-corpus.test.js
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';

import { findCitations, resolveLocator } from '../../server/src/core/citations';
import { completeAt } from '../../server/src/core/complete';
import { bundledKnowledge } from '../../server/src/core/knowledge';
import { parseLetter } from '../../server/src/core/parse';
import { FIXTURES } from '../paths';

const kb = bundledKnowledge();
const dir = process.env.IMR_COMPLETION_LETTERS ?? path.join(FIXTURES, 'letters');
/** Share of deleted topics that must come back in the first five (measured: 0.86 on the corpus). */
const MIN_TOP5 = Number(process.env.IMR_COMPLETION_MIN_TOP5 ?? 0.8);

function key(s: string): string {
  return s.toLowerCase().replace(/\([^()]*\)/g, ' ').replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, '');
}

test(`a deleted Section(s) topic comes back in the first five completion items (${path.basename(dir)})`, (t) => {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  assert.ok(files.length > 0, `letters in ${dir}`);
  let cases = 0;
  let first = 0;
  let top5 = 0;
  const misses: string[] = [];
  for (const f of files) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    const letter = parseLetter(text);
    for (const c of findCitations(letter, text, kb)) {
      if (c.block !== 'maximus' && c.block !== 'claimsAdministrator') continue;
      for (const l of c.locators) {
        if (l.kind !== 'section') continue;
        // The names the deleted topic goes by: as written, and its knowledge-base entry's names.
        const names = new Set([key(l.name), key(l.text)]);
        for (const e of resolveLocator(kb, c, l)) {
          for (const n of [e.locator.section ?? '', e.topic, ...(e.aliases ?? [])]) names.add(key(n));
          if (e.locator.sectionNumber) names.add(key(`${e.locator.sectionNumber} ${e.locator.section}`));
        }
        const cut = text.slice(0, l.span.start) + text.slice(l.span.end);
        const r = completeAt(parseLetter(cut), cut, l.span.start, kb, { markdown: false });
        const rank = r.entries.findIndex((e) => names.has(key(e.label)));
        cases++;
        if (rank === 0) first++;
        if (rank >= 0 && rank < 5) top5++;
        else misses.push(`${f}: "${l.name}" ${rank < 0 ? 'not offered' : `offered at ${rank + 1}`}`);
      }
    }
  }
  const rate = top5 / cases;
  t.diagnostic(`${cases} deleted topics: ${top5} in the first five (${(100 * rate).toFixed(1)}%), ${first} first (${((100 * first) / cases).toFixed(1)}%)`);
  for (const m of misses.slice(0, 60)) t.diagnostic(`  ${m}`);
  assert.ok(cases >= (process.env.IMR_COMPLETION_LETTERS ? 1 : 300), `${cases} cited sections found`);
  assert.ok(rate >= MIN_TOP5, `${(100 * rate).toFixed(1)}% in the first five, expected at least ${100 * MIN_TOP5}%`);
});
