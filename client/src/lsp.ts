/**
 * The language client proper, loaded on first use (it is most of the client's code), so that
 * activating the extension stays fast. Bundled on its own as dist/lsp.js.
 */
import * as path from 'path';
import type * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { LANGUAGE_ID } from '../../server/src/protocol';

export { ExecuteCommandRequest, WorkDoneProgress } from 'vscode-languageclient/node';
export type { LanguageClient } from 'vscode-languageclient/node';

export function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    outputChannel: output,
    synchronize: { configurationSection: 'imr' },
  };
  return new LanguageClient('imr', 'IMR Letters', serverOptions, clientOptions);
}
