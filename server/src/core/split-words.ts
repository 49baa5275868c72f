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
import type { BlockKind, Decision } from './types';
import { BLOCK_LABELS, decisionOf, HEADINGS, HeadingDef, ISSUES_LEAD_IN } from './vocabulary';

/** text[from, to) with every blank (and soft hyphen) removed, at most `max` characters of it. */
export function squeeze(text: string, from: number, to: number, max: number): string {
  let out = '';
  for (let i = from; i < to && out.length < max; i++) {
    const c = text.charCodeAt(i);
    if (isBlankCode(c) || c === 0xad) continue;
    out += text[i];
  }
  return out;
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
  const s = squeeze(text, cs, Math.min(ce, cs + 400), MAX_SQUEEZED);
  for (const l of SQUEEZED_LABELS) if (l.re.test(s)) return { kind: 'label', label: l.kind };
  if (SQUEEZED_LEAD_IN.test(s)) return { kind: 'leadIn' };
  if (ce - cs <= 160 && s.length < MAX_SQUEEZED) {
    for (const h of SQUEEZED_HEADINGS) if (h.re.test(s)) return { kind: 'heading', def: h.def };
  }
  return null;
}

/** The decision word `s` is once its blanks are taken out ("Uphe ld"), or null. */
export function squeezedDecision(s: string): Decision | null {
  if (s.length > 40) return null;
  return decisionOf(s.replace(/[\s\u00a0\u00ad]+/g, ''));
}

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
  /** For each character of `text`, the index in the input it came from. */
  readonly from: readonly number[];
}

/**
 * `s` (blanks already collapsed to single spaces) with pieces of broken words joined. Two
 * neighbouring pieces of letters are joined when the joined word is known (a word of the form,
 * or a whole word of `nearby`, the letter's own text around the value) and neither piece is;
 * when one piece is a word itself ("fe male"), only when `nearby` writes the joined word whole.
 * Spaces before a hyphen or slash that starts a token ("7 -10", "L5 -S1", "X -ray") and after
 * one that ends a token ("2- 3", "(electromyography)/ NCV") are taken out: no letter writes a
 * value so. Linear in `s` and `nearby`.
 */
export function rejoinWords(s: string, nearby: string): Rejoined {
  const identity = () => ({ text: s, from: Array.from({ length: s.length }, (_, k) => k) });
  if (s.indexOf(' ') < 0) return identity();
  let lower: string | null = null;
  const inNearby = (w: string) => hasWord((lower ??= nearby.toLowerCase()), w.toLowerCase());
  const known = (w: string) => FIXED_WORDS.has(w.toLowerCase()) || inNearby(w);
  // Pieces with their start offsets in s.
  const pieces: { t: string; at: number }[] = [];
  let at = 0;
  for (const t of s.split(' ')) {
    pieces.push({ t, at });
    at += t.length + 1;
  }
  const out: { t: string; from: number[] }[] = [];
  const span = (p: { t: string; at: number }) => Array.from({ length: p.t.length }, (_, k) => p.at + k);
  for (const p of pieces) {
    const prev = out.length ? out[out.length - 1] : null;
    if (prev && p.t.length > 0) {
      let join = false;
      if (isLetters(prev.t) && isLetters(p.t)) {
        const joined = prev.t + p.t;
        if (known(joined)) {
          const kp = known(prev.t);
          const kn = known(p.t);
          join = !(kp || kn) || (!(kp && kn) && inNearby(joined));
        }
      } else if (p.t.length > 1 && /^[-/][A-Za-z0-9]/.test(p.t) && /[A-Za-z0-9)]$/.test(prev.t)) join = true;
      else if (prev.t.length > 1 && /[A-Za-z0-9)][-/]$/.test(prev.t) && /^[A-Za-z0-9(]/.test(p.t)) join = true;
      if (join) {
        prev.t += p.t;
        prev.from.push(...span(p));
        continue;
      }
    }
    out.push({ t: p.t, from: span(p) });
  }
  if (out.length === pieces.length) return identity();
  const from: number[] = [];
  let text = '';
  for (const o of out) {
    if (text) {
      from.push(o.from.length ? o.from[0] - 1 : s.length);
      text += ' ';
    }
    text += o.t;
    from.push(...o.from);
  }
  return { text, from };
}

function isLetters(w: string): boolean {
  if (w.length === 0 || w.length > 40) return false;
  for (let i = 0; i < w.length; i++) if (!WORD_CHAR.test(w[i])) return false;
  return true;
}

/** `w` occurs in `s` as a whole word (not inside a longer run of letters). */
function hasWord(s: string, w: string): boolean {
  for (let i = s.indexOf(w); i >= 0; i = s.indexOf(w, i + 1)) {
    const before = i > 0 ? s.charCodeAt(i - 1) : 32;
    const after = i + w.length < s.length ? s.charCodeAt(i + w.length) : 32;
    if (!isLetterCode(before) && !isLetterCode(after)) return true;
  }
  return false;
}

const isLetterCode = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
