/**
 * The letter library over LSP, on a workspace of real letters in every form: each corpus letter as
 * pdftotext text, -layout text and PDF, plus the seeds. Indexing with work-done progress; one letter
 * one entry; workspace/symbol; references on a citation (opening a citation, later in a Section(s)
 * list) and on a case number; definition to the knowledge base entry; the Letters view's requests;
 * similar decisions; file changes through workspace/didChangeWatchedFiles; the include/exclude
 * settings; the PDF text cache on a second start.
 *
 * Expectations come from the manifests and from the letters' own text, not from the server.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import {
  DefinitionRequest, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, ExecuteCommandRequest, FileChangeType, FileEvent, Location,
  ProtocolConnection, ReferencesRequest, RegistrationRequest, SymbolInformation, WorkDoneProgress, WorkDoneProgressCreateRequest, WorkspaceSymbolRequest,
} from 'vscode-languageserver-protocol/node';
import { citationAt, findCitations, locatorKeys, parseLetter, resolveLocator, bundledKnowledge } from '../../server/src/core';
import {
  LibraryGroupResult, LibraryGroupersResult, LibraryGroupsResult, LibraryMethods, LibraryStatus, SimilarDecisionsResult,
} from '../../server/src/library-protocol';
import { loadLetters, loadSeeds } from '../core/manifest';
import { FIXTURES } from '../paths';
import { DEFAULT_CAPABILITIES, startServer, TestServer } from './client';
import { ExtractFilesResult, pdfLetterUri, pdfOfLetterUri } from '../../server/src/protocol';
import { ReadPdfRequest } from '../../server/src/messages';
import type { InsightsResult } from '../../server/src/insights-protocol';
import { tempDir } from '../temp';

const letters = loadLetters().filter((l) => l.pdf !== null);
const seeds = loadSeeds();

/** The workspace: letters/<name>.txt, letters/layout/<name>.txt, letters/pdf/<case>.pdf, seeds/. */
function makeWorkspace(): string {
  const root = tempDir('imr-library-');
  for (const sub of ['letters', 'letters/layout', 'letters/pdf', 'seeds']) fs.mkdirSync(path.join(root, sub), { recursive: true });
  for (const l of letters) {
    fs.copyFileSync(l.texts[0], path.join(root, 'letters', path.basename(l.texts[0])));
    fs.copyFileSync(l.texts[1], path.join(root, 'letters', 'layout', path.basename(l.texts[1])));
    fs.copyFileSync(l.pdf!, path.join(root, 'letters', 'pdf', path.basename(l.pdf!)));
  }
  for (const s of seeds) fs.copyFileSync(s.texts[0], path.join(root, 'seeds', path.basename(s.texts[0])));
  // Not a letter: indexed as a file with no letter.
  fs.writeFileSync(path.join(root, 'notes.txt'), 'Meeting notes, nothing to do with IMR.\n');
  return root;
}

const CAPS = {
  ...DEFAULT_CAPABILITIES,
  window: { workDoneProgress: true },
  workspace: { ...DEFAULT_CAPABILITIES.workspace, didChangeWatchedFiles: { dynamicRegistration: true } },
};

interface Watched {
  server: TestServer;
  progress: { kind: string; message?: string; percentage?: number }[];
  registrations: string[];
  /** Resolves with the next library status the server announces. */
  nextChange(): Promise<LibraryStatus>;
}

async function start(root: string, init: Record<string, unknown> = {}, caps = CAPS): Promise<Watched> {
  const progress: Watched['progress'] = [];
  const registrations: string[] = [];
  let waiters: ((s: LibraryStatus) => void)[] = [];
  const setup = (c: ProtocolConnection) => {
    // Progress reports come on the token the server creates.
    c.onRequest(WorkDoneProgressCreateRequest.type, (p) => {
      c.onProgress(WorkDoneProgress.type, p.token, (v) => {
        progress.push(v);
      });
    });
    c.onRequest(RegistrationRequest.type, (p) => {
      for (const r of p.registrations) registrations.push(r.method);
    });
    c.onNotification(LibraryMethods.changed, (s: LibraryStatus) => {
      const w = waiters;
      waiters = [];
      for (const f of w) f(s);
    });
  };
  const server = await startServer(caps, init, { folders: [root], setup });
  return { server, progress, registrations, nextChange: () => new Promise((resolve) => waiters.push(resolve)) };
}

async function status(w: Watched): Promise<LibraryStatus> {
  return (await w.server.connection.sendRequest(LibraryMethods.status)) as LibraryStatus;
}

