/**
 * One version of a document, analysed: its letters (one, or several in a merged case file), and
 * what each feature reads of them (citations, diagnostics, the outline), computed once per letter
 * and carried over to the next version for every letter whose own text did not change. The
 * language server keeps one per open document and version; its handlers only adapt these values to
 * LSP types.
 */
import { Citation, findCitations } from '../citations';
import { diagnose, Diagnostic, RuleSeverity } from '../diagnostics';
import type { Knowledge } from '../knowledge';
import { LineIndex } from '../lines';
import { outline, OutlineNode } from '../outline';
import { LocalLetter, ParsedDocument, parseDocumentSteps, runSteps, TextChange } from '../parse';
import { TextSource, wholeText } from '../piece-text';
import { shiftAllSpans } from '../shift';
import type { Letter, Span } from '../types';
import { LetterFacts, Slot, slot } from './facts';

/** The outline of one letter: its nodes were made when it was `delta` characters earlier. */
export interface LetterOutline {
  readonly letter: Letter;
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

const spansMoved = <T extends object>(value: readonly T[], delta: number): T[] => shiftAllSpans(value, delta);

const CITATIONS: Slot<readonly Citation[]> = slot('citations', spansMoved);
const DIAGNOSTICS: Slot<readonly Diagnostic[]> = slot('diagnostics', spansMoved);
/** A letter's outline nodes, their count and, once a compact outline needed them, its item nodes
 *  alone (made from the nodes, so in the same place). */
interface OutlineValue {
  readonly nodes: readonly OutlineNode[];
  readonly count: number;
  items?: readonly OutlineNode[];
}

const OUTLINE: Slot<OutlineValue> = slot('outline', (v) => v);

/** Slots named by callers outside the core, one per name for the life of the process. */
const NAMED_SLOTS = new Map<string, Slot<unknown>>();

function namedSlot<T>(name: string): Slot<T> {
  let s = NAMED_SLOTS.get(name);
  if (!s) NAMED_SLOTS.set(name, (s = slot<T>(name, (v) => v) as Slot<unknown>));
  return s as Slot<T>;
}

const count = (nodes: readonly OutlineNode[]): number => nodes.reduce((n, c) => n + 1 + count(c.children), 0);

export class DocumentAnalysis {
  readonly letters: readonly Letter[];
  private readonly byLetter = new Map<Letter, LetterFacts>();
  /** Letters read in a window of the text (see `LocalLetter`): their citations and diagnostics are made there. */
  private readonly locals = new Map<Letter, LocalLetter>();
  private lineIndex: LineIndex | undefined;
  private joined: string | undefined;
  private readonly whole = new Map<string, { variant: object | null; value: unknown }>();

  private constructor(
    /** What the next version reuses. */
    readonly parsed: ParsedDocument,
    facts: readonly LetterFacts[],
  ) {
    this.letters = parsed.letters;
    this.letters.forEach((l, k) => {
      this.byLetter.set(l, facts[k]);
      const local = parsed.locals[k];
      if (local) this.locals.set(l, local);
    });
  }

  /**
   * The whole text as one string. A large document edited in pieces (`PieceText`) is joined on
   * first use, once per version: the outline, diagnostics, folding, code lenses and hints after an
   * edit never ask for it.
   */
  get text(): string {
    return (this.joined ??= wholeText(this.parsed.text));
  }

  /** The length of the text (without joining it). */
  get length(): number {
    return this.parsed.text.length;
  }

  /**
   * The analysis of `text`. With the previous version (and, when known, where the text changed),
   * letters whose text did not change are carried over with what was computed for them.
   */
  static of(text: string | TextSource, previous?: DocumentAnalysis, change?: TextChange): DocumentAnalysis {
    return runSteps(DocumentAnalysis.steps(text, previous, change));
  }

