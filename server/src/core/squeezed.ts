/**
 * The fixed vocabulary of the form (headings, block labels, the issues lead-in, decision words)
 * matched with the blanks taken out: some PDF tools put a space wherever the gap between two
 * glyphs is wide (`MAXIMUS gui deline :`, `Uphe ld`), and a heading or label broken so is still
 * found. Each expression of the vocabulary is matched with its own blanks taken out; a line is
 * only tried when its first characters open one of them.
 */
import { isLigature, isRegexSpace, isSoftHyphen, isSpaceCode, isSqueezedOut, LIGATURES } from './collapse';
import { trieTable } from './trie';
import type { BlockKind, Decision } from './types';
import { BLOCK_LABELS, decisionOf, DECISIONS, HEADINGS, HeadingDef, ISSUES_LEAD_IN } from './vocabulary';

/** text[from, to) with every blank (and soft hyphen) removed, at most `max` characters of it. */
export function squeeze(text: string, from: number, to: number, max: number): string {
  // Runs of kept characters are copied as slices (one string per run, not one per character).
  let out = '';
  let i = from;
  while (i < to && out.length < max) {
    const c = text.charCodeAt(i);
    if (isSqueezedOut(c)) {
      i++;
      continue;
    }
    if (isLigature(c)) {
      out += LIGATURES[c - 0xfb00];
      i++;
      continue;
    }
    const run = i;
    const limit = Math.min(to, run + (max - out.length));
    while (i < limit && !isDropped(text.charCodeAt(i))) i++;
    out += text.slice(run, i);
  }
  return out;
}

/** A character `squeeze` leaves out or rewrites. */
function isDropped(c: number): boolean {
  return isSqueezedOut(c) || isLigature(c);
}

/** A vocabulary expression with its blanks taken out (`\s+`, `\s*`, spaces). */
function squeezedRe(re: RegExp): RegExp {
  return new RegExp(re.source.replace(/\\s[+*]| /g, ''), re.flags);
}

const SQUEEZED_HEADINGS: readonly { def: HeadingDef; re: RegExp }[] = HEADINGS.map((def) => ({ def, re: squeezedRe(def.re) }));
const SQUEEZED_LABELS: readonly { kind: BlockKind; re: RegExp }[] = BLOCK_LABELS.map((b) => ({ kind: b.kind, re: squeezedRe(b.re) }));
const SQUEEZED_LEAD_IN = squeezedRe(ISSUES_LEAD_IN);

/** Longest squeezed prefix of a line tested against the vocabulary. */
const MAX_SQUEEZED = 120;

/** How many characters of an expression's literal opening `SQUEEZED_OPENINGS` keeps: enough to
 *  tell the lines that open like a heading and go on otherwise ("The expert reviewer developed
 *  ...", "Medical Treatment Guidelines 2016 ...") from the heading, so that they are not tried. */
const OPENING_CHARS = 32;

/**
 * The literal openings (upper case, at most `OPENING_CHARS` characters) a squeezed line must start
 * with to match any squeezed vocabulary expression; null when some expression does not open with
 * a literal (then every line is tried). An alternation of literals expands into each of them.
 */
export const SQUEEZED_OPENINGS: readonly string[] | null = (() => {
  const out: string[] = [];
  for (const re of [...SQUEEZED_LABELS.map((l) => l.re), SQUEEZED_LEAD_IN, ...SQUEEZED_HEADINGS.map((h) => h.re)]) {
    const openings = literalOpenings(re.source);
    if (!openings) return null;
    out.push(...openings);
  }
  return out;
})();

/** The literal openings of an expression anchored with ^ (see `SQUEEZED_OPENINGS`). */
function literalOpenings(source: string): string[] | null {
  if (!source.startsWith('^') || topLevelAlternation(source)) return null;
  let acc = [''];
  let i = 1;
  const full = () => acc.every((a) => a.length >= OPENING_CHARS);
  while (i < source.length && !full()) {
    const c = source[i];
    let pieces: string[];
    let next: number;
    if (c === '\\' && i + 1 < source.length && !isWordChar(source[i + 1])) {
      pieces = [source[i + 1]];
      next = i + 2;
    } else if (isWordChar(c) || c === ':' || c === ',' || c === "'" || c === ' ') {
      pieces = [c];
      next = i + 1;
    } else if (source.startsWith('(?:', i)) {
      const close = source.indexOf(')', i);
      const body = close < 0 ? '' : source.slice(i + 3, close);
      pieces = body.split('|');
      if (body === '' || !pieces.every((p) => p !== '' && [...p].every(isWordChar))) break;
      next = close + 1;
    } else break;
    // A quantifier after the piece makes it optional or repeated: the opening stops before it.
    if (next < source.length && '?*+{'.includes(source[next])) break;
    acc = acc.flatMap((a) => pieces.map((p) => a + p.toUpperCase()));
    i = next;
  }
  acc = acc.map((a) => a.slice(0, OPENING_CHARS));
  return acc.some((a) => a.length === 0) ? null : acc;
}

/** An ASCII letter or digit. */
function isWordChar(c: string): boolean {
  const k = c.charCodeAt(0);
  return (k >= 48 && k <= 57) || (k >= 65 && k <= 90) || (k >= 97 && k <= 122);
}

