/**
 * Values computed per letter (its citations, its diagnostics for some settings, its outline) and
 * carried over to the next version of the document when the letter's own text did not change: after
 * a keystroke in a merged case file of a thousand letters, one or two letters are computed again.
 *
 * A value is stored with the distance the letter has moved since it was computed; it is moved
 * (`Slot.shift`) only when read. Carried values hold no reference to the versions they came from,
 * and their strings are detached (`detach.ts`), so old texts are not kept alive.
 */
import { detach } from './detach';

/** A kind of per-letter value, and how to move it when its letter moves. */
export interface Slot<T> {
  readonly name: string;
  /** The value for the same letter `delta` characters further on. */
  readonly shift: (value: T, delta: number) => T;
}

export function slot<T>(name: string, shift: (value: T, delta: number) => T): Slot<T> {
  return { name, shift };
}

/** One value: its slot, variant and key, and how far its letter has moved since it was computed. */
interface Entry {
  readonly slot: Slot<unknown>;
  readonly variant: object | null;
  readonly key: string;
  value: unknown;
  delta: number;
}

/**
 * What is known of one letter in one version: a short list of values (a letter has a few: its
 * outline, citations, diagnostics for the settings in use), each by slot, variant (knowledge base)
 * and key. A list, not maps of maps: carrying a merged file's facts over a keystroke copies one
 * list per letter.
 */
export class LetterFacts {
  private constructor(
    private readonly entries: Entry[],
    /** The values are computed from a text of the letter's own (a copy): there is nothing to detach. */
    private readonly own: boolean,
  ) {}

  /** No values yet; `own`: the letter was read in a copy of its own text (see parse/document.ts `LocalLetter`). */
  static empty(own = false): LetterFacts {
    return new LetterFacts([], own);
  }

  /** The facts of the same letter `delta` characters further on, in the next version. */
  carried(delta: number): LetterFacts {
    return new LetterFacts(
      this.entries.map((e) => ({ slot: e.slot, variant: e.variant, key: e.key, value: e.value, delta: e.delta + delta })),
      this.own,
    );
  }

  /** A value just computed, as kept: with strings of its own. */
  private kept<T>(value: T): T {
    return this.own ? value : detach(value);
  }

  private find(s: Slot<unknown>, variant: object | null, key: string): Entry | undefined {
    for (const e of this.entries) if (e.slot === s && e.variant === variant && e.key === key) return e;
    return undefined;
  }

  /**
   * The value of `s` for `variant` and `key`: kept, carried (and moved, by `s.shift` or the `shift`
   * given here), or computed now.
   */
  get<T>(s: Slot<T>, variant: object | null, key: string, compute: () => T, shift: (value: T, delta: number) => T = s.shift): T {
    const e = this.find(s as Slot<unknown>, variant, key);
    if (e) {
      if (e.delta !== 0) {
        e.value = shift(e.value as T, e.delta);
        e.delta = 0;
      }
      return e.value as T;
    }
    const value = this.kept(compute());
    this.entries.push({ slot: s as Slot<unknown>, variant, key, value, delta: 0 });
    return value;
  }

  /** Whether a value of `s` for `variant` and `key` is kept (computed, or carried over). */
  has<T>(s: Slot<T>, variant: object | null, key: string): boolean {
    return this.find(s as Slot<unknown>, variant, key) !== undefined;
  }

  /** Like `get`, but the value is handed back with the distance it still has to move. */
  getUnmoved<T>(s: Slot<T>, variant: object | null, key: string, compute: () => T): { value: T; delta: number } {
    let e = this.find(s as Slot<unknown>, variant, key);
    if (!e) this.entries.push((e = { slot: s as Slot<unknown>, variant, key, value: this.kept(compute()), delta: 0 }));
    return { value: e.value as T, delta: e.delta };
  }
}
