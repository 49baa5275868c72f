/**
 * PDF letters in a real VS Code: imr.openPdf shows a corpus PDF as a read-only `imr-pdf:` letter
 * whose text is poppler's pdftotext text of the same PDF, with the outline of its items; a damaged
 * PDF is refused without an exception.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { PDF_SCHEME } from '../../../server/src/protocol';
import { closeAllEditors, documentSymbols, FIXTURES, itemSymbols, LANGUAGE_ID, letter } from './helpers';

suite('PDF letters (imr.openPdf)', () => {
  teardown(closeAllEditors);

  test('a corpus PDF (CM16-0238035) opens as an imr document with its pdftotext text and outline', async () => {
    const expected = letter('2017_format1b_CM16-0238035.txt');
    assert.ok(expected.pdf, 'the manifest names the PDF');
    const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('imr.openPdf', vscode.Uri.file(expected.pdf));
    assert.ok(doc, 'the command returns the document');
    assert.strictEqual(doc.uri.scheme, PDF_SCHEME);
    assert.strictEqual(doc.uri.path, vscode.Uri.file(expected.pdf).path);
    assert.strictEqual(doc.languageId, LANGUAGE_ID);
    assert.strictEqual(doc.getText(), fs.readFileSync(expected.texts[0], 'utf8'), 'the text is the pdftotext fixture');
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString(), 'shown in the active editor');

    const symbols = await documentSymbols(doc);
    assert.deepStrictEqual(itemSymbols(symbols).map((c) => c.name), expected.items.map((i) => `${i.decision}: ${i.request}`));
  });

  test('a damaged PDF (bad-pdf/truncated.pdf): no document, no exception, no editor', async () => {
    const file = path.join(FIXTURES, 'bad-pdf', 'truncated.pdf');
    assert.ok(fs.existsSync(file));
    let result: unknown = 'not called';
    await assert.doesNotReject(async () => {
      result = await vscode.commands.executeCommand('imr.openPdf', vscode.Uri.file(file));
    });
    assert.strictEqual(result, undefined);
    assert.ok(
      !vscode.window.visibleTextEditors.some((e) => e.document.uri.scheme === PDF_SCHEME && e.document.uri.path.endsWith('/truncated.pdf')),
      'no editor shows the damaged PDF',
    );
    // The error message itself is a notification; the UI check pdf-error.check.ts reads it.
  });
});