/** Waits, on the server's own notifications, until the index is built (a generous limit). */
async function ready(w: Watched, limitMs = 240_000): Promise<LibraryStatus> {
  const until = Date.now() + limitMs;
  for (;;) {
    const next = w.nextChange();
    const s = await status(w);
    if (s.state === 'ready') return s;
    assert.ok(Date.now() < until, `index not ready after ${limitMs} ms: ${JSON.stringify(s)}`);
    await Promise.race([next, new Promise((r) => setTimeout(r, 5000).unref())]);
  }
}

/** Waits until `check` holds after changes (each change announced by the server). */
async function until<T>(w: Watched, check: () => Promise<T | null | undefined | false>, limitMs = 60_000): Promise<T> {
  const end = Date.now() + limitMs;
  for (;;) {
    const next = w.nextChange();
    const v = await check();
    if (v) return v;
    assert.ok(Date.now() < end, 'the change did not reach the index in time');
    await Promise.race([next, new Promise((r) => setTimeout(r, 2000).unref())]);
  }
}

function positionOf(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split(/\r\n|\r|\n/).length - 1;
  return { line, character: offset - (Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1) };
}

function textAt(loc: Location): string {
  const text = fs.readFileSync(fileURLToPath(loc.uri), 'utf8');
  const lines = text.split(/\r\n|\r|\n/);
  if (loc.range.start.line === loc.range.end.line) return lines[loc.range.start.line].slice(loc.range.start.character, loc.range.end.character);
  return [lines[loc.range.start.line].slice(loc.range.start.character), ...lines.slice(loc.range.start.line + 1, loc.range.end.line), lines[loc.range.end.line].slice(0, loc.range.end.character)].join(' ');
}

