/**
 * Parses each open letter once per version and shares the result with every handler.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Citation, findCitations, Knowledge, Letter, LineIndex, parseLetter } from '../core';

export interface ParsedLetter {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly letter: Letter;
  /** Built on first use: only features that map offsets to positions by themselves need it. */
  readonly lines: LineIndex;
  /** The letter's citations, found once per version and knowledge base. */
  citations(kb: Knowledge): readonly Citation[];
  /** A value computed once per version, key and knowledge base (diagnostics per settings). */
  memo<T>(key: string, kb: Knowledge, compute: () => T): T;
}

export class LetterCache {
  private readonly entries = new Map<string, ParsedLetter>();
  /** Parses performed (for tests and the status of the cache). */
  parses = 0;

  get(doc: TextDocument): ParsedLetter {
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    const text = doc.getText();
    const letter = parseLetter(text);
    this.parses++;
    let lines: LineIndex | undefined;
    let cited: { kb: Knowledge; citations: readonly Citation[] } | undefined;
    const memos = new Map<string, { kb: Knowledge; value: unknown }>();
    const entry: ParsedLetter = {
      uri: doc.uri,
      version: doc.version,
      text,
      letter,
      get lines() {
        return (lines ??= new LineIndex(text));
      },
      citations(kb) {
        if (!cited || cited.kb !== kb) cited = { kb, citations: findCitations(letter, text, kb) };
        return cited.citations;
      },
      memo<T>(key: string, kb: Knowledge, compute: () => T): T {
        const hit = memos.get(key);
        if (hit && hit.kb === kb) return hit.value as T;
        const value = compute();
        memos.set(key, { kb, value });
        return value;
      },
    };
    this.entries.set(doc.uri, entry);
    return entry;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
