/**
 * The letter library: every letter of a folder of letter files, one entry per letter however many
 * files hold it (`identity.ts`, `sources.ts`), and the questions asked across them: symbols by
 * request or case number (`symbols.ts`), every letter citing a guideline locator or of a case,
 * search, similar decisions and groupings for the Letters view (`queries.ts`).
 *
 * Pure and in memory: callers read files and hand over each file's entries (`libraryLetters`);
 * nothing here touches the disk. A file's entries replace its previous ones; at the next question
 * the letters a change can touch are grouped again (`sync`), and the tables that find letters by
 * case number, items and cited locator are updated with them, so a change costs about as much as
 * the letters sharing its case number, not the library's size (only the symbol list is copied
 * again, linear in pointers).
 */
import type { LibraryItem, LibraryLetter } from './entries';
import { Grouper, GROUPERS, grouperById } from './grouping';
import { groupMembers, groupSummaries, searchItems, similarItems } from './queries';
import { GroupSummary, LibraryEntry, LibrarySource, pick, Reference, SearchHit, SimilarHit, SymbolHit, TreeLetter } from './results';
import { idf } from './similar';
import { groupKeys, groupLetters, lookupKeys, sourceKindOf } from './sources';
import { matchSymbols, SymbolRow, symbolRowsOf } from './symbols';

export type { GroupSummary, ItemHit, LibraryEntry, LibrarySource, Reference, SearchHit, SimilarHit, SymbolHit, TreeItem, TreeLetter } from './results';

export interface FileEntry {
  readonly path: string;
  readonly letters: readonly LibraryLetter[];
  /** What the caller needs to tell whether the file changed (size, modification time). */
  readonly stamp?: string;
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
  /** Every file, in the order first seen (a replaced file keeps its place), with its letters as sources. */
  private readonly files = new Map<string, { file: FileEntry; seq: number; sources: LibrarySource[] }>();
  private nextSeq = 0;
  /** Files changed since the groups were last brought up to date, with the sources they had then. */
  private readonly pending = new Map<string, LibrarySource[]>();
  private readonly groupSet = new Set<Group>();
  /** A source (`sourceId`) to its group. */
  private readonly byPath = new Map<string, Group>();
  /** Identity keys (`groupKeys`: case number, items, decision date) to the groups found by them. */
  private readonly byIdentity = new Map<string, Set<Group>>();
  /** Reference keys (and guideline keys) cited by a group's used source, to the groups. */
  private readonly byReference = new Map<string, Set<Group>>();
  /** Items whose request has each word (used sources). */
  private readonly df = new Map<string, number>();
  private itemCount = 0;
  private sourceCount = 0;
  /** The groups in library order, and their symbol rows; rebuilt after a change, on demand. */
  private ordered: Group[] | null = null;
  private rows: SymbolRow[] | null = null;

  constructor(private readonly groupers: readonly Grouper[] = GROUPERS) {}

  /** Adds a file's letters, or replaces them. An empty list keeps the file known with no letter. */
  set(file: FileEntry): void {
    const old = this.files.get(file.path);
    if (old && !this.pending.has(file.path)) this.pending.set(file.path, old.sources);
    else if (!old && !this.pending.has(file.path)) this.pending.set(file.path, []);
    const seq = old ? old.seq : this.nextSeq++;
    const sources: LibrarySource[] = [];
    for (const letter of file.letters) {
      if (!letter.isLetter) continue;
      sources.push({ path: file.path, letterInFile: letter.letterInFile, kind: sourceKindOf(file.path, letter.layout), identity: letter.identity, letter });
    }
    this.files.set(file.path, { file, seq, sources });
  }

  delete(path: string): boolean {
    const old = this.files.get(path);
    if (!old) return false;
    if (!this.pending.has(path)) this.pending.set(path, old.sources);
    this.files.delete(path);
    return true;
  }

  /** Forgets every file under a folder (a deleted folder). Returns how many. */
  deleteUnder(folder: string, sep = '/'): number {
    const prefix = folder.endsWith(sep) ? folder : folder + sep;
    let n = 0;
    for (const p of [...this.files.keys()]) if (p.startsWith(prefix) && this.delete(p)) n++;
    return n;
  }

  file(path: string): FileEntry | undefined {
    return this.files.get(path)?.file;
  }

  paths(): IterableIterator<string> {
    return this.files.keys();
  }

  groupersList(): readonly { id: string; label: string }[] {
    return this.groupers.map((g) => ({ id: g.id, label: g.label }));
  }

  stats(): LibraryStats {
    this.sync();
    return { files: this.files.size, letters: this.groupSet.size, sources: this.sourceCount, items: this.itemCount };
  }

  /**
   * The counts without grouping the files changed since the last question (cheap, for progress
   * while indexing): `letters` and `items` are then those of the last grouping.
   */
  peekStats(): LibraryStats & { current: boolean } {
    if (this.pending.size === 0) return { ...this.stats(), current: true };
    let sources = 0;
    for (const f of this.files.values()) sources += f.sources.length;
    return { files: this.files.size, letters: this.groupSet.size, sources, items: this.itemCount, current: false };
  }

