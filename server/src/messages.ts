/**
 * The typed messages between the VS Code client and the server: one object per request,
 * notification and server command, defined once here and used by both sides, so that a message's
 * name, parameters and result cannot drift apart and neither side casts what it receives.
 *
 * Kept apart from protocol.ts (plain types and constants) because these objects are built with
 * vscode-languageserver-protocol: the client's small activation bundle (client/src/extension.ts)
 * imports protocol.ts only, and the language client bundle (client/src/lsp.ts) imports this file.
 */
import { ExecuteCommandRequest, NotificationType, ProgressToken, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import {
  LibraryGroupersResult, LibraryGroupParams, LibraryGroupResult, LibraryGroupsParams, LibraryGroupsResult, LibraryMethods, LibraryStatus,
  SimilarDecisionsParams, SimilarDecisionsResult,
} from './library-protocol';
import {
  DeadlinesParams, DeadlinesResult, ExtractFilesParams, ExtractFilesResult, ExtractParams, ExtractResult, LetterStatus, ReadPdfParams, ReadPdfResult, ServerCommands,
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

/** The dates an open letter sets running (appeal, repeat request) as an iCalendar file; null when it sets none. */
export const DeadlinesCommand = serverCommand<DeadlinesParams, DeadlinesResult | null>()(ServerCommands.deadlines);

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

// ---- the letter library (server/src/library-protocol.ts)

/** Server -> client: the library changed (files indexed, changed or removed), or its state. */
export namespace LibraryChangedNotification {
  export const method = LibraryMethods.changed;
  export const type = new NotificationType<LibraryStatus>(method);
}

/** Client -> server: the library's status. */
export namespace LibraryStatusRequest {
  export const method = LibraryMethods.status;
  export const type = new RequestType0<LibraryStatus, void>(method);
}

/** Client -> server: the ways the Letters view can group letters. */
export namespace LibraryGroupersRequest {
  export const method = LibraryMethods.groupers;
  export const type = new RequestType0<LibraryGroupersResult, void>(method);
}

/** Client -> server: the groups of the library under a grouping. */
export namespace LibraryGroupsRequest {
  export const method = LibraryMethods.groups;
  export const type = new RequestType<LibraryGroupsParams, LibraryGroupsResult, void>(method);
}

/** Client -> server: the letters of one group, with their items in it. */
export namespace LibraryGroupRequest {
  export const method = LibraryMethods.group;
  export const type = new RequestType<LibraryGroupParams, LibraryGroupResult, void>(method);
}

/** Client -> server: the items of the library most like an item of an open letter. */
export namespace SimilarDecisionsRequest {
  export const method = LibraryMethods.similar;
  export const type = new RequestType<SimilarDecisionsParams, SimilarDecisionsResult, void>(method);
}
