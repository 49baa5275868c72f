/**
 * The text, JSON and CSV forms of the statistics (`imr stats`, the Insights panel's saved tables).
 * Imports only the statistics module and export/csv.ts (csv-stringify), so the client's Insights bundle stays small.
 */
import { csvText } from './csv';
import type { Stats, StatsRow } from '../core/insights/stats';
import { STATS_TABLES } from '../core/insights/tables';
import { plural } from '../core/words';

const pct = (r: number | null) => (r === null ? '' : (Math.round(r * 1000) / 10).toFixed(1));

/** The statistics as JSON: totals, then each table's rows (rates rounded to 4 places). */
export function statsJson(stats: Stats): string {
  const { itemList: _items, ...rest } = stats;
  const rows = (list: StatsRow[]) =>
    list.map(({ refs: _r, ...r }) => ({ ...r, overturnedRate: r.overturnedRate === null ? null : Math.round(r.overturnedRate * 10000) / 10000 }));
  const out = {
    ...rest,
    overturnedRate: rest.overturnedRate === null ? null : Math.round(rest.overturnedRate * 10000) / 10000,
    byCategory: rows(rest.byCategory),
    byDrugClass: rows(rest.byDrugClass),
    byGuideline: rows(rest.byGuideline),
    bySpecialty: rows(rest.bySpecialty),
    byMonth: rows(rest.byMonth),
    byDaysToDecision: rows(rest.byDaysToDecision),
  };
  return JSON.stringify(out, null, 2) + '\n';
}

export const STATS_CSV_COLUMNS = ['table', 'key', 'label', 'letters', 'items', 'upheld', 'overturned', 'noDecision', 'overturnedPercent'] as const;

/** Every table in one CSV, one row per bar, the table named in the first column; `all` first. */
export function statsCsv(stats: Stats, options: { bom?: boolean; tables?: readonly string[] } = {}): string {
  const rows: (string | number)[][] = [[...STATS_CSV_COLUMNS]];
  const want = (id: string) => !options.tables || options.tables.includes(id);
  if (want('all')) {
    rows.push(['all', 'all', 'All items', stats.letters, stats.items, stats.decisions.Upheld, stats.decisions.Overturned, stats.decisions.none, pct(stats.overturnedRate)]);
  }
  for (const t of STATS_TABLES) {
    if (!want(t.id)) continue;
    for (const r of stats[t.id]) rows.push([t.id, r.key === '\uffff' ? '' : r.key, r.label, r.letters, r.items, r.upheld, r.overturned, r.noDecision, pct(r.overturnedRate)]);
  }
  return csvText(rows, { bom: options.bom });
}

/** Plain-text tables for a terminal. */
export function statsText(stats: Stats): string {
  const out: string[] = [];
  const d = stats.decisions;
  out.push(
    plural(stats.letters, 'letter') +
      (stats.sources !== stats.letters ? ` (${stats.sources} read; a letter held in several files counts once)` : '') +
      `, ${plural(stats.items, 'disputed item')}: ${d.Upheld} upheld, ${d.Overturned} overturned` +
      (d.none ? `, ${d.none} with no decision read` : '') +
      (stats.overturnedRate !== null ? ` (${pct(stats.overturnedRate)}% overturned)` : ''),
  );
  const s = stats.daysToDecision;
  if (s.letters) out.push(`Days from assignment to decision (${plural(s.letters, 'letter')}): median ${s.median}, mean ${s.mean}, 90% within ${s.p90}, range ${s.min}-${s.max}`);
  for (const t of STATS_TABLES) {
    const list = stats[t.id];
    out.push('', t.title);
    if (list.length === 0) {
      out.push('  (none)');
      continue;
    }
    const head = [t.rowName, 'Letters', 'Items', 'Upheld', 'Overturned', '% overturned'];
    const cells = list.map((r) => [r.label, String(r.letters), String(r.items), String(r.upheld), String(r.overturned), pct(r.overturnedRate)]);
    const width = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
    width[0] = Math.min(width[0], 70);
    const line = (c: string[]) => '  ' + c.map((v, i) => (i === 0 ? v.padEnd(width[0]) : v.padStart(width[i]))).join('  ').trimEnd();
    out.push(line(head));
    for (const c of cells) out.push(line(c));
  }
  return out.join('\n') + '\n';
}
