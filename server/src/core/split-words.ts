/**
 * Words broken by spaces. Some PDF tools (older pypdf among them) put a space wherever the gap
 * between two glyphs is wide: `MAXIMUS gui deline :`, `The Final Determina tion`, `Uphe ld`,
 * `requ est`, `a 36 y ear old`, `7 -10 days`.
 *
 * Two general remedies, both against a vocabulary, never a list of known breaks:
 *  - the fixed vocabulary of the form (headings, block labels, the issues lead-in, decision words,
 *    the partial-authorization phrases) is matched with the blanks taken out, so a broken
 *    heading or label is still found (squeezed.ts);
 *  - in a short value (a request, a partial-authorization part, the patient's opening sentence),
 *    two neighbouring pieces are joined when the joined word is a word of the fixed vocabulary or
 *    is written whole in the letter's own nearby text (the item's rationale restates the request),
 *    and neither piece alone is a word there. A piece that could belong to two words is left as
 *    it is (the caller decides what that means for its field).
 */
import type { Knowledge } from './knowledge';
import { bundledVocabularyFile } from './categories/vocabulary/bundled';
import { Joined } from './text';
import { isAsciiLetter, isDigitCode } from './collapse';

/** Words of the form's fixed phrases (the partial-authorization sentences, item prefixes). */
const FORM_WORDS: ReadonlySet<string> = new Set(
  'original request authorized claims administrator remaining eligible portion leaving associated surgical service retrospective upheld overturned'.split(' '),
);

/** Words of the form that values are read with (lower case). */
const FIXED_WORDS: ReadonlySet<string> = new Set(
  [
    'was the original request authorized by the claims administrator remaining imr eligible portion of',
    'leaving associated surgical service retrospective prospective upheld overturned',
    'year years old male female man woman gentleman lady injured worker applicant claimant patient',
    'times visits sessions weeks week months month days day hours hour daily request requests',
    'one two three four five six seven eight nine ten eleven twelve twice',
  ]
    .join(' ')
    .split(' '),
);

/**
 * The words of a fixed phrase of the form as an expression's source: blanks (line breaks too)
 * between the words, and one blank allowed inside any word, as tools that break words by spaces
 * print them ("was th e original request", "Claims Administrato r"); characters that mean something
 * in an expression stand for themselves ("State(s)"). Each blank inside a word is
 * optional and stands between two fixed letters, so a match is tried once at each start.
 */
export function brokenPhrase(words: string): string {
  return words
    .split(' ')
    .map((w) => [...w].map((c) => c.replace(/[.*+?^${}()|[\]\\/]/, '\\$&')).join('[ \\t]?'))
    .join('\\s+');
}

export interface Rejoined {
  readonly text: string;
  /** For each character of `text`, the index in the input it came from; null when `text` is the input. */
  readonly from: readonly number[] | null;
}

/**
 * `s` (blanks already collapsed to single spaces) with pieces of broken words joined. Two
 * neighbouring pieces of letters are joined when the joined word is known (a word of the form, a
 * whole word of `nearby`, the letter's own text around the value, or written whole elsewhere in
 * `s`) and neither piece is; when one piece is a word itself ("fe male"), only when the letter
 * writes the joined word whole. Spaces before a hyphen or slash that starts a token ("7 -10",
 * "L5 -S1", "X -ray") and after one that ends a token ("2- 3", "(electromyography)/ NCV") are
 * taken out: no letter writes a value so. Linear in `s` and `nearby`.
 */
export function rejoinWords(
  s: string,
  nearby: string,
  vocabularies: readonly WordSet[] = [],
  writtenWhole: readonly WordSet[] = [],
  years = false,
): Rejoined {
  const drops = joinPoints(s, nearby, vocabularies, writtenWhole, years);
  if (!drops) return { text: s, from: null };
  // The map back: each character of the result is the input's next one not dropped.
  const from: number[] = [];
  let j = 0;
  for (let i = 0; i < s.length; i++) {
    if (j < drops.length && drops[j] === i) j++;
    else from.push(i);
  }
  return { text: without(s, drops), from };
}

/** `s` without the characters at the (ascending) positions `drops`. */
function without(s: string, drops: readonly number[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const d of drops) {
    parts.push(s.slice(at, d));
    at = d + 1;
  }
  parts.push(s.slice(at));
  return parts.join('');
}

