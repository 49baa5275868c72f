/**
 * The analysis of each open document, one per version, shared by every handler
 * (`DocumentAnalysis` in the core: letters, citations, diagnostics, outline, carried over edits).
 * This module records where each change falls as `TextDocuments` applies it, so that the next
 * analysis reads only the lines around the edits.
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { compose, DocumentAnalysis, Knowledge, Letter, Slot, TextChange } from '../core';
import type { TextSource } from '../core';
import { changeRange, EditedDocument, wholePosition } from './document';

/**
 * Documents at least this long (in characters) are parsed in slices by `getInSlices`; shorter ones
 * (every single letter, small case files) at once, as before.
 */
export const SLICED_FROM = 512 * 1024;
/** How long one slice of work runs before the event loop reads what has arrived (ms). */
export const SLICE_MS = 15;

/** Whether the work should stop: its request was cancelled or its version replaced. */
export type StopWhen = () => boolean;

/**
 * Runs work written in steps (a generator from the core) in slices of about `SLICE_MS`, letting
 * the event loop read what has arrived between them (setImmediate), until it ends (its result) or
 * `stop` says it is no longer wanted (undefined; the generator is left where it was).
 */
export async function runInSlices<T>(steps: Generator<void, T, void>, stop: StopWhen): Promise<{ value: T } | undefined> {
  for (;;) {
    const t0 = performance.now();
    do {
      const r = steps.next();
      if (r.done) return { value: r.value };
    } while (performance.now() - t0 < SLICE_MS);
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (stop()) return undefined;
  }
}

/** A parse in slices under way for one version of a document. */
interface Building {
  readonly version: number;
  /** The text it reads (`EditedDocument.source`, an immutable value). */
  readonly source: TextSource;
  readonly steps: Generator<void, DocumentAnalysis, void>;
  /** The edits it reads (since the analysis it started from): given back if it is dropped. */
  readonly took: Pending | undefined;
  /** Set when done, for the other requests waiting on it. */
  result?: ParsedLetter;
}

export { compose };

/**
 * A document's analysis at one version. `source` is the text it was made from: the document's
 * `source` while it holds that text. A version number alone does not say so: a document opened
 * again without a close, or a client whose versions go backwards, gives the same number to
 * another text.
 */
export type ParsedLetter = DocumentAnalysis & { readonly uri: string; readonly version: number; readonly source: TextSource };

/** A letter's LSP values (symbols, folding ranges, lenses) as made when the letter started on `line`. */
export interface AtLine<T> {
  value: T;
  line: number;
}

/**
 * A letter's LSP values in lines, kept for the letter across versions while its text does not
 * change, and moved (`move`, by a number of lines) when the letter now starts on another line
 * (`line`): an edit before it can add or take out line breaks without moving it by a character.
 * After a keystroke in a merged case file only the letters read again make theirs (`make`).
 * `letter`: a letter of this version, or its index (the letter itself is then never moved to where
 * it stands unless `make` asks for it).
 */
export function atLine<T>(
  parsed: ParsedLetter,
  s: Slot<AtLine<T>>,
  kb: Knowledge | null,
  letter: Letter | number,
  line: number,
  make: () => T,
  move: (value: T, lines: number) => T,
): AtLine<T> {
  const held = parsed.perLetter(s, kb, letter, () => ({ value: make(), line }));
  if (held.line !== line) {
    held.value = move(held.value, line - held.line);
    held.line = line;
  }
  return held;
}

/**
 * Every letter's list of LSP values in lines (`atLine`), in document order: letters are read by
 * index, and a letter is moved to where it stands only when `make` asks for it (`parsed.letter(k)`).
 */
export function allAtLine<T>(
  doc: { positionAt(offset: number): { line: number } },
  parsed: ParsedLetter,
  s: Slot<AtLine<T[]>>,
  kb: Knowledge | null,
  make: (k: number) => T[],
  move: (value: T[], lines: number) => T[],
): T[] {
  const out: T[] = [];
  for (let k = 0; k < parsed.count; k++) {
    for (const v of atLine(parsed, s, kb, k, doc.positionAt(parsed.start(k)).line, () => make(k), move).value) out.push(v);
  }
  return out;
}

/** The edits since a version: one changed region (none yet, or unknown after a full-text change). */
interface Pending {
  /** The text the edits start from (the document's `source` before the first of them). */
  readonly from: TextSource;
  change: TextChange | undefined;
  unknown: boolean;
}

export class LetterCache {
  private readonly entries = new Map<string, ParsedLetter>();
  private readonly pending = new Map<string, Pending>();
  private readonly building = new Map<string, Building>();
  /** Analyses made (for tests and the status of the cache). */
  parses = 0;

