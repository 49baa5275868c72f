/**
 * The state of reading one letter: its lines, what each line was classified as, the section
 * headings found, and the problems met. The steps of the parser (classify.ts, sections.ts,
 * items.ts, notice.ts, people.ts) read and fill it in turn; letter.ts runs them in order.
 */
import type { LineTable } from '../lines';
import { collapseRange } from '../collapse';
import type { BlockKind, Directive, Problem, SectionKind, Span } from '../types';
import type { HEADINGS } from '../vocabulary';
import { wordsOf } from '../split-words';

/** Longest line prefix any line matcher looks at. */
export const MAX_MATCH = 400;

export const enum Kind {
  Blank,
  Text,
  Heading,
  Label, // block label: Claims Administrator guideline / MAXIMUS guideline / Decision rationale
  LeadIn, // the fixed opening line of the issues section
}

/** The blocks a label line can open, in the order `LetterReader.labelKind` numbers them. */
const LABEL_KINDS: readonly BlockKind[] = ['claimsAdministrator', 'maximus', 'rationale'];

export interface HeadingHit {
  line: number;
  kind: SectionKind;
  def: (typeof HEADINGS)[number];
  span: Span;
  title: string;
}

export class LetterReader {
  /** The letter's lines; a directive or page-marker line is made blank in it (`blankLine`). */
  readonly lines: LineTable;
  /** Its columns (see `Line`), read by every step. */
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly cs: Int32Array;
  readonly ce: Int32Array;
  readonly pageBreak: Uint8Array;
  /** What each line is (a `Kind`). */
  readonly kinds: Uint8Array;
  /** The block each label line opens, as 1 + its index in `LABEL_KINDS` (0: none): see `labelKind`. */
  private readonly labels: Uint8Array;
  readonly problems: Problem[] = [];
  readonly directives: Directive[] = [];
  headings: HeadingHit[] = [];
  /**
   * The letter's fixed words show blanks inside them or before their colon ("MAXIMUS gui deline :"):
   * the tool that made the text breaks words by spaces, so values are read with broken words joined.
   */
  spaced = false;
  /** A line was made blank (`blankLine`): its content is no longer where the source has it. */
  blanked = false;
  /** The source spans of the lines `hideLine` made blank, in the order they were hidden; null when none. */
  hidden: Span[] | null = null;
  /** The words the letter writes (lower case), for joining broken words; built when first needed. */
  private words: ReadonlySet<string> | null = null;

  constructor(
    readonly text: string,
    lines: LineTable,
    readonly doubleSpaced: boolean,
    readonly range: Span,
    /**
     * The lines are the source's own, one after the other, each with its content where the
     * blanks around it end (no merged line split, no double spacing read through): between two
     * of them the source holds only blanks and one line end.
     */
    readonly linesAsWritten: boolean,
    /** Zeroed room for two bytes per line (see `LineTable.spare`), made here when not given. */
    room?: Uint8Array,
  ) {
    this.lines = lines;
    this.start = lines.start;
    this.end = lines.end;
    this.cs = lines.cs;
    this.ce = lines.ce;
    this.pageBreak = lines.pageBreak;
    const n = lines.length;
    const bytes = room ?? new Uint8Array(2 * n);
    this.kinds = bytes.subarray(0, n);
    this.labels = bytes.subarray(n, 2 * n);
  }

  /** The block label line i opens, if it is one. */
  labelKind(i: number): BlockKind | undefined {
    const k = this.labels[i];
    return k === 0 || k === undefined ? undefined : LABEL_KINDS[k - 1];
  }

  setLabelKind(i: number, kind: BlockKind): void {
    this.labels[i] = LABEL_KINDS.indexOf(kind) + 1;
  }

  letterWords(): ReadonlySet<string> {
    return (this.words ??= wordsOf(this.text.slice(this.range.start, this.range.end)));
  }

  /**
   * Visible content of line i, blanks collapsed, capped at MAX_MATCH characters. Made at each call:
   * over the corpus 92% of the calls are a line's first, and a cache of a slot per line cost more
   * than the few repeated calls.
   */
  content(i: number): string {
    const cs = this.cs[i];
    return collapseRange(this.text, cs, Math.min(this.ce[i], cs + MAX_MATCH));
  }

  /**
   * Makes line i blank as `blankLine` does, and notes it in `hidden`: a line that is no part of
   * the letter's text (a page marker, a running header or footer, a directive).
   */
  hideLine(i: number, pageBreak: boolean): void {
    if (this.ce[i] > this.cs[i]) (this.hidden ??= []).push({ start: this.cs[i], end: this.ce[i] });
    this.blankLine(i, pageBreak);
  }

  /** Makes line i blank: its content empty at its end, a page break when `pageBreak`. */
  blankLine(i: number, pageBreak: boolean): void {
    this.cs[i] = this.ce[i] = this.end[i];
    this.blanked = true;
    if (pageBreak) this.pageBreak[i] = 1;
  }

  /** The first line with content in [from, to), or -1. */
  firstNonBlank(from: number, to: number): number {
    for (let i = from; i < to; i++) if (this.kinds[i] !== Kind.Blank) return i;
    return -1;
  }

  /** End offset of the last non-blank line in [from, to), or the start of `from`. */
  lastContentEnd(from: number, to: number): number {
    for (let i = to - 1; i >= from; i--) if (this.kinds[i] !== Kind.Blank) return this.ce[i];
    return from < this.lines.length ? this.cs[from] : 0;
  }

  /** The last line with content in [from, to), or `from`. */
  lastNonBlank(from: number, to: number): number {
    for (let i = to - 1; i >= from; i--) if (this.kinds[i] !== Kind.Blank) return i;
    return from;
  }

  /** The last line with content (null when the letter has none). */
  lastText(): Span | null {
    for (let i = this.lines.length - 1; i >= 0; i--) {
      if (this.kinds[i] !== Kind.Blank) return { start: this.cs[i], end: this.ce[i] };
    }
    return null;
  }
}
