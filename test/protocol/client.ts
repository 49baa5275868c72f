/**
 * A real LSP client for protocol tests: spawns the bundled server (`dist/server.js --stdio`) and
 * talks JSON-RPC to it through vscode-languageserver-protocol, exactly as an editor would.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  ClientCapabilities, createProtocolConnection, InitializeResult, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification, ExitNotification, InitializedNotification, InitializeRequest, ProtocolConnection,
  ShutdownRequest, StreamMessageReader, StreamMessageWriter, TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { pathToFileURL } from 'url';
import { DIST } from '../paths';

export interface TestServer {
  connection: ProtocolConnection;
  child: ChildProcess;
  /** What the server answered to initialize. */
  initialized: InitializeResult;
  stderr: () => string;
  open(file: string, text?: string, languageId?: string): Promise<string>;
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void>;
  close(uri: string): Promise<void>;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export const DEFAULT_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    foldingRange: { lineFoldingOnly: true },
    diagnostic: { dynamicRegistration: false },
    publishDiagnostics: {},
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } },
  },
  workspace: { configuration: false, workspaceFolders: false },
};

export interface StartOptions {
  /** Workspace folders (absolute paths) to announce in `initialize`. */
  folders?: string[];
  /** Called before `initialize`: register handlers for requests the server sends early. */
  setup?: (connection: ProtocolConnection) => void;
}

export async function startServer(
  capabilities: ClientCapabilities = DEFAULT_CAPABILITIES,
  initializationOptions?: unknown,
  options: StartOptions = {},
): Promise<TestServer> {
  const child = spawn(process.execPath, [path.join(DIST, 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  options.setup?.(connection);
  connection.listen();
  const initialized = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities,
    initializationOptions,
    ...(options.folders ? { workspaceFolders: options.folders.map((f) => ({ uri: pathToFileURL(f).href, name: path.basename(f) })) } : {}),
  });
  await connection.sendNotification(InitializedNotification.type, {});
  const versions = new Map<string, number>();
  return {
    connection,
    child,
    initialized,
    stderr: () => err,
    exited,
    async open(file, text, languageId = 'imr') {
      const uri = pathToFileURL(file).toString();
      versions.set(uri, 1);
      await connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId, version: 1, text: text ?? fs.readFileSync(file, 'utf8') },
      });
      return uri;
    },
    async change(uri, version, contentChanges) {
      await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
    },
    async close(uri) {
      await connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    },
    async stop() {
      if (child.exitCode === null) {
        try {
          await connection.sendRequest(ShutdownRequest.type);
          await connection.sendNotification(ExitNotification.type);
        } catch {
          // already gone
        }
      }
      await exited;
      connection.dispose();
    },
  };
}
