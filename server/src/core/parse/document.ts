/**
 * The letter parser: text in, `Letter` out; a document split into its letters, and parsed again
 * after an edit by reading only the letters around the change.
 *
 * Contract (see README "Core"): it never throws, it runs in time linear in the text, every node
 * keeps its source span, and whatever it cannot recognise is left out and recorded as a problem.
 *
 * Shape of the work:
 *  1. split lines once into a table (`scanLineTable`), looking through the padding of double-spaced extractions;
 *  2. classify each line once (section heading, block label, header label, decision ending ...);
 *  3. cut the letter into sections at the headings;
 *  4. read the header table, credentials and case summary;
 *  5. cut the issues section into items, anchored on decision endings and block labels.
 * Every regular expression runs on one line's content, capped at `MAX_MATCH` characters, or on an
 * item heading, capped at `MAX_HEADING_CHARS`, so no expression sees unbounded input.
 */
import { detachInPlace, detachString } from '../analysis/detach';
import { doubleSpacedBy, LineStats, lineStats, LineTable, logicalLines, releaseTable, scanLineTable } from '../lines';
import { splitMergedLines } from '../merged';
import { TextSource, wholeText } from '../piece-text';
import { shiftLetter } from '../shift';
import type { Letter, Problem, Span } from '../types';
import { letterStarts } from './boundaries';
import { lostInitials } from './initials';
import { quotedLines } from './quoted';
import { readLetter } from './letter';
import { LocalLetter, ParsedDocument } from './parsed';

export { ParsedDocument } from './parsed';
export type { LocalLetter } from './parsed';

export function parseLetter(text: string): Letter {
  const doc = prepare(text);
  const letter = parseRange(text, doc, 0, doc.lines.length, { start: 0, end: text.length });
  releaseTable(doc.lines);
  return letter;
}

/**
 * Every letter in a text. A merged case file holds several letters one after another; each is
 * parsed over its own range (spans stay offsets into the whole text). A text with one letter, or
 * none, gives exactly one `Letter`, the same as `parseLetter`. Linear in the text.
 */
export function parseDocument(text: string): Letter[] {
  return [...parseDocumentAgain(text).kept];
}

/**
 * Where a new version of a text differs from the previous one: the previous text's
 * [start, oldEnd) was replaced by the new text's [start, newEnd). Everything before `start` and
 * after the ends is the same in both. An editor knows this from its change events.
 */
