/**
 * Text normalisation that keeps a map back to the source: values in the model are shown with
 * whitespace collapsed, wrapped lines joined and mojibake repaired, but every character still knows
 * the source offset it came from.
 */
import { isLigature, isSoftHyphen, LIGATURES } from './collapse';
import { isBlankCode, LineTable } from './lines';
import { mojibakeAt } from './mojibake';
import type { Span } from './types';

/**
 * A normalised string and a map back to the source. The map is piecewise: a copied run maps
 * character k to source offset `src + k`; a substitute (one space for a run of blanks, a repaired
 * mojibake character) maps all its characters to the source range it replaced.
 */
export class Joined {
  constructor(
    readonly text: string,
    /**
     * The segments, three numbers each (one array, not one per number kind: most joins have a
     * few segments): the normalised offset where it starts (ascending), the source offset where
     * it starts, and for a substitute the source offset where what it replaced ends (-1 for a
     * copied run).
     */
    private readonly segs: readonly number[],
    private readonly endOffset: number,
  ) {}

  /** Where the segment that holds normalised character k starts in `segs`. */
  private segmentOf(k: number): number {
    const n = this.segs;
    let lo = 0;
    let hi = n.length / 3 - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (n[mid * 3] <= k) lo = mid;
      else hi = mid - 1;
    }
    return lo * 3;
  }

  /** Source range [start, end) of normalised character k. */
  sourceOf(k: number): Span {
    return { start: this.sourceStart(k), end: this.sourceEnd(k) };
  }

  /** `sourceOf(k).start`, without making the span. */
  sourceStart(k: number): number {
    const n = this.segs;
    const at = this.segmentOf(k);
    return n[at + 2] >= 0 ? n[at + 1] : n[at + 1] + (k - n[at]);
  }

  /** `sourceOf(k).end`, without making the span. */
  sourceEnd(k: number): number {
    const n = this.segs;
    const at = this.segmentOf(k);
    return n[at + 2] >= 0 ? n[at + 2] : n[at + 1] + (k - n[at]) + 1;
  }

  /** Source span of the normalised range [from, to). */
  span(from: number, to: number): Span {
    const len = this.text.length;
    if (len === 0) return { start: this.endOffset, end: this.endOffset };
    const f = Math.max(0, Math.min(from, len - 1));
    const t = Math.max(f + 1, Math.min(to, len));
    return { start: this.sourceStart(f), end: this.sourceEnd(t - 1) };
  }

  get fullSpan(): Span {
    return this.span(0, this.text.length);
  }

  /**
   * This text without the characters at the (ascending) positions `drops`, given as `text`, with
   * the map back to the source carried over: one pass over the segments and the positions.
   */
  without(text: string, drops: readonly number[]): Joined {
    const segs: number[] = [];
    const n = this.segs;
    const len = this.text.length;
    let j = 0;
    for (let i = 0; i < n.length; i += 3) {
      const a = n[i];
      const b = i + 3 < n.length ? n[i + 3] : len;
      if (b <= a) continue;
      if (n[i + 2] >= 0) {
        // A substitute: whatever of it is left maps to the range it replaced.
        const out = a - j;
        const before = j;
        while (j < drops.length && drops[j] < b) j++;
        if (b - a > j - before) segs.push(out, n[i + 1], n[i + 2]);
        continue;
      }
      // A copied run: cut where characters were dropped.
      let cur = a;
      while (j < drops.length && drops[j] < b) {
        if (drops[j] > cur) segs.push(cur - j, n[i + 1] + (cur - a), -1);
        cur = drops[j] + 1;
        j++;
      }
      if (cur < b) segs.push(cur - j, n[i + 1] + (cur - a), -1);
    }
    if (segs.length === 0) segs.push(0, this.endOffset, -1);
    return new Joined(text, segs, this.endOffset);
  }
}

/**
 * What normalising must rewrite: a run of two or more spaces, any blank other than a plain space
 * (line breaks and form feeds included), a possible mojibake lead character, a ligature, or a
 * hyphen other than the ASCII one. Everything else is copied as it is, in slices.
 */