/**
 * Where `rejoinWords` joins pieces: the positions in `s` of the spaces it takes out (ascending),
 * or null when it takes out none. One pass over the pieces; each is read a constant number of
 * times (its first and last characters, its letters at most 40 deep).
 */
function joinPoints(
  s: string,
  nearby: string,
  vocabularies: readonly WordSet[],
  writtenWhole: readonly WordSet[],
  years: boolean,
): number[] | null {
  if (s.indexOf(' ') < 0) return null;
  let near: WordSet | null = null;
  let own: WordSet | null = null;
  const inNearby = (w: string) => {
    const lw = w.toLowerCase();
    return (near ??= wordsOf(nearby)).has(lw) || vocabularies.some((v) => v.has(lw));
  };
  // A word of the form or of the vocabularies (not of the nearby text).
  const inVocabulary = (w: string) => {
    const lw = w.toLowerCase();
    return FIXED_WORDS.has(lw) || vocabularies.some((v) => v.has(lw));
  };
  // A piece is a word when the form or the nearby text has it; the value's own text does not
  // count (it holds the piece itself), but it may write the joined word whole elsewhere.
  // A single letter is no word but "a" and "I": elsewhere it is a piece of a broken word ("th e",
  // "femal e"), which the nearby text of a letter that breaks words holds many of.
  // Two letters are a word when they are one in English (or a unit) or, in capitals, written so
  // nearby ("UR", "PT"): a text that breaks words is full of other two-letter pieces ("ma le",
  // "le ft"), which its nearby text holds as often as the whole words.
  const twoLetterWord = (w: string) => TWO_LETTER_WORDS.has(w.toLowerCase()) || (isCapitals(w) && inNearby(w));
  const known = (w: string) => (w.length > 2 ? inVocabulary(w) || inNearby(w) : w.length === 2 ? twoLetterWord(w) : isWordLetter(w.charCodeAt(0)));
  // A piece that is a word by the form, the vocabularies or English alone, not by the nearby text.
  const vocabularyWord = (w: string) => (w.length > 2 ? inVocabulary(w) : w.length === 2 ? twoLetterWord(w) || inVocabulary(w) : isWordLetter(w.charCodeAt(0)));
  const inOwn = (w: string) => {
    const lw = w.toLowerCase();
    return (own ??= wordsOf(s)).has(lw) || writtenWhole.some((v) => v.has(lw));
  };
  // Whether a joined word is a word at all: of the form, of the nearby text or written whole.
  const isWord = (w: string) => FIXED_WORDS.has(w.toLowerCase()) || inNearby(w) || inOwn(w);
  // Whether piece `p` (ending at `end`), no word itself, makes a word with the piece after it
  // that is no word either ("for th ree": "th" joins "ree", not "for").
  const joinsNext = (p: string, end: number): boolean => {
    if (end >= s.length || trailingLetters(p) !== p) return false;
    let next = s.indexOf(' ', end + 1);
    if (next < 0) next = s.length;
    const head = leadingLetters(s.slice(end + 1, next));
    return head !== '' && !known(head) && isWord(p + head);
  };
  let drops: number[] | null = null;
  // The output piece being built (the previous pieces joined into it) and the one before it.
  let prev = '';
  let before = '';
  let havePrev = false;
  let at = 0;
  while (at <= s.length) {
    let end = s.indexOf(' ', at);
    if (end < 0) end = s.length;
    const p = s.slice(at, end);
    let join = false;
    if (havePrev && p.length > 0) {
      // The letters that end the previous piece and begin this one ("Pre-oper" + "ative,").
      const tail = trailingLetters(prev);
      const head = tail ? leadingLetters(p) : '';
      const last = prev.charCodeAt(prev.length - 1);
      const first = p.charCodeAt(0);
      if (tail && head) {
        const joined = tail + head;
        if (FORM_WORDS.has(joined.toLowerCase())) {
          // A word of the form's fixed phrases ("Claims A dministrator"): its context is fixed.
          join = !(known(tail) && known(head));
        } else if (inVocabulary(joined) && !(vocabularyWord(tail) && vocabularyWord(head)) && !joinsNext(p, end)) {
          // A word of the form or of a vocabulary (a drug, a body part: "shou lder", "the rapy",
          // "we eks") of which one piece at most is a word by the same measure: joined even where
          // the nearby text holds the same pieces (a rationale that restates the request broken
          // the same way).
          join = true;
        } else if (isWord(joined)) {
          const kp = known(tail);
          const kn = known(head);
          join = !(kp || kn) || (!(kp && kn) && (inNearby(joined) || inOwn(joined)) && !(kp && joinsNext(p, end)));
        }
      } else if (p.length > 1 && (first === 45 || first === 47) && isAlnumCode(p.charCodeAt(1)) && (isAlnumCode(last) || last === 41 || last === 37)) {
        // "7 -10", "L5 -S1", "X -ray": a hyphen or slash that starts a token.
        join = true;
      } else if (isClosingPiece(p) && (isAlnumCode(last) || last === 41)) {
        // Closing punctuation alone after a word ("Tricyclics .", "Section(s ):") or the plural
        // mark ("Section (s):"): no letter writes them so.
        join = true;
      } else if (years && isYearHalves(prev, p) && isAsciiLetter(before.charCodeAt(before.length - 1))) {
        // A year broken by a space after a name ("Complaints 200 4,"), when asked for.
        join = true;
      } else if (prev.length > 1 && (last === 45 || last === 47) && isEndOfTokenCode(prev.charCodeAt(prev.length - 2)) && (isAlnumCode(first) || first === 40)) {
        // "2- 3", "(electromyography)/ NCV": a hyphen or slash that ends a token.
        join = true;
      }
    }
    if (join) {
      (drops ??= []).push(at - 1);
      prev += p;
    } else {
      if (havePrev) before = prev;
      prev = p;
      havePrev = true;
    }
    at = end + 1;
  }
  return drops;
}

