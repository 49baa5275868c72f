/**
 * What client and server share about the letter library: settings, and the messages behind the
 * Letters view and Find Similar Decisions. Plain types and method names (like protocol.ts), so the
 * client's activation bundle can import them; the typed message objects are in messages.ts.
 *
 * Positions are LSP positions (zero-based line, UTF-16 character); files are URIs (`file:` for
 * text, the PDF letter scheme for PDFs when the client declares it in `initializationOptions`).
 */

/** Settings of the library (section `imr.library`), read for the whole window. */
export interface LibrarySettings {
  /** Index the letters of the workspace folders. */
  enabled: boolean;
  /** Globs (relative to a workspace folder) of the files to index. */
  include: string[];
  /** Globs of files and folders never indexed. */
  exclude: string[];
  /** Show the problems of every indexed text letter in the Problems view, open or not. */
  problems: boolean;
}

export const DEFAULT_LIBRARY_SETTINGS: LibrarySettings = {
  enabled: true,
  include: ['**/*.txt', '**/*.imr', '**/*.pdf'],
  exclude: [],
  problems: false,
};

/** `initializationOptions` the library reads. */
export interface LibraryInitOptions {
  /** Folder for the cache of PDF text (VS Code: the extension's global storage); none: no cache. */
  cacheDir?: string;
  /** URI scheme under which the client shows PDF letters as text (`imr-pdf`); none: `file:` URIs. */
  pdfScheme?: string;
}

export interface Pos {
  line: number;
  character: number;
}
export interface Rng {
  start: Pos;
  end: Pos;
}

export type DecisionWord = 'Upheld' | 'Overturned' | null;

/** The library's message names (typed message objects in messages.ts). */
export const LibraryMethods = {
  changed: 'imr/library/changed',
  status: 'imr/library/status',
  groupers: 'imr/library/groupers',
  groups: 'imr/library/groups',
  group: 'imr/library/group',
  similar: 'imr/library/similar',
} as const;


export interface LibraryStatus {
  state: 'off' | 'idle' | 'indexing' | 'ready';
  /** Distinct letters (a letter held as text and PDF counts once); while indexing, as last counted. */
  letters: number;
  /** Letters read, every file's copy counted. */
  sources: number;
  files: number;
  /** Items of the distinct letters; while indexing, as last counted. */
  items: number;
  /** Files that could not be read. */
  failures: number;
  /** PDFs whose text came from the cache, and PDFs read, since the server started. */
  pdfTextCache?: { hits: number; misses: number };
}


export type LibraryGroupersResult = { id: string; label: string }[];

export interface LibraryGroupsParams {
  by: string;
  filter?: string;
}
export interface LibraryGroup {
  key: string;
  label: string;
  letters: number;
  items: number;
  upheld: number;
  overturned: number;
}
export interface LibraryGroupsResult {
  groups: LibraryGroup[];
  status: LibraryStatus;
}

export interface LibraryGroupParams {
  by: string;
  key: string;
  filter?: string;
}
export interface LibraryLetterNode {
  id: string;
  uri: string;
  caseNumber: string | null;
  decisionDate: string | null;
  specialties: string[];
  range: Rng;
  items: { index: number; request: string; decision: DecisionWord; range: Rng }[];
  /** Every file holding the letter, the one used first ("text", "-layout text", "PDF"). */
  sources: { uri: string; kind: string }[];
  /** Why the first source is used. */
  reason: string;
}
export interface LibraryGroupResult {
  letters: LibraryLetterNode[];
  /** Letters left out (a group of more than the limit). */
  more: number;
}

export interface SimilarDecisionsParams {
  uri: string;
  /** The item at this position, or the item `index` of the letter at `position` (or the first letter). */
  position?: Pos;
  index?: number;
  limit?: number;
}
export interface SimilarDecision {
  uri: string;
  range: Rng;
  request: string;
  decision: DecisionWord;
  caseNumber: string | null;
  decisionDate: string | null;
  specialties: string[];
  /** The rationale's closing sentence. */
  closing: string | null;
  /** Words of the request both share; whether both cite the same guideline locator. */
  sharedWords: string[];
  sameCitation: boolean;
  score: number;
}
export type SimilarDecisionsResult = {
  /** The item asked about. */
  item: { request: string; decision: DecisionWord; caseNumber: string | null; words: string[]; cited: string[] };
  results: SimilarDecision[];
  status: LibraryStatus;
} | null;
