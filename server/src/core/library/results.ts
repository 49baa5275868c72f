/**
 * What the letter library's questions answer with (symbols, references, search and similar
 * items, groups for the Letters view), and the small helpers every question shares: the best N
 * results without sorting everything, the item as a result lists it, filter words.
 */
import type { LibraryItem, LibraryLetter, Range } from './entries';
import type { GroupKey } from './grouping';
import type { LetterGroup, LetterSource, SourceKind } from './sources';

/** One letter read from one file. */
export interface LibrarySource extends LetterSource {
  readonly letter: LibraryLetter;
}

/** A letter of the library: its group of sources and the one used. */
export type LibraryEntry = LetterGroup<LibrarySource>;

export interface SymbolHit {
  readonly kind: 'item' | 'letter';
  readonly name: string;
  /** "Upheld · CM16-0239569 · 2017-01-24" for an item; "2017-01-24 · 5 items" for a letter. */
  readonly container: string;
  readonly path: string;
  readonly range: Range;
  readonly decision: LibraryItem['decision'];
  readonly score: number;
}

export interface Reference {
  readonly path: string;
  readonly range: Range;
  readonly label: string;
}

/** An item of the library as a result lists it: where it is, what was asked and decided, by whom. */
export interface ItemHit {
  readonly path: string;
  readonly range: Range;
  readonly request: string;
  readonly decision: LibraryItem['decision'];
  readonly caseNumber: string | null;
  readonly decisionDate: string | null;
  readonly specialties: readonly string[];
  readonly closing: string | null;
  readonly score: number;
}

export interface SimilarHit extends ItemHit {
  /** What they share: the request's words, and whether the same locator is cited. */
  readonly sharedWords: readonly string[];
  readonly sameCitation: boolean;
}

export interface SearchHit extends ItemHit {
  readonly guidelines: readonly string[];
  /** How the item matched: its request (fuzzy), its letter's case number, or every word somewhere in it. */
  readonly matched: 'request' | 'case' | 'words';
}

export interface GroupSummary extends GroupKey {
  readonly letters: number;
  readonly items: number;
  readonly upheld: number;
  readonly overturned: number;
}

export interface TreeItem {
  readonly index: number;
  readonly request: string;
  readonly decision: LibraryItem['decision'];
  readonly range: Range;
}

export interface TreeLetter {
  /** The letter's identity key (stable across its sources). */
  readonly id: string;
  readonly path: string;
  readonly kind: SourceKind;
  readonly letterInFile?: number;
  readonly caseNumber: string | null;
  readonly decisionDate: string | null;
  readonly specialties: readonly string[];
  readonly range: Range;
  /** The items in the group (every item for a letter-wide grouping). */
  readonly items: readonly TreeItem[];
  /** Every file holding this letter, the one used first, and why it is used. */
  readonly sources: readonly { path: string; kind: SourceKind; letterInFile?: number }[];
  readonly reason: string;
}

/** An item of a source's letter as a result lists it, with its score. */
export function itemHit(s: LibrarySource, it: LibraryItem, score: number): ItemHit {
  const l = s.letter;
  return {
    path: s.path,
    range: it.range,
    request: it.request,
    decision: it.decision,
    caseNumber: l.caseNumber,
    decisionDate: l.decisionDate,
    specialties: l.specialties,
    closing: it.closing,
    score,
  };
}

/** The source of an entry to show: the one in `prefer` when that file holds the letter. */
export function pick(entry: LibraryEntry, prefer?: string): LibrarySource {
  if (prefer) {
    const s = entry.sources.find((x) => x.path === prefer);
    if (s) return s;
  }
  return entry.chosen;
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The words of a filter or query, lower case. */
export function filterWords(filter: string): string[] {
  return filter.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Keeps the `n` highest-scoring values seen (ties: the first seen), without sorting everything. */
export class TopN<T> {
  private items: { value: T; score: number; order: number }[] = [];
  private seen = 0;
  private min = -Infinity;

  constructor(private readonly n: number) {}

  add(value: T, score: number): void {
    const order = this.seen++;
    if (this.items.length >= this.n && score <= this.min) return;
    this.items.push({ value, score, order });
    if (this.items.length >= this.n * 2) {
      this.items = this.best();
      this.min = this.items[this.items.length - 1].score;
    }
  }

  /** The best `n`, highest score first. */
  sorted(): { value: T; score: number }[] {
    return this.best();
  }

  private best(): { value: T; score: number; order: number }[] {
    return this.items.sort((a, b) => b.score - a.score || a.order - b.order).slice(0, this.n);
  }
}
