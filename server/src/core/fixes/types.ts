/**
 * Quick fixes computed when the editor asks for them (not while diagnosing), one module per
 * diagnostic code. A fix either writes (text edits) or shows places of the letter for the reader
 * to compare (no edit): medical reasoning is never rewritten.
 */
import type { Diagnostic, TextEdit } from '../diagnostics';
import type { Letter, Span } from '../types';

export interface CodeFix {
  readonly title: string;
  /** Edits to apply; empty for a fix that only shows places. */
  readonly edits: readonly TextEdit[];
  /** Places to show side by side (the first in the current editor, the second beside it). */
  readonly show?: readonly Span[];
  /** The title where the editor can only go to the last place, not show two side by side. */
  readonly goTitle?: string;
  readonly isPreferred?: boolean;
}

export interface FixContext {
  /** The letter holding the diagnostic (one letter of a merged case file, or the whole text). */
  readonly letter: Letter;
  readonly text: string;
  readonly diagnostic: Diagnostic;
}

export interface FixModule {
  /** The diagnostic code it fixes. */
  readonly code: string;
  /** The fixes for one diagnostic; none when the place to write cannot be found for sure. */
  fixes(ctx: FixContext): CodeFix[];
}

/** A case beside a fix module: a letter with the defect, the fix chosen by title, the letter after. */
export interface FixCase {
  readonly name: string;
  readonly before: string;
  /** The fix's title, or a part of it. */
  readonly title: string;
  /** The text after the fix (for a fix that writes), or the places it shows, as quoted text. */
  readonly after?: string;
  readonly show?: readonly string[];
  /** Whether the fix is the preferred one (default: not checked). */
  readonly preferred?: boolean;
  /** Which diagnostic of the code, when the letter has several (default 0). */
  readonly nth?: number;
}
