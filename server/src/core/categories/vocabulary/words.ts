/** Words as the vocabulary matches them, and the phrase index the classifier reads them with. */


/**
 * The words of a text as the vocabulary matches them: lower case, split at every character that
 * is not a letter or digit (`x-ray` is `x ray`, `EMG/NCV` is `emg ncv`). Linear, no regular
 * expression backtracking.
 */
export function words(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  const s = text.length > 2000 ? text.slice(0, 2000) : text;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c > 127 && isLetter(s[i]));
    if (alnum) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(s.slice(start, i).toLowerCase());
      start = -1;
    }
  }
  return out;
}

function isLetter(ch: string): boolean {
  return ch.toLowerCase() !== ch.toUpperCase();
}

/** A phrase found: its words joined by spaces, how many words, and what it stands for. */
export interface PhraseMatch<T> {
  readonly phrase: string;
  readonly length: number;
  readonly target: T;
}

/** A phrase of the index: the match itself (a match is the entry, not a copy made per lookup). */
interface PhraseEntry<T> extends PhraseMatch<T> {
  readonly words: string[];
}

/** Phrases keyed by their first word; at each position the longest phrase wins. */
export class PhraseIndex<T> {
  private readonly byFirst = new Map<string, PhraseEntry<T>[]>();

  /** Adds a phrase; a later phrase with the same words replaces an earlier one. */
  add(phrase: string, target: T): void {
    const w = words(phrase);
    if (w.length === 0) return;
    let list = this.byFirst.get(w[0]);
    if (!list) this.byFirst.set(w[0], (list = []));
    const key = w.join(' ');
    const at = list.findIndex((e) => e.phrase === key);
    if (at >= 0) list.splice(at, 1);
    // Longest first, and among phrases of one length in the order added: after every phrase at
    // least as long (where a stable sort of the list with the phrase at its end puts it).
    let k = 0;
    while (k < list.length && list[k].length >= w.length) k++;
    list.splice(k, 0, { words: w, phrase: key, length: w.length, target });
  }

  /** The longest phrase starting at word `i`, or null. */
  at(ws: readonly string[], i: number): PhraseMatch<T> | null {
    const list = this.byFirst.get(ws[i]);
    if (!list) return null;
    for (const e of list) {
      if (i + e.words.length > ws.length) continue;
      let ok = true;
      for (let k = 1; k < e.words.length; k++) {
        if (ws[i + k] !== e.words[k]) {
          ok = false;
          break;
        }
      }
      if (ok) return e;
    }
    return null;
  }

  /** Every phrase, as its words joined by spaces. */
  list(): string[] {
    const out: string[] = [];
    for (const l of this.byFirst.values()) for (const e of l) out.push(e.phrase);
    return out;
  }

  /** True when any phrase occurs in the words. */
  any(ws: readonly string[]): boolean {
    for (let i = 0; i < ws.length; i++) if (this.at(ws, i)) return true;
    return false;
  }
}

