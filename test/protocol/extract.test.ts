/**
 * The quick-extract commands over LSP (workspace/executeCommand), as any editor would call them.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parse as parseCsv } from 'csv-parse/sync';
import { CancellationTokenSource, ExecuteCommandRequest, WorkDoneProgress } from 'vscode-languageserver-protocol/node';
import type { DeadlinesResult, ExtractFilesParams, ExtractFilesResult, ExtractParams, ExtractResult } from '../../server/src/protocol';
import { bundledKnowledge, letterDeadlines, parseDocument } from '../../server/src/core';
import { FIXTURES } from '../paths';
import { loadLetters } from '../core/manifest';
import { startServer, TestServer } from './client';
import { tempDir } from '../temp';

const letters = loadLetters();
const multi = letters.find((l) => l.file.includes('CM16-0238035'))!; // 8 items
const partial = letters.find((l) => l.file.includes('CM16-0239569'))!;
const scratch = tempDir('imr-extract-');

describe('extract commands', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });

  const extract = (p: ExtractParams) =>
    server.connection.sendRequest(ExecuteCommandRequest.type, { command: 'imr.server.extract', arguments: [p] }) as Promise<ExtractResult | null>;
  const extractFiles = (p: ExtractFilesParams, token?: CancellationTokenSource, workDoneToken?: string) =>
    server.connection.sendRequest(
      ExecuteCommandRequest.type,
      { command: 'imr.server.extractFiles', arguments: [p], workDoneToken },
      token?.token,
    ) as Promise<ExtractFilesResult>;

  test('decisions as a Markdown table, CSV and JSON agree with the manifest', async () => {
    const uri = await server.open(multi.texts[0]);
    const md = await extract({ uri, kind: 'decisions', format: 'md' });
    assert.equal(md!.language, 'markdown');
    const mdRows = md!.content.trim().split('\n').slice(2);
    assert.equal(mdRows.length, multi.items.length);
    const csv = await extract({ uri, kind: 'decisions', format: 'csv' });
    const rows = parseCsv(csv!.content, { columns: true }) as Record<string, string>[];
    // CSV and Markdown are headed in plain English; JSON keeps the schema's names.
    assert.deepEqual(rows.map((r) => [r.Request, r.Decision]), multi.items.map((i) => [i.request, i.decision]));
    assert.ok(rows.every((r) => r['Case number'] === multi.caseNumber));
    assert.match(md!.content, /^\| Case number \| Decision date \| Item \| Request \| Decision \|/);
    const json = JSON.parse((await extract({ uri, kind: 'decisions', format: 'json' }))!.content);
    assert.deepEqual(json.map((r: { request: string }) => r.request), multi.items.map((i) => i.request));
  });

  test('partial-authorization parts are columns of their own', async () => {
    const uri = await server.open(partial.texts[0]);
    const csv = await extract({ uri, kind: 'decisions', format: 'csv' });
    const rows = parseCsv(csv!.content, { columns: true }) as Record<string, string>[];
    for (const r of rows) {
      assert.match(r['Original request'], /times 12$/);
      assert.match(r['Authorized before IMR'], /times 6$/);
      assert.equal(r['Decided by IMR'], r.Request);
    }
  });

  test('columns empty in every row are left out unless asked for', async () => {
    const uri = await server.open(multi.texts[0]);
    const partialColumns = ['Original request', 'Authorized before IMR', 'Decided by IMR'];
    const header = async (p: Partial<ExtractParams>) => {
      const r = await extract({ uri, kind: 'decisions', format: 'csv', ...p });
      return (parseCsv(r!.content, { to_line: 1 }) as string[][])[0];
    };
    const compact = await header({});
    assert.ok(partialColumns.every((c) => !compact.includes(c)), `no partial authorization in ${multi.file}: ${compact.join(', ')}`);
    assert.ok(compact.includes('Request') && compact.includes('Guidelines cited'));
    const full = await header({ emptyColumns: true });
    assert.ok(partialColumns.every((c) => full.includes(c)), full.join(', '));
  });

  test('the compact table for reading: a title, the decisions in words, the columns a reader needs', async () => {
    const uri = await server.open(multi.texts[0]);
    const r = await extract({ uri, kind: 'decisions', format: 'md', compact: true });
    const lines = r!.content.split('\n');
    assert.equal(lines[0], `# Decisions of case ${multi.caseNumber}`);
    const upheld = multi.items.filter((i) => i.decision === 'Upheld').length;
    assert.match(lines[2], new RegExp(`^Decision date \\d{4}-\\d{2}-\\d{2} · ${multi.items.length} items: ${upheld} upheld`));
    assert.equal(lines[4], '| Item | Request | Decision | Guidelines cited |');
    assert.equal(lines.filter((l) => l.startsWith('| ')).length, 2 + multi.items.length, 'header, separator and one row per item');
    // One item reads as Field | Value, with its rationale.
    const item = await extract({ uri, kind: 'item', format: 'md', compact: true, index: 0 });
    assert.match(item!.content, /^# Item 1 of case /);
    assert.match(item!.content, /\| Reasons for the decision \| ./);
  });

  test('a table for the clipboard: tab-separated, one line per row, no tab or line break inside a cell', async () => {
    const uri = await server.open(multi.texts[0]);
    const r = await extract({ uri, kind: 'item', format: 'tsv', index: 0 });
    const lines = r!.content.trimEnd().split('\n');
    assert.equal(lines.length, 2);
    const [head, row] = lines.map((l) => l.split('\t'));
    assert.equal(head.length, row.length);
    assert.equal(row[head.indexOf('Request')], multi.items[0].request);
    assert.ok(row[head.indexOf('Reasons for the decision')].length > 100, 'the rationale, on one line');
  });

  test('the item under the cursor', async () => {
    const text = fs.readFileSync(multi.texts[0], 'utf8');
    const uri = await server.open(multi.texts[0]);
    const third = multi.items[2].request;
    const line = text.split('\n').findIndex((l) => l.startsWith(third.slice(0, 20)));
    assert.ok(line > 0);
    const r = await extract({ uri, kind: 'item', format: 'json', position: { line: line + 2, character: 3 } });
    const item = JSON.parse(r!.content);
    assert.equal(item.request, third);
    assert.equal(item.item, 3);
    assert.equal(typeof item.rationale, 'string');
  });

  test('the case summary names the patient and the reviewer', async () => {
    const uri = await server.open(multi.texts[0]);
    const r = JSON.parse((await extract({ uri, kind: 'summary', format: 'json' }))!.content);
    assert.equal(r.caseNumber, multi.caseNumber);
    assert.equal(typeof r.patient.age, 'number');
    assert.ok(r.reviewer.specialties.length > 0);
    assert.ok(Array.isArray(r.diagnoses));
  });

  test('a document that is not a letter gives no result', async () => {
    const uri = await server.open(path.join(scratch, 'note.imr'), 'Just a note.\n');
    assert.equal(await extract({ uri, kind: 'decisions', format: 'csv' }), null);
  });

  test('all letters of a folder to one CSV file, with progress', async () => {
    const output = path.join(scratch, 'all.csv');
    const token = 'progress-1';
    const reports: string[] = [];
    const disposable = server.connection.onProgress(WorkDoneProgress.type, token, (v) => {
      reports.push(v.kind);
    });
    const txt = path.join(FIXTURES, 'letters', '*.txt');
    const result = await extractFiles({ inputs: [txt], format: 'csv', output }, undefined, token);
    disposable.dispose();
    assert.equal(result.output, output);
    assert.equal(result.letters, letters.length);
    assert.deepEqual(result.failures, []);
    const rows = parseCsv(fs.readFileSync(output, 'utf8'), { columns: true }) as unknown[];
    assert.equal(rows.length, letters.reduce((n, l) => n + l.items.length, 0));
    assert.equal(result.items, rows.length);
    assert.equal(reports[0], 'begin');
    assert.equal(reports[reports.length - 1], 'end');
    assert.ok(reports.includes('report'));
  });

  test('a folder holding each letter as text, -layout text and PDF: one record per letter, the copies listed', async () => {
    const dir = fs.mkdtempSync(path.join(scratch, 'copies-'));
    const picks = letters.filter((l) => l.pdf && l.texts.length > 1).slice(0, 3);
    for (const sub of ['layout', 'pdf']) fs.mkdirSync(path.join(dir, sub));
    for (const l of picks) {
      fs.copyFileSync(l.texts[0], path.join(dir, path.basename(l.texts[0])));
      fs.copyFileSync(l.texts[1], path.join(dir, 'layout', path.basename(l.texts[1])));
      fs.copyFileSync(l.pdf!, path.join(dir, 'pdf', path.basename(l.pdf!)));
    }
    const output = path.join(scratch, 'copies.csv');
    const result = await extractFiles({ inputs: [dir], format: 'csv', output });
    assert.equal(result.letters, picks.length);
    assert.equal(result.items, picks.reduce((n, l) => n + l.items.length, 0));
    assert.equal(result.duplicates.length, picks.length * 2);
    for (const d of result.duplicates) {
      assert.equal(path.dirname(d.usedFile), dir, 'the plain text is used');
      assert.ok(d.file.includes(`${path.sep}layout${path.sep}`) || d.file.endsWith('.pdf'), d.file);
      assert.match(d.reason, /preferred/);
    }
    const rows = parseCsv(fs.readFileSync(output, 'utf8'), { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, result.items);
    assert.deepEqual([...new Set(rows.map((r) => r['Case number']))].sort(), picks.map((l) => l.caseNumber).sort());
    assert.deepEqual(fs.readdirSync(scratch).filter((f) => f.includes('.partial')), [], 'no temporary file left');
    const every = await extractFiles({ inputs: [dir], format: 'csv', output: path.join(scratch, 'every.csv'), everyFile: true });
    assert.equal(every.letters, picks.length * 3);
    assert.deepEqual(every.duplicates, []);
  });

  test('a folder to a calendar file (Extract All Letters as Calendar): each letter\'s dates once, as the core gives them; not with every file\'s copy', async () => {
    const dir = fs.mkdtempSync(path.join(scratch, 'calendar-'));
    const picks = letters.filter((l) => l.texts.length > 1).slice(0, 4);
    fs.mkdirSync(path.join(dir, 'layout'));
    for (const l of picks) {
      fs.copyFileSync(l.texts[0], path.join(dir, path.basename(l.texts[0])));
      fs.copyFileSync(l.texts[1], path.join(dir, 'layout', path.basename(l.texts[1])));
    }
    const output = path.join(scratch, 'deadlines.ics');
    const result = await extractFiles({ inputs: [dir], format: 'ics', output });
    assert.equal(result.output, output);
    assert.equal(result.letters, picks.length);
    const ics = fs.readFileSync(output, 'utf8');
    assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\n') && ics.endsWith('END:VCALENDAR\r\n'));
    const kb = bundledKnowledge();
    const expected = picks.flatMap((l) => parseDocument(fs.readFileSync(l.texts[0], 'utf8')).flatMap((x) => letterDeadlines(x, kb)));
    const uids = [...ics.replace(/\r\n /g, '').matchAll(/^UID:(.*)\r$/gm)].map((m) => m[1]);
    assert.deepEqual(uids.sort(), expected.map((d) => `${d.id}@imr-letters.invalid`).sort(), 'each date once: the -layout copies add none');
    const every = path.join(scratch, 'every.ics');
    const refused = await extractFiles({ inputs: [dir], format: 'ics', output: every, everyFile: true });
    assert.equal(refused.output, null);
    assert.match(refused.refused!, /a calendar holds each letter's dates once/);
    assert.equal(fs.existsSync(every), false, 'nothing written');
  });

  test('an existing file is never replaced without consent', async () => {
    const output = path.join(scratch, 'keep.csv');
    fs.writeFileSync(output, 'precious');
    const refused = await extractFiles({ inputs: [partial.texts[0]], format: 'csv', output });
    assert.equal(refused.output, null);
    assert.match(refused.refused!, /already exists/);
    assert.equal(fs.readFileSync(output, 'utf8'), 'precious');
    const replaced = await extractFiles({ inputs: [partial.texts[0]], format: 'csv', output, overwrite: true });
    assert.equal(replaced.output, output);
    assert.notEqual(fs.readFileSync(output, 'utf8'), 'precious');
  });

  test('cancelling leaves no file behind', async () => {
    const dir = fs.mkdtempSync(path.join(scratch, 'cancel-'));
    const output = path.join(dir, 'big.jsonl');
    const source = new CancellationTokenSource();
    const token = 'progress-cancel';
    const disposable = server.connection.onProgress(WorkDoneProgress.type, token, (v) => {
      if (v.kind === 'report') source.cancel(); // cancel as soon as work is under way
    });
    const folder = path.join(FIXTURES, 'letters');
    const inputs = Array.from({ length: 20 }, () => folder); // thousands of files: far more than one report's worth
    const result = await extractFiles({ inputs, format: 'jsonl', output }, source, token).catch((e: Error) => e);
    disposable.dispose();
    assert.ok(!(result instanceof Error) ? result.cancelled && result.output === null : /cancel/i.test(result.message));
    assert.deepEqual(fs.readdirSync(dir), [], 'no output and no temporary file');
  });
});

describe('PDF letters and page lenses', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });

  test('imr/readPdf gives the same text as pdftotext, page by page', async () => {
    const expected = letters.find((l) => l.file.includes('CM16-0238035'))!;
    const r = (await server.connection.sendRequest('imr/readPdf', { path: expected.pdf })) as { ok: boolean; text: string; pages: number };
    assert.equal(r.ok, true);
    const poppler = fs.readFileSync(expected.texts[0], 'utf8');
    assert.equal(r.text, poppler);
    assert.equal(r.pages, poppler.split('\f').length - 1);
  });

  test('imr/readPdf explains a damaged PDF instead of failing', async () => {
    const r = (await server.connection.sendRequest('imr/readPdf', { path: path.join(FIXTURES, 'bad-pdf', 'truncated.pdf') })) as { ok: boolean; message: string };
    assert.equal(r.ok, false);
    assert.match(r.message, /damaged or incomplete/);
  });

  test("imr.server.deadlines: every letter of a merged case file, as a calendar file with the core's dates; none for a text that is no letter", async () => {
    const deadlines = (uri: string) =>
      server.connection.sendRequest(ExecuteCommandRequest.type, { command: 'imr.server.deadlines', arguments: [{ uri }] }) as Promise<DeadlinesResult | null>;
    assert.ok((server.initialized.capabilities.executeCommandProvider?.commands ?? []).includes('imr.server.deadlines'));
    // Two letters of the corpus in one document, as a merged case file holds them.
    const two = [multi, partial].map((l) => fs.readFileSync(l.texts[0], 'utf8'));
    const merged = two.join('\n');
    const file = path.join(scratch, 'merged-deadlines.txt');
    fs.writeFileSync(file, merged);
    const r = await deadlines(await server.open(file, merged));
    assert.ok(r);
    const kb = bundledKnowledge();
    const expected = parseDocument(merged).flatMap((l) => letterDeadlines(l, kb));
    assert.ok(expected.length >= 2, 'both letters set an appeal date');
    assert.deepEqual(r.events, expected.map((d) => ({ kind: d.kind, date: d.date, title: d.title })));
    assert.equal(r.title, `${multi.caseNumber}, ${partial.caseNumber} deadlines`);
    assert.ok(r.content.startsWith('BEGIN:VCALENDAR\r\n') && r.content.endsWith('END:VCALENDAR\r\n'));
    assert.equal(r.content.match(/^BEGIN:VEVENT\r$/gm)?.length, expected.length);
    for (const d of expected) assert.ok(r.content.includes(`DTSTART;VALUE=DATE:${d.date.replace(/-/g, '')}\r\n`), d.date);
    const note = path.join(scratch, 'note.txt');
    fs.writeFileSync(note, 'Shopping list: milk, bread.\n');
    assert.equal(await deadlines(await server.open(note, undefined, 'imr')), null);
  });

  test('a code lens marks where each page starts', async () => {
    const expected = letters.find((l) => l.file.includes('CM16-0238035'))!;
    const text = fs.readFileSync(expected.texts[0], 'utf8');
    const uri = await server.open(expected.texts[0]);
    const lenses = (await server.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as { range: { start: { line: number } }; command: { title: string } }[];
    const pages = lenses.filter((l) => /^Page \d+ of \d+$/.test(l.command.title));
    const pageCount = text.split('\f').length - 1;
    assert.equal(pages.length, pageCount);
    const lines = text.split('\n');
    pages.slice(1).forEach((l) => assert.ok(lines[l.range.start.line].startsWith('\f'), `page lens at line ${l.range.start.line}`));
    const items = lenses.filter((l) => /^(Upheld|Overturned)/.test(l.command.title));
    assert.equal(items.length, expected.items.length);
  });
});
