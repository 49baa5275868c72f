/**
 * Golden test over the text other PDF tools make of the corpus letters (test/fixtures/tools): for
 * every tool and letter, every field of the model (header, reviewer, patient, items, requests,
 * decisions, partial authorizations, guideline blocks, citations) is the same as from the
 * letter's pdftotext text, or is a difference recorded in test/fixtures/tools/DIFFERENCES.json
 * with its reason. A new difference fails (a regression), and so does a recorded one that is gone
 * or changed (the file must say what is true). Reasons with a rule are checked against it.
 *
 * Regenerate deliberately with `UPDATE_TOOL_DIFFERENCES=1`: differences a rule explains get that
 * reason, the others keep the reason written for them or become "unexplained", which fails.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { FieldDifference, hyphensOnly, scoreTools, TOOLS_DIR } from './tool-fields';

const FILE = path.join(TOOLS_DIR, 'DIFFERENCES.json');
const update = process.env.UPDATE_TOOL_DIFFERENCES === '1';

interface Recorded {
  field: string;
  reason: string;
  /** The first characters of each value, for a reader; `hash` pins the whole values. */
  pdftotext: string;
  tool: string;
  hash: string;
}

interface DifferencesFile {
  reasons: Record<string, string>;
  differences: Record<string, Record<string, Recorded[]>>;
}

/** Reasons a rule can check, with the rule. */
const RULES: Record<string, { text: string; holds: (d: FieldDifference) => boolean }> = {
  'line-end-hyphen': {
    text:
      'A word hyphenated at a line end: pdftotext prints it joined without its hyphen ("Electrodiagnostic", also "NonMTUS", ' +
      '"wellestablished"); this tool keeps the hyphen at the line end, and the parser keeps it ("Electro-diagnostic"). ' +
      'The values are equal once hyphens are taken out.',
    holds: hyphensOnly,
  },
  'blanks-only': {
    text:
      'The tool breaks a word by a space ("wit hout", "75 mg") that neither the form nor the letter\'s nearby text writes ' +
      'whole, so the parser leaves the pieces as written rather than guess; the characters are the same.',
    holds: (d) => d.expected.replace(/\s/g, '') === d.actual.replace(/\s/g, '') && d.expected !== d.actual,
  },
  'citation-not-found': {
    text:
      'The tool breaks words inside a guideline line ("Decisi on based on", "Treat ment 2016", "Inhib itors"): the ' +
      'citation scanner reads the words as written and does not find this citation (the item and its blocks are read).',
    holds: (d) => d.field.startsWith('citation ') && d.actual === '(missing)',
  },
  uncertain: {
    text:
      'The tool broke the text so that the value cannot be read for sure ("5 4 year old"): the parser leaves ' +
      'the field empty and reports why (patient-uncertain, header-value-uncertain) instead of guessing.',
    holds: (d) => d.actual === '' && d.expected !== '',
  },
};

function hash(d: FieldDifference): string {
  return createHash('sha1').update(d.expected + '\u0000' + d.actual).digest('hex').slice(0, 12);
}

function explain(d: FieldDifference, previous: Recorded | undefined): string {
  for (const [reason, rule] of Object.entries(RULES)) if (rule.holds(d)) return reason;
  return previous?.reason ?? 'unexplained';
}

describe('every tool reads like pdftotext, or the difference is recorded with its reason', () => {
  const scores = scoreTools();
  const recorded: DifferencesFile = fs.existsSync(FILE)
    ? JSON.parse(fs.readFileSync(FILE, 'utf8'))
    : { reasons: {}, differences: {} };

  if (update) {
    const out: DifferencesFile = { reasons: {}, differences: {} };
    for (const [k, r] of Object.entries(RULES)) out.reasons[k] = r.text;
    for (const [k, text] of Object.entries(recorded.reasons)) if (!(k in out.reasons)) out.reasons[k] = text;
    for (const s of scores) {
      const byLetter: Record<string, Recorded[]> = {};
      for (const [letter, diffs] of s.differences) {
        const before = recorded.differences[s.tool]?.[letter] ?? [];
        byLetter[letter] = diffs.map((d) => ({
          field: d.field,
          reason: explain(d, before.find((b) => b.field === d.field)),
          pdftotext: d.expected.slice(0, 60),
          tool: d.actual.slice(0, 60),
          hash: hash(d),
        }));
      }
      out.differences[s.tool] = byLetter;
    }
    fs.writeFileSync(FILE, JSON.stringify(out, null, 1) + '\n');
    Object.assign(recorded, out);
  }

  for (const s of scores) {
    test(`${s.tool}: ${s.equal} of ${s.fields} fields (${((100 * s.equal) / s.fields).toFixed(2)}%) as from pdftotext`, () => {
      const listed = recorded.differences[s.tool] ?? {};
      const problems: string[] = [];
      for (const [letter, diffs] of s.differences) {
        for (const d of diffs) {
          const r = (listed[letter] ?? []).find((x) => x.field === d.field);
          if (!r) problems.push(`${letter} ${d.field}: new difference: pdftotext ${JSON.stringify(d.expected.slice(0, 80))}, ${s.tool} ${JSON.stringify(d.actual.slice(0, 80))}`);
          else if (r.hash !== hash(d)) problems.push(`${letter} ${d.field}: value changed (was ${JSON.stringify(r.tool)}, now ${JSON.stringify(d.actual.slice(0, 60))})`);
          else if (!(r.reason in recorded.reasons) || r.reason === 'unexplained') problems.push(`${letter} ${d.field}: no reason recorded`);
          else if (RULES[r.reason] && !RULES[r.reason].holds(d)) problems.push(`${letter} ${d.field}: the reason "${r.reason}" does not hold`);
        }
      }
      for (const [letter, rs] of Object.entries(listed)) {
        const now = s.differences.get(letter) ?? [];
        for (const r of rs) if (!now.some((d) => d.field === r.field)) problems.push(`${letter} ${r.field}: recorded difference is gone (update the file)`);
      }
      assert.deepEqual(problems, [], 'run with UPDATE_TOOL_DIFFERENCES=1 after a deliberate change, and give new differences a reason');
    });
  }
});
