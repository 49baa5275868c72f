/**
 * The IMR letter language server. A thin adapter: it keeps the open documents, parses each once
 * per version (LetterCache), and hands the parsed letter to one small handler per feature. Every
 * handler is guarded, so a failure answers that one request with an error and nothing else.
 *
 * Transports: `--stdio` (the VS Code client, other editors, tests) or `--node-ipc`; chosen by the
 * command-line flag, as vscode-languageserver does.
 */
import {
  CancellationToken, CodeActionKind, CodeLensRefreshRequest, createConnection, DocumentDiagnosticReportKind, ErrorCodes, InlayHintRefreshRequest, LSPErrorCodes, MessageType, ShowMessageNotification, InitializeResult, ProposedFeatures, ResponseError, TextDocuments,
  StreamMessageWriter, TextDocumentSyncKind, WorkDoneProgressReporter,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { runSteps } from './core';
import type { Letter } from './core';
import { fileURLToPath, pathToFileURL } from 'url';
import { ClientCommands, LetterStatus, Settings } from './protocol';
import { DeadlinesCommand, ExtractCommand, ExtractFilesCommand, InsightsCommand, LetterStatusNotification, ReadPdfRequest, ServerCommand, ShowPlaceCommand } from './messages';
import { codeActions, diagnosticSettings, isLimited, ShowCapabilities, toLspDiagnostics } from './lsp/diagnostics';
import { readPdfFile } from './io';
import { citationLine } from './export/citations';
import { codeLenses } from './lsp/codelens';
import { COMMAND_PARAMS } from './lsp/command-params';
import { completion, CompletionCapabilities, TRIGGER_CHARACTERS } from './lsp/completion';
import { hover, topicHints } from './lsp/hover';
import { KnowledgeStore } from './lsp/knowledge';
import { loadVocabularyFile, resolveVocabularyPath } from './export/vocabulary-file';
import { extractFromLetter, extractToFile } from './lsp/extract';
import { deadlinesOf } from './lsp/deadlines';
import { insights } from './lsp/insights';
import { foldingRanges } from './lsp/folding';
import { selectionRanges } from './lsp/selection';
import { documentHighlights } from './lsp/highlights';
import { forgetSemanticTokens, SEMANTIC_LEGEND, semanticTokensDelta, semanticTokensFull, semanticTokensInRange } from './lsp/semantic';
import { formattingEdits } from './lsp/formatting';
import { EditedDocument } from './lsp/document';
import { consoleToLog, partsEncoder } from './lsp/writer';
import { LetterCache, ParsedLetter, runInSlices, SLICED_FROM } from './lsp/letters';
import { SettingsStore } from './lsp/settings';
import { documentSymbols } from './lsp/symbols';
import { TypingState, typingPause } from './lsp/typing';
import { LibraryFeature } from './lsp/library';
import { setHeapGrowth } from './lsp/heap';
import { setFlagsFromString } from 'v8';
import { V8_FLAGS } from './core/v8-flags';

setHeapGrowth();
// The compiler settings the CLI uses too (core/v8-flags.ts), set before any letter is read.
setFlagsFromString(V8_FLAGS);

// Over stdio the server opens the streams itself, to write answers with its own encoder (lsp/writer.ts).
const stdio = process.argv.includes('--stdio');
const connection = stdio
  ? createConnection(
      ProposedFeatures.all,
      process.stdin,
      new StreamMessageWriter(process.stdout, { contentTypeEncoder: partsEncoder }) as unknown as NodeJS.WritableStream,
    )
  : createConnection(ProposedFeatures.all);
if (stdio) consoleToLog(connection.console);
const cache = new LetterCache();
// The cache sees each change as it is applied: the next parse reads only the lines around it.
const documents = new TextDocuments({ create: EditedDocument.create, update: cache.update });
const settings = new SettingsStore(connection);
let hierarchicalSymbols = false;
let codeLensRefresh = false;
let inlayHintRefresh = false;
let pullDiagnostics = false;
let diagnosticRefresh = false;
let markdownHover = false;
let completionCaps: CompletionCapabilities = { markdown: false, retriggerSuggest: false };
let showCaps: ShowCapabilities = { sideBySide: false, showDocument: false };
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

// The letter library of the workspace folders: workspace symbols, references, definitions, Letters view.
const library = new LibraryFeature({
  connection,
  letter: (uri) => {
    const doc = documents.get(uri);
    return doc ? { doc, parsed: cache.get(doc) } : null;
  },
  kb: (uri) => (uri ? kbFor(uri) : knowledge.get('')),
  severities: async () => (await settings.get(roots[0] ? pathToFileURL(roots[0]).toString() : '')).severity ?? {},
  userKnowledgeFile: async (uri) => {
    const setting = uri ? (await settings.get(uri)).knowledgeFile.trim() : '';
    return setting ? knowledge.resolve(setting) : null;
  },
  guard: async (name, what, fn, token) => {
    const cancelled = await cancelledBeforeStart(name, token);
    if (cancelled) return cancelled;
    try {
      return await fn();
    } catch (e) {
      return failure(name, what, e);
    }
  },
});

const reportedVocabulary = new Set<string>();
/** The request vocabulary for a document: bundled, or merged with the user's file from settings. */
async function vocabularyFor(uri: string) {
  const setting = (await settings.get(uri)).vocabularyFile;
  if (!setting.trim()) return { file: undefined, vocabulary: loadVocabularyFile(undefined).vocabulary };
  const file = resolveVocabularyPath(setting, roots);
  const loaded = loadVocabularyFile(file);
  const key = `${file}:${loaded.errors.join('|')}`;
  if (loaded.errors.length && !reportedVocabulary.has(key)) {
    reportedVocabulary.add(key);
    const message = `IMR vocabulary file ${file} (setting imr.vocabularyFile): ${loaded.errors.slice(0, 5).join('; ')}${loaded.errors.length > 5 ? ` (and ${loaded.errors.length - 5} more)` : ''}. Valid entries are used.`;
    connection.console.warn(message);
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
  }
  return { file, vocabulary: loaded.vocabulary };
}

connection.onInitialize((params): InitializeResult => {
  const caps = params.capabilities;
  hierarchicalSymbols = caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true;
  codeLensRefresh = caps.workspace?.codeLens?.refreshSupport === true;
  inlayHintRefresh = caps.workspace?.inlayHint?.refreshSupport === true;
  markdownHover = (caps.textDocument?.hover?.contentFormat ?? []).includes('markdown');
  pullDiagnostics = caps.textDocument?.diagnostic !== undefined;
  diagnosticRefresh = caps.workspace?.diagnostics?.refreshSupport === true;
  const folders = (params.workspaceFolders ?? []).map((f) => f.uri);
  roots = (folders.length ? folders : params.rootUri ? [params.rootUri] : []).filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  const init = params.initializationOptions as { settings?: unknown; retriggerSuggest?: unknown; clientCommands?: unknown } | undefined;
  const clientCommands = Array.isArray(init?.clientCommands) ? init.clientCommands : [];
  showCaps = { sideBySide: clientCommands.includes(ClientCommands.showSideBySide), showDocument: caps.window?.showDocument?.support === true };
  completionCaps = {
    markdown: (caps.textDocument?.completion?.completionItem?.documentationFormat ?? []).includes('markdown'),
    retriggerSuggest: init?.retriggerSuggest === true,
  };
  settings.configure(caps.workspace?.configuration === true, init?.settings);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      documentSymbolProvider: { label: 'IMR letter' },
      foldingRangeProvider: true,
      selectionRangeProvider: true,
      documentHighlightProvider: true,
      semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: { delta: true }, range: true },
      codeLensProvider: { resolveProvider: false },
      hoverProvider: true,
      completionProvider: { triggerCharacters: TRIGGER_CHARACTERS, resolveProvider: false },
      documentFormattingProvider: true,
      inlayHintProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, `${CodeActionKind.SourceFixAll}.imr`] },
      ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'imr', interFileDependencies: false, workspaceDiagnostics: true } } : {}),
      executeCommandProvider: { commands: [...commandHandlers.keys()] },
      ...library.initialize({ roots, capabilities: caps, initializationOptions: params.initializationOptions }),
    },
    serverInfo: { name: 'imr-letters', version: '0.1.0' },
  };
});