describe('letter library over LSP', () => {
  const root = makeWorkspace();
  const cacheDir = tempDir('imr-library-cache-');
  let w: Watched;
  let first: LibraryStatus;
  const ws = (...p: string[]) => path.join(root, ...p);

  before(async () => {
    w = await start(root, { cacheDir, pdfScheme: 'imr-pdf' });
    first = await ready(w);
  });
  after(async () => {
    await w.server.stop();
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  test('indexes in the background with work-done progress, and watches letter files', () => {
    assert.equal(w.progress[0]?.kind, 'begin');
    assert.equal(w.progress[w.progress.length - 1]?.kind, 'end');
    assert.ok(w.progress.some((p) => p.kind === 'report' && /PDFs/.test(p.message ?? '')), 'PDFs are reported as read after the texts');
    const firstPdf = w.progress.findIndex((p) => /PDFs/.test(p.message ?? ''));
    assert.ok(!w.progress.slice(firstPdf).some((p) => /texts/.test(p.message ?? '')), 'no text is read after the PDFs');
    assert.ok(w.registrations.includes(DidChangeWatchedFilesNotification.method));
  });

  test('one letter, one entry: 100 letters in three forms and 5 seeds are 105 letters from 305 sources', () => {
    assert.equal(first.files, 300 + 5 + 1);
    assert.equal(first.sources, 305);
    assert.equal(first.letters, 105);
    const expectedItems = [...letters, ...seeds].reduce((n, l) => n + l.items.length, 0);
    assert.equal(first.items, expectedItems);
    assert.equal(first.failures, 0);
  });

  test('workspace/symbol "norco": every Norco item once, best first, with decision and case number', async () => {
    const syms = (await w.server.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'norco' })) as SymbolInformation[];
    const expected = letters.flatMap((l) => l.items.filter((i) => /norco/i.test(i.request)).map((i) => ({ l, i })));
    assert.ok(expected.length >= 2, 'the corpus has Norco items');
    const items = syms.filter((s) => /norco/i.test(s.name));
    assert.equal(items.length, expected.length, 'each Norco item once, though each letter is there three times');
    for (const { l, i } of expected) {
      const s = items.find((x) => x.name === i.request && x.containerName?.includes(l.caseNumber!));
      assert.ok(s, `${i.request} of ${l.caseNumber}`);
      assert.ok(s.containerName!.startsWith(i.decision), `decision first in "${s.containerName}"`);
      assert.equal(fileURLToPath(s.location.uri), ws('letters', path.basename(l.texts[0])), 'the pdftotext text is the source used');
    }
    // Best first: names starting with the query before names that only contain it.
    const firstNot = syms.findIndex((s) => !/^norco/i.test(s.name));
    assert.ok(firstNot === -1 || syms.slice(firstNot).every((s) => !/^norco/i.test(s.name)));
  });

  test('workspace/symbol finds letters by case number, and caps a broad query', async () => {
    const l = letters[10];
    const syms = (await w.server.connection.sendRequest(WorkspaceSymbolRequest.type, { query: l.caseNumber! })) as SymbolInformation[];
    assert.equal(syms[0].name, l.caseNumber);
    assert.match(syms[0].containerName!, /\d+ items?/);
    assert.match(textAt(syms[0].location), new RegExp(l.caseNumber!));
    // More than 256 symbols (every item, every letter): an empty query lists the first 256.
    const all = (await w.server.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '' })) as SymbolInformation[];
    assert.equal(all.length, 256);
    const scattered = (await w.server.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'phth' })) as SymbolInformation[];
    assert.ok(scattered.some((s) => /physical therapy/i.test(s.name)), 'fuzzy: "phth" finds Physical THerapy');
  });

  test('references on a citation: every letter citing the same section, opening a citation or later in a list', async () => {
    // The section cited by the most letters that also stands later in a Section(s) list somewhere.
    const kb = bundledKnowledge();
    const occurrences = new Map<string, { file: string; offset: number; first: boolean; text: string }[]>();
    for (const l of letters) {
      const text = fs.readFileSync(l.texts[1], 'utf8'); // the -layout text, opened below
      const letter = parseLetter(text);
      for (const c of findCitations(letter, text, kb)) {
        c.locators.forEach((loc, i) => {
          for (const k of locatorKeys(c, loc)) {
            const list = occurrences.get(k) ?? [];
            list.push({ file: l.texts[1], offset: loc.span.start, first: i === 0, text: loc.text });
            occurrences.set(k, list);
          }
        });
      }
    }
    const [key, list] = [...occurrences].filter(([, v]) => v.some((o) => !o.first) && v.some((o) => o.first)).sort((a, b) => new Set(b[1].map((o) => o.file)).size - new Set(a[1].map((o) => o.file)).size)[0];
    const at = list.find((o) => o.first)!;
    const opened = ws('letters', 'layout', path.basename(at.file));
    const text = fs.readFileSync(opened, 'utf8');
    const uri = await w.server.open(opened, text);
    const refs = (await w.server.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri },
      position: positionOf(text, at.offset + 1),
      context: { includeDeclaration: true },
    })) as Location[];
    const files = new Set(refs.map((r) => path.basename(fileURLToPath(r.uri))));
    const expectedFiles = new Set(list.map((o) => path.basename(o.file)));
    assert.deepEqual([...files].sort(), [...expectedFiles].sort(), `letters citing ${key}`);
    // Each letter once: the opened -layout file for its own letter, the pdftotext text for the others.
    for (const r of refs) {
      const p = fileURLToPath(r.uri);
      if (path.basename(p) === path.basename(opened)) assert.equal(p, opened);
      else assert.equal(path.dirname(p), ws('letters'));
      assert.equal(textAt(r).replace(/\s+/g, ' ').toLowerCase(), at.text.toLowerCase(), `the range is the section name in ${p}`);
    }
    assert.equal(refs.length, list.length, 'every occurrence, later ones in a list included');
    await w.server.close(uri);
  });

  test('references on a case number: every letter of that case', async () => {
    const l = letters[3];
    // Another letter of the same case (on another request).
    const other = fs.readFileSync(l.texts[0], 'utf8');
    const second = ws('letters', 'second-letter-same-case.txt');
    const firstItem = l.items[0].request;
    fs.writeFileSync(second, other.split(firstItem).join(`${firstItem} (second request)`));
    await w.server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(second).href, type: FileChangeType.Created }] });
    await until(w, async () => ((await status(w)).letters === 106 ? true : null));

    const opened = ws('letters', 'layout', path.basename(l.texts[1]));
    const text = fs.readFileSync(opened, 'utf8');
    const uri = await w.server.open(opened, text);
    const refs = (await w.server.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri },
      position: positionOf(text, text.indexOf(l.caseNumber!) + 2),
      context: { includeDeclaration: true },
    })) as Location[];
    assert.deepEqual(refs.map((r) => fileURLToPath(r.uri)).sort(), [opened, second].sort(), 'this letter (not its other copies) and the second letter');
    for (const r of refs) assert.equal(textAt(r), l.caseNumber);
    fs.rmSync(second);
    await w.server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(second).href, type: FileChangeType.Deleted }] });
    await until(w, async () => ((await status(w)).letters === 105 ? true : null));
    await w.server.close(uri);
  });

  test('definition on a cited page opens its knowledge base entry in the JSON file', async () => {
    const seed = ws('seeds', path.basename(seeds[0].texts[0]));
    const text = fs.readFileSync(seed, 'utf8');
    const offset = text.indexOf('Page(s): ') + 'Page(s): '.length;
    const letter = parseLetter(text);
    const kb = bundledKnowledge();
    const at = citationAt(findCitations(letter, text, kb), offset)!;
    const entries = resolveLocator(kb, at.citation, at.locator!, null);
    assert.ok(entries.length > 0, 'the knowledge base has the page');
    const uri = await w.server.open(seed, text);
    const defs = (await w.server.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: positionOf(text, offset) })) as Location[];
    assert.equal(defs.length, entries.length);
    const file = fileURLToPath(defs[0].uri);
    assert.equal(path.dirname(file), path.join(FIXTURES, '..', '..', 'server', 'knowledge'));
    assert.equal(textAt(defs[0]), JSON.stringify(entries[0].id));
    // Not a citation: no definition.
    const none = await w.server.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(none, null);
    await w.server.close(uri);
  });

  test('Letters view: groupings, counts by decision, a group\'s letters with every source named, text filter', async () => {
    const groupers = (await w.server.connection.sendRequest(LibraryMethods.groupers)) as LibraryGroupersResult;
    assert.deepEqual(groupers.map((g) => g.id), ['case', 'decision', 'guideline', 'specialty', 'month', 'category']);
    const byDecision = (await w.server.connection.sendRequest(LibraryMethods.groups, { by: 'decision' })) as LibraryGroupsResult;
    const count = (d: string) => [...letters, ...seeds].reduce((n, l) => n + l.items.filter((i) => i.decision === d).length, 0);
    assert.deepEqual(byDecision.groups.map((g) => [g.label, g.items]), [['Overturned', count('Overturned')], ['Upheld', count('Upheld')]]);
    const overturned = (await w.server.connection.sendRequest(LibraryMethods.group, { by: 'decision', key: byDecision.groups[0].key })) as LibraryGroupResult;
    assert.equal(overturned.letters.reduce((n, l) => n + l.items.length, 0), count('Overturned'));
    for (const l of overturned.letters) {
      assert.ok(l.items.every((i) => i.decision === 'Overturned'));
      if (l.caseNumber) {
        assert.deepEqual(l.sources.map((s) => s.kind), ['text', '-layout text', 'PDF']);
        assert.match(l.sources[2].uri, /^imr-pdf:/);
        assert.match(l.reason, /text is preferred|most complete/);
      }
    }
    const months = (await w.server.connection.sendRequest(LibraryMethods.groups, { by: 'month' })) as LibraryGroupsResult;
    assert.deepEqual(months.groups.slice(0, 3).map((g) => g.label), ['February 2017', 'January 2017', 'December 2016']);
    const filtered = (await w.server.connection.sendRequest(LibraryMethods.groups, { by: 'decision', filter: 'norco' })) as LibraryGroupsResult;
    const norco = letters.flatMap((l) => l.items).filter((i) => /norco/i.test(i.request)).length;
    assert.equal(filtered.groups.reduce((n, g) => n + g.items, 0), norco);
  });

  test('similar decisions: the same treatment, quantities ignored, Overturned first, with the closing sentence', async () => {
    // A letter with a physical therapy item; the library has many.
    const l = letters.find((x) => x.items.some((i) => /^physical therapy/i.test(i.request)))!;
    const index = l.items.findIndex((i) => /^physical therapy/i.test(i.request));
    const opened = ws('letters', path.basename(l.texts[0]));
    const uri = await w.server.open(opened);
    const r = (await w.server.connection.sendRequest(LibraryMethods.similar, { uri, index })) as SimilarDecisionsResult;
    assert.ok(r && r.results.length > 3, 'several similar items');
    assert.ok(r.item.words.includes('physical') && r.item.words.includes('therapy'));
    assert.ok(!r.item.words.some((x) => /\d/.test(x)), 'quantities are not compared');
    const decisions = r.results.map((x) => x.decision);
    const firstUpheld = decisions.indexOf('Upheld');
    assert.ok(firstUpheld === -1 || !decisions.slice(firstUpheld).includes('Overturned'), 'Overturned first');
    for (const x of r.results) {
      assert.ok(x.sharedWords.length > 0);
      assert.notEqual(x.caseNumber, l.caseNumber, 'not the letter itself');
      assert.ok(x.decisionDate && x.closing, 'date and closing sentence');
      assert.match(x.closing!, /[.!?]$/);
      assert.match(textAt({ uri: x.uri, range: x.range }).replace(/\s+/g, ' '), new RegExp(x.request.slice(0, 12).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'));
    }
    await w.server.close(uri);
  });

  test('a changed file is current, a deleted one gone, a new one found (workspace/didChangeWatchedFiles)', async () => {
    const l = letters[20];
    const file = ws('letters', path.basename(l.texts[0]));
    const original = fs.readFileSync(file, 'utf8');
    const request = l.items[0].request;
    fs.writeFileSync(file, original.split(request).join('Zolpidectomy widget trial'));
    const t0 = Date.now();
    await w.server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(file).href, type: FileChangeType.Changed }] });
    const found = await until(w, async () => {
      const s = (await w.server.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'zolpidectomy' })) as SymbolInformation[];
      return s.length ? s : null;
    });
    assert.equal(fileURLToPath(found[0].location.uri), file);
    assert.ok(Date.now() - t0 < 60_000);
    // The -layout and PDF copies still hold the old request: now a different letter, not merged.
    assert.equal((await status(w)).letters, 106);
    fs.writeFileSync(file, original);
    await w.server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(file).href, type: FileChangeType.Changed }] });
    await until(w, async () => ((await status(w)).letters === 105 ? true : null));

    // Deleting the whole layout folder: every letter is still there once, from its other copies.
    const moved = `${root}-layout-away`;
    fs.renameSync(ws('letters', 'layout'), moved);
    await w.server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(ws('letters', 'layout')).href, type: FileChangeType.Deleted }] });
    await until(w, async () => ((await status(w)).sources === 205 ? true : null));
    assert.equal((await status(w)).letters, 105);
    fs.renameSync(moved, ws('letters', 'layout'));
    await w.server.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: fs.readdirSync(ws('letters', 'layout')).map((f): FileEvent => ({ uri: pathToFileURL(ws('letters', 'layout', f)).href, type: FileChangeType.Created })),
    });
    await until(w, async () => ((await status(w)).sources === 305 ? true : null));
  });

  test('a letter held only as PDF is shown from the PDF (its PDF letter URI)', async () => {
    const l = letters[30];
    const away = tempDir('imr-away-');
    const txt = ws('letters', path.basename(l.texts[0]));
    const layout = ws('letters', 'layout', path.basename(l.texts[1]));
    fs.renameSync(txt, path.join(away, 'a.txt'));
    fs.renameSync(layout, path.join(away, 'b.txt'));
    await w.server.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [txt, layout].map((f): FileEvent => ({ uri: pathToFileURL(f).href, type: FileChangeType.Deleted })),
    });
    const syms = await until(w, async () => {
      const s = (await w.server.connection.sendRequest(WorkspaceSymbolRequest.type, { query: l.caseNumber! })) as SymbolInformation[];
      return s[0]?.location.uri.startsWith('imr-pdf:') ? s : null;
    });
    // The PDF's letter-text view, named so that it cannot be taken for the PDF (protocol.ts pdfLetterUri).
    const pdfUri = pathToFileURL(ws('letters', 'pdf', path.basename(l.pdf!))).href;
    assert.equal(syms[0].location.uri, pdfLetterUri(pdfUri));
    assert.match(decodeURIComponent(syms[0].location.uri), / \(letter text\)\?file:/);
    assert.equal(pdfOfLetterUri(syms[0].location.uri), pdfUri);
    fs.renameSync(path.join(away, 'a.txt'), txt);
    fs.renameSync(path.join(away, 'b.txt'), layout);
    await w.server.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [txt, layout].map((f): FileEvent => ({ uri: pathToFileURL(f).href, type: FileChangeType.Created })),
    });
    await until(w, async () => ((await status(w)).sources === 305 ? true : null));
  });

  test('a second start reads no PDF: their text comes from the cache', async () => {
    const again = await start(root, { cacheDir, pdfScheme: 'imr-pdf' });
    try {
      const s = await ready(again);
      assert.equal(s.letters, 105);
      assert.deepEqual(s.pdfTextCache, { hits: 100, misses: 0 });
      const files = fs.readdirSync(path.join(cacheDir, 'pdf-text'));
      assert.equal(files.length, 100);
      if (process.platform !== 'win32') assert.equal(fs.statSync(path.join(cacheDir, 'pdf-text', files[0])).mode & 0o077, 0, 'readable by the user only');
    } finally {
      await again.server.stop();
    }
  });

  test('Extract All, Insights and opening a PDF read PDF text from the library\'s cache', async () => {
    const dir = path.join(cacheDir, 'pdf-text');
    const upheld = letters.find((l) => l.items.length === 1 && l.items[0].decision === 'Upheld')!;
    const pdf = ws('letters', 'pdf', path.basename(upheld.pdf!));
    const entry = fs.readdirSync(dir).map((f) => path.join(dir, f)).find((f) => (JSON.parse(fs.readFileSync(f, 'utf8').split('\n', 1)[0]) as { path: string }).path === pdf);
    assert.ok(entry, `the library kept the text of ${pdf}`);
    const run = (command: string, p: object) => w.server.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: [p] });
    const counts = async () => ((await run('imr.server.insights', { inputs: [ws('letters', 'pdf')] })) as InsightsResult).stats.decisions;
    const before = await counts();
    // The kept text with the item's decision turned: what the commands then report can only come from it.
    const kept = fs.readFileSync(entry, 'utf8');
    assert.match(kept, /: Upheld\n/);
    fs.writeFileSync(entry, kept.replace(/: Upheld\n/, ': Overturned\n'));
    try {
      assert.deepEqual(await counts(), { ...before, Upheld: before.Upheld - 1, Overturned: before.Overturned + 1 });
      const output = path.join(tempDir('imr-library-extract-'), 'out.jsonl');
      const result = (await run('imr.server.extractFiles', { inputs: [pdf], format: 'jsonl', output })) as ExtractFilesResult;
      assert.equal(result.letters, 1);
      assert.equal((JSON.parse(fs.readFileSync(output, 'utf8')) as { items: { decision: string }[] }).items[0].decision, 'Overturned');
      // Opening the PDF as a letter: the kept text, with its pages.
      const opened = await w.server.connection.sendRequest(ReadPdfRequest.type, { path: pdf });
      assert.ok(opened.ok, JSON.stringify(opened));
      assert.equal(opened.text, kept.split('\n').slice(1).join('\n').replace(/: Upheld\n/, ': Overturned\n'));
      const pages = fs.readFileSync(upheld.texts[0], 'utf8').split('\f').length - 1;
      assert.equal(opened.pages, pages);
      assert.equal(opened.pageOffsets.length, pages);
    } finally {
      fs.writeFileSync(entry, kept);
    }
  });
});

