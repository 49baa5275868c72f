/**
 * A parsed document as kept between versions: its letters as read, and how far each has moved
 * since (see `ParsedDocument`). parse/document.ts makes it; analysis/document.ts reads it.
 */
import type { LineStats } from '../lines';
import type { TextSource } from '../piece-text';
import { shiftLetter } from '../shift';
import type { Letter } from '../types';

/**
 * A letter as read in a window of the text: its offsets are `base` less than in the text. The
 * incremental parse reads the letters around an edit that way; what is computed of them later
 * (citations, diagnostics) is computed the same way and moved by `base`, so no version of a large
 * document is ever joined into one string just to edit it (see piece-text.ts).
 */
export interface LocalLetter {
  readonly letter: Letter;
  readonly text: string;
  readonly base: number;
}

/**
 * A parsed document, kept to parse its next version faster (`parseDocumentAgain`).
 *
 * Its letters are kept as they were read: a letter carried over from an earlier version (its own
 * text unchanged) is the same object, `moved[k]` characters earlier than it now stands, and is
 * moved (`shiftLetter`) only when something asks for it (`letter`, `letters`). After a keystroke
 * in a merged case file, the letters after the edit are not copied: what the editor asks for after
 * each keystroke (outline, folding, diagnostics, lenses) is kept per letter and moved by lines or
 * characters (see analysis/document.ts), and reads a letter's place (`start`) without moving it.
 */
export class ParsedDocument {
  private readonly moves: (Letter | undefined)[] = [];
  private all: readonly Letter[] | undefined;
  private index: Map<Letter, number> | undefined;

  constructor(
    readonly text: TextSource,
    /** Each letter as read (in this version or an earlier one). */
    readonly kept: readonly Letter[],
    /** How far each kept letter has moved since it was read (0: it stands where it was read). */
    readonly moved: readonly number[],
    /**
     * For each letter, the index of the previous version's letter it was carried over from (its
     * own text unchanged, moved if the edit came before it), or -1 when it was parsed.
     */
    readonly from: readonly number[],
    /** For each letter read in a window of the text (see `LocalLetter`), that reading; else null. */
    readonly locals: readonly (LocalLetter | null)[],
    readonly doubleSpaced: boolean,
    /** What a next version given with its change needs: line counts, and whether the text has \r. */
    readonly stats: LineStats | null,
  ) {}

  /** How many letters the text holds. */
  get count(): number {
    return this.kept.length;
  }

  /** Where letter k starts in the text (without moving it). */
  start(k: number): number {
    return this.kept[k].range.start + this.moved[k];
  }

  /** Where letter k ends in the text (without moving it). */
  end(k: number): number {
    return this.kept[k].range.end + this.moved[k];
  }

  /** Letter k, where it stands in this version's text. */
  letter(k: number): Letter {
    const kept = this.kept[k];
    if (this.moved[k] === 0 && kept.length === this.text.length) return kept;
    let l = this.moves[k];
    if (!l) {
      l = this.moves[k] = this.moved[k] !== 0 ? shiftLetter(kept, this.moved[k], this.text.length) : { ...kept, length: this.text.length };
      this.index?.set(l, k);
    }
    return l;
  }

  /** How many letters were moved to where they stand in this version (asked for while not there). */
  get lettersMoved(): number {
    let n = 0;
    for (const l of this.moves) if (l) n++;
    return n;
  }

  /** Every letter, where it stands in this version's text (equal to `parseDocument` of the text). */
  get letters(): readonly Letter[] {
    return (this.all ??= this.kept.map((_, k) => this.letter(k)));
  }

  /** The index of a letter of this version (as `letter` or `letters` gave it), or -1. */
  indexOf(letter: Letter): number {
    if (!this.index) {
      this.index = new Map();
      this.kept.forEach((l, k) => {
        if (this.moved[k] === 0 && l.length === this.text.length) this.index!.set(l, k);
      });
      this.moves.forEach((l, k) => l && this.index!.set(l, k));
    }
    return this.index.get(letter) ?? -1;
  }

  /** The last letter starting at or before an offset (the first letter for an offset before it). */
  indexAt(offset: number): number {
    let lo = 0;
    let hi = this.kept.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.start(mid) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
