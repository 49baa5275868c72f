/**
 * The Insights panel (runs in the webview): one chart per table of the statistics, drawn with
 * Observable Plot, each with its counts and overturn rate beside every bar, a table view of the
 * same numbers, and buttons to save the chart (PNG, SVG) and its numbers (CSV). Clicking a bar, or
 * its row's button in the table, lists the bar's items; each opens its letter at the item.
 *
 * Colours come from the editor's theme (CSS variables VS Code defines in every webview). Nothing is
 * loaded from anywhere: the script and the stylesheet are files of the extension, under a strict
 * content security policy set by the extension.
 */
import * as Plot from '@observablehq/plot';
import type { Stats, StatsItemRef, StatsRow } from '../../server/src/insights-protocol';
import { STATS_TABLES } from '../../server/src/core/insights/tables';
import type { FromView, ToView } from './messages';

declare function acquireVsCodeApi(): { postMessage(m: FromView): void };
const vscode = acquireVsCodeApi();
const post = (m: FromView) => vscode.postMessage(m);

type TableId = (typeof STATS_TABLES)[number]['id'];
type Decision = 'Overturned' | 'Upheld' | 'No decision';
const DECISIONS: readonly Decision[] = ['Overturned', 'Upheld', 'No decision'];
const COLOURS: Record<Decision, string> = {
  Overturned: 'var(--vscode-charts-orange, #d18616)',
  Upheld: 'var(--vscode-charts-blue, #3794ff)',
  'No decision': 'var(--vscode-disabledForeground, #888888)',
};
/** Most bars in a chart; the table lists every row. */
const MAX_BARS = 25;

let stats: Stats | null = null;
const charts = new Map<TableId, SVGSVGElement | HTMLElement>();

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
};
const pct = (r: number | null) => (r === null ? '–' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);
const plural = (n: number, w: string) => `${n.toLocaleString('en-US')} ${n === 1 ? w : /[^aeiou]y$/.test(w) ? w.slice(0, -1) + 'ies' : w + 's'}`;

window.addEventListener('message', (e: MessageEvent<ToView>) => {
  const m = e.data;
  if (m.type === 'data') show(m.result.stats, m.scope, m.result.failures.length, m.result.files);
  else if (m.type === 'export') void exportChart(m.table as TableId, m.kind).then(
    (data) => post({ type: 'exported', id: m.id, data }),
    (err: unknown) => post({ type: 'exported', id: m.id, data: null, error: String(err) }),
  );
  else if (m.type === 'select') select(m.table as TableId, m.key);
});
$('save-all').addEventListener('click', () => post({ type: 'save', kind: 'csv', table: 'all' }));
post({ type: 'ready' });

function show(s: Stats, scope: string, failures: number, files: number): void {
  const t0 = performance.now();
  stats = s;
  charts.clear();
  const d = s.decisions;
  $('scope').textContent = scope;
  $('totals').textContent =
    `${plural(s.letters, 'letter')}${s.sources !== s.letters ? ` (${plural(s.sources, 'file')} read: a letter held as text and PDF counts once)` : ''}, ` +
    `${plural(s.items, 'disputed item')}: ${d.Upheld.toLocaleString('en-US')} upheld, ${d.Overturned.toLocaleString('en-US')} overturned` +
    `${d.none ? `, ${d.none} with no decision read` : ''} (${pct(s.overturnedRate)} overturned).` +
    (failures ? ` ${plural(failures, 'file')} of ${files} could not be read as letters.` : '');
  const days = s.daysToDecision;
  $('days').textContent = days.letters
    ? `Days from assignment to decision: median ${days.median}, mean ${days.mean}, 90% of letters within ${days.p90} days (${plural(days.letters, 'letter')} with both dates).`
    : '';
  const main = $('charts');
  main.replaceChildren();
  $('items').hidden = true;
  let first = -1;
  const drawn: { table: string; bars: number }[] = [];
  for (const t of STATS_TABLES) {
    const card = chartCard(t.id, t.title, t.rowName, s[t.id]);
    main.append(card.section);
    drawn.push({ table: t.id, bars: card.bars });
    if (first < 0) first = performance.now() - t0;
  }
  post({ type: 'rendered', firstChartMs: Math.round(first), allChartsMs: Math.round(performance.now() - t0), charts: drawn });
}