connection.onInitialized(() => void library.start());

connection.onDidChangeConfiguration((change) => {
  settings.reset(change.settings);
  void library.settingsChanged(change.settings);
  library.problems.wake();
  if (codeLensRefresh) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  if (inlayHintRefresh) connection.sendRequest(InlayHintRefreshRequest.type).catch(() => undefined);
  if (pullDiagnostics && diagnosticRefresh) connection.languages.diagnostics.refresh();
  if (!pullDiagnostics) for (const doc of documents.all()) void publish(doc.uri);
});

function failure(name: string, what: string, e: unknown): ResponseError<never> {
  const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
  connection.console.error(`${name} failed for ${what}: ${message}`);
  return new ResponseError(ErrorCodes.InternalError, `${name} failed: ${e instanceof Error ? e.message : String(e)}`);
}

/** One turn of the event loop: the connection reads what has arrived (a cancellation, newer edits). */
const readArrived = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Set by the `shutdown` request: every request after it is answered with InvalidRequest (LSP). */
let shutDown = false;
connection.onShutdown(() => {
  shutDown = true;
});
const afterShutdown = (name: string) => new ResponseError<never>(ErrorCodes.InvalidRequest, `${name}: the server is shutting down`);

/**
 * A request cancelled before its work starts (the editor moved on while it waited behind others,
 * or sent the cancel right behind it): its answer, after the connection has read what arrived.
 * After `shutdown`, the answer to every request.
 */
