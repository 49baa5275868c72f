/**
 * The one-letter extraction commands: decisions, case summary, citations and the item under the
 * cursor. The server builds the table; this module shows it where a reader can use it:
 *
 *   Table             a rendered table beside the letter (a Markdown preview, reused on every run)
 *   Spreadsheet       a CSV file saved where the user chooses, then shown in the Explorer
 *   JSON              a read-only JSON document, for programs
 *   Copy              to the clipboard as a table for Word or Excel (tab-separated), Markdown, CSV or JSON
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { ExtractFormat, ExtractKind, ExtractResult, LANGUAGE_ID } from '../../server/src/protocol';
import type { ServerConnection } from './connection';
import { defaultFolder, ResultDocuments, revealWritten, showRendered, showText } from './results';

/** How a result is shown. */
type Shown = 'preview' | 'save' | 'document' | 'copy';

interface FormatPick extends vscode.QuickPickItem {
  format: ExtractFormat;
  shown: Shown;
}

const EXTRACT_PICKS: FormatPick[] = [
  { label: '$(preview) Table', description: 'a readable table beside the letter', format: 'md', shown: 'preview' },
  { label: '$(table) Spreadsheet', description: 'save as a CSV file to open in Excel or another spreadsheet', format: 'csv', shown: 'save' },
  { label: '$(json) JSON', description: 'for programs', format: 'json', shown: 'document' },
];

const COPY_PICKS: FormatPick[] = [
  { label: '$(table) Table for Word or Excel', description: 'pastes as rows and columns', format: 'tsv', shown: 'copy' },
  { label: '$(markdown) Markdown table', description: 'for a note or a Markdown document', format: 'md', shown: 'copy' },
  { label: 'CSV', description: 'comma-separated text', format: 'csv', shown: 'copy' },
  { label: '$(json) JSON', description: 'for programs', format: 'json', shown: 'copy' },
];

/** Options for automation (tests, other extensions): where to save a file (a CSV, a calendar) without asking. */
interface ExtractOptions {
  output?: string;
}

/** The letter a command works on: the one named by its argument (opened as a letter), else the active one. */
async function targetLetter(uriArg: unknown): Promise<{ uri: vscode.Uri; position?: vscode.Position } | undefined> {
  if (typeof uriArg === 'string' || uriArg instanceof vscode.Uri) {
    // The server knows open letters only: open this one (as an IMR letter) if it is not open yet.
    const target = typeof uriArg === 'string' ? vscode.Uri.parse(uriArg) : uriArg;
    let doc = await vscode.workspace.openTextDocument(target);
    if (doc.languageId !== LANGUAGE_ID) doc = await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
    return { uri: doc.uri };
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== LANGUAGE_ID) {
    void vscode.window.showInformationMessage('Open an IMR letter first: this command works on the letter in the active editor.');
    return undefined;
  }
  return { uri: editor.document.uri, position: editor.selection.active };
}

/**
 * Saves a result's content: to `output` when given, else where the user chooses (the dialog, which
 * asks before replacing, suggests `name` beside the letter and offers the file type of `filter`).
 */
async function saveContent(
  content: string,
  letter: vscode.Uri,
  options: ExtractOptions,
  dialog: { title: string; name: string; filter: [string, string] },
): Promise<vscode.Uri | undefined> {
  const [label, extension] = dialog.filter;
  const target = options.output
    ? vscode.Uri.file(options.output)
    : await vscode.window.showSaveDialog({
        title: dialog.title,
        defaultUri: vscode.Uri.file(path.join(defaultFolder(letter), `${dialog.name}.${extension}`)),
        filters: { [label]: [extension] },
      });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
  return target;
}

/**
 * One extraction command. Arguments (all optional, for code lenses and automation): the letter's
 * URI, the item index, the format (`md` a rendered table, `csv` a saved spreadsheet, `json`, `tsv`),
 * and `{ output }` to save a CSV without the dialog. Without a format the user picks one.
 * Returns the result, or undefined when there was nothing to extract or the user cancelled.
 */