const SPECIAL = /[\t\n\r\f\v\u00a0\ufeff\u200b\u00c2-\u00f4\u00ad\ufffe\ufb00-\ufb06\u2010-\u2012\u2212]|  +/g;

/**
 * The hyphens a PDF tool may print for a hyphen glyph (U+2010 hyphen, U+2011 non-breaking hyphen,
 * U+2012 figure dash, U+2212 minus sign): read as "-", so that "CM16\u20100221706", "44\u2010year\u2010old"
 * and "98\u201099" read as the letter means them. The en and em dashes stay as they are: letters
 * write them as such.
 */
function isOtherHyphen(c: number): boolean {
  return (c >= 0x2010 && c <= 0x2012) || c === 0x2212;
}

/** `s` with those hyphens made ASCII ones, and with `dashes` the en and em dashes too (in the
 *  header table, where they stand only inside a case number or a date for a word processor's
 *  hyphen): the same length, so offsets into it stay as they were. */
export function asciiHyphens(s: string, dashes = false): string {
  for (let i = 0; i < s.length; i++) {
    if (!isHyphenFor(s.charCodeAt(i), dashes)) continue;
    let out = s.slice(0, i);
    for (let k = i; k < s.length; k++) out += isHyphenFor(s.charCodeAt(k), dashes) ? '-' : s[k];
    return out;
  }
  return s;
}

/** One of the other hyphens, or with `dashes` an en or em dash. */
function isHyphenFor(c: number, dashes: boolean): boolean {
  return isOtherHyphen(c) || (dashes && (c === 0x2013 || c === 0x2014));
}

function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isBreakCode(c: number): boolean {
  return c === 10 || c === 13 || c === 12;
}

/** The segments of an empty join: one shared list, never added to. */
const NO_SEGMENTS: number[] = [];

/**
 * Builds a `Joined`: runs of text are copied as slices; a run of blanks becomes one space, or
 * nothing where a line break splits a hyphenated word ("follow-" / "up"); mojibake is repaired;
 * blanks at the start and end are dropped. The one normaliser of the core (the parser's values,
 * the citation scanner's regions).
 */
class JoinedBuilder {
  /** The text so far: its first piece alone, then (from the second on) every piece. */
  private first = '';
  private parts: string[] | null = null;
  /** Segments as `Joined` keeps them; the first one made as a literal (room for the one segment
   *  most joins have, not an empty list grown to seventeen slots). */
  private segs: number[] = NO_SEGMENTS;
  private n = 0;
  private last = 0; // last normalised code unit
  private beforeLast = 0;
  /** A blank run waiting for the next text: where it starts and whether it crosses a line. */
  private blankAt = -1;
  private blankBreaks = false;
  /** A soft hyphen ended the text so far: a line break after it joins the word. */
  private soft = false;

  constructor(private readonly text: string) {}

  /** Characters of normalised text so far (a pending blank not counted). */
  get length(): number {
    return this.n;
  }

  /** A blank run (or a line break between lines) at `src`. */
  blank(src: number, breaksLine: boolean): void {
    if (this.blankAt < 0) this.blankAt = src;
    if (breaksLine) this.blankBreaks = true;
  }

