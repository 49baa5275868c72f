/**
 * A disputed item's blocks (Claims Administrator guideline, MAXIMUS guideline, Decision
 * rationale): the label, the span, and the normalised text, which is built when first read; its
 * start (for the outline) and its hash (for letter identity) are read without building all of it.
 */
import { reducedHash, ReducedHash } from '../hash';
import { LineTable } from '../lines';
import { isRegexSpace } from '../collapse';
import { joinedBounds, joinLines } from '../text';
import type { Block, BlockKind, Span } from '../types';
import { BLOCK_LABELS } from '../vocabulary';
import { addLazy, askPending, NOT_PENDING } from './lazy';
import { LetterReader, MAX_MATCH } from './reader';

export function buildBlock(r: LetterReader, li: number, to: number): Block {
  const { lines, text } = r;
  const kind = r.labelKind(li)!;
  const cs = r.cs[li];
  const ce = r.ce[li];
  const matched = labelLength(text, cs, Math.min(ce, cs + MAX_MATCH), kind);
  // A label with broken words ("MAXIMUS gui deline :") ends at the line's first colon.
  // Searched in the line's own range: indexOf from the line on would read the rest of the text.
  let colon = cs;
  if (matched < 0) while (colon < ce && text.charCodeAt(colon) !== 58) colon++;
  const labelEnd = matched >= 0 ? cs + matched : colon < ce ? colon + 1 : cs;
  const end = r.lastContentEnd(li, to);
  const lastLine = r.lastNonBlank(li, to);
  const label = { start: cs, end: labelEnd };
  const span = { start: cs, end: Math.max(end, labelEnd) };
  const bounds = joinedBounds(text, lines, li, lastLine + 1, labelEnd);
  if (bounds === undefined) {
    const joined = joinLines(text, lines, li, lastLine + 1, labelEnd);
    return { kind, label, span, text: joined.text, textSpan: joined.text ? joined.fullSpan : { start: labelEnd, end: labelEnd } };
  }
  // The text itself is normalised when first read (its span is known without it).
  if (!bounds) return { kind, label, span, text: '', textSpan: { start: labelEnd, end: labelEnd } };
  // What the join reads of each line, its content start and end, kept as numbers (not the line
  // records) until it is read: the text does not depend on where a line starts before its content.
  // `labelEnd` first (see `BlockRows`). Lines the source holds as they are (the letter's lines are
  // its own, none blanked: see `LetterReader.linesAsWritten`) are kept as one row from the first
  // line's content to the last's: the join of that one row is the same text, the blanks and the
  // one line end between two lines being read as the space the join puts between them.
  const oneRow = blockRows.oneRow && r.linesAsWritten && !r.blanked && lastLine > li;
  const rows: number[] = new Array(oneRow ? 3 : (lastLine - li + 1) * 2 + 1);
  rows[0] = labelEnd;
  if (oneRow) {
    rows[1] = r.cs[li];
    rows[2] = r.ce[lastLine];
  } else {
    for (let k = li, j = 1; k <= lastLine; k++, j += 2) {
      rows[j] = r.cs[k];
      rows[j + 1] = r.ce[k];
    }
  }
  const block = { kind, label, span } as { kind: BlockKind; label: Span; span: Span; text: string; textSpan: Span };
  addLazy(block, 'text', blockText, text, rows);
  block.textSpan = bounds;
  return block;
}

/**
 * Whether a block whose lines are as written keeps them as one row (`buildBlock`); only the test
 * that holds the one-row texts to the line-by-line ones turns it off.
 */
export const blockRows = { oneRow: true };

/**
 * Each block label's words (lower case) when its expression is those words with blanks between
 * them and a colon after them (`^Decision\s+rationale\s*:`, case ignored): the label is then
 * matched in the text in place, without a copy of the line and a match array. Null: the expression.
 */
const LABEL_WORDS = new Map(BLOCK_LABELS.map((b) => [b.kind, wordsOf(b.re)]));

function wordsOf(re: RegExp): string[] | null {
  const m = /^\^([A-Za-z]+(?:\\s\+[A-Za-z]+)*)\\s\*:$/.exec(re.source);
  return m && re.flags === 'i' ? m[1].split('\\s+').map((w) => w.toLowerCase()) : null;
}

/** The length of the block label of `kind` that text[from, to) starts with (its expression's
 *  match), or -1. */