async function cancelledBeforeStart(name: string, token: CancellationToken | undefined): Promise<ResponseError<never> | null> {
  if (shutDown) return afterShutdown(name);
  if (!token) return null;
  await readArrived();
  return token.isCancellationRequested ? new ResponseError(LSPErrorCodes.RequestCancelled, `${name} cancelled`) : null;
}

/**
 * Work of a handler written in steps (a generator from the core): run at once for a small document,
 * in slices for a large one (stopped, and the request answered as cancelled, when it is no longer
 * wanted). Its result equals the work run at once.
 */
type Work = <R>(steps: Generator<void, R, void>) => Promise<R>;

/** Thrown by `Work` when the request was cancelled or its document changed. */
class Stopped extends Error {}

function stopped(name: string, token: CancellationToken | undefined): ResponseError<never> {
  return token?.isCancellationRequested
    ? new ResponseError(LSPErrorCodes.RequestCancelled, `${name} cancelled`)
    : new ResponseError(LSPErrorCodes.ContentModified, `${name}: the document changed`);
}

/**
 * Runs a handler for a document: unknown documents answer `empty`; an exception answers an
 * error for this request only and is logged. A request cancelled before its work starts (the
 * editor moved on while it waited behind others) is answered as cancelled without doing it, so a
 * burst of requests on a large file does not delay the ones still wanted. A large document's parse
 * (and the work a handler hands to `work`) runs in slices, between which the connection reads what
 * has arrived: a request cancelled meanwhile, or whose document changed, stops there; a whole-
 * document answer made meanwhile for a large document is not sent.
 */
async function withLetter<T>(
  name: string,
  uri: string,
  empty: T,
  fn: (doc: TextDocument, parsed: ParsedLetter, work: Work) => T | Promise<T>,
  token?: CancellationToken,
): Promise<T | ResponseError<never>> {
  const cancelled = await cancelledBeforeStart(name, token);
  if (cancelled) return cancelled;
  const doc = documents.get(uri);
  if (!doc) return empty;
  // Whether the document's text is no longer the one this request started on: changed (the
  // document is edited in place, so its text is compared, not its version), closed, or opened again.
  const source = doc.source;
  const changed = () => {
    const now = documents.get(uri);
    return now !== doc || now.source !== source;
  };
  const stop = () => token?.isCancellationRequested === true || changed();
  const whole = WHOLE_DOCUMENT_ANSWERS.has(name) && doc.length >= SLICED_FROM;
  const costKey = `${name} ${uri}`;
  if (whole) {
    // Typing fast in a large document: its whole-document answers wait for a pause in the changes
    // and are dropped when another change comes first (the editor asks again after it); see
    // lsp/typing.ts. After a lone change they are made at once.
    const pause = typingPause(typing.get(uri), answerCost.get(costKey) ?? 0, performance.now());
    if (pause > 0) await new Promise<void>((resolve) => setTimeout(resolve, pause));
    // The changes sent meanwhile are read before the pause is judged (a timer can run before the
    // connection reads what waits on it).
    await readArrived();
    if (stop()) return stopped(name, token);
  }
  try {
    const parsed = await cache.getInSlices(doc, stop);
    if (!parsed) return stopped(name, token);
    const t0 = performance.now();
    const work: Work = async (steps) => {
      if (parsed.length < SLICED_FROM) return runSteps(steps);
      const r = await runInSlices(steps, stop);
      if (!r) throw new Stopped();
      return r.value;
    };
    const result = await fn(doc, parsed, work);
    // A handler that waited (for settings, the knowledge base) read the document as it is after
    // the changes that arrived meanwhile, and the analysis as it was before them: its answer
    // mixes two texts.
    if (changed()) return stopped(name, token);
    // A whole-document answer for a large document is thousands of items, and writing it out costs
    // more than making it: when the editor has moved on meanwhile (the request cancelled or the
    // text changed), the answer it would discard is not written. Under fast typing in a 1.2 MB
    // merged file, writing such answers took a third of the server's time and delayed hovers by
    // a second or more.
    if (whole) {
      answerCost.set(costKey, performance.now() - t0);
      await readArrived();
      if (stop()) return stopped(name, token);
    }
    return result;
  } catch (e) {
    if (e instanceof Stopped || changed()) return stopped(name, token);
    return failure(name, uri, e);
  }
}

