/**
 * Where extraction results go, for people who are not programmers: a rendered table (a Markdown
 * preview of a read-only document, reused on every run, so nothing asks to be saved), a file saved
 * where they chose and shown in the Explorer, or a read-only JSON document for programs.
 */
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

/** URI scheme of the read-only documents that hold extraction results. */
export const RESULT_SCHEME = 'imr-extract';

/** Read-only result documents, one per title and format: a new run replaces the content in place. */
export class ResultDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(RESULT_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** The document for `name` (a file name such as "Decisions of case CM16-0246487.md") with this content. */
  set(name: string, content: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: RESULT_SCHEME, path: `/${name.replace(/[\\/]/g, '-')}` });
    const known = this.contents.has(uri.toString());
    this.contents.set(uri.toString(), content);
    if (known) this.changed.fire(uri);
    return uri;
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}

/** VS Code's built-in Markdown extension, which provides the preview (its commands register when it starts). */
const MARKDOWN_EXTENSION = 'vscode.markdown-language-features';

/**
 * Shows a Markdown result rendered, beside the letter (the preview already there is reused); as
 * text when no Markdown preview exists.
 */
export async function showRendered(uri: vscode.Uri, letter?: vscode.Uri): Promise<void> {
  if (vscode.extensions.getExtension(MARKDOWN_EXTENSION)) {
    // "Beside" is beside the active editor group: make it the letter's, else each run opens one more.
    const shown = letter && vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === letter.toString());
    if (shown && shown.viewColumn !== vscode.window.tabGroups.activeTabGroup.viewColumn) {
      await vscode.window.showTextDocument(shown.document, { viewColumn: shown.viewColumn, preserveFocus: false });
    }
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    return;
  }
  await showText(uri);
}

/** Shows a result document as (read-only) text beside the letter. */
export async function showText(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Beside });
}

/** Where to offer to save a result: beside the letter when it is a file, else in the first workspace folder. */
export function defaultFolder(letter?: vscode.Uri): string {
  if (letter?.scheme === 'file') return path.dirname(letter.fsPath);
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
}

/** True when the file is inside a workspace folder (so the Explorer can show it). */
function inWorkspace(file: vscode.Uri): boolean {
  return vscode.workspace.getWorkspaceFolder(file) !== undefined;
}

/**
 * After a file is written: show it where the user looks, in the Explorer when it is in the
 * workspace, else opened beside the letter; and offer to open it in the editor or in the system's
 * program for it (a spreadsheet for CSV).
 */
export async function revealWritten(file: vscode.Uri, message: string, extra: { label: string; run: () => unknown }[] = []): Promise<void> {
  if (inWorkspace(file)) await vscode.commands.executeCommand('revealInExplorer', file);
  else await vscode.window.showTextDocument(file, { preview: true, preserveFocus: true, viewColumn: vscode.ViewColumn.Beside });
  const desktop = vscode.env.uiKind === vscode.UIKind.Desktop;
  const actions = [
    { label: 'Open', run: () => vscode.window.showTextDocument(file, { preview: false }) },
    ...(desktop ? [{ label: 'Open in Default App', run: () => vscode.env.openExternal(file) }] : []),
    ...(desktop ? [{ label: 'Reveal in File Manager', run: () => vscode.commands.executeCommand('revealFileInOS', file) }] : []),
    ...extra,
  ];
  void vscode.window.showInformationMessage(message, ...actions.map((a) => a.label)).then((picked) => actions.find((a) => a.label === picked)?.run());
}
