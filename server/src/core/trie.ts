/**
 * A trie of words as one table of typed arrays, read one array element per character: the state
 * after state `s` reads code `c` is `next[s * width + c]`, 0 when no word goes on so (state 0 is
 * the root, which no code leads back to). Used for a line's first word (parse/first-word.ts) and
 * the squeezed vocabulary's openings (squeezed.ts), where a tree of objects took two dependent
 * loads and a hole check per character.
 */
export interface TrieTable {
  readonly next: Int32Array;
  /** How many states the table uses (the root included). */
  readonly states: number;
  /** The state each word ends in, by its index in the words given. */
  readonly ends: Int32Array;
}

/** Builds the table of `words`; `code` maps a character code to its column in [0, width). */
export function trieTable(words: readonly string[], width: number, code: (c: number) => number): TrieTable {
  const next = new Int32Array((1 + words.reduce((n, w) => n + w.length, 0)) * width);
  const ends = new Int32Array(words.length);
  let states = 1;
  words.forEach((w, i) => {
    let s = 0;
    for (let k = 0; k < w.length; k++) {
      const at = s * width + code(w.charCodeAt(k));
      if (next[at] === 0) next[at] = states++;
      s = next[at];
    }
    ends[i] = s;
  });
  return { next, states, ends };
}