export interface TextChange {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/**
 * `parseDocument` for a new version of a text, reusing the letters of the previous version whose
 * own text did not change (moved by the edit's length when they come after it): after a keystroke
 * in a merged case file of hundreds of letters, one or two letters are parsed, not all. With the
 * `change`, only the lines around it are read again; without it, the whole text is split into
 * lines and letters are matched by their text. The result equals `parseDocument(text)`.
 */
export function parseDocumentAgain(text: string | TextSource, previous?: ParsedDocument, change?: TextChange): ParsedDocument {
  return runSteps(parseDocumentSteps(text, previous, change));
}

/**
 * `parseDocumentAgain` in steps: the generator pauses (yields) after the line scan and after each
 * letter it reads, and returns the same document. A caller can so spread the parse of a large
 * merged file over several turns of its event loop, or drop it when it is no longer wanted;
 * `runSteps` runs it to the end at once.
 */
export function* parseDocumentSteps(source: string | TextSource, previous?: ParsedDocument, change?: TextChange): Generator<void, ParsedDocument, void> {
  if (previous && change && previous.count > 1) {
    let quick: ParsedDocument | null = null;
    try {
      quick = reparseAround(source, previous, change);
    } catch {
      quick = null; // written not to throw; a full parse below keeps the promise if it ever does
    }
    if (quick) return quick;
  }
  const text = wholeText(source);
  const doc = prepare(text);
  const whole = { start: 0, end: text.length };
  if (doc.binary) return new ParsedDocument(text, [parseRange(text, doc, 0, doc.lines.length, whole)], [0], [-1], [null], false, null);
  const starts = letterStarts(text, doc.lines).starts;
  yield;
  // Previous letters by their text; only usable when the text was read the same way.
  let reusable: Map<string, number> | null = null;
  if (previous && previous.doubleSpaced === doc.doubleSpaced && starts.length > 1) {
    reusable = new Map();
    for (let j = 0; j < previous.count; j++) reusable.set(previous.text.slice(previous.start(j), previous.end(j)), j);
  }
  const kept: Letter[] = [];
  // Made at their length (pushed to, an empty list grows to seventeen slots for most texts' one letter).
  const moved: number[] = new Array(starts.length);
  const from: number[] = new Array(starts.length);
  const locals: (LocalLetter | null)[] = new Array(starts.length);
  for (let k = 0; k < starts.length; k++) {
    const first = starts[k];
    const to = k + 1 < starts.length ? starts[k + 1] : doc.lines.length;
    const range = {
      start: k === 0 ? 0 : doc.lines.start[first],
      end: k + 1 < starts.length ? doc.lines.start[to] : text.length,
    };
    const j = reusable?.size ? reusable.get(text.slice(range.start, range.end)) : undefined;
    if (previous && j !== undefined) {
      const delta = range.start - previous.start(j);
      const local = previous.locals[j];
      kept.push(carry(previous, j));
      moved[k] = previous.moved[j] + delta;
      from[k] = j;
      locals[k] = local ? { ...local, base: local.base + delta } : null;
    } else {
      kept.push(parseRange(text, doc, first, to, range));
      moved[k] = 0;
      from[k] = -1;
      locals[k] = null;
    }
    if (k + 1 < starts.length) yield;
  }
  // No letter keeps the line table (nor a view of it): its buffer is used again by the next parse.
  releaseTable(doc.lines);
  return new ParsedDocument(text, kept, moved, from, locals, doc.doubleSpaced, doc.stats);
}

/** Runs work written in steps (a generator that yields between them) to its end, and returns its result. */
export function runSteps<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * Whether letter k of a parsed document holds no string cut out of a whole text: it was carried
 * over (and so detached), or read in a window of its own (see `LocalLetter`).
 */
function ownsStrings(doc: ParsedDocument, k: number): boolean {
  return doc.from[k] >= 0 || doc.locals[k] !== null;
}

/**
 * Letter j of a previous version, kept for the next one (the same object: where it now stands is
 * the next version's `moved`). A letter carried to a later version keeps no string cut out of the
 * text it was read from: that would keep the old text alive (see analysis/detach.ts). Its strings
 * are copied the first time it is carried, not when it is parsed: most parses (the CLI, a document
 * opened and closed) are never carried. A letter read in a window, or carried before, owns its
 * strings already (`ownsStrings`).
 */
function carry(previous: ParsedDocument, j: number): Letter {
  const letter = previous.kept[j];
  if (!ownsStrings(previous, j)) detachInPlace(letter);
  return letter;
}

/**
 * The incremental path of `parseDocumentAgain`: reads again only the letters around the change
 * (from the letter before the one it starts in, up to the first later letter whose first line the
 * change did not touch and which still opens a letter) and carries the others over. Returns null
 * when it cannot promise the same result as a full parse (text with \r, binary text, a change
 * that makes the text double-spaced or not, a change that merges several letters); the caller
 * then parses the whole text.
 *
 * It reads only the part of each version around the change (`TextSource.slice`): the letters read
 * again are parsed in a window of the text cut out of it, then moved to where the window starts.
 */
function reparseAround(src: TextSource, previous: ParsedDocument, change: TextChange): ParsedDocument | null {
  const old = previous.text;
  const { start, oldEnd, newEnd } = change;
  const delta = newEnd - oldEnd;
  if (!previous.stats || !(start >= 0 && start <= oldEnd && start <= newEnd && oldEnd <= old.length && src.length - newEnd === old.length - oldEnd)) return null;
  // The previous text had no \r and was not binary: only the inserted text can bring a \r, and
  // only a change within the part that is probed can make the text look binary.
  if (src.slice(start, newEnd).indexOf('\r') >= 0 || (start < BINARY_PROBE && looksBinary(src.slice(0, BINARY_PROBE)))) return null;

  // The letters to read again: from the one before the letter the change starts in ...
  const count = previous.count;
  const i = previous.indexAt(start);
  const first = Math.max(0, i - 1);
  const from = previous.start(first);
  // ... to a later letter whose first line (and the line end before it) the change left alone and
  // which still opens a letter after the text read again.
  let next = i + 1;
  while (next < count && previous.start(next) <= oldEnd) next++;

  // The line counts: those of the old lines touched by the change out, those of the new ones in.
  // Letters start at line starts, so the lines touched lie between `from` and the start of letter
  // `next`; each version is read from two characters before `from` (the line before) to one after
  // that start (the line after).
  const base = Math.max(0, from - 2);
  const windowOf = (t: TextSource, end: number) => t.slice(base, Math.min(t.length, end + 1));
  const oldWindow = windowOf(old, next < count ? previous.start(next) : old.length);
  const newWindow = windowOf(src, next < count ? previous.start(next) + delta : src.length);
  const lineStart = start === 0 ? 0 : newWindow.lastIndexOf('\n', start - 1 - base) + 1 + base;
  const touched = (t: string, tLength: number, end: number) => {
    const at = lineStart - base;
    const eol = t.indexOf('\n', end - base);
    const to = eol < 0 ? t.length : eol + 1;
    const before = lineStart >= 2 && t.charCodeAt(at - 2) !== 10;
    const after = eol >= 0 && eol + 1 + base < tLength && t.charCodeAt(eol + 1) !== 10;
    return lineStats(linesIn(t, at, to, base + to === tLength), before, after);
  };
  const out = touched(oldWindow, old.length, oldEnd);
  const into = touched(newWindow, src.length, newEnd);
  const s = previous.stats;
  const stats: LineStats = {
    empty: s.empty - out.empty + into.empty,
    nonEmpty: s.nonEmpty - out.nonEmpty + into.nonEmpty,
    adjacentNonEmpty: s.adjacentNonEmpty - out.adjacentNonEmpty + into.adjacentNonEmpty,
  };
  const doubleSpaced = doubleSpacedBy(stats);
  if (doubleSpaced !== previous.doubleSpaced) return null;

  for (let tries = 0; tries < 3; tries++) {
    const to = next < count ? previous.start(next) + delta : src.length;
    // The letters read again, in a window of their own: offsets in it are `from` less. It is a
    // copy: kept with the letters read in it, a slice would keep the text it was cut from alive.
    const window = detachString(src.slice(from, to));
    const lines = logicalLines(linesIn(window, 0, window.length, to === src.length), doubleSpaced);
    const found = letterStarts(window, lines);
    if (next < count && !found.decided) {
      next++; // the carried letter's first line no longer opens a letter: read it too
      continue;
    }
    const doc: Prepared = { lines, doubleSpaced, binary: false, stats, spareUsed: 0 };
    const read = found.starts.map((at, k): LocalLetter => {
      const end = k + 1 < found.starts.length ? found.starts[k + 1] : lines.length;
      const range = { start: k === 0 ? 0 : lines.start[at], end: k + 1 < found.starts.length ? lines.start[end] : window.length };
      return { letter: parseRange(window, doc, at, end, range), text: window, base: from };
    });
    const parsed = read.map((l) => shiftLetter(l.letter, from, src.length));
    const carried = (j: number) => carry(previous, j);
    const after = range(next, count);
    return new ParsedDocument(
      src,
      [...range(0, first).map(carried), ...parsed, ...after.map(carried)],
      [...previous.moved.slice(0, first), ...parsed.map(() => 0), ...after.map((j) => previous.moved[j] + delta)],
      [...range(0, first), ...parsed.map(() => -1), ...after],
      [...previous.locals.slice(0, first), ...read, ...after.map((j) => previous.locals[j]).map((l) => (l && delta !== 0 ? { ...l, base: l.base + delta } : l))],
      doubleSpaced,
      stats,
    );
  }
  return null;
}

/** The numbers from `from` up to (not including) `to`. */
function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let k = from; k < to; k++) out.push(k);
  return out;
}

