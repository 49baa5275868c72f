/**
 * Extract All Letters in a Folder: pick the folder, the format and the file, then extract with a
 * cancellable progress notification. Each letter is written once, however many copies of it the
 * folder holds (text, -layout text, PDF). At the end the file is shown in the Explorer, with the
 * count of letters and items; copies left out and files that failed are listed in the output.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExtractFilesParams, ExtractFilesResult } from '../../server/src/protocol';
import type { ServerConnection } from './connection';
import { revealWritten } from './results';
import { plural } from '../../server/src/core/words';

type BulkFormat = ExtractFilesParams['format'];

/** The folder to extract: the Explorer's, the only workspace folder, or one the user picks. */
async function chooseFolder(arg: unknown): Promise<string | undefined> {
  if (arg instanceof vscode.Uri) return arg.fsPath;
  const folders = vscode.workspace.workspaceFolders ?? [];
  const choices: (vscode.QuickPickItem & { path?: string })[] = [
    ...folders.map((f) => ({ label: f.name, description: f.uri.fsPath, path: f.uri.fsPath })),
    { label: 'Choose a folder…' },
  ];
  const choice = choices.length === 1 ? choices[0] : await vscode.window.showQuickPick(choices, { title: 'Extract all letters in' });
  if (!choice) return undefined;
  if (choice.path) return choice.path;
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Extract letters' });
  return picked?.[0]?.fsPath;
}

async function chooseFormat(): Promise<BulkFormat | undefined> {
  const f = await vscode.window.showQuickPick(
    [
      { label: 'CSV', description: 'one row per disputed item', format: 'csv' as const },
      { label: 'JSON Lines', description: 'one letter per line, the documented schema', format: 'jsonl' as const },
      { label: 'Calendar', description: 'the deadlines each letter sets running, for Outlook, Google or Apple Calendar (.ics)', format: 'ics' as const },
    ],
    { title: 'Extract all letters as' },
  );
  return f?.format;
}

async function chooseOutput(folder: string, format: BulkFormat): Promise<string | undefined> {
  const target = await vscode.window.showSaveDialog({
    title: 'Save the extracted letters',
    defaultUri: vscode.Uri.file(path.join(folder, format === 'ics' ? 'imr-deadlines.ics' : `imr-letters.${format}`)),
    filters: FILTERS[format] ?? { [format.toUpperCase()]: [format] },
  });
  return target?.fsPath;
}

/** What the save dialog offers, by format. */
const FILTERS: Partial<Record<BulkFormat, Record<string, string[]>>> = {
  csv: { CSV: ['csv'] },
  jsonl: { 'JSON Lines': ['jsonl'] },
  ics: { 'Calendar (iCalendar)': ['ics'] },
};

/** `given`: automation (tests, other extensions) may pass every parameter and skip the dialogs. */
function givenParams(arg: unknown): Partial<ExtractFilesParams> {
  return arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? (arg as Partial<ExtractFilesParams>) : {};
}

async function extractAll(server: ServerConnection, output: vscode.LogOutputChannel, arg?: unknown): Promise<ExtractFilesResult | undefined> {
  const given = givenParams(arg);
  const folder = given.inputs ? undefined : await chooseFolder(arg);
  const inputs = given.inputs ?? (folder ? [folder] : undefined);
  if (!inputs) return undefined;
  const format = given.format ?? (await chooseFormat());
  if (!format) return undefined;
  const outputPath = given.output ?? (await chooseOutput(inputs[0], format));
  if (!outputPath) return undefined;
  // The save dialog has already asked before choosing an existing file.
  const overwrite = given.output ? given.overwrite === true : true;
  const bom = vscode.workspace.getConfiguration('imr').get<boolean>('csvBom', false);
  const params: ExtractFilesParams = { inputs, format, output: outputPath, overwrite, bom, ...(given.everyFile ? { everyFile: true } : {}) };

  const client = await server.ready();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Extracting IMR letters', cancellable: true },
    (progress, token) => {
      let last = 0;
      return client.extractFiles(params, token, (p) => {
        const pct = p.percentage ?? last;
        progress.report({ message: p.message, increment: Math.max(0, pct - last) });
        last = pct;
      });
    },
  );
  if (result.refused) {
    void vscode.window.showWarningMessage(`Nothing was written: ${result.refused}.`);
    return result;
  }
  for (const f of result.failures) output.warn(`${f.file}: ${f.reason}`);
  if (result.cancelled) {
    void vscode.window.showInformationMessage('Extraction cancelled; no file was written.');
    return result;
  }
  const which = (file: string, k?: number) => `${file}${k ? ` (letter ${k})` : ''}`;
  for (const d of result.duplicates) output.info(`left out ${which(d.file, d.letterInFile)}: the same letter as ${which(d.usedFile, d.usedLetterInFile)} (${d.reason})`);
  const failures = result.failures.length;
  const copies = result.duplicates.length;
  const message =
    (format === 'ics'
      ? `Saved the deadlines of ${plural(result.letters, 'letter')} to ${path.basename(outputPath)}: open it with your calendar program to add them; they are estimates, as each says.`
      : `Extracted ${plural(result.letters, 'letter')} (${plural(result.items, 'item')}) to ${path.basename(outputPath)}.`) +
    (copies ? ` ${plural(copies, 'other copy', 'other copies')} of the same letters ${copies === 1 ? 'was' : 'were'} left out.` : '') +
    (failures ? ` ${plural(failures, 'file')} could not be read.` : '');
  const details = copies || failures ? [{ label: 'Show Details', run: () => output.show(true) }] : [];
  await revealWritten(vscode.Uri.file(outputPath), message, details);
  return result;
}

export function registerExtractAll(context: vscode.ExtensionContext, server: ServerConnection, output: vscode.LogOutputChannel): void {
  context.subscriptions.push(vscode.commands.registerCommand('imr.extractAllLetters', (arg?: unknown) => extractAll(server, output, arg)));
}
