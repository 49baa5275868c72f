/**
 * Drafting in a real VS Code: typing a citation into a letter and accepting the completion the
 * suggest widget offers; a contributed snippet inserted by name; Format Document with the setting
 * on. The letters are copies in a temporary folder (nothing is written into test/fixtures).
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, copyFixture, FIXTURES, openLetter, tempFolder, waitFor } from './helpers';
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
});
