/**
 * The header table's tokens: the lines before the first section heading cut into labels (found by
 * the form's fixed wording wherever they stand, their words perhaps broken by spaces) and values
 * (typed: case number, date, other text, or a piece of one), in reading order. header.ts pairs them.
 */
import { collapseRange, isRegexSpace } from './collapse';
import { isDateShaped, isOcrDate } from './dates';
import { labelCut, labelsIn, mayOpenTail } from './header-labels';
import type { RawLabel } from './header-labels';
import { pair } from './header-pairing';
import { objectList } from './lists';
import type { HeaderKey, Span } from './types';
import { asciiHyphens } from './text';
import { HEADER_LABELS } from './vocabulary';

/** `piece`: a piece of a value, paired with no label (see `valueType`). */
export type ValueType = 'case' | 'date' | 'text' | 'piece';

/** Longest line prefix read for labels and values. */
const MAX_LINE = 400;
/** Most tokens (labels and values) read; a real table has fourteen. */
const MAX_TOKENS = 200;

export interface Token {
  /** Position in reading order. */
  readonly i: number;
  /** The label's field; null for a value. */
  readonly key: HeaderKey | null;
  readonly type: ValueType;
  readonly text: string;
  readonly span: Span;
  /** Index of the line it stands on. */
  readonly line: number;
  /** For a value: it directly follows a label that opens its cell on the same line. */
  readonly afterLabel: boolean;
}

export interface HeaderLines {
  readonly text: string;
  /** Where each line's content starts and ends (see `Line`). */
  readonly cs: Int32Array;
  readonly ce: Int32Array;
  /** Lines [0, limit) may hold the table (the first section heading, or a cap). */
  readonly limit: number;
  /** Whether line i is blank for the parser (directives included). */
  isBlank(i: number): boolean;
}

export const LABEL_DEF = new Map(HEADER_LABELS.map((d) => [d.key, d]));

/** Case numbers and dates inside a value run, blanks allowed around their "-" and "/". */
const TYPED_RE = /\b[A-Z]{2}[ \u00a0]?\d{2}[ \u00a0]*-[ \u00a0]*\d{4,8}\b|\b\d{1,2}[ \u00a0]*[/-][ \u00a0]*\d{1,2}[ \u00a0]*[/-][ \u00a0]*(?:\d{4}|\d{2})\b/gi;

const CM_START = /^CM\d/i;
const CASE_SHAPE = /^[A-Z]{2}\d{2}-\d+$/i;
const HAS_LETTER = /[A-Za-z]/;
const HAS_BLANK = /\s/;

/**
 * A value's type: a date, a case number, text, or a piece of a value (`piece`: the first part of a
 * case number, "CM16" or "CM16-", or a value with no letter that is no date: "-", "0221706"),
 * which a tool that cut a value in pieces leaves and which is the value of no label.
 */
function valueType(v: string): ValueType {
  if (isDateShaped(v)) return 'date';
  if (CM_START.test(v) || CASE_SHAPE.test(v)) return CASE_PIECE.test(v) && !WHOLE_CASE.test(v) ? 'piece' : 'case';
  if (!HAS_LETTER.test(v)) return 'piece';
  // A date read by OCR with a letter for a digit ("11/23/2O16", "20l6") is still the date's cell:
  // typed a date, so the table around it pairs as written (header.ts leaves its value empty).
  if (v.length > 10 || !isOcrDate(v)) return 'text';
  misreadDates++;
  return 'date';
}

/** How many values `valueType` typed a date read by OCR with a letter for a digit since `tokenize`
 *  began (it calls nothing that tokenizes). */
let misreadDates = 0;

/** The values a priority can have; a value column before its labels holds one of them. */
export const PRIORITY_WORD = /^(?:standard|expedited|urgent|regular)$/i;

type Value = { text: string; span: Span; type: ValueType };

/**
 * The values of text[s, e) when it holds values alone (case numbers, dates, pieces of them, or one
 * priority word), as a column of the table's values printed apart from its labels has them; null
 * when it holds anything else.
 */
function valuesAlone(text: string, s: number, e: number): Value[] | null {
  const vs = values(text, s, e);
  if (vs.length === 0) return null;
  for (const v of vs) if (v.type === 'text' && !(vs.length === 1 && PRIORITY_WORD.test(v.text))) return null;
  return vs;
}

/**
 * Whether text[s, e) holds values alone (see `valuesAlone`) and one of them is a case number:
 * letter splitting reads a merged file's values column printed before its labels so.
 */
export function valuesLine(text: string, s: number, e: number): 'case' | 'values' | null {
  const vs = valuesAlone(text, s, e);
  return !vs ? null : vs.some((v) => v.type === 'case') ? 'case' : 'values';
}

