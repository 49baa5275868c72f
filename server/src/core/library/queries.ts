/**
 * The questions asked across the letters of the library that read every entry: search (items by
 * request, case number or words), similar decisions, and the Letters view's groups. Each reads
 * an entry from its used source. `Library` (library.ts) keeps the entries and calls these.
 */
import type { LibraryItem } from './entries';
import { fuzzyScore, prepareQuery } from './fuzzy';
import type { GroupKey, Grouper } from './grouping';
import { cmp, filterWords, GroupSummary, itemHit, LibraryEntry, SearchHit, SimilarHit, TopN, TreeItem, TreeLetter } from './results';
import { featureSimilarity, MIN_SIMILARITY, SAME_CITATION_BONUS } from './similar';

/**
 * Items matching a query, best first, at most `limit`: by their request (fuzzy, as symbols), by
 * their letter's case number, or, for several words, when every word is somewhere in the item
 * (request, decision, case number, date, reviewer specialty, guidelines cited).
 */
export function searchItems(entries: readonly LibraryEntry[], query: string, limit: number, decision?: LibraryItem['decision']): SearchHit[] {
  const q = prepareQuery(query);
  const words = filterWords(query);
  const top = new TopN<SearchHit>(Math.max(1, limit));
  for (const entry of entries) {
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
      top.add({ ...itemHit(s, it, score), guidelines: it.guidelines, matched }, score);
    }
  }
  return top.sorted().map((x) => x.value);
}

/**
 * The items most like `item` (same words of the request, quantities ignored; the same locator
 * cited adds to the score), Overturned first, then by score; at most `limit`. `weight` is a
 * word's weight across the library; the entry `own` (the item's own letter) is left out.
 */
export function similarItems(
  entries: readonly LibraryEntry[],
  item: Pick<LibraryItem, 'features' | 'cited'>,
  weight: (word: string) => number,
  limit: number,
  own: LibraryEntry | null,
): SimilarHit[] {
  const cited = new Set(item.cited.filter((k) => k.split('|').length > 2));
  const top = new TopN<SimilarHit>(Math.max(1, limit));
  for (const entry of entries) {
    if (entry === own) continue;
    const s = entry.chosen;
    for (const it of s.letter.items) {
      const words = featureSimilarity(item.features, it.features, weight);
      if (words < MIN_SIMILARITY) continue;
      const sameCitation = cited.size > 0 && it.cited.some((k) => cited.has(k));
      const score = words + (sameCitation ? SAME_CITATION_BONUS : 0);
      const sharedWords = item.features.filter((w) => it.features.includes(w));
      top.add({ ...itemHit(s, it, Math.round(score * 1000) / 1000), sharedWords, sameCitation }, score);
    }
  }
  const rank = (d: LibraryItem['decision']) => (d === 'Overturned' ? 0 : d === 'Upheld' ? 1 : 2);
  return top
    .sorted()
    .map((x) => x.value)
    .sort((a, b) => rank(a.decision) - rank(b.decision) || b.score - a.score || cmp(a.path, b.path));
}

/** The groups of the entries by a grouper, with counts; items filtered by `filter` words. */
export function groupSummaries(entries: readonly LibraryEntry[], grouper: Grouper, filter: string): GroupSummary[] {
  const words = filterWords(filter);
  const groups = new Map<string, { key: GroupKey; letters: Set<LibraryEntry>; items: number; upheld: number; overturned: number }>();
  for (const entry of entries) {
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

/** The letters of one group (with their items in it), by case number and date, at most `limit`. */
export function groupMembers(entries: readonly LibraryEntry[], grouper: Grouper, key: string, filter: string, limit: number): { letters: TreeLetter[]; more: number } {
  const words = filterWords(filter);
  const out: TreeLetter[] = [];
  let more = 0;
  const sorted = [...entries].sort(
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
