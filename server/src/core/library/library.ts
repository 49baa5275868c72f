/**
 * The letter library: every letter of a folder of letter files, one entry per letter however many
 * files hold it (`identity.ts`), and the questions asked across them: symbols by request or case
 * number, every letter citing a guideline locator or of a case, similar decisions, and groupings
 * for the Letters view.
 *
 * Pure and in memory: callers read files and hand over each file's entries (`libraryLetters`);
 * nothing here touches the disk. A file's entries replace its previous ones; groups and the search
 * tables are rebuilt on the next question after a change (linear in the number of letters).
 */
import { groupLetters, LetterGroup, LetterSource, SourceKind, sourceKindOf } from './identity';
import type { LibraryItem, LibraryLetter, Range } from './entries';
import { fuzzyScore, prepareQuery } from './fuzzy';
import { GroupKey, Grouper, GROUPERS, grouperById } from './grouping';
import { featureSimilarity, idf, MIN_SIMILARITY, SAME_CITATION_BONUS } from './similar';

/** One letter read from one file. */
export interface LibrarySource extends LetterSource {
  readonly letter: LibraryLetter;
}

/** A letter of the library: its group of sources and the one used. */
export type LibraryEntry = LetterGroup<LibrarySource>;

export interface FileEntry {
  readonly path: string;
  readonly letters: readonly LibraryLetter[];
  /** What the caller needs to tell whether the file changed (size, modification time). */
  readonly stamp?: string;
}

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

export interface SimilarHit {
  readonly path: string;
  readonly range: Range;
  readonly request: string;
  readonly decision: LibraryItem['decision'];
  readonly caseNumber: string | null;
  readonly decisionDate: string | null;
  readonly specialties: readonly string[];
  readonly closing: string | null;
  /** What they share: the request's words, and whether the same locator is cited. */
  readonly sharedWords: readonly string[];
  readonly sameCitation: boolean;
  readonly score: number;
}

export interface SearchHit {
  readonly path: string;
  readonly range: Range;
  readonly request: string;
  readonly decision: LibraryItem['decision'];
  readonly caseNumber: string | null;
  readonly decisionDate: string | null;
  readonly specialties: readonly string[];
  readonly guidelines: readonly string[];
  readonly closing: string | null;
  /** How the item matched: its request (fuzzy), its letter's case number, or every word somewhere in it. */
  readonly matched: 'request' | 'case' | 'words';
  readonly score: number;
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

export interface LibraryStats {
  readonly files: number;
  /** Distinct letters (one per group of sources). */
  readonly letters: number;
  /** Letters read, counting every file's copy. */
  readonly sources: number;
  readonly items: number;
}

/** Most results a symbol search returns. */
export const MAX_SYMBOLS = 256;

export class Library {
  private readonly files = new Map<string, FileEntry>();
  private built: Built | null = null;
  private lastLetters = 0;
  private lastItems = 0;

  constructor(private readonly groupers: readonly Grouper[] = GROUPERS) {}

  /** Adds a file's letters, or replaces them. An empty list keeps the file known with no letter. */
  set(file: FileEntry): void {
    this.files.set(file.path, file);
    this.built = null;
  }

  delete(path: string): boolean {
    const had = this.files.delete(path);
    if (had) this.built = null;
    return had;
  }

  /** Forgets every file under a folder (a deleted folder). Returns how many. */
  deleteUnder(folder: string, sep = '/'): number {
    const prefix = folder.endsWith(sep) ? folder : folder + sep;
    let n = 0;
    for (const p of [...this.files.keys()]) if (p.startsWith(prefix) && this.delete(p)) n++;
    return n;
  }

  file(path: string): FileEntry | undefined {
    return this.files.get(path);
  }

  paths(): IterableIterator<string> {
    return this.files.keys();
  }

  groupersList(): readonly { id: string; label: string }[] {
    return this.groupers.map((g) => ({ id: g.id, label: g.label }));
  }

  stats(): LibraryStats {
    const b = this.build();
    return { files: this.files.size, letters: b.entries.length, sources: b.sources, items: b.items };
  }

  /**
   * The counts without grouping when the library changed since the last question (cheap, for
   * progress while indexing): `letters` and `items` are then those of the last grouping.
   */
  peekStats(): LibraryStats & { current: boolean } {
    if (this.built) return { ...this.stats(), current: true };
    let sources = 0;
    for (const f of this.files.values()) for (const l of f.letters) if (l.isLetter) sources++;
    return { files: this.files.size, letters: this.lastLetters, sources, items: this.lastItems, current: false };
  }

