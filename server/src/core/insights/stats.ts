/**
 * The numbers behind a set of letters: decisions by request category, drug class, guideline cited,
 * reviewer specialty, decision month and days from assignment to decision, each with its counts and
 * overturn rate. A letter held in several files (text, `-layout` text, PDF) counts once: sources are
 * grouped by identity (`groupLetters`) and the most complete source is counted.
 *
 * Pure, never throws, linear in the number of letters and items (plus sorting the rows).
 */
import { categoryLabel, drugClassLabel } from '../categories/classify';
import { bundledVocabulary, Vocabulary } from '../categories/vocabulary';
import { daysBetween } from '../dates';
import { groupLetters, LetterSource } from '../library/sources';
import type { InsightItem, InsightLetter } from './facts';

export interface StatsRow {
  /** Stable key: a category or class id, a guideline title, `YYYY-MM`, a day range. */
  readonly key: string;
  /** What people read. */
  readonly label: string;
  /** Distinct letters with at least one item in the row. */
  letters: number;
  items: number;
  upheld: number;
  overturned: number;
  /** Items whose decision could not be read. */
  noDecision: number;
  /** overturned / (upheld + overturned), 0 to 1; null when no item of the row was decided. */
  overturnedRate: number | null;
  /** With `withItems`: indexes into `Stats.itemList`. */
  refs?: number[];
}

export interface DaysSummary {
  /** Letters with both dates. */
  readonly letters: number;
  readonly median: number | null;
  readonly mean: number | null;
  readonly p90: number | null;
  readonly min: number | null;
  readonly max: number | null;
}

/** One item, for listing the items of a row (with `withItems`). */
export interface StatsItemRef {
  readonly source: string;
  readonly letterInFile?: number;
  readonly line: number;
  readonly request: string;
  readonly decision: 'Upheld' | 'Overturned' | null;
  readonly caseNumber: string | null;
  readonly decisionDate: string | null;
  readonly category: string;
  readonly drugClass: string | null;
}

export interface Stats {
  /** Distinct letters. */
  letters: number;
  /** Letters read, every file's copy counted. */
  sources: number;
  items: number;
  decisions: { Upheld: number; Overturned: number; none: number };
  overturnedRate: number | null;
  byCategory: StatsRow[];
  byDrugClass: StatsRow[];
  byGuideline: StatsRow[];
  bySpecialty: StatsRow[];
  byMonth: StatsRow[];
  byDaysToDecision: StatsRow[];
  daysToDecision: DaysSummary;
  /** With `withItems`: every counted item, in letter order. */
  itemList?: StatsItemRef[];
}

export interface StatsOptions {
  vocabulary?: Vocabulary;
  /** Keep, for each row, the items in it (`refs`, `itemList`): for listing a bar's items. */
  withItems?: boolean;
}

/** Day ranges of the days-to-decision table (IMR decides within 30 days, 3 when expedited). */
export const DAY_RANGES: readonly { key: string; label: string; max: number }[] = [
  { key: '00-03', label: '0-3 days', max: 3 },
  { key: '04-07', label: '4-7 days', max: 7 },
  { key: '08-14', label: '8-14 days', max: 14 },
  { key: '15-21', label: '15-21 days', max: 21 },
  { key: '22-30', label: '22-30 days', max: 30 },
  { key: '31-45', label: '31-45 days', max: 45 },
  { key: '46-60', label: '46-60 days', max: 60 },
  { key: '61+', label: 'over 60 days', max: Infinity },
];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const NONE = '\uffff';

/** The letters counted: one source per distinct letter, the most complete. */
export function distinctLetters(letters: readonly InsightLetter[]): InsightLetter[] {
  const sources = letters.map((l): LetterSource & { l: InsightLetter } => ({ path: l.source, letterInFile: l.letterInFile, kind: l.kind, identity: l.identity, l }));
  return groupLetters(sources).map((g) => g.chosen.l);
}

