/**
 * The IMR letter language server. A thin adapter: it keeps the open documents, parses each once
 * per version (LetterCache), and hands the parsed letter to one small handler per feature. Every
 * handler is guarded, so a failure answers that one request with an error and nothing else.
 *
 * Transports: `--stdio` (other editors, tests) or `--node-ipc` (the VS Code client); chosen by the
 * command-line flag, as vscode-languageserver does.
 */
import {
  CodeLensRefreshRequest, createConnection, ErrorCodes, InitializeResult, ProposedFeatures, ResponseError, TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ExtractFilesParams, ExtractParams, ReadPdfParams, ReadPdfRequest, ReadPdfResult, ServerCommands } from './protocol';
import { readLetterFile } from './io';
import { codeLenses } from './lsp/codelens';
import { extractFromLetter, extractToFile } from './lsp/extract';
import { foldingRanges } from './lsp/folding';
import { LetterCache, ParsedLetter } from './lsp/letters';
import { SettingsStore } from './lsp/settings';
import { documentSymbols } from './lsp/symbols';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const cache = new LetterCache();
const settings = new SettingsStore(connection);
let hierarchicalSymbols = false;
let codeLensRefresh = false;

connection.onInitialize((params): InitializeResult => {
  const caps = params.capabilities;
  hierarchicalSymbols = caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true;
  codeLensRefresh = caps.workspace?.codeLens?.refreshSupport === true;
  const init = params.initializationOptions as { settings?: unknown } | undefined;
  settings.configure(caps.workspace?.configuration === true, init?.settings);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      documentSymbolProvider: { label: 'IMR letter' },
      foldingRangeProvider: true,
      codeLensProvider: { resolveProvider: false },
      executeCommandProvider: { commands: Object.values(ServerCommands) },
    },
    serverInfo: { name: 'imr-letters', version: '0.1.0' },
  };
});

connection.onDidChangeConfiguration((change) => {
  settings.reset(change.settings);
  if (codeLensRefresh) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
});

function failure(name: string, what: string, e: unknown): ResponseError<void> {
  const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
  connection.console.error(`${name} failed for ${what}: ${message}`);
  return new ResponseError(ErrorCodes.InternalError, `${name} failed: ${e instanceof Error ? e.message : String(e)}`);
}

/**
 * Runs a handler for a document: unknown documents answer `empty`; an exception answers an
 * error for this request only and is logged.
 */
async function withLetter<T>(
  name: string,
  uri: string,
  empty: T,
  fn: (doc: TextDocument, parsed: ParsedLetter) => T | Promise<T>,
): Promise<T | ResponseError<void>> {
  const doc = documents.get(uri);
  if (!doc) return empty;
  try {
    return await fn(doc, cache.get(doc));
  } catch (e) {
    return failure(name, uri, e);
  }
}

connection.onDocumentSymbol((p) =>
  withLetter('documentSymbol', p.textDocument.uri, [], (doc, parsed) => documentSymbols(doc, parsed, hierarchicalSymbols)),
);
connection.onFoldingRanges((p) => withLetter('foldingRange', p.textDocument.uri, [], foldingRanges));
connection.onCodeLens((p) =>
  withLetter('codeLens', p.textDocument.uri, [], async (doc, parsed) =>
    (await settings.get(doc.uri)).codeLens ? codeLenses(doc, parsed, () => '') : [],
  ),
);

connection.onExecuteCommand(async (p, token, workDone) => {
  const arg = (p.arguments ?? [])[0];
  try {
    switch (p.command) {
      case ServerCommands.extract: {
        const params = arg as ExtractParams;
        const result = await withLetter('extract', params?.uri, null, async (doc, parsed) =>
          extractFromLetter(doc, parsed, { ...params, bom: params.bom ?? (await settings.get(doc.uri)).csvBom }),
        );
        return result;
      }
      case ServerCommands.extractFiles:
        return await extractToFile(arg as ExtractFilesParams, token, workDone);
      default:
        return new ResponseError(ErrorCodes.InvalidParams, `unknown command ${p.command}`);
    }
  } catch (e) {
    return failure(p.command, JSON.stringify(arg)?.slice(0, 200) ?? '', e);
  }
});

connection.onRequest(ReadPdfRequest, async (p: ReadPdfParams, token): Promise<ReadPdfResult | ResponseError<void>> => {
  try {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    const read = await readLetterFile(p.path, undefined, abort.signal);
    if (!read.ok) return { ok: false, message: `${p.path}: ${read.reason}` };
    return { ok: true, text: read.text, pages: read.pdf?.pages ?? 1, pageOffsets: read.pdf?.pageOffsets ?? [0] };
  } catch (e) {
    return failure(ReadPdfRequest, p?.path, e);
  }
});

documents.onDidClose((e) => {
  cache.delete(e.document.uri);
  settings.forget(e.document.uri);
});
documents.listen(connection);
connection.listen();
