/**
 * What a new user meets: the Outline shown the first time a letter opens, sample letters to try
 * every feature on, and the "Get started" walkthrough (package.json `contributes.walkthroughs`).
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../server/src/protocol';

/** URI scheme of the read-only sample letter. */
export const SAMPLE_SCHEME = 'imr-sample';
/** globalState key: the Outline has been shown once for a letter. */
const OUTLINE_SHOWN = 'imr.outlineShown';
export const WALKTHROUGH_ID = 'imr.gettingStarted';

function samplePath(context: vscode.ExtensionContext, name: string): string {
  return context.asAbsolutePath(path.join('samples', name));
}

/**
 * Opens a sample letter: the real DWC letter, read-only (its PDF with `'pdf'`), or, with
 * `'problems'`, an unsaved copy of a letter with extraction damage, to try the quick fixes on.
 */
async function openSample(context: vscode.ExtensionContext, which?: unknown): Promise<vscode.TextDocument | undefined> {
  if (which === 'pdf') {
    return vscode.commands.executeCommand<vscode.TextDocument | undefined>('imr.openPdf', vscode.Uri.file(samplePath(context, 'CM16-0246487.pdf')));
  }
  let doc: vscode.TextDocument;
  if (which === 'problems') {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(samplePath(context, 'letter-with-problems.txt'))));
    doc = await vscode.workspace.openTextDocument({ content: text, language: LANGUAGE_ID });
  } else {
    doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: SAMPLE_SCHEME, path: '/CM16-0246487 (sample letter).txt' }));
    if (doc.languageId !== LANGUAGE_ID) doc = await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
  }
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Shows the Outline beside the first letter a user opens (once), leaving the focus in the letter. */
function showOutlineOnce(context: vscode.ExtensionContext): void {
  if (context.globalState.get<boolean>(OUTLINE_SHOWN)) return;
  let done = false;
  const check = async () => {
    const editor = vscode.window.activeTextEditor;
    if (done || editor?.document.languageId !== LANGUAGE_ID) return;
    if (!vscode.workspace.getConfiguration('imr').get<boolean>('showOutlineOnFirstLetter', true)) return;
    done = true;
    subs.forEach((s) => s.dispose());
    await context.globalState.update(OUTLINE_SHOWN, true);
    // Shown without taking the focus (the view's focus command with preserveFocus): the letter
    // keeps the keyboard, and a palette or quick pick the user opens meanwhile stays open.
    await vscode.commands.executeCommand('outline.focus', { preserveFocus: true });
  };
  // A plain-text letter becomes an IMR letter just after it opens: watch both.
  const subs = [vscode.window.onDidChangeActiveTextEditor(check), vscode.workspace.onDidOpenTextDocument(check)];
  context.subscriptions.push(...subs);
  void check();
}

export function registerWelcome(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(SAMPLE_SCHEME, {
      async provideTextDocumentContent() {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(samplePath(context, 'CM16-0246487.txt'))));
      },
    }),
    vscode.commands.registerCommand('imr.openSample', (which?: unknown) => openSample(context, which)),
    vscode.commands.registerCommand('imr.getStarted', () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH_ID}`, false),
    ),
  );
  showOutlineOnce(context);
}
