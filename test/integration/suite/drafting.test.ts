/**
 * Drafting in a real VS Code: typing a citation into a letter and accepting the completion the
 * suggest widget offers; a contributed snippet inserted by name; Format Document with the setting
 * on; quick fixes that write a missing block and a missing decision, applied with Auto Fix at the
 * cursor as a user does, and the side-by-side view of a decision and the rationale's conclusion.
 * The letters are copies in a temporary folder (nothing is written into test/fixtures).
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, copyFixture, FIXTURES, openLetter, tempFolder, WAIT_MS, waitFor, waitForDiagnostics } from './helpers';
import * as path from 'path';

const LETTER = path.join(FIXTURES, 'letters', '2017_format1b_CM16-0238035.txt');
/** The MAXIMUS guideline of the letter's first item, cut back to its label for the test to type. */
const MAXIMUS_LINE = 'MAXIMUS guideline: Decision based on MTUS Shoulder Complaints 2004, Section(s):\nSurgical Considerations.';

/** Reverts every changed copy (so closing the editors asks nothing), then closes them. */
async function revertAndClose(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await closeAllEditors();
}


/**
 * Auto Fix (Shift+Alt+.) at `at`, as a user presses it once the light bulb is there, until `written`
 * holds. The server's preferred quick fix for the position is waited for first (the command does
 * nothing while the code actions are still being computed), and the editor is made the active one
 * with the cursor at `at`. On a busy machine the web workbench may run the command before the editor
 * has focus, and then it does nothing: when no change to the document follows within
 * `PRESS_AGAIN_MS`, the user presses it again (never after the document changed, so a fix is not
 * applied twice).
 */
async function autoFixAt(editor: vscode.TextEditor, at: vscode.Position, what: string, written: () => boolean): Promise<void> {
  const doc = editor.document;
  await waitFor('a preferred quick fix at the cursor', async () => {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(at, at));
    return actions.some((a) => a.isPreferred && a.edit) || undefined;
  });
  const started = Date.now();
  for (let presses = 1; !written(); presses++) {
    if (Date.now() - started > WAIT_MS) throw new Error(`Auto Fix pressed ${presses - 1} time(s) in ${WAIT_MS} ms: ${what} not written`);
    const version = doc.version;
    const changed = new Promise<void>((resolve) => {
      const listener = vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === doc) finish();
      });
      const timer = setTimeout(() => finish(), PRESS_AGAIN_MS);
      const finish = () => {
        clearTimeout(timer);
        listener.dispose();
        resolve();
      };
    });
    const active = await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn, preserveFocus: false });
    active.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.autoFix');
    await changed;
    if (doc.version !== version && !written()) throw new Error(`Auto Fix changed the document but did not write ${what}`);
  }
}

/** How long a press of Auto Fix is given to change the document before it is pressed again. */
const PRESS_AGAIN_MS = 15_000;