  /** The letters of the library, one entry per letter, in file order. */
  entries(): readonly LibraryEntry[] {
    return this.build().entries;
  }

  /** The library entry a file's letter belongs to (`letterInFile` for a merged file), or null. */
  entryOf(path: string, letterInFile?: number): LibraryEntry | null {
    return this.build().byPath.get(sourceId(path, letterInFile)) ?? null;
  }

  // ---------------------------------------------------------------------------------- symbols

  /**
   * Items by request and letters by case number matching `query` (fuzzy), best first, at most
   * `limit`. Each letter once, read from its used source.
   */
  symbols(query: string, limit = MAX_SYMBOLS): SymbolHit[] {
    const b = this.build();
    const q = prepareQuery(query);
    const top = new TopN<SymbolRow>(Math.max(1, limit));
    for (const row of b.symbols) {
      const score = fuzzyScore(q, row.name, row.lower);
      if (score > 0) top.add(row, score);
    }
    return top.sorted().map(({ value: r, score }) => ({
      kind: r.kind,
      name: r.name,
      container: r.container,
      path: r.source.path,
      range: r.range,
      decision: r.decision,
      score,
    }));
  }

  /**
   * Items matching a query, best first, at most `limit`: by their request (fuzzy, as symbols), by
   * their letter's case number, or, for several words, when every word is somewhere in the item
   * (request, decision, case number, date, reviewer specialty, guidelines cited).
   */
  search(query: string, limit = 50, decision?: LibraryItem['decision']): SearchHit[] {
    const q = prepareQuery(query);
    const words = filterWords(query);
    const top = new TopN<SearchHit>(Math.max(1, limit));
    for (const entry of this.build().entries) {
      const s = entry.chosen;
      const l = s.letter;
      const byCase = l.caseNumber && q ? fuzzyScore(q, l.caseNumber) : 0;
      const letterText = `${l.caseNumber ?? ''} ${l.decisionDate ?? ''} ${l.specialties.join(' ')}`.toLowerCase();
      for (const it of l.items) {
        if (decision !== undefined && it.decision !== decision) continue;
        let score = fuzzyScore(q, it.request || '');
        let matched: SearchHit['matched'] = 'request';
        if (score === 0 && byCase > 0) {
          score = byCase;
          matched = 'case';
        }
        if (score === 0 && words.length > 0) {
          const text = `${letterText} ${it.request} ${it.decision ?? 'no decision'} ${it.guidelines.join(' ')}`.toLowerCase();
          if (words.every((w) => text.includes(w))) {
            score = 50;
            matched = 'words';
          }
        }
        if (score === 0) continue;
        top.add(
          {
            path: s.path,
            range: it.range,
            request: it.request,
            decision: it.decision,
            caseNumber: l.caseNumber,
            decisionDate: l.decisionDate,
            specialties: l.specialties,
            guidelines: it.guidelines,
            closing: it.closing,
            matched,
            score,
          },
          score,
        );
      }
    }
    return top.sorted().map((x) => x.value);
  }

  // ---------------------------------------------------------------------------------- references

  /**
   * Every citation in the library with one of `keys` (a guideline key, `guideline|edition`, finds
   * every citation of that guideline), in every letter (each letter read from its
   * used source, or from `prefer` when that file holds it), in file and position order.
   */
  references(keys: readonly string[], prefer?: string): Reference[] {
    const want = new Set(keys);
    const out: Reference[] = [];
    for (const entry of this.build().entries) {
      const s = pick(entry, prefer);
      for (const c of s.letter.citations) {
        if (want.has(c.guideline) || c.keys.some((k) => want.has(k))) out.push({ path: s.path, range: c.range, label: c.label });
      }
    }
    return out;
  }

  /** Every letter of a case (case number compared reduced: `identity.ts`), at its case number. */
  caseLetters(caseNumber: string, prefer?: string): Reference[] {
    const list = this.build().byCase.get(caseNumber) ?? [];
    return list.map((entry) => {
      const s = pick(entry, prefer);
      return { path: s.path, range: s.letter.caseRange ?? s.letter.range, label: `${s.letter.caseNumber ?? ''} ${s.letter.decisionDate ?? ''}`.trim() };
    });
  }

  // ---------------------------------------------------------------------------------- similar