  /** The letters of the library, one entry per letter, in file order. */
  entries(): readonly LibraryEntry[] {
    return this.orderedGroups().map((g) => g.entry);
  }

  /** The library entry a file's letter belongs to (`letterInFile` for a merged file), or null. */
  entryOf(path: string, letterInFile?: number): LibraryEntry | null {
    this.sync();
    return this.byPath.get(sourceId(path, letterInFile))?.entry ?? null;
  }
  // ---------------------------------------------------------------------------------- symbols

  /**
   * Items by request and letters by case number matching `query` (fuzzy), best first, at most
   * `limit`. Each letter once, read from its used source.
   */
  symbols(query: string, limit = MAX_SYMBOLS): SymbolHit[] {
    return matchSymbols(this.symbolRows(), query, limit);
  }

  /**
   * Items matching a query, best first, at most `limit`: by their request (fuzzy, as symbols), by
   * their letter's case number, or, for several words, when every word is somewhere in the item
   * (request, decision, case number, date, reviewer specialty, guidelines cited).
   */
  search(query: string, limit = 50, decision?: LibraryItem['decision']): SearchHit[] {
    return searchItems(this.entries(), query, limit, decision);
  }

  // ---------------------------------------------------------------------------------- references

  /**
   * Every citation in the library with one of `keys` (a guideline key, `guideline|edition`, finds
   * every citation of that guideline), in every letter (each letter read from its
   * used source, or from `prefer` when that file holds it), in file and position order.
   */
  references(keys: readonly string[], prefer?: string): Reference[] {
    this.sync();
    const want = new Set(keys);
    // The letters citing a key (from their used source), and those of the preferred file.
    const candidates = new Set<Group>();
    for (const k of want) for (const g of this.byReference.get(k) ?? []) candidates.add(g);
    if (prefer) for (const s of this.files.get(prefer)?.sources ?? []) candidates.add(this.byPath.get(sourceId(s.path, s.letterInFile))!);
    const out: Reference[] = [];
    for (const g of [...candidates].sort(byOrder)) {
      const s = pick(g.entry, prefer);
      for (const c of s.letter.citations) {
        if (want.has(c.guideline) || c.keys.some((k) => want.has(k))) out.push({ path: s.path, range: c.range, label: c.label });
      }
    }
    return out;
  }

