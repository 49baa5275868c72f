/**
 * Every diagnostic rule against its own test cases, kept beside it as data
 * (`server/src/core/rules/<module>.cases.ts`, see `rules/case-letter.ts`): each case is a letter
 * with the expected diagnostics marked under the text they cover, and must produce exactly those.
 * Every rule has at least one case that shows it firing; every rule module has a cases file.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { diagnose, parseLetter } from '../../server/src/core';
import type { RuleCase } from '../../server/src/core/rules/case-letter';
import { RULE_MODULES } from '../../server/src/core/rules';

interface Expected {
  code: string;
  start: number;
  end: number;
  /** The carets reach the end of their line: the diagnostic may go on past it. */
  toLineEnd: boolean;
  words: string | null;
  /** The annotation as written, for messages. */
  written: string;
}

const ANNOTATION = /^( *)(\^+) ([a-z]+(?:-[a-z]+)*)(?:: (.*))?$/;

/** The letter without its annotation lines, and what they expect. */
function read(annotated: string): { text: string; expected: Expected[] } {
  const lines = annotated.split('\n');
  const kept: string[] = [];
  const expected: Expected[] = [];
  let offset = 0;
  let lastStart = -1;
  let last = '';
  for (const line of lines) {
    const m = ANNOTATION.exec(line);
    if (m && lastStart >= 0) {
      const col = m[1].length;
      const len = m[2].length;
      const content = last.trimEnd().length;
      expected.push({ code: m[3], start: lastStart + col, end: lastStart + col + len, toLineEnd: col + len >= content, words: m[4] ?? null, written: line.trim() });
      continue;
    }
    kept.push(line);
    lastStart = offset;
    last = line;
    offset += line.length + 1;
  }
  return { text: kept.join('\n'), expected };
}

function casesOf(module: string): RuleCase[] | null {
  const file = path.join(__dirname, '..', '..', 'server', 'src', 'core', 'rules', `${module}.cases.js`);
  if (!fs.existsSync(file)) return null;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(file) as { cases: RuleCase[] }).cases;
}

for (const [module, m] of Object.entries(RULE_MODULES)) {
  describe(`rules/${module}`, () => {
    const cases = casesOf(module);
    test('has its cases file, with a case that fires each of its rules', () => {
      assert.ok(cases && cases.length > 0, `server/src/core/rules/${module}.cases.ts is missing or empty`);
      const fired = new Set(cases.flatMap((c) => read(c.text).expected.map((e) => e.code)));
      // internal-error stands for a bug: no text makes the parser fail, so no case can show it.
      for (const rule of m.rules) if (rule.code !== 'internal-error') assert.ok(fired.has(rule.code), `no case of ${module}.cases.ts expects ${rule.code}`);
    });
    for (const c of cases ?? []) {
      test(c.name, () => {
        const { text, expected } = read(c.text);
        const found = diagnose(parseLetter(text), text, c.options);
        const unmatched = [...expected];
        const extra: string[] = [];
        for (const d of found) {
          const i = unmatched.findIndex(
            (e) =>
              e.code === d.code &&
              e.start === d.span.start &&
              // One caret marks an empty range at its position.
              (e.end === d.span.end || (e.toLineEnd && d.span.end > e.end) || (d.span.end === d.span.start && e.end === e.start + 1)) &&
              (e.words === null || d.message.includes(e.words)),
          );
          if (i >= 0) unmatched.splice(i, 1);
          else extra.push(`${d.code} at ${JSON.stringify(text.slice(d.span.start, Math.min(d.span.end, d.span.start + 60)))}: ${d.message}`);
        }
        assert.deepEqual(
          { missing: unmatched.map((e) => `${e.written} (at ${JSON.stringify(text.slice(e.start, e.end))})`), unexpected: extra },
          { missing: [], unexpected: [] },
        );
      });
    }
  });
}
