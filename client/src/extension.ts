/**
 * The VS Code client: starts the IMR language server, recognises plain-text letters, and registers
 * the commands. It holds no letter logic of its own: every command asks the server
 * (`workspace/executeCommand`), then shows or saves what comes back.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ExtractFilesParams, ExtractFilesResult, ExtractFormat, ExtractKind, ExtractParams, ExtractResult, LANGUAGE_ID, LetterStatus,
  LetterStatusNotification, PDF_SCHEME, ReadPdfRequest, ReadPdfResult, ServerCommands,
} from '../../server/src/protocol';

type Lsp = typeof import('./lsp');

let client: LanguageClient | undefined;
let starting: Promise<void> | undefined;
let lspModule: Lsp | undefined;

/** Loads the language client on first use; a computed path keeps it out of this bundle. */
function lsp(): Lsp {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (lspModule ??= require(path.join(__dirname, 'lsp.js')) as Lsp);
}

/** First lines that mark a plain-text file as an IMR letter (mirrors `firstLine` in package.json). */
const LETTER_START =
  /^\f?\s*(Case Number:|HOW THE IMR FINAL DETERMINATION WAS MADE|MAXIMUS FEDERAL SERVICES|Notice of Independent Medical Review Determination|MEDICAL PROFESSIONAL REVIEW)/;