/** English words of two letters, and units a letter writes in lower case. */
const TWO_LETTER_WORDS: ReadonlySet<string> = new Set(
  'am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we mg ml cm mm kg lb ft hr'.split(' '),
);

/** Two capital letters. */
function isCapitals(w: string): boolean {
  const a = w.charCodeAt(0);
  const b = w.charCodeAt(1);
  return a >= 65 && a <= 90 && b >= 65 && b <= 90;
}

/** "a" or "I" (either case): the letters that are words of their own. */
function isWordLetter(c: number): boolean {
  return c === 97 || c === 65 || c === 105 || c === 73;
}

function isAlnumCode(c: number): boolean {
  return isAsciiLetter(c) || (c >= 48 && c <= 57);
}

/** A letter, digit, `)` or `%`. */
function isEndOfTokenCode(c: number): boolean {
  return isAlnumCode(c) || c === 41 || c === 37;
}

/** . , ; : */
function isStopCode(c: number): boolean {
  return c === 46 || c === 44 || c === 59 || c === 58;
}

/** A piece of closing punctuation only (`.`, `):`), or the plural mark with any after it (`(s):`). */
function isClosingPiece(p: string): boolean {
  let k = 0;
  if (p.startsWith('(s)')) k = 3;
  else if (p.length === 0) return false;
  for (; k < p.length; k++) {
    const c = p.charCodeAt(k);
    if (!isStopCode(c) && c !== 41) return false;
  }
  return true;
}

/** "200" + "4," (or "20" + "16"): the first half of a year and its second half, four digits in all. */
function isYearHalves(prev: string, p: string): boolean {
  if (prev.length < 2 || prev.length > 4 || p.length < 1 || p.length > 3) return false;
  const c0 = prev.charCodeAt(0);
  const c1 = prev.charCodeAt(1);
  if (!((c0 === 49 && c1 === 57) || (c0 === 50 && c1 === 48))) return false; // 19 or 20
  for (let k = 2; k < prev.length; k++) if (!isDigitCode(prev.charCodeAt(k))) return false;
  let digits = p.length;
  if (isStopCode(p.charCodeAt(p.length - 1))) digits--;
  if (digits < 1 || digits > 2) return false;
  for (let k = 0; k < digits; k++) if (!isDigitCode(p.charCodeAt(k))) return false;
  return prev.length + digits === 4;
}

/** The whole words of `s` (runs of letters), lower case. Linear. */
export function wordsOf(s: string): Set<string> {
  const out = new Set<string>();
  for (const m of s.toLowerCase().matchAll(/[a-z]+/g)) out.add(m[0]);
  return out;
}

