/**
 * The analysis of each open document, one per version, shared by every handler
 * (`DocumentAnalysis` in the core: letters, citations, diagnostics, outline, carried over edits).
 * This module records where each change falls as `TextDocuments` applies it, so that the next
 * analysis reads only the lines around the edits.
 */
import { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { compose, DocumentAnalysis, TextChange } from '../core';

export { compose };

/** A document's analysis at one version. */
export type ParsedLetter = DocumentAnalysis & { readonly uri: string; readonly version: number };

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
  /** Analyses made (for tests and the status of the cache). */
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
    const entry = Object.assign(DocumentAnalysis.of(doc.getText(), hit, change), { uri: doc.uri, version: doc.version });
    this.parses++;
    this.entries.set(doc.uri, entry);
    return entry;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
    this.pending.delete(uri);
  }
}
