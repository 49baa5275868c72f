/**
 * The VS Code client: starts the IMR language server, recognises plain-text letters, and registers
 * the commands. It holds no letter logic of its own: every command asks the server, then shows or
 * saves what comes back. Each job is in its own module:
 *
 *   connection.ts   the language server, started on first need (lsp.ts: the typed client)
 *   status.ts       the language status item
 *   detection.ts    plain-text letters recognised by their first lines
 *   pdf.ts          PDF letters as read-only text views
 *   extract.ts      one-letter extraction commands
 *   extractAll.ts   Extract All Letters in a Folder
 *   welcome.ts      sample letters, the walkthrough, the Outline shown for the first letter
 *   compare.ts      two places of a letter side by side (a quick fix's command)
 *   insights.ts     Show Insights (the panel loads on first use)
 *   library.ts      the Letters view (the letter library of the workspace)
 *   similar.ts      Find Similar Decisions: view, peek, export
 */
import * as vscode from 'vscode';
import { ServerConnection } from './connection';
import { registerLetterDetection } from './detection';
import { registerExtractCommands } from './extract';
import { registerSideBySide } from './compare';
import { registerExtractAll } from './extractAll';
import { registerInsights } from './insights';
import { registerLettersView } from './library';
import { registerPdfLetters } from './pdf';
import { registerSimilarDecisions } from './similar';
import { registerLetterStatus } from './status';
import { registerWelcome } from './welcome';

let server: ServerConnection | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('IMR Letters', { log: true });
  server = new ServerConnection(context, output);
  context.subscriptions.push(output, server);

  registerLetterStatus(context, server);
  registerLetterDetection(context, server);
  registerPdfLetters(context, server);
  registerExtractCommands(context, server);
  registerExtractAll(context, server, output);
  registerWelcome(context);
  registerSideBySide(context);
  registerInsights(context, server, output);
  registerLettersView(context, server);
  registerSimilarDecisions(context, server);

  const connection = server;
  context.subscriptions.push(
    vscode.commands.registerCommand('imr.restartServer', () => connection.restart()),
    vscode.commands.registerCommand('imr.showOutput', () => output.show(true)),
  );
}

export async function deactivate(): Promise<void> {
  await server?.stop();
}