/**
 * A normalised region (see text.ts) with words broken by spaces joined as `rejoinWords` does,
 * mapped to the same source offsets: what the citation scanner reads in a letter whose tool
 * breaks words. `guidelines`: the words of the guideline names and topics; `letter`: the words
 * the letter writes (its broken pieces among them, so they only tell a joined word is written whole).
 */
export function rejoinRegion(norm: Joined, guidelines: ReadonlySet<string>, letter: WordSet): Joined {
  const drops = joinPoints(norm.text, '', [guidelines], [letter], true);
  return drops ? norm.without(without(norm.text, drops), drops) : norm;
}

/** What a set of words is asked: whether it holds a word. */
export interface WordSet {
  has(word: string): boolean;
}

/** The words of text[from, to), read only when first asked (most texts never are). */
export function lazyWords(text: string, from: number, to: number): WordSet {
  let words: Set<string> | null = null;
  return { has: (w) => (words ??= wordsOf(text.slice(from, to))).has(w) };
}

/** The run of letters a piece ends with, when it is preceded by nothing, a hyphen or a slash. */
function trailingLetters(w: string): string {
  let k = w.length;
  while (k > 0 && isAsciiLetter(w.charCodeAt(k - 1))) k--;
  // After the piece's start, a hyphen or a slash ("45-ye", "5%/Amitrip", a compound's next part).
  if (k === w.length || (k > 0 && w.charCodeAt(k - 1) !== 45 && w.charCodeAt(k - 1) !== 47)) return '';
  return w.length - k <= 40 ? w.slice(k) : '';
}

/** The run of letters a piece begins with, when only punctuation follows it, a hyphen and the
 *  rest of a compound word ("ye" + "ar-old"), or a slash and a compound's next part. */
function leadingLetters(w: string): string {
  let k = 0;
  while (k < w.length && isAsciiLetter(w.charCodeAt(k))) k++;
  // Punctuation may follow, and the plural mark "(s)" ("Secti on(s):").
  if (k === 0 || k > 40) return '';
  // Or a hyphen and a word ("ar-old"), or a slash and a compound's next part ("tyline/Lidocaine", "tyline/5%").
  const c = w.charCodeAt(k);
  if (k < w.length && !isClosingPiece(w.slice(k)) && !(c === 45 && isAsciiLetter(w.charCodeAt(k + 1))) && !(c === 47 && k + 1 < w.length)) return '';
  return w.slice(0, k);
}

const GUIDELINE_WORDS = new WeakMap<Knowledge, ReadonlySet<string>>();

/** The words of the knowledge base's guideline titles, labels, topics and aliases (lower case). */
export function guidelineWords(kb: Knowledge): ReadonlySet<string> {
  let words = GUIDELINE_WORDS.get(kb);
  if (words) return words;
  const parts: string[] = [];
  for (const d of kb.documents) {
    parts.push(d.title, ...(d.labels ?? []));
    for (const e of d.entries) parts.push(e.topic, ...(e.aliases ?? []), ...(e.labels ?? []));
  }
  words = wordsOf(parts.join(' '));
  GUIDELINE_WORDS.set(kb, words);
  return words;
}

let REQUEST_WORDS: ReadonlySet<string> | null = null;

/**
 * The words of the bundled request vocabulary's terms: drug names (brand and generic), body parts,
 * the categories' words (lower case). A request's broken drug name ("Perc ocet") is joined
 * against them when the letter writes it whole nowhere. Made once, on first use.
 */
export function requestWords(): ReadonlySet<string> {
  if (REQUEST_WORDS) return REQUEST_WORDS;
  const v = bundledVocabularyFile() as {
    drugs?: { generic?: string; names?: string[] }[];
    bodyParts?: { terms?: string[] }[];
    categories?: { terms?: string[]; weakTerms?: string[] }[];
    perioperativeTerms?: string[];
    topicalTerms?: string[];
    patchTerms?: string[];
  };
  const parts: string[] = [...(v.perioperativeTerms ?? []), ...(v.topicalTerms ?? []), ...(v.patchTerms ?? [])];
  for (const d of v.drugs ?? []) parts.push(d.generic ?? '', ...(d.names ?? []));
  for (const b of v.bodyParts ?? []) parts.push(...(b.terms ?? []));
  for (const c of v.categories ?? []) parts.push(...(c.terms ?? []), ...(c.weakTerms ?? []));
  return (REQUEST_WORDS = wordsOf(parts.join(' ')));
}