/** Whether text[s, e) holds values alone; if so they are added to `tokens` as values of line `li`. */
function leadingValues(text: string, s: number, e: number, tokens: Token[], li: number): boolean {
  const vs = valuesAlone(text, s, e);
  if (!vs) return false;
  for (const v of vs) tokens.push({ i: tokens.length, key: null, type: v.type, text: v.text, span: v.span, line: li, afterLabel: false });
  return true;
}

/** The table's labels and values in reading order, the first stray piece of a label, whether a
 *  label is written twice among them and whether a date is read by OCR with a letter for a digit
 *  (`misread`). */
export function tokenize(src: HeaderLines): { tokens: Token[]; stray: string | null; repeated: boolean; misread: boolean } {
  const { text, cs, ce, limit } = src;
  misreadDates = 0;
  const tokens: Token[] = [];
  let stray: string | null = null;
  let sawLabel = false;
  // The labels read, a bit per label of the form, and whether one is written twice.
  let seen = 0;
  let repeated = false;
  let prev = -1;
  for (let li = 0; li < limit && tokens.length < MAX_TOKENS; li++) {
    if (src.isBlank(li)) continue;
    const s = cs[li];
    const to = Math.min(ce[li], s + MAX_LINE);
    let labels = labelsIn(text, s, to);
    // A label a line break cut between its words ("... 11/23/2016 Date" / "of Injury: 10/16/2016"),
    // looked for on a line that opens with a letter a label's later word opens with.
    if (prev >= 0 && mayOpenTail(text.charCodeAt(s)) && (labels.length === 0 || labels[0].start > s)) {
      labels = withCutLabel(text, cs[prev], Math.min(ce[prev], cs[prev] + MAX_LINE), s, to, labels, tokens);
    }
    prev = li;
    // "Application" without "Received:" after it on this line or the next two is a stray piece of
    // the form's wording, like a "Received:" alone: neither a label nor a value.
    let keyed = false;
    for (let k = 0; k < labels.length; k++) {
      const r = labels[k];
      if (r.key === 'applicationReceived' && text.charCodeAt(r.end - 1) !== 58 && !receivedFollows(src, li, r.end)) labels[k] = { key: null, start: r.start, end: r.end, stray: true };
      else if (r.key !== null) keyed = true;
    }
    if (!sawLabel && !keyed) {
      // Text before the table is not a value; but a run of lines of values alone (a case number
      // among them), right before the first label, is the values column printed before the labels
      // column (pdfminer with boxes read in another order). Any other line drops the run.
      if (!leadingValues(text, s, to, tokens, li)) tokens.length = 0;
      continue;
    }
    if (!sawLabel && tokens.length && !tokens.some((t) => t.type === 'case')) tokens.length = 0;
    // A date or case number, or a piece of one, is still a value of the table (one too many is a
    // doubt, not text). The line's values are read once, for this and as the line's tokens.
    const lineValues = labels.length === 0 && sawLabel ? values(text, s, to) : null;
    if (lineValues && !lineValues.some((v) => v.type !== 'text')) {
      if (isPastTable(src, li, tokens)) break;
      // A sentence between labels ("Please see the determination below." after an e-mail's
      // "Subject: ... Case Number: ..."): what came before it is no part of the table, which starts
      // again after it. (A value of the table is never a sentence of lower-case words.)
      if (isSentence(text, s, to)) {
        tokens.length = 0;
        sawLabel = false;
        seen = 0;
        repeated = false;
        stray = null;
        continue;
      }
    }
    let cursor = s;
    let lastWasOpeningLabel = false;
    let prevWasLabel = false;
    for (const r of labels) {
      if (pushValues(values(text, cursor, r.start), tokens, li, lastWasOpeningLabel)) {
        lastWasOpeningLabel = false;
        prevWasLabel = false;
      }
      cursor = r.end;
      if (r.key === null) {
        // "Received:" ends an "Application" label; alone (or "Application" alone), a stray word.
        if (r.stray && sawLabel && stray === null) stray = collapseRange(text, r.start, r.end);
        lastWasOpeningLabel = false;
        continue;
      }
      sawLabel = true;
      const opens = !prevWasLabel;
      const def = LABEL_DEF.get(r.key)!;
      const bit = 1 << (def.column * 4 + def.row);
      if (seen & bit) repeated = true;
      seen |= bit;
      tokens.push({
        i: tokens.length,
        key: r.key,
        type: def.type,
        text: collapseRange(text, r.start, r.end),
        span: { start: r.start, end: r.end },
        line: li,
        afterLabel: false,
      });
      prevWasLabel = true;
      lastWasOpeningLabel = opens;
    }
    pushValues(lineValues ?? values(text, cursor, to), tokens, li, lastWasOpeningLabel);
  }
  return { tokens: joinBrokenValues(tokens), stray, repeated, misread: misreadDates > 0 };
}

