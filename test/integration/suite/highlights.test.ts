import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, letter, openLetter, waitFor } from './helpers';

const SECTION = 'Manual therapy & manipulation';

suite('Document Highlight', () => {
  teardown(closeAllEditors);

  test('DWC letter CM16-0239569: on a cited section, the five places the letter cites it; on a plain word, the editor marks the word as in any text', async () => {
    const doc = await openLetter(letter('2017_format1b_CM16-0239569.txt').texts[0]);
    const text = doc.getText();
    const highlights = (offset: number) =>
      vscode.commands.executeCommand<vscode.DocumentHighlight[]>('vscode.executeDocumentHighlights', doc.uri, doc.positionAt(offset));
    // Before the server answers, the editor's own word marks would show only "manipulation".
    const marks = await waitFor('the server\'s highlights of the cited section', async () => {
      const found = (await highlights(text.lastIndexOf(SECTION) + 2)) ?? [];
      return found.length > 0 && found.every((h) => doc.getText(h.range) === SECTION) ? found : undefined;
    });
    assert.deepStrictEqual(marks.map((h) => doc.offsetAt(h.range.start)), [...text.matchAll(/Manual therapy & manipulation/g)].map((m) => m.index));
    assert.strictEqual(marks.length, 5);
    // Where the letter names nothing, the server answers null and the editor's word marks remain.
    const plain = (await highlights(text.indexOf('the patient') + 6)) ?? [];
    assert.strictEqual(plain.length, [...text.matchAll(/\bpatient\b/g)].length, `word marks: ${JSON.stringify(plain.map((h) => doc.getText(h.range)))}`);
    assert.ok(plain.every((h) => doc.getText(h.range) === 'patient'));
  });
});
