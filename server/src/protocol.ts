/**
 * What client and server share: command identifiers, settings and message shapes. Defined once
 * here and imported by both sides (the client bundle includes this file), so they cannot drift.
 * The typed message objects built from these shapes are in messages.ts.
 * Adding a setting takes four steps: package.json `contributes.configuration`, `Settings` below,
 * `DEFAULT_SETTINGS`, and its use site.
 */

export const LANGUAGE_ID = 'imr';

/** Commands the server executes (`workspace/executeCommand`); other editors can call them too. */
export const ServerCommands = {
  /** One letter: decisions, case summary, citations, or one item. `ExtractParams` -> `ExtractResult | null`. */
  extract: 'imr.server.extract',
  /** Many letter files to one output file. `ExtractFilesParams` -> `ExtractFilesResult`. */
  extractFiles: 'imr.server.extractFiles',
  /** For clients without `ClientCommands.showSideBySide`: the last of the places, shown with `window/showDocument`. `ShowSideBySideParams` -> null. */
  showSideBySide: 'imr.server.showSideBySide',
  /** The statistics of many letters, for the Insights panel. `InsightsParams` -> `InsightsResult`. */
  insights: 'imr.server.insights',
  /** The dates an open letter sets running, as a calendar file. `DeadlinesParams` -> `DeadlinesResult | null`. */
  deadlines: 'imr.server.deadlines',
} as const;

/**
 * Commands the VS Code client runs when a code action names them; the client lists the ones it has
 * in `initializationOptions.clientCommands`. For other clients the server offers the same through
 * a server command of its own (`ServerCommands.showSideBySide`, with `window/showDocument`).
 */
export const ClientCommands = {
  /** Two places of a letter side by side. `ShowSideBySideParams`. */
  showSideBySide: 'imr.showSideBySide',
} as const;

export interface ShowSideBySideParams {
  uri: string;
  /** The places (zero-based lines and characters): the first in the active editor, the second beside it. */
  ranges: { start: { line: number; character: number }; end: { line: number; character: number } }[];
}

/** Parameters of the request `imr/readPdf` (messages.ts `ReadPdfRequest`): the letter text of a PDF. */
export interface ReadPdfParams {
  /** Absolute path of the PDF. */
  path: string;
}

export type ReadPdfResult =
  | { ok: true; text: string; pages: number; pageOffsets: number[] }
  | { ok: false; message: string };

/**
 * URI scheme of the read-only text view of a PDF letter. The view is named so that it cannot be
 * taken for the PDF itself, and carries the PDF's `file:` URI as its query:
 * `imr-pdf:/dir/CM16-0239569%20(letter%20text)?file%3A%2F%2F%2Fdir%2FCM16-0239569.pdf`.
 */
export const PDF_SCHEME = 'imr-pdf';

/** What the letter-text view of a PDF is called: `CM16-0239569 (letter text)` for CM16-0239569.pdf. */
export const LETTER_TEXT_SUFFIX = ' (letter text)';

/** The letter-text view of the PDF with this `file:` URI (a string, as both sides can build it). */
export function pdfLetterUri(pdfFileUri: string, scheme: string = PDF_SCHEME): string {
  const rest = pdfFileUri.slice('file://'.length);
  const slash = rest.lastIndexOf('/');
  const name = rest.slice(slash + 1).replace(/\.pdf$/i, '');
  return `${scheme}:${rest.slice(0, slash + 1)}${name}${encodeURIComponent(LETTER_TEXT_SUFFIX)}?${encodeURIComponent(pdfFileUri)}`;
}

/**
 * The `file:` URI of the PDF a letter-text view shows: its query; for the older form without one
 * (`imr-pdf:/dir/letter.pdf`), its path. Null when the URI is neither.
 */
export function pdfOfLetterUri(uri: string): string | null {
  const colon = uri.indexOf(':');
  if (colon <= 0) return null;
  const rest = uri.slice(colon + 1);
  const question = rest.indexOf('?');
  if (question >= 0) {
    let query = rest.slice(question + 1);
    const hash = query.indexOf('#');
    if (hash >= 0) query = query.slice(0, hash);
    try {
      query = decodeURIComponent(query);
    } catch {
      return null;
    }
    return query.startsWith('file:') ? query : null;
  }
  const path = rest.startsWith('//') ? rest.slice(2) : rest;
  return path.startsWith('/') && /\.pdf$/i.test(path) ? `file://${path}` : null;
}

export type ExtractKind = 'decisions' | 'summary' | 'citations' | 'item';
/** `tsv`: tab-separated, for the clipboard (pastes into spreadsheet cells and Word). */
export type ExtractFormat = 'md' | 'csv' | 'json' | 'tsv';

