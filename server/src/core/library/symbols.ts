/**
 * Symbols of the library (Go to Symbol in Workspace): every item by its request and every letter
 * by its case number, each a row with masks of its letters so that most rows are left out of a
 * query without scoring them.
 */
import type { LibraryItem, Range } from './entries';
import { charMask, firstCharBit, fuzzyScore, prepareQuery, wordStartMask } from './fuzzy';
import { LibrarySource, SymbolHit, TopN } from './results';

export interface SymbolRow {
  readonly kind: 'item' | 'letter';
  readonly name: string;
  readonly lower: string;
  /** Which letters and digits the name holds (`charMask`). */
  readonly mask: number;
  /** Which letters and digits start a word of the name (`wordStartMask`). */
  readonly starts: number;
  readonly container: string;
  readonly source: LibrarySource;
  readonly range: Range;
  readonly decision: LibraryItem['decision'];
}

/** A letter's symbol rows: its items by request, then the letter by its case number. */
export function symbolRowsOf(s: LibrarySource): SymbolRow[] {
  const l = s.letter;
  const rows: SymbolRow[] = [];
  for (const it of l.items) {
    const name = it.request || '(no request)';
    const lower = name.toLowerCase();
    rows.push({
      kind: 'item',
      name,
      lower,
      mask: charMask(lower),
      starts: wordStartMask(name, lower),
      container: [it.decision ?? 'no decision', l.caseNumber, l.decisionDate].filter(Boolean).join(' · '),
      source: s,
      range: it.range,
      decision: it.decision,
    });
  }
  if (l.caseNumber) {
    const n = l.items.length;
    const lower = l.caseNumber.toLowerCase();
    rows.push({
      kind: 'letter',
      name: l.caseNumber,
      lower,
      mask: charMask(lower),
      starts: wordStartMask(l.caseNumber, lower),
      container: [l.decisionDate, `${n} item${n === 1 ? '' : 's'}`].filter(Boolean).join(' · '),
      source: s,
      range: l.caseRange ?? l.range,
      decision: null,
    });
  }
  return rows;
}

/** The rows matching `query` (fuzzy), best first, at most `limit`. */
export function matchSymbols(rows: readonly SymbolRow[], query: string, limit: number): SymbolHit[] {
  const q = prepareQuery(query);
  const mask = charMask(q);
  const first = firstCharBit(q);
  const top = new TopN<SymbolRow>(Math.max(1, limit));
  for (const row of rows) {
    // Every character of the query must be in the name, the first at the start of a word: most
    // names are left out here without scoring them.
    if ((row.mask & mask) !== mask || (row.starts & first) !== first) continue;
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
