/**
 * The language client proper, loaded on first use (it is most of the client's code), so that
 * activating the extension stays fast. Bundled on its own as dist/lsp.js.
 *
 * `ImrLanguageClient` is the only place the client talks to the server: one typed method per
 * message of server/src/messages.ts, so the rest of the client neither names methods nor casts
 * results.
 */
import * as path from 'path';
import type * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind, WorkDoneProgress } from 'vscode-languageclient/node';
import {
  DeadlinesCommand, ExtractCommand, ExtractFilesCommand, InsightsCommand, LetterStatusNotification, LibraryChangedNotification, LibraryGroupersRequest, LibraryGroupRequest,
  LibraryGroupsRequest, LibraryStatusRequest, ReadPdfRequest, SimilarDecisionsRequest,
} from '../../server/src/messages';
import {
  LibraryGroupersResult, LibraryGroupParams, LibraryGroupResult, LibraryGroupsParams, LibraryGroupsResult, LibraryInitOptions, LibraryStatus,
  SimilarDecisionsParams, SimilarDecisionsResult,
} from '../../server/src/library-protocol';
import {
  ClientCommands, DeadlinesParams, DeadlinesResult, ExtractFilesParams, ExtractFilesResult, ExtractParams, ExtractResult, LANGUAGE_ID, LetterStatus, PDF_SCHEME, ReadPdfParams, ReadPdfResult,
} from '../../server/src/protocol';
import type { InsightsParams, InsightsResult } from '../../server/src/insights-protocol';

/** Progress of a long request, as the server reports it (work-done progress). */
export interface ProgressReport {
  message?: string;
  /** 0 to 100, when the server knows. */
  percentage?: number;
}

export class ImrLanguageClient {
  private readonly client: LanguageClient;
  private workDoneTokens = 0;

  constructor(context: vscode.ExtensionContext, output: vscode.LogOutputChannel) {
    const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
    // Over stdio, as other editors run it: the server then writes large answers (a merged case
    // file's outline) from the parts it kept since the last edit (server/src/lsp/writer.ts).
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.stdio },
      debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    // The letter library caches PDF text in the extension's own storage, and shows PDF letters
    // under the PDF letter scheme.
    const initializationOptions: LibraryInitOptions = { cacheDir: context.globalStorageUri.fsPath, pdfScheme: PDF_SCHEME };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ language: LANGUAGE_ID }],
      outputChannel: output,
      synchronize: { configurationSection: 'imr' },
      // Completion items that leave more to choose (a block label, "Decision based on MTUS") open the list again.
      // The client runs these commands itself (a quick fix names them).
      initializationOptions: { ...initializationOptions, retriggerSuggest: true, clientCommands: Object.values(ClientCommands) },
    };
    this.client = new LanguageClient('imr', 'IMR Letters', serverOptions, clientOptions);
  }

  start(): Promise<void> {
    return this.client.start();
  }

  restart(): Promise<void> {
    return this.client.restart();
  }

  stop(): Promise<void> {
    return this.client.stop();
  }

  onLetterStatus(handler: (status: LetterStatus) => void): vscode.Disposable {
    return this.client.onNotification(LetterStatusNotification.type, handler);
  }

  onLibraryChanged(handler: (status: LibraryStatus) => void): vscode.Disposable {
    return this.client.onNotification(LibraryChangedNotification.type, handler);
  }

  libraryStatus(): Promise<LibraryStatus> {
    return this.client.sendRequest(LibraryStatusRequest.type);
  }

  libraryGroupers(): Promise<LibraryGroupersResult> {
    return this.client.sendRequest(LibraryGroupersRequest.type);
  }

  libraryGroups(params: LibraryGroupsParams): Promise<LibraryGroupsResult> {
    return this.client.sendRequest(LibraryGroupsRequest.type, params);
  }

  libraryGroup(params: LibraryGroupParams): Promise<LibraryGroupResult> {
    return this.client.sendRequest(LibraryGroupRequest.type, params);
  }

  similarDecisions(params: SimilarDecisionsParams): Promise<SimilarDecisionsResult> {
    return this.client.sendRequest(SimilarDecisionsRequest.type, params);
  }

  readPdf(params: ReadPdfParams, token?: vscode.CancellationToken): Promise<ReadPdfResult> {
    return this.client.sendRequest(ReadPdfRequest.type, params, token);
  }

  extract(params: ExtractParams): Promise<ExtractResult | null> {
    return this.client.sendRequest(ExtractCommand.type, ExtractCommand.params(params));
  }

  deadlines(params: DeadlinesParams): Promise<DeadlinesResult | null> {
    return this.client.sendRequest(DeadlinesCommand.type, DeadlinesCommand.params(params));
  }

  /** Bulk extraction to a file; `onProgress` receives the server's progress reports. */
  async extractFiles(params: ExtractFilesParams, token: vscode.CancellationToken, onProgress: (p: ProgressReport) => void): Promise<ExtractFilesResult> {
    const workDoneToken = `imr-extract-${process.pid}-${++this.workDoneTokens}`;
    const sub = this.client.onProgress(WorkDoneProgress.type, workDoneToken, (v) => {
      if (v.kind !== 'end') onProgress({ message: v.message, percentage: v.percentage });
    });
    try {
      return await this.client.sendRequest(ExtractFilesCommand.type, ExtractFilesCommand.params(params, workDoneToken), token);
    } finally {
      sub.dispose();
    }
  }

  /** The statistics of many letters for the Insights panel; `onProgress` receives the server's progress. */
  async insights(params: InsightsParams, token: vscode.CancellationToken, onProgress: (p: ProgressReport) => void): Promise<InsightsResult> {
    const workDoneToken = `imr-insights-${process.pid}-${++this.workDoneTokens}`;
    const sub = this.client.onProgress(WorkDoneProgress.type, workDoneToken, (v) => {
      if (v.kind !== 'end') onProgress({ message: v.message, percentage: v.percentage });
    });
    try {
      return await this.client.sendRequest(InsightsCommand.type, InsightsCommand.params(params, workDoneToken), token);
    } finally {
      sub.dispose();
    }
  }
}
