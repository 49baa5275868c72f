/**
 * The words of a rationale as the conclusion reader reads them (conclusion.ts): ASCII letters and
 * apostrophes, a word hyphenated across a line break joined into one, the extractor's
 * "notmedically" split in two, each word with the punctuation after it (a clause's end, a comma).
 */

/**
 * The words of a window of the text, as parallel arrays (no object per word). The reading tests a
 * word on the text's characters (`is` for one word, `known` for the words of a `WordTable`): a
 * word's lower-case string (`w`) is made only for a word joined across a line break or split from
 * "notmedically", which has it from the start.
 */
export class Words {
  length = 0;
  private starts: Int32Array;
  private ends: Int32Array;
  /** Bit 1: punctuation that ends a clause right after the word (., ;, :, ?, !); bit 2: a comma. */
  private flags: Uint8Array;
  /** The lower-case string of each word, once made (a word joined across a line break or split
   *  from "notmedically" has it from the start). */
  private strs: (string | undefined)[] = [];
  private text = '';
  /** Indices of the words that may open a predicate (`candidate`), in order. */
  private cands: Int32Array;
  /** How many of those there are. */
  candidates = 0;

  constructor(capacity: number) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.cands = new Int32Array(capacity);
  }

  /** Empties the list for the words of `text`. */
  reset(text: string): void {
    this.text = text;
    this.length = 0;
    this.candidates = 0;
    // `strs` keeps its length: push writes every entry below `length` again.
  }

  push(start: number, end: number, stop: boolean, comma: boolean, str: string | undefined): void {
    const k = this.length++;
    if (k === this.starts.length) this.grow();
    this.starts[k] = start;
    this.ends[k] = end;
    this.flags[k] = (stop ? 1 : 0) | (comma ? 2 : 0);
    this.strs[k] = str;
    // Only a word of 7, 9, 10 or 11 letters can open a predicate (medical, medically, necessary,
    // clinically, unnecessary): the reading looks at those words only.
    const n = str !== undefined ? str.length : end - start;
    if (n === 9 || n === 10 || n === 7 || n === 11) this.cands[this.candidates++] = k;
  }

  /** The index of the j-th word that may open a predicate. */
  candidate(j: number): number {
    return this.cands[j];
  }

  start(k: number): number {
    return this.starts[k];
  }

  end(k: number): number {
    return this.ends[k];
  }

  /** Punctuation that ends a clause right after the word (., ;, :, ?, !). */
  stop(k: number): boolean {
    return (this.flags[k] & 1) !== 0;
  }

  /** A comma right after the word. */
  comma(k: number): boolean {
    return (this.flags[k] & 2) !== 0;
  }

  /**
   * The word in lower case, hyphens of a line-break join removed, ’ read as '. The reading itself
   * tests words in place (`is`, `known`, `endsWith`), which answer as this string would; it is
   * made here for what needs the word itself, and for the tests that hold the others to it.
   */
  w(k: number): string {
    let s = this.strs[k];
    if (s === undefined) {
      s = lower(this.text, this.starts[k], this.ends[k]);
      this.strs[k] = s;
    }
    return s;
  }

  /**
   * `w(k)` when `table` holds it, else undefined: looked up on the text's characters, without
   * making the word's string.
   */
  known(k: number, table: WordTable): string | undefined {
    const s = this.strs[k];
    return s !== undefined ? table.get(s) : table.find(this.text, this.starts[k], this.ends[k]);
  }

  /** `w(k).length > min && w(k).endsWith(suffix)`, for a lower-case suffix of letters, read on the
   *  text's characters (a word ends as its string does). */
  endsWith(k: number, suffix: string, min: number): boolean {
    const s = this.strs[k];
    const b = this.ends[k];
    if ((s !== undefined ? s.length : b - this.starts[k]) <= min) return false;
    for (let j = 1; j <= suffix.length; j++) if ((this.text.charCodeAt(b - j) | 32) !== suffix.charCodeAt(suffix.length - j)) return false;
    return true;
  }

  /** `w(k) === lower`, for a lower-case word of letters, without making the word's string. */
  is(k: number, lower: string): boolean {
    const s = this.strs[k];
    if (s !== undefined) return s === lower;
    const a = this.starts[k];
    if (this.ends[k] - a !== lower.length) return false;
    // A word holds letters and apostrophes only; | 32 lowers a letter and leaves ' as it is.
    for (let j = 0; j < lower.length; j++) if ((this.text.charCodeAt(a + j) | 32) !== lower.charCodeAt(j)) return false;
    return true;
  }

  private grow(): void {
    const n = this.starts.length * 2;
    const starts = new Int32Array(n);
    starts.set(this.starts);
    const ends = new Int32Array(n);
    ends.set(this.ends);
    const flags = new Uint8Array(n);
    flags.set(this.flags);
    const cands = new Int32Array(n);
    cands.set(this.cands);
    this.starts = starts;
    this.ends = ends;
    this.flags = flags;
    this.cands = cands;
  }
}