/** Requests answered for the whole document, asked again by the editor after every change. */
const WHOLE_DOCUMENT_ANSWERS: ReadonlySet<string> = new Set(['documentSymbol', 'foldingRange', 'codeLens', 'inlayHint', 'diagnostic', 'semanticTokens', 'semanticTokensDelta']);
/** What each whole-document answer of a large document took to make last time (ms, wall clock:
 *  slices and what ran between them included), by request name and document. */
const answerCost = new Map<string, number>();
/** When each document last changed, and the time between that change and the one before (ms). */
const typing = new Map<string, TypingState>();

connection.onDocumentSymbol((p, token) =>
  withLetter('documentSymbol', p.textDocument.uri, [], async (doc, parsed, work) => {
    await work(parsed.outlineSteps());
    return documentSymbols(doc, parsed, hierarchicalSymbols);
  }, token),
);
connection.onFoldingRanges((p, token) => withLetter('foldingRange', p.textDocument.uri, [], foldingRanges, token));
connection.onSelectionRanges((p, token) =>
  withLetter('selectionRange', p.textDocument.uri, null, async (doc, parsed) =>
    isLimited(parsed, await settings.get(doc.uri)) ? null : selectionRanges(doc, parsed, p.positions, await kbFor(doc.uri)),
  token),
);
connection.onDocumentHighlight((p, token) =>
  withLetter('documentHighlight', p.textDocument.uri, null, async (doc, parsed) =>
    isLimited(parsed, await settings.get(doc.uri)) ? null : documentHighlights(doc, parsed, p.position, await kbFor(doc.uri)),
  token),
);
connection.languages.semanticTokens.on((p, token) =>
  withLetter('semanticTokens', p.textDocument.uri, { data: [] }, async (doc, parsed) =>
    isLimited(parsed, await settings.get(doc.uri)) ? { data: [] } : semanticTokensFull(doc, parsed),
  token),
);
connection.languages.semanticTokens.onDelta((p, token) =>
  withLetter('semanticTokensDelta', p.textDocument.uri, { data: [] }, async (doc, parsed) =>
    isLimited(parsed, await settings.get(doc.uri)) ? { data: [] } : semanticTokensDelta(doc, parsed, p.previousResultId),
  token),
);
connection.languages.semanticTokens.onRange((p, token) =>
  withLetter('semanticTokensRange', p.textDocument.uri, { data: [] }, async (doc, parsed) =>
    isLimited(parsed, await settings.get(doc.uri)) ? { data: [] } : semanticTokensInRange(doc, parsed, p.range),
  token),
);
connection.onCodeLens((p, token) =>
  withLetter('codeLens', p.textDocument.uri, [], async (doc, parsed, work) => {
    const s = await settings.get(doc.uri);
    if (!s.codeLens || isLimited(parsed, s)) return [];
    const kb = await kbFor(doc.uri);
    await work(parsed.citationsSteps(kb));
    // The cited guidelines of each item, per letter and carried over edits (they hold no positions).
    const lines = (letter: Letter) =>
      parsed.perLetter('citationLines', kb, letter, () => letter.items.map((it) => citationLine(parsed.citations(letter, kb), it.index)), (v) => v);
    return codeLenses(doc, parsed, kb, (letter, index) => lines(letter)[index] ?? '');
  }, token),
);
connection.onHover((p, token) =>
  withLetter('hover', p.textDocument.uri, null, async (doc, parsed) =>
    isLimited(parsed, await settings.get(doc.uri))
      ? null
      : hover(doc, parsed, doc.offsetAt(p.position), await kbFor(doc.uri), markdownHover, (await vocabularyFor(doc.uri)).vocabulary),
  token),
);
connection.onCompletion((p, token) =>
  withLetter('completion', p.textDocument.uri, null, async (doc, parsed) =>
    isLimited(parsed, await settings.get(doc.uri))
      ? null
      : completion(doc, parsed, p.position, await kbFor(doc.uri), completionCaps, p.context?.triggerCharacter),
  token),
);
/** Said once per session: formatting was asked for while the setting is off. */
let formattingOffNoticed = false;
connection.onDocumentFormatting((p, token) =>
  withLetter('formatting', p.textDocument.uri, [], async (doc, parsed) => {
    if (!(await settings.get(doc.uri)).formatting) {
      if (!formattingOffNoticed) {
        formattingOffNoticed = true;
        void connection.sendNotification(ShowMessageNotification.type, {
          type: MessageType.Info,
          message: 'Formatting IMR letters is off. Turn on the setting "imr.formatting" to let Format Document repair extraction damage (mojibake, "?" apostrophes, double spacing, glued page breaks).',
        });
      }
      return [];
    }
    return formattingEdits(doc, parsed);
  }, token),
);
connection.languages.inlayHint.on((p, token) =>
  withLetter('inlayHint', p.textDocument.uri, [], async (doc, parsed) => {
    const s = await settings.get(doc.uri);
    return s.pageTopicHints && !isLimited(parsed, s) ? topicHints(doc, parsed, p.range, await kbFor(doc.uri)) : [];
  }, token),
);

