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
 * (`sameLetter` states the rule); otherwise they stay apart: two different letters are never
 * merged to save a duplicate.
 *
 * Pure: no I/O, never throws, linear in the size of the model.
 */
import type { Letter } from '../types';
import type { LetterRecord } from '../extract';

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

/** What a source's text was made by, as far as it can be told. */
export type SourceKind = 'text' | 'layout' | 'pdf';

/** Which source wins a tie in completeness: plain text first, then -layout text, then the PDF. */
export const SOURCE_KIND_ORDER: readonly SourceKind[] = ['text', 'layout', 'pdf'];

export interface LetterSource {
  /** The file (path or URI) the letter was read from. */
  readonly path: string;
  /** 1-based position of the letter in its file when the file holds several letters. */
  readonly letterInFile?: number;
  readonly kind: SourceKind;
  readonly identity: LetterIdentity;
}

export interface LetterGroup<S extends LetterSource = LetterSource> {
  /** The identity key of the chosen source. */
  readonly key: string;
  /** The source used for this letter. */
  readonly chosen: S;
  /** Every source of the letter, the chosen one first, then by preference. */
  readonly sources: readonly S[];
  /** Why `chosen` was used, in words ("most complete (5 items, all header fields); text before PDF"). */
  readonly reason: string;
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
    rationale: it.rationale?.text ?? null,
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
    r.items.map((it) => ({ decision: it.decision, request: it.request, rationale: it.rationale })),
    [r.priority, r.reviewer.specialties.length > 0 ? 'x' : null, r.patient.age, r.patient.sex],
    errors,
    r.isLetter,
  );
}