const FORMAT_PICKS: (vscode.QuickPickItem & { format: ExtractFormat })[] = [
  { label: 'Markdown table', description: 'for a brief or a note', format: 'md' },
  { label: 'CSV', description: 'for a spreadsheet', format: 'csv' },
  { label: 'JSON', description: 'for a program', format: 'json' },
];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('IMR Letters', { log: true });
  context.subscriptions.push(output);

  // Language status: what the server made of the letter in the active editor.
  const statusItem = vscode.languages.createLanguageStatusItem('imr.letter', { language: LANGUAGE_ID });
  statusItem.name = 'IMR Letter';
  statusItem.text = 'IMR letter';
  context.subscriptions.push(statusItem);
  const statuses = new Map<string, LetterStatus>();
  const showStatus = () => {
    const doc = vscode.window.activeTextEditor?.document;
    const st = doc ? statuses.get(doc.uri.toString()) : undefined;
    if (!st) {
      statusItem.text = 'IMR letter';
      statusItem.detail = 'checking…';
      statusItem.severity = vscode.LanguageStatusSeverity.Information;
      statusItem.command = undefined;
      return;
    }
    if (!st.isLetter) {
      statusItem.text = '$(warning) Not recognised as an IMR letter';
      statusItem.detail = 'no header table, section headings or decisions found; only this notice is shown';
      statusItem.severity = vscode.LanguageStatusSeverity.Warning;
      statusItem.command = { title: 'Open as Plain Text', command: 'workbench.action.editor.changeLanguageMode' };
      return;
    }
    const counts = `${st.errors} error${st.errors === 1 ? '' : 's'}, ${st.warnings} warning${st.warnings === 1 ? '' : 's'}`;
    statusItem.text =
      st.letters > 1
        ? `${st.letters} IMR letters · ${st.items} item${st.items === 1 ? '' : 's'}`
        : `IMR letter ${st.format} · ${st.items} item${st.items === 1 ? '' : 's'}`;
    if (st.limited) {
      statusItem.detail = `large file: outline and essential checks only (${counts})`;
      statusItem.severity = vscode.LanguageStatusSeverity.Warning;
      statusItem.command = { title: 'Size Limit', command: 'workbench.action.openSettings', arguments: ['imr.maxDocumentSize'] };
    } else {
      statusItem.detail = counts;
      statusItem.severity = st.errors > 0 ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
      statusItem.command = { title: 'Problems', command: 'workbench.actions.view.problems' };
    }
  };
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(showStatus),
    vscode.workspace.onDidCloseTextDocument((d) => statuses.delete(d.uri.toString())),
  );
  showStatus();

  const ensureClient = (): Promise<void> => {
    if (starting) return starting;
    client = lsp().createClient(context, output);
    client.onNotification(LetterStatusNotification, (st: LetterStatus) => {
      statuses.set(st.uri, st);
      showStatus();
    });
    const started = client.start();
    starting = started;
    return started;
  };

  /** The running client, started on demand (a command can run before any letter is open). */
  const ready = async (): Promise<LanguageClient> => {
    await ensureClient();
    return client!;
  };

  // Plain-text letters (.txt from pdftotext) are recognised by their first lines.
  const detect = (doc: vscode.TextDocument) => {
    if (doc.languageId === LANGUAGE_ID) {
      void ensureClient();
      return;
    }
    if (doc.languageId !== 'plaintext' || doc.uri.scheme === 'output') return;
    if (!vscode.workspace.getConfiguration('imr', doc).get<boolean>('detectPlainTextLetters', true)) return;
    const probe = doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, 6), 0));
    if (probe.split(/\r?\n/).some((line) => LETTER_START.test(line))) {
      void vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
    }
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(detect));
  vscode.workspace.textDocuments.forEach(detect);

  /** The active letter editor, or a message saying why there is none. */
  const activeLetter = (): vscode.TextEditor | undefined => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== LANGUAGE_ID) {
      void vscode.window.showInformationMessage('Open an IMR letter first: this command works on the letter in the active editor.');
      return undefined;
    }
    return editor;
  };

  const askServer = async (params: ExtractParams): Promise<ExtractResult | null> => {
    const c = await ready();
    return (await c.sendRequest(lsp().ExecuteCommandRequest.type, { command: ServerCommands.extract, arguments: [params] })) as ExtractResult | null;
  };

  const languageFor = async (language: string): Promise<string> => ((await vscode.languages.getLanguages()).includes(language) ? language : 'plaintext');

  /** Runs one letter extraction and shows it in a new editor (or copies it). */
  const extractCommand = (kind: ExtractKind, copy: boolean) => async (uriArg?: unknown, indexArg?: unknown, formatArg?: unknown) => {
    let uri: string;
    let position: vscode.Position | undefined;
    if (typeof uriArg === 'string' || uriArg instanceof vscode.Uri) {
      // The server knows open letters only: open this one (as an IMR letter) if it is not open yet.
      const target = typeof uriArg === 'string' ? vscode.Uri.parse(uriArg) : uriArg;
      let doc = await vscode.workspace.openTextDocument(target);
      if (doc.languageId !== LANGUAGE_ID) doc = await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
      uri = doc.uri.toString();
    } else {
      const editor = activeLetter();
      if (!editor) return undefined;
      uri = editor.document.uri.toString();
      position = editor.selection.active;
    }
    const pick =
      FORMAT_PICKS.find((p) => p.format === formatArg) ??
      (await vscode.window.showQuickPick(FORMAT_PICKS, { title: copy ? 'Copy as' : 'Extract as', placeHolder: 'Output format' }));
    if (!pick) return undefined;
    const result = await askServer({
      uri,
      kind,
      format: pick.format,
      index: typeof indexArg === 'number' ? indexArg : undefined,
      position: position ? { line: position.line, character: position.character } : undefined,
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

  /** Extract every letter of a folder to one file: pick folder, format and file, then run with progress. */
  const extractAll = async (arg?: unknown) => {
    // Automation (tests, other extensions) may pass everything and skip the dialogs.
    const given = arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? (arg as Partial<ExtractFilesParams>) : {};
    let inputs = given.inputs;
    if (!inputs) {
      if (arg instanceof vscode.Uri) inputs = [arg.fsPath];
      else {
        const folders = vscode.workspace.workspaceFolders ?? [];
        const choices: (vscode.QuickPickItem & { path?: string })[] = [
          ...folders.map((f) => ({ label: f.name, description: f.uri.fsPath, path: f.uri.fsPath })),
          { label: 'Choose a folder…' },
        ];
        const choice = choices.length === 1 ? choices[0] : await vscode.window.showQuickPick(choices, { title: 'Extract all letters in' });
        if (!choice) return undefined;
        let folder = choice.path;
        if (!folder) {
          const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Extract letters' });
          if (!picked?.length) return undefined;
          folder = picked[0].fsPath;
        }
        inputs = [folder];
      }
    }
    let format = given.format;
    if (!format) {
      const f = await vscode.window.showQuickPick(
        [
          { label: 'CSV', description: 'one row per disputed item', format: 'csv' as const },
          { label: 'JSON Lines', description: 'one letter per line, the documented schema', format: 'jsonl' as const },
        ],
        { title: 'Extract all letters as' },
      );
      if (!f) return undefined;
      format = f.format;
    }
    let outputPath = given.output;
    let overwrite = given.overwrite === true;
    if (!outputPath) {
      const target = await vscode.window.showSaveDialog({
        title: 'Save the extracted letters',
        defaultUri: vscode.Uri.file(path.join(inputs[0], `imr-letters.${format}`)),
        filters: format === 'csv' ? { CSV: ['csv'] } : { 'JSON Lines': ['jsonl'] },
      });
      if (!target) return undefined;
      outputPath = target.fsPath;
      // The save dialog has already asked before choosing an existing file.
      overwrite = true;
    }
    const c = await ready();
    const bom = vscode.workspace.getConfiguration('imr').get<boolean>('csvBom', false);
    const params: ExtractFilesParams = { inputs, format, output: outputPath, overwrite, bom };
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Extracting IMR letters', cancellable: true },
      async (progress, token) => {
        const workDoneToken = `imr-extract-${Date.now()}`;
        let last = 0;
        const sub = c.onProgress(lsp().WorkDoneProgress.type, workDoneToken, (v) => {
          if (v.kind === 'end') return;
          const pct = v.percentage ?? last;
          progress.report({ message: v.message, increment: Math.max(0, pct - last) });
          last = pct;
        });
        try {
          return (await c.sendRequest(
            lsp().ExecuteCommandRequest.type,
            { command: ServerCommands.extractFiles, arguments: [params], workDoneToken },
            token,
          )) as ExtractFilesResult;
        } finally {
          sub.dispose();
        }
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
    const failures = result.failures.length;
    const message = `Extracted ${result.letters} letter${result.letters === 1 ? '' : 's'} (${result.items} item${result.items === 1 ? '' : 's'}) to ${path.basename(outputPath)}${failures ? `; ${failures} file${failures === 1 ? '' : 's'} failed` : ''}.`;
    const actions = failures ? ['Open File', 'Show Failures'] : ['Open File'];
    void vscode.window.showInformationMessage(message, ...actions).then(async (a) => {
      if (a === 'Open File') await vscode.window.showTextDocument(vscode.Uri.file(outputPath));
      if (a === 'Show Failures') output.show(true);
    });
    return result;
  };

  // PDF letters: a read-only text view (imr-pdf:/path/letter.pdf) whose text the server reads with
  // pdf.js. Failures (damaged, password-protected, scanned) are shown as messages.
  const pdfFailures = new Map<string, string>();
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(PDF_SCHEME, {
      async provideTextDocumentContent(uri, token) {
        const c = await ready();
        const result = (await c.sendRequest(ReadPdfRequest, { path: uri.fsPath }, token)) as ReadPdfResult;
        if (!result.ok) {
          pdfFailures.set(uri.toString(), result.message);
          return '';
        }
        pdfFailures.delete(uri.toString());
        return result.text;
      },
    }),
  );
  const openPdf = async (arg?: unknown) => {
    let file = arg instanceof vscode.Uri ? arg : undefined;
    if (!file) {
      const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'PDF letters': ['pdf'] }, openLabel: 'Open PDF Letter' });
      if (!picked?.length) return undefined;
      file = picked[0];
    }
    if (file.scheme !== 'file') {
      void vscode.window.showWarningMessage('Only PDF files on this machine can be opened as letters.');
      return undefined;
    }
    const uri = vscode.Uri.from({ scheme: PDF_SCHEME, path: file.path });
    const doc = await vscode.workspace.openTextDocument(uri);
    const failure = pdfFailures.get(uri.toString());
    if (failure) {
      void vscode.window.showErrorMessage(`Cannot open the PDF as a letter. ${failure}`);
      return undefined;
    }
    const letter = doc.languageId === LANGUAGE_ID ? doc : await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
    await vscode.window.showTextDocument(letter, { preview: false });
    return letter;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('imr.openPdf', openPdf),
    vscode.commands.registerCommand('imr.extractDecisions', extractCommand('decisions', false)),
    vscode.commands.registerCommand('imr.copyDecisions', extractCommand('decisions', true)),
    vscode.commands.registerCommand('imr.extractSummary', extractCommand('summary', false)),
    vscode.commands.registerCommand('imr.extractCitations', extractCommand('citations', false)),
    vscode.commands.registerCommand('imr.extractItem', extractCommand('item', false)),
    vscode.commands.registerCommand('imr.extractAllLetters', extractAll),
    vscode.commands.registerCommand('imr.restartServer', async () => {
      if (client) await client.restart();
      else await ensureClient();
    }),
    vscode.commands.registerCommand('imr.showOutput', () => output.show(true)),
  );
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}
