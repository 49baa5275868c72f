/**
 * What every diagnostic rule shares: the rule's shape (code, default severity, cost, check), the
 * diagnostic and quick-fix shapes, and the context a rule reports into: the letter, its text, and
 * what several rules read, computed once per letter on first use (citations, conclusions).
 *
 * Rules are plain data plus a check function of the context. They never throw (the runner guards
 * each one), and each does a bounded amount of work per line, item or header field, so the whole
 * pass stays linear.
 */
import { Citation, findCitations } from '../citations';
import type { Knowledge } from '../knowledge';
import { hasLoneCR } from '../lines';
import { Conclusion, findConclusion } from '../rules/conclusion';
import type { Item, Letter, Problem, Severity, Span } from '../types';
import { lineEnd, lineStart, lineStartAt, LineWalk } from './line-walk';

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

/**
 * One diagnostic rule: a stable code, its default severity, a one-line description (the settings
 * schema and the README table are made from it), how costly it is, and the check that reports it.
 */
export interface Rule {
  /** Stable kebab-case code (settings key, directive name, shown in every message list). */
  readonly code: string;
  readonly defaultSeverity: Severity;
  /** One line, for settings and the README. */
  readonly description: string;
  /**
   * `essential`: reads the letter's structure only; runs on every document. `extended`: reads every
   * rationale, citation or character of the text; skipped above `imr.maxDocumentSize`.
   */
  readonly cost: 'essential' | 'extended';
  /** `parser`: reported by the parser itself (no check); `letter`: a rule over the letter model;
   *  `knowledge`: needs the guideline knowledge base. */
  readonly source: 'parser' | 'letter' | 'knowledge';
  /** Reports this rule's findings (absent for problems the parser reports). */
  readonly check?: (ctx: RuleContext) => void;
}

/** The rule table's entry (the rule without its check). */
export type RuleDef = Omit<Rule, 'check'>;

export interface Finding {
  readonly code: string;
  readonly span: Span;
  readonly message: string;
  readonly data?: Readonly<Record<string, unknown>>;
  readonly fixes?: readonly Fix[];
}

export class RuleContext {
  readonly findings: Finding[] = [];
  private loneCRCache: boolean | undefined;
  private citationCache: readonly Citation[] | undefined;
  /** The conclusions read so far, at the index of their item among the letter's items. */
  private conclusions: (Conclusion | null | undefined)[] | null = null;
  /** Those of items that are not the letter's own (none, as the rules ask). */
  private otherConclusions: Map<Item, Conclusion | null> | null = null;
  /** The memos computed so far, each function followed by its value (a handful per letter: one
   *  list, searched). */
  private readonly memos: unknown[] = [];

  constructor(
    readonly letter: Letter,
    readonly text: string,
    /** The knowledge base for the knowledge rules; null when they do not run. */
    readonly kb: Knowledge | null = null,
    citations?: readonly Citation[],
  ) {
    this.citationCache = citations;
  }

  report(code: string, span: Span, message: string, extra?: { data?: Record<string, unknown>; fixes?: Fix[] }): void {
    const start = clamp(span.start, 0, this.text.length);
    const end = clamp(span.end, start, this.text.length);
    this.findings.push({ code, span: { start, end }, message, ...(extra?.data ? { data: extra.data } : {}), ...(extra?.fixes ? { fixes: extra.fixes } : {}) });
  }

  /** The part of the text this letter occupies (all of it, or one letter of a merged file). */
  get range(): Span {
    return this.letter.range;
  }

  /**
   * The letter's lines from the one that holds `offset` (to the end of the letter), as its line
   * table would give them; read one at a time, each only when a rule asks for it.
   */
  linesFrom(offset: number): LineWalk {
    const { start, end } = this.letter.range;
    return new LineWalk(this.text, lineStartAt(this.text, offset, start, end), end, this.loneCR);
  }

  /** The letter holds a `\r` that no `\n` follows (its lines are then split at each `\r`). */
  get loneCR(): boolean {
    return (this.loneCRCache ??= hasLoneCR(this.text, this.letter.range.start, this.letter.range.end));
  }

  /** The letter's citations (found once, on first use, with the context's knowledge base). */
  get citations(): readonly Citation[] {
    return (this.citationCache ??= this.kb ? findCitations(this.letter, this.text, this.kb) : []);
  }

  /** The outcome an item's rationale states, or null (read once per item). */
  conclusion(item: Item): Conclusion | null {
    if (!item.rationale) return null;
    const { items } = this.letter;
    const own = items[item.index] === item;
    let c = own ? this.conclusions?.[item.index] : this.otherConclusions?.get(item);
    if (c === undefined) {
      c = findConclusion(this.text, item.rationale.textSpan.start, item.rationale.textSpan.end);
      if (own) (this.conclusions ??= new Array(items.length).fill(undefined))[item.index] = c;
      else (this.otherConclusions ??= new Map()).set(item, c);
    }
    return c;
  }

  /** A value several rules read, computed once per letter by `compute` (its identity is the key). */
  memo<T>(compute: (ctx: RuleContext) => T): T {
    const memos = this.memos;
    for (let k = 0; k < memos.length; k += 2) if (memos[k] === compute) return memos[k + 1] as T;
    const value = compute(this);
    memos.push(compute, value);
    return value;
  }

  /** Span of the visible content of the line holding `offset` (read at most `LINE_WINDOW`
   *  characters on either side of it). */
  lineContentAt(offset: number): Span {
    const { text } = this;
    let s = lineStart(text, offset);
    let e = lineEnd(text, offset);
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

/** "1 (Norco 10/325mg #60)" style label for messages. */
export function itemLabel(ctx: RuleContext, item: Item): string {
  const req = item.request || ctx.quote(item.heading, 50);
  const short = req.length > 50 ? req.slice(0, 49).trimEnd() + '…' : req;
  return `${item.index + 1} ("${short}")`;
}