// ---- diagnostics: pulled by clients that support it, otherwise pushed after a pause in typing

/** Diagnostics of a document (cached per version and settings); also tells the client its status. */
async function diagnosticsOf(doc: TextDocument, parsed: ParsedLetter, work: Work) {
  const s: Settings = await settings.get(doc.uri);
  const kb = await kbFor(doc.uri);
  const core = await work(parsed.diagnosticsSteps(diagnosticSettings(s, kb)));
  const sum = parsed.summary();
  const status: LetterStatus = {
    uri: doc.uri,
    isLetter: sum.isLetter,
    format: sum.format,
    items: sum.items,
    upheld: sum.upheld,
    overturned: sum.overturned,
    undecided: sum.undecided,
    caseNumber: sum.caseNumber,
    errors: core.filter((d) => d.severity === 'error').length,
    warnings: core.filter((d) => d.severity === 'warning').length,
    limited: isLimited(parsed, s),
    letters: sum.letters,
  };
  void connection.sendNotification(LetterStatusNotification.type, status);
  return { core, lsp: toLspDiagnostics(doc, core) };
}

connection.languages.diagnostics.on(async (p, token) =>
  // A letter just closed: the client asks once more, and keeps the answer; the library has it.
  documents.get(p.textDocument.uri)
    ? withLetter('diagnostic', p.textDocument.uri, { kind: DocumentDiagnosticReportKind.Full, items: [] }, async (doc, parsed, work) => ({
      kind: DocumentDiagnosticReportKind.Full,
      items: (await diagnosticsOf(doc, parsed, work)).lsp,
    }), token)
    : { kind: DocumentDiagnosticReportKind.Full, items: await library.problems.closed(p.textDocument.uri) },
);

/** Debounce for pushed diagnostics (ms): long enough to skip keystrokes, short enough to feel live. */
const PUSH_DELAY_MS = 200;
const pending = new Map<string, NodeJS.Timeout>();

async function publish(uri: string): Promise<void> {
  pending.delete(uri);
  const doc = documents.get(uri);
  if (!doc) return;
  const version = doc.version;
  const result = await withLetter('publishDiagnostics', uri, null, diagnosticsOf);
  if (result && !(result instanceof ResponseError) && documents.get(uri)?.version === version) {
    void connection.sendDiagnostics({ uri, version, diagnostics: result.lsp });
  }
}

documents.onDidOpen((e) => {
  if (!pullDiagnostics) void publish(e.document.uri);
});
documents.onDidChangeContent((e) => {
  const now = performance.now();
  const last = typing.get(e.document.uri);
  typing.set(e.document.uri, { at: now, gap: last ? now - last.at : Infinity });
  if (pullDiagnostics) return;
  clearTimeout(pending.get(e.document.uri));
  pending.set(e.document.uri, setTimeout(() => void publish(e.document.uri), PUSH_DELAY_MS));
});

connection.onCodeAction((p, token) =>
  withLetter('codeAction', p.textDocument.uri, [], async (doc, parsed, work) =>
    codeActions(doc, parsed, (await diagnosticsOf(doc, parsed, work)).core, p.context.diagnostics, p.context.only, showCaps),
  token),
);

