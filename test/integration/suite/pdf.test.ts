/**
 * PDF letters in a real VS Code: imr.openPdf shows a corpus PDF as a read-only `imr-pdf:` letter
 * named `NAME (letter text)`, whose text is poppler's pdftotext text of the same PDF, with the
 * outline of its items; the custom editor "IMR Letter Text" (Open With) opens the same letter in its
 * place; a damaged PDF is refused without an exception, and the reason is shown in an editor.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { PDF_SCHEME, pdfOfLetterUri } from '../../../server/src/protocol';
import { closeAllEditors, documentSymbols, FIXTURES, itemSymbols, LANGUAGE_ID, letter, waitFor } from './helpers';

/** The custom editor of package.json `customEditors` (client/src/pdf.ts PDF_EDITOR). */
const PDF_EDITOR = 'imr.pdfLetter';

suite('PDF letters (imr.openPdf)', () => {
  teardown(closeAllEditors);

  test('a corpus PDF (CM16-0238035) opens as an imr document with its pdftotext text and outline', async () => {
    const expected = letter('2017_format1b_CM16-0238035.txt');
    assert.ok(expected.pdf, 'the manifest names the PDF');
    const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('imr.openPdf', vscode.Uri.file(expected.pdf));
    assert.ok(doc, 'the command returns the document');
    assert.strictEqual(doc.uri.scheme, PDF_SCHEME);
    // Named so that the tab cannot be taken for the PDF: "CM16-0238035 (letter text)".
    const pdf = vscode.Uri.file(expected.pdf);
    assert.strictEqual(doc.uri.path, pdf.path.replace(/\.pdf$/, ' (letter text)'));
    assert.strictEqual(pdfOfLetterUri(doc.uri.toString()), pdf.toString());
    assert.strictEqual(doc.languageId, LANGUAGE_ID);
    assert.strictEqual(doc.getText(), fs.readFileSync(expected.texts[0], 'utf8'), 'the text is the pdftotext fixture');
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString(), 'shown in the active editor');

    const symbols = await documentSymbols(doc);
    assert.deepStrictEqual(itemSymbols(symbols).map((c) => c.name), expected.items.map((i) => `${i.decision}: ${i.request}`));
  });

  test('"Open With" the custom editor "IMR Letter Text" on a PDF: the letter text takes its place, no webview stays', async () => {
    const expected = letter('2017_format1b_CM16-0239569.txt');
    assert.ok(expected.pdf);
    const pdf = vscode.Uri.file(expected.pdf);
    await vscode.commands.executeCommand('vscode.openWith', pdf, PDF_EDITOR);
    const editor = await waitFor('the letter text of the PDF in the active editor', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.scheme === PDF_SCHEME && e.document.languageId === LANGUAGE_ID ? e : undefined;
    });
    assert.strictEqual(pdfOfLetterUri(editor.document.uri.toString()), pdf.toString());
    assert.strictEqual(editor.document.getText(), fs.readFileSync(expected.texts[0], 'utf8'));
    // The custom editor closed itself: the only tab of the PDF is its letter text.
    await waitFor('no custom editor tab left', () =>
      !vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputCustom && t.input.viewType === PDF_EDITOR)),
    );
    const labels = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
    assert.ok(labels.includes('CM16-0239569 (letter text)'), JSON.stringify(labels));
  });

  test('a damaged PDF (bad-pdf/truncated.pdf): no letter, no exception; the reason is shown in an editor', async () => {
    const file = path.join(FIXTURES, 'bad-pdf', 'truncated.pdf');
    assert.ok(fs.existsSync(file));
    let result: unknown = 'not called';
    await assert.doesNotReject(async () => {
      result = await vscode.commands.executeCommand('imr.openPdf', vscode.Uri.file(file));
    });
    assert.strictEqual(result, undefined);
    assert.ok(
      !vscode.window.visibleTextEditors.some((e) => e.document.languageId === LANGUAGE_ID),
      'no editor shows the damaged PDF as a letter',
    );
    // Where the user looks: an editor saying why, not only a notification (pdf-error.check.ts reads that).
    const shown = await waitFor('an editor explaining why the PDF cannot be read', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.scheme === PDF_SCHEME && e.document.uri.path.endsWith('/truncated.pdf (cannot be read)') ? e : undefined;
    });
    const text = shown.document.getText();
    assert.match(text, /^truncated\.pdf cannot be shown as an IMR letter\./);
    assert.match(text, /damaged/i);
    assert.match(text, /What you can do:/);
  });
});
