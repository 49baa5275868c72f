/**
 * Parses each open document once per version and shares the result with every handler. A
 * document holds one letter or, for a merged case file, several; each handler works on all of
 * them, or on the one at the position it was asked about.
 */
import { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { Citation, findCitations, Knowledge, Letter, LineIndex, ParsedDocument, parseDocumentAgain, TextChange } from '../core';

export interface ParsedLetter {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  /** Every letter in the document, in order (at least one). */
  readonly letters: readonly Letter[];
  /** The letter at an offset (the last one starting at or before it). */
  letterAt(offset: number): Letter;
  /** Built on first use: only features that map offsets to positions by themselves need it. */
  readonly lines: LineIndex;
  /** A letter's citations, found once per version and knowledge base. */
  citations(letter: Letter, kb: Knowledge): readonly Citation[];
  /** A value computed once per version, key and knowledge base (null: one that needs none). */
  memo<T>(key: string, kb: Knowledge | null, compute: () => T): T;
  /**
   * A value per letter, computed once per key and knowledge base and carried over to the next
   * version for every letter whose own text did not change (moved with `shift` when the letter
   * moved). After a keystroke in a merged case file, only the edited letter is computed again.
   */
  perLetter<T>(key: string, kb: Knowledge | null, letter: Letter, compute: () => T, shift: (value: T, delta: number) => T): T;
  /** What the next version reuses. */
  readonly document: ParsedDocument;
  readonly carried: Carried;
}

/** Per-letter values by key, then by the letter (of the version that holds the map). */
type Carried = Map<string, Map<Letter, { kb: Knowledge | null; value: unknown }>>;

/** The edits since a version: one changed region (none yet, or unknown after a full-text change). */
interface Pending {
  readonly from: number;
  readonly oldLength: number;
  change: TextChange | undefined;
  unknown: boolean;
}

export class LetterCache {
  private readonly entries = new Map<string, ParsedLetter>();
  private readonly pending = new Map<string, Pending>();
  /** Parses performed (for tests and the status of the cache). */
  parses = 0;

  /**
   * `TextDocument.update` that also records where the text changed, so that the next parse reads
   * only the lines around the edits (pass it to `TextDocuments` as its `update`).
   */
  update = (doc: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument => {
    let p = this.pending.get(doc.uri);
    if (!p) {
      p = { from: doc.version, oldLength: doc.getText().length, change: undefined, unknown: false };
      this.pending.set(doc.uri, p);
    }
    for (const c of changes) {
      if (!p.unknown && 'range' in c) {
        const length = doc.getText().length;
        const start = doc.offsetAt(c.range.start);
        const end = Math.max(start, doc.offsetAt(c.range.end));
        doc = TextDocument.update(doc, [c], version);
        const one = { start, oldEnd: end, newEnd: start + c.text.length };
        p.change = p.change ? compose(p.change, p.oldLength, length, one, doc.getText().length) : one;
      } else {
        p.unknown = true;
        doc = TextDocument.update(doc, [c], version);
      }
    }
    // Each change above set the version; with no change, set it here.
    return changes.length > 0 ? doc : TextDocument.update(doc, [], version);
  };

  get(doc: TextDocument): ParsedLetter {
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    const p = this.pending.get(doc.uri);
    this.pending.delete(doc.uri);
    const change = hit && p && !p.unknown && p.from === hit.version && p.oldLength === hit.text.length ? p.change : undefined;
    const entry = parsed(doc.uri, doc.version, doc.getText(), hit, change);
    this.parses++;
    this.entries.set(doc.uri, entry);
    return entry;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
    this.pending.delete(uri);
  }
}

/**
 * Two changes one after the other as one: `a` took a text of `oldLength` to one of `midLength`, `b`
 * (offsets in that text) took it to `newLength`. What is unchanged is the shorter of the two
 * unchanged beginnings and the shorter of the two unchanged ends.
 */
export function compose(a: TextChange, oldLength: number, midLength: number, b: TextChange, newLength: number): TextChange {
  const tail = Math.min(midLength - a.newEnd, midLength - b.oldEnd);
  const oldEnd = oldLength - tail;
  const newEnd = newLength - tail;
  const start = Math.min(a.start, b.start, oldEnd, newEnd);
  return { start, oldEnd, newEnd };
}

function parsed(uri: string, version: number, text: string, previous: ParsedLetter | undefined, change: TextChange | undefined): ParsedLetter {
  const document = parseDocumentAgain(text, previous?.document, change);
  const letters = document.letters;
  const before = previous?.carried;
  const carried: Carried = new Map();
  let origins: Map<Letter, Letter> | undefined;
  let lines: LineIndex | undefined;
  const cited = new Map<Letter, { kb: Knowledge; citations: readonly Citation[] }>();
  const memos = new Map<string, { kb: Knowledge | null; value: unknown }>();
  return {
    uri,
    version,
    text,
    letters,
    letterAt(offset) {
      let lo = 0;
      let hi = letters.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (letters[mid].range.start <= offset) lo = mid;
        else hi = mid - 1;
      }
      return letters[lo];
    },
    get lines() {
      return (lines ??= new LineIndex(text));
    },
    citations(letter, kb) {
      const hit = cited.get(letter);
      if (hit && hit.kb === kb) return hit.citations;
      const citations = findCitations(letter, text, kb);
      cited.set(letter, { kb, citations });
      return citations;
    },
    memo<T>(key: string, kb: Knowledge | null, compute: () => T): T {
      const hit = memos.get(key);
      if (hit && hit.kb === kb) return hit.value as T;
      const value = compute();
      memos.set(key, { kb, value });
      return value;
    },
    perLetter<T>(key: string, kb: Knowledge | null, letter: Letter, compute: () => T, shift: (value: T, delta: number) => T): T {
      let now = carried.get(key);
      if (!now) carried.set(key, (now = new Map()));
      const hit = now.get(letter);
      if (hit && hit.kb === kb) return hit.value as T;
      if (!origins) {
        origins = new Map();
        document.origins.forEach((o, k) => o && origins!.set(letters[k], o));
      }
      const origin = origins.get(letter);
      const found = origin ? before?.get(key)?.get(origin) : undefined;
      let value: T;
      if (origin && found && found.kb === kb) {
        const delta = letter.range.start - origin.range.start;
        value = delta === 0 ? (found.value as T) : shift(found.value as T, delta);
      } else value = compute();
      now.set(letter, { kb, value });
      return value;
    },
    document,
    carried,
  };
}
