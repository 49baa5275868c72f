/**
 * The snippets (package.json `contributes.snippets`, language `imr`): each expands, with its
 * placeholders left at their defaults, to text the parser reads as intended: a disputed item with
 * its decision and three blocks, a partial-authorization heading, a letter of each format.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';

import { diagnose } from '../../server/src/core/diagnostics';
import { parseLetter } from '../../server/src/core/parse';
import { FIXTURES, ROOT } from '../paths';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

interface Snippet {
  prefix: string | string[];
  body: string[];
  description: string;
}

function snippets(): Record<string, Snippet> {
  const entries = pkg.contributes.snippets as { language: string; path: string }[];
  assert.deepEqual(entries.map((e) => e.language), ['imr']);
  return JSON.parse(fs.readFileSync(path.join(ROOT, entries[0].path), 'utf8'));
}

/**
 * Expands a snippet body as an editor would with every placeholder left as proposed: `${n:text}`
 * gives its text, `${n|a,b|}` its first choice, `$n` and `${n}` nothing. Checks the syntax on the way.
 */
function expand(body: string[], values: Record<string, string> = {}): string {
  const text = body.join('\n');
  const out = text.replace(/\$\{(\d+):([^}$]*)\}|\$\{(\d+)\|([^|]*)\|\}|\$\{(\d+)\}|\$(\d+)/g, (_m, n1, def, n2, choices, n3) => {
    if (n1 !== undefined) return values[def] ?? def;
    if (n2 !== undefined) return (choices as string).split(',')[0];
    if (n3 !== undefined) return '';
    return '';
  });
  assert.ok(!/\$\{|\$\d/.test(out), `unexpanded snippet syntax in: ${out}`);
  return out.replace(/\\\$/g, '$');
}

function byPrefix(prefix: string): Snippet {
  const s = Object.values(snippets()).find((x) => ([] as string[]).concat(x.prefix).includes(prefix));
  assert.ok(s, `a snippet with prefix ${prefix}`);
  return s;
}

const DATES = { 'MM/DD/YYYY': '01/20/2017', 'CM17-0000000': 'CM17-0012345' };

describe('snippets', () => {
  test('every snippet has a prefix, a description and a body that expands', () => {
    const all = snippets();
    assert.ok(Object.keys(all).length >= 7);
    for (const [name, s] of Object.entries(all)) {
      assert.ok(([] as string[]).concat(s.prefix).length > 0, name);
      assert.ok(s.description.length > 20, name);
      expand(s.body);
    }
  });

  test('a disputed item added to a real letter is read as one more item with its decision and three blocks', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'letters', '2017_format1b_CM16-0238035.txt'), 'utf8');
    const before = parseLetter(text);
    const added = `${text.replace(/\s*$/, '')}\n${expand(byPrefix('item').body)}\n`;
    const after = parseLetter(added);
    assert.equal(after.items.length, before.items.length + 1);
    const item = after.items[after.items.length - 1];
    assert.equal(item.request, 'Requested treatment');
    assert.equal(item.decision, 'Upheld');
    assert.ok(item.claimsAdministrator && item.maximus && item.rationale);
    const codes = diagnose(after, added).map((d) => d.code);
    for (const c of ['missing-block', 'item-no-decision', 'block-count-mismatch', 'unknown-decision']) assert.ok(!codes.includes(c), `${c} in ${codes.join(', ')}`);
  });

  test('the partial-authorization headings are read as partial authorizations', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'letters', '2017_format1b_CM16-0238035.txt'), 'utf8');
    const blocks = expand(byPrefix('item').body).split('\n').slice(1).join('\n');
    for (const [prefix, remainder] of [['partial', 'Remaining portion'], ['partial-other', 'Original request']]) {
      const added = `${text.replace(/\s*$/, '')}\n${expand(byPrefix(prefix).body).trimEnd()}\n${blocks}\n`;
      const item = parseLetter(added).items.at(-1)!;
      assert.ok(item.partialAuthorization, prefix);
      assert.equal(item.request, remainder, prefix);
      assert.equal(item.decision, 'Upheld', prefix);
    }
  });

  test('a new letter of each format is read as that format, with its sections', () => {
    const expected: [string, string, string[]][] = [
      ['letter-f1b', 'F1b', ['header', 'how', 'credentials', 'summary', 'issues']],
      ['letter-f1a', 'F1a', ['how', 'summary', 'issues']],
      ['letter-f0', 'F0', ['notice', 'rationale', 'qualifications', 'summary']],
      ['letter-f2', 'F2', ['how', 'documents', 'summary', 'issues']],
      ['letter-f3', 'F3', ['issues', 'summary', 'documents', 'guidelines', 'rationale', 'qualifications']],
    ];
    for (const [prefix, format, sections] of expected) {
      const text = expand(byPrefix(prefix).body, DATES);
      const letter = parseLetter(text);
      assert.equal(letter.format, format, `${prefix}: ${letter.format}`);
      assert.ok(letter.isLetter, prefix);
      assert.deepEqual(letter.sections.map((s) => s.kind).filter((k) => sections.includes(k)), sections, prefix);
      if (format === 'F1b' || format === 'F1a') {
        assert.equal(letter.items.length, 1, prefix);
        const errors = diagnose(letter, text).filter((d) => d.severity === 'error').map((d) => d.code);
        assert.deepEqual(errors, [], prefix);
      }
    }
    const f1b = parseLetter(expand(byPrefix('letter-f1b').body, DATES));
    assert.equal(f1b.header.length, 7);
    assert.equal(f1b.caseNumber?.text, 'CM17-0012345');
    assert.equal(f1b.dates.decision?.iso, '2017-01-20');
  });
});
