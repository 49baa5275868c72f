/**
 * The language status item: what the server made of the letter in the active editor (its items,
 * decisions and problems), or that the file is not recognised as a letter.
 */
import * as vscode from 'vscode';
import { LANGUAGE_ID, LetterStatus } from '../../server/src/protocol';
import type { ServerConnection } from './connection';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function registerLetterStatus(context: vscode.ExtensionContext, server: ServerConnection): void {
  const item = vscode.languages.createLanguageStatusItem('imr.letter', { language: LANGUAGE_ID });
  item.name = 'IMR Letter';
  item.text = 'IMR letter';
  const statuses = new Map<string, LetterStatus>();

  const show = () => {
    const doc = vscode.window.activeTextEditor?.document;
    const st = doc ? statuses.get(doc.uri.toString()) : undefined;
    if (!st) {
      item.text = 'IMR letter';
      item.detail = 'checking…';
      item.severity = vscode.LanguageStatusSeverity.Information;
      item.command = undefined;
      return;
    }
    if (!st.isLetter) {
      item.text = '$(warning) Not recognised as an IMR letter';
      item.detail = 'no header table, section headings or decisions found; only this notice is shown';
      item.severity = vscode.LanguageStatusSeverity.Warning;
      item.command = { title: 'Open as Plain Text', command: 'workbench.action.editor.changeLanguageMode' };
      return;
    }
    const counts = `${plural(st.errors, 'error')}, ${plural(st.warnings, 'warning')}`;
    item.text = st.letters > 1 ? `${st.letters} IMR letters · ${plural(st.items, 'item')}` : `IMR letter ${st.format} · ${plural(st.items, 'item')}`;
    if (st.limited) {
      item.detail = `large file: outline and essential checks only (${counts})`;
      item.severity = vscode.LanguageStatusSeverity.Warning;
      item.command = { title: 'Size Limit', command: 'workbench.action.openSettings', arguments: ['imr.maxDocumentSize'] };
    } else {
      item.detail = counts;
      item.severity = st.errors > 0 ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
      item.command = { title: 'Problems', command: 'workbench.actions.view.problems' };
    }
  };

  context.subscriptions.push(
    item,
    server.onLetterStatus((st) => {
      statuses.set(st.uri, st);
      show();
    }),
    vscode.window.onDidChangeActiveTextEditor(show),
    vscode.workspace.onDidCloseTextDocument((d) => statuses.delete(d.uri.toString())),
  );
  show();
}
