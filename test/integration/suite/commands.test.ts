/**
 * The extraction commands in a real VS Code, called with their arguments (no quick picks or
 * dialogs): what they open, copy, write and return, checked against the fixture manifests. Results
 * are for people: a rendered table reused on every run, a CSV saved to a file, plain-English column
 * headers; nothing left open asks to be saved.
 */
import * as assert from 'assert';
import { parse } from 'csv-parse/sync';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExtractFilesParams, ExtractFilesResult, ExtractResult } from '../../../server/src/protocol';
import { loadLetters } from '../../core/manifest';
import { bundledKnowledge, letterDeadlines, parseDocument } from '../../../server/src/core';
import { closeAllEditors, documentSymbols, FIXTURES, letter, openLetter, tempFolder, waitFor } from './helpers';

/** The letter the single-letter commands run on: eight items, Upheld and Overturned. */
const LETTER = '2017_format1b_CM16-0238035.txt';
const LETTER_FILE_TYPES = new Set(['.txt', '.imr', '.pdf']);

/** Every file under a folder, recursively. */
function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Cells of one Markdown table row: `| a | b\| c |` -> ['a', 'b| c']. */
function markdownCells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '\\' && i + 1 < inner.length) cell += inner[++i];
    else if (inner[i] === '|') {
      cells.push(cell.trim());
      cell = '';
    } else cell += inner[i];
  }
  cells.push(cell.trim());
  return cells;
}

/** A Markdown table (header, separator, rows) as records; throws if the text is not one. */
function parseMarkdownTable(text: string): Record<string, string>[] {
  const lines = text.trim().split('\n');
  assert.ok(lines.length >= 2, 'a header and a separator line');
  assert.ok(lines.every((l) => l.startsWith('|') && l.trimEnd().endsWith('|')), 'every line is a table row');
  const header = markdownCells(lines[0]);
  const separator = markdownCells(lines[1]);
  assert.strictEqual(separator.length, header.length);
  assert.ok(separator.every((c) => /^:?-{3,}:?$/.test(c)), `separator line: ${lines[1]}`);
  return lines.slice(2).map((l) => {
    const cells = markdownCells(l);
    assert.strictEqual(cells.length, header.length, `row "${l.slice(0, 60)}..." has ${cells.length} cells, not ${header.length}`);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  });
}

/** Opens the letter and waits until the language server has it (the commands ask the server). */
/**
 * No document is left asking to be saved (untitled or changed). VS Code may be writing its own
 * user settings.json at that moment (a settings migration at start, say), which leaves that file
 * changed for a moment until it saves it: the check waits for that, while a document the command
 * left unsaved stays so and fails it.
 */
async function nothingUnsaved(): Promise<void> {
  const unsaved = () => vscode.workspace.textDocuments.filter((d) => d.isUntitled || d.isDirty).map((d) => d.uri.toString());
  try {
    await waitFor('no document left unsaved', () => unsaved().length === 0);
  } catch {
    assert.deepStrictEqual(unsaved(), [], 'documents left unsaved');
  }
}

async function openForCommands(file: string): Promise<vscode.TextDocument> {
  const doc = await openLetter(file);
  await documentSymbols(doc);
  return doc;
}

