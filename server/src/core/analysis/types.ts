/** The types and limits of a document's analysis (document.ts), apart from the class. */
import type { RuleSeverity } from '../diagnostics';
import type { Knowledge } from '../knowledge';
import type { OutlineNode } from '../outline';
import type { Letter } from '../types';

/** The outline of letter `index`: its nodes were made when it was `delta` characters earlier. */
export interface LetterOutline {
  readonly index: number;
  readonly nodes: readonly OutlineNode[];
  readonly delta: number;
  /** Nodes in it, children included. */
  readonly count: number;
}

/**
 * Most outline nodes for one document. Editors slow down and cap their outline beyond a few thousand
 * symbols (VS Code's Outline once stopped at 7,500); a merged case file of hundreds of letters gets a
 * compact outline instead: letters with their items, without sections, blocks and fields.
 */
export const MAX_OUTLINE_NODES = 5000;

/** Largest document, in characters, that gets every feature by default (`imr.maxDocumentSize`). */
export const DEFAULT_MAX_DOCUMENT_SIZE = 20_000_000;

/** What a document gets, by its size: everything, or (above the limit) the outline and essential checks. */
export interface SizeGate {
  /** Over the limit: no citations, hovers, hints or code lenses; only essential diagnostics. */
  readonly limited: boolean;
  readonly maxDocumentSize: number;
}

/** Settings that decide a document's diagnostics. */
export interface DiagnosticSettings {
  readonly severities: Readonly<Record<string, RuleSeverity>>;
  readonly knowledge: Knowledge;
  readonly maxDocumentSize: number;
}

/** What a document says in sum (`DocumentAnalysis.summary`). */
export interface DocumentSummary {
  readonly letters: number;
  readonly isLetter: boolean;
  readonly format: Letter['format'];
  readonly caseNumber: string | null;
  readonly items: number;
  readonly upheld: number;
  readonly overturned: number;
  readonly undecided: number;
}
