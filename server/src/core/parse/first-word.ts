/**
 * The words a structural line can start with, and a trie to read a line's first word without
 * making a string. Lines whose first word cannot start a heading, block label, lead-in or letter
 * skip every matcher.
 */
import { isSoftHyphen, isSpaceCode } from '../collapse';
import { trieTable } from '../trie';
import { BLOCK_LABELS, HEADINGS, ISSUES_LEAD_IN_FIRST } from '../vocabulary';

/** First words of every heading, block label and the lead-in (upper case). */
export const STRUCTURAL_WORDS: ReadonlySet<string> = new Set([
  ...HEADINGS.map((h) => h.first),
  ...BLOCK_LABELS.map((b) => b.first),
  ISSUES_LEAD_IN_FIRST,
]);

/** Every proper prefix of a structural word: a first word a space may have cut short. */
export const STRUCTURAL_PREFIXES: ReadonlySet<string> = new Set(
  [...STRUCTURAL_WORDS].flatMap((w) => Array.from({ length: w.length - 1 }, (_, k) => w.slice(0, k + 1))),
);

/** First words of lines that can open a letter or mark that it reached its decisions. */
export const LETTER_BOUNDARY_WORDS: ReadonlySet<string> = new Set(['CASE', 'HOW', 'MAXIMUS', 'NOTICE', 'MEDICAL', 'IMR', 'INDEPENDENT', 'ISSUE', 'CLAIMS', 'RATIONALE']);

/** 1 at the code of each lower-case letter a letter-boundary word starts with. */
const BOUNDARY_FIRST = new Uint8Array(128);
for (const w of LETTER_BOUNDARY_WORDS) BOUNDARY_FIRST[w.charCodeAt(0) | 0x20] = 1;

/** Whether a line whose first character is `c` may start with a letter-boundary word (in any
 *  case): most lines do not, and their first word is not read. */
export function mayOpenBoundary(c: number): boolean {
  return c < 128 && BOUNDARY_FIRST[c | 0x20] === 1;
}

/** Literal endings of headings that may be glued to the end of a line. */
export const TRAILING_SUFFIXES: readonly string[] = HEADINGS.filter((h) => h.suffix).map((h) => h.suffix!);

/**
 * A line's first word as the parser classifies it: the word (upper case) and the lists that hold
 * it, made once per word when the trie is built. Letter splitting reads `boundary`; line
 * classification `structural` and `broken`; no caller looks the word up in a list.
 */
export interface FirstWord {
  /** The word, in upper case; '' when it is in none of the lists. */
  readonly word: string;
  /** A heading's, block label's or the lead-in's first word (`STRUCTURAL_WORDS`). */
  readonly structural: boolean;
  /** Not structural, but a proper prefix of a structural word: a first word a space may have cut
   *  short ("Decisi on rationale:"). */
  readonly broken: boolean;
  /** May open a letter or mark that it reached its decisions (`LETTER_BOUNDARY_WORDS`). */
  readonly boundary: boolean;
}

/** The first word of a line that is in no list. */
export const NO_WORD: FirstWord = { word: '', structural: false, broken: false, boundary: false };

function classOf(word: string): FirstWord {
  const structural = STRUCTURAL_WORDS.has(word);
  return { word, structural, broken: !structural && STRUCTURAL_PREFIXES.has(word), boundary: LETTER_BOUNDARY_WORDS.has(word) };
}

/**
 * A trie over upper-case letters of every word `firstWord` may return (structural words, their
 * proper prefixes, letter-boundary words), as a table: the state after state `s` reads letter `c`
 * (0 for A) is `NEXT[s * 26 + c]`, 0 when no word of the trie goes on so (state 0 is the root, which
 * no letter leads back to); `WORDS[s]` is the class of the word that state `s` completes. One typed
 * array read per letter, where a tree of objects and arrays took two dependent loads and a hole
 * check.
 */
