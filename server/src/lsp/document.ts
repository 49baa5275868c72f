/**
 * An open document as the server holds it: a `TextDocument` (the interface every handler uses)
 * whose text is a `PieceText`, so that an edit of a large merged case file copies only the pieces
 * around it and never joins the whole text (see core/piece-text.ts). Line starts are kept up to
 * date edit by edit. Positions and offsets mean what they mean in `vscode-languageserver-textdocument`
 * (a position never points between a \r and its \n, or past a line's end).
 */
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { lineStartOffsets, PieceText } from '../core';

const LF = 10;
const CR = 13;

/**
 * A line or character number as it came from the wire, made a whole number: its whole-number part
 * (numeric strings too), 0 when it is none (null, missing, not a number). LSP sends whole numbers;
 * a fraction read as an index would name no line and put the text and its line table out of step.
 */
function whole(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  if (Number.isNaN(n)) return 0;
  return Number.isFinite(n) ? Math.trunc(n) : n;
}

/**
 * The range of an incremental change, or null for a change of the whole text: one without a range
 * object (also `range: null`, which a client may send for "no range").
 */
export function changeRange(change: TextDocumentContentChangeEvent): Range | null {
  const range = (change as { range?: unknown }).range;
  return typeof range === 'object' && range !== null ? (range as Range) : null;
}

/** A position with whole-number line and character (`whole`); missing: the start of the text. */
export function wholePosition(p: Position | null | undefined): Position {
  return { line: whole(p?.line), character: whole(p?.character) };
}

export class EditedDocument implements TextDocument {
  private lineStarts: number[] | undefined;

  private constructor(
    readonly uri: string,
    readonly languageId: string,
    private _version: number,
    private text: PieceText,
  ) {}

  static create(uri: string, languageId: string, version: number, content: string): EditedDocument {
    return new EditedDocument(uri, languageId, version, PieceText.of(content));
  }

  get version(): number {
    return this._version;
  }

  /** The text of this version, whole or in pieces (an immutable value). */
  get source(): PieceText {
    return this.text;
  }

  /** The length of the text, without joining it. */
  get length(): number {
    return this.text.length;
  }

  getText(range?: Range): string {
    if (!range) return this.text.toString();
    const a = this.offsetAt(range.start);
    const b = this.offsetAt(range.end);
    // As `String.prototype.substring`: a range given end first reads the same characters.
    return this.text.slice(Math.min(a, b), Math.max(a, b));
  }

  get lineCount(): number {
    return this.starts().length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.starts();
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] > o) hi = mid;
      else lo = mid + 1;
    }
    const line = lo - 1;
    return { line, character: this.beforeLineEnd(o, starts[line]) - starts[line] };
  }

  offsetAt(given: Position): number {
    // A request without a position is malformed (answered with an error); a change's missing
    // position is made the start of the text before it gets here (`update`, LetterCache.update).
    if (typeof given !== 'object' || given === null) throw new TypeError('a position is needed');
    const position = wholePosition(given);
    const starts = this.starts();
    if (position.line >= starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = starts[position.line];
    if (position.character <= 0) return start;
    const next = position.line + 1 < starts.length ? starts[position.line + 1] : this.text.length;
    return this.beforeLineEnd(Math.min(start + position.character, next), start);
  }

  getLineRange(line: number): Range {
    const starts = this.starts();
    if (line >= starts.length) {
      const last = starts.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.text.length - starts[last] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const next = line + 1 < starts.length ? starts[line + 1] : this.text.length;
    return { start: { line, character: 0 }, end: { line, character: this.beforeLineEnd(next, starts[line]) - starts[line] } };
  }

  getEOLCharacters(line: number): string {
    const starts = this.starts();
    if (line < 0 || line >= starts.length) return '';
    const next = line + 1 < starts.length ? starts[line + 1] : this.text.length;
    return this.text.slice(this.beforeLineEnd(next, starts[line]), next);
  }

  /** Applies the changes in order and sets the version. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      const range = changeRange(change);
      if (!range) {
        this.text = PieceText.of(change.text);
        this.lineStarts = undefined;
        continue;
      }
      const a = wholePosition(range.start);
      const b = wholePosition(range.end);
      // A range given end first is read start first.
      const [from, to] = a.line > b.line || (a.line === b.line && a.character > b.character) ? [b, a] : [a, b];
      const start = this.offsetAt(from);
      const end = this.offsetAt(to);
      this.text = this.text.edit(start, end, change.text);
      const insertedEnd = start + change.text.length;
      const starts = this.lineStarts;
      if (!starts) continue;
      // A \r\n pair made across an edge of the change: its line starts are counted again, later.
      if ((this.text.charCodeAt(start - 1) === CR && this.text.charCodeAt(start) === LF) || (this.text.charCodeAt(insertedEnd - 1) === CR && this.text.charCodeAt(insertedEnd) === LF)) {
        this.lineStarts = undefined;
        continue;
      }
      const startLine = Math.min(Math.max(from.line, 0), starts.length - 1);
      const endLine = Math.min(Math.max(to.line, startLine), starts.length - 1);
      const added = lineStartOffsets(change.text, start, false);
      if (added.length === endLine - startLine) for (let i = 0; i < added.length; i++) starts[startLine + 1 + i] = added[i];
      else if (added.length < 10_000) starts.splice(startLine + 1, endLine - startLine, ...added);
      else this.lineStarts = [...starts.slice(0, startLine + 1), ...added, ...starts.slice(endLine + 1)];
      const delta = change.text.length - (end - start);
      const now = this.lineStarts!;
      if (delta !== 0) for (let i = startLine + 1 + added.length; i < now.length; i++) now[i] += delta;
    }
    this._version = version;
  }

  private starts(): number[] {
    return (this.lineStarts ??= lineStartOffsets(this.text.toString()));
  }

  /** `offset` moved back off the line end characters before it (not before `lineStart`). */
  private beforeLineEnd(offset: number, lineStart: number): number {
    let o = offset;
    while (o > lineStart) {
      const c = this.text.charCodeAt(o - 1);
      if (c !== LF && c !== CR) break;
      o--;
    }
    return o;
  }
}
