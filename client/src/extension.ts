/**
 * The VS Code client: starts the IMR language server, recognises plain-text letters, and registers
 * the commands. It holds no letter logic of its own; everything comes from the server.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { LANGUAGE_ID } from '../../server/src/protocol';

let client: LanguageClient | undefined;
let starting: Promise<void> | undefined;

/** First lines that mark a plain-text file as an IMR letter (mirrors `firstLine` in package.json). */
const LETTER_START = /^\f?\s*(Case Number:|HOW THE IMR FINAL DETERMINATION WAS MADE|MAXIMUS FEDERAL SERVICES|Notice of Independent Medical Review Determination|MEDICAL PROFESSIONAL REVIEW)/;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('IMR Letters', { log: true });
  context.subscriptions.push(output);

  const ensureClient = (): Promise<void> => {
    if (starting) return starting;
    const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ language: LANGUAGE_ID }],
      outputChannel: output,
    };
    client = new LanguageClient('imr', 'IMR Letters', serverOptions, clientOptions);
    const started = client.start();
    starting = started;
    return started;
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

  context.subscriptions.push(
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
