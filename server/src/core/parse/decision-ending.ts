/**
 * How a line ends an item heading: its decision word after a colon ("...: Upheld"), the word alone
 * on the line after a wrap, a misspelt or OCR'd word, a word broken by a space ("Uph eld"), or a
 * bare colon; and where the request before it stops.
 */
import { isRegexSpace } from '../collapse';
import { withoutFinalPeriod } from '../text';
import { squeezedDecision } from '../squeezed';
import type { Decision, Span } from '../types';
import { closestDecision, decisionOf } from '../vocabulary';
import type { LetterReader } from './reader';

export interface DecisionEnding {
  /** 'exact': ends in ": Upheld"; 'lone': the line is just the decision word; 'near': a misspelt
   *  decision word (after a colon, or alone on the line); 'bare': ends in a colon with no word. */
  kind: 'exact' | 'lone' | 'near' | 'bare';
  /** The word stands alone on its line (the heading wrapped before it). */
  alone: boolean;
  word: string;
  decision: Decision | null;
  /** Span of the decision word (empty at the colon for 'bare'). */
  wordSpan: Span;
  /** Offset where the request text stops (the colon, or " is:" before it). */
  requestEnd: number;
}

const LETTERS_ONLY = /^[A-Za-z]+$/;
/** The last colon of a heading line and the decision word after it. */
const COLON_DECISION = /^:[ \t\u00a0]*([A-Za-z][A-Za-z-]{1,24})?\.?$/;
const SPACE_IS = /\sis$/i;

/** How many characters at the end of a line a decision word and its colon are looked for in. */
const TAIL = 60;

/**
 * For lines [from, to): 1 where a colon lies in the line's last TAIL characters. Found by the
 * engine's forward search from colon to colon (few lines of an issues section have one), where a
 * backward scan of each line's tail read every character of most of the section.
 */
export function tailColons(r: LetterReader, from: number, to: number): Uint8Array {
  const out = new Uint8Array(Math.max(0, to - from));
  if (to <= from) return out;
  const { cs, ce, text } = r;
  const end = ce[to - 1];
  let i = from;
  for (let k = text.indexOf(':', cs[from]); k >= 0 && k < end; k = text.indexOf(':', k + 1)) {
    while (i < to && ce[i] <= k) i++;
    if (i === to) break;
    if (k >= cs[i] && k >= ce[i] - TAIL) {
      out[i - from] = 1;
      k = ce[i] - 1; // the line is marked: go on from its end
    }
  }
  return out;
}

/**
 * Recognises how a line ends an item heading. `tailColon`: whether a colon lies in the line's last
 * TAIL characters (`tailColons`).
 */
export function decisionEnding(r: LetterReader, i: number, tailColon: boolean): DecisionEnding | null {
  const cs = r.cs[i];
  const ce = r.ce[i];
  const tailStart = Math.max(cs, ce - TAIL);
  // Most lines of an issues section end with no colon in their tail: no string is made for them.
  if (ce - cs > 20 && !tailColon) return null;
  const tail = r.text.slice(tailStart, ce);
  // The whole line is the decision word (the heading wrapped before it).
  if (ce - cs <= 20) {
    const word = withoutFinalPeriod(tail.trim());
    const d = decisionOf(word) ?? squeezedDecision(word) ?? ocrDecision(word);
    const wordSpan = { start: cs, end: cs + word.length };
    if (d) return { kind: 'lone', alone: true, word, decision: d, wordSpan, requestEnd: cs };
    // A misspelt decision alone on its line ends a heading only where a block label follows.
    if (LETTERS_ONLY.test(word) && closestDecision(word)) return { kind: 'near', alone: true, word, decision: null, wordSpan, requestEnd: cs };
  }
  // Only the last colon can be followed by nothing but the decision word.
  const lastColon = tail.lastIndexOf(':');
  if (lastColon < 0) return null;
  const m = COLON_DECISION.exec(tail.slice(lastColon));
  if (!m) return ocrDecisionEnding(r, tail, tailStart, lastColon, cs) ?? brokenDecisionEnding(r, tail, tailStart, lastColon, cs);
  m.index = lastColon;
  const colon = tailStart + m.index;
  const requestEnd = requestEndBefore(r, colon, cs);
  if (!m[1]) {
    return { kind: 'bare', alone: false, word: '', decision: null, wordSpan: { start: colon + 1, end: colon + 1 }, requestEnd };
  }
  const word = m[1];
  const wordStart = tailStart + m.index + m[0].indexOf(word);
  const wordSpan = { start: wordStart, end: wordStart + word.length };
  const d = decisionOf(word);
  if (d) return { kind: 'exact', alone: false, word, decision: d, wordSpan, requestEnd };
  if (closestDecision(word)) return { kind: 'near', alone: false, word, decision: null, wordSpan, requestEnd };
  return null;
}