suite('Extraction commands', () => {
  let scratch: string;
  suiteSetup(() => {
    scratch = tempFolder('commands');
  });
  suiteTeardown(() => {
    fs.rmSync(scratch, { recursive: true, force: true });
  });
  teardown(closeAllEditors);

  test(`imr.extractDecisions (uri, undefined, 'csv', { output }) saves a spreadsheet with one row per item of ${LETTER}, headed in plain English`, async () => {
    const expected = letter(LETTER);
    const doc = await openForCommands(expected.texts[0]);
    const output = path.join(scratch, 'decisions.csv');
    const result = await vscode.commands.executeCommand<ExtractResult | undefined>('imr.extractDecisions', doc.uri, undefined, 'csv', { output });
    assert.ok(result, 'the command returns its result');
    assert.strictEqual(result.format, 'csv');
    assert.strictEqual(result.rows, expected.items.length);
    assert.strictEqual(fs.readFileSync(output, 'utf8'), result.content, 'the CSV is saved to the file');

    const rows = parse(fs.readFileSync(output, 'utf8'), { columns: true }) as Record<string, string>[];
    assert.deepStrictEqual(
      rows.map((r) => [r.Request, r.Decision]),
      expected.items.map((i) => [i.request, i.decision]),
    );
    assert.ok(rows.every((r) => r['Case number'] === expected.caseNumber), 'every row names the case');
    assert.deepStrictEqual(rows.map((r) => r.Item), expected.items.map((_, i) => String(i + 1)));
    // No partial authorization in this letter: its empty columns are left out.
    assert.ok(!Object.keys(rows[0]).includes('Original request'), Object.keys(rows[0]).join(', '));
    // Shown where the user looks: outside the workspace, the saved file opens beside the letter.
    await waitFor('the saved CSV shown in an editor', () => vscode.window.visibleTextEditors.some((e) => e.document.uri.fsPath === output));
    // Nothing was opened that asks to be saved, and the letter is untouched.
    await nothingUnsaved();
    assert.ok(vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === doc.uri.toString()));
  });

  test(`imr.saveDeadlines (uri, { output }) saves a calendar file with the appeal and repeat-request dates of ${LETTER}`, async () => {
    const expected = letter(LETTER);
    const doc = await openForCommands(expected.texts[0]);
    const output = path.join(scratch, 'deadlines.ics');
    const saved = await vscode.commands.executeCommand<vscode.Uri | undefined>('imr.saveDeadlines', doc.uri, { output });
    assert.ok(saved, 'the command returns the file it wrote');
    assert.strictEqual(saved.fsPath, output);
    const ics = fs.readFileSync(output, 'utf8');
    assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n') && ics.endsWith('END:VCALENDAR\r\n'), ics.slice(0, 80));
    // The core's dates for this letter: one event each, named for the case.
    const kb = bundledKnowledge();
    const dates = parseDocument(fs.readFileSync(expected.texts[0], 'utf8')).flatMap((l) => letterDeadlines(l, kb));
    assert.ok(dates.some((d) => d.kind === 'appeal'), 'the letter sets an appeal date');
    assert.strictEqual(ics.match(/^BEGIN:VEVENT\r$/gm)?.length, dates.length);
    for (const d of dates) assert.ok(ics.includes(`DTSTART;VALUE=DATE:${d.date.replace(/-/g, '')}\r\n`), d.date);
    assert.ok(ics.includes(`SUMMARY:IMR ${expected.caseNumber}: last day to appeal (estimate)`), 'the appeal event names the case');
    await waitFor('the saved calendar file shown in an editor', () => vscode.window.visibleTextEditors.some((e) => e.document.uri.fsPath === output));
    await nothingUnsaved();
  });

  test(`imr.extractDecisions (uri, undefined, 'md') shows a rendered table beside the letter, the same preview on every run`, async () => {
    const expected = letter(LETTER);
    const doc = await openForCommands(expected.texts[0]);
    const previews = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType));
    const first = await vscode.commands.executeCommand<ExtractResult | undefined>('imr.extractDecisions', doc.uri, undefined, 'md');
    assert.ok(first);
    const lines = first.content.split('\n');
    assert.strictEqual(lines[0], `# Decisions of case ${expected.caseNumber}`);
    const count = (d: string) => expected.items.filter((i) => i.decision === d).length;
    const words = [`${count('Upheld')} upheld`, `${count('Overturned')} overturned`].filter((w) => !w.startsWith('0 '));
    assert.ok(lines[2].endsWith(`${expected.items.length} items: ${words.join(', ')}`), lines[2]);
    const table = parseMarkdownTable(lines.slice(4).join('\n'));
    assert.deepStrictEqual(table.map((r) => [r.Request, r.Decision]), expected.items.map((i) => [i.request, i.decision]));
    const shown = await waitFor('a Markdown preview tab', () => (previews().length === 1 ? previews()[0] : undefined));
    assert.match(shown.label, /Decisions of case/);
    // The focus is on the preview now; a second run still shows the table in the same preview.
    await vscode.commands.executeCommand('imr.extractDecisions', doc.uri, undefined, 'md');
    assert.deepStrictEqual(previews().map((t) => t.label), [shown.label], 'a second run reuses the preview');
    await nothingUnsaved();
  });

  test(`imr.copyDecisions (uri, undefined, 'md') puts a Markdown table of the decisions on the clipboard`, async () => {
    const expected = letter(LETTER);
    const doc = await openForCommands(expected.texts[0]);
    const sentinel = `imr-integration clipboard sentinel ${Date.now()}`;
    await vscode.env.clipboard.writeText(sentinel);
    assert.strictEqual(await vscode.env.clipboard.readText(), sentinel, 'the clipboard works in this host');
    const editorsBefore = vscode.window.visibleTextEditors.length;

    const result = await vscode.commands.executeCommand<ExtractResult | undefined>('imr.copyDecisions', doc.uri, undefined, 'md');
    assert.ok(result);
    assert.strictEqual(result.format, 'md');
    const copied = await waitFor('the clipboard to change', async () => {
      const t = await vscode.env.clipboard.readText();
      return t !== sentinel ? t : undefined;
    });
    assert.strictEqual(copied, result.content);
    const rows = parseMarkdownTable(copied);
    assert.deepStrictEqual(
      rows.map((r) => [r.Request, r.Decision]),
      expected.items.map((i) => [i.request, i.decision]),
    );
    assert.strictEqual(vscode.window.visibleTextEditors.length, editorsBefore, 'copying opens no editor');
  });

  test(`imr.copyDecisions (uri, undefined, 'tsv') copies a table that pastes into Word or Excel: tab-separated, one line per item`, async () => {
    const expected = letter(LETTER);
    const doc = await openForCommands(expected.texts[0]);
    await vscode.env.clipboard.writeText('sentinel');
    const result = await vscode.commands.executeCommand<ExtractResult | undefined>('imr.copyDecisions', doc.uri, undefined, 'tsv');
    assert.ok(result);
    const copied = await waitFor('the clipboard to change', async () => {
      const t = await vscode.env.clipboard.readText();
      return t !== 'sentinel' ? t : undefined;
    });
    const [head, ...rows] = copied.replace(/\n$/, '').split('\n').map((l) => l.split('\t'));
    assert.strictEqual(rows.length, expected.items.length);
    assert.ok(rows.every((r) => r.length === head.length));
    assert.deepStrictEqual(rows.map((r) => r[head.indexOf('Decision')]), expected.items.map((i) => i.decision));
  });

  test(`imr.extractItem (uri, 2, 'json') returns the third item of ${LETTER}`, async () => {
    const expected = letter(LETTER);
    assert.ok(expected.items.length >= 3);
    const doc = await openForCommands(expected.texts[0]);
    const result = await vscode.commands.executeCommand<ExtractResult | undefined>('imr.extractItem', doc.uri, 2, 'json');
    assert.ok(result);
    assert.strictEqual(result.format, 'json');
    assert.strictEqual(result.rows, 1);
    const item = JSON.parse(result.content) as { item: number; request: string; decision: string; caseNumber: string; rationale: string };
    assert.strictEqual(item.item, 3);
    assert.strictEqual(item.request, expected.items[2].request);
    assert.strictEqual(item.decision, expected.items[2].decision);
    assert.strictEqual(item.caseNumber, expected.caseNumber);
    assert.ok(typeof item.rationale === 'string' && item.rationale.length > 0, 'the item carries its rationale');
    // A read-only document (nothing to save), reused by the next run.
    const shown = await waitFor('a read-only editor with the JSON', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.scheme === 'imr-extract' && e.document.getText() === result.content ? e : undefined;
    });
    assert.strictEqual(shown.document.isUntitled, false);
    assert.strictEqual(shown.document.isDirty, false);
  });

  test('imr.extractAllLetters over test/fixtures/letters writes each letter once (text, -layout text and PDF are one letter); a second run without overwrite is refused', async () => {
    const folder = path.join(FIXTURES, 'letters');
    const letters = loadLetters();
    // Each manifest letter is in the folder as its default text, usually a layout/ text and a pdf/ file.
    const perFile = new Map<string, number>();
    for (const l of letters) for (const f of [...l.texts, ...(l.pdf ? [l.pdf] : [])]) perFile.set(f, l.items.length);
    const onDisk = walk(folder).filter((f) => LETTER_FILE_TYPES.has(path.extname(f).toLowerCase()));
    assert.deepStrictEqual([...onDisk].sort(), [...perFile.keys()].sort(), 'the manifest accounts for every letter file of the folder');

    const output = path.join(scratch, 'letters.csv');
    const params: ExtractFilesParams = { inputs: [folder], format: 'csv', output };
    const result = await vscode.commands.executeCommand<ExtractFilesResult | undefined>('imr.extractAllLetters', params);
    assert.ok(result);
    assert.deepStrictEqual(result.failures, []);
    assert.strictEqual(result.cancelled, false);
    assert.strictEqual(result.output, output);
    assert.strictEqual(result.letters, letters.length, 'one record per letter');
    assert.strictEqual(result.items, letters.reduce((n, l) => n + l.items.length, 0));
    assert.strictEqual(result.duplicates.length, perFile.size - letters.length, 'every other copy is listed');

    const written = fs.readFileSync(output);
    const rows = parse(written, { columns: true }) as Record<string, string>[];
    assert.strictEqual(rows.length, result.items);
    // Per letter: its items once, from its default text.
    const counted = new Map<string, number>();
    for (const r of rows) counted.set(r.File, (counted.get(r.File) ?? 0) + 1);
    assert.deepStrictEqual(
      [...counted].sort(([a], [b]) => a.localeCompare(b)),
      letters.map((l) => [l.texts[0], l.items.length] as [string, number]).filter(([, n]) => n > 0).sort(([a], [b]) => a.localeCompare(b)),
    );
    assert.deepStrictEqual(fs.readdirSync(scratch).filter((f) => f.startsWith('letters.')), ['letters.csv'], 'no temporary file left beside the output');

    const stat = fs.statSync(output);
    const again = await vscode.commands.executeCommand<ExtractFilesResult | undefined>('imr.extractAllLetters', params);
    assert.ok(again);
    assert.strictEqual(again.output, null);
    assert.match(again.refused ?? '', /already exists/);
    assert.strictEqual(again.letters, 0);
    assert.ok(fs.readFileSync(output).equals(written), 'the file is unchanged');
    assert.strictEqual(fs.statSync(output).mtimeMs, stat.mtimeMs);
  });

  test("imr.extractAllLetters as a calendar: a folder's deadlines in one .ics file, each letter's dates once", async () => {
    const folder = fs.mkdtempSync(path.join(scratch, 'calendar-'));
    // Three DWC letters, each with its case number (the 2013 notice of the fixtures has none).
    const picks = loadLetters().filter((l) => l.caseNumber).slice(0, 3);
    for (const l of picks) fs.copyFileSync(l.texts[0], path.join(folder, path.basename(l.texts[0])));
    const output = path.join(scratch, 'folder-deadlines.ics');
    const result = await vscode.commands.executeCommand<ExtractFilesResult | undefined>('imr.extractAllLetters', { inputs: [folder], format: 'ics', output });
    assert.ok(result);
    assert.strictEqual(result.refused, undefined);
    assert.strictEqual(result.output, output);
    assert.strictEqual(result.letters, picks.length);
    const ics = fs.readFileSync(output, 'utf8');
    const kb = bundledKnowledge();
    const dates = picks.flatMap((l) => parseDocument(fs.readFileSync(l.texts[0], 'utf8')).flatMap((x) => letterDeadlines(x, kb)));
    assert.strictEqual(ics.match(/^BEGIN:VEVENT\r$/gm)?.length, dates.length);
    for (const l of picks) assert.ok(ics.includes(`SUMMARY:IMR ${l.caseNumber}: last day to appeal (estimate)`), l.caseNumber ?? l.file);
  });
});
