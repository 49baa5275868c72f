/**
 * The letter library in a real VS Code, on the test workspace (test/fixtures: each corpus letter as
 * pdftotext text, -layout text and PDF, and the seeds): Go to Symbol in Workspace, Find All
 * References on a citation and on a case number, Go to Definition to the knowledge base entry,
 * the Letters view's commands, Find Similar Decisions and its export. Expectations come from the
 * fixture manifests and the letters' text.
 */
import * as assert from 'assert';
import { parse } from 'csv-parse/sync';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { SimilarDecisionsResult } from '../../../server/src/library-protocol';
import { diagnose, parseDocument } from '../../../server/src/core';
import { loadLetters } from '../../core/manifest';
import { activateExtension, closeAllEditors, FIXTURES, openLetter, tempFolder, waitFor } from './helpers';

const letters = loadLetters().filter((l) => l.pdf);
const norco = letters.flatMap((l) => l.items.filter((i) => /norco/i.test(i.request)).map((i) => ({ l, i })));

/** Workspace symbols for a query (the built-in command every symbol provider answers). */
async function symbols(query: string): Promise<vscode.SymbolInformation[]> {
  return ((await vscode.commands.executeCommand('vscode.executeWorkspaceSymbolProvider', query)) as vscode.SymbolInformation[]) ?? [];
}

/** Where a letter's copies live: its pdftotext text in letters/, the others in layout/ and pdf/. */
function copyKind(uri: vscode.Uri): 'text' | 'layout' | 'pdf' | 'other' {
  const p = uri.fsPath;
  if (p.startsWith(path.join(FIXTURES, 'letters', 'layout') + path.sep)) return 'layout';
  if (uri.scheme === 'imr-pdf' || p.startsWith(path.join(FIXTURES, 'letters', 'pdf') + path.sep)) return 'pdf';
  if (path.dirname(p) === path.join(FIXTURES, 'letters')) return 'text';
  return 'other';
}

