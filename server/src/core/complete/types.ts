/**
 * What the completion provider returns: plain data, adapted to LSP completion items by the LSP layer.
 */
import type { Citation } from '../index';
import type { Span } from '../index';

/** Where the cursor is, as the completion provider understood it. */
export type CompletionContextKind =
  | 'mtus-guideline' // after "Decision based on MTUS " (or ", and " in a guideline chain)
  | 'non-mtus' // after "Decision based on Non-MTUS Citation "
  | 'non-mtus-chapter' // after a non-MTUS guideline's name, for its chapters
  | 'section' // after "Section(s): " or ", " in a section list
  | 'page' // after "Page(s): " or ", " in a page list
  | 'decision' // after ": " at the end of an item heading
  | 'guideline-phrase' // after "Claims Administrator guideline: " or "MAXIMUS guideline: "
  | 'line-start' // at the start of a line: block labels, section headings, header labels
  | 'none';

export type CompletionEntryKind =
  | 'guideline'
  | 'section'
  | 'page'
  | 'decision'
  | 'block-label'
  | 'heading'
  | 'header-label'
  | 'phrase';

export interface CompletionEntry {
  /** What the list shows. */
  readonly label: string;
  readonly kind: CompletionEntryKind;
  /** A short line beside the label (edition, topic, "expected next"). */
  readonly detail?: string;
  /** Longer explanation (Markdown or plain text, as asked for). */
  readonly documentation?: string;
  /** The text that replaces `Completion.replace`. */
  readonly insertText: string;
  /** Sort key: the list's best matches first. */
  readonly sortText: string;
  /** Text the editor filters on, when it differs from the label. */
  readonly filterText?: string;
  /** The entry the editor should select first. */
  readonly preselect?: boolean;
  /** Inserting this leaves the cursor where more completion is useful (ask again). */
  readonly retrigger?: boolean;
}

export interface Completion {
  readonly context: CompletionContextKind;
  /** The typed text the entries replace: from `replace.start` to the cursor, on the cursor's line. */
  readonly replace: Span;
  readonly entries: readonly CompletionEntry[];
  /** The entries were filtered by what is typed: ask again as typing continues. */
  readonly incomplete: boolean;
}

export interface CompletionOptions {
  /** Documentation in Markdown (true) or plain text (false). */
  readonly markdown: boolean;
  /** Citations already found for this letter (saves finding them again). */
  readonly citations?: readonly Citation[];
  /** Most entries returned (the best first). */
  readonly limit?: number;
  /** The character whose typing asked for completion, when one did (a blank at a line start asks for nothing). */
  readonly trigger?: string;
}
