/**
 * Words broken by spaces. Some PDF tools (older pypdf among them) put a space wherever the gap
 * between two glyphs is wide: `MAXIMUS gui deline :`, `The Final Determina tion`, `Uphe ld`,
 * `requ est`, `a 36 y ear old`, `7 -10 days`.
 *
 * Two general remedies, both against a vocabulary, never a list of known breaks:
 *  - the fixed vocabulary of the form (headings, block labels, the issues lead-in, decision words,
 *    the partial-authorization phrases) is matched with the blanks taken out, so a broken
 *    heading or label is still found;
 *  - in a short value (a request, a partial-authorization part, the patient's opening sentence),
 *    two neighbouring pieces are joined when the joined word is a word of the fixed vocabulary or
 *    is written whole in the letter's own nearby text (the item's rationale restates the request),
 *    and neither piece alone is a word there. A piece that could belong to two words is left as
 *    it is (the caller decides what that means for its field).
 */
import { isBlankCode } from './lines';
import type { Knowledge } from './knowledge';
import { Joined } from './text';
import type { BlockKind, Decision } from './types';
import { BLOCK_LABELS, decisionOf, HEADINGS, HeadingDef, ISSUES_LEAD_IN } from './vocabulary';

/** text[from, to) with every blank (and soft hyphen) removed, at most `max` characters of it. */
export function squeeze(text: string, from: number, to: number, max: number): string {
  // Runs of kept characters are copied as slices (one string per run, not one per character).
  let out = '';
  let i = from;
  while (i < to && out.length < max) {
    const c = text.charCodeAt(i);
    if (isBlankCode(c) || c === 0xad || c === 0xfffe) {
      i++;
      continue;
    }
    if (c >= 0xfb00 && c <= 0xfb06) {
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

const LIGATURES = ['ff', 'fi', 'fl', 'ffi', 'ffl', 'st', 'st'];

/** A character `squeeze` leaves out or rewrites. */
function isDropped(c: number): boolean {
  return isBlankCode(c) || c === 0xad || c === 0xfffe || (c >= 0xfb00 && c <= 0xfb06);
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

export type SqueezedMatch = { kind: 'heading'; def: HeadingDef } | { kind: 'label'; label: BlockKind } | { kind: 'leadIn' };

/**
 * The heading, block label or lead-in that line content text[cs, ce) is once its blanks are
 * taken out, or null. Headings must make up the whole line (at most 160 characters).
 */
export function matchSqueezed(text: string, cs: number, ce: number): SqueezedMatch | null {
  // Labels and the lead-in are known by their first 60 characters; only a short line can be a heading.
  const short = ce - cs <= 160;
  const s = squeeze(text, cs, Math.min(ce, cs + 400), short ? MAX_SQUEEZED : 60);
  for (const l of SQUEEZED_LABELS) if (l.re.test(s)) return { kind: 'label', label: l.kind };
  if (SQUEEZED_LEAD_IN.test(s)) return { kind: 'leadIn' };
  if (short && s.length < MAX_SQUEEZED) {
    for (const h of SQUEEZED_HEADINGS) if (h.re.test(s)) return { kind: 'heading', def: h.def };
  }
  return null;
}

/** The decision word `s` is once its blanks are taken out ("Uphe ld"), or null. */
export function squeezedDecision(s: string): Decision | null {
  if (s.length > 40) return null;
  return decisionOf(s.replace(/[\s\u00a0\u00ad]+/g, ''));
}

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
    'times visits sessions weeks week months days hours daily request requests',
  ]
    .join(' ')
    .split(' '),
);

const WORD_CHAR = /[A-Za-z]/;

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
  vocabularies: readonly ReadonlySet<string>[] = [],
  writtenWhole: readonly ReadonlySet<string>[] = [],
  years = false,
): Rejoined {
  if (s.indexOf(' ') < 0) return { text: s, from: null };
  let near: ReadonlySet<string> | null = null;
  let own: ReadonlySet<string> | null = null;
  const inNearby = (w: string) => {
    const lw = w.toLowerCase();
    return (near ??= wordsOf(nearby)).has(lw) || vocabularies.some((v) => v.has(lw));
  };
  // A piece is a word when the form or the nearby text has it; the value's own text does not
  // count (it holds the piece itself), but it may write the joined word whole elsewhere.
  const known = (w: string) => FIXED_WORDS.has(w.toLowerCase()) || inNearby(w);
  const inOwn = (w: string) => {
    const lw = w.toLowerCase();
    return (own ??= wordsOf(s)).has(lw) || writtenWhole.some((v) => v.has(lw));
  };
  const pieces = s.split(' ');
  const out: string[] = [];
  /** Start offset in s of each output piece, and the pieces joined into it (for the map). */
  const starts: number[] = [];
  let joinedAny = false;
  let at = 0;
  for (const p of pieces) {
    const k = out.length - 1;
    if (k >= 0 && p.length > 0) {
      const prev = out[k];
      let join = false;
      // The letters that end the previous piece and begin this one ("Pre-oper" + "ative,").
      const tail = trailingLetters(prev);
      const head = tail ? leadingLetters(p) : '';
      if (tail && head) {
        const joined = tail + head;
        if (FORM_WORDS.has(joined.toLowerCase())) {
          // A word of the form's fixed phrases ("Claims A dministrator"): its context is fixed.
          join = !(known(tail) && known(head));
        } else if (FIXED_WORDS.has(joined.toLowerCase()) || inNearby(joined) || inOwn(joined)) {
          const kp = known(tail);
          const kn = known(head);
          join = !(kp || kn) || (!(kp && kn) && (inNearby(joined) || inOwn(joined)));
        }
      } else if (p.length > 1 && /^[-/][A-Za-z0-9]/.test(p) && /[A-Za-z0-9)%]$/.test(prev)) join = true;
      // Closing punctuation alone after a word ("Tricyclics .", "Section(s ):") or the plural mark
      // ("Section (s):"): no letter writes them so.
      else if (/^(?:[.,;:)]+|\(s\)[.,;:)]*)$/.test(p) && /[A-Za-z0-9)]$/.test(prev)) join = true;
      // A year broken by a space after a name ("Complaints 200 4,"), when asked for.
      else if (years && /^(?:19|20)\d{0,2}$/.test(prev) && /^\d{1,2}[.,;:]?$/.test(p) && /^\d{4}$/.test(prev + p.replace(/[.,;:]$/, '')) && /[A-Za-z]$/.test(out[k - 1] ?? '')) join = true;
      else if (prev.length > 1 && /[A-Za-z0-9)%][-/]$/.test(prev) && /^[A-Za-z0-9(]/.test(p)) join = true;
      if (join) {
        out[k] = prev + p;
        joinedAny = true;
        at += p.length + 1;
        continue;
      }
    }
    out.push(p);
    starts.push(at);
    at += p.length + 1;
  }
  if (!joinedAny) return { text: s, from: null };
  // The map back: each output piece copies the input from its start, skipping the blanks it lost.
  const from: number[] = [];
  for (let k = 0; k < out.length; k++) {
    if (k > 0) from.push(starts[k] - 1);
    let src = starts[k];
    for (let j = 0; j < out[k].length; j++) {
      while (s.charCodeAt(src) === 32) src++;
      from.push(src++);
    }
  }
  return { text: out.join(' '), from };
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
export function rejoinRegion(norm: Joined, guidelines: ReadonlySet<string>, letter: ReadonlySet<string>): Joined {
  const r = rejoinWords(norm.text, '', [guidelines], [letter], true);
  if (!r.from) return norm;
  const segNorm: number[] = [];
  const segSrc: number[] = [];
  const segSrcEnd: number[] = [];
  for (let k = 0; k < r.text.length; k++) {
    const src = norm.sourceOf(r.from[k]);
    segNorm.push(k);
    segSrc.push(src.start);
    segSrcEnd.push(src.end);
  }
  const end = norm.text.length ? norm.sourceOf(norm.text.length - 1).end : norm.fullSpan.end;
  return new Joined(r.text, segNorm, segSrc, segSrcEnd, end);
}

/** The run of letters a piece ends with, when it is preceded by nothing or by a hyphen. */
function trailingLetters(w: string): string {
  let k = w.length;
  while (k > 0 && WORD_CHAR.test(w[k - 1])) k--;
  if (k === w.length || (k > 0 && w[k - 1] !== '-')) return '';
  return w.length - k <= 40 ? w.slice(k) : '';
}

/** The run of letters a piece begins with, when only punctuation follows it. */
function leadingLetters(w: string): string {
  let k = 0;
  while (k < w.length && WORD_CHAR.test(w[k])) k++;
  // Punctuation may follow, and the plural mark "(s)" ("Secti on(s):").
  if (k === 0 || k > 40 || !/^(?:\(s\))?[.,;:)]*$/.test(w.slice(k))) return '';
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