export interface ExtractParams {
  uri: string;
  kind: ExtractKind;
  format: ExtractFormat;
  /** For `item`: the item under this position, or `index` when given. */
  position?: { line: number; character: number };
  index?: number;
  bom?: boolean;
  /** Markdown: the compact view for reading (a title, a line of summary, the columns a reader needs). */
  compact?: boolean;
  /** Keep columns that are empty in every row (CSV, TSV, Markdown); by default they are left out. */
  emptyColumns?: boolean;
}

export interface ExtractResult {
  title: string;
  format: ExtractFormat;
  /** Suggested editor language for the content. */
  language: string;
  content: string;
  rows: number;
}

export interface DeadlinesParams {
  /** An open document: every letter in it (a merged case file gives each letter's dates). */
  uri: string;
}

export interface DeadlinesResult {
  /** A file name without extension: the case number(s), else "IMR deadlines". */
  title: string;
  /** The iCalendar file (RFC 5545): one all-day event a date. */
  content: string;
  /** Each date, as the calendar names it, in the order of the file. */
  events: { kind: 'appeal' | 'repeat-request'; date: string; title: string }[];
}

export interface ExtractFilesParams {
  /** Files, folders (searched recursively) or glob patterns. */
  inputs: string[];
  /** `ics`: a calendar file of the dates each letter sets running (each letter once: not with `everyFile`). */
  format: 'csv' | 'jsonl' | 'json' | 'md' | 'ics';
  /** Absolute path of the file to write. */
  output: string;
  /** The user agreed to replace an existing file. Without it an existing file is never touched. */
  overwrite?: boolean;
  bom?: boolean;
  /**
   * Write every file's letters as records of their own (the CLI's `--every-file`). By default a
   * letter found in several files (its text, its -layout text, its PDF) is written once, from its
   * most complete file, with every file listed in its JSON record (`sources`), and the files left
   * out are listed in `ExtractFilesResult.duplicates`.
   */
  everyFile?: boolean;
}

/** A copy of a letter left out of a bulk extraction, and the copy used instead. */
export interface ExtractDuplicate {
  file: string;
  letterInFile?: number;
  usedFile: string;
  usedLetterInFile?: number;
  /** Why that copy was used, in words. */
  reason: string;
}

export interface ExtractFilesResult {
  letters: number;
  items: number;
  failures: { file: string; reason: string }[];
  cancelled: boolean;
  /** The file written, or null when nothing was written (cancelled, refused). */
  output: string | null;
  /** Why nothing was written, when it was refused. */
  refused?: string;
  /** Copies of letters left out (one letter, one record). */
  duplicates: ExtractDuplicate[];
}

export interface Settings {
  /** Largest document (in characters) given every feature; above it only the outline is computed. */
  maxDocumentSize: number;
  /** Show a code lens with the decision and citations above each item heading. */
  codeLens: boolean;
  /** Start CSV exports with a UTF-8 byte order mark. */
  csvBom: boolean;
  /** The user's knowledge file (JSON, schema in server/knowledge), merged over the bundled one. */
  knowledgeFile: string;
  /** The user's request vocabulary file (JSON, schema in server/knowledge/vocabulary), merged over the bundled one. */
  vocabularyFile: string;
  /** Inlay hints: the topic of a cited page beside a bare page number. */
  pageTopicHints: boolean;
  /** Format Document repairs extraction damage (mojibake, "?" apostrophes, double spacing, glued form feeds). */
  formatting: boolean;
  /** Severity per diagnostic code (`off`, `hint`, `information`, `warning`, `error`). */
  severity: Record<string, string>;
}

/** The notification `imr/letterStatus` (messages.ts `LetterStatusNotification`), sent after a letter is checked. */
export interface LetterStatus {
  uri: string;
  isLetter: boolean;
  format: string;
  items: number;
  /** Items by decision (a merged case file: over every letter). */
  upheld: number;
  overturned: number;
  /** Items with no decision, or one that is not a known decision word. */
  undecided: number;
  /** The case number of the (first) letter, as written; null when not read. */
  caseNumber: string | null;
  errors: number;
  warnings: number;
  /** Above imr.maxDocumentSize: only the outline and essential checks run. */
  limited: boolean;
  /** Letters in the document (a merged case file holds several). */
  letters: number;
}

export const DEFAULT_SETTINGS: Settings = {
  maxDocumentSize: 20_000_000,
  codeLens: true,
  csvBom: false,
  knowledgeFile: '',
  vocabularyFile: '',
  pageTopicHints: false,
  formatting: false,
  severity: {},
};