const { NEXT, WORDS } = (() => {
  const words = [...STRUCTURAL_WORDS, ...STRUCTURAL_PREFIXES, ...LETTER_BOUNDARY_WORDS];
  const t = trieTable(words, 26, (c) => c - 65);
  const classes: FirstWord[] = Array.from({ length: t.states }, () => NO_WORD);
  words.forEach((w, i) => (classes[t.ends[i]] = classOf(w)));
  return { NEXT: t.next, WORDS: classes };
})();

/**
 * The first word of [cs, ce) (letters only, at most 16) with its class when it is a structural
 * word, a prefix of one or a letter-boundary word; `NO_WORD` otherwise (no string is made: the
 * word is read through a trie of those words).
 */
export function firstWord(text: string, cs: number, ce: number): FirstWord {
  let s = 0;
  const limit = Math.min(ce, cs + 16);
  for (let e = cs; e < limit; e++) {
    let c = text.charCodeAt(e);
    if (c >= 97 && c <= 122) c -= 97;
    else if (c >= 65 && c <= 90) c -= 65;
    else break;
    s = NEXT[s * 26 + c];
    if (s === 0) return NO_WORD; // no word of the trie starts so
  }
  // A run of 16 letters stops there, as the word it begins.
  return WORDS[s];
}

/** A page marker line: "-- 1 of 2 --", "- 3 -", "Page 1 of 2", "Page 2". */
export const PAGE_MARKER = /^(?:[-\u2013\u2014]{1,3} ?(?:Page )?\d{1,4}(?: of \d{1,4})? ?[-\u2013\u2014]{1,3}|Page \d{1,4}(?: of \d{1,4})?)$/i;

/**
 * A fax machine's header line: a date and a time first, a page count last ("01/05/2017 10:15 FAX
 * 916 555 0100 MAXIMUS FEDERAL SVCS P.002/005", "12-05-16 09:41AM ... @003/007", "... Page 2 of 5").
 * No line of a letter starts and ends so; written once (a short letter's second page), it is no
 * running line running.ts can tell by its repeats.
 */
export const FAX_HEADER = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4} +\d{1,2}:\d{2}(?: ?[AP]M)?\b.*(?:\bP(?:age|g)?\.? ?|[@#] ?)\d{1,4} ?(?:\/|of) ?\d{1,4}$/i;
/** The longest fax header line read (`FAX_HEADER`), in characters. */
export const MAX_FAX_HEADER = 160;

/** `imr-disable: code, code` on a line of its own, optionally after `#` or `//` or inside `<!-- -->`. */
export const DIRECTIVE_RE = /^(?:#|\/\/|<!--)?\s*imr-disable\b\s*:?\s*([\w\s,-]*?)\s*(?:-->)?$/i;

/** What a directive line opens with, after a comment's opening (`DIRECTIVE_RE`, in any case). */
const DIRECTIVE_WORD = 'imr-disable';

/**
 * Whether text[cs, ce), read as `collapse` reads it, opens with `DIRECTIVE_WORD` in any case,
 * after any run of the characters of a comment's opening ("#", "//", "<!--") and blanks: soft
 * hyphens are passed over; a blank or a ligature cannot stand inside the word. One loop for every
 * line tried, which starts with "i" or with an opening: the rare lines with an opening run the
 * code the others ran.
 */
export function opensDirective(text: string, cs: number, ce: number): boolean {
  let k = 0;
  for (let i = cs; i < ce && k < DIRECTIVE_WORD.length; i++) {
    const c = text.charCodeAt(i);
    if (isSoftHyphen(c) || (k === 0 && opensComment(c))) continue;
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== DIRECTIVE_WORD.charCodeAt(k)) return false;
    k++;
  }
  return k === DIRECTIVE_WORD.length;
}

/** A character of a directive comment's opening ("#", "//", "<!--") or a blank. */
function opensComment(c: number): boolean {
  return c === 35 || c === 47 || c === 60 || c === 33 || c === 45 || isSpaceCode(c);
}
