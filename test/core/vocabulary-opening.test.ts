/**
 * `mayOpenVocabulary`: the test the parser makes on a line's first characters before it makes the
 * line's content and tries the headings, block labels and the issues lead-in on it. It must never
 * say no to a line that one of them matches, in any form the parser reads (the content with its
 * blanks collapsed, or with its blanks taken out): checked on every line of every fixture letter
 * and PDF tool text, and on the matching lines rewritten with other blanks, soft hyphens and
 * ligatures at random places.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { scanLines } from '../../server/src/core/lines';
import { matchSqueezed, mayOpenVocabulary } from '../../server/src/core/squeezed';
import { collapse } from '../../server/src/core/collapse';
import { BLOCK_LABELS, HEADINGS, ISSUES_LEAD_IN } from '../../server/src/core/vocabulary';
import { FIXTURES } from '../paths';
import { fixtureTexts } from './corpus';

/** What the line classifier tries on a line (trailing headings aside, which it tests otherwise). */
function matchesVocabulary(text: string, cs: number, ce: number): boolean {
  const c = collapse(text.slice(cs, Math.min(ce, cs + 400)));
  if (c.length <= 160 && HEADINGS.some((h) => h.re.test(c))) return true;
  if (BLOCK_LABELS.some((b) => b.re.test(c)) || ISSUES_LEAD_IN.test(c)) return true;
  return matchSqueezed(text, cs, ce) !== null;
}

function allTexts(): { name: string; text: string }[] {
  const out = fixtureTexts().map((f) => ({ name: f.name, text: f.text }));
  const root = path.join(FIXTURES, 'tools');
  for (const tool of fs.readdirSync(root)) {
    const dir = path.join(root, tool);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir)) if (f.endsWith('.txt')) out.push({ name: `${tool}/${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8') });
  }
  return out;
}

function* random(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2147483648;
    yield x;
  }
}

const BLANKS = [' ', '  ', '\t', '\u00a0', '\u2003', '\u3000', '\u200b', '\u202f', '\u2009 '];
const LIGATURES: [string, string][] = [['ffi', '\ufb03'], ['ffl', '\ufb04'], ['ff', '\ufb00'], ['fi', '\ufb01'], ['fl', '\ufb02']];

/**
 * `line` rewritten: its blanks replaced by other blanks (`blanks`), or soft hyphens and spaces put
 * inside its words and ligatures used (`inside`; the parser reads those with the blanks taken out).
 */
function rewrite(line: string, r: Generator<number>, mode: 'blanks' | 'inside'): string {
  const pick = (n: number) => r.next().value % n;
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === ' ') {
      out += mode === 'blanks' ? BLANKS[pick(BLANKS.length)] : ' ';
      continue;
    }
    const lig = mode === 'inside' && pick(3) === 0 ? LIGATURES.find(([l]) => line.startsWith(l, i)) : undefined;
    if (lig) {
      out += lig[1];
      i += lig[0].length - 1;
      continue;
    }
    out += c;
    const roll = mode === 'inside' ? pick(12) : -1;
    if (roll === 0) out += '\u00ad';
    else if (roll === 1) out += ' ';
  }
  return out;
}

describe('the opening test before a line is matched against the vocabulary', () => {
  const texts = allTexts();

  test('says yes for every line a heading, block label or the lead-in matches, on every fixture and tool text', () => {
    let matched = 0;
    let refused = 0;
    for (const { name, text } of texts) {
      for (const l of scanLines(text)) {
        if (l.cs === l.ce) continue;
        const may = mayOpenVocabulary(text, l.cs, l.ce);
        if (matchesVocabulary(text, l.cs, l.ce)) {
          matched++;
          assert.ok(may, `${name}: ${JSON.stringify(text.slice(l.cs, l.ce))}`);
        } else if (!may) refused++;
      }
    }
    assert.ok(matched > 2000, `${matched} matching lines`);
    // It spares the matchers most other lines.
    assert.ok(refused > 30_000, `${refused} lines refused`);
  });

  test('says yes for the matching lines rewritten with other blanks, soft hyphens, blanks inside words and ligatures', () => {
    const r = random(11);
    const seen = new Set<string>();
    const checked = [0, 0];
    for (const { text } of texts) {
      for (const l of scanLines(text)) {
        const line = text.slice(l.cs, l.ce);
        if (l.cs === l.ce || seen.has(line) || !matchesVocabulary(text, l.cs, l.ce)) continue;
        seen.add(line);
        for (let k = 0; k < 20; k++) {
          const variant = rewrite(line, r, k % 2 ? 'inside' : 'blanks');
          if (!matchesVocabulary(variant, 0, variant.length)) continue;
          checked[k % 2]++;
          assert.ok(mayOpenVocabulary(variant, 0, variant.length), JSON.stringify(variant));
        }
      }
    }
    assert.ok(checked[0] > 2000 && checked[1] > 1000, `${checked.join(' and ')} rewritten lines matched`);
  });
});