/**
 * The decision a word read by OCR gives when its digits that stand for look-alike letters ("1" and
 * "|" for "l", "0" for "o") are read as those letters: "Uphe1d" and "0verturned" are the decision
 * words; null for any other word (a word with no such digit is not looked at).
 */
export function ocrDecision(word: string): Decision | null {
  if (word.length < 6 || word.length > 12) return null;
  let folded = '';
  let changed = false;
  for (let k = 0; k < word.length; k++) {
    const c = word[k];
    const f = c === '1' || c === '|' ? 'l' : c === '0' ? 'o' : c;
    if (f !== c) changed = true;
    else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return null;
    folded += f;
  }
  return changed ? decisionOf(folded) : null;
}

/** A decision word read by OCR with a digit for a letter after the colon ("...: Uphe1d"). */
function ocrDecisionEnding(r: LetterReader, tail: string, tailStart: number, lastColon: number, lineStart: number): DecisionEnding | null {
  const after = tail.slice(lastColon + 1);
  const lead = after.length - after.trimStart().length;
  const word = withoutFinalPeriod(after.trim());
  const d = ocrDecision(word);
  if (!d) return null;
  const start = tailStart + lastColon + 1 + lead;
  const colon = tailStart + lastColon;
  return { kind: 'exact', alone: false, word, decision: d, wordSpan: { start, end: start + word.length }, requestEnd: requestEndBefore(r, colon, lineStart) };
}

/** A decision word broken by a space after the colon ("...: Uphe ld"). */
export function brokenDecisionEnding(r: LetterReader, tail: string, tailStart: number, lastColon: number, lineStart: number): DecisionEnding | null {
  const after = tail.slice(lastColon + 1);
  const lead = after.length - after.trimStart().length;
  const word = withoutFinalPeriod(after.trim());
  // Broken by a blank of any kind (a tab, or a no-break space where a text has those for spaces).
  let blank = false;
  for (let k = 1; k < word.length && !blank; k++) blank = isRegexSpace(word.charCodeAt(k));
  if (!blank) return null;
  const d = squeezedDecision(word);
  if (!d) return null;
  r.spaced = true;
  const start = tailStart + lastColon + 1 + lead;
  const colon = tailStart + lastColon;
  return { kind: 'exact', alone: false, word, decision: d, wordSpan: { start, end: start + word.length }, requestEnd: requestEndBefore(r, colon, lineStart) };
}

/** Where the request text stops: before the colon, and before an " is" right before it. */
export function requestEndBefore(r: LetterReader, colon: number, lineStart: number): number {
  let e = colon;
  while (e > lineStart && isRegexSpace(r.text.charCodeAt(e - 1))) e--;
  if (e - 3 >= lineStart && SPACE_IS.test(r.text.slice(e - 3, e))) {
    e -= 2;
    while (e > lineStart && isRegexSpace(r.text.charCodeAt(e - 1))) e--;
  }
  return e;
}
