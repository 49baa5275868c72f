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

interface Stored {
  value: unknown;
  delta: number;
}

/** What is known of one letter in one version: values by slot, by variant (knowledge base), by key. */
export class LetterFacts {
  private readonly values: Map<Slot<unknown>, Map<object | null, Map<string, Stored>>>;

  private constructor(values: Map<Slot<unknown>, Map<object | null, Map<string, Stored>>>) {
    this.values = values;
  }

  static empty(): LetterFacts {
    return new LetterFacts(new Map());
  }

  /** The facts of the same letter `delta` characters further on, in the next version. */
  carried(delta: number): LetterFacts {
    const values = new Map<Slot<unknown>, Map<object | null, Map<string, Stored>>>();
    for (const [s, byVariant] of this.values) {
      const v2 = new Map<object | null, Map<string, Stored>>();
      for (const [variant, byKey] of byVariant) {
        const k2 = new Map<string, Stored>();
        for (const [key, st] of byKey) k2.set(key, { value: st.value, delta: st.delta + delta });
        v2.set(variant, k2);
      }
      values.set(s, v2);
    }
    return new LetterFacts(values);
  }

  /**
   * The value of `s` for `variant` and `key`: kept, carried (and moved, by `s.shift` or the `shift`
   * given here), or computed now.
   */
  get<T>(s: Slot<T>, variant: object | null, key: string, compute: () => T, shift: (value: T, delta: number) => T = s.shift): T {
    let byVariant = this.values.get(s as Slot<unknown>);
    if (!byVariant) this.values.set(s as Slot<unknown>, (byVariant = new Map()));
    let byKey = byVariant.get(variant);
    if (!byKey) byVariant.set(variant, (byKey = new Map()));
    const st = byKey.get(key);
    if (st) {
      if (st.delta !== 0) {
        st.value = shift(st.value as T, st.delta);
        st.delta = 0;
      }
      return st.value as T;
    }
    const value = detach(compute());
    byKey.set(key, { value, delta: 0 });
    return value;
  }

  /** Whether a value of `s` for `variant` and `key` is kept (computed, or carried over). */
  has<T>(s: Slot<T>, variant: object | null, key: string): boolean {
    return this.values.get(s as Slot<unknown>)?.get(variant)?.has(key) === true;
  }

  /** Like `get`, but the value is handed back with the distance it still has to move. */
  getUnmoved<T>(s: Slot<T>, variant: object | null, key: string, compute: () => T): { value: T; delta: number } {
    let byVariant = this.values.get(s as Slot<unknown>);
    if (!byVariant) this.values.set(s as Slot<unknown>, (byVariant = new Map()));
    let byKey = byVariant.get(variant);
    if (!byKey) byVariant.set(variant, (byKey = new Map()));
    let st = byKey.get(key);
    if (!st) byKey.set(key, (st = { value: detach(compute()), delta: 0 }));
    return { value: st.value as T, delta: st.delta };
  }
}
