/**
 * The letter model: what the parser returns for any text.
 *
 * Every node keeps the source offsets it came from (`Span`, UTF-16 code-unit offsets into the
 * original text, end exclusive), so editors can map any fact back to the exact characters. Every
 * field that may be absent from a real or damaged letter is nullable: the parser never invents
 * a value and never throws; what it cannot recognise it leaves out and records in `problems`.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Letter format variants (see README "Formats"). */
export type LetterFormat =
  | 'F1b' // DWC-posted letter with header table (2016-2017)
  | 'F1a' // 2013-2015 letter without header table (the seeds)
  | 'F0' // 2013 "Notice of Independent Medical Review Determination"
  | 'F2' // "IMR DECISION(S) AND RATIONALE(S)" (known from headings only)
  | 'F3' // "MEDICAL PROFESSIONAL REVIEW" (known from headings only)
  | 'unknown';

/** How the text appears to have been extracted from its PDF. */
export type TextLayout =
  | 'reading-order' // pdftotext default: header labels first, values after
  | 'columns' // pdftotext -layout: header columns side by side, centred headings
  | 'double-spaced' // a blank line after every line (the seeds' extractor)
  | 'plain';

export type Decision = 'Upheld' | 'Overturned';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Problem {
  /** Stable code, e.g. `item-no-decision`. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  /** Optional machine-readable details (the replacement for a quick fix, the expected value, ...). */
  readonly data?: Readonly<Record<string, unknown>>;
}

/** A piece of text from the letter: `text` is normalised (whitespace collapsed, lines joined). */
export interface TextNode {
  readonly text: string;
  readonly span: Span;
}

export interface DateNode extends TextNode {
  /** ISO `YYYY-MM-DD`, or null when the text is not a real calendar date. */
  readonly iso: string | null;
}

export type HeaderKey =
  | 'caseNumber'
  | 'dateAssigned'
  | 'decisionDate'
  | 'priority'
  | 'dateOfInjury'
  | 'urDenialDate'
  | 'applicationReceived';

export interface HeaderField {
  readonly key: HeaderKey;
  /** The label as written, e.g. `Decision Date:`. */
  readonly label: TextNode;
  readonly value: TextNode | null;
}

export type SectionKind =
  | 'header'
  | 'notice' // F0 masthead and numbered determinations
  | 'how'
  | 'credentials'
  | 'qualifications'
  | 'documents'
  | 'summary'
  | 'issues'
  | 'guidelines'
  | 'rationale';

export interface Section {
  readonly kind: SectionKind;
  /** Heading as written (normalised), or a synthetic title for the header table. */
  readonly title: string;
  /** The heading text itself; for the header table, its first label. */
  readonly heading: Span;
  /** From the heading to the start of the next section (trailing blank lines excluded). */
  readonly span: Span;
}

export type BlockKind = 'claimsAdministrator' | 'maximus' | 'rationale';

export interface Block {
  readonly kind: BlockKind;
  /** The label, e.g. `MAXIMUS guideline:`. */
  readonly label: Span;
  /** Label and value together. */
  readonly span: Span;
  /** The value after the label, normalised. */
  readonly text: string;
  readonly textSpan: Span;
}

export interface PartialAuthorization {
  /** The original request as written. */
  readonly original: string;
  /** What the claims administrator authorized; null when the heading does not say. */
  readonly authorized: string | null;
  /** The portion decided by IMR. */
  readonly remainder: string;
}

export interface Item {
  /** 0-based position among the letter's items. */
  readonly index: number;
  /** Heading and all its blocks. */
  readonly span: Span;
  /** All lines of the heading, decision word included. */
  readonly heading: Span;
  /** What was decided (for a partial authorization, the remainder), normalised. */
  readonly request: string;
  readonly requestSpan: Span;
  readonly decision: Decision | null;
  /** The decision word or phrase as written (may be misspelt); null when there is none. */
  readonly decisionText: TextNode | null;
  readonly partialAuthorization: PartialAuthorization | null;
  readonly claimsAdministrator: Block | null;
  readonly maximus: Block | null;
  readonly rationale: Block | null;
  /** Block labels that occur a second time inside the same item. */
  readonly duplicateBlocks: readonly Block[];
}

export interface Reviewer {
  readonly licensure: readonly string[];
  readonly specialties: readonly string[];
  /** Where the credentials were read from; null when absent. */
  readonly span: Span | null;
}

export interface Patient {
  readonly age: number | null;
  readonly sex: 'male' | 'female' | null;
  readonly span: Span | null;
}

export type DateKey = 'assigned' | 'decision' | 'injury' | 'urDenial' | 'applicationReceived';

/**
 * A line that silences diagnostics for this letter: `imr-disable: code, code` (optionally written
 * after `#`, `//` or inside `<!-- -->`). With no codes it silences every rule. The parser treats
 * the line as blank, so it never becomes part of an item or a section's text.
 */
export interface Directive {
  readonly codes: readonly string[];
  readonly span: Span;
}

export interface Letter {
  /** Where this letter lies in the text: the whole text, or one letter of a merged case file. */
  readonly range: Span;
  readonly format: LetterFormat;
  readonly layout: TextLayout;
  /** True when enough letter structure was recognised to call this an IMR letter. */
  readonly isLetter: boolean;
  readonly length: number;
  readonly header: readonly HeaderField[];
  readonly caseNumber: TextNode | null;
  readonly priority: TextNode | null;
  readonly dates: Readonly<Record<DateKey, DateNode | null>>;
  readonly reviewer: Reviewer;
  readonly patient: Patient;
  readonly sections: readonly Section[];
  readonly items: readonly Item[];
  /** Offsets of page breaks (form feeds) in the text. */
  readonly pageBreaks: readonly number[];
  /** The last non-blank text of the letter; used to spot letters cut off mid-word. */
  readonly lastText: Span | null;
  readonly directives: readonly Directive[];
  readonly problems: readonly Problem[];
  /** The tool that made the text breaks words by spaces ("MAXIMUS gui deline :"): values and
   *  citations are read with broken words joined. */
  readonly wordsBrokenBySpaces?: boolean;
  /**
   * Lines in the letter's source that are no part of its text: page markers ("Page 2 of 5"),
   * running headers and footers (a fax header on every page), directives. Their source spans, in
   * order; absent when there are none. The parse reads them as blank lines; the citation scan,
   * which reads the source, leaves them out (a fax header inside a cited section's name).
   */
  readonly hidden?: readonly Span[];
}
