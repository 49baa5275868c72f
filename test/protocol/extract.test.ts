/**
 * The quick-extract commands over LSP (workspace/executeCommand), as any editor would call them.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse as parseCsv } from 'csv-parse/sync';
import { CancellationTokenSource, ExecuteCommandRequest, WorkDoneProgress } from 'vscode-languageserver-protocol/node';
import type { ExtractFilesParams, ExtractFilesResult, ExtractParams, ExtractResult } from '../../server/src/protocol';
import { FIXTURES } from '../paths';
import { loadLetters } from '../core/manifest';
import { startServer, TestServer } from './client';

const letters = loadLetters();
const multi = letters.find((l) => l.file.includes('CM16-0238035'))!; // 8 items
const partial = letters.find((l) => l.file.includes('CM16-0239569'))!;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-extract-'));

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
    assert.deepEqual(rows.map((r) => [r.request, r.decision]), multi.items.map((i) => [i.request, i.decision]));
    assert.ok(rows.every((r) => r.caseNumber === multi.caseNumber));
    const json = JSON.parse((await extract({ uri, kind: 'decisions', format: 'json' }))!.content);
    assert.deepEqual(json.map((r: { request: string }) => r.request), multi.items.map((i) => i.request));
  });

  test('partial-authorization parts are columns of their own', async () => {
    const uri = await server.open(partial.texts[0]);
    const csv = await extract({ uri, kind: 'decisions', format: 'csv' });
    const rows = parseCsv(csv!.content, { columns: true }) as Record<string, string>[];
    for (const r of rows) {
      assert.match(r.partialOriginal, /times 12$/);
      assert.match(r.partialAuthorized, /times 6$/);
      assert.equal(r.partialRemainder, r.request);
    }
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
