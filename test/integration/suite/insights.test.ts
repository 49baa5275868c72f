/**
 * IMR: Show Insights in a real VS Code: the command counts the fixture letters (each letter once,
 * though each is there as text, -layout text and PDF), the webview draws every chart, and a chart
 * and its table are saved as PNG, SVG and CSV. The counts are checked against `imr stats` run on
 * the same folder. (Clicking a bar is checked with Playwright: test/integration/ui/insights.check.ts.)
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { parse } from 'csv-parse/sync';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { closeAllEditors, FIXTURES, openLetter, ROOT, tempFolder } from './helpers';

interface Shown {
  letters: number;
  items: number;
  files: number;
  failures: number;
  firstChartMs: number;
  allChartsMs: number;
  charts: { table: string; bars: number }[];
}

const TABLES = ['byCategory', 'byDrugClass', 'byGuideline', 'bySpecialty', 'byMonth', 'byDaysToDecision'];

suite('Insights panel', () => {
  const folder = path.join(FIXTURES, 'letters');
  const scratch = tempFolder('insights');

  suiteTeardown(async () => {
    await closeAllEditors();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  test('imr.showInsights on test/fixtures/letters counts 101 letters from 301 files and draws every chart', async () => {
    const cli = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'stats', '--format', 'json', '--quiet', folder], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    assert.strictEqual(cli.status, 0, cli.stderr);
    const want = JSON.parse(cli.stdout) as { letters: number; items: number; byCategory: unknown[]; byMonth: unknown[] };
    const shown = await vscode.commands.executeCommand<Shown | undefined>('imr.showInsights', { inputs: [folder] });
    assert.ok(shown, 'the command returned once the charts were drawn');
    assert.strictEqual(shown.letters, want.letters);
    assert.strictEqual(shown.letters, 101);
    assert.strictEqual(shown.items, want.items);
    assert.strictEqual(shown.files, 301);
    assert.strictEqual(shown.failures, 0);
    assert.deepStrictEqual(shown.charts.map((c) => c.table), TABLES);
    for (const c of shown.charts) assert.ok(c.bars > 0, `${c.table} has bars`);
    // One bar per decision present in a row: at least one per row shown (at most 25 rows drawn).
    assert.ok(shown.charts[0].bars >= Math.min(25, want.byCategory.length));
    assert.ok(shown.firstChartMs >= 0 && shown.allChartsMs >= shown.firstChartMs);
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'IMR Insights');
    assert.ok(tab, 'the panel is open');
    assert.ok(tab.input instanceof vscode.TabInputWebview);
  });

  test('a chart saved as PNG and SVG, its table and every table as CSV', async () => {
    const png = path.join(scratch, 'category.png');
    const svg = path.join(scratch, 'category.svg');
    const csv = path.join(scratch, 'category.csv');
    const all = path.join(scratch, 'all.csv');
    assert.strictEqual(await vscode.commands.executeCommand('imr.saveInsights', { table: 'byCategory', kind: 'png', path: png }), png);
    assert.strictEqual(await vscode.commands.executeCommand('imr.saveInsights', { table: 'byCategory', kind: 'svg', path: svg }), svg);
    assert.strictEqual(await vscode.commands.executeCommand('imr.saveInsights', { table: 'byCategory', kind: 'csv', path: csv }), csv);
    assert.strictEqual(await vscode.commands.executeCommand('imr.saveInsights', { table: 'all', kind: 'csv', path: all }), all);
    const p = fs.readFileSync(png);
    assert.ok(p.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'a PNG file');
    // Width and height from the IHDR chunk: the chart drawn at twice its size.
    assert.ok(p.readUInt32BE(16) >= 960 && p.readUInt32BE(20) > 200, `PNG ${p.readUInt32BE(16)}x${p.readUInt32BE(20)}`);
    assert.ok(p.length > 5000, 'the PNG has content');
    const s = fs.readFileSync(svg, 'utf8');
    assert.match(s, /^<\?xml[^>]*>\s*<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(s, />Decisions by request category</);
    assert.match(s, />Physical therapy</);
    assert.ok((s.match(/<rect/g) ?? []).length > 10, 'bars in the SVG');
    assert.doesNotMatch(s, /var\(--/, 'theme colours written out');
    const rows = parse(fs.readFileSync(csv, 'utf8').replace(/^\ufeff/, '')) as string[][];
    assert.deepStrictEqual(rows[0], ['table', 'key', 'label', 'letters', 'items', 'upheld', 'overturned', 'noDecision', 'overturnedPercent']);
    assert.ok(rows.slice(1).every((r) => r[0] === 'byCategory'));
    assert.ok(rows.some((r) => r[2] === 'Physical therapy'));
    const allRows = parse(fs.readFileSync(all, 'utf8').replace(/^\ufeff/, '')) as string[][];
    assert.deepStrictEqual([...new Set(allRows.slice(1).map((r) => r[0]))], ['all', ...TABLES]);
  });

  test('the open letters: one letter open, one letter counted', async () => {
    await closeAllEditors();
    const doc = await openLetter(path.join(folder, '2017_format1b_CM16-0238035.txt'));
    const shown = await vscode.commands.executeCommand<Shown | undefined>('imr.showInsights', { open: true });
    assert.ok(shown);
    assert.strictEqual(shown.letters, 1);
    assert.strictEqual(shown.files, 1);
    assert.ok(shown.items >= 2, `${shown.items} items`);
    assert.ok(doc);
  });
});
