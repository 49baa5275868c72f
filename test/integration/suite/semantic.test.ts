import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { closeAllEditors, FIXTURES, openLetter, waitFor } from './helpers';

suite('Semantic highlighting', () => {
  teardown(closeAllEditors);

  test('pypdf text of DWC letter CM16-0236380: the decision "Uph eld", which the grammar misses, is coloured as Upheld', async () => {
    const doc = await openLetter(path.join(FIXTURES, 'tools', 'pypdf', '2017_format1b_CM16-0236380.txt'));
    const legend = await waitFor('the semantic token legend', async () => vscode.commands.executeCommand<vscode.SemanticTokensLegend | undefined>('vscode.provideDocumentSemanticTokensLegend', doc.uri));
    const tokens = await waitFor('semantic tokens', async () => {
      const t = await vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', doc.uri);
      return t && t.data.length > 0 ? t : undefined;
    });
    const found: { text: string; type: string }[] = [];
    let line = 0;
    let char = 0;
    for (let k = 0; k < tokens.data.length; k += 5) {
      line += tokens.data[k];
      char = tokens.data[k] === 0 ? char + tokens.data[k + 1] : tokens.data[k + 1];
      const range = new vscode.Range(line, char, line, char + tokens.data[k + 2]);
      found.push({ text: doc.getText(range), type: legend.tokenTypes[tokens.data[k + 3]] });
    }
    assert.ok(found.some((t) => t.text === 'Uph eld' && t.type === 'imrUpheld'), JSON.stringify(found.filter((t) => /Upheld|Overturned/.test(t.type))));
    assert.ok(found.some((t) => t.text === 'IMR ISSUES, DECISIONS AND RATIONALES' && t.type === 'imrHeading'));
    assert.strictEqual(vscode.workspace.getConfiguration('editor', doc).get('semanticHighlighting.enabled'), true);
  });
});