  /** Appends text[s, e), normalising what it holds. */
  append(s: number, e: number): void {
    const { text } = this;
    let run = s;
    const slice = text.slice(s, e);
    SPECIAL.lastIndex = 0;
    // Found with `test`, which makes no match array; where the match began is told by its end: a
    // run of spaces reaches back to the first space after where the search began, anything else
    // is one character.
    for (let from = 0; SPECIAL.test(slice); from = SPECIAL.lastIndex) {
      const end = SPECIAL.lastIndex;
      let start = end - 1;
      if (slice.charCodeAt(start) === 32) while (start > from && slice.charCodeAt(start - 1) === 32) start--;
      let i = s + start;
      if (i < run) continue;
      const c = text.charCodeAt(i);
      if (isSoftHyphen(c)) {
        // Dropped; before a line break it joins the word's two halves ("electro\uFFFE" / "myography").
        this.copy(run, i);
        run = i + 1;
        this.soft = true;
        continue;
      }
      if (isLigature(c)) {
        this.copy(run, i);
        this.substitute(LIGATURES[c - 0xfb00], i, i + 1);
        run = i + 1;
        continue;
      }
      if (isOtherHyphen(c)) {
        this.copy(run, i);
        this.substitute('-', i, i + 1);
        run = i + 1;
        continue;
      }
      if (c >= 0xc2 && c <= 0xf4) {
        const moj = mojibakeAt(text, i);
        if (moj && i + moj.length <= e) {
          this.copy(run, i);
          this.substitute(moj.repaired, i, i + moj.length);
          run = i + moj.length;
          SPECIAL.lastIndex = run - s;
        }
        continue;
      }
      // A run of blanks (of any kind); it may begin with plain spaces of the pending run.
      while (i > run && text.charCodeAt(i - 1) === 32) i--;
      this.copy(run, i);
      const at = i;
      let breaks = false;
      for (; i < e; i++) {
        const w = text.charCodeAt(i);
        if (isBreakCode(w)) breaks = true;
        else if (!isBlankCode(w)) break;
      }
      this.blank(at, breaks);
      run = i;
      SPECIAL.lastIndex = i - s;
    }
    // A part with nothing to normalise is the slice already made for the search.
    this.copy(run, e, run === s ? slice : undefined);
  }

  build(endOffset: number): Joined {
    return new Joined(this.parts ? this.parts.join('') : this.first, this.segs, endOffset);
  }

  /** Emits the pending blank before text starting with code `next`. */
  private flushBlank(next: number): void {
    if (this.blankAt < 0) return;
    const joinHyphen = this.blankBreaks && this.last === 45 /* - */ && this.n > 1 && isWordCode(this.beforeLast) && isWordCode(next);
    const joinSoft = this.soft && this.blankBreaks;
    if (this.n > 0 && !joinHyphen && !joinSoft) this.push(' ', this.blankAt, this.blankAt + 1);
    this.blankAt = -1;
    this.blankBreaks = false;
  }

  /**
   * Maps the characters about to be added at normalised offset `n` to the source from `a` on, one
   * to one: the last copied run goes on when it reaches `a`, else a run starts.
   */
  private mapRun(a: number): void {
    const g = this.segs;
    const k = g.length - 3;
    if (k >= 0 && g[k + 2] < 0 && g[k + 1] + (this.n - g[k]) === a) return;
    this.addSegment(a, -1);
  }

  /** Appends text[a, b) as it is (`piece`, when given, is that slice). */
  private copy(a: number, b: number, piece?: string): void {
    if (b <= a) return;
    this.flushBlank(this.text.charCodeAt(a));
    this.soft = false;
    this.addPiece(piece ?? this.text.slice(a, b));
    this.mapRun(a);
    this.n += b - a;
    this.beforeLast = b - a >= 2 ? this.text.charCodeAt(b - 2) : this.last;
    this.last = this.text.charCodeAt(b - 1);
  }

  /** A segment at the current normalised offset (see `Joined`). */
  private addSegment(src: number, srcEnd: number): void {
    if (this.segs === NO_SEGMENTS) this.segs = [this.n, src, srcEnd];
    else this.segs.push(this.n, src, srcEnd);
  }

  private addPiece(str: string): void {
    if (this.parts) this.parts.push(str);
    else if (this.n === 0) this.first = str;
    else this.parts = [this.first, str];
  }

  private substitute(str: string, a: number, b: number): void {
    this.flushBlank(str.charCodeAt(0));
    this.soft = false;
    this.push(str, a, b);
  }

  private push(str: string, a: number, b: number): void {
    this.addPiece(str);
    // One character for one (a line break or a tab read as a space) maps like a copied one.
    if (str.length === 1 && b === a + 1) this.mapRun(a);
    else this.addSegment(a, b);
    this.n += str.length;
    this.beforeLast = str.length >= 2 ? str.charCodeAt(str.length - 2) : this.last;
    this.last = str.charCodeAt(str.length - 1);
  }
}