suite('Letter library', () => {
  suiteSetup(async () => {
    await activateExtension();
    // The Letters view starts the server and with it the index.
    await vscode.commands.executeCommand('imr.letters.focus');
    // Indexed once every Norco item of the corpus letters is found.
    await waitFor('the workspace index to hold the Norco letters', async () => {
      const found = await symbols('norco');
      return norco.every(({ l }) => found.some((s) => s.containerName?.includes(l.caseNumber!))) ? found : undefined;
    });
  });
  teardown(closeAllEditors);

  test('Go to Symbol in Workspace: "norco" gives every Norco item once, from its pdftotext text', async () => {
    const found = (await symbols('norco')).filter((s) => norco.some(({ l }) => s.containerName?.includes(l.caseNumber!)));
    for (const { l, i } of norco) {
      const hits = found.filter((s) => s.name === i.request && s.containerName!.includes(l.caseNumber!));
      assert.strictEqual(hits.length, 1, `${i.request} of ${l.caseNumber}: ${hits.map((h) => h.location.uri.fsPath).join(', ')}`);
      assert.ok(hits[0].containerName!.startsWith(i.decision), hits[0].containerName);
      assert.strictEqual(copyKind(hits[0].location.uri), 'text');
    }
    const byCase = await symbols(letters[7].caseNumber!);
    assert.strictEqual(byCase[0].name, letters[7].caseNumber);
  });

  test('Find All References on a Section(s) citation: the citing letters, each once', async () => {
    const l = letters.find((x) => /Section\(s\): Physical medicine treatment/.test(fs.readFileSync(x.texts[1], 'utf8')));
    assert.ok(l, 'a letter citing "Physical medicine treatment"');
    const doc = await openLetter(l.texts[1]);
    const text = doc.getText();
    const at = doc.positionAt(text.indexOf('Physical medicine treatment', text.indexOf('Section(s):')) + 3);
    const refs = await waitFor('references from the library', async () => {
      const r = ((await vscode.commands.executeCommand('vscode.executeReferenceProvider', doc.uri, at)) as vscode.Location[]) ?? [];
      return r.length > 1 ? r : undefined;
    });
    const citing = letters.filter((x) => /Physical medicine treatment/i.test(fs.readFileSync(x.texts[0], 'utf8').replace(/\s+/g, ' ')));
    const files = new Set(refs.map((r) => r.uri.fsPath));
    assert.ok(files.has(l.texts[1]), 'this letter, as opened');
    for (const x of citing.filter((c) => c !== l)) {
      const shown = refs.filter((r) => [x.texts[0], x.texts[1]].includes(r.uri.fsPath) || r.uri.fsPath === x.pdf);
      if (shown.length === 0) continue; // cites the words, but not as this guideline's section
      assert.ok(shown.every((r) => r.uri.fsPath === x.texts[0]), `${x.caseNumber} shown from its pdftotext text only`);
    }
    for (const r of refs) {
      const d = await vscode.workspace.openTextDocument(r.uri);
      assert.match(d.getText(r.range).replace(/\s+/g, ' '), /^physical medicine treatment$/i);
    }
    assert.ok(files.size >= 5, `${files.size} letters`);
  });

  test('Find All References on a case number: the letter once, not its other copies', async () => {
    const l = letters[12];
    const doc = await openLetter(l.texts[0]);
    const at = doc.positionAt(doc.getText().indexOf(l.caseNumber!) + 3);
    const refs = ((await vscode.commands.executeCommand('vscode.executeReferenceProvider', doc.uri, at)) as vscode.Location[]) ?? [];
    assert.deepStrictEqual(refs.map((r) => r.uri.fsPath), [l.texts[0]]);
    assert.strictEqual(doc.getText(refs[0].range), l.caseNumber);
  });

  test('Go to Definition on a cited page opens its knowledge base entry', async () => {
    const seed = path.join(FIXTURES, 'seeds', '000_b6b425ba94267f2e.txt');
    const doc = await openLetter(seed);
    const at = doc.positionAt(doc.getText().indexOf('Page(s): ') + 'Page(s): '.length);
    const defs = ((await vscode.commands.executeCommand('vscode.executeDefinitionProvider', doc.uri, at)) as (vscode.Location | vscode.LocationLink)[]) ?? [];
    assert.ok(defs.length > 0, 'a definition');
    const loc = defs[0] as vscode.Location;
    assert.strictEqual(path.basename(loc.uri.fsPath), 'mtus-cpmtg-2009.json');
    const json = await vscode.workspace.openTextDocument(loc.uri);
    assert.match(json.getText(loc.range), /^"p23-/);
  });

  test('the Letters view: grouping and filter commands', async () => {
    assert.strictEqual(await vscode.commands.executeCommand('imr.letters.groupBy', 'decision'), 'decision');
    assert.strictEqual(await vscode.commands.executeCommand('imr.letters.filter', 'norco'), 'norco');
    await vscode.commands.executeCommand('imr.letters.clearFilter');
    assert.strictEqual(await vscode.commands.executeCommand('imr.letters.groupBy', 'case'), 'case');
  });

  test('Find Similar Decisions on an item: Overturned first, closing sentences, exported as CSV', async () => {
    const l = letters.find((x) => x.items.some((i) => /^physical therapy/i.test(i.request)))!;
    const index = l.items.findIndex((i) => /^physical therapy/i.test(i.request));
    await openLetter(l.texts[0]);
    const result = (await vscode.commands.executeCommand('imr.findSimilar', vscode.Uri.file(l.texts[0]), index)) as SimilarDecisionsResult;
    assert.ok(result && result.results.length > 0, 'similar decisions');
    const decisions = result.results.map((r) => r.decision);
    const firstUpheld = decisions.indexOf('Upheld');
    assert.ok(firstUpheld < 0 || !decisions.slice(firstUpheld).includes('Overturned'), decisions.join(', '));
    assert.ok(result.results.every((r) => r.caseNumber !== l.caseNumber && r.closing));
    const out = path.join(tempFolder('similar'), 'similar.csv');
    assert.strictEqual(await vscode.commands.executeCommand('imr.exportSimilar', { format: 'csv', output: out }), out);
    const rows = parse(fs.readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    assert.deepStrictEqual(rows.map((r) => r.Request), result.results.map((r) => r.request));
    assert.deepStrictEqual(rows.map((r) => r.Decision), result.results.map((r) => r.decision ?? 'no decision'));
  });

  test('Show Problems of All Letters (imr.library.problems): a letter never opened has its problems in the Problems view, as the core finds them; off, they go', async () => {
    // A seed no other test opens (VS Code keeps a closed editor's document, and its diagnostics, a while).
    const seed = vscode.Uri.file(path.join(FIXTURES, 'seeds', '001_4f3ba24c3a626615.txt'));
    const text = fs.readFileSync(seed.fsPath, 'utf8');
    const expected = parseDocument(text).flatMap((l) => diagnose(l, text)).map((d) => `${d.code} ${d.message}`);
    assert.ok(expected.length >= 2, JSON.stringify(expected));
    const shown = () => vscode.languages.getDiagnostics(seed).map((d) => `${typeof d.code === 'object' ? d.code.value : d.code} ${d.message}`);
    assert.deepStrictEqual(shown(), [], 'nothing shown before the setting is on');
    const config = vscode.workspace.getConfiguration('imr.library');
    try {
      // The command turns the setting on (in the user's settings) and opens the Problems view.
      assert.strictEqual(await vscode.commands.executeCommand('imr.letters.showProblems'), true);
      assert.strictEqual(vscode.workspace.getConfiguration('imr.library').get('problems'), true);
      await waitFor("the seed's problems in the Problems view", () => JSON.stringify(shown()) === JSON.stringify(expected) || undefined);
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === seed.toString()), 'the letter was never opened');
    } finally {
      await config.update('problems', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor('the problems gone with the setting off', () => shown().length === 0 || undefined);
  });
});