interface Bar {
  row: StatsRow;
  decision: Decision;
  count: number;
  label: string;
}

function chartCard(id: TableId, title: string, rowName: string, rows: StatsRow[]): { section: HTMLElement; bars: number } {
  const headingId = `h-${id}`;
  const section = el('section', { className: 'card', id: `card-${id}` });
  section.setAttribute('aria-labelledby', headingId);
  const heading = el('h2', { id: headingId }, title);
  const tableToggle = el('button', { type: 'button', className: 'toggle' }, 'Show as table');
  tableToggle.setAttribute('aria-expanded', 'false');
  const tools = el(
    'div',
    { className: 'tools' },
    tableToggle,
    button('Save PNG', () => save(id, 'png'), `Save the chart "${title}" as a PNG picture`),
    button('Save SVG', () => save(id, 'svg'), `Save the chart "${title}" as an SVG picture`),
    button('Save CSV', () => post({ type: 'save', kind: 'csv', table: id }), `Save the numbers of "${title}" as a CSV spreadsheet`),
  );
  section.append(el('div', { className: 'card-head' }, heading, tools));
  if (rows.length === 0) {
    section.append(el('p', { className: 'empty' }, 'No items.'));
    return { section, bars: 0 };
  }
  const shown = rows.slice(0, MAX_BARS);
  const { figure, bars } = drawChart(id, title, shown);
  const table = dataTable(id, title, rowName, rows);
  table.hidden = true;
  tableToggle.addEventListener('click', () => {
    const open = table.hidden;
    table.hidden = !open;
    tableToggle.setAttribute('aria-expanded', String(open));
    tableToggle.textContent = open ? 'Hide table' : 'Show as table';
  });
  section.append(figure);
  if (rows.length > shown.length) section.append(el('p', { className: 'note' }, `The chart shows the ${shown.length} largest of ${rows.length} rows; the table lists them all.`));
  section.append(table);
  return { section, bars };
}