/**
 * The lines of text[from, to), where `from` is a line start and `to` a line start or the end
 * (`atEnd`: `to` is the end of the whole text, of which `text` may be a part).
 */
function linesIn(text: string, from: number, to: number, atEnd: boolean): LineTable {
  // After a final line terminator there is no line (as `scanLineTable` reads a whole text).
  if (atEnd && from === to && from > 0 && text.charCodeAt(from - 1) === 10) return NO_LINES;
  return scanLineTable(text, from, to);
}

const NO_LINES = new LineTable(new Int32Array(0), new Int32Array(0), new Int32Array(0), new Int32Array(0), new Uint8Array(0), 0);

interface Prepared {
  lines: LineTable;
  doubleSpaced: boolean;
  binary: boolean;
  stats: LineStats | null;
  /** How much of `lines.spare` the letters read so far took (`roomFor`). */
  spareUsed: number;
}

/** `n` zeroed bytes of room for what the lines of a letter are: from the table's spare bytes, or,
 *  when they are used up, an array of its own. */
function roomFor(doc: Prepared, n: number): Uint8Array {
  const spare = doc.lines.spare;
  const at = doc.spareUsed;
  if (at + n > spare.length) return new Uint8Array(n);
  doc.spareUsed = at + n;
  return spare.subarray(at, at + n);
}