// ---- server commands (`workspace/executeCommand`), each bound to its typed message in messages.ts

type CommandHandler = (arg: unknown, token: CancellationToken, workDone: WorkDoneProgressReporter) => Promise<unknown>;
const commandHandlers = new Map<string, CommandHandler>();

function onServerCommand<C extends string, A, R>(
  cmd: ServerCommand<C, A, R>,
  handler: (arg: A, token: CancellationToken, workDone: WorkDoneProgressReporter) => Promise<R | ResponseError<never>>,
): void {
  // The argument arrives from the wire untyped; its type is the one the message declares.
  commandHandlers.set(cmd.command, (arg, token, workDone) => handler(arg as A, token, workDone));
}

onServerCommand(ExtractCommand, (params, token) =>
  withLetter('extract', params?.uri, null, async (doc, parsed) =>
    extractFromLetter(doc, parsed, { ...params, bom: params.bom ?? (await settings.get(doc.uri)).csvBom }, await kbFor(doc.uri), (await vocabularyFor(doc.uri)).vocabulary),
  token),
);
onServerCommand(DeadlinesCommand, (params, token) =>
  withLetter('deadlines', params?.uri, null, async (doc, parsed) => deadlinesOf(parsed, await kbFor(doc.uri), new Date()), token),
);
// A fix's places, for clients that cannot show two side by side: the editor goes to the last one.
onServerCommand(ShowPlaceCommand, async (params) => {
  const last = params?.ranges?.[params.ranges.length - 1];
  if (typeof params?.uri !== 'string' || !last) return new ResponseError(ErrorCodes.InvalidParams, 'a letter and its places are needed');
  await connection.window.showDocument({ uri: params.uri, selection: last, takeFocus: true });
  return null;
});
onServerCommand(ExtractFilesCommand, async (params, token, workDone) =>
  extractToFile(params, token, workDone, (await vocabularyFor(roots[0] ? pathToFileURL(roots[0]).toString() : '')).file, library.pdfTextCacheDir),
);

onServerCommand(InsightsCommand, async (params, token, workDone) => {
  const voc = await vocabularyFor(roots[0] ? pathToFileURL(roots[0]).toString() : '');
  return insights(params, token, workDone, {
    vocabularyFile: voc.file,
    pdfCacheDir: library.pdfTextCacheDir,
    vocabulary: voc.vocabulary,
    open: (uri) => {
      const doc = documents.get(uri);
      return doc ? cache.get(doc) : null;
    },
  });
});

connection.onExecuteCommand(async (p, token, workDone) => {
  if (shutDown) return afterShutdown(p.command);
  const arg: unknown = (p.arguments ?? [])[0];
  const handler = commandHandlers.get(p.command);
  if (!handler) return new ResponseError(ErrorCodes.InvalidParams, `unknown command ${p.command}`);
  const problem = COMMAND_PARAMS[p.command]?.(arg) ?? null;
  if (problem !== null) return new ResponseError(ErrorCodes.InvalidParams, `${p.command}: ${problem}`);
  try {
    return await handler(arg, token, workDone);
  } catch (e) {
    return failure(p.command, JSON.stringify(arg)?.slice(0, 200) ?? '', e);
  }
});

connection.onRequest(ReadPdfRequest.type, async (p, token) => {
  if (typeof (p as { path?: unknown } | null)?.path !== 'string') return new ResponseError(ErrorCodes.InvalidParams, `${ReadPdfRequest.method}: "path" must be a string`);
  try {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    const read = await readPdfFile(p.path, undefined, abort.signal, { cacheDir: library.pdfTextCacheDir });
    if (!read.ok) return { ok: false, message: `${p.path}: ${read.reason}` };
    return { ok: true, text: read.text, pages: read.pdf?.pages ?? 1, pageOffsets: read.pdf?.pageOffsets ?? [0] };
  } catch (e) {
    return failure(ReadPdfRequest.method, p?.path, e);
  }
});

documents.onDidClose((e) => {
  clearTimeout(pending.get(e.document.uri));
  pending.delete(e.document.uri);
  if (!pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  cache.delete(e.document.uri);
  settings.forget(e.document.uri);
  for (const name of WHOLE_DOCUMENT_ANSWERS) answerCost.delete(`${name} ${e.document.uri}`);
  typing.delete(e.document.uri);
  forgetSemanticTokens(e.document.uri);
  library.problems.closedInEditor(e.document.uri);
});
documents.listen(connection);
connection.listen();