  /**
   * `of` in steps: pauses between the letters it reads (see `parseDocumentSteps`) and returns the
   * same analysis. The language server runs a large document's first parse this way, a slice at a
   * time, so that it can answer other requests in between and drop a parse no longer wanted.
   */
  static *steps(text: string | TextSource, previous?: DocumentAnalysis, change?: TextChange): Generator<void, DocumentAnalysis, void> {
    const parsed = yield* parseDocumentSteps(text, previous?.parsed, change);
    const facts = parsed.letters.map((letter, k) => {
      const origin = parsed.origins[k];
      const before = origin && previous ? previous.byLetter.get(origin) : undefined;
      return before ? before.carried(letter.range.start - origin!.range.start) : LetterFacts.empty(parsed.locals[k] !== null);
    });
    return new DocumentAnalysis(parsed, facts);
  }

  /** The letter at an offset (the last one starting at or before it). */
  letterAt(offset: number): Letter {
    const letters = this.letters;
    let lo = 0;
    let hi = letters.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (letters[mid].range.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return letters[lo];
  }

  /** Offsets to line and character positions (built on first use). */
  get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.text));
  }

  /** Which features the document gets at this size limit: the one place the limit is applied. */
  gate(maxDocumentSize = DEFAULT_MAX_DOCUMENT_SIZE): SizeGate {
    return { limited: this.length > maxDocumentSize, maxDocumentSize };
  }

  private factsOf(letter: Letter): LetterFacts {
    let f = this.byLetter.get(letter);
    if (!f) this.byLetter.set(letter, (f = LetterFacts.empty())); // a letter of another version
    return f;
  }

  /** A letter's citations, found once per version and knowledge base (carried over edits). */
  citations(letter: Letter, kb: Knowledge): readonly Citation[] {
    return this.factsOf(letter).get(CITATIONS, kb, '', () => this.inPlace(letter, (l, text) => findCitations(l, text, kb)));
  }

  /**
   * `compute` for a letter and the text it was read in: for a letter read in a window of the text,
   * the window (with the letter as read there), and the result moved to where the window starts.
   */
  private inPlace<T extends object>(letter: Letter, compute: (letter: Letter, text: string) => readonly T[]): readonly T[] {
    const local = this.locals.get(letter);
    if (!local) return compute(letter, this.text);
    const value = compute(local.letter, local.text);
    return local.base === 0 ? value : spansMoved(value, local.base);
  }

  /**
   * Every diagnostic of the document for these settings, by letter and position. Above the size
   * limit only the essential rules run and the knowledge base is not read.
   */
  diagnostics(settings: DiagnosticSettings): readonly Diagnostic[] {
    const { key, limited } = this.diagnosticsKey(settings);
    return this.memo(`diagnostics:${key}`, settings.knowledge, () => this.letters.flatMap((letter) => this.letterDiagnostics(letter, settings, key, limited)));
  }

  /**
   * `diagnostics` in steps: each letter's diagnostics are computed (and kept) with a pause after
   * each; returns the same list. Letters already computed cost nothing.
   */
  *diagnosticsSteps(settings: DiagnosticSettings): Generator<void, readonly Diagnostic[], void> {
    const { key, limited } = this.diagnosticsKey(settings);
    if (this.whole.get(`diagnostics:${key}`)?.variant !== settings.knowledge) {
      for (const letter of this.letters) {
        if (!this.factsOf(letter).has(DIAGNOSTICS, settings.knowledge, key)) {
          this.letterDiagnostics(letter, settings, key, limited);
          yield;
        }
      }
    }
    return this.diagnostics(settings);
  }

  /** Every letter's citations found (and kept), with a pause after each letter that needed it. */
  *citationsSteps(kb: Knowledge): Generator<void, void, void> {
    for (const letter of this.letters) {
      if (!this.factsOf(letter).has(CITATIONS, kb, '')) {
        this.citations(letter, kb);
        yield;
      }
    }
  }

  /** `outline` in steps: each letter's outline made (and kept) with a pause after each. */
  *outlineSteps(): Generator<void, { letters: readonly LetterOutline[]; compact: boolean }, void> {
    if (!this.whole.has('outline')) {
      for (const letter of this.letters) {
        if (!this.factsOf(letter).has(OUTLINE, null, '')) {
          this.letterOutline(letter);
          yield;
        }
      }
    }
    return this.outline();
  }

  private diagnosticsKey(settings: DiagnosticSettings): { key: string; limited: boolean } {
    const limited = this.gate(settings.maxDocumentSize).limited;
    return { key: JSON.stringify(settings.severities) + (limited ? ':essential' : ''), limited };
  }

  private letterDiagnostics(letter: Letter, settings: DiagnosticSettings, key: string, limited: boolean): readonly Diagnostic[] {
    return this.factsOf(letter).get(DIAGNOSTICS, settings.knowledge, key, () => {
      const citations = limited ? undefined : this.citations(letter, settings.knowledge);
      const base = this.locals.get(letter)?.base ?? 0;
      return this.inPlace(letter, (l, text) =>
        diagnose(l, text, {
          severities: settings.severities,
          knowledge: limited ? null : settings.knowledge,
          // The citations as found where the letter was read.
          citations: citations && base !== 0 ? spansMoved(citations, -base) : citations,
          essentialOnly: limited,
        }),
      );
    });
  }

  private letterOutline(letter: Letter): { value: OutlineValue; delta: number } {
    return this.factsOf(letter).getUnmoved(OUTLINE, null, '', () => {
      const nodes = outline(letter);
      return { nodes, count: count(nodes) };
    });
  }

  /**
   * The document's outline by letter: each letter's nodes as made when it was `delta` characters
   * earlier (a moved letter's outline is not made again). When the nodes of all letters would pass
   * `MAX_OUTLINE_NODES`, `compact` is true: each letter keeps only its items.
   */
  outline(): { letters: readonly LetterOutline[]; compact: boolean } {
    return this.memo('outline', null, () => {
      const letters = this.letters.map((letter) => {
        const { value, delta } = this.letterOutline(letter);
        return { letter, nodes: value.nodes, delta, count: value.count };
      });
      const compact = letters.length > 1 && letters.reduce((n, m) => n + 1 + m.count, 0) > MAX_OUTLINE_NODES;
      if (!compact) return { letters, compact };
      // Each letter's item nodes are made once and kept with its outline: after an edit in a
      // merged file only the letters read again make theirs.
      const items = (m: LetterOutline): LetterOutline => {
        const value = this.letterOutline(m.letter).value;
        const nodes = (value.items ??= m.nodes.flatMap((node) => node.children.filter((c) => c.kind === 'item')).map((item) => ({ ...item, children: [] })));
        return { letter: m.letter, nodes, delta: m.delta, count: nodes.length };
      };
      return { letters: letters.map(items), compact };
    });
  }

  /** The name and place of each letter of a merged case file, for its outline node. */
  letterHeading(letter: Letter, k: number): { name: string; detail: string; selection: Span } {
    const items = letter.items.length;
    return {
      name: `Letter ${k + 1}${letter.caseNumber ? ` · Case ${letter.caseNumber.text}` : ''}`,
      detail: `${items} item${items === 1 ? '' : 's'}${letter.dates.decision ? `, decided ${letter.dates.decision.text}` : ''}`,
      selection: letter.sections[0]?.heading ?? { start: letter.range.start, end: letter.range.start },
    };
  }

  /** A value computed once for this version, per key and knowledge base (null: one that needs none). */
  memo<T>(key: string, kb: Knowledge | null, compute: () => T): T {
    const hit = this.whole.get(key);
    if (hit && hit.variant === kb) return hit.value as T;
    const value = compute();
    this.whole.set(key, { variant: kb, value });
    return value;
  }

  /**
   * A value per letter, computed once per kind, key and knowledge base and carried over to the next
   * version for every letter whose own text did not change (moved with `shift` when the letter
   * moved). `kind` is a slot, or a name (with its `shift`) for values the core does not define.
   */
  perLetter<T>(kind: Slot<T> | string, kb: Knowledge | null, letter: Letter, compute: () => T, shift?: (value: T, delta: number) => T): T {
    const s = typeof kind === 'string' ? namedSlot<T>(kind) : kind;
    return this.factsOf(letter).get(s, kb, '', compute, shift ?? s.shift);
  }
}