  /** Every letter of a case (case number compared reduced: `identity.ts`), at its case number. */
  caseLetters(caseNumber: string, prefer?: string): Reference[] {
    this.sync();
    const list = [...(this.byIdentity.get(`c:${caseNumber}`) ?? [])].filter((g) => g.entry.chosen.identity.caseNumber === caseNumber).sort(byOrder);
    return list.map((g) => {
      const s = pick(g.entry, prefer);
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
    const entries = this.entries();
    const ownEntry = own ? this.entryOf(own.path, own.letterInFile) : null;
    return similarItems(entries, item, (w) => idf(this.df.get(w) ?? 0, this.itemCount), limit, ownEntry);
  }

  // ---------------------------------------------------------------------------------- groups

  /** The groups of the library by a grouper, with counts; items filtered by `filter` words. */
  groups(by: string, filter = ''): GroupSummary[] {
    return groupSummaries(this.entries(), grouperById(by, this.groupers), filter);
  }

  /** The letters of one group (with their items in it), by case number and date. */
  group(by: string, key: string, filter = '', limit = 5000): { letters: TreeLetter[]; more: number } {
    return groupMembers(this.entries(), grouperById(by, this.groupers), key, filter, limit);
  }

  // ---------------------------------------------------------------------------------- grouping

  /**
   * Brings the groups up to date with the files changed since the last question. Few changes:
   * only the letters they can touch are grouped again: the groups `groupLetters` would look at for
   * a changed source (`lookupKeys`: the same case number; with no case number, the same items or
   * decision date), and so on from their sources, which gives the same groups as grouping
   * everything again (`groupKeys`). Many changes (the first indexing): everything is grouped again.
   */
  private sync(): void {
    if (this.pending.size === 0) return;
    const changed = [...this.pending];
    this.pending.clear();
    this.rows = null;
    if (changed.length > Math.max(64, this.groupSet.size / 4)) {
      this.ordered = null;
      this.clearGroups();
      const all: LibrarySource[] = [];
      for (const f of this.files.values()) for (const s of f.sources) all.push(s);
      this.register(all);
      return;
    }
    const affected = new Set<Group>();
    const seenKeys = new Set<string>();
    const queue: string[] = [];
    const visit = (s: LibrarySource) => {
      for (const k of lookupKeys(s.identity)) if (!seenKeys.has(k)) (seenKeys.add(k), queue.push(k));
    };
    const addGroup = (g: Group | undefined) => {
      if (!g || affected.has(g)) return;
      affected.add(g);
      for (const m of g.entry.sources) visit(m);
    };
    for (const [path, old] of changed) {
      for (const s of old) addGroup(this.byPath.get(sourceId(s.path, s.letterInFile)));
      for (const s of this.files.get(path)?.sources ?? []) visit(s);
    }
    while (queue.length) for (const g of this.byIdentity.get(queue.pop()!) ?? []) addGroup(g);
    const gone = new Set<LibrarySource>(changed.flatMap(([, old]) => old));
    const pool: LibrarySource[] = [];
    for (const g of affected) {
      this.unregister(g);
      for (const m of g.entry.sources) if (!gone.has(m)) pool.push(m);
    }
    for (const [path] of changed) for (const s of this.files.get(path)?.sources ?? []) pool.push(s);
    const added = this.register(pool).sort(byOrder);
    // The library order again without sorting it all: the kept groups, and the new ones merged in.
    if (this.ordered) {
      const kept = this.ordered.filter((g) => !affected.has(g));
      const merged: Group[] = [];
      let i = 0;
      for (const g of kept) {
        while (i < added.length && byOrder(added[i], g) < 0) merged.push(added[i++]);
        merged.push(g);
      }
      while (i < added.length) merged.push(added[i++]);
      this.ordered = merged;
    }
  }

  /** Groups sources (in library order) and indexes the groups; returns them. */
  private register(sources: LibrarySource[]): Group[] {
    const out: Group[] = [];
    const seqOf = (s: LibrarySource) => this.files.get(s.path)!.seq;
    const order = (a: LibrarySource, b: LibrarySource) => seqOf(a) - seqOf(b) || (a.letterInFile ?? 0) - (b.letterInFile ?? 0);
    sources.sort(order);
    for (const entry of groupLetters(sources)) {
      let first = entry.sources[0];
      for (const m of entry.sources) if (order(m, first) < 0) first = m;
      const g: Group = { entry, seq: seqOf(first), letterInFile: first.letterInFile ?? 0, identityKeys: [], referenceKeys: [], rows: symbolRowsOf(entry.chosen) };
      this.groupSet.add(g);
      out.push(g);
      this.sourceCount += entry.sources.length;
      for (const m of entry.sources) {
        this.byPath.set(sourceId(m.path, m.letterInFile), g);
        for (const k of groupKeys(m.identity)) if (!g.identityKeys.includes(k)) g.identityKeys.push(k);
      }
      for (const k of g.identityKeys) addTo(this.byIdentity, k, g);
      const l = entry.chosen.letter;
      const refs = new Set<string>();
      for (const c of l.citations) {
        refs.add(c.guideline);
        for (const k of c.keys) refs.add(k);
      }
      g.referenceKeys = [...refs];
      for (const k of g.referenceKeys) addTo(this.byReference, k, g);
      this.itemCount += l.items.length;
      for (const it of l.items) for (const w of it.features) this.df.set(w, (this.df.get(w) ?? 0) + 1);
    }
    return out;
  }

  private unregister(g: Group): void {
    this.groupSet.delete(g);
    this.sourceCount -= g.entry.sources.length;
    for (const m of g.entry.sources) {
      const id = sourceId(m.path, m.letterInFile);
      if (this.byPath.get(id) === g) this.byPath.delete(id);
    }
    for (const k of g.identityKeys) removeFrom(this.byIdentity, k, g);
    for (const k of g.referenceKeys) removeFrom(this.byReference, k, g);
    const l = g.entry.chosen.letter;
    this.itemCount -= l.items.length;
    for (const it of l.items) {
      for (const w of it.features) {
        const n = (this.df.get(w) ?? 0) - 1;
        if (n > 0) this.df.set(w, n);
        else this.df.delete(w);
      }
    }
  }

  private clearGroups(): void {
    this.groupSet.clear();
    this.byPath.clear();
    this.byIdentity.clear();
    this.byReference.clear();
    this.df.clear();
    this.itemCount = 0;
    this.sourceCount = 0;
  }

  /** The groups in library order: by the first file holding the letter, then its place in the file. */
  private orderedGroups(): Group[] {
    this.sync();
    if (!this.ordered) this.ordered = [...this.groupSet].sort(byOrder);
    return this.ordered;
  }

  /** Symbol rows of every letter (its items, then its case number), in library order. */
  private symbolRows(): SymbolRow[] {
    const ordered = this.orderedGroups();
    if (this.rows) return this.rows;
    const rows: SymbolRow[] = [];
    for (const g of ordered) for (const r of g.rows) rows.push(r);
    this.rows = rows;
    return rows;
  }
}

interface Group {
  readonly entry: LibraryEntry;
  /** Where the letter's first source is: its file's place in the library, the letter's in the file. */
  readonly seq: number;
  readonly letterInFile: number;
  readonly identityKeys: string[];
  referenceKeys: string[];
  readonly rows: readonly SymbolRow[];
}

function byOrder(a: Group, b: Group): number {
  return a.seq - b.seq || a.letterInFile - b.letterInFile;
}


function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}


function sourceId(path: string, letterInFile?: number): string {
  return letterInFile ? `${path}#${letterInFile}` : path;
}
