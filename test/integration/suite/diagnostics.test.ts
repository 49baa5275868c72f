/**
 * Diagnostics and code actions in a real VS Code: what vscode.languages.getDiagnostics shows after
 * the client pulls them, the quick fixes vscode.executeCodeActionProvider offers, and applying them
 * through vscode.workspace.applyEdit. Every edit happens on copies in a temp folder.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  closeAllEditors, codeOf, copyFixture, LANGUAGE_ID, letter, openLetter, openLetterAndDiagnostics, seed, tempFolder, waitFor,
  waitForDiagnostics,
} from './helpers';

const S = vscode.DiagnosticSeverity;
const severityName = (s: vscode.DiagnosticSeverity) => S[s];
const describe = (ds: readonly vscode.Diagnostic[]) =>
  ds.map((d) => `${codeOf(d)} (${severityName(d.severity)}) at ${d.range.start.line + 1}:${d.range.start.character + 1}`).join('; ');

/** Mojibake sequences: UTF-8 bytes of a non-ASCII character read as Windows-1252/Latin-1 ("Â§", "â€™"). */
const MOJIBAKE = /[ÂÃ][\u0080-\u00BF]|â€./g;

async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, kind);
  return (actions ?? []).filter((a): a is vscode.CodeAction => !('command' in a && typeof a.command === 'string'));
}

