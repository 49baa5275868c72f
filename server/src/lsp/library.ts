/**
 * The letter library in the language server: the workspace index (server/src/workspace), and the
 * requests it answers: workspace/symbol, textDocument/references (a citation, or a case number),
 * textDocument/definition (a citation's knowledge base entry), the Letters view's groups, and
 * similar decisions. File changes come from the client's file watcher
 * (workspace/didChangeWatchedFiles, registered here when the client allows it).
 *
 * Each handler adapts core types to LSP types; the questions are answered by the core's `Library`.
 */
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import {
  CancellationToken, Connection, DidChangeWatchedFilesNotification, ErrorCodes, FileChangeType, Location, PreviousResultId, Range, ResponseError,
  SymbolInformation, SymbolKind, WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  caseOccurrences, citationOccurrences, FileEntry, Knowledge, Letter, Library, resolveLocator, requestFeatures,
  citationKeys, Span, targetAt,
} from '../core';
import {
  DEFAULT_LIBRARY_SETTINGS, LibraryGroupParams, LibraryGroupResult, LibraryGroupsParams, LibraryGroupsResult, LibraryInitOptions, LibraryMethods,
  LibrarySettings, LibraryStatus, SimilarDecisionsParams, SimilarDecisionsResult,
} from '../library-protocol';
import { hasPdfName } from '../io';
import { PdfTextCache } from '../workspace/pdf-cache';
import { WorkspaceIndex } from '../workspace/index';
import { entryLocation } from './knowledge-location';
import { positionParamsProblem } from './command-params';
import { LibraryProblems } from './library-problems';
import type { ParsedLetter } from './letters';
import { toRange } from './convert';
import { pdfLetterUri, pdfOfLetterUri } from '../protocol';

export interface LibraryHost {
  connection: Connection;
  /** The open document and its parse, or null. */
  letter(uri: string): { doc: TextDocument; parsed: ParsedLetter } | null;
  /** The knowledge base for a document (or, with no URI, the workspace's). */
  kb(uri?: string): Promise<Knowledge>;
  /** The user's knowledge file in use for a document, or null. */
  userKnowledgeFile(uri?: string): Promise<string | null>;
  /** The user's severity per rule code for the workspace (`imr.severity`). */
  severities(): Promise<Readonly<Record<string, string>>>;
  /**
   * Runs a handler; if it throws, the request is answered with an error (and the error logged).
   * A request cancelled before the handler starts is answered as cancelled.
   */
  guard<T>(name: string, what: string, fn: () => T | Promise<T>, token?: CancellationToken): Promise<T | ResponseError<never>>;
}

/** How long a burst of changes is gathered before the client hears the library changed (ms). */
const CHANGED_DELAY_MS = 250;

export class LibraryFeature {
  private index: WorkspaceIndex | null = null;
  private roots: string[] = [];
  private pdfScheme: string | null = null;
  private cacheDir: string | null = null;
  private configurationPull = false;
  private watchRegistration = false;
  private workDone = false;
  private initialSettings: Partial<LibrarySettings> = {};
  private settings: LibrarySettings = DEFAULT_LIBRARY_SETTINGS;
  private changedTimer: NodeJS.Timeout | undefined;
  /** The Problems view's reports of letters that are not open (`imr.library.problems`). */
  readonly problems = new LibraryProblems({
    files: () => this.problemFiles(),
    uriOf: (file) => this.uriOf(file),
    isOpen: (uri) => this.host.letter(uri) !== null,
    severities: () => this.host.severities(),
  });

  constructor(private readonly host: LibraryHost) {}

  /**
   * The folder keeping PDF text (workspace/pdf-cache.ts) under the client's cache folder, or
   * undefined without one: the library's index, Extract All, Insights and opening a PDF as a letter
   * read and fill it alike.
   */
  get pdfTextCacheDir(): string | undefined {
    return this.cacheDir ? path.join(this.cacheDir, 'pdf-text') : undefined;
  }

