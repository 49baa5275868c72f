/**
 * Plain-text letters (.txt from pdftotext) are recognised by their first lines and switched to the
 * IMR Letter language; any IMR document starts the language server.
 */
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../server/src/protocol';
import type { ServerConnection } from './connection';

/** First lines that mark a plain-text file as an IMR letter (mirrors `firstLine` in package.json). */
export const LETTER_START =
  /^\f?\s*(Case Number:|HOW THE IMR FINAL DETERMINATION WAS MADE|MAXIMUS FEDERAL SERVICES|Notice of Independent Medical Review Determination|MEDICAL PROFESSIONAL REVIEW)/;

/** Lines read from the top of a plain-text file to recognise a letter. */
const PROBE_LINES = 6;

export function registerLetterDetection(context: vscode.ExtensionContext, server: ServerConnection): void {
  const detect = (doc: vscode.TextDocument) => {
    if (doc.languageId === LANGUAGE_ID) {
      void server.ready();
      return;
    }
    if (doc.languageId !== 'plaintext' || doc.uri.scheme === 'output') return;
    if (!vscode.workspace.getConfiguration('imr', doc).get<boolean>('detectPlainTextLetters', true)) return;
    const probe = doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, PROBE_LINES), 0));
    if (probe.split(/\r?\n/).some((line) => LETTER_START.test(line))) {
      void vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
    }
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(detect));
  vscode.workspace.textDocuments.forEach(detect);
}
