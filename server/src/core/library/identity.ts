/**
 * Which letter is this? One letter reaches users in several files: the PDF DWC posted, its
 * `pdftotext` text, its `pdftotext -layout` text, text copied out of a browser or made by another
 * tool. This module gives every read letter an identity that is the same whatever tool made the
 * text, and groups sources into one entry per letter, choosing the source to show and saying why.
 *
 * The identity is read from the model (a parsed `Letter` or its extraction record):
 *  - the case number, upper-cased with everything but letters and digits deleted (`CM16 -0213037`,
 *    `CM16–0213037` and `CM16-0213037` agree);
 *  - the decision date (ISO) and the other header dates;
 *  - the items in order: decision and request, the request reduced to ASCII letters and digits after
 *    Unicode compatibility folding (so line breaks, hyphenation, spaces inside words, ligatures,
 *    `Â§`-style mojibake, `?` for an apostrophe and soft hyphens make no difference; quantities
 *    are kept, two letters that differ only in a quantity are two letters);
 *  - a fingerprint of each item's rationale, reduced the same way (supporting evidence only).
 *
 * `key` is `CASE|DATE|ITEMS` (ITEMS a hash of the items), the same for every clean extraction of a
 * letter. When a field is missing (a tool could not read the header, a copy is cut off), two
 * sources are the same letter only when nothing they both have disagrees and enough agrees
 * (`sameLetter` in same-letter.ts states the rule); otherwise they stay apart: two different
 * letters are never merged to save a duplicate. Grouping sources into letters: sources.ts.
 *
 * Pure: no I/O, never throws, linear in the size of the model.
 */
import { hash, reducedHash } from '../hash';
import { blockTextHash } from '../parse';
import type { Letter } from '../types';
import type { LetterRecord } from '../extract';

export { reducedHash };

// ------------------------------------------------------------------------------------------ types

export interface IdentityItem {
  /** `U`, `O` or `?` (no decision read). */
  readonly decision: 'U' | 'O' | '?';
  /** The request as ASCII lower-case letters and digits only. */
  readonly request: string;
  /** Hash of the rationale reduced the same way; '' when the item has no rationale. */
  readonly rationale: string;
}

export interface LetterIdentity {
  /** Case number reduced to upper-case letters and digits (`CM160239569`); null when not read. */
  readonly caseNumber: string | null;
  /** The case number as written (for display); null when not read. */
  readonly caseNumberText: string | null;
  /** Decision date, ISO; null when not read. */
  readonly decisionDate: string | null;
  /** The other header dates (ISO or null), used to tell letters apart when a field is missing. */
  readonly otherDates: readonly (string | null)[];
  readonly items: readonly IdentityItem[];
  /** Hash of the items (decisions and requests); '' when the letter has no item. */
  readonly itemsKey: string;
  /** `CASE|DATE|ITEMS`, with `?` for a field not read. Equal keys with no `?` are the same letter. */
  readonly key: string;
  /** True when case number, decision date and at least one item were all read. */
  readonly complete: boolean;
  /** How much of the letter was read: larger is more complete (see `completenessOf`). */
  readonly completeness: number;
}

/** What `identityOf` reads: a parsed letter or its extraction record. */
export type IdentityInput = Letter | LetterRecord;

// ------------------------------------------------------------------------------------------ identity

/** The identity of a parsed letter or of an extraction record. Never throws. */
export function identityOf(input: IdentityInput): LetterIdentity {
  try {
    return 'schemaVersion' in input ? fromRecord(input) : fromLetter(input);
  } catch {
    return build(null, null, [], [], [], 0, false);
  }
}

