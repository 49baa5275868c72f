/**
 * The fields of a letter's model, compared between the text one PDF tool made of a letter and the
 * text poppler's `pdftotext` (default mode) made of it: the header fields, reviewer, patient,
 * item count, each item's request, decision, partial authorization and guideline blocks, and
 * every citation. Used by tools.test.ts (the golden test over test/fixtures/tools) and by
 * scripts/tool-accuracy.mjs (the per-tool table).
 *
 * Short fields are compared exactly. The long free-text blocks (the two guideline lines and the
 * decision rationale) are compared with blanks removed: tools differ in where they put spaces
 * and line breaks in running text, which is not a different value. Citations are compared as
 * what they resolve to (block, item, kind, guideline, edition) and their locators as written,
 * blanks and hyphens removed (pdftotext drops the hyphen of a word broken at a line end).
 */
import * as fs from 'fs';
import * as path from 'path';
import { findCitations, letterRecord, parseLetter } from '../../server/src/core';
import { FIXTURES } from '../paths';

/** Field name -> value, as a string ('' for null). */
export type Fields = Map<string, string>;

const squeeze = (s: string | null) => (s ?? '').replace(/[\s\u00a0\u00ad]+/g, '');

/** Every compared field of the model of `text`. */
export function modelFields(text: string): Fields {
  const letter = parseLetter(text);
  const r = letterRecord(letter, text, '');
  const f: Fields = new Map();
  f.set('caseNumber', r.caseNumber ?? '');
  f.set('priority', r.priority ?? '');
  for (const [k, v] of Object.entries(r.dates)) f.set(`dates.${k}`, v ?? '');
  f.set('reviewer.licensure', r.reviewer.licensure.join(' | '));
  f.set('reviewer.specialties', r.reviewer.specialties.join(' | '));
  f.set('patient.age', String(r.patient.age ?? ''));
  f.set('patient.sex', r.patient.sex ?? '');
  f.set('items', String(r.items.length));
  for (const it of r.items) {
    const p = `item${it.index + 1}.`;
    f.set(p + 'request', it.request);
    f.set(p + 'decision', it.decision ?? '');
    const pa = it.partialAuthorization;
    f.set(p + 'partial', pa ? `${pa.original} || ${pa.authorized ?? ''} || ${pa.remainder}` : '');
    f.set(p + 'claimsAdministratorGuideline', squeeze(it.claimsAdministratorGuideline));
    f.set(p + 'maximusGuideline', squeeze(it.maximusGuideline));
    f.set(p + 'rationale', squeeze(it.rationale));
  }
  // Citations: one field per distinct citation (where, kind, guideline, edition, locators), whose
  // value is how many times the letter makes it; a citation missing from a tool's text is one field.
  // A text read as no letter has none (what it cites is not a letter's).
  const counts = new Map<string, number>();
  for (const c of letter.isLetter ? findCitations(letter, text) : []) {
    const where = c.itemIndex === null ? c.block : `item${c.itemIndex + 1}.${c.block}`;
    const key = `citation ${where} ${c.kind} ${c.guideline} ${c.edition} ${squeeze(c.locators.map((l) => l.text).join(',')).replace(/-/g, '')}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [k, n] of [...counts].sort()) f.set(k, String(n));
  return f;
}

/** A field whose value from a tool's text differs from its value from pdftotext's. */
export interface FieldDifference {
  field: string;
  expected: string;
  actual: string;
}

/** The fields of `expected` (pdftotext's model) whose value in `actual` differs, and the fields
 *  only `actual` has (a citation pdftotext's text does not give). */
export function compareFields(expected: Fields, actual: Fields): FieldDifference[] {
  const out: FieldDifference[] = [];
  for (const [field, want] of expected) {
    const got = actual.get(field) ?? '(missing)';
    if (got !== want) out.push({ field, expected: want, actual: got });
  }
  for (const [field, got] of actual) if (!expected.has(field)) out.push({ field, expected: '(missing)', actual: got });
  return out;
}

/** A difference only in hyphens: pdftotext drops the hyphen of a word broken at a line end
 *  ("four-" / "week" gives "fourweek"), where the other tools keep it. */
export function hyphensOnly(d: FieldDifference): boolean {
  return d.expected !== d.actual && d.expected.replace(/-/g, '') === d.actual.replace(/-/g, '');
}

export const TOOLS_DIR = path.join(FIXTURES, 'tools');

/** The tools that have fixtures: the folders of test/fixtures/tools. */
export function toolNames(): string[] {
  return fs
    .readdirSync(TOOLS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** The letters a tool has text of (file names, as in test/fixtures/letters). */
export function toolLetters(tool: string): string[] {
  return fs.readdirSync(path.join(TOOLS_DIR, tool)).filter((f) => f.endsWith('.txt')).sort();
}

export function toolText(tool: string, letter: string): string {
  return fs.readFileSync(path.join(TOOLS_DIR, tool, letter), 'utf8');
}

export function pdftotextText(letter: string): string {
  return fs.readFileSync(path.join(FIXTURES, 'letters', letter), 'utf8');
}

export interface ToolScore {
  tool: string;
  letters: number;
  /** Fields compared: pdftotext's, and any only the tool's text gives. */
  fields: number;
  equal: number;
  /** Fields equal or differing only by pdftotext's dropped line-end hyphens. */
  equalButHyphens: number;
  /** Per letter, the fields that differ. */
  differences: Map<string, FieldDifference[]>;
}

/** Compares every letter of every tool (or of `only`) with pdftotext's model. */
export function scoreTools(only?: readonly string[]): ToolScore[] {
  const expected = new Map<string, Fields>();
  const scores: ToolScore[] = [];
  for (const tool of only ?? toolNames()) {
    const s: ToolScore = { tool, letters: 0, fields: 0, equal: 0, equalButHyphens: 0, differences: new Map() };
    for (const letter of toolLetters(tool)) {
      let want = expected.get(letter);
      if (!want) expected.set(letter, (want = modelFields(pdftotextText(letter))));
      const diff = compareFields(want, modelFields(toolText(tool, letter)));
      const extra = diff.filter((d) => d.expected === '(missing)').length;
      s.letters++;
      s.fields += want.size + extra;
      s.equal += want.size + extra - diff.length;
      s.equalButHyphens += want.size + extra - diff.filter((d) => !hyphensOnly(d)).length;
      if (diff.length) s.differences.set(letter, diff);
    }
    scores.push(s);
  }
  return scores;
}

/** Which kind of field a field name is (item and citation numbers dropped), for the table. */
export function fieldKind(field: string): string {
  return field.startsWith('citation ') ? 'citation' : field.replace(/^item\d+\./, 'item.');
}

/** `line` broken at blanks into lines of at most `width` characters (a word longer stays whole);
 *  with `hyphens`, a word of eight letters or more that does not fit is broken with a hyphen, as a
 *  word processor hyphenates. */
export function wrapLine(line: string, width: number, hyphens = false): string[] {
  const out: string[] = [];
  let cur = '';
  for (const w of line.split(' ')) {
    if (cur && cur.length + 1 + w.length > width) {
      const room = width - cur.length - 2;
      if (hyphens && /^[a-z]{8,}[.,]?$/i.test(w) && room >= 4 && w.length - room >= 4) {
        out.push(`${cur} ${w.slice(0, room)}-`);
        cur = w.slice(room);
      } else {
        out.push(cur);
        cur = w;
      }
    } else cur = cur ? `${cur} ${w}` : w;
  }
  return [...out, cur];
}

/** `text` with each line longer than `width` broken at blanks (`wrapLine`), as an e-mail client
 *  re-wraps a pasted text. */
export function wrapText(text: string, width: number, hyphens = false): string {
  return text
    .split('\n')
    .map((line) => (line.length > width ? wrapLine(line, width, hyphens).join('\n') : line))
    .join('\n');
}
