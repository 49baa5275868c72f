/**
 * The one-letter extraction commands: decisions, case summary, citations and the item under the
 * cursor, shown in a new editor or copied to the clipboard. The server does the work.
 */
import * as vscode from 'vscode';
import { ExtractFormat, ExtractKind, ExtractResult, LANGUAGE_ID } from '../../server/src/protocol';
import type { ServerConnection } from './connection';

const FORMAT_PICKS: (vscode.QuickPickItem & { format: ExtractFormat })[] = [
  { label: 'Markdown table', description: 'for a brief or a note', format: 'md' },
  { label: 'CSV', description: 'for a spreadsheet', format: 'csv' },
  { label: 'JSON', description: 'for a program', format: 'json' },
];

/** The letter a command works on: the one named by its argument (opened as a letter), else the active one. */
async function targetLetter(uriArg: unknown): Promise<{ uri: string; position?: vscode.Position } | undefined> {
  if (typeof uriArg === 'string' || uriArg instanceof vscode.Uri) {
    // The server knows open letters only: open this one (as an IMR letter) if it is not open yet.
    const target = typeof uriArg === 'string' ? vscode.Uri.parse(uriArg) : uriArg;
    let doc = await vscode.workspace.openTextDocument(target);
    if (doc.languageId !== LANGUAGE_ID) doc = await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
    return { uri: doc.uri.toString() };
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== LANGUAGE_ID) {
    void vscode.window.showInformationMessage('Open an IMR letter first: this command works on the letter in the active editor.');
    return undefined;
  }
  return { uri: editor.document.uri.toString(), position: editor.selection.active };
}

async function languageFor(language: string): Promise<string> {
  return (await vscode.languages.getLanguages()).includes(language) ? language : 'plaintext';
}

/**
 * One extraction command. Arguments (all optional, for code lenses and automation): the letter's
 * URI, the item index, the format (`md`, `csv`, `json`); without a format the user picks one.
 * Returns the result, or undefined when there was nothing to extract or the user cancelled.
 */
function extractCommand(server: ServerConnection, kind: ExtractKind, copy: boolean) {
  return async (uriArg?: unknown, indexArg?: unknown, formatArg?: unknown): Promise<ExtractResult | undefined> => {
    const target = await targetLetter(uriArg);
    if (!target) return undefined;
    const pick =
      FORMAT_PICKS.find((p) => p.format === formatArg) ??
      (await vscode.window.showQuickPick(FORMAT_PICKS, { title: copy ? 'Copy as' : 'Extract as', placeHolder: 'Output format' }));
    if (!pick) return undefined;
    const result = await (await server.ready()).extract({
      uri: target.uri,
      kind,
      format: pick.format,
      index: typeof indexArg === 'number' ? indexArg : undefined,
      position: target.position ? { line: target.position.line, character: target.position.character } : undefined,
    });
    if (!result) {
      void vscode.window.showWarningMessage(
        kind === 'item' ? 'There is no disputed item at the cursor.' : 'This document is not recognised as an IMR letter, so there is nothing to extract.',
      );
      return undefined;
    }
    if (copy) {
      await vscode.env.clipboard.writeText(result.content);
      void vscode.window.showInformationMessage(`Copied ${result.title} (${result.rows} row${result.rows === 1 ? '' : 's'}) to the clipboard.`);
    } else {
      const doc = await vscode.workspace.openTextDocument({ content: result.content, language: await languageFor(result.language) });
      await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    }
    return result;
  };
}

export function registerExtractCommands(context: vscode.ExtensionContext, server: ServerConnection): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('imr.extractDecisions', extractCommand(server, 'decisions', false)),
    vscode.commands.registerCommand('imr.copyDecisions', extractCommand(server, 'decisions', true)),
    vscode.commands.registerCommand('imr.extractSummary', extractCommand(server, 'summary', false)),
    vscode.commands.registerCommand('imr.extractCitations', extractCommand(server, 'citations', false)),
    vscode.commands.registerCommand('imr.extractItem', extractCommand(server, 'item', false)),
  );
}