suite('Drafting: completion, snippets, formatting', () => {
  teardown(revertAndClose);

  test('typing "Decision based on MTUS Shoulder Complaints 2004, Section(s): " and accepting the suggestion writes "Surgical Considerations"', async () => {
    const folder = tempFolder('drafting');
    const file = copyFixture(LETTER, folder, {
      name: 'draft.imr',
      edit: (t) => {
        assert.ok(t.includes(MAXIMUS_LINE), 'the fixture still has its MAXIMUS line');
        return t.replace(MAXIMUS_LINE, 'MAXIMUS guideline: ');
      },
    });
    const doc = await openLetter(file);
    const editor = await vscode.window.showTextDocument(doc);
    const lineStart = doc.getText().indexOf('MAXIMUS guideline: ');
    const end = doc.positionAt(lineStart + 'MAXIMUS guideline: '.length);
    editor.selection = new vscode.Selection(end, end);
    // Typed as a user types: the editor's own "type" command, then the suggestion list asked for.
    await vscode.commands.executeCommand('type', { text: 'Decision based on MTUS Shoulder Complaints 2004, Section(s): ' });
    const typedLine = 'MAXIMUS guideline: Decision based on MTUS Shoulder Complaints 2004, Section(s): ';
    assert.ok(doc.getText().includes(`${typedLine}\n`), 'the typed citation is in the document');
    const at = editor.selection.active;
    // The language server answers for the new text: its first suggestion is the section to write.
    const first = await waitFor('the section completion for the typed citation', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at, ' ');
      const ours = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Reference).sort((a, b) => String(a.sortText).localeCompare(String(b.sortText)));
      return ours.length > 0 ? ours[0] : undefined;
    });
    assert.strictEqual(typeof first.label === 'string' ? first.label : first.label.label, 'Surgical Considerations');
    assert.ok(first.documentation, 'the item explains the section');
    // Accept it in the suggest widget, as Enter does.
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    const written = `${typedLine}Surgical Considerations\n`;
    await waitFor('the accepted suggestion in the document', async () => {
      await vscode.commands.executeCommand('acceptSelectedSuggestion');
      return doc.getText().includes(written);
    });
    assert.ok(!doc.getText().includes(`${typedLine}Surgical ConsiderationsSurgical`), 'inserted once');
  });

  test('the "IMR disputed item" snippet inserts an item the language server reads with its decision', async () => {
    const folder = tempFolder('snippet');
    const file = copyFixture(LETTER, folder, { name: 'snippet.imr', edit: (t) => `${t.replace(/\s*$/, '')}\n\n` });
    const doc = await openLetter(file);
    const editor = await vscode.window.showTextDocument(doc);
    const end = doc.positionAt(doc.getText().length);
    editor.selection = new vscode.Selection(end, end);
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'imr', name: 'IMR disputed item' });
    await waitFor('the snippet in the document', () => doc.getText().includes('Requested treatment: Upheld\nClaims Administrator guideline: Decision based on MTUS '));
  });

  test('Format Document with imr.formatting on repairs a seed and changes no word', async () => {
    const config = vscode.workspace.getConfiguration('imr');
    await config.update('formatting', true, vscode.ConfigurationTarget.Global);
    try {
      const folder = tempFolder('format');
      const file = copyFixture(path.join(FIXTURES, 'seeds', '002_bb4913a5b984f6c8.txt'), folder, { name: 'seed.imr' });
      const doc = await openLetter(file);
      const before = doc.getText();
      assert.ok(before.includes('Â§'));
      const edits = await waitFor('formatting edits', async () => {
        const e = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri, { tabSize: 4, insertSpaces: true });
        return e && e.length > 0 ? e : undefined;
      });
      const edit = new vscode.WorkspaceEdit();
      edit.set(doc.uri, edits);
      assert.ok(await vscode.workspace.applyEdit(edit));
      const after = doc.getText();
      assert.ok(!after.includes('Â§') && after.includes('§§9792.20'));
      assert.deepStrictEqual(after.match(/[\p{L}\p{N}]+/gu), before.replace(/Â§/g, '§').match(/[\p{L}\p{N}]+/gu));
    } finally {
      await config.update('formatting', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('Auto Fix on a missing MAXIMUS guideline block writes its label and a placeholder between the two other blocks', async () => {
    const folder = tempFolder('fix-block');
    const file = copyFixture(LETTER, folder, {
      name: 'block.imr',
      edit: (t) => {
        assert.ok(t.includes(`${MAXIMUS_LINE}\n`), 'the fixture still has its MAXIMUS line');
        return t.replace(`${MAXIMUS_LINE}\n`, '');
      },
    });
    const doc = await openLetter(file);
    const editor = await vscode.window.showTextDocument(doc);
    const ds = await waitForDiagnostics(doc.uri, 'missing-block', (all) => all.some((x) => codeOf(x) === 'missing-block'));
    const missing = ds.find((x) => codeOf(x) === 'missing-block')!;
    const written = '\nMAXIMUS guideline: [the guideline the expert reviewer relied on]\nDecision rationale:';
    await autoFixAt(editor, missing.range.start, 'the MAXIMUS guideline label', () => doc.getText().includes(written));
    await waitForDiagnostics(doc.uri, 'missing-block cleared', (all) => !all.some((x) => codeOf(x) === 'missing-block'));
  });

  test('Auto Fix on a heading without its decision writes the decision the rationale concludes', async () => {
    const folder = tempFolder('fix-decision');
    const file = copyFixture(LETTER, folder, { name: 'decision.imr', edit: (t) => t.replace('Medical Clearance: Upheld', 'Medical Clearance:') });
    const doc = await openLetter(file);
    const editor = await vscode.window.showTextDocument(doc);
    const ds = await waitForDiagnostics(doc.uri, 'item-no-decision', (all) => all.some((x) => codeOf(x) === 'item-no-decision'));
    const d = ds.find((x) => codeOf(x) === 'item-no-decision')!;
    await autoFixAt(editor, d.range.start, 'the decision', () => doc.getText().includes('Medical Clearance: Upheld\n'));
  });

  test('a rationale that contradicts its decision: the quick fix shows the decision and the conclusion side by side, writing nothing', async () => {
    const folder = tempFolder('fix-compare');
    const file = copyFixture(LETTER, folder, { name: 'compare.imr', edit: (t) => t.replace('Medical Clearance: Upheld', 'Medical Clearance: Overturned') });
    const doc = await openLetter(file);
    const before = doc.getText();
    const ds = await waitForDiagnostics(doc.uri, 'rationale-contradicts-decision', (all) => all.some((x) => codeOf(x) === 'rationale-contradicts-decision'));
    const d = ds.find((x) => codeOf(x) === 'rationale-contradicts-decision')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
    const show = actions.find((a) => a.title === "Show the decision and the rationale's conclusion side by side");
    assert.ok(show?.command, `the side-by-side action among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.strictEqual(show.edit, undefined);
    // What choosing it in the light bulb menu runs.
    await vscode.commands.executeCommand(show.command.command, ...(show.command.arguments ?? []));
    const editors = await waitFor('two editors on the letter', () => {
      const on = vscode.window.visibleTextEditors.filter((e) => e.document.uri.toString() === doc.uri.toString());
      return on.length === 2 ? on : undefined;
    });
    const byColumn = [...editors].sort((a, b) => (a.viewColumn ?? 0) - (b.viewColumn ?? 0));
    assert.notStrictEqual(byColumn[0].viewColumn, byColumn[1].viewColumn, 'side by side');
    assert.deepStrictEqual(byColumn.map((e) => doc.getText(e.selection)), ['Medical Clearance: Overturned', 'not medically necessary']);
    assert.strictEqual(doc.getText(), before, 'nothing written');
  });
});
