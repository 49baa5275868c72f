/**
 * The typed messages between the VS Code client and the server: one object per request,
 * notification and server command, defined once here and used by both sides, so that a message's
 * name, parameters and result cannot drift apart and neither side casts what it receives.
 *
 * Kept apart from protocol.ts (plain types and constants) because these objects are built with
 * vscode-languageserver-protocol: the client's small activation bundle (client/src/extension.ts)
 * imports protocol.ts only, and the language client bundle (client/src/lsp.ts) imports this file.
 */
import { ExecuteCommandRequest, NotificationType, ProgressToken, RequestType } from 'vscode-languageserver-protocol';
import {
  ExtractFilesParams, ExtractFilesResult, ExtractParams, ExtractResult, LetterStatus, ReadPdfParams, ReadPdfResult, ServerCommands,
  ShowSideBySideParams,
} from './protocol';
import type { InsightsParams, InsightsResult } from './insights-protocol';

/** The parameters of `workspace/executeCommand` for a command that takes one argument. */
export interface CommandParams<C extends string, A> {
  command: C;
  arguments: [A];
  workDoneToken?: ProgressToken;
}

/**
 * A server command as a typed request: `workspace/executeCommand` with this command's argument and
 * result types. Other editors call the same command by name (`ServerCommands`).
 */
export interface ServerCommand<C extends string, A, R> {
  readonly command: C;
  readonly type: RequestType<CommandParams<C, A>, R, void>;
  /** The request parameters that run this command with `arg`. */
  params(arg: A, workDoneToken?: ProgressToken): CommandParams<C, A>;
}

function serverCommand<A, R>() {
  return <C extends string>(command: C): ServerCommand<C, A, R> => ({
    command,
    type: new RequestType<CommandParams<C, A>, R, void>(ExecuteCommandRequest.method),
    params: (arg, workDoneToken) => ({ command, arguments: [arg], ...(workDoneToken !== undefined ? { workDoneToken } : {}) }),
  });
}

/** One letter: decisions, case summary, citations or one item; null when there is nothing to extract. */
export const ExtractCommand = serverCommand<ExtractParams, ExtractResult | null>()(ServerCommands.extract);

/** Takes the editor to the last of a fix's places (clients that cannot show two side by side). */
export const ShowPlaceCommand = serverCommand<ShowSideBySideParams, null>()(ServerCommands.showSideBySide);

/** Many letter files to one output file, with work-done progress and cancellation. */
export const ExtractFilesCommand = serverCommand<ExtractFilesParams, ExtractFilesResult>()(ServerCommands.extractFiles);

/** The statistics of many letters (files and open documents), with work-done progress and cancellation. */
export const InsightsCommand = serverCommand<InsightsParams, InsightsResult>()(ServerCommands.insights);

/** Client -> server: the letter text of a PDF file on disk (pdf.js in the server process). */
export namespace ReadPdfRequest {
  export const method = 'imr/readPdf' as const;
  export const type = new RequestType<ReadPdfParams, ReadPdfResult, void>(method);
}

/** Server -> client, after a letter is checked: what it is, feeds the language status item. */
export namespace LetterStatusNotification {
  export const method = 'imr/letterStatus' as const;
  export const type = new NotificationType<LetterStatus>(method);
}