  /**
   * The items most like `item` (same words of the request, quantities ignored; the same locator
   * cited adds to the score), Overturned first, then by score; at most `limit`. The item's own
   * letter (`own`, a file holding it) is left out.
   */
  similar(item: Pick<LibraryItem, 'features' | 'cited'>, limit = 50, own?: { path: string; letterInFile?: number }): SimilarHit[] {
    const b = this.build();
    const ownEntry = own ? this.entryOf(own.path, own.letterInFile) : null;
    const weight = (w: string) => idf(b.df.get(w) ?? 0, b.items);
    const cited = new Set(item.cited.filter((k) => k.split('|').length > 2));
    const top = new TopN<SimilarHit>(Math.max(1, limit));
    for (const entry of b.entries) {
      if (entry === ownEntry) continue;
      const s = entry.chosen;
      for (const it of s.letter.items) {
        const words = featureSimilarity(item.features, it.features, weight);
        if (words < MIN_SIMILARITY) continue;
        const sameCitation = cited.size > 0 && it.cited.some((k) => cited.has(k));
        const score = words + (sameCitation ? SAME_CITATION_BONUS : 0);
        top.add(
          {
            path: s.path,
            range: it.range,
            request: it.request,
            decision: it.decision,
            caseNumber: s.letter.caseNumber,
            decisionDate: s.letter.decisionDate,
            specialties: s.letter.specialties,
            closing: it.closing,
            sharedWords: item.features.filter((w) => it.features.includes(w)),
            sameCitation,
            score: Math.round(score * 1000) / 1000,
          },
          score,
        );
      }
    }
    const rank = (d: LibraryItem['decision']) => (d === 'Overturned' ? 0 : d === 'Upheld' ? 1 : 2);
    return top
      .sorted()
      .map((x) => x.value)
      .sort((a, b) => rank(a.decision) - rank(b.decision) || b.score - a.score || cmp(a.path, b.path));
  }

  // ---------------------------------------------------------------------------------- groups

  /** The groups of the library by a grouper, with counts; items filtered by `filter` words. */
  groups(by: string, filter = ''): GroupSummary[] {
    const grouper = grouperById(by, this.groupers);
    const words = filterWords(filter);
    const groups = new Map<string, { key: GroupKey; letters: Set<LibraryEntry>; items: number; upheld: number; overturned: number }>();
    for (const entry of this.build().entries) {
      forEachGrouped(entry, grouper, words, (key, item) => {
        let g = groups.get(key.key);
        if (!g) groups.set(key.key, (g = { key, letters: new Set(), items: 0, upheld: 0, overturned: 0 }));
        g.letters.add(entry);
        if (item) {
          g.items++;
          if (item.decision === 'Upheld') g.upheld++;
          else if (item.decision === 'Overturned') g.overturned++;
        }
      });
    }
    const list = [...groups.values()].map((g) => ({
      key: g.key.key,
      label: g.key.label,
      letters: g.letters.size,
      items: g.items,
      upheld: g.upheld,
      overturned: g.overturned,
    }));
    const last = (k: string) => (k === '\uffff' ? 1 : 0);
    return list.sort(
      (a, b) =>
        last(a.key) - last(b.key) ||
        (grouper.order === 'size' ? b.items - a.items || b.letters - a.letters : 0) ||
        (grouper.order === 'key-desc' ? cmp(b.key, a.key) : cmp(a.key, b.key)),
    );
  }

  /** The letters of one group (with their items in it), by case number and date. */
  group(by: string, key: string, filter = '', limit = 5000): { letters: TreeLetter[]; more: number } {
    const grouper = grouperById(by, this.groupers);
    const words = filterWords(filter);
    const out: TreeLetter[] = [];
    let more = 0;
    const sorted = [...this.build().entries].sort(
      (a, b) => cmp(a.chosen.letter.caseNumber ?? '\uffff', b.chosen.letter.caseNumber ?? '\uffff') || cmp(a.chosen.letter.decisionDate ?? '', b.chosen.letter.decisionDate ?? ''),
    );
    for (const entry of sorted) {
      const items: TreeItem[] = [];
      let inGroup = false;
      forEachGrouped(entry, grouper, words, (k, item) => {
        if (k.key !== key) return;
        inGroup = true;
        if (item && !items.some((x) => x.index === item.index)) {
          items.push({ index: item.index, request: item.request, decision: item.decision, range: item.range });
        }
      });
      if (!inGroup) continue;
      if (out.length >= limit) {
        more++;
        continue;
      }
      out.push(treeLetter(entry, items));
    }
    return { letters: out, more };
  }

  // ---------------------------------------------------------------------------------- build

