/**
 * Shows two places of a letter side by side: the command the server's quick fix for a rationale
 * that contradicts its decision names (`ClientCommands.showSideBySide`). The first place opens in
 * the active editor group, the second beside it, each selected and centred, so the reader compares
 * the decision with the rationale's conclusion; nothing in the letter is changed.
 */
import * as vscode from 'vscode';
import { ClientCommands, ShowSideBySideParams } from '../../server/src/protocol';

export function registerSideBySide(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand(ClientCommands.showSideBySide, showSideBySide));
}

function isParams(p: unknown): p is ShowSideBySideParams {
  const q = p as ShowSideBySideParams | undefined;
  return !!q && typeof q.uri === 'string' && Array.isArray(q.ranges) && q.ranges.length > 0;
}

async function showSideBySide(params: unknown): Promise<void> {
  if (!isParams(params)) {
    void vscode.window.showErrorMessage('IMR: nothing to show side by side (the command needs a letter and two places in it).');
    return;
  }
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(params.uri));
  const ranges = params.ranges.slice(0, 2).map((r) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character));
  const columns = [vscode.ViewColumn.Active, vscode.ViewColumn.Beside];
  for (let i = 0; i < ranges.length; i++) {
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: columns[i], selection: ranges[i], preserveFocus: i > 0, preview: false });
    editor.revealRange(ranges[i], vscode.TextEditorRevealType.InCenter);
  }
}