function extractCommand(server: ServerConnection, results: ResultDocuments, kind: ExtractKind, copy: boolean) {
  return async (uriArg?: unknown, indexArg?: unknown, formatArg?: unknown, optionsArg?: unknown): Promise<ExtractResult | undefined> => {
    const target = await targetLetter(uriArg);
    if (!target) return undefined;
    const picks = copy ? COPY_PICKS : EXTRACT_PICKS;
    const pick =
      picks.find((p) => p.format === formatArg) ??
      (await vscode.window.showQuickPick(picks, { title: copy ? 'Copy as' : 'Extract as', placeHolder: 'How do you want the result?' }));
    if (!pick) return undefined;
    const settings = vscode.workspace.getConfiguration('imr', target.uri);
    const result = await (await server.ready()).extract({
      uri: target.uri.toString(),
      kind,
      format: pick.format,
      index: typeof indexArg === 'number' ? indexArg : undefined,
      position: target.position ? { line: target.position.line, character: target.position.character } : undefined,
      compact: pick.shown === 'preview',
      emptyColumns: settings.get<boolean>('emptyColumns', false),
    });
    if (!result) {
      void vscode.window.showWarningMessage(
        kind === 'item' ? 'There is no disputed item at the cursor.' : 'This document is not recognised as an IMR letter, so there is nothing to extract.',
      );
      return undefined;
    }
    const options = optionsArg && typeof optionsArg === 'object' ? (optionsArg as ExtractOptions) : {};
    const rows = `${result.rows} row${result.rows === 1 ? '' : 's'}`;
    switch (pick.shown) {
      case 'copy':
        await vscode.env.clipboard.writeText(result.content);
        void vscode.window.showInformationMessage(`Copied ${result.title} (${rows}) to the clipboard${pick.format === 'tsv' ? ': paste it into Word or Excel' : ''}.`);
        break;
      case 'preview':
        await showRendered(results.set(`${result.title}.md`, result.content), target.uri);
        break;
      case 'document':
        await showText(results.set(`${result.title}.${pick.format === 'json' ? 'json' : 'txt'}`, result.content));
        break;
      case 'save': {
        const saved = await saveContent(result.content, target.uri, options, {
          title: `Save ${result.title} as a spreadsheet`,
          name: result.title,
          filter: ['CSV (spreadsheet)', 'csv'],
        });
        if (!saved) return undefined;
        await revealWritten(saved, `Saved ${result.title} (${rows}) to ${path.basename(saved.fsPath)}.`);
        break;
      }
    }
    return result;
  };
}

/**
 * IMR: Save Deadlines to Calendar: the dates the letter sets running (the estimated last day to
 * appeal; for upheld requests, when the UR decision stops binding a repeat request) saved as an
 * iCalendar file, which a calendar program imports. Arguments (optional, for automation): the
 * letter's URI and `{ output }` to save without the dialog. Returns the file written.
 */
function saveDeadlinesCommand(server: ServerConnection) {
  return async (uriArg?: unknown, optionsArg?: unknown): Promise<vscode.Uri | undefined> => {
    const target = await targetLetter(uriArg);
    if (!target) return undefined;
    const result = await (await server.ready()).deadlines({ uri: target.uri.toString() });
    if (!result) {
      void vscode.window.showWarningMessage('This letter sets no date to save: it has no Decision Date that is a real date, or it is not recognised as an IMR letter.');
      return undefined;
    }
    const options = optionsArg && typeof optionsArg === 'object' ? (optionsArg as ExtractOptions) : {};
    const file = await saveContent(result.content, target.uri, options, {
      title: 'Save the deadlines as a calendar file',
      name: result.title,
      filter: ['Calendar (iCalendar)', 'ics'],
    });
    if (!file) return undefined;
    const dates = result.events.map((e) => e.date).join(', ');
    await revealWritten(
      file,
      `Saved ${result.events.length} date${result.events.length === 1 ? '' : 's'} (${dates}) to ${path.basename(file.fsPath)}. Open it with your calendar program to add them; they are estimates, as each says.`,
    );
    return file;
  };
}

export function registerExtractCommands(context: vscode.ExtensionContext, server: ServerConnection): void {
  const results = new ResultDocuments();
  context.subscriptions.push(
    results,
    vscode.commands.registerCommand('imr.extractDecisions', extractCommand(server, results, 'decisions', false)),
    vscode.commands.registerCommand('imr.copyDecisions', extractCommand(server, results, 'decisions', true)),
    vscode.commands.registerCommand('imr.extractSummary', extractCommand(server, results, 'summary', false)),
    vscode.commands.registerCommand('imr.extractCitations', extractCommand(server, results, 'citations', false)),
    vscode.commands.registerCommand('imr.extractItem', extractCommand(server, results, 'item', false)),
    vscode.commands.registerCommand('imr.saveDeadlines', saveDeadlinesCommand(server)),
  );
}
