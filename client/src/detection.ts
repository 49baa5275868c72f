/**
 * Plain-text letters (.txt from pdftotext or any other PDF tool) are recognised by their first lines
 * (letter-start.ts) and switched to the IMR Letter language; any IMR document starts the language server.
 */
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../server/src/protocol';
import type { ServerConnection } from './connection';
import { opensLetter, PROBE_LINES } from './letter-start';

export function registerLetterDetection(context: vscode.ExtensionContext, server: ServerConnection): void {
  const detect = (doc: vscode.TextDocument) => {
    if (doc.languageId === LANGUAGE_ID) {
      void server.ready();
      return;
    }
    if (doc.languageId !== 'plaintext' || doc.uri.scheme === 'output') return;
    if (!vscode.workspace.getConfiguration('imr', doc).get<boolean>('detectPlainTextLetters', true)) return;
    const probe = doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, PROBE_LINES), 0));
    if (opensLetter(probe)) {
      void vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
    }
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(detect));
  vscode.workspace.textDocuments.forEach(detect);
}
