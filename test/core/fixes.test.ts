/**
 * Quick fixes that write (`core/fixes`): each module's cases (`<fix>.cases.ts`, a letter with the
 * defect in, the letter after the fix out), and on the fixture letters: every block and every
 * section heading taken out of a real letter is written back in its place by the fix, which clears
 * the diagnostic and adds no other problem.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';

import { diagnose, RULES } from '../../server/src/core/diagnostics';
import type { Diagnostic } from '../../server/src/core/diagnostics';
import { parseLetter } from '../../server/src/core/parse';
import type { Letter } from '../../server/src/core/types';
import { FIX_MODULES, fixesFor } from '../../server/src/core/fixes';
import type { CodeFix, FixCase } from '../../server/src/core/fixes';
import { cases as itemNoDecision } from '../../server/src/core/fixes/item-no-decision.cases';
import { cases as missingBlock } from '../../server/src/core/fixes/missing-block.cases';
import { cases as missingSection } from '../../server/src/core/fixes/missing-section.cases';
import { cases as contradicts } from '../../server/src/core/fixes/rationale-contradicts-decision.cases';
import { cases as textQuoted } from '../../server/src/core/fixes/text-quoted.cases';
import { FIXTURES } from '../paths';

const CASES: Record<string, readonly FixCase[]> = {
  'missing-block': missingBlock,
  'item-no-decision': itemNoDecision,
  'missing-section': missingSection,
  'rationale-contradicts-decision': contradicts,
  'text-quoted': textQuoted,
};

function apply(text: string, fix: CodeFix): string {
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

function check(text: string): { letter: Letter; diagnostics: Diagnostic[] } {
  const letter = parseLetter(text);
  return { letter, diagnostics: diagnose(letter, text) };
}

const serious = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => d.code).sort();

describe('quick fixes: the cases beside each fix', () => {
  test('every fix module has cases and fixes a code of the rule table', () => {
    for (const m of FIX_MODULES) {
      assert.ok(RULES.some((r) => r.code === m.code), m.code);
      assert.ok((CASES[m.code] ?? []).length > 0, `cases for ${m.code}`);
    }
  });
  for (const [code, cases] of Object.entries(CASES)) {
    for (const c of cases) {
      test(`${code}: ${c.name}`, () => {
        const { letter, diagnostics } = check(c.before);
        const found = diagnostics.filter((d) => d.code === code);
        const d = found[c.nth ?? 0];
        assert.ok(d, `a ${code} diagnostic (got ${diagnostics.map((x) => x.code).join(', ') || 'none'})`);
        const fixes = fixesFor(letter, c.before, d);
        const fix = fixes.find((f) => f.title.includes(c.title));
        assert.ok(fix, `a fix titled ${c.title} (got ${fixes.map((f) => f.title).join(' | ')})`);
        if (c.preferred !== undefined) assert.equal(fix.isPreferred === true, c.preferred, 'preferred');
        if (c.after !== undefined) {
          const after = apply(c.before, fix);
          assert.equal(after, c.after);
          assert.equal(check(after).diagnostics.filter((x) => x.code === code).length, found.length - 1, `one ${code} fewer`);
        }
        if (c.show) {
          assert.deepEqual(fix.edits, [], 'nothing written');
          assert.deepEqual(fix.show?.map((s) => c.before.slice(s.start, s.end)), c.show);
        }
      });
    }
  }
});

// ------------------------------------------------------------------------------------------ fixture letters

const LETTERS = fs.readdirSync(path.join(FIXTURES, 'letters')).filter((f) => f.endsWith('.txt')).sort();

function wholeLines(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  while (s > 0 && text[s - 1] !== '\n') s--;
  let e = Math.max(end, s);
  while (e < text.length && text[e] !== '\n') e++;
  return { start: s, end: Math.min(text.length, e + 1) };
}

describe('quick fixes on the fixture letters', () => {
  test('a block taken out of any item is written back in its place, and nothing else is reported', () => {
    let tried = 0;
    const failures: string[] = [];
    for (const file of LETTERS) {
      const text = fs.readFileSync(path.join(FIXTURES, 'letters', file), 'utf8');
      const { letter, diagnostics } = check(text);
      if (letter.format !== 'F1b' && letter.format !== 'F1a') continue;
      const baseline = serious(diagnostics);
      for (const item of letter.items) {
        for (const kind of ['claimsAdministrator', 'maximus', 'rationale'] as const) {
          const block = item[kind];
          if (!block) continue;
          const cut = wholeLines(text, block.label.start, block.span.end);
          const damaged = text.slice(0, cut.start) + text.slice(cut.end);
          const before = check(damaged);
          const d = before.diagnostics.find((x) => x.code === 'missing-block' && x.data?.item === item.index && x.data?.kind === kind);
          if (!d) continue; // the cut changed the letter's shape (the parser reads it otherwise)
          tried++;
          const fix = fixesFor(before.letter, damaged, d).find((f) => f.title.startsWith('Add the'));
          if (!fix) {
            failures.push(`${file} item ${item.index + 1} ${kind}: no fix`);
            continue;
          }
          const fixed = apply(damaged, fix);
          const at = fix.edits[0].span.start;
          const after = check(fixed);
          const written = after.letter.items[item.index]?.[kind];
          if (!written || written.label.start < at || written.label.start > at + 2) failures.push(`${file} item ${item.index + 1} ${kind}: not read back as the block`);
          // Where the block stood, give or take the blank lines or page break around it.
          else if (damaged.slice(Math.min(at, cut.start), Math.max(at, cut.start)).trim() !== '') {
            failures.push(`${file} item ${item.index + 1} ${kind}: written at ${at}, the block stood at ${cut.start}`);
          }
          const extra = serious(after.diagnostics).filter((c) => !baseline.includes(c));
          if (extra.length) failures.push(`${file} item ${item.index + 1} ${kind}: new ${extra.join(', ')}`);
        }
      }
    }
    assert.ok(tried >= 600, `blocks tried: ${tried}`);
    assert.deepEqual(failures, []);
  });

  test('a section heading taken out is written back in its place: the same words in the same order as the original', () => {
    let tried = 0;
    const failures: string[] = [];
    const words = (t: string) => t.replace(/[\s\f]+/g, ' ').trim();
    for (const file of LETTERS) {
      const text = fs.readFileSync(path.join(FIXTURES, 'letters', file), 'utf8');
      const { letter } = check(text);
      if (letter.format !== 'F1b' && letter.format !== 'F1a') continue;
      for (const section of letter.sections) {
        if (section.kind === 'header') continue;
        // The heading and its line break; a page break before it stays.
        const end = text.indexOf('\n', section.heading.end);
        const damaged = text.slice(0, section.heading.start) + text.slice(end < 0 ? text.length : end + 1);
        const before = check(damaged);
        const d = before.diagnostics.find((x) => x.code === 'missing-section' && x.data?.kind === section.kind);
        if (!d) continue;
        tried++;
        const fix = fixesFor(before.letter, damaged, d)[0];
        if (!fix) {
          failures.push(`${file} ${section.kind}: no fix`);
          continue;
        }
        const fixed = apply(damaged, fix);
        if (words(fixed) !== words(text)) failures.push(`${file} ${section.kind}: ${JSON.stringify(fix.edits)} does not restore the heading`);
        else if (check(fixed).diagnostics.some((x) => x.code === 'missing-section')) failures.push(`${file} ${section.kind}: still missing`);
      }
    }
    assert.ok(tried >= 380, `headings tried: ${tried}`);
    assert.deepEqual(failures, []);
  });
});