/**
 * A set of lower-case words (letters and ASCII apostrophes) that a word of the text is looked up
 * in on its characters (`Words.known`): by length, then by first letter.
 */
export class WordTable {
  private readonly byShape: (readonly string[] | undefined)[];
  private readonly all: ReadonlySet<string>;
  /** The length of the longest word. */
  private readonly longest: number;

  constructor(words: Iterable<string>) {
    this.all = new Set(words);
    const shapes: string[][] = [];
    let longest = 0;
    for (const w of this.all) {
      (shapes[shapeOf(w.length, w.charCodeAt(0))] ??= []).push(w);
      longest = Math.max(longest, w.length);
    }
    this.byShape = shapes;
    this.longest = longest;
  }

  /** `s` when the table holds it, else undefined. */
  get(s: string): string | undefined {
    return this.all.has(s) ? s : undefined;
  }

  /** text[a, b) in lower case, \u2019 read as ', when the table holds it; else undefined. */
  find(text: string, a: number, b: number): string | undefined {
    return this.match(text, a, b, b, b);
  }

  /** Whether the table holds text[a, b) and text[c, d) written together (a word broken by a space). */
  hasPair(text: string, a: number, b: number, c: number, d: number): boolean {
    return this.match(text, a, b, c, d) !== undefined;
  }

  /** The table's word that text[a, b) followed by text[c, d) is, in lower case, \u2019 read as '; else undefined. */
  private match(text: string, a: number, b: number, c: number, d: number): string | undefined {
    const first = b - a;
    const n = first + d - c;
    if (first <= 0 || n > this.longest) return undefined;
    const bucket = this.byShape[shapeOf(n, text.charCodeAt(a) | 32)];
    if (bucket === undefined) return undefined;
    for (let w = 0; w < bucket.length; w++) {
      const word = bucket[w];
      let j = 1;
      for (; j < n; j++) {
        const x = text.charCodeAt(j < first ? a + j : c + j - first);
        // | 32 lowers an ASCII letter and leaves ' as it is; \u2019 reads as '.
        if ((x === 0x2019 ? 39 : x | 32) !== word.charCodeAt(j)) break;
      }
      if (j === n) return word;
    }
    return undefined;
  }
}

/** A table bucket: a word's length and first letter (lower case). */
function shapeOf(length: number, first: number): number {
  return length * 128 + (first & 127);
}

function isBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 12;
}

/**
 * The one list of words: a reading is synchronous and keeps no word once it returns (a conclusion
 * holds offsets only), so each window's words reuse its arrays.
 */
export const WORDS = new Words(1024);

