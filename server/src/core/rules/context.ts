/**
 * What every diagnostic rule shares: the diagnostic and quick-fix shapes, the rule table entry, and
 * the context a rule reports into (the letter, its text, and cheap line lookups).
 *
 * Rules are plain functions of the context. They never throw (the runner guards each one), and each
 * does a bounded amount of work per line, item or header field, so the whole pass stays linear.
 */
import { scanLines, Line } from '../lines';
import type { Letter, Problem, Severity, Span } from '../types';

export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

/** A quick fix as data: the editor turns it into a code action. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  readonly isPreferred?: boolean;
}

export interface Diagnostic extends Problem {
  readonly fixes?: readonly Fix[];
}

export type RuleSeverity = Severity | 'off';

export interface RuleDef {
  /** Stable kebab-case code (settings key, directive name, shown in every message list). */
  readonly code: string;
  readonly defaultSeverity: Severity;
  /** One line, for settings and the README. */
  readonly description: string;
  /** `parser`: reported by the parser itself; `letter`: a rule over the letter model;
   *  `knowledge`: needs the guideline knowledge base. */
  readonly source: 'parser' | 'letter' | 'knowledge';
}

export interface Finding {
  readonly code: string;
  readonly span: Span;
  readonly message: string;
  readonly data?: Readonly<Record<string, unknown>>;
  readonly fixes?: readonly Fix[];
}

export class RuleContext {
  readonly findings: Finding[] = [];
  private lineCache: Line[] | undefined;

  constructor(
    readonly letter: Letter,
    readonly text: string,
  ) {}

  report(code: string, span: Span, message: string, extra?: { data?: Record<string, unknown>; fixes?: Fix[] }): void {
    const start = clamp(span.start, 0, this.text.length);
    const end = clamp(span.end, start, this.text.length);
    this.findings.push({ code, span: { start, end }, message, ...(extra?.data ? { data: extra.data } : {}), ...(extra?.fixes ? { fixes: extra.fixes } : {}) });
  }

  /** The part of the text this letter occupies (all of it, or one letter of a merged file). */
  get range(): Span {
    return this.letter.range;
  }

  /** Every physical line of the letter (computed once, on first use). */
  get lines(): Line[] {
    return (this.lineCache ??= scanLines(this.text, this.letter.range.start, this.letter.range.end));
  }

  /** Index in `lines` of the line holding `offset` (binary search). */
  lineIndexAt(offset: number): number {
    const lines = this.lines;
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Span of the visible content of the line holding `offset`. */
  lineContentAt(offset: number): Span {
    const { text } = this;
    const o = clamp(offset, 0, text.length);
    let s = o;
    while (s > 0 && text.charCodeAt(s - 1) !== 10 && text.charCodeAt(s - 1) !== 13) s--;
    let e = o;
    while (e < text.length && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
    while (s < e && isBlank(text.charCodeAt(s))) s++;
    while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
    return { start: s, end: e };
  }

  /** Quotes a short piece of the text for a message (blanks collapsed, long text shortened). */
  quote(span: Span, max = 60): string {
    return shorten(this.text.slice(span.start, Math.min(span.end, span.start + max * 4)), max);
  }
}

export function shorten(s: string, max = 60): string {
  const c = s.replace(/[\s\u00a0]+/g, ' ').trim();
  return c.length <= max ? c : c.slice(0, max - 1).trimEnd() + '…';
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff;
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
