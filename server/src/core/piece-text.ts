/**
 * A text held in pieces, so that an edit of a large document neither copies nor joins the whole of
 * it. An edit replaces the pieces it touches with the parts of them it keeps (slices, which share
 * the original string's characters) and the inserted text; the whole text is joined into one
 * string only when something asks for all of it (`toString`), once per version.
 *
 * Why: a JavaScript engine keeps `a.slice(0, k) + x + a.slice(k)` as a pair of references, and
 * joins it into one new string (a copy of every character) the first time anything reads a
 * character of it. For a 10 MB merged case file that copy took 12 ms and 20 MB per keystroke, and
 * was most of what a keystroke cost the language server. The incremental parse reads only the
 * letters around an edit (`TextSource.slice`); with this, so does everything else a keystroke asks
 * for (outline, diagnostics, folding, code lenses, hints).
 *
 * Values are immutable: `edit` returns a new `PieceText`, so a parse of one version can still read
 * that version after the document has moved on.
 */

/** What the incremental parse reads of a document's text (a string is one). */
export interface TextSource {
  readonly length: number;
  /** text[start, end) as a string. */
  slice(start: number, end: number): string;
  /** The whole text as one string. */
  toString(): string;
}

/** The text of a source as one string (itself when it is one). */
export function wholeText(source: string | TextSource): string {
  return typeof source === 'string' ? source : source.toString();
}

/** Pieces at most this long are joined with their neighbours of the same kind (cheap to copy). */
const SMALL_PIECE = 4096;
/** More pieces than this and the text is joined into one (an edit in many places, as replace-all). */
const MAX_PIECES = 64;

export class PieceText implements TextSource {
  private whole: string | undefined;

  private constructor(
    private pieces: readonly string[],
    /** ends[k]: the offset where piece k ends. */
    private ends: readonly number[],
  ) {
    if (pieces.length === 1) this.whole = pieces[0];
  }

  static of(text: string): PieceText {
    return new PieceText([text], [text.length]);
  }

  get length(): number {
    return this.ends.length === 0 ? 0 : this.ends[this.ends.length - 1];
  }

  /** The number of pieces (for tests). */
  get pieceCount(): number {
    return this.pieces.length;
  }

  toString(): string {
    if (this.whole === undefined) {
      // Joined, the text is one piece: the pieces (slices of earlier versions) are let go.
      this.whole = this.pieces.join('');
      this.pieces = [this.whole];
      this.ends = [this.whole.length];
    }
    return this.whole;
  }

  /** The index of the piece holding offset `at` (the last piece for the end of the text). */
  private pieceAt(at: number): number {
    const ends = this.ends;
    let lo = 0;
    let hi = ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid] > at) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private startOf(k: number): number {
    return k === 0 ? 0 : this.ends[k - 1];
  }

  slice(start: number, end: number): string {
    const length = this.length;
    const s = Math.max(0, Math.min(start, length));
    const e = Math.max(s, Math.min(end, length));
    if (this.whole !== undefined) return this.whole.slice(s, e);
    if (s === e) return '';
    const k0 = this.pieceAt(s);
    const k1 = this.pieceAt(e - 1);
    if (k0 === k1) return this.pieces[k0].slice(s - this.startOf(k0), e - this.startOf(k0));
    const parts: string[] = [this.pieces[k0].slice(s - this.startOf(k0))];
    for (let k = k0 + 1; k < k1; k++) parts.push(this.pieces[k]);
    parts.push(this.pieces[k1].slice(0, e - this.startOf(k1)));
    return parts.join('');
  }

  /** The UTF-16 code unit at `at` (NaN outside the text), as `String.prototype.charCodeAt`. */
  charCodeAt(at: number): number {
    if (this.whole !== undefined) return this.whole.charCodeAt(at);
    if (!(at >= 0 && at < this.length)) return NaN;
    const k = this.pieceAt(at);
    return this.pieces[k].charCodeAt(at - this.startOf(k));
  }

  /** The text with [start, end) replaced by `text`: a new value (this one is unchanged). */
  edit(start: number, end: number, text: string): PieceText {
    const length = this.length;
    const s = Math.max(0, Math.min(start, length));
    const e = Math.max(s, Math.min(end, length));
    // A joined text is one piece (`toString`): the pieces are always the text's.
    const pieces = this.pieces;
    // The pieces the edit touches: k0 holds `s`, k1 holds the last character replaced (or `s`).
    const k0 = this.pieceAt(s);
    const k1 = e > s ? this.pieceAt(e - 1) : k0;
    const middle = [pieces[k0].slice(0, s - this.startOf(k0)), text, pieces[k1].slice(e - this.startOf(k1))].filter((p) => p.length > 0);
    const out = [...pieces.slice(0, k0), ...middle, ...pieces.slice(k1 + 1)];
    // Small neighbours are joined (a run of keystrokes stays one piece); large pieces stay slices.
    const merged: string[] = [];
    for (const p of out) {
      const last = merged.length - 1;
      if (last >= 0 && p.length <= SMALL_PIECE && merged[last].length <= SMALL_PIECE) merged[last] += p;
      else merged.push(p);
    }
    if (merged.length > MAX_PIECES) return PieceText.of(merged.join(''));
    const newEnds: number[] = [];
    let n = 0;
    for (const p of merged) newEnds.push((n += p.length));
    return merged.length === 0 ? PieceText.of('') : new PieceText(merged, newEnds);
  }
}
