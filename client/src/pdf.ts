/**
 * PDF letters: a read-only text view (`imr-pdf:/path/letter.pdf`) whose text the server reads with
 * pdf.js. Damaged, password-protected and scanned PDFs are refused with a message saying why.
 */
import * as vscode from 'vscode';
import { LANGUAGE_ID, PDF_SCHEME } from '../../server/src/protocol';
import type { ServerConnection } from './connection';

export function registerPdfLetters(context: vscode.ExtensionContext, server: ServerConnection): void {
  const failures = new Map<string, string>();
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(PDF_SCHEME, {
      async provideTextDocumentContent(uri, token) {
        const result = await (await server.ready()).readPdf({ path: uri.fsPath }, token);
        if (!result.ok) {
          failures.set(uri.toString(), result.message);
          return '';
        }
        failures.delete(uri.toString());
        return result.text;
      },
    }),
  );

  /** Opens a PDF (the argument, or one the user picks) as a read-only letter; returns its document. */
  const openPdf = async (arg?: unknown): Promise<vscode.TextDocument | undefined> => {
    let file = arg instanceof vscode.Uri ? arg : undefined;
    if (!file) {
      const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'PDF letters': ['pdf'] }, openLabel: 'Open PDF Letter' });
      if (!picked?.length) return undefined;
      file = picked[0];
    }
    if (file.scheme !== 'file') {
      void vscode.window.showWarningMessage('Only PDF files on this machine can be opened as letters.');
      return undefined;
    }
    const uri = vscode.Uri.from({ scheme: PDF_SCHEME, path: file.path });
    const doc = await vscode.workspace.openTextDocument(uri);
    const failure = failures.get(uri.toString());
    if (failure) {
      void vscode.window.showErrorMessage(`Cannot open the PDF as a letter. ${failure}`);
      return undefined;
    }
    const letter = doc.languageId === LANGUAGE_ID ? doc : await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
    await vscode.window.showTextDocument(letter, { preview: false });
    return letter;
  };

  context.subscriptions.push(vscode.commands.registerCommand('imr.openPdf', openPdf));
}