/** The words of text[from, to) (see the module comment), in the shared list. */
export function words(text: string, from: number, to: number, joinBroken: WordTable | null = null): Words {
  let i = Math.max(0, from);
  const end = Math.min(to, text.length);
  const out = WORDS;
  out.reset(text);
  while (i < end) {
    // Skip to the next ASCII letter.
    let c = text.charCodeAt(i);
    while (((c | 32) - 97) >>> 0 >= 26) {
      if (++i >= end) return out;
      c = text.charCodeAt(i);
    }
    const start = i;
    let joined: string | undefined;
    let segStart = i;
    for (;;) {
      // Letters and apostrophes (the character at i is a letter); c is the character after them.
      i++;
      while (i < end) {
        c = text.charCodeAt(i);
        if (((c | 32) - 97) >>> 0 < 26 || c === 39 || c === 0x2019) i++;
        else break;
      }
      // A word hyphenated across a line break ("medi-" / "cally") continues on the next line.
      if (i < end && c === 45) {
        let j = i + 1;
        let broke = false;
        while (j < end && j - i < 12) {
          const d = text.charCodeAt(j);
          if (isBreak(d)) broke = true;
          else if (d !== 32 && d !== 9) break;
          j++;
        }
        if (broke && j < end && text.charCodeAt(j) >= 97 && text.charCodeAt(j) <= 122) {
          joined = (joined ?? '') + text.slice(segStart, i);
          i = j;
          segStart = j;
          continue;
        }
      }
      break;
    }
    let w: string | undefined;
    if (joined !== undefined) {
      w = (joined + text.slice(segStart, i)).toLowerCase();
      if (w.includes('\u2019')) w = w.split('\u2019').join("'");
    } else if (joinBroken && c === 32 && i + 1 < end) {
      // A word broken by a space, as some tools print words ("medi cally", "consid ered"): two
      // pieces, neither a word of `joinBroken`, that together are one.
      const next = brokenTail(text, start, i, end, joinBroken);
      if (next > 0) {
        w = lower(text, start, i) + lower(text, i + 1, next);
        i = next;
      }
    }
    let k = i;
    let p = 0;
    while (k < end) {
      p = text.charCodeAt(k);
      if (p === 32 || p === 9 || p === 34 || p === 0x201d || p === 41) k++;
      else break;
    }
    if (k >= end) p = 0;
    const stop = p === 46 || p === 59 || p === 58 || p === 63 || p === 33;
    const comma = p === 44;
    // The extractor's "notmedically": two words.
    const length = w !== undefined ? w.length : i - start;
    if (length === 12 && (text.charCodeAt(start) | 32) === 110 /* n */) w ??= lower(text, start, i);
    if (w !== undefined && (w === 'notmedically' || w === 'notnecessary')) {
      out.push(start, start + 3, false, false, 'not');
      out.push(start + 3, i, stop, comma, w.slice(3));
    } else {
      out.push(start, i, stop, comma, w);
    }
    if (out.length > 100000) break;
  }
  return out;
}

/**
 * Where the piece after text[start, end) (one space between) ends when the two pieces, neither
 * a word of `table`, make one of its words; -1 otherwise. Nothing is allocated.
 */
function brokenTail(text: string, start: number, end: number, limit: number, table: WordTable): number {
  let k = end + 1;
  while (k < limit && ((text.charCodeAt(k) | 32) - 97) >>> 0 < 26) k++;
  if (k === end + 1 || !table.hasPair(text, start, end, end + 1, k)) return -1;
  return table.find(text, start, end) === undefined && table.find(text, end + 1, k) === undefined ? k : -1;
}

/** text[a, b) in lower case, \u2019 read as '. */
function lower(text: string, a: number, b: number): string {
  const s = text.slice(a, b).toLowerCase();
  return s.includes('\u2019') ? s.split('\u2019').join("'") : s;
}

/**
 * Words read once at load, a few times over, with every kind of word in them (a word hyphenated
 * across a line break, one with a curly apostrophe, "notmedically", a 12-letter word that is not
 * it): the reader is compiled once it is hot, early in the first letters, and compiled again each
 * time optimised code meets a kind of word it had not met before; read here first, none is new.
 */
const PRIMER = 'The medi-\n cally "necessary" isn\u2019t notmedically, nevertheless; (Deemed) x-ray: ok? Yes! Ther-\napy\u2019s';
for (let k = 0; k < 24; k++) words(PRIMER, 0, PRIMER.length);
WORDS.reset('');
