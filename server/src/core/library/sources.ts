/**
 * Sources of letters: the files (or letters of a merged file) a letter is read from, what made
 * each (text, -layout text, PDF), and their grouping into one entry per letter with the source to
 * use and why. Pure: no I/O, never throws, linear in the number of sources.
 */
import type { LetterIdentity } from './identity';
import { sameLetter } from './same-letter';

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