  private build(): Built {
    if (this.built) return this.built;
    const sources: LibrarySource[] = [];
    for (const f of this.files.values()) {
      for (const letter of f.letters) {
        if (!letter.isLetter) continue;
        sources.push({
          path: f.path,
          letterInFile: letter.letterInFile,
          kind: sourceKindOf(f.path, letter.layout),
          identity: letter.identity,
          letter,
        });
      }
    }
    const entries = groupLetters(sources);
    const byPath = new Map<string, LibraryEntry>();
    const byCase = new Map<string, LibraryEntry[]>();
    const df = new Map<string, number>();
    const symbols: SymbolRow[] = [];
    let items = 0;
    for (const entry of entries) {
      for (const s of entry.sources) byPath.set(sourceId(s.path, s.letterInFile), entry);
      const s = entry.chosen;
      const l = s.letter;
      const caseKey = l.identity.caseNumber;
      if (caseKey) {
        const list = byCase.get(caseKey);
        if (list) list.push(entry);
        else byCase.set(caseKey, [entry]);
      }
      items += l.items.length;
      for (const it of l.items) {
        for (const w of it.features) df.set(w, (df.get(w) ?? 0) + 1);
        const name = it.request || '(no request)';
        symbols.push({
          kind: 'item',
          name,
          lower: name.toLowerCase(),
          container: [it.decision ?? 'no decision', l.caseNumber, l.decisionDate].filter(Boolean).join(' · '),
          source: s,
          range: it.range,
          decision: it.decision,
        });
      }
      if (l.caseNumber) {
        const n = l.items.length;
        symbols.push({
          kind: 'letter',
          name: l.caseNumber,
          lower: l.caseNumber.toLowerCase(),
          container: [l.decisionDate, `${n} item${n === 1 ? '' : 's'}`].filter(Boolean).join(' · '),
          source: s,
          range: l.caseRange ?? l.range,
          decision: null,
        });
      }
    }
    this.built = { entries, byPath, byCase, df, symbols, items, sources: sources.length };
    this.lastLetters = entries.length;
    this.lastItems = items;
    return this.built;
  }
}

interface SymbolRow {
  readonly kind: 'item' | 'letter';
  readonly name: string;
  readonly lower: string;
  readonly container: string;
  readonly source: LibrarySource;
  readonly range: Range;
  readonly decision: LibraryItem['decision'];
}

interface Built {
  readonly entries: LibraryEntry[];
  readonly byPath: Map<string, LibraryEntry>;
  readonly byCase: Map<string, LibraryEntry[]>;
  /** Items whose request has each word. */
  readonly df: Map<string, number>;
  readonly symbols: SymbolRow[];
  readonly items: number;
  readonly sources: number;
}

function sourceId(path: string, letterInFile?: number): string {
  return letterInFile ? `${path}#${letterInFile}` : path;
}

/** The source of an entry to show: the one in `prefer` when that file holds the letter. */
function pick(entry: LibraryEntry, prefer?: string): LibrarySource {
  if (prefer) {
    const s = entry.sources.find((x) => x.path === prefer);
    if (s) return s;
  }
  return entry.chosen;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function filterWords(filter: string): string[] {
  return filter.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Calls `fn` for each group key of each item of the entry that passes the filter. */
function forEachGrouped(entry: LibraryEntry, grouper: Grouper, words: readonly string[], fn: (key: GroupKey, item: LibraryItem | null) => void): void {
  const l = entry.chosen.letter;
  const letterText = words.length ? `${l.caseNumber ?? ''} ${l.decisionDate ?? ''} ${l.specialties.join(' ')}`.toLowerCase() : '';
  if (l.items.length === 0) {
    if (words.every((w) => letterText.includes(w))) for (const k of grouper.keys(l, null)) fn(k, null);
    return;
  }
  for (const it of l.items) {
    if (words.length) {
      const text = `${letterText} ${it.request} ${it.decision ?? 'no decision'} ${it.guidelines.join(' ')}`.toLowerCase();
      if (!words.every((w) => text.includes(w))) continue;
    }
    for (const k of grouper.keys(l, it)) fn(k, it);
  }
}

function treeLetter(entry: LibraryEntry, items: TreeItem[]): TreeLetter {
  const s = entry.chosen;
  return {
    id: entry.key,
    path: s.path,
    kind: s.kind,
    letterInFile: s.letterInFile,
    caseNumber: s.letter.caseNumber,
    decisionDate: s.letter.decisionDate,
    specialties: s.letter.specialties,
    range: s.letter.range,
    items,
    sources: entry.sources.map((x) => ({ path: x.path, kind: x.kind, letterInFile: x.letterInFile })),
    reason: entry.reason,
  };
}

/** Keeps the `n` highest-scoring values seen (ties: the first seen), without sorting everything. */
class TopN<T> {
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