/**
 * Normalises text[from, to): see `JoinedBuilder`. `hidden` (source spans in order, `Letter.hidden`)
 * are left out, each read as a line break. Linear in the range and the spans.
 */
export function normalizeRange(text: string, from: number, to: number, hidden?: readonly Span[]): Joined {
  const b = new JoinedBuilder(text);
  let at = from;
  if (hidden) {
    for (let k = firstEndingAfter(hidden, from); k < hidden.length && hidden[k].start < to; k++) {
      const h = hidden[k];
      if (h.start > at) b.append(at, h.start);
      b.blank(Math.max(h.start, at), true);
      at = Math.max(at, h.end);
    }
  }
  if (at < to) b.append(at, to);
  return b.build(to);
}

/** The first of `spans` (in order, not overlapping) that ends after `offset`. */
function firstEndingAfter(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Joins the visible content of `lines[from..to)` into one normalised string (see `JoinedBuilder`);
 * lines the parser treats as blank (directives among them) contribute nothing. `firstStart` lets
 * the first line start mid-line (after a label); `lastEnd` lets the last line stop early. With
 * `enough`, no line is added once the joined text holds that many characters: a caller that reads
 * only its first `enough` characters gets them as the whole join would give them (a line joined
 * later only adds text after them).
 */
export function joinLines(
  text: string,
  lines: LineTable,
  from: number,
  to: number,
  firstStart?: number,
  lastEnd?: number,
  enough = Infinity,
): Joined {
  const { start, cs, ce } = lines;
  const b = new JoinedBuilder(text);
  let endOffset = firstStart ?? (from < lines.length ? cs[from] : text.length);
  for (let li = from; li < to && b.length < enough; li++) {
    let s = li === from && firstStart !== undefined ? Math.max(firstStart, start[li]) : cs[li];
    let e = li === to - 1 && lastEnd !== undefined ? Math.min(lastEnd, ce[li]) : ce[li];
    while (s < e && isBlankCode(text.charCodeAt(s))) s++;
    while (e > s && isBlankCode(text.charCodeAt(e - 1))) e--;
    if (s >= e) continue;
    b.blank(start[li], true);
    b.append(s, e);
    endOffset = e;
  }
  return b.build(endOffset);
}

/**
 * The source span `joinLines(text, lines, from, to, firstStart).fullSpan` gives when the joined
 * text is not empty, found without building it: from the first character of the first line part
 * with content to the end of the last. Null when the joined text is empty; undefined when a soft
 * hyphen at either end (dropped by the normaliser) leaves only `joinLines` to tell.
 */
export function joinedBounds(text: string, lines: LineTable, from: number, to: number, firstStart?: number): Span | null | undefined {
  const { cs, ce } = lines;
  let start = -1;
  for (let li = from; li < to && start < 0; li++) {
    let s = li === from && firstStart !== undefined ? Math.max(firstStart, lines.start[li]) : cs[li];
    const e = ce[li];
    while (s < e && isBlankCode(text.charCodeAt(s))) s++;
    if (s < e) start = s;
  }
  if (start < 0) return null;
  let end = -1;
  for (let li = to - 1; li >= from && end < 0; li--) {
    const s = li === from && firstStart !== undefined ? Math.max(firstStart, lines.start[li]) : cs[li];
    let e = ce[li];
    while (e > s && isBlankCode(text.charCodeAt(e - 1))) e--;
    if (e > s) end = e;
  }
  if (isSoftHyphen(text.charCodeAt(start)) || isSoftHyphen(text.charCodeAt(end - 1))) return undefined;
  return { start, end };
}

/** `s` without one period at its end (as `s.replace(/\.$/, '')`). */
export function withoutFinalPeriod(s: string): string {
  return s.charCodeAt(s.length - 1) === 46 ? s.slice(0, -1) : s;
}