class Table {
  private readonly rows = new Map<string, StatsRow & { lastLetter: number }>();
  constructor(private readonly withItems: boolean) {}
  add(key: string, label: string, item: InsightItem, letter: number, ref: number): void {
    let row = this.rows.get(key);
    if (!row) {
      row = { key, label, letters: 0, items: 0, upheld: 0, overturned: 0, noDecision: 0, overturnedRate: null, lastLetter: -1, ...(this.withItems ? { refs: [] } : {}) };
      this.rows.set(key, row);
    }
    if (row.lastLetter !== letter) {
      row.letters++;
      row.lastLetter = letter;
    }
    row.items++;
    if (item.decision === 'Upheld') row.upheld++;
    else if (item.decision === 'Overturned') row.overturned++;
    else row.noDecision++;
    row.refs?.push(ref);
  }
  /** Rows by size (items, then label), or by key. */
  result(order: 'size' | 'key'): StatsRow[] {
    const rows = [...this.rows.values()].map(({ lastLetter: _, ...r }) => {
      const decided = r.upheld + r.overturned;
      r.overturnedRate = decided ? r.overturned / decided : null;
      return r;
    });
    const none = (r: StatsRow) => (r.key === NONE ? 1 : 0);
    return rows.sort((a, b) =>
      none(a) - none(b) || (order === 'size' ? b.items - a.items || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0) : a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
  }
}

/** The statistics of a set of letters (every source of every letter; duplicates count once). */
export function computeStats(all: readonly InsightLetter[], options: StatsOptions = {}): Stats {
  const vocabulary = options.vocabulary ?? bundledVocabulary();
  const withItems = options.withItems === true;
  const letters = distinctLetters(all);
  const byCategory = new Table(withItems);
  const byDrugClass = new Table(withItems);
  const byGuideline = new Table(withItems);
  const bySpecialty = new Table(withItems);
  const byMonth = new Table(withItems);
  const byDays = new Table(withItems);
  const decisions = { Upheld: 0, Overturned: 0, none: 0 };
  const days: number[] = [];
  const itemList: StatsItemRef[] = [];
  let items = 0;
  const catLabels = new Map<string, string>();
  const label = (id: string, f: (id: string, v: Vocabulary) => string) => {
    let l = catLabels.get(id);
    if (l === undefined) catLabels.set(id, (l = f(id, vocabulary)));
    return l;
  };
  letters.forEach((letter, li) => {
    const month = letter.decisionDate ? /^(\d{4})-(\d{2})/.exec(letter.decisionDate) : null;
    const monthKey = month ? `${month[1]}-${month[2]}` : NONE;
    const monthLabel = month ? `${MONTHS[Number(month[2]) - 1] ?? month[2]} ${month[1]}` : 'No decision date';
    let d: number | null = null;
    if (letter.decisionDate && letter.assignedDate) {
      const n = daysBetween(letter.assignedDate, letter.decisionDate);
      if (Number.isFinite(n) && n >= 0) d = n;
    }
    if (d !== null) days.push(d);
    const range = d === null ? null : DAY_RANGES.find((r) => d! <= r.max)!;
    for (const item of letter.items) {
      const ref = itemList.length;
      if (withItems) {
        itemList.push({
          source: letter.source,
          ...(letter.letterInFile ? { letterInFile: letter.letterInFile } : {}),
          line: item.line,
          request: item.request,
          decision: item.decision,
          caseNumber: letter.caseNumber,
          decisionDate: letter.decisionDate,
          category: label(item.category, categoryLabel),
          drugClass: item.drugClass ? label('\u0000' + item.drugClass, (id, v) => drugClassLabel(id.slice(1), v)) : null,
        });
      }
      items++;
      if (item.decision === 'Upheld') decisions.Upheld++;
      else if (item.decision === 'Overturned') decisions.Overturned++;
      else decisions.none++;
      byCategory.add(item.category, label(item.category, categoryLabel), item, li, ref);
      if (item.category === 'pharmaceuticals') {
        if (item.drugClass) byDrugClass.add(item.drugClass, label('\u0000' + item.drugClass, (id, v) => drugClassLabel(id.slice(1), v)), item, li, ref);
        else byDrugClass.add(NONE, 'Class not known', item, li, ref);
      }
      if (item.guidelines.length) for (const g of item.guidelines) byGuideline.add(g, g, item, li, ref);
      else byGuideline.add(NONE, 'No guideline cited', item, li, ref);
      if (letter.specialties.length) for (const s of letter.specialties) bySpecialty.add(s.toLowerCase(), s, item, li, ref);
      else bySpecialty.add(NONE, 'Specialty not stated', item, li, ref);
      byMonth.add(monthKey, monthLabel, item, li, ref);
      if (range) byDays.add(range.key, range.label, item, li, ref);
      else byDays.add(NONE, 'Dates not read', item, li, ref);
    }
  });
  const decided = decisions.Upheld + decisions.Overturned;
  const stats: Stats = {
    letters: letters.length,
    sources: all.length,
    items,
    decisions,
    overturnedRate: decided ? decisions.Overturned / decided : null,
    byCategory: byCategory.result('size'),
    byDrugClass: byDrugClass.result('size'),
    byGuideline: byGuideline.result('size'),
    bySpecialty: bySpecialty.result('size'),
    byMonth: byMonth.result('key'),
    byDaysToDecision: byDays.result('key'),
    daysToDecision: summarize(days),
  };
  if (withItems) stats.itemList = itemList;
  return stats;
}

function summarize(days: number[]): DaysSummary {
  if (days.length === 0) return { letters: 0, median: null, mean: null, p90: null, min: null, max: null };
  const s = days.slice().sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  const mean = Math.round((s.reduce((a, b) => a + b, 0) / s.length) * 10) / 10;
  return { letters: s.length, median, mean, p90: at(0.9), min: s[0], max: s[s.length - 1] };
}

export { STATS_TABLES } from './tables';
