/**
 * The IMR letter language server. A thin adapter: it keeps the open documents, parses each once
 * per version (LetterCache), and hands the parsed letter to one small handler per feature. Every
 * handler is guarded, so a failure answers that one request with an error and nothing else.
 *
 * Transports: `--stdio` (other editors, tests) or `--node-ipc` (the VS Code client); chosen by the
 * command-line flag, as vscode-languageserver does.
 */
import {
  CodeLensRefreshRequest, createConnection, ErrorCodes, InlayHintRefreshRequest, MessageType, ShowMessageNotification, InitializeResult, ProposedFeatures, ResponseError, TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'url';
import { ExtractFilesParams, ExtractParams, ReadPdfParams, ReadPdfRequest, ReadPdfResult, ServerCommands } from './protocol';
import { readLetterFile } from './io';
import { citationLine } from './export/citations';
import { codeLenses } from './lsp/codelens';
import { hover, topicHints } from './lsp/hover';
import { KnowledgeStore } from './lsp/knowledge';
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
let inlayHintRefresh = false;
let markdownHover = false;
let roots: string[] = [];
const knowledge = new KnowledgeStore(
  () => roots,
  (message) => {
    connection.console.warn(message);
    // A notification, not a request: nothing waits for the user to dismiss it.
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
  },
);

/** The knowledge base for a document (bundled, or merged with the user's file from settings). */
async function kbFor(uri: string) {
  return knowledge.get((await settings.get(uri)).knowledgeFile);
}

connection.onInitialize((params): InitializeResult => {
  const caps = params.capabilities;
  hierarchicalSymbols = caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true;
  codeLensRefresh = caps.workspace?.codeLens?.refreshSupport === true;
  inlayHintRefresh = caps.workspace?.inlayHint?.refreshSupport === true;
  markdownHover = (caps.textDocument?.hover?.contentFormat ?? []).includes('markdown');
  const folders = (params.workspaceFolders ?? []).map((f) => f.uri);
  roots = (folders.length ? folders : params.rootUri ? [params.rootUri] : []).filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  const init = params.initializationOptions as { settings?: unknown } | undefined;
  settings.configure(caps.workspace?.configuration === true, init?.settings);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      documentSymbolProvider: { label: 'IMR letter' },
      foldingRangeProvider: true,
      codeLensProvider: { resolveProvider: false },
      hoverProvider: true,
      inlayHintProvider: true,
      executeCommandProvider: { commands: Object.values(ServerCommands) },
    },
    serverInfo: { name: 'imr-letters', version: '0.1.0' },
  };
});

connection.onDidChangeConfiguration((change) => {
  settings.reset(change.settings);
  if (codeLensRefresh) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  if (inlayHintRefresh) connection.sendRequest(InlayHintRefreshRequest.type).catch(() => undefined);
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
  withLetter('codeLens', p.textDocument.uri, [], async (doc, parsed) => {
    if (!(await settings.get(doc.uri)).codeLens) return [];
    const citations = parsed.citations(await kbFor(doc.uri));
    return codeLenses(doc, parsed, (index) => citationLine(citations, index));
  }),
);
connection.onHover((p) =>
  withLetter('hover', p.textDocument.uri, null, async (doc, parsed) =>
    hover(doc, parsed, doc.offsetAt(p.position), await kbFor(doc.uri), markdownHover),
  ),
);
connection.languages.inlayHint.on((p) =>
  withLetter('inlayHint', p.textDocument.uri, [], async (doc, parsed) =>
    (await settings.get(doc.uri)).pageTopicHints ? topicHints(doc, parsed, p.range, await kbFor(doc.uri)) : [],
  ),
);

connection.onExecuteCommand(async (p, token, workDone) => {
  const arg = (p.arguments ?? [])[0];
  try {
    switch (p.command) {
      case ServerCommands.extract: {
        const params = arg as ExtractParams;
        const result = await withLetter('extract', params?.uri, null, async (doc, parsed) =>
          extractFromLetter(doc, parsed, { ...params, bom: params.bom ?? (await settings.get(doc.uri)).csvBom }, await kbFor(doc.uri)),
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