  /** From `initialize`: folders, client capabilities and options; the capabilities to announce. */
  initialize(params: {
    roots: string[];
    capabilities: {
      workspace?: { configuration?: boolean; didChangeWatchedFiles?: { dynamicRegistration?: boolean } };
      window?: { workDoneProgress?: boolean };
    };
    initializationOptions?: unknown;
  }) {
    this.roots = params.roots;
    const caps = params.capabilities;
    this.configurationPull = caps.workspace?.configuration === true;
    this.watchRegistration = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.workDone = caps.window?.workDoneProgress === true;
    const init = (params.initializationOptions ?? {}) as LibraryInitOptions & { settings?: { library?: Partial<LibrarySettings> } };
    this.pdfScheme = typeof init.pdfScheme === 'string' && /^[a-z][a-z0-9+.-]*$/.test(init.pdfScheme) ? init.pdfScheme : null;
    this.cacheDir = typeof init.cacheDir === 'string' && init.cacheDir ? init.cacheDir : null;
    this.initialSettings = init.settings?.library ?? {};
    return {
      workspaceSymbolProvider: true,
      referencesProvider: true,
      definitionProvider: true,
    };
  }

  /** From `initialized`: watch files and build the index. */
  async start(): Promise<void> {
    const c = this.host.connection;
    // Parameters as they arrive from the wire: a missing or mistyped field is answered with
    // InvalidParams naming it, not with a failure inside the handler.
    c.onWorkspaceSymbol((p, token) => {
      const query: unknown = (p as { query?: unknown } | null)?.query;
      if (typeof query !== 'string') return new ResponseError(ErrorCodes.InvalidParams, 'workspace/symbol: "query" must be a string (empty for every symbol)');
      return this.host.guard('workspaceSymbol', query, () => this.workspaceSymbols(query), token);
    });
    c.onReferences((p, token) => {
      const problem = positionParamsProblem(p);
      if (problem) return new ResponseError(ErrorCodes.InvalidParams, `textDocument/references: ${problem}`);
      // "context" is the client's to send; without it the declaration is not asked for.
      const includeDeclaration = (p.context as { includeDeclaration?: unknown } | undefined)?.includeDeclaration === true;
      return this.host.guard('references', p.textDocument.uri, () => this.references(p.textDocument.uri, p.position, includeDeclaration), token);
    });
    c.onDefinition((p, token) => {
      const problem = positionParamsProblem(p);
      if (problem) return new ResponseError(ErrorCodes.InvalidParams, `textDocument/definition: ${problem}`);
      return this.host.guard('definition', p.textDocument.uri, () => this.definition(p.textDocument.uri, p.position), token);
    });
    c.languages.diagnostics.onWorkspace(async (p, token) => {
      // Result ids the client holds; anything else in the list is no result id and is left out.
      const held: unknown = (p as { previousResultIds?: unknown } | null)?.previousResultIds;
      const ids = Array.isArray(held) ? held.filter((x): x is PreviousResultId => typeof x?.uri === 'string' && typeof x?.value === 'string') : [];
      return { items: await this.problems.pull(ids, token) };
    });
    c.onDidChangeWatchedFiles((p) => {
      const changes = p.changes.flatMap((ch) => {
        const file = pathOf(ch.uri);
        if (!file) return [];
        const type = ch.type === FileChangeType.Deleted ? ('deleted' as const) : ch.type === FileChangeType.Created ? ('created' as const) : ('changed' as const);
        return [{ path: file, type }];
      });
      void this.index?.update(changes).catch((e) => c.console.error(`Letter library: ${String(e)}`));
    });
    c.onRequest(LibraryMethods.status, () => this.status());
    c.onRequest(LibraryMethods.groupers, () => this.indexOrEmpty().groupersList());
    c.onRequest(LibraryMethods.groups, (p: LibraryGroupsParams, token: CancellationToken) =>
      this.host.guard<LibraryGroupsResult>('library groups', String(p?.by), () => ({
        groups: this.indexOrEmpty().groups(String(p?.by ?? 'case'), String(p?.filter ?? '')),
        status: this.status(),
      }), token),
    );
    c.onRequest(LibraryMethods.group, (p: LibraryGroupParams, token: CancellationToken) =>
      this.host.guard<LibraryGroupResult>('library group', String(p?.key), () => this.group(p), token),
    );
    c.onRequest(LibraryMethods.similar, (p: SimilarDecisionsParams, token: CancellationToken) =>
      this.host.guard<SimilarDecisionsResult>('similar decisions', String(p?.uri), () => this.similar(p), token),
    );
    if (this.watchRegistration) {
      await c.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{txt,imr,pdf,TXT,IMR,PDF}' }] })
        .catch((e) => c.console.warn(`Letter library: file watching unavailable (${String(e)}); the index is rebuilt when settings change.`));
    }
    await this.configure();
  }