function fromLetter(l: Letter): LetterIdentity {
  const d = l.dates;
  const items = l.items.map((it) => ({
    decision: it.decision,
    request: it.request,
    rationaleHash: it.rationale ? blockTextHash(it.rationale) : '',
  }));
  const errors = l.problems.reduce((n, p) => n + (p.severity === 'error' ? 1 : 0), 0);
  return build(
    l.caseNumber?.text ?? null,
    d.decision?.iso ?? null,
    [d.assigned?.iso ?? null, d.injury?.iso ?? null, d.urDenial?.iso ?? null, d.applicationReceived?.iso ?? null],
    items,
    [l.priority?.text ?? null, l.reviewer.specialties.length > 0 ? 'x' : null, l.patient.age, l.patient.sex],
    errors,
    l.isLetter,
  );
}

function fromRecord(r: LetterRecord): LetterIdentity {
  const d = r.dates;
  const errors = r.problems.reduce((n, p) => n + (p.severity === 'error' ? 1 : 0), 0);
  return build(
    r.caseNumber,
    d.decision,
    [d.assigned, d.injury, d.urDenial, d.applicationReceived],
    r.items.map((it) => ({ decision: it.decision, request: it.request, rationaleHash: it.rationale ? reducedHash(it.rationale) : '' })),
    [r.priority, r.reviewer.specialties.length > 0 ? 'x' : null, r.patient.age, r.patient.sex],
    errors,
    r.isLetter,
  );
}

function build(
  caseText: string | null,
  decisionDate: string | null,
  otherDates: readonly (string | null)[],
  /** Each item's rationale as `reducedHash` gives it ('' for none). */
  rawItems: readonly { decision: string | null; request: string; rationaleHash: string }[],
  extras: readonly unknown[],
  errors: number,
  isLetter: boolean,
): LetterIdentity {
  const caseNumber = caseText ? caseKey(caseText) : null;
  const items: IdentityItem[] = rawItems.map((it) => ({
    decision: it.decision === 'Upheld' ? 'U' : it.decision === 'Overturned' ? 'O' : '?',
    request: reduce(it.request),
    rationale: it.rationaleHash,
  }));
  const itemsKey = items.length === 0 ? '' : hash(items.map((i) => `${i.decision}:${i.request}`).join('\n'));
  const key = `${caseNumber ?? '?'}|${decisionDate ?? '?'}|${itemsKey || '?'}`;
  const complete = caseNumber !== null && decisionDate !== null && items.length > 0;
  const completeness = completenessOf({ caseNumber, decisionDate, otherDates, items, extras, errors, isLetter });
  return {
    caseNumber,
    caseNumberText: caseText,
    decisionDate,
    otherDates,
    items,
    itemsKey,
    key,
    complete,
    completeness,
  };
}

/**
 * Completeness, the basis for choosing which source of a letter to use: a recognised letter counts
 * most; then each item with its decision and rationale; then each header field read (case number,
 * the five dates, priority, reviewer specialty, patient age and sex); an error the parser met
 * counts against.
 */
function completenessOf(f: {
  caseNumber: string | null;
  decisionDate: string | null;
  otherDates: readonly (string | null)[];
  items: readonly IdentityItem[];
  extras: readonly unknown[];
  errors: number;
  isLetter: boolean;
}): number {
  let n = f.isLetter ? 1000 : 0;
  for (const it of f.items) n += 10 + (it.decision !== '?' ? 10 : 0) + (it.rationale ? 5 : 0);
  if (f.caseNumber) n += 4;
  if (f.decisionDate) n += 4;
  for (const d of f.otherDates) if (d) n += 2;
  for (const e of f.extras) if (e !== null && e !== undefined) n += 1;
  return n - 3 * Math.min(f.errors, 100);
}

/** NFKC, lower case, ASCII letters and digits only. */
export function reduce(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** A case number as letters compare it: ASCII letters (upper case) and digits only, so "CM16-0238035"
 *  and "cm16 0238035" are one case; null when nothing is left. */
export function caseKey(text: string): string | null {
  return reduceUpper(text) || null;
}

function reduceUpper(s: string): string {
  return s.normalize('NFKC').toUpperCase().replace(/[^A-Z0-9]+/g, '');
}

