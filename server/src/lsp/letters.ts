/**
 * Parses each open document once per version and shares the result with every handler. A
 * document holds one letter or, for a merged case file, several; each handler works on all of
 * them, or on the one at the position it was asked about.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Citation, findCitations, Knowledge, Letter, LineIndex, ParsedDocument, parseDocumentAgain } from '../core';

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
  /** A value computed once per version, key and knowledge base. */
  memo<T>(key: string, kb: Knowledge, compute: () => T): T;
  /**
   * A value per letter, computed once per key and knowledge base and carried over to the next
   * version for every letter whose own text did not change (moved with `shift` when the letter
   * moved). After a keystroke in a merged case file, only the edited letter is computed again.
   */
  perLetter<T>(key: string, kb: Knowledge, letter: Letter, compute: () => T, shift: (value: T, delta: number) => T): T;
  /** What the next version reuses. */
  readonly document: ParsedDocument;
  readonly carried: Carried;
}

/** Per-letter values by key, then by the letter's text: { knowledge base, start, value }. */
type Carried = Map<string, Map<string, { kb: Knowledge; start: number; value: unknown }>>;

export class LetterCache {
  private readonly entries = new Map<string, ParsedLetter>();
  /** Parses performed (for tests and the status of the cache). */
  parses = 0;

  get(doc: TextDocument): ParsedLetter {
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    const entry = parsed(doc.uri, doc.version, doc.getText(), hit);
    this.parses++;
    this.entries.set(doc.uri, entry);
    return entry;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}

function parsed(uri: string, version: number, text: string, previous: ParsedLetter | undefined): ParsedLetter {
  const document = parseDocumentAgain(text, previous?.document);
  const letters = document.letters;
  const before = previous?.carried;
  const carried: Carried = new Map();
  let lines: LineIndex | undefined;
  const cited = new Map<Letter, { kb: Knowledge; citations: readonly Citation[] }>();
  const memos = new Map<string, { kb: Knowledge; value: unknown }>();
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
    memo<T>(key: string, kb: Knowledge, compute: () => T): T {
      const hit = memos.get(key);
      if (hit && hit.kb === kb) return hit.value as T;
      const value = compute();
      memos.set(key, { kb, value });
      return value;
    },
    perLetter<T>(key: string, kb: Knowledge, letter: Letter, compute: () => T, shift: (value: T, delta: number) => T): T {
      const own = text.slice(letter.range.start, letter.range.end);
      let now = carried.get(key);
      if (!now) carried.set(key, (now = new Map()));
      const found = now.get(own) ?? before?.get(key)?.get(own);
      let value: T;
      if (found && found.kb === kb) value = found.start === letter.range.start ? (found.value as T) : shift(found.value as T, letter.range.start - found.start);
      else value = compute();
      if (!found || found.kb !== kb || found.start !== letter.range.start) now.set(own, { kb, start: letter.range.start, value });
      return value;
    },
    document,
    carried,
  };
}