function button(text: string, onClick: () => void, label?: string): HTMLButtonElement {
  const b = el('button', { type: 'button' }, text);
  if (label) b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

function drawChart(id: TableId, title: string, rows: StatsRow[]): { figure: HTMLElement; bars: number } {
  const data: Bar[] = [];
  for (const row of rows) {
    const counts: Record<Decision, number> = { Overturned: row.overturned, Upheld: row.upheld, 'No decision': row.noDecision };
    for (const decision of DECISIONS) {
      if (counts[decision] === 0) continue;
      data.push({ row, decision, count: counts[decision], label: `${row.label}: ${counts[decision]} ${decision.toLowerCase()} of ${row.items}` });
    }
  }
  const byLabel = new Map(data.map((b) => [b.label, b]));
  const longest = Math.max(...rows.map((r) => r.label.length));
  const marginLeft = Math.min(300, Math.max(90, longest * 6.4 + 12));
  const width = Math.max(480, Math.min(1100, (document.getElementById('charts')?.clientWidth ?? 900) - 32));
  const maxItems = Math.max(...rows.map((r) => r.items));
  const svg = Plot.plot({
    width,
    height: rows.length * 26 + 44,
    marginLeft,
    marginRight: 150,
    className: 'imr-plot',
    ariaLabel: title,
    ariaDescription: `${rows.length} bars; each shows the items ${DECISIONS.join(', ').toLowerCase()}, with the count and overturn rate beside it. The table view lists the same numbers.`,
    x: { label: 'Items', grid: true, domain: [0, maxItems], nice: true },
    y: { domain: rows.map((r) => r.label), label: null, tickFormat: (l: string) => (l.length > 46 ? l.slice(0, 45) + '…' : l) },
    marks: [
      Plot.barX(data, {
        x: 'count',
        y: (b: Bar) => b.row.label,
        fill: (b: Bar) => COLOURS[b.decision],
        ariaLabel: (b: Bar) => b.label,
        title: (b: Bar) => b.label,
        order: DECISIONS as unknown as string[],
        z: 'decision',
        inset: 0.5,
      }),
      Plot.text(rows, {
        x: 'items',
        y: 'label',
        text: (r: StatsRow) => `${r.items} · ${pct(r.overturnedRate)} overturned`,
        dx: 6,
        textAnchor: 'start',
        fill: 'currentColor',
      }),
      Plot.ruleX([0]),
    ],
  }) as SVGSVGElement;
  svg.setAttribute('role', 'img');
  // Plot puts a <style> element in each chart; the page's policy allows no inline style, so the
  // browser would refuse it (a violation per chart). insights.css holds the same rules.
  for (const s of Array.from(svg.querySelectorAll('style'))) s.remove();
  // Bars: click (or Enter on a focused bar) lists the bar's items.
  let bars = 0;
  for (const rect of Array.from(svg.querySelectorAll('rect[aria-label]'))) {
    const b = byLabel.get(rect.getAttribute('aria-label') ?? '');
    if (!b) continue;
    bars++;
    rect.classList.add('bar');
    rect.setAttribute('data-key', b.row.key);
    rect.setAttribute('data-decision', b.decision);
    rect.addEventListener('click', () => select(id, b.row.key, b.decision));
  }
  charts.set(id, svg);
  const legend = el('div', { className: 'legend' });
  legend.setAttribute('aria-hidden', 'true');
  for (const d of DECISIONS) {
    const sw = el('span', { className: 'swatch' });
    sw.style.background = COLOURS[d];
    legend.append(el('span', { className: 'key' }, sw, d));
  }
  const figure = el('figure', { className: 'chart' }, legend, svg);
  return { figure, bars };
}

function dataTable(id: TableId, title: string, rowName: string, rows: StatsRow[]): HTMLTableElement {
  const table = el('table', { className: 'data' });
  table.append(el('caption', {}, title));
  const head = el('tr');
  for (const h of [rowName, 'Letters', 'Items', 'Upheld', 'Overturned', 'No decision', '% overturned', '']) head.append(el('th', { scope: 'col' }, h));
  table.append(el('thead', {}, head));
  const body = el('tbody');
  for (const r of rows) {
    const tr = el('tr');
    tr.append(el('th', { scope: 'row' }, r.label));
    for (const v of [r.letters, r.items, r.upheld, r.overturned, r.noDecision]) tr.append(el('td', { className: 'num' }, String(v)));
    tr.append(el('td', { className: 'num' }, pct(r.overturnedRate)));
    tr.append(el('td', {}, button('List items', () => select(id, r.key), `List the ${r.items} items of ${r.label}`)));
    body.append(tr);
  }
  table.append(body);
  return table;
}

/** Lists the items of a row (of one decision, when a bar was clicked). */
function select(id: TableId, key: string, decision?: Decision): void {
  if (!stats) return;
  const row = stats[id].find((r) => r.key === key);
  if (!row) return;
  const want = decision === 'No decision' ? null : decision;
  const items: StatsItemRef[] = (row.refs ?? []).map((k) => stats!.itemList![k]).filter((it) => decision === undefined || it.decision === want);
  const title = STATS_TABLES.find((t) => t.id === id)!.title;
  const box = $('items');
  const heading = `${plural(items.length, 'item')}${decision ? ` ${decision.toLowerCase()}` : ''}: ${row.label} (${title.toLowerCase()})`;
  const list = el('ul');
  for (const it of items) {
    const open = el('button', { type: 'button', className: 'link' }, it.request || '(no request read)');
    open.setAttribute('aria-label', `Open ${it.caseNumber ?? 'the letter'} at item: ${it.request}`);
    open.addEventListener('click', () => post({ type: 'open', source: it.source, line: it.line }));
    const meta = [it.decision ?? 'No decision', it.caseNumber, it.decisionDate, it.drugClass ?? it.category].filter(Boolean).join(' · ');
    list.append(el('li', {}, open, el('span', { className: `meta ${it.decision ?? 'none'}` }, meta)));
  }
  box.replaceChildren(el('h2', { id: 'items-heading', tabIndex: -1 }, heading), button('Close list', () => (box.hidden = true)), list);
  box.hidden = false;
  (box.querySelector('#items-heading') as HTMLElement).focus();
  for (const r of Array.from(document.querySelectorAll('rect.bar.selected'))) r.classList.remove('selected');
  const chart = charts.get(id);
  if (chart) for (const r of Array.from(chart.querySelectorAll(`rect.bar`))) if (r.getAttribute('data-key') === key && (!decision || r.getAttribute('data-decision') === decision)) r.classList.add('selected');
  post({ type: 'selected', table: id, key, label: row.label, items: items.length });
}

function save(id: TableId, kind: 'png' | 'svg'): void {
  void exportChart(id, kind).then(
    (data) => post({ type: 'save', kind, table: id, data }),
    () => post({ type: 'save', kind, table: id }),
  );
}

/** A chart as a standalone SVG (theme colours written in) or a PNG (base64), for saving. */
async function exportChart(id: TableId, kind: 'png' | 'svg'): Promise<string> {
  const svg = charts.get(id) as SVGSVGElement | undefined;
  if (!svg) throw new Error(`no chart ${id}`);
  const text = standaloneSvg(svg, STATS_TABLES.find((t) => t.id === id)!.title);
  if (kind === 'svg') return text;
  const img = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('the chart could not be drawn as a picture'));
  });
  img.src = 'data:image/svg+xml;base64,' + btoa(unescape(encodeURIComponent(text)));
  await loaded;
  const scale = 2;
  const w = Number(svg.getAttribute('width')) || svg.clientWidth;
  const h = (Number(svg.getAttribute('height')) || svg.clientHeight) + 32;
  const canvas = document.createElement('canvas');
  canvas.width = w * scale;
  canvas.height = h * scale;
  const ctx = canvas.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, w, h);
  return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
}