  /** After `workspace/didChangeConfiguration`: rebuild when the library's settings changed. */
  async settingsChanged(pushed?: unknown): Promise<void> {
    const s = (pushed as { imr?: { library?: Partial<LibrarySettings> } } | undefined)?.imr?.library;
    if (!this.configurationPull && s) this.initialSettings = { ...this.initialSettings, ...s };
    await this.configure();
  }

  private async readSettings(): Promise<LibrarySettings> {
    let s: Partial<LibrarySettings> = this.initialSettings;
    if (this.configurationPull) {
      try {
        const pulled = (await this.host.connection.workspace.getConfiguration({ section: 'imr.library' })) as Partial<LibrarySettings> | null;
        if (pulled && typeof pulled === 'object') s = { ...s, ...pulled };
      } catch {
        // The client could not answer: keep what we have.
      }
    }
    const list = (v: unknown, d: string[]) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : d);
    return {
      enabled: typeof s.enabled === 'boolean' ? s.enabled : DEFAULT_LIBRARY_SETTINGS.enabled,
      include: list(s.include, DEFAULT_LIBRARY_SETTINGS.include),
      exclude: list(s.exclude, DEFAULT_LIBRARY_SETTINGS.exclude),
      problems: typeof s.problems === 'boolean' ? s.problems : DEFAULT_LIBRARY_SETTINGS.problems,
    };
  }

  private async configure(): Promise<void> {
    const next = await this.readSettings();
    const same = JSON.stringify(next) === JSON.stringify(this.settings) && this.index !== null;
    this.settings = next;
    if (!next.enabled || this.roots.length === 0) {
      this.index?.clear();
      this.index = null;
      this.changed();
      return;
    }
    if (same) return;
    if (!this.index) {
      this.index = new WorkspaceIndex(
        {
          kb: () => this.host.kb(),
          progress: (title) => this.progress(title),
          changed: () => this.changed(),
          log: (m) => this.host.connection.console.info(m),
        },
        { cache: this.pdfTextCacheDir ? new PdfTextCache(this.pdfTextCacheDir) : null },
      );
    }
    void this.index.rebuild({ roots: this.roots, include: next.include, exclude: next.exclude }, { problems: next.problems });
  }

  /** Resolves when the current build is done (tests, benchmarks). */
  whenBuilt(): Promise<void> {
    return this.index?.whenBuilt() ?? Promise.resolve();
  }

  private async progress(title: string) {
    let reporter: WorkDoneProgressServerReporter | null = null;
    if (this.workDone) {
      try {
        reporter = await this.host.connection.window.createWorkDoneProgress();
        reporter.begin(title, 0, 'finding letters', false);
      } catch {
        reporter = null;
      }
    }
    return {
      report: (percentage: number, message: string) => reporter?.report(percentage, message),
      done: () => reporter?.done(),
    };
  }

  private changed(): void {
    if (this.changedTimer) return;
    this.changedTimer = setTimeout(() => {
      this.changedTimer = undefined;
      this.problems.wake();
      void this.host.connection.sendNotification(LibraryMethods.changed, this.status());
    }, CHANGED_DELAY_MS);
  }

  status(): LibraryStatus {
    if (!this.index) return { state: 'off', letters: 0, sources: 0, files: 0, items: 0, failures: 0 };
    // While indexing, counts without grouping every time (grouping is linear in the letters).
    const s = this.index.state === 'indexing' ? this.index.library.peekStats() : this.index.library.stats();
    const cache = this.index.cache;
    return {
      state: this.index.state,
      letters: s.letters,
      sources: s.sources,
      files: s.files,
      items: s.items,
      failures: this.index.failures.size,
      ...(cache ? { pdfTextCache: { hits: cache.hits, misses: cache.misses } } : {}),
    };
  }

  private readonly empty = new Library();
  private indexOrEmpty(): Library {
    return this.index?.library ?? this.empty;
  }

  // ---------------------------------------------------------------------------------- URIs

  /** File paths to URIs already made (thousands of locations may be answered at once). */
  private readonly uris = new Map<string, string>();

  private uriOf(file: string): string {
    const known = this.uris.get(file);
    if (known !== undefined) return known;
    const href = pathToFileURL(file).href;
    const uri = this.pdfScheme && hasPdfName(file) ? pdfLetterUri(href, this.pdfScheme) : href;
    if (this.uris.size >= 100_000) this.uris.clear();
    this.uris.set(file, uri);
    return uri;
  }

  /** The text files whose problems the Problems view shows: none unless the setting is on. */
  private *problemFiles(): Iterable<FileEntry> {
    if (!this.index || !this.settings.problems) return;
    const lib = this.index.library;
    for (const p of lib.paths()) {
      const f = lib.file(p);
      // A file still waiting to be read again with its problems (the setting just turned on) is
      // left out until it is: reported now, it would say "no problems" under the result id it keeps.
      if (f && path.extname(p).toLowerCase() !== '.pdf' && f.letters.every((l) => l.problems !== undefined)) yield f;
    }
  }

  private location(file: string, range: Range): Location {
    return { uri: this.uriOf(file), range };
  }

  // ---------------------------------------------------------------------------------- requests

  workspaceSymbols(query: string): SymbolInformation[] {
    return this.indexOrEmpty()
      .symbols(query)
      .map((h) => ({
        name: h.name,
        kind: h.kind === 'item' ? SymbolKind.Object : SymbolKind.File,
        containerName: h.container,
        location: this.location(h.path, h.range),
      }));
  }

  /** The citation or case number at a position of an open letter, and what it is found by. */
  private async target(uri: string, position: { line: number; character: number }) {
    const open = this.host.letter(uri);
    if (!open) return null;
    const { doc, parsed } = open;
    const offset = doc.offsetAt(position);
    const letter = parsed.letterAt(offset);
    const kb = await this.host.kb(uri);
    const target = targetAt(letter, parsed.citations(letter, kb), offset);
    return target ? { ...target, doc, parsed, letter, kb } : null;
  }

  async references(uri: string, position: { line: number; character: number }, includeDeclaration: boolean): Promise<Location[]> {
    const t = await this.target(uri, position);
    if (!t) return [];
    const here = pathOf(uri);
    const lib = this.indexOrEmpty();
    const own: Location[] = [];
    let others: Location[];
    if (t.kind === 'case') {
      others = lib.caseLetters(t.caseNumber, here ?? undefined).filter((r) => r.path !== here).map((r) => this.location(r.path, r.range));
      for (const span of caseOccurrences(t.parsed.letters, t.caseNumber)) own.push({ uri, range: toRange(t.doc, span) });
    } else {
      others = lib.references(t.keys, here ?? undefined).filter((r) => r.path !== here).map((r) => this.location(r.path, r.range));
      // This document as the editor has it (perhaps unsaved), every letter in it.
      for (const l of t.parsed.letters) {
        for (const { citation: c, locator } of citationOccurrences(t.parsed.citations(l, t.kb), t.keys)) {
          const span = locator ? locator.span : c.locators.length ? c.locatorSpans[0] : c.span;
          own.push({ uri, range: toRange(t.doc, span) });
        }
      }
    }
    const offset = t.doc.offsetAt(position);
    const mine = includeDeclaration ? own : own.filter((l) => !(t.doc.offsetAt(l.range.start) <= offset && offset <= t.doc.offsetAt(l.range.end)));
    return [...mine, ...others];
  }

  async definition(uri: string, position: { line: number; character: number }): Promise<Location[] | null> {
    const t = await this.target(uri, position);
    if (!t || t.kind !== 'citation' || !t.locator) return null;
    const entries = resolveLocator(t.kb, t.citation, t.locator, t.letter.dates.decision?.iso ?? null);
    const user = await this.host.userKnowledgeFile(uri);
    const out: Location[] = [];
    for (const e of entries) {
      const at = entryLocation(t.kb, e, user);
      if (at) {
        out.push({
          uri: pathToFileURL(at.file).href,
          range: { start: { line: at.line, character: at.character }, end: { line: at.line, character: at.character + at.length } },
        });
      }
    }
    return out.length ? out : null;
  }

  private group(p: LibraryGroupParams): LibraryGroupResult {
    const { letters, more } = this.indexOrEmpty().group(String(p?.by ?? 'case'), String(p?.key ?? ''), String(p?.filter ?? ''));
    return {
      more,
      letters: letters.map((l) => ({
        id: l.id,
        uri: this.uriOf(l.path),
        caseNumber: l.caseNumber,
        decisionDate: l.decisionDate,
        specialties: [...l.specialties],
        range: l.range,
        items: l.items.map((it) => ({ index: it.index, request: it.request, decision: it.decision, range: it.range })),
        sources: l.sources.map((s) => ({ uri: this.uriOf(s.path), kind: s.kind === 'layout' ? '-layout text' : s.kind === 'pdf' ? 'PDF' : 'text' })),
        reason: l.reason,
      })),
    };
  }

  private async similar(p: SimilarDecisionsParams): Promise<SimilarDecisionsResult> {
    const open = p?.uri ? this.host.letter(p.uri) : null;
    if (!open) return null;
    const { doc, parsed } = open;
    let letter: Letter;
    let index: number;
    if (p.position) {
      const offset = doc.offsetAt(p.position);
      letter = parsed.letterAt(offset);
      const item = typeof p.index === 'number' ? letter.items[p.index] : letter.items.find((it) => within(it.span, offset) || offset < it.span.start);
      if (!item) return null;
      index = item.index;
    } else {
      letter = parsed.letters[0];
      index = typeof p.index === 'number' ? p.index : 0;
    }
    const item = letter.items[index];
    if (!item) return null;
    const kb = await this.host.kb(p.uri);
    const cited: string[] = [];
    for (const c of parsed.citations(letter, kb)) {
      if (c.itemIndex === item.index && c.block === 'maximus') for (const k of citationKeys(c)) if (!cited.includes(k)) cited.push(k);
    }
    const words = requestFeatures(item.request);
    const here = pathOf(p.uri);
    const own = here ? { path: here, letterInFile: parsed.letters.length > 1 ? parsed.letters.indexOf(letter) + 1 : undefined } : undefined;
    const limit = typeof p.limit === 'number' && p.limit > 0 ? Math.min(p.limit, 500) : 50;
    const results = this.indexOrEmpty().similar({ features: words, cited }, limit, own);
    return {
      item: { request: item.request, decision: item.decision, caseNumber: letter.caseNumber?.text ?? null, words, cited },
      results: results.map((r) => ({
        uri: this.uriOf(r.path),
        range: r.range,
        request: r.request,
        decision: r.decision,
        caseNumber: r.caseNumber,
        decisionDate: r.decisionDate,
        specialties: [...r.specialties],
        closing: r.closing,
        sharedWords: [...r.sharedWords],
        sameCitation: r.sameCitation,
        score: r.score,
      })),
      status: this.status(),
    };
  }
}

function within(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/** The file path of a `file:` URI or of a PDF's letter-text URI (protocol.ts `pdfOfLetterUri`); null for others. */
export function pathOf(uri: string): string | null {
  try {
    if (uri.startsWith('file:')) return fileURLToPath(uri);
    const pdf = pdfOfLetterUri(uri);
    if (pdf) return fileURLToPath(pdf);
  } catch {
    // Not a file on this machine.
  }
  return null;
}