function labelLength(text: string, from: number, to: number, kind: BlockKind): number {
  const words = LABEL_WORDS.get(kind);
  if (!words) {
    const m = BLOCK_LABELS.find((b) => b.kind === kind)!.re.exec(text.slice(from, to));
    return m ? m[0].length : -1;
  }
  let i = from;
  for (let w = 0; w < words.length; w++) {
    if (w > 0) {
      const blanks = i;
      while (i < to && isRegexSpace(text.charCodeAt(i))) i++;
      if (i === blanks) return -1;
    }
    const word = words[w];
    if (to - i < word.length) return -1;
    // ASCII letters in either case (the only characters an ignore-case match takes for them).
    for (let k = 0; k < word.length; k++) if ((text.charCodeAt(i + k) | 0x20) !== word.charCodeAt(k)) return -1;
    i += word.length;
  }
  while (i < to && isRegexSpace(text.charCodeAt(i))) i++;
  return i < to && text.charCodeAt(i) === 58 ? i + 1 - from : -1;
}

/**
 * What a block's text is read from: where its label ends, then the content start and end of each
 * of its lines (line k's at 1 + 2k and 2 + 2k).
 */
type BlockRows = readonly number[];

/** How many lines `rows` holds. */
const lineCount = (rows: BlockRows) => (rows.length - 1) / 2;

/**
 * A block's pending text (`addLazy`): with `ask` undefined its text; with `HASH` its reduced hash,
 * or undefined when it is not ASCII (`blockTextHash`); with a length, the text's first that many
 * characters (`blockTextStart`). One function for every block, so a block read by nothing costs no
 * function of its own.
 */
function blockText(text: string, rows: BlockRows, ask: number | undefined, block: Block): string | undefined {
  return ask === undefined ? joinRows(text, rows, lineCount(rows)) : ask === HASH ? rowsHash(text, rows) : preview(text, rows, block, ask);
}

const HASH = -1;

/** `joinLines(...).text` over the first `count` lines of a block's rows, the first line read from
 *  the label's end, the last to `lastEnd`. */
function joinRows(text: string, rows: BlockRows, count: number, lastEnd?: number): string {
  // Each line starts where its content does (the join does not read the blanks before it).
  const cs = new Int32Array(count);
  const ce = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    cs[k] = rows[1 + k * 2];
    ce[k] = rows[2 + k * 2];
  }
  return joinLines(text, new LineTable(cs, ce, cs, ce, new Uint8Array(count), count), 0, count, rows[0], lastEnd).text;
}

/**
 * The beginning of a block's text without normalising all of it (the outline shows 80 characters of
 * blocks that can be megabytes long): the text up to a cut `budget` characters into the block is
 * normalised, and its first `length` characters kept when PREVIEW_MARGIN more follow them (what the
 * normaliser rewrites spans a few characters, so a cut that far on cannot change them); otherwise
 * the budget doubles, up to the whole block.
 */
function preview(text: string, rows: BlockRows, block: Block, length: number): string {
  const lines = lineCount(rows);
  for (let budget = length + 2 * PREVIEW_MARGIN; ; budget *= 2) {
    const cut = Math.max(rows[0], rows[1]) + budget;
    let count = 0;
    while (count < lines && rows[1 + count * 2] < cut) count++;
    if (count === lines && rows[count * 2] <= cut) return block.text.slice(0, length);
    const t = joinRows(text, rows, count, cut);
    if (t.length >= length + PREVIEW_MARGIN) return t.slice(0, length);
  }
}

/**
 * A block text's reduced hash (the letter identity reads it), made from the lines without
 * normalising them when they are ASCII: normalising ASCII text only changes blanks and line
 * breaks, which the hash leaves out. Undefined for other text (then the text is normalised).
 */
function rowsHash(text: string, rows: BlockRows): string | undefined {
  const h = new ReducedHash();
  for (let k = 1; k < rows.length; k += 2) {
    const s = k === 1 ? Math.max(rows[0], rows[1]) : rows[k];
    if (!h.add(text, s, rows[k + 1], true)) return undefined;
  }
  return h.finish();
}

/**
 * `reducedHash(block.text)` ('' for an empty text), made without normalising the text when it has
 * not been read yet and its lines are ASCII.
 */
export function blockTextHash(block: Block): string {
  const hash = askPending(block, 'text', HASH) as string | undefined | typeof NOT_PENDING;
  return (hash !== NOT_PENDING ? hash : undefined) ?? (block.text ? reducedHash(block.text) : '');
}

/** Characters of normalised text read past the preview's end (see `buildBlock`). */
const PREVIEW_MARGIN = 64;

/**
 * The first `length` characters of a block's text, equal to `block.text.slice(0, length)`: read
 * without normalising the whole text when the text has not been read yet.
 */
export function blockTextStart(block: Block, length: number): string {
  const start = length >= 0 ? askPending(block, 'text', length) : NOT_PENDING;
  return start !== NOT_PENDING ? (start as string) : block.text.slice(0, length);
}
