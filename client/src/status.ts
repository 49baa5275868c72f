/**
 * What the server made of the letter in the active editor, in words: its items and decisions
 * ("8 items: 5 upheld, 3 overturned") and its problems, or that the file is not recognised as a
 * letter. Shown by the language status item (the `{ }` entry's hover, or pinned by the user) and,
 * always visible while a letter is active, by a status bar entry that opens the Outline.
 */
import * as vscode from 'vscode';
import { LANGUAGE_ID, LetterStatus } from '../../server/src/protocol';
import type { ServerConnection } from './connection';
import { plural } from '../../server/src/core/words';


/**
 * What the letter decides, in words: "8 items: 5 upheld, 3 overturned" (a merged case file starts
 * with its number of letters).
 */
export function letterSummary(st: LetterStatus): string {
  const decided = [
    st.upheld ? `${st.upheld} upheld` : '',
    st.overturned ? `${st.overturned} overturned` : '',
    st.undecided ? `${st.undecided} without a decision` : '',
  ].filter(Boolean);
  const items = st.items === 0 ? 'no disputed items' : `${plural(st.items, 'item')}: ${decided.join(', ')}`;
  return st.letters > 1 ? `${st.letters} letters · ${items}` : items;
}

export function registerLetterStatus(context: vscode.ExtensionContext, server: ServerConnection): void {
  const item = vscode.languages.createLanguageStatusItem('imr.letter', { language: LANGUAGE_ID });
  item.name = 'IMR Letter';
  item.text = 'IMR letter';
  const bar = vscode.window.createStatusBarItem('imr.decisions', vscode.StatusBarAlignment.Right, 100);
  bar.name = 'IMR Letter Decisions';
  bar.command = { title: 'Show the Outline', command: 'outline.focus' };
  const statuses = new Map<string, LetterStatus>();

  const show = () => {
    const doc = vscode.window.activeTextEditor?.document;
    const st = doc ? statuses.get(doc.uri.toString()) : undefined;
    if (st?.isLetter && doc?.languageId === LANGUAGE_ID) {
      bar.text = `$(law) ${letterSummary(st)}`;
      bar.tooltip = `${st.caseNumber ? `Case ${st.caseNumber}: ` : ''}${letterSummary(st)}. Click to show the Outline.`;
      bar.show();
    } else bar.hide();
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
    const problems = st.errors + st.warnings === 0 ? 'no problems' : [plural(st.errors, 'error'), plural(st.warnings, 'warning')].join(', ');
    item.text = letterSummary(st);
    item.detail = [st.caseNumber ? `Case ${st.caseNumber}` : '', problems].filter(Boolean).join(' · ');
    if (st.limited) {
      item.detail = `large file: outline and essential checks only (${problems})`;
      item.severity = vscode.LanguageStatusSeverity.Warning;
      item.command = { title: 'Size Limit', command: 'workbench.action.openSettings', arguments: ['imr.maxDocumentSize'] };
    } else {
      item.severity = st.errors > 0 ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
      item.command = { title: 'Problems', command: 'workbench.actions.view.problems' };
    }
  };

  context.subscriptions.push(
    item,
    bar,
    server.onLetterStatus((st) => {
      statuses.set(st.uri, st);
      show();
    }),
    vscode.window.onDidChangeActiveTextEditor(show),
    vscode.workspace.onDidOpenTextDocument(show),
    vscode.workspace.onDidCloseTextDocument((d) => statuses.delete(d.uri.toString())),
  );
  show();
}