function prepare(text: string): Prepared {
  const binary = looksBinary(text);
  const raw = binary ? NO_LINES : scanLineTable(text, 0, text.length, true);
  const stats = lineStats(raw);
  const doubleSpaced = doubleSpacedBy(stats);
  // Text with \r is split by different rules (lone \r ends a line): it is always read whole.
  const incremental = !binary && text.indexOf('\r') < 0;
  return { lines: logicalLines(raw, doubleSpaced), doubleSpaced, binary, stats: incremental ? stats : null, spareUsed: 0 };
}

function parseRange(text: string, doc: Prepared, from: number, to: number, range: Span): Letter {
  try {
    if (doc.binary) {
      return emptyLetter(text, range, [
        {
          code: 'not-text',
          severity: 'error',
          message: 'This file holds binary data, not letter text. Open the PDF with "IMR: Open PDF Letter" or a text extraction of it.',
          span: { start: 0, end: 0 },
        },
      ]);
    }
    // The letter's rows of the table, not a copy: reading the letter blanks its directive lines in
    // them (`LetterReader.blankLine`), which nothing reads again (letters are split before).
    const lines = doc.lines.rows(from, to);
    if (lostInitials(text, lines)) {
      return unread(
        text,
        range,
        'line-initials-missing',
        'Lines of this text have lost their first letter ("ase Number:", "ecision rationale:"): the tool that made it printed those letters apart, ' +
          'one to a line (pdfminer\'s pdf2txt -V does this). Nothing is read from it, since values would be cut or misplaced. ' +
          'Make the text again without that option, or open the PDF with "IMR: Open PDF Letter".',
      );
    }
    if (quotedLines(text, lines)) {
      return unread(
        text,
        range,
        'text-quoted',
        'The lines of this text start with ">", as a letter quoted in an e-mail reply has them. Nothing is read from it, since the marks ' +
          'would be read into its values. Take them out (the quick fix "Remove the quote marks" does), or open the letter\'s own file.',
      );
    }
    // Its strings are detached from the text when it is first carried to a later version (`carry`).
    const split = splitMergedLines(text, lines);
    // The lines of the line scan itself (no merged line split, no double spacing read through).
    const asWritten = split === lines && !doc.doubleSpaced;
    return readLetter(text, split, doc.doubleSpaced, range, roomFor(doc, 2 * split.length), asWritten);
  } catch (e) {
    // The parser is written not to throw; this keeps the promise even if a bug slips through.
    return emptyLetter(text, range, [
      {
        code: 'internal-error',
        severity: 'error',
        message: `The letter parser failed: ${e instanceof Error ? e.message : String(e)}`,
        span: { start: range.start, end: range.start },
      },
    ]);
  }
}

/** A letter of which nothing is read, for the reason given as an error at its start. */
function unread(text: string, range: Span, code: string, message: string): Letter {
  return emptyLetter(text, range, [{ code, severity: 'error', message, span: { start: range.start, end: range.start } }]);
}

function emptyLetter(text: string, range: Span, problems: Problem[]): Letter {
  return {
    range,
    format: 'unknown',
    layout: 'plain',
    isLetter: false,
    length: text.length,
    header: [],
    caseNumber: null,
    priority: null,
    dates: { assigned: null, decision: null, injury: null, urDenial: null, applicationReceived: null },
    reviewer: { licensure: [], specialties: [], span: null },
    patient: { age: null, sex: null, span: null },
    sections: [],
    items: [],
    pageBreaks: [],
    lastText: null,
    directives: [],
    problems,
  };
}

/** How much of a text `looksBinary` reads. */
const BINARY_PROBE = 65536;

/** NUL bytes or many control characters in the first 64 KB mean this is not text. */
function looksBinary(text: string): boolean {
  const n = Math.min(text.length, BINARY_PROBE);
  if (n === 0) return false;
  const probe = n === text.length ? text : text.slice(0, n);
  // Most texts hold none of the characters counted below, nor a NUL: one native pass over a run
  // of other characters (faster than a search for them) finds so.
  ORDINARY_RUN.lastIndex = 0;
  ORDINARY_RUN.test(probe);
  if (ORDINARY_RUN.lastIndex === n) return false;
  if (probe.indexOf('\u0000') >= 0) return true;
  // Control characters other than tab, line ends and form feed, and replacement characters
  // (undecodable bytes), counted natively.
  const control = probe.match(BINARY_CHARS)?.length ?? 0;
  return control / n > 0.05;
}

const BINARY_CHARS = /[\x01-\x08\x0e-\x1f\ufffd]/g;

/** A run of characters that are neither a NUL nor one of `BINARY_CHARS`, from `lastIndex` on. */
const ORDINARY_RUN = /[^\x00-\x08\x0e-\x1f\ufffd]*/y;