/** A copy of a chart with every colour and font resolved, a background and the title on top. */
function standaloneSvg(svg: SVGSVGElement, title: string): string {
  const body = getComputedStyle(document.body);
  const fg = body.color;
  const bg = body.backgroundColor;
  const font = body.fontFamily;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  // Theme colours are CSS variables: write the colours they stand for.
  const originals = Array.from(svg.querySelectorAll('*'));
  const copies = Array.from(copy.querySelectorAll('*'));
  copies.forEach((c, i) => {
    const o = originals[i];
    for (const attr of ['fill', 'stroke']) {
      const v = c.getAttribute(attr);
      if (v && (v.startsWith('var(') || v === 'currentColor')) c.setAttribute(attr, getComputedStyle(o).getPropertyValue(attr) || fg);
    }
    c.removeAttribute('class');
  });
  copy.querySelectorAll('style').forEach((s) => s.remove());
  const w = Number(svg.getAttribute('width')) || svg.clientWidth;
  const h = Number(svg.getAttribute('height')) || svg.clientHeight;
  const ns = 'http://www.w3.org/2000/svg';
  const out = document.createElementNS(ns, 'svg');
  out.setAttribute('xmlns', ns);
  out.setAttribute('width', String(w));
  out.setAttribute('height', String(h + 32));
  out.setAttribute('viewBox', `0 0 ${w} ${h + 32}`);
  out.setAttribute('font-family', font);
  out.setAttribute('font-size', '10');
  const rect = document.createElementNS(ns, 'rect');
  rect.setAttribute('width', '100%');
  rect.setAttribute('height', '100%');
  rect.setAttribute('fill', bg);
  const heading = document.createElementNS(ns, 'text');
  heading.setAttribute('x', '8');
  heading.setAttribute('y', '20');
  heading.setAttribute('font-size', '14');
  heading.setAttribute('font-weight', 'bold');
  heading.setAttribute('fill', fg);
  heading.textContent = title;
  const g = document.createElementNS(ns, 'g');
  g.setAttribute('transform', 'translate(0,32)');
  g.setAttribute('fill', fg);
  copy.removeAttribute('class');
  copy.removeAttribute('style');
  copy.setAttribute('color', fg);
  g.append(copy);
  out.append(rect, heading, g);
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(out);
}