describe('letter library settings', () => {
  test('imr.library.exclude leaves files out; a changed setting rebuilds; enabled false turns it off', async () => {
    const root = tempDir('imr-library-set-');
    fs.mkdirSync(path.join(root, 'layout'));
    for (const l of letters.slice(0, 6)) {
      fs.copyFileSync(l.texts[0], path.join(root, path.basename(l.texts[0])));
      fs.copyFileSync(l.texts[1], path.join(root, 'layout', path.basename(l.texts[1])));
    }
    const w = await start(root, { settings: { library: { exclude: ['layout/**'] } } });
    try {
      let s = await ready(w);
      assert.equal(s.sources, 6);
      assert.equal(s.letters, 6);
      await w.server.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { imr: { library: { exclude: [] } } } });
      s = await until(w, async () => {
        const x = await status(w);
        return x.state === 'ready' && x.sources === 12 ? x : null;
      });
      assert.equal(s.letters, 6, 'the -layout copies join their letters');
      await w.server.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { imr: { library: { include: ['layout/*.txt'] } } } });
      s = await until(w, async () => {
        const x = await status(w);
        return x.state === 'ready' && x.sources === 6 ? x : null;
      });
      await w.server.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { imr: { library: { enabled: false } } } });
      s = await until(w, async () => {
        const x = await status(w);
        return x.state === 'off' ? x : null;
      });
      const syms = (await w.server.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'a' })) as SymbolInformation[];
      assert.deepEqual(syms, []);
    } finally {
      await w.server.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test('without workspace folders the library is off and the requests answer empty', async () => {
    const server = await startServer();
    try {
      const s = (await server.connection.sendRequest(LibraryMethods.status)) as LibraryStatus;
      assert.equal(s.state, 'off');
      assert.deepEqual(await server.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'norco' }), []);
    } finally {
      await server.stop();
    }
  });
});