suite('Diagnostics and quick fixes', () => {
  let scratch: string;
  suiteSetup(() => {
    scratch = tempFolder('diagnostics');
  });
  suiteTeardown(() => {
    fs.rmSync(scratch, { recursive: true, force: true });
  });
  teardown(closeAllEditors);

  test('seed 002: two mojibake warnings and a truncated-letter warning; nothing else above information', async () => {
    const expected = seed('002_bb4913a5b984f6c8.txt');
    const text = fs.readFileSync(expected.texts[0], 'utf8');
    const mojibake = [...text.matchAll(MOJIBAKE)].map((m) => m[0]);
    assert.strictEqual(mojibake.length, 2, 'the seed holds two mojibake sequences');

    const doc = await openLetter(expected.texts[0]);
    const all = await waitForDiagnostics(doc.uri, 'the truncated-letter warning', (ds) => ds.some((d) => codeOf(d) === 'truncated-letter'));
    const serious = all.filter((d) => d.severity === S.Error || d.severity === S.Warning);
    assert.deepStrictEqual(serious.map(codeOf).sort(), ['mojibake', 'mojibake', 'truncated-letter'], describe(all));
    assert.ok(serious.every((d) => d.severity === S.Warning), `no errors: ${describe(all)}`);
    assert.ok(all.every((d) => d.source), 'every diagnostic names its source');
    // Each mojibake warning sits on the sequence it reports.
    assert.deepStrictEqual(all.filter((d) => codeOf(d) === 'mojibake').map((d) => doc.getText(d.range)), mojibake);
    // The cut-off warning sits on the letter's last words.
    const truncated = all.find((d) => codeOf(d) === 'truncated-letter')!;
    const lastText = text.trimEnd().split('\n').pop()!.trim();
    assert.ok(lastText.includes(doc.getText(truncated.range).trim()) && doc.getText(truncated.range).trim() !== '', `truncated-letter covers "${doc.getText(truncated.range)}"`);
    assert.ok(truncated.range.start.line >= doc.lineCount - 20, 'truncated-letter is at the end of the letter');
  });

  test('a real DWC letter (CM16-0238035) has no errors or warnings', async () => {
    // A fresh copy, so the report the test waits for is this document's first.
    const file = copyFixture(letter('2017_format1b_CM16-0238035.txt').texts[0], scratch);
    const { doc, diagnostics } = await openLetterAndDiagnostics(file);
    assert.strictEqual(doc.languageId, LANGUAGE_ID);
    assert.deepStrictEqual(diagnostics.filter((d) => d.severity === S.Error || d.severity === S.Warning).map(codeOf), [], describe(diagnostics));
  });

  test('a misspelt decision "Uphled": unknown-decision on the word, a preferred fix, and applying it clears the error', async () => {
    const expected = letter('2017_format1b_CM16-0238035.txt');
    const original = fs.readFileSync(expected.texts[0], 'utf8');
    const item = expected.items.find((i) => i.decision === 'Upheld' && original.includes(`\n${i.request}: Upheld\n`));
    assert.ok(item, 'an Upheld item heading on one line');
    const heading = `\n${item.request}: Upheld\n`;
    const file = copyFixture(expected.texts[0], scratch, { name: 'uphled.txt', edit: (t) => t.replace(heading, `\n${item.request}: Uphled\n`) });

    const doc = await openLetter(file);
    const line = doc.getText().split('\n').indexOf(`${item.request}: Uphled`);
    assert.ok(line > 0);
    const expectedRange = new vscode.Range(line, item.request.length + 2, line, item.request.length + 2 + 'Uphled'.length);

    const ds = await waitForDiagnostics(doc.uri, 'unknown-decision', (all) => all.some((d) => codeOf(d) === 'unknown-decision'));
    const unknown = ds.filter((d) => codeOf(d) === 'unknown-decision');
    assert.strictEqual(unknown.length, 1, describe(ds));
    const d = unknown[0];
    assert.strictEqual(d.severity, S.Error);
    assert.ok(d.range.isEqual(expectedRange), `range ${JSON.stringify(d.range)} should be ${JSON.stringify(expectedRange)}`);
    assert.strictEqual(doc.getText(d.range), 'Uphled');
    assert.match(d.message, /Uphled/);

    const actions = await codeActions(doc.uri, d.range);
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, `a preferred fix among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.strictEqual(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.match(fix.title, /Upheld/);
    assert.ok(fix.edit, 'the fix carries its edit');
    // (vscode.executeCodeActionProvider does not carry an action's `diagnostics` back, so that link is not checked here.)

    assert.strictEqual(await vscode.workspace.applyEdit(fix.edit), true);
    assert.strictEqual(doc.getText(), original, 'the fix restores the letter exactly');
    const after = await waitForDiagnostics(doc.uri, 'unknown-decision cleared', (all) => !all.some((x) => codeOf(x) === 'unknown-decision'));
    assert.deepStrictEqual(after.filter((x) => x.severity === S.Error || x.severity === S.Warning).map(codeOf), [], describe(after));
    await doc.save();
  });

  test('seed 002 copy: "Repair all mojibake" (source.fixAll.imr) repairs both sequences', async () => {
    const file = copyFixture(seed('002_bb4913a5b984f6c8.txt').texts[0], scratch);
    const doc = await openLetter(file);
    const ds = await waitForDiagnostics(doc.uri, 'two mojibake warnings', (all) => all.filter((d) => codeOf(d) === 'mojibake').length === 2);
    const mojibake = ds.find((d) => codeOf(d) === 'mojibake')!;
    const actions = await codeActions(doc.uri, mojibake.range, 'source.fixAll.imr');
    const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.imr');
    assert.ok(fixAll?.edit, `a fix-all action among ${JSON.stringify(actions.map((a) => `${a.kind?.value}: ${a.title}`))}`);
    assert.strictEqual(await vscode.workspace.applyEdit(fixAll.edit), true);
    assert.strictEqual(doc.getText().match(MOJIBAKE), null, 'no mojibake left');
    assert.ok(doc.getText().includes('§§9792.20'), 'the section signs are back');
    const after = await waitForDiagnostics(doc.uri, 'mojibake cleared', (all) => !all.some((x) => codeOf(x) === 'mojibake'));
    assert.ok(after.some((x) => codeOf(x) === 'truncated-letter'), 'other rules still report');
    await doc.save();
  });

  test('a file that is not a letter, opened as an IMR letter, gets exactly one not-a-letter notice', async () => {
    const file = path.join(scratch, 'meeting-notes.txt');
    fs.writeFileSync(file, 'Meeting notes\nCall the adjuster on Monday.\n'.repeat(20));
    const plain = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(plain, { preview: false });
    assert.notStrictEqual(plain.languageId, LANGUAGE_ID, 'not detected as a letter by itself');
    const doc = await vscode.languages.setTextDocumentLanguage(plain, LANGUAGE_ID);
    await waitFor('the document to be in language imr', () => doc.languageId === LANGUAGE_ID);
    const ds = await waitForDiagnostics(doc.uri, 'not-a-letter', (all) => all.length > 0);
    assert.deepStrictEqual(ds.map(codeOf), ['not-a-letter'], describe(ds));
    assert.strictEqual(ds[0].severity, S.Warning);
  });
});