/**
 * `labels`, the labels of line text[s, e), with the label a line break cut (`labelCut`) before
 * them when the line opens with its tail and the line before, text[ps, pe), ends with its head:
 * read whole on this line (its start is the head's, on the line before), and the head taken off
 * the values that end `tokens`. `labels` itself when there is none.
 */
function withCutLabel(text: string, ps: number, pe: number, s: number, e: number, labels: RawLabel[], tokens: Token[]): RawLabel[] {
  const cut = labelCut(text, ps, pe, s, e);
  if (!cut || !dropHead(tokens, cut.from, text)) return labels;
  const out: RawLabel[] = [{ key: cut.key, start: cut.from, end: cut.end, stray: false }];
  for (const r of labels) out.push(r);
  return out;
}

/**
 * Takes the head of a label cut by a line break (from offset `from` on) off the values that end
 * `tokens`: those after it are dropped, one it cuts keeps what comes before. False, and `tokens`
 * unchanged, when a label stands there.
 */
function dropHead(tokens: Token[], from: number, text: string): boolean {
  let k = tokens.length;
  while (k > 0 && tokens[k - 1].span.end > from) if (tokens[--k].key !== null) return false;
  const cut = k < tokens.length && tokens[k].span.start < from ? tokens[k] : null;
  tokens.length = k;
  const rest = cut ? text.slice(cut.span.start, from).trimEnd() : '';
  if (cut && rest) tokens.push({ ...cut, type: valueType(rest), text: rest, span: { start: cut.span.start, end: cut.span.start + rest.length } });
  return true;
}

/** Adds values `vs` of line `li` to `tokens`, the first one marked as written right after a label
 *  that opens its cell when `afterLabel`; whether there were any. */
function pushValues(vs: readonly Value[], tokens: Token[], li: number, afterLabel: boolean): boolean {
  for (let k = 0; k < vs.length; k++) {
    const v = vs[k];
    tokens.push({ i: tokens.length, key: null, type: v.type, text: v.text, span: v.span, line: li, afterLabel: afterLabel && k === 0 });
  }
  return vs.length > 0;
}

/** A case number or a date whole, and every piece a tool may cut one into (blanks taken out). */
const WHOLE_CASE = /^[A-Z]{2}\d{2}-\d{4,8}$/i;
const CASE_PIECE = /^[A-Z]{2}(?:\d{1,2}(?:-\d{0,8})?)?$/i;
const DATE_PIECE = /^\d{1,2}(?:[/-](?:\d{1,2}(?:[/-]\d{0,4})?)?)?$/;

/**
 * Values a tool cut into pieces on lines of their own ("CM16" / "-" / "0221706", "11/23/" /
 * "2016"), or on one line with a wide gap or a tab between them ("CM16  -0221706", a tool that
 * breaks words by spaces and keeps the letter's double spacing): consecutive values, each on the
 * line of the one before or at most one blank line after it, no label between them, that are
 * together a case number or a date and are not one alone, read as that one value. Any other run
 * of values stays as it is.
 */
function joinBrokenValues(tokens: Token[]): Token[] {
  let out: Token[] | null = null;
  for (let k = 0; k < tokens.length; k++) {
    const first = tokens[k];
    let joined: Token | null = null;
    let last = k;
    if (first.key === null && !WHOLE_CASE.test(first.text) && !isDateShaped(first.text) && (CASE_PIECE.test(first.text) || DATE_PIECE.test(first.text))) {
      let s = first.text.replace(/\s+/g, '');
      for (let j = k + 1; j < tokens.length && j <= k + 4; j++) {
        const t = tokens[j];
        const before = tokens[j - 1].line;
        if (t.key !== null || t.line < before || t.line > before + 2) break;
        s += t.text.replace(/\s+/g, '');
        if (WHOLE_CASE.test(s) || isDateShaped(s)) {
          joined = { ...first, type: WHOLE_CASE.test(s) ? 'case' : 'date', text: s, span: { start: first.span.start, end: t.span.end } };
          last = j;
          break;
        }
        if (!CASE_PIECE.test(s) && !DATE_PIECE.test(s)) break;
      }
    }
    if (joined) {
      out ??= tokens.slice(0, k);
      out.push(joined);
      k = last;
    } else if (out) out.push(first);
  }
  if (!out) return tokens;
  // Positions in reading order again.
  return out.map((t, i) => (t.i === i ? t : { ...t, i }));
}

