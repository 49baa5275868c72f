/**
 * One version of a document, analysed: its letters (one, or several in a merged case file), and
 * what each feature reads of them (citations, diagnostics, the outline), computed once per letter
 * and carried over to the next version for every letter whose own text did not change. The
 * language server keeps one per open document and version; its handlers only adapt these values to
 * LSP types.
 */
import { Citation, findCitations } from '../citations';
import { diagnose, Diagnostic } from '../diagnostics';
import type { Knowledge } from '../knowledge';
import { LineIndex } from '../lines';
import { outline, OutlineNode } from '../outline';
import { LocalLetter, ParsedDocument, parseDocumentSteps, runSteps, TextChange } from '../parse';
import { TextSource, wholeText } from '../piece-text';
import { shiftAllSpans, shiftLetter } from '../shift';
import type { Letter, Span } from '../types';
import { LetterFacts, Slot, slot } from './facts';
import { DEFAULT_MAX_DOCUMENT_SIZE, DiagnosticSettings, DocumentSummary, LetterOutline, MAX_OUTLINE_NODES, SizeGate } from './types';

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
  /** Facts of letters of other versions (a caller holding an old letter). */
  private readonly foreign = new Map<Letter, LetterFacts>();
  /** Letters read over their own text alone (`letterText`), by index. */
  private readonly windows = new Map<number, LocalLetter>();
  private lineIndex: LineIndex | undefined;
  private joined: string | undefined;
  private readonly whole = new Map<string, { variant: object | null; value: unknown }>();

  private constructor(
    /** What the next version reuses. */
    readonly parsed: ParsedDocument,
    /** What is known of each letter, by index. */
    private readonly facts: readonly LetterFacts[],
  ) {}

  /**
   * Every letter, where it stands in the text. After an edit in a merged case file this moves every
   * letter after the edit: what is asked for after each keystroke reads letters by index instead
   * (`count`, `start`, `letter`), and the values kept per letter.
   */
  get letters(): readonly Letter[] {
    return this.parsed.letters;
  }

  /** How many letters the document holds. */
  get count(): number {
    return this.parsed.count;
  }

  /** Letter k, where it stands in the text. */
  letter(k: number): Letter {
    return this.parsed.letter(k);
  }

  /** Where letter k starts and ends in the text (without moving the letter). */
  start(k: number): number {
    return this.parsed.start(k);
  }

  end(k: number): number {
    return this.parsed.end(k);
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
    const facts = parsed.from.map((j, k) =>
      j >= 0 && previous ? previous.facts[j].carried(parsed.start(k) - previous.start(j)) : LetterFacts.empty(parsed.locals[k] !== null),
    );
    return new DocumentAnalysis(parsed, facts);
  }

  /** The letter at an offset (the last one starting at or before it). */
  letterAt(offset: number): Letter {
    return this.parsed.letter(this.parsed.indexAt(offset));
  }

  /** The index of the letter at an offset (the last one starting at or before it). */
  indexAt(offset: number): number {
    return this.parsed.indexAt(offset);
  }

  /**
   * Letter k over its own text alone, with its citations found there: offsets in them are `base`
   * less than in the document. A request about one place (a hover, a completion) reads this after
   * an edit of a large document, so that the whole text is not joined for it (see piece-text.ts):
   * what it computes is moved by `base`. A document whose text is one string already gives that
   * string (base 0).
   */
  letterText(k: number, kb: Knowledge): LocalLetter & { readonly citations: readonly Citation[] } {
    const w = this.window(k);
    const citations = this.citations(k, kb);
    return { ...w, citations: w.base === 0 ? citations : spansMoved(citations, -w.base) };
  }

  /**
   * The text letter k is read over: the one it was read in when that was a window of the text
   * (see `LocalLetter`); else the whole text when it is one string already; else a copy of the
   * letter's own text, so that an edited document in pieces is not joined (see piece-text.ts).
   */
  private window(k: number): LocalLetter {
    const local = this.parsed.locals[k];
    if (local) return local;
    const whole = typeof this.parsed.text === 'string' ? this.parsed.text : this.joined;
    if (whole !== undefined) return { letter: this.letter(k), text: whole, base: 0 };
    let w = this.windows.get(k);
    if (!w) {
      const start = this.start(k);
      const text = this.parsed.text.slice(start, this.end(k));
      w = { letter: shiftLetter(this.parsed.kept[k], this.parsed.moved[k] - start, text.length), text, base: start };
      this.windows.set(k, w);
    }
    return w;
  }

  /** The letters that overlap text[from, to] (an editor's visible range), where they stand. */
  lettersIn(from: number, to: number): Letter[] {
    const out: Letter[] = [];
    for (let k = Math.max(0, this.parsed.indexAt(from) - 1); k < this.count && this.start(k) <= to; k++) if (this.end(k) >= from) out.push(this.letter(k));
    return out;
  }

  /** Where each page of the source PDF ends: the form feeds of every letter, in order. */
  pageBreaks(): readonly number[] {
    return this.memo('pageBreaks', null, () => {
      const out: number[] = [];
      for (let k = 0; k < this.count; k++) {
        const moved = this.parsed.moved[k];
        for (const b of this.parsed.kept[k].pageBreaks) out.push(b + moved);
      }
      return out;
    });
  }

  /**
   * What the document says in sum, read without moving any letter: whether any letter is an IMR
   * letter, the first letter's format and case number, and the items by decision.
   */
  summary(): DocumentSummary {
    return this.memo('summary', null, () => summarize(this.parsed.kept));
  }

  /** Offsets to line and character positions (built on first use). */
  get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.text));
  }

  /** Which features the document gets at this size limit: the one place the limit is applied. */
  gate(maxDocumentSize = DEFAULT_MAX_DOCUMENT_SIZE): SizeGate {
    return { limited: this.length > maxDocumentSize, maxDocumentSize };
  }

  /** Letter k (by index, or a letter of this version), or -1 for a letter of another version. */
  private indexOf(letter: Letter | number): number {
    return typeof letter === 'number' ? letter : this.parsed.indexOf(letter);
  }

  private factsOf(letter: Letter | number): LetterFacts {
    const k = this.indexOf(letter);
    if (k >= 0) return this.facts[k];
    let f = this.foreign.get(letter as Letter);
    if (!f) this.foreign.set(letter as Letter, (f = LetterFacts.empty())); // a letter of another version
    return f;
  }

  /** A letter's citations (a letter of this version, or its index), found once per version and knowledge base (carried over edits). */
  citations(letter: Letter | number, kb: Knowledge): readonly Citation[] {
    return this.factsOf(letter).get(CITATIONS, kb, '', () => this.inPlace(letter, (l, text) => findCitations(l, text, kb)));
  }

  /**
   * `compute` for a letter and the text it was read in: for a letter read in a window of the text,
   * the window (with the letter as read there), and the result moved to where the window starts.
   */
  private inPlace<T extends object>(letter: Letter | number, compute: (letter: Letter, text: string) => readonly T[]): readonly T[] {
    const k = this.indexOf(letter);
    if (k < 0) return compute(letter as Letter, this.text); // a letter of another version
    const w = this.window(k);
    const value = compute(w.letter, w.text);
    return w.base === 0 ? value : spansMoved(value, w.base);
  }

  /**
   * Every diagnostic of the document for these settings, by letter and position. Above the size
   * limit only the essential rules run and the knowledge base is not read.
   */
  diagnostics(settings: DiagnosticSettings): readonly Diagnostic[] {
    const { key, limited } = this.diagnosticsKey(settings);
    return this.memo(`diagnostics:${key}`, settings.knowledge, () => this.indices().flatMap((k) => this.letterDiagnostics(k, settings, key, limited)));
  }

  /**
   * `diagnostics` in steps: each letter's diagnostics are computed (and kept) with a pause after
   * each; returns the same list. Letters already computed cost nothing.
   */
  *diagnosticsSteps(settings: DiagnosticSettings): Generator<void, readonly Diagnostic[], void> {
    const { key, limited } = this.diagnosticsKey(settings);
    if (this.whole.get(`diagnostics:${key}`)?.variant !== settings.knowledge) {
      for (let k = 0; k < this.count; k++) {
        if (!this.facts[k].has(DIAGNOSTICS, settings.knowledge, key)) {
          this.letterDiagnostics(k, settings, key, limited);
          yield;
        }
      }
    }
    return this.diagnostics(settings);
  }

  /** Every letter's citations found (and kept), with a pause after each letter that needed it. */
  *citationsSteps(kb: Knowledge): Generator<void, void, void> {
    for (let k = 0; k < this.count; k++) {
      if (!this.facts[k].has(CITATIONS, kb, '')) {
        this.citations(k, kb);
        yield;
      }
    }
  }

  /** `outline` in steps: each letter's outline made (and kept) with a pause after each. */
  *outlineSteps(): Generator<void, { letters: readonly LetterOutline[]; compact: boolean }, void> {
    if (!this.whole.has('outline')) {
      for (let k = 0; k < this.count; k++) {
        if (!this.facts[k].has(OUTLINE, null, '')) {
          this.letterOutline(k);
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

  /** 0, 1, ... up to the last letter's index. */
  private indices(): number[] {
    return this.parsed.kept.map((_, k) => k);
  }

  private letterDiagnostics(k: number, settings: DiagnosticSettings, key: string, limited: boolean): readonly Diagnostic[] {
    return this.facts[k].get(DIAGNOSTICS, settings.knowledge, key, () => {
      const citations = limited ? undefined : this.citations(k, settings.knowledge);
      const base = this.window(k).base;
      return this.inPlace(k, (l, text) =>
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

  private letterOutline(k: number): { value: OutlineValue; delta: number } {
    return this.facts[k].getUnmoved(OUTLINE, null, '', () => {
      const nodes = outline(this.letter(k));
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
      const letters = this.indices().map((index) => {
        const { value, delta } = this.letterOutline(index);
        return { index, nodes: value.nodes, delta, count: value.count };
      });
      const compact = letters.length > 1 && letters.reduce((n, m) => n + 1 + m.count, 0) > MAX_OUTLINE_NODES;
      if (!compact) return { letters, compact };
      // Each letter's item nodes are made once and kept with its outline: after an edit in a
      // merged file only the letters read again make theirs.
      const items = (m: LetterOutline): LetterOutline => {
        const value = this.letterOutline(m.index).value;
        const nodes = (value.items ??= m.nodes.flatMap((node) => node.children.filter((c) => c.kind === 'item')).map((item) => ({ ...item, children: [] })));
        return { index: m.index, nodes, delta: m.delta, count: nodes.length };
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
  perLetter<T>(kind: Slot<T> | string, kb: Knowledge | null, letter: Letter | number, compute: () => T, shift?: (value: T, delta: number) => T): T {
    const s = typeof kind === 'string' ? namedSlot<T>(kind) : kind;
    return this.factsOf(letter).get(s, kb, '', compute, shift ?? s.shift);
  }
}

/** The sum of letters read in one document (see `DocumentAnalysis.summary`). */
function summarize(kept: readonly Letter[]): DocumentSummary {
  const items = kept.flatMap((l) => l.items);
  const decided = (d: Letter['items'][number]['decision']) => items.filter((it) => it.decision === d).length;
  return {
    letters: kept.length,
    isLetter: kept.some((l) => l.isLetter),
    format: kept[0].format,
    caseNumber: kept[0].caseNumber?.text ?? null,
    items: items.length,
    upheld: decided('Upheld'),
    overturned: decided('Overturned'),
    undecided: decided(null),
  };
}