function build(
  caseText: string | null,
  decisionDate: string | null,
  otherDates: readonly (string | null)[],
  rawItems: readonly { decision: string | null; request: string; rationale: string | null }[],
  extras: readonly unknown[],
  errors: number,
  isLetter: boolean,
): LetterIdentity {
  const caseNumber = caseText ? reduceUpper(caseText) || null : null;
  const items: IdentityItem[] = rawItems.map((it) => ({
    decision: it.decision === 'Upheld' ? 'U' : it.decision === 'Overturned' ? 'O' : '?',
    request: reduce(it.request),
    rationale: it.rationale ? reducedHash(it.rationale) : '',
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

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * `hash(reduce(s))` without building the reduced string (rationales are long): one pass over the
 * characters; only text with non-ASCII characters is normalised first.
 */
export function reducedHash(s: string): string {
  const t = NON_ASCII.test(s) ? s.normalize('NFKC').toLowerCase() : s;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < t.length; i++) {
    let c = t.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) continue;
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  return finish(h1, h2);
}

function reduceUpper(s: string): string {
  return s.normalize('NFKC').toUpperCase().replace(/[^A-Z0-9]+/g, '');
}

/** A 53-bit string hash (cyrb53) as base-36 text: identities compare fast and print short. */
function hash(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  return finish(h1, h2);
}

function finish(h1: number, h2: number): string {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

// ------------------------------------------------------------------------------------------ matching

export interface Match {
  readonly same: boolean;
  /** Why, in words: what agreed, or what told the two apart. */
  readonly reason: string;
}

/** Two requests read by different tools are the same request when this close (bigram Dice). */
const REQUEST_SIMILARITY = 0.9;

/**
 * Are two identities the same letter? The rule, careful by design:
 *  1. Anything both have that differs tells them apart: the case number, the decision date, any
 *     other header date, or the items (a different count, a different decision where both read
 *     one, or a request less than 90% alike), except that a copy whose items are a leading part
 *     of the other's (a cut-off copy) or that has no item at all is not told apart by its items.
 *  2. Then they are the same letter when the case number and the decision date agree; or the case
 *     number agrees and the items are equal; or, with no case number to compare, the decision date
 *     does not disagree, the items are equal and every item's rationale is the same text.
 *  Otherwise they are kept apart.
 */
export function sameLetter(a: LetterIdentity, b: LetterIdentity): Match {
  if (a.caseNumber && b.caseNumber && a.caseNumber !== b.caseNumber) return no('different case numbers');
  if (a.decisionDate && b.decisionDate && a.decisionDate !== b.decisionDate) return no('different decision dates');
  for (let i = 0; i < Math.min(a.otherDates.length, b.otherDates.length); i++) {
    const x = a.otherDates[i];
    const y = b.otherDates[i];
    if (x && y && x !== y) return no('different header dates');
  }
  const rel = itemsRelation(a.items, b.items);
  if (rel === 'different') return no('different items');
  const caseAgrees = a.caseNumber !== null && a.caseNumber === b.caseNumber;
  const dateAgrees = a.decisionDate !== null && a.decisionDate === b.decisionDate;
  if (caseAgrees && dateAgrees) return yes(`same case number and decision date${rel === 'equal' ? ' and items' : ''}`);
  if (caseAgrees && rel === 'equal') return yes('same case number and items');
  if (!caseAgrees && rel === 'equal' && a.items.length > 0) {
    const rationalesAgree = a.items.every((it, i) => it.rationale !== '' && it.rationale === b.items[i].rationale);
    if (rationalesAgree) return yes(`same items and rationales${dateAgrees ? ' and decision date' : ''}, no case number to compare`);
  }
  return no('not enough in common to tell they are the same letter');
}

function yes(reason: string): Match {
  return { same: true, reason };
}
function no(reason: string): Match {
  return { same: false, reason };
}

/** `equal` (same count, every item alike), `prefix` (one is a leading part, or empty), `different`. */
export function itemsRelation(a: readonly IdentityItem[], b: readonly IdentityItem[]): 'equal' | 'prefix' | 'different' {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x.decision !== '?' && y.decision !== '?' && x.decision !== y.decision) return 'different';
    if (x.request !== y.request && similarity(x.request, y.request) < REQUEST_SIMILARITY) return 'different';
  }
  return a.length === b.length ? 'equal' : 'prefix';
}

/** Dice coefficient of the character bigrams of two strings (1 = identical multisets). */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  // Requests are short (a heading); cap the work for pathological input.
  const x = a.slice(0, 2000);
  const y = b.slice(0, 2000);
  const counts = new Map<string, number>();
  for (let i = 0; i < x.length - 1; i++) {
    const g = x.slice(i, i + 2);
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  let common = 0;
  for (let i = 0; i < y.length - 1; i++) {
    const g = y.slice(i, i + 2);
    const c = counts.get(g) ?? 0;
    if (c > 0) {
      common++;
      counts.set(g, c - 1);
    }
  }
  return (2 * common) / (x.length - 1 + (y.length - 1));
}

// ------------------------------------------------------------------------------------------ sources

/**
 * The kind of a source: `pdf` for a PDF file, `layout` for text in `pdftotext -layout`'s shape
 * (header columns side by side), `text` for any other text.
 */
export function sourceKindOf(path: string, layout: string | null | undefined): SourceKind {
  if (/\.pdf$/i.test(path)) return 'pdf';
  return layout === 'columns' ? 'layout' : 'text';
}

/** Compares two sources of one letter: negative when `a` is to be preferred. */
export function compareSources(a: LetterSource, b: LetterSource): number {
  return (
    b.identity.completeness - a.identity.completeness ||
    SOURCE_KIND_ORDER.indexOf(a.kind) - SOURCE_KIND_ORDER.indexOf(b.kind) ||
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    (a.letterInFile ?? 0) - (b.letterInFile ?? 0)
  );
}

/** Most sources a group may be compared against before a source is kept on its own (linear time). */
const MAX_CANDIDATES = 32;

/**
 * Groups sources into one entry per letter, each with the source to use and why. Sources are
 * visited best first, so each letter's group is founded by its best source; a source joins a group
 * when it is the same letter as every member (`sameLetter`) and as no other group's; when it
 * matches none, or more than one, it is a letter of its own. The result is in the order of each
 * group's first source in the input. Linear in the number of sources (candidate groups are found
 * by case number, or by items when the case number is missing: `lookupKeys` and `groupKeys` say
 * which, for callers that group a part of their sources again).
 */
export function groupLetters<S extends LetterSource>(sources: readonly S[]): LetterGroup<S>[] {
  const order = sources.map((_, i) => i).sort((i, j) => compareSources(sources[i], sources[j]) || i - j);
  const groups: { members: number[]; first: number }[] = [];
  const byCase = new Map<string, number[]>();
  const byItems = new Map<string, number[]>();
  const byNoCaseItems = new Map<string, number[]>();
  const byDate = new Map<string, number[]>();
  const index = (map: Map<string, number[]>, key: string, g: number) => {
    const list = map.get(key);
    if (!list) map.set(key, [g]);
    else if (list[list.length - 1] !== g) list.push(g);
  };
  for (const i of order) {
    const id = sources[i].identity;
    const candidates = new Set<number>();
    const add = (list: number[] | undefined) => {
      if (list) for (const g of list.slice(0, MAX_CANDIDATES)) candidates.add(g);
    };
    if (id.caseNumber) {
      add(byCase.get(id.caseNumber));
      // A group founded by a source with no case number can still be this letter (a group of
      // sources with another case number cannot).
      if (id.itemsKey) add(byNoCaseItems.get(id.itemsKey));
    } else {
      if (id.itemsKey) add(byItems.get(id.itemsKey));
      if (id.decisionDate) add(byDate.get(id.decisionDate));
    }
    const matching = [...candidates].filter((g) => groups[g].members.every((m) => sameLetter(sources[m].identity, id).same));
    let g: number;
    if (matching.length === 1) {
      g = matching[0];
      groups[g].members.push(i);
      groups[g].first = Math.min(groups[g].first, i);
    } else {
      g = groups.length;
      groups.push({ members: [i], first: i });
    }
    if (id.caseNumber) index(byCase, id.caseNumber, g);
    if (id.itemsKey) index(byItems, id.itemsKey, g);
    if (!id.caseNumber && id.itemsKey) index(byNoCaseItems, id.itemsKey, g);
    if (!id.caseNumber && id.decisionDate) index(byDate, id.decisionDate, g);
  }
  return groups
    .sort((a, b) => a.first - b.first)
    .map(({ members }) => {
      const list = members.map((m) => sources[m]).sort(compareSources);
      return { key: list[0].identity.key, chosen: list[0], sources: list, reason: choiceReason(list) };
    });
}

/** Why the first source of a sorted group was chosen, in words. */
export function choiceReason(sorted: readonly LetterSource[]): string {
  const best = sorted[0];
  const what = describeCompleteness(best.identity);
  if (sorted.length === 1) return `the only source (${what})`;
  const next = sorted[1];
  if (best.identity.completeness > next.identity.completeness) return `most complete (${what})`;
  if (best.kind !== next.kind) return `as complete as the others (${what}); ${KIND_NAMES[best.kind]} is preferred to ${KIND_NAMES[next.kind]}`;
  return `as complete as the others (${what}); first by name`;
}

export const KIND_NAMES: Readonly<Record<SourceKind, string>> = {
  text: 'text',
  layout: '-layout text',
  pdf: 'the PDF',
};

function describeCompleteness(id: LetterIdentity): string {
  const parts = [`${id.items.length} item${id.items.length === 1 ? '' : 's'}`];
  const missing: string[] = [];
  if (!id.caseNumber) missing.push('case number');
  if (!id.decisionDate) missing.push('decision date');
  if (id.items.some((it) => it.decision === '?')) missing.push('a decision');
  parts.push(missing.length ? `no ${missing.join(', ')}` : 'case number and decision date');
  return parts.join(', ');
}

/**
 * The keys under which `groupLetters` looks for the groups a source may join: its case number and
 * the items of groups holding a source with no case number (`n:`); with no case number, the items
 * of any group (`i:`) and the decision date (`d:`).
 */
export function lookupKeys(id: LetterIdentity): string[] {
  const keys: string[] = [];
  if (id.caseNumber) {
    keys.push(`c:${id.caseNumber}`);
    if (id.itemsKey) keys.push(`n:${id.itemsKey}`);
  } else {
    if (id.itemsKey) keys.push(`i:${id.itemsKey}`);
    if (id.decisionDate) keys.push(`d:${id.decisionDate}`);
  }
  return keys;
}

/**
 * The keys under which `groupLetters` finds a group holding this source (`lookupKeys`). Grouping
 * again every group reached from a set of sources through these keys, and from those groups'
 * sources in turn, gives the same groups as grouping every source again.
 */
export function groupKeys(id: LetterIdentity): string[] {
  const keys: string[] = [];
  if (id.caseNumber) keys.push(`c:${id.caseNumber}`);
  if (id.itemsKey) keys.push(`i:${id.itemsKey}`);
  if (!id.caseNumber && id.itemsKey) keys.push(`n:${id.itemsKey}`);
  if (!id.caseNumber && id.decisionDate) keys.push(`d:${id.decisionDate}`);
  return keys;
}