  /**
   * `EditedDocument.update` that also records where the text changed, so that the next parse reads
   * only the lines around the edits (pass it to `TextDocuments` as its `update`).
   */
  update = (doc: EditedDocument, changes: TextDocumentContentChangeEvent[], version: number): EditedDocument => {
    // A parse in slices of the version being replaced is no longer wanted. The edits it had taken
    // are recorded again, so that the next parse still reads only the lines around them (without
    // them it would read the whole text, and under steady typing each such parse would be dropped
    // in turn before it ended).
    const dropped = this.building.get(doc.uri);
    this.building.delete(doc.uri);
    if (dropped?.took && !this.pending.has(doc.uri)) this.pending.set(doc.uri, dropped.took);
    let p = this.pending.get(doc.uri);
    if (!p) {
      p = { from: doc.source, change: undefined, unknown: false };
      this.pending.set(doc.uri, p);
    }
    for (const c of changes) {
      const range = changeRange(c);
      if (!p.unknown && range) {
        const length = doc.length;
        // A range given end first is applied start first (EditedDocument.update): recorded so too.
        const a = doc.offsetAt(wholePosition(range.start));
        const b = doc.offsetAt(wholePosition(range.end));
        const start = Math.min(a, b);
        const end = Math.max(a, b);
        doc.update([c], version);
        const one = { start, oldEnd: end, newEnd: start + c.text.length };
        p.change = p.change ? compose(p.change, p.from.length, length, one, doc.length) : one;
      } else {
        p.unknown = true;
        doc.update([c], version);
      }
    }
    // Each change above set the version; with no change, set it here.
    if (changes.length === 0) doc.update([], version);
    return doc;
  };

  get(doc: EditedDocument): ParsedLetter {
    const hit = this.entries.get(doc.uri);
    if (hit && hit.source === doc.source) return hit;
    const b = this.building.get(doc.uri);
    if (b && b.source === doc.source && b.result === undefined) {
      // A parse in slices of this version is under way: it is finished here, from where it
      // stopped (it took the edits since the last analysis, so a parse started afresh would read
      // the whole text).
      for (;;) {
        const r = b.steps.next();
        if (r.done) {
          this.building.delete(doc.uri);
          b.result = this.store(doc, b, r.value);
          return b.result;
        }
      }
    }
    const { previous, change } = this.takeChange(doc);
    return this.store(doc, doc, DocumentAnalysis.of(doc.source, previous, change));
  }

  /**
   * `get` for work that can wait: a large document's parse runs in slices (see `runInSlices`),
   * shared by every request for the same version, and stops when `stop` says so (undefined). A
   * stopped parse is kept where it stopped, so the next request for that version goes on from
   * there; it is dropped when the version is replaced. The result equals `get`'s. A parse that
   * ends after the document's text changed is kept as the analysis of its own text (the next
   * parse starts from it) and answered as stopped (undefined).
   * `sliceMs` is the least time a slice runs (0: one step per slice, for tests).
   */
  async getInSlices(doc: EditedDocument, stop: StopWhen, sliceMs = SLICE_MS): Promise<ParsedLetter | undefined> {
    const hit = this.entries.get(doc.uri);
    if (hit && hit.source === doc.source) return hit;
    let b = this.building.get(doc.uri);
    if (!b || b.source !== doc.source) {
      if (doc.length < SLICED_FROM) return this.get(doc);
      const took = this.pending.get(doc.uri);
      const { previous, change } = this.takeChange(doc);
      b = { version: doc.version, source: doc.source, steps: DocumentAnalysis.steps(doc.source, previous, change), took };
      this.building.set(doc.uri, b);
    }
    const building = b;
    const done = (): ParsedLetter | undefined => {
      if (building.result) return building.result;
      const now = this.entries.get(doc.uri);
      return now && now.source === building.source ? now : undefined;
    };
    /** The analysis, while it is the document's text's. */
    const current = (p: ParsedLetter) => (p.source === doc.source ? p : undefined);
    for (;;) {
      const ready = done();
      if (ready) return current(ready);
      if (stop()) return undefined;
      const t0 = performance.now();
      do {
        const r = building.steps.next();
        if (r.done) {
          if (this.building.get(doc.uri) === building) this.building.delete(doc.uri);
          building.result = done() ?? this.store(doc, building, r.value);
          return current(building.result);
        }
      } while (performance.now() - t0 < sliceMs);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  delete(uri: string): void {
    this.entries.delete(uri);
    this.pending.delete(uri);
    this.building.delete(uri);
  }

  /** The analysis to start from and the change since it (consumed: the next parse starts from it). */
  private takeChange(doc: EditedDocument): { previous: ParsedLetter | undefined; change: TextChange | undefined } {
    const hit = this.entries.get(doc.uri);
    const p = this.pending.get(doc.uri);
    this.pending.delete(doc.uri);
    const change = hit && p && !p.unknown && p.from === hit.source ? p.change : undefined;
    return { previous: hit, change };
  }

  /** Keeps `analysis`, made from `of.source` (at `of.version`), for `doc`. */
  private store(doc: EditedDocument, of: { readonly version: number; readonly source: TextSource }, analysis: DocumentAnalysis): ParsedLetter {
    const entry = Object.assign(analysis, { uri: doc.uri, version: of.version, source: of.source });
    this.parses++;
    const now = this.entries.get(doc.uri);
    // The analysis of the document's text now is kept over that of another (a parse of an older
    // text ending late); else the last one made (the edits since are recorded from its text).
    if (!now || now.source !== doc.source || of.source === doc.source) this.entries.set(doc.uri, entry);
    if (this.building.get(doc.uri)?.source === of.source && this.building.get(doc.uri)?.result === undefined) {
      // A parse at once (`get`) of a version that was being built in slices makes that build useless.
      if (this.entries.get(doc.uri) === entry) this.building.delete(doc.uri);
    }
    return entry;
  }
}