/** A "Received:" follows offset `from` on line `li` or on one of the next two non-blank lines. */
function receivedFollows(src: HeaderLines, li: number, from: number): boolean {
  const { text, cs, ce } = src;
  const has = (s: number, e: number) => labelsIn(text, s, Math.min(e, s + MAX_LINE)).some((r) => r.key === null);
  if (has(from, ce[li])) return true;
  let seen = 0;
  for (let k = li + 1; k < src.limit && seen < 2; k++) {
    if (src.isBlank(k)) continue;
    seen++;
    if (has(cs[k], ce[k])) return true;
  }
  return false;
}

/**
 * A line without a label ends the table when every label already has a value and no label
 * stands in the next three non-blank lines (the paragraph after a missing heading, say).
 */
function isPastTable(src: HeaderLines, li: number, tokens: readonly Token[]): boolean {
  const forward = pair(tokens, false);
  for (const t of tokens) if (t.key !== null && forward.value[t.i] === undefined) return false;
  let seen = 0;
  for (let k = li + 1; k < src.limit && seen < 3; k++) {
    if (src.isBlank(k)) continue;
    seen++;
    const s = src.cs[k];
    if (labelsIn(src.text, s, Math.min(src.ce[k], s + MAX_LINE)).some((r) => r.key !== null)) return false;
  }
  return true;
}

/** A run of non-blank words with single blanks between them. */
const VALUE_RUN = /\S+(?:[ \u00a0]\S+)*/g;

/** What `values` gives for an empty range: one shared list, never added to. */
const NO_VALUES: Value[] = objectList();

/** The values in text[s, e): runs split at two or more blanks, then at each case number or date. */
function values(text: string, s: number, e: number): Value[] {
  // Nothing between two labels (or a label at the line's start) holds no value.
  if (e <= s) return NO_VALUES;
  let out = NO_VALUES;
  // A case number or date printed with another hyphen ("CM16\u20100221706"), or with the en or em
  // dash a word processor puts for one ("CM16\u20130221706"), is read with an ASCII one.
  const slice = asciiHyphens(text.slice(s, e), true);
  const runRe = VALUE_RUN;
  runRe.lastIndex = 0;
  // Found with `test` (no match array): a run begins at the first non-blank where the search began.
  for (let from = 0; runRe.test(slice); from = runRe.lastIndex) {
    while (isRegexSpace(slice.charCodeAt(from))) from++;
    const runStart = s + from;
    const run = slice.slice(from, runRe.lastIndex);
    const type = valueType(run);
    if (type === 'date' || (type === 'case' && !HAS_BLANK.test(run))) {
      out = withValue(out, { text: run, span: { start: runStart, end: runStart + run.length }, type });
      continue;
    }
    let pos = 0;
    TYPED_RE.lastIndex = 0;
    let t: RegExpExecArray | null;
    while ((t = TYPED_RE.exec(run))) {
      out = withPiece(out, run, runStart, pos, t.index);
      const joined = t[0].replace(/[ \u00a0]+/g, '');
      out = withValue(out, { text: joined, span: { start: runStart + t.index, end: runStart + t.index + t[0].length }, type: valueType(joined) });
      pos = t.index + t[0].length;
    }
    out = withPiece(out, run, runStart, pos, run.length);
  }
  return out;
}

/** `list` with `v` added: a list of its own in place of the shared empty one (a literal, which
 *  has the hidden class of an array of objects and room for just the one value most ranges hold). */
function withValue(list: Value[], v: Value): Value[] {
  if (list === NO_VALUES) return [v];
  list.push(v);
  return list;
}

/** `list` with run[a, b) added as a value when it holds more than blanks (trimmed). */
function withPiece(list: Value[], run: string, runStart: number, a: number, b: number): Value[] {
  const piece = run.slice(a, b);
  const lead = piece.length - piece.trimStart().length;
  const v = piece.trim();
  return v ? withValue(list, { text: v, span: { start: runStart + a + lead, end: runStart + a + lead + v.length }, type: valueType(v) }) : list;
}

/** Fewest words a line of prose between the table's labels has. */
const SENTENCE_WORDS = 4;

/** Whether text[s, e) reads as a sentence: four words or more, most of them in lower case. */
function isSentence(text: string, s: number, e: number): boolean {
  let words = 0;
  let lower = 0;
  let inWord = false;
  for (let k = s; k < e; k++) {
    const c = text.charCodeAt(k);
    if (isRegexSpace(c)) {
      inWord = false;
      continue;
    }
    if (!inWord) {
      words++;
      if (c >= 97 && c <= 122) lower++;
    }
    inWord = true;
  }
  return words >= SENTENCE_WORDS && lower * 2 > words;
}
