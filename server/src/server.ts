/**
 * The IMR letter language server. A thin adapter: it keeps the open documents, parses each once
 * per version (LetterCache), and hands the parsed letter to one small handler per feature. Every
 * handler is guarded, so a failure answers that one request with an error and nothing else.
 *
 * Transports: `--stdio` (other editors, tests) or `--node-ipc` (the VS Code client); chosen by the
 * command-line flag, as vscode-languageserver does.
 */
import {
  createConnection, ErrorCodes, InitializeResult, ProposedFeatures, ResponseError, TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LetterCache, ParsedLetter } from './lsp/letters';
import { documentSymbols } from './lsp/symbols';
import { foldingRanges } from './lsp/folding';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const cache = new LetterCache();
let hierarchicalSymbols = false;

connection.onInitialize((params): InitializeResult => {
  hierarchicalSymbols = params.capabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      documentSymbolProvider: { label: 'IMR letter' },
      foldingRangeProvider: true,
    },
    serverInfo: { name: 'imr-letters', version: '0.1.0' },
  };
});

/**
 * Runs a handler for a document: unknown documents answer `empty`; an exception answers an
 * error for this request only and is logged.
 */
function withLetter<T>(name: string, uri: string, empty: T, fn: (doc: TextDocument, parsed: ParsedLetter) => T): T | ResponseError<void> {
  const doc = documents.get(uri);
  if (!doc) return empty;
  try {
    return fn(doc, cache.get(doc));
  } catch (e) {
    const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
    connection.console.error(`${name} failed for ${uri}: ${message}`);
    return new ResponseError(ErrorCodes.InternalError, `${name} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

connection.onDocumentSymbol((p) => withLetter('documentSymbol', p.textDocument.uri, [], (doc, parsed) => documentSymbols(doc, parsed, hierarchicalSymbols)));
connection.onFoldingRanges((p) => withLetter('foldingRange', p.textDocument.uri, [], foldingRanges));

documents.onDidClose((e) => cache.delete(e.document.uri));
documents.listen(connection);
connection.listen();