/** Whether `source` has a | outside every group (then ^ anchors only its first branch). */
function topLevelAlternation(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/**
 * `SQUEEZED_OPENINGS` as a trie over the ASCII codes from the space to the underscore (upper case
 * letters, digits, punctuation), in a table: the state after state `s` reads code `c` is
 * `NEXT[s * 64 + c - 32]`, 0 when no opening goes on so (state 0 is the root, which no character
 * leads back to); `END[s]` is 1 where an opening is complete. Each line is read through it,
 * character by character, without making a string. Undefined when some expression opens with no
 * literal, or with a character out of that range: then every line is tried.
 */
interface Openings {
  readonly next: Int32Array;
  readonly end: Uint8Array;
}

const OPENINGS: Openings | undefined = SQUEEZED_OPENINGS && SQUEEZED_OPENINGS.every((o) => [...o].every((c) => c.charCodeAt(0) >= 32 && c.charCodeAt(0) < 96)) ? tableOf(SQUEEZED_OPENINGS) : undefined;

function tableOf(openings: readonly string[]): Openings {
  const t = trieTable(openings, 64, (c) => c - 32);
  const end = new Uint8Array(t.states);
  for (const s of t.ends) end[s] = 1;
  return { next: t.next, end };
}

/** The state after state `st` reads character `c` (a letter in any case); 0 when no opening goes on so. */
function stepOpening(t: Openings, st: number, c: number): number {
  if (c >= 97 && c <= 122) c -= 32;
  return c >= 32 && c < 96 ? t.next[st * 64 + c - 32] : 0;
}

/**
 * Whether `squeeze(text, from, to, OPENING_CHARS)` starts with one of `SQUEEZED_OPENINGS` (letters
 * in any case), read in place: the characters `squeeze` keeps (a ligature's letters for it) go
 * through the table as they come, without the squeezed string being made.
 */
function squeezedOpensLikeVocabulary(text: string, from: number, to: number): boolean {
  const t = OPENINGS;
  if (!t) return true;
  let st = 0;
  let kept = 0;
  for (let i = from; i < to && kept < OPENING_CHARS; i++) {
    const c = text.charCodeAt(i);
    if (isSqueezedOut(c)) continue;
    if (isLigature(c)) {
      const letters = LIGATURES[c - 0xfb00];
      kept += letters.length;
      for (let k = 0; k < letters.length; k++) {
        st = stepOpening(t, st, letters.charCodeAt(k));
        if (st === 0) return false;
        if (t.end[st] === 1) return true;
      }
      continue;
    }
    kept++;
    st = stepOpening(t, st, c);
    if (st === 0) return false;
    if (t.end[st] === 1) return true;
  }
  return false;
}

/**
 * Whether line content text[cs, ce), read as `collapse` reads it and then with its blanks taken
 * out, starts with one of `SQUEEZED_OPENINGS`: a few characters read before the line's content is
 * made. A line for which this is false matches no heading, block label or lead-in, in any form: each
 * of them, with its blanks taken out, starts with one of those openings.
 */
export function mayOpenVocabulary(text: string, cs: number, ce: number): boolean {
  const t = OPENINGS;
  if (!t) return true;
  let st = 0;
  for (let i = cs; i < ce; i++) {
    const c = text.charCodeAt(i);
    if (isSpaceCode(c) || isSoftHyphen(c)) continue;
    if (isLigature(c)) {
      const letters = LIGATURES[c - 0xfb00];
      for (let k = 0; k < letters.length; k++) {
        st = stepOpening(t, st, letters.charCodeAt(k));
        if (st === 0) return false;
        if (t.end[st] === 1) return true;
      }
      continue;
    }
    st = stepOpening(t, st, c);
    if (st === 0) return false;
    if (t.end[st] === 1) return true;
  }
  return false;
}

export type SqueezedMatch = { kind: 'heading'; def: HeadingDef } | { kind: 'label'; label: BlockKind } | { kind: 'leadIn' };

/**
 * The heading, block label or lead-in that line content text[cs, ce) is once its blanks are
 * taken out, or null. Headings must make up the whole line (at most 160 characters).
 */
export function matchSqueezed(text: string, cs: number, ce: number): SqueezedMatch | null {
  // Labels and the lead-in are known by their first 60 characters; only a short line can be a heading.
  const short = ce - cs <= 160;
  // A line whose opening is no expression's opening matches none (most lines tried here).
  if (!squeezedOpensLikeVocabulary(text, cs, Math.min(ce, cs + 400))) return null;
  const s = squeeze(text, cs, Math.min(ce, cs + 400), short ? MAX_SQUEEZED : 60);
  for (const l of SQUEEZED_LABELS) if (l.re.test(s)) return { kind: 'label', label: l.kind };
  if (SQUEEZED_LEAD_IN.test(s)) return { kind: 'leadIn' };
  if (short && s.length < MAX_SQUEEZED) {
    for (const h of SQUEEZED_HEADINGS) if (h.re.test(s)) return { kind: 'heading', def: h.def };
  }
  return null;
}

/** The lengths of the decision words in lower case (what `decisionOf` compares). */
const DECISION_LENGTHS: readonly number[] = DECISIONS.map((d) => d.toLowerCase().length);

/** The decision word `s` is once its blanks are taken out ("Uphe ld"), or null. */
export function squeezedDecision(s: string): Decision | null {
  if (s.length > 40) return null;
  // Only a word as long as a decision word once its blanks and soft hyphens are out can be one
  // (most words tried are not): counted without making the squeezed copy.
  let kept = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isRegexSpace(c) && c !== 0xad) kept++;
  }
  if (!DECISION_LENGTHS.includes(kept)) return null;
  return decisionOf(s.replace(/[\s\u00a0\u00ad]+/g, ''));
}
