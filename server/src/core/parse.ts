/**
 * The letter parser: text in, `Letter` out.
 *
 * Contract (see README "Core"): it never throws, it runs in time linear in the text, every node
 * keeps its source span, and whatever it cannot recognise is left out and recorded as a problem.
 *
 * Shape of the work:
 *  1. split lines once (`scanLines`), looking through the padding of double-spaced extractions;
 *  2. classify each line once (section heading, block label, header label, decision ending ...);
 *  3. cut the letter into sections at the headings;
 *  4. read the header table, credentials and case summary;
 *  5. cut the issues section into items, anchored on decision endings and block labels.
 * Every regular expression runs on one line's content, capped at `MAX_MATCH` characters, or on an
 * item heading, capped at `MAX_HEADING_CHARS`, so no expression sees unbounded input.
 */
import { longDateToIso, toIsoDate } from './dates';
import { doubleSpacedBy, isBlank, Line, LineStats, lineStats, logicalLines, scanLines } from './lines';
import { detachInPlace } from './analysis/detach';
import { readHeader } from './header';
import { splitMergedLines } from './merged';
import { shiftLetter } from './shift';
import { matchSqueezed, rejoinWords, squeezedDecision, wordsOf } from './split-words';
import { collapse, Joined, joinLines } from './text';
import type {
  Block, BlockKind, DateKey, DateNode, Decision, Directive, HeaderField, HeaderKey, Item, Letter,
  LetterFormat, PartialAuthorization, Patient, Problem, Reviewer, Section, SectionKind,
  Span, TextLayout,
} from './types';
import {
  BLOCK_LABELS, closestDecision, decisionOf, HEADINGS,
  ISSUES_LEAD_IN, ISSUES_LEAD_IN_FIRST, SECTION_TITLES, SUMMARY_LEAD_IN,
} from './vocabulary';

/** Longest line prefix any line matcher looks at. */
const MAX_MATCH = 400;
/** Most lines an item heading may wrap over. */
const MAX_HEADING_LINES = 8;
/** Most blank lines an item heading may run across (a page break with its margins). */
const MAX_HEADING_GAP = 12;
/** Longest item heading the request/partial-authorization matchers look at. */
const MAX_HEADING_CHARS = 3000;

const enum Kind {
  Blank,
  Text,
  Heading,
  Label, // block label: Claims Administrator guideline / MAXIMUS guideline / Decision rationale
  LeadIn, // the fixed opening line of the issues section
}

interface HeadingHit {
  line: number;
  kind: SectionKind;
  def: (typeof HEADINGS)[number];
  span: Span;
  title: string;
}

interface DecisionEnding {
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

/** The text read as one letter (see `parseDocument` for files that may hold several). */
export function parseLetter(text: string): Letter {
  const doc = prepare(text);
  return parseRange(text, doc, 0, doc.lines.length, { start: 0, end: text.length });
}

/**
 * Every letter in a text. A merged case file holds several letters one after another; each is
 * parsed over its own range (spans stay offsets into the whole text). A text with one letter, or
 * none, gives exactly one `Letter`, the same as `parseLetter`. Linear in the text.
 */
export function parseDocument(text: string): Letter[] {
  return [...parseDocumentAgain(text).letters];
}

/** A parsed document, kept to parse its next version faster (`parseDocumentAgain`). */
export interface ParsedDocument {
  readonly text: string;
  readonly letters: readonly Letter[];
  /**
   * For each letter, the letter of the previous version it was carried over from (its own text
   * unchanged, moved if the edit came before it), or null when it was parsed.
   */
  readonly origins: readonly (Letter | null)[];
  readonly doubleSpaced: boolean;
  /** What a next version given with its change needs: line counts, and whether the text has \r. */
  readonly stats: LineStats | null;
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
export function parseDocumentAgain(text: string, previous?: ParsedDocument, change?: TextChange): ParsedDocument {
  if (previous && change && previous.letters.length > 1) {
    let quick: ParsedDocument | null = null;
    try {
      quick = reparseAround(text, previous, change);
    } catch {
      quick = null; // written not to throw; a full parse below keeps the promise if it ever does
    }
    if (quick) return quick;
  }
  const doc = prepare(text);
  const whole = { start: 0, end: text.length };
  if (doc.binary) return { text, letters: [parseRange(text, doc, 0, doc.lines.length, whole)], origins: [null], doubleSpaced: false, stats: null };
  const starts = letterStarts(text, doc.lines).starts;
  // Previous letters by their text; only usable when the text was read the same way.
  const reusable = new Map<string, Letter>();
  if (previous && previous.doubleSpaced === doc.doubleSpaced && starts.length > 1) {
    for (const l of previous.letters) reusable.set(previous.text.slice(l.range.start, l.range.end), l);
  }
  const origins: (Letter | null)[] = [];
  const letters = starts.map((from, k) => {
    const to = k + 1 < starts.length ? starts[k + 1] : doc.lines.length;
    const range = {
      start: k === 0 ? 0 : doc.lines[from].start,
      end: k + 1 < starts.length ? doc.lines[to].start : text.length,
    };
    const same = reusable.size ? reusable.get(text.slice(range.start, range.end)) : undefined;
    origins.push(same ?? null);
    if (same) return carry(same, range.start - same.range.start, text.length);
    return parseRange(text, doc, from, to, range);
  });
  return { text, letters, origins, doubleSpaced: doc.doubleSpaced, stats: doc.stats };
}

/** Letters whose strings were detached from the text they were read from (see `carry`). */
const DETACHED = new WeakSet<Letter>();

/**
 * A previous version's letter in the new text: moved by `delta`, the text now `length` long.
 * A letter carried to a later version keeps no string cut out of the text it was read from: that
 * would keep the old text alive (see analysis/detach.ts). Its strings are copied the first time
 * it is carried, not when it is parsed: most parses (the CLI, a document opened and closed) are
 * never carried.
 */
function carry(letter: Letter, delta: number, length: number): Letter {
  if (!DETACHED.has(letter)) {
    detachInPlace(letter);
    DETACHED.add(letter);
  }
  const out = delta !== 0 ? shiftLetter(letter, delta, length) : letter.length === length ? letter : { ...letter, length }; // only the text's length changed
  DETACHED.add(out);
  return out;
}

/**
 * The incremental path of `parseDocumentAgain`: reads again only the letters around the change
 * (from the letter before the one it starts in, up to the first later letter whose first line the
 * change did not touch and which still opens a letter) and carries the others over. Returns null
 * when it cannot promise the same result as a full parse (text with \r, binary text, a change
 * that makes the text double-spaced or not, a change that merges several letters); the caller
 * then parses the whole text.
 */
function reparseAround(text: string, previous: ParsedDocument, change: TextChange): ParsedDocument | null {
  const old = previous.text;
  const { start, oldEnd, newEnd } = change;
  const delta = newEnd - oldEnd;
  if (!previous.stats || !(start >= 0 && start <= oldEnd && start <= newEnd && oldEnd <= old.length && text.length - newEnd === old.length - oldEnd)) return null;
  // The previous text had no \r and was not binary: only the inserted text can bring a \r, and
  // only a change within the part that is probed can make the text look binary.
  if (text.slice(start, newEnd).indexOf('\r') >= 0 || (start < BINARY_PROBE && looksBinary(text))) return null;

  // The line counts: those of the old lines touched by the change out, those of the new ones in.
  const lineStart = start === 0 ? 0 : text.lastIndexOf('\n', start - 1) + 1;
  const touched = (t: string, end: number) => {
    const eol = t.indexOf('\n', end);
    const to = eol < 0 ? t.length : eol + 1;
    const before = lineStart >= 2 && t.lastIndexOf('\n', lineStart - 2) + 1 < lineStart - 1;
    const after = eol >= 0 && eol + 1 < t.length && t.charCodeAt(eol + 1) !== 10;
    return lineStats(linesIn(t, lineStart, to), before, after);
  };
  const out = touched(old, oldEnd);
  const into = touched(text, newEnd);
  const s = previous.stats;
  const stats: LineStats = {
    empty: s.empty - out.empty + into.empty,
    nonEmpty: s.nonEmpty - out.nonEmpty + into.nonEmpty,
    adjacentNonEmpty: s.adjacentNonEmpty - out.adjacentNonEmpty + into.adjacentNonEmpty,
  };
  const doubleSpaced = doubleSpacedBy(stats);
  if (doubleSpaced !== previous.doubleSpaced) return null;

  // The letters to read again: from the one before the letter the change starts in ...
  const letters = previous.letters;
  let i = 0;
  for (let lo = 0, hi = letters.length - 1; lo <= hi; ) {
    const mid = (lo + hi) >> 1;
    if (letters[mid].range.start <= start) (i = mid), (lo = mid + 1);
    else hi = mid - 1;
  }
  const first = Math.max(0, i - 1);
  const from = letters[first].range.start;
  // ... to a later letter whose first line (and the line end before it) the change left alone and
  // which still opens a letter after the text read again.
  let next = i + 1;
  while (next < letters.length && letters[next].range.start <= oldEnd) next++;
  for (let tries = 0; tries < 3; tries++) {
    const to = next < letters.length ? letters[next].range.start + delta : text.length;
    const lines = logicalLines(linesIn(text, from, to), doubleSpaced);
    const found = letterStarts(text, lines);
    if (next < letters.length && !found.decided) {
      next++; // the carried letter's first line no longer opens a letter: read it too
      continue;
    }
    const doc: Prepared = { lines, doubleSpaced, binary: false, stats };
    const parsed = found.starts.map((at, k) => {
      const end = k + 1 < found.starts.length ? found.starts[k + 1] : lines.length;
      const range = { start: k === 0 ? from : lines[at].start, end: k + 1 < found.starts.length ? lines[end].start : to };
      return parseRange(text, doc, at, end, range);
    });
    const before = letters.slice(0, first).map((l) => carry(l, 0, text.length));
    const after = letters.slice(next).map((l) => carry(l, delta, text.length));
    return {
      text,
      letters: [...before, ...parsed, ...after],
      origins: [...letters.slice(0, first), ...parsed.map(() => null), ...letters.slice(next)],
      doubleSpaced,
      stats,
    };
  }
  return null;
}

/** The lines of text[from, to), where `from` is a line start and `to` a line start or the end. */
function linesIn(text: string, from: number, to: number): Line[] {
  // After a final line terminator there is no line (as `scanLines` reads a whole text).
  if (from === text.length && from > 0 && text.charCodeAt(from - 1) === 10) return [];
  return scanLines(text, from, to);
}

interface Prepared {
  lines: Line[];
  doubleSpaced: boolean;
  binary: boolean;
  stats: LineStats | null;
}

function prepare(text: string): Prepared {
  const binary = looksBinary(text);
  const raw = binary ? [] : scanLines(text);
  const stats = lineStats(raw);
  const doubleSpaced = doubleSpacedBy(stats);
  // Text with \r is split by different rules (lone \r ends a line): it is always read whole.
  const incremental = !binary && text.indexOf('\r') < 0;
  return { lines: logicalLines(raw, doubleSpaced), doubleSpaced, binary, stats: incremental ? stats : null };
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
    // Its strings are detached from the text when it is first carried to a later version (`carry`).
    return new Parser(text, splitMergedLines(text, doc.lines.slice(from, to)), doc.doubleSpaced, range).parse();
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

const DETERMINED = 'has determined the request for';

/**
 * Lines where a letter begins: the first line, then each line that opens a new letter (a header
 * table's "Case Number:", a HOW heading, the 2013 masthead) after the previous letter reached its
 * decisions (an issues heading or a Claims Administrator label). Cheap: only lines whose first word
 * can open a letter or mark its decisions are tested.
 */
function letterStarts(text: string, lines: readonly Line[]): { starts: number[]; decided: boolean } {
  const starts = [0];
  let decided = false;
  // Where the 2013 notice's phrase occurs next (found with a native search, never searched twice).
  let determined = -2;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.cs === l.ce) continue;
    const first = text.charCodeAt(l.cs);
    // The 2013 notice's numbered determinations ("1) MAXIMUS Federal Services, Inc. has determined
    // the request for ...") are its decisions.
    if (first >= 48 && first <= 57) {
      if (determined !== -1 && determined < l.cs) determined = text.indexOf(DETERMINED, l.cs);
      if (determined >= 0 && determined + DETERMINED.length <= Math.min(l.ce, l.cs + 200)) {
        decided = true;
        continue;
      }
    }
    const word = firstWord(text, l.cs, l.ce);
    if (!LETTER_BOUNDARY_WORDS.has(word)) continue;
    const c = collapse(text.slice(l.cs, Math.min(l.ce, l.cs + 160)));
    const opensHeader = word === 'CASE' && /^Case\s+Number\s*:/i.test(c);
    const opensBody = HEADINGS.some((h) => h.first === word && (h.kind === 'how' || h.kind === 'notice') && h.re.test(c)) ||
      (word === 'MAXIMUS' && /^MAXIMUS FEDERAL SERVICES/.test(c)) ||
      (word === 'NOTICE' && /^Notice of Independent Medical Review Determination/i.test(c)) ||
      (word === 'MEDICAL' && /^MEDICAL PROFESSIONAL REVIEW/.test(c));
    // The first line opens the first letter: read like any other letter's first line.
    if ((opensHeader || opensBody) && (decided || i === 0)) {
      if (i > 0) starts.push(i);
      decided = false;
      continue;
    }
    if (
      HEADINGS.some((h) => h.first === word && (h.kind === 'issues' || h.kind === 'rationale') && h.re.test(c)) ||
      BLOCK_LABELS.some((b) => b.kind === 'claimsAdministrator' && b.first === word && b.re.test(c))
    ) {
      decided = true;
    }
  }
  return { starts, decided };
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

class Parser {
  private readonly lines: Line[];
  private readonly kinds: Uint8Array;
  private readonly labelKinds: (BlockKind | undefined)[];
  private readonly problems: Problem[] = [];
  private readonly directives: Directive[] = [];
  private headings: HeadingHit[] = [];
  /**
   * The letter's fixed words show blanks inside them or before their colon ("MAXIMUS gui deline :"):
   * the tool that made the text breaks words by spaces, so values are read with broken words joined.
   */
  private spaced = false;
  /** The words the letter writes (lower case), for joining broken words; built when first needed. */
  private words: ReadonlySet<string> | null = null;

  private letterWords(): ReadonlySet<string> {
    return (this.words ??= wordsOf(this.text.slice(this.range.start, this.range.end)));
  }

  constructor(
    private readonly text: string,
    lines: Line[],
    private readonly doubleSpaced: boolean,
    private readonly range: Span,
  ) {
    this.lines = lines;
    this.kinds = new Uint8Array(this.lines.length);
    this.labelKinds = new Array(this.lines.length);
  }

  parse(): Letter {
    const { text, range } = this;
    this.classify();
    const header = this.parseHeader();
    const sections = this.buildSections(header);
    const format = this.detectFormat(header);
    const layout = this.detectLayout(header);

    let items: Item[] = [];
    if (format === 'F0') items = this.parseNoticeItems();
    else {
      const region = this.issuesRegion();
      if (region) items = this.parseItems(region.from, region.to);
    }

    const dates = this.collectDates(header, format);
    const reviewer = this.parseReviewer();
    const patient = this.parsePatient();
    const caseNumber = header.find((f) => f.key === 'caseNumber')?.value ?? null;
    const priority = header.find((f) => f.key === 'priority')?.value ?? null;
    const isLetter = sections.length > 0 || header.length >= 2 || items.length > 0;
    if (!isLetter) {
      this.problems.push({
        code: 'not-a-letter',
        severity: 'warning',
        message:
          'No IMR letter structure was recognised (no header table, section headings or decisions). ' +
          'If this is a letter, its text may come from an unsupported extractor.',
        span: { start: range.start, end: Math.min(range.end, this.lines[0]?.end ?? range.start) },
      });
    }
    return {
      range,
      format,
      layout,
      isLetter,
      length: text.length,
      header,
      caseNumber,
      priority,
      dates,
      reviewer,
      patient,
      sections,
      items,
      pageBreaks: pageBreaks(text, range),
      lastText: this.lastText(),
      directives: this.directives,
      problems: this.problems,
      ...(this.spaced ? { wordsBrokenBySpaces: true } : {}),
    };
  }

  // ---------------------------------------------------------------- line classification

  private readonly contents: (string | undefined)[] = [];

  /** Visible content of line i, blanks collapsed, capped at MAX_MATCH characters (cached). */
  private content(i: number): string {
    let c = this.contents[i];
    if (c === undefined) {
      const l = this.lines[i];
      c = this.contents[i] = collapse(this.text.slice(l.cs, Math.min(l.ce, l.cs + MAX_MATCH)));
    }
    return c;
  }

  private classify(): void {
    const { lines, kinds } = this;
    for (let i = 0; i < lines.length; i++) {
      if (isBlank(lines[i])) {
        kinds[i] = Kind.Blank;
        continue;
      }
      // Headings, labels and the lead-in are only tried on lines whose first word can start one;
      // most lines of a letter skip every matcher.
      const l = lines[i];
      const first = this.text.charCodeAt(l.cs);
      // A page marker a tool writes between pages ("-- 1 of 2 --", "Page 1 of 2"): a page break.
      if ((first === 45 || first === 80 || first === 0x2013 || first === 0x2014) && l.ce - l.cs <= 32 && PAGE_MARKER.test(this.content(i))) {
        kinds[i] = Kind.Blank;
        lines[i] = { ...l, cs: l.end, ce: l.end, pageBreak: true };
        continue;
      }
      const word = firstWord(this.text, l.cs, l.ce);
      const structural = STRUCTURAL_WORDS.has(word);
      // A first word cut short by a space ("Decisi on rationale:") may still start one.
      const broken = !structural && STRUCTURAL_PREFIXES.has(word);
      const directiveLike = first === 105 || first === 35 || first === 47 || first === 60;
      if (!structural && !broken && !directiveLike && !this.mayEndWithHeading(i)) {
        kinds[i] = Kind.Text;
        continue;
      }
      const c = this.content(i);
      const directive = directiveLike ? DIRECTIVE_RE.exec(c) : null;
      if (directive) {
        // A directive line is invisible to the structure: it reads as a blank line.
        kinds[i] = Kind.Blank;
        const codes = directive[1].split(/[\s,]+/).filter((x) => x.length > 0);
        this.directives.push({ codes, span: { start: l.cs, end: l.ce } });
        lines[i] = { ...l, cs: l.end, ce: l.end };
        continue;
      }
      const heading = this.matchHeading(i, c, word);
      if (heading) {
        kinds[i] = Kind.Heading;
        this.headings.push(heading);
        continue;
      }
      const label = structural ? BLOCK_LABELS.find((b) => b.first === word && b.re.test(c)) : undefined;
      if (label) {
        kinds[i] = Kind.Label;
        this.labelKinds[i] = label.kind;
        // A blank before the label's colon ("MAXIMUS guideline :"): the tool puts blanks at glyph gaps.
        if (!this.spaced && / :/.test(c.slice(0, 40))) this.spaced = true;
        continue;
      }
      if (structural && word === ISSUES_LEAD_IN_FIRST && ISSUES_LEAD_IN.test(c)) {
        kinds[i] = Kind.LeadIn;
        continue;
      }
      kinds[i] = Kind.Text;
      // The same vocabulary with the blanks taken out: words broken by spaces ("MAXIMUS gui deline :").
      if (structural || broken) {
        const sq = matchSqueezed(this.text, l.cs, l.ce);
        if (sq) this.spaced = true;
        if (sq?.kind === 'label') {
          kinds[i] = Kind.Label;
          this.labelKinds[i] = sq.label;
        } else if (sq?.kind === 'leadIn') kinds[i] = Kind.LeadIn;
        else if (sq?.kind === 'heading') {
          kinds[i] = Kind.Heading;
          this.headings.push({ line: i, kind: sq.def.kind, def: sq.def, span: { start: l.cs, end: l.ce }, title: c });
        }
      }
    }
  }

  /** Whether a heading may be glued to the end of line i (only headings with a `trailing` form). */
  private mayEndWithHeading(i: number): boolean {
    const l = this.lines[i];
    const end = this.text.charCodeAt(l.ce - 1) === 58 ? l.ce - 1 : l.ce; // before a final colon
    return TRAILING_SUFFIXES.some((sfx) => end - sfx.length >= l.cs && this.text.startsWith(sfx, end - sfx.length));
  }

  private matchHeading(i: number, c: string, word: string): HeadingHit | null {
    const l = this.lines[i];
    if (c.length <= 160) {
      for (const def of HEADINGS) {
        if (def.first === word && def.re.test(c)) {
          return { line: i, kind: def.kind, def, span: { start: l.cs, end: l.ce }, title: c };
        }
      }
    }
    // A heading glued to the end of a line of other text ("... appropriate. INDEPENDENT MEDICAL ...").
    if (!this.mayEndWithHeading(i)) return null;
    const tail = this.text.slice(Math.max(l.cs, l.ce - 80), l.ce);
    for (const def of HEADINGS) {
      if (!def.trailing) continue;
      const m = def.trailing.exec(tail);
      if (m) {
        const start = l.ce - tail.length + m.index;
        return { line: i, kind: def.kind, def, span: { start, end: l.ce }, title: collapse(m[0]) };
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- sections

  private buildSections(header: readonly HeaderField[]): Section[] {
    const out: Section[] = [];
    const { headings, lines } = this;
    const firstHeadingLine = headings.length ? headings[0].line : lines.length;
    // Header table (F1b) or masthead (F0): whatever precedes the first heading.
    const pre = this.firstNonBlank(0, firstHeadingLine);
    if (pre >= 0) {
      // Case-sensitive: "MAXIMUS Federal Services sent ..." opens the HOW paragraph of later letters.
      const notice = /Notice of Independent Medical Review|MAXIMUS FEDERAL SERVICES/.test(this.content(pre));
      if (notice || header.length > 0) {
        const kind: SectionKind = notice ? 'notice' : 'header';
        const firstLine = lines[pre];
        const end = this.lastContentEnd(pre, firstHeadingLine);
        out.push({
          kind,
          title: SECTION_TITLES[kind],
          heading: { start: firstLine.cs, end: firstLine.ce },
          span: { start: firstLine.cs, end: Math.max(end, firstLine.ce) },
        });
      }
    }
    for (let h = 0; h < headings.length; h++) {
      const hit = headings[h];
      const nextLine = h + 1 < headings.length ? headings[h + 1].line : lines.length;
      let end = this.lastContentEnd(hit.line, nextLine);
      // A heading glued to the end of the next section's first line ends this section early.
      if (h + 1 < headings.length && headings[h + 1].span.start > lines[nextLine].cs) {
        end = Math.max(end, headings[h + 1].span.start);
      }
      out.push({ kind: hit.kind, title: hit.title, heading: hit.span, span: { start: hit.span.start, end: Math.max(end, hit.span.end) } });
    }
    return out;
  }

  private firstNonBlank(from: number, to: number): number {
    for (let i = from; i < to; i++) if (this.kinds[i] !== Kind.Blank) return i;
    return -1;
  }

  /** End offset of the last non-blank line in [from, to), or the start of `from`. */
  private lastContentEnd(from: number, to: number): number {
    for (let i = to - 1; i >= from; i--) if (this.kinds[i] !== Kind.Blank) return this.lines[i].ce;
    return this.lines[from]?.cs ?? 0;
  }

  // ---------------------------------------------------------------- header table

  private parseHeader(): HeaderField[] {
    const limit = this.headings.length ? this.headings[0].line : Math.min(this.lines.length, 40);
    return readHeader({ text: this.text, lines: this.lines, limit, isBlank: (i) => this.kinds[i] === Kind.Blank }, this.problems);
  }

  // ---------------------------------------------------------------- format and layout

  private detectFormat(header: readonly HeaderField[]): LetterFormat {
    const formats = new Set<LetterFormat>();
    for (const h of this.headings) for (const f of h.def.formats) formats.add(f);
    const first = this.firstNonBlank(0, Math.min(this.lines.length, 5));
    const opening = first >= 0 ? this.content(first) : '';
    if (/^MEDICAL PROFESSIONAL REVIEW/i.test(opening) || this.headings.some((h) => h.def.formats.length === 1 && h.def.formats[0] === 'F3')) return 'F3';
    if (/Notice of Independent Medical Review Determination/i.test(opening) || this.headings.some((h) => h.def.formats[0] === 'F0')) return 'F0';
    if (this.headings.some((h) => h.def.formats.length === 1 && h.def.formats[0] === 'F2')) return 'F2';
    if (this.headings.some((h) => h.def.formats.includes('F1b'))) {
      // Any label of the header table (a damaged table may have lost the Case Number line) makes it F1b.
      return header.length > 0 ? 'F1b' : 'F1a';
    }
    if (header.length >= 3) return 'F1b';
    return 'unknown';
  }

  private detectLayout(header: readonly HeaderField[]): TextLayout {
    if (this.doubleSpaced) return 'double-spaced';
    // Columns: two header labels on one line, or whole-line headings indented for centring.
    for (let a = 0; a + 1 < header.length; a++) {
      const between = this.text.slice(header[a].label.span.end, header[a + 1].label.span.start);
      if (!between.includes('\n') && !between.includes('\r')) return 'columns';
    }
    for (const h of this.headings) {
      const l = this.lines[h.line];
      if (h.span.start === l.cs && l.cs - l.start >= 8) return 'columns';
    }
    if (header.length >= 2) return 'reading-order';
    return 'plain';
  }

  // ---------------------------------------------------------------- items (F1, F2)

  /**
   * Lines holding the disputed items: after the issues heading up to the next heading. When that
   * heading is missing (a damaged or edited letter), after the fixed lead-in line, or else after
   * the last section heading before the first Claims Administrator label.
   */
  private issuesRegion(): { from: number; to: number } | null {
    const { lines, kinds, headings } = this;
    const endAfter = (line: number) => headings.find((h) => h.line > line)?.line ?? lines.length;
    const issues = headings.find((h) => h.kind === 'issues' && h.def.formats.includes('F1b'));
    if (issues) return { from: issues.line + 1, to: endAfter(issues.line) };
    let firstLabel = -1;
    for (let i = 0; i < lines.length; i++) {
      if (kinds[i] === Kind.LeadIn) return { from: i, to: endAfter(i) };
      if (firstLabel < 0 && this.labelKinds[i] === 'claimsAdministrator') firstLabel = i;
    }
    if (firstLabel < 0) return null;
    let from = 0;
    for (const h of headings) if (h.line < firstLabel) from = h.line + 1;
    return { from, to: endAfter(firstLabel) };
  }

  private parseItems(regionStart: number, sectionEnd: number): Item[] {
    const { kinds } = this;
    let first = regionStart;
    // Skip the fixed lead-in line (it may wrap onto a second line).
    for (let i = first; i < sectionEnd && i < first + 3; i++) {
      if (kinds[i] === Kind.LeadIn) {
        first = i + 1;
        if (first < sectionEnd && kinds[first] === Kind.Text && /^(?:set forth below|below)\s*:?$/i.test(this.content(first))) first++;
        break;
      }
    }

    // 1. Heading endings: decision words, or the last line before a Claims Administrator label.
    const endings: { line: number; ending: DecisionEnding | null }[] = [];
    for (let i = first; i < sectionEnd; i++) {
      if (kinds[i] !== Kind.Text) continue;
      const ending = this.decisionEnding(i);
      if (ending && (ending.kind === 'exact' || ending.kind === 'lone')) {
        endings.push({ line: i, ending });
        continue;
      }
      const next = this.nextNonBlank(i + 1, sectionEnd);
      if (next >= 0 && this.labelKinds[next] === 'claimsAdministrator') {
        endings.push({ line: i, ending });
      }
    }

    // 2. Heading starts: walk back from each ending.
    const items: Item[] = [];
    let floor = first;
    const starts: number[] = [];
    for (const e of endings) {
      starts.push(this.headingStart(e.line, e.ending, floor));
      floor = e.line + 1;
    }

    // 3. Items: heading, then blocks up to the next heading.
    for (let k = 0; k < endings.length; k++) {
      const hs = starts[k];
      const he = endings[k].line;
      const regionEnd = k + 1 < endings.length ? starts[k + 1] : sectionEnd;
      items.push(this.buildItem(items.length, hs, he, endings[k].ending, regionEnd));
    }
    return items;
  }

  private nextNonBlank(from: number, to: number): number {
    for (let i = from; i < to; i++) if (this.kinds[i] !== Kind.Blank) return i;
    return -1;
  }

  /** Recognises how a line ends an item heading. */
  private decisionEnding(i: number): DecisionEnding | null {
    const l = this.lines[i];
    const tailStart = Math.max(l.cs, l.ce - 60);
    const tail = this.text.slice(tailStart, l.ce);
    // The whole line is the decision word (the heading wrapped before it).
    if (l.ce - l.cs <= 20) {
      const word = tail.trim().replace(/\.$/, '');
      const d = decisionOf(word) ?? squeezedDecision(word);
      const wordSpan = { start: l.cs, end: l.cs + word.length };
      if (d) return { kind: 'lone', alone: true, word, decision: d, wordSpan, requestEnd: l.cs };
      // A misspelt decision alone on its line ends a heading only where a block label follows.
      if (/^[A-Za-z]+$/.test(word) && closestDecision(word)) return { kind: 'near', alone: true, word, decision: null, wordSpan, requestEnd: l.cs };
    }
    // Only the last colon can be followed by nothing but the decision word.
    const lastColon = tail.lastIndexOf(':');
    if (lastColon < 0) return null;
    const m = /^:[ \t\u00a0]*([A-Za-z][A-Za-z-]{1,24})?\.?$/.exec(tail.slice(lastColon));
    if (!m) return this.brokenDecisionEnding(tail, tailStart, lastColon, l.cs);
    m.index = lastColon;
    const colon = tailStart + m.index;
    const requestEnd = this.requestEndBefore(colon, l.cs);
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

  /** A decision word broken by a space after the colon ("...: Uphe ld"). */
  private brokenDecisionEnding(tail: string, tailStart: number, lastColon: number, lineStart: number): DecisionEnding | null {
    const after = tail.slice(lastColon + 1);
    const lead = after.length - after.trimStart().length;
    const word = after.trim().replace(/\.$/, '');
    if (word.indexOf(' ') < 0) return null;
    const d = squeezedDecision(word);
    if (!d) return null;
    this.spaced = true;
    const start = tailStart + lastColon + 1 + lead;
    const colon = tailStart + lastColon;
    return { kind: 'exact', alone: false, word, decision: d, wordSpan: { start, end: start + word.length }, requestEnd: this.requestEndBefore(colon, lineStart) };
  }

  /** Where the request text stops: before the colon, and before an " is" right before it. */
  private requestEndBefore(colon: number, lineStart: number): number {
    let e = colon;
    while (e > lineStart && /\s/.test(this.text[e - 1])) e--;
    if (e - 3 >= lineStart && /\sis$/i.test(this.text.slice(e - 3, e))) {
      e -= 2;
      while (e > lineStart && /\s/.test(this.text[e - 1])) e--;
    }
    return e;
  }

  /** First line of the heading that ends at line `end`, never before `floor`. */
  private headingStart(end: number, ending: DecisionEnding | null, floor: number): number {
    const { kinds } = this;
    let start = end;
    let collected = this.content(end);
    let blanks = 0;
    for (let k = end - 1; k >= floor && end - k - blanks < MAX_HEADING_LINES; k--) {
      const needsOriginal =
        /\b(?:IMR eligible|was authorized|authorized)\b/i.test(collected) && !/\bwas the original request\b/i.test(collected);
      if (kinds[k] === Kind.Blank) {
        // A gap inside a heading: the one a page break leaves, or any gap the heading's sentence
        // plainly runs across (it goes on in lower case, or a partial authorization still lacks
        // its "was the original request"), as tools that mark no page break leave it.
        if (blanks < MAX_HEADING_GAP && (this.atPageBreak(k) || needsOriginal || /^[a-z]/.test(collected))) {
          blanks++;
          continue;
        }
        break;
      }
      if (kinds[k] !== Kind.Text) break;
      const c = this.content(k);
      if (!ending?.alone || k !== end - 1) {
        if (/[.!?]["”')\]]?$/.test(c) && !needsOriginal) break;
      }
      start = k;
      collected = c + ' ' + collected;
      if (collected.length > MAX_HEADING_CHARS) break;
    }
    return start;
  }

  /** A blank line that belongs to a page break: it holds a form feed, or the next line starts with one. */
  private atPageBreak(k: number): boolean {
    const l = this.lines[k];
    if (l.pageBreak) return true;
    for (let i = k + 1; i < this.lines.length && i <= k + 3; i++) {
      if (this.lines[i].pageBreak) return true;
      if (this.kinds[i] !== Kind.Blank) return false;
    }
    return false;
  }

  private buildItem(index: number, hs: number, he: number, ending: DecisionEnding | null, regionEnd: number): Item {
    const { lines, text } = this;
    // Heading text: from the first heading line to where the request stops.
    const isLone = ending?.alone === true;
    const lastReqLine = isLone ? he - 1 : he;
    const reqEnd = ending ? (isLone ? lines[Math.max(hs, he - 1)].ce : ending.requestEnd) : lines[he].ce;
    let joined = joinLines(text, lines, hs, Math.max(hs, lastReqLine) + 1, undefined, reqEnd);
    if (isLone && hs === he) joined = joinLines(text, lines, hs, hs, undefined, undefined);
    let reqText = joined.text;
    let reqFrom = 0;
    let reqTo = reqText.length;
    // Drop a trailing colon and " is" (wrapped headings keep them on the line before the word).
    const trail = /\s*(?:\bis)?\s*:?\s*$/i.exec(reqText.slice(Math.max(0, reqTo - 10)));
    if (trail && trail[0].length) reqTo -= trail[0].length;

    // Blocks.
    const blocks: Block[] = [];
    let labelLines: number[] = [];
    for (let i = he + 1; i < regionEnd; i++) if (this.kinds[i] === Kind.Label) labelLines.push(i);
    labelLines = labelLines.filter((i) => this.labelKinds[i] !== undefined);
    for (let b = 0; b < labelLines.length; b++) {
      const li = labelLines[b];
      const to = b + 1 < labelLines.length ? labelLines[b + 1] : regionEnd;
      blocks.push(this.buildBlock(li, to));
    }
    const firstOf = (kind: BlockKind) => blocks.find((b) => b.kind === kind) ?? null;
    const ca = firstOf('claimsAdministrator');
    const mx = firstOf('maximus');
    const dr = firstOf('rationale');
    // Words broken by spaces are joined against the form's words and the item's own text (its
    // rationale restates the request); offsets map back to the heading as written.
    const heading = reqText.slice(0, reqTo);
    const rejoined = this.spaced && reqTo <= MAX_HEADING_CHARS ? rejoinWords(heading, dr ? dr.text.slice(-1500) : '', [], [this.letterWords()]) : null;
    const h = rejoined ? rejoined.text : heading;
    const back = (k: number) => (rejoined?.from && k < rejoined.from.length ? rejoined.from[k] : k);
    let partial: PartialAuthorization | null = null;
    if (h.length <= MAX_HEADING_CHARS) {
      const pa = parsePartial(h);
      if (pa) {
        partial = pa.partial;
        reqFrom = pa.remainderFrom;
      }
    }
    const request = h.slice(reqFrom).trim();
    const requestSpan = request ? joined.span(back(reqFrom), reqTo) : { start: lines[hs].cs, end: lines[hs].cs };
    reqText = request;

    const duplicateBlocks = blocks.filter((b) => b !== ca && b !== mx && b !== dr);

    const headingSpan = { start: lines[hs].cs, end: lines[he].ce };
    let itemEnd = headingSpan.end;
    for (const b of blocks) itemEnd = Math.max(itemEnd, b.span.end);
    return {
      index,
      span: { start: headingSpan.start, end: itemEnd },
      heading: headingSpan,
      request: reqText,
      requestSpan,
      decision: ending?.decision ?? null,
      decisionText: ending && ending.word ? { text: ending.word, span: ending.wordSpan } : null,
      partialAuthorization: partial,
      claimsAdministrator: ca,
      maximus: mx,
      rationale: dr,
      duplicateBlocks,
    };
  }

  private buildBlock(li: number, to: number): Block {
    const { lines, text } = this;
    const kind = this.labelKinds[li]!;
    const l = lines[li];
    const def = BLOCK_LABELS.find((b) => b.kind === kind)!;
    const m = def.re.exec(text.slice(l.cs, Math.min(l.ce, l.cs + MAX_MATCH)));
    // A label with broken words ("MAXIMUS gui deline :") ends at the line's first colon.
    const colon = m ? -1 : text.indexOf(':', l.cs);
    const labelEnd = m ? l.cs + m[0].length : colon >= 0 && colon < l.ce ? colon + 1 : l.cs;
    const end = this.lastContentEnd(li, to);
    const lastLine = this.lastNonBlank(li, to);
    const joined = joinLines(text, lines, li, lastLine + 1, labelEnd);
    return {
      kind,
      label: { start: l.cs, end: labelEnd },
      span: { start: l.cs, end: Math.max(end, labelEnd) },
      text: joined.text,
      textSpan: joined.text ? joined.fullSpan : { start: labelEnd, end: labelEnd },
    };
  }

  private lastNonBlank(from: number, to: number): number {
    for (let i = to - 1; i >= from; i--) if (this.kinds[i] !== Kind.Blank) return i;
    return from;
  }

  // ---------------------------------------------------------------- F0 notice items

  private parseNoticeItems(): Item[] {
    const { lines, text } = this;
    const rationale = this.headings.find((h) => h.kind === 'rationale');
    const endLine = rationale ? rationale.line + 1 : Math.min(lines.length, 60);
    const joined = joinLines(text, lines, 0, endLine, undefined, rationale ? rationale.span.start : undefined);
    return noticeItems(joined);
  }

  // ---------------------------------------------------------------- dates, reviewer, patient

  private collectDates(header: readonly HeaderField[], format: LetterFormat): Record<DateKey, DateNode | null> {
    const byKey = (k: HeaderKey): DateNode | null => {
      const v = header.find((f) => f.key === k)?.value;
      return v ? { ...v, iso: toIsoDate(v.text) } : null;
    };
    const dates: Record<DateKey, DateNode | null> = {
      assigned: byKey('dateAssigned'),
      decision: byKey('decisionDate'),
      injury: byKey('dateOfInjury'),
      urDenial: byKey('urDenialDate'),
      applicationReceived: byKey('applicationReceived'),
    };
    if (format === 'F0') Object.assign(dates, this.noticeDates(dates));
    return dates;
  }

  /** Dates written in the 2013 notice's prose. */
  private noticeDates(existing: Record<DateKey, DateNode | null>): Partial<Record<DateKey, DateNode | null>> {
    const { lines, text } = this;
    const joined = joinLines(text, lines, 0, Math.min(lines.length, 80));
    const s = joined.text.slice(0, 6000);
    const find = (re: RegExp): DateNode | null => {
      const m = re.exec(s);
      if (!m) return null;
      const from = m.index + m[0].length - m[1].length;
      return { text: m[1], span: joined.span(from, from + m[1].length), iso: toIsoDate(m[1]) };
    };
    const dateRe = '(\\d{1,2}/\\d{1,2}/\\d{2,4})';
    return {
      decision: existing.decision ?? find(new RegExp('Dated:\\s*' + dateRe)),
      applicationReceived: existing.applicationReceived ?? find(new RegExp('Independent Medical Review was filed on\\s*' + dateRe)),
      urDenial: existing.urDenial ?? find(new RegExp('Utilization Review Denial dated\\s*' + dateRe)),
      assigned: existing.assigned ?? find(new RegExp('provided to the above parties on\\s*' + dateRe)),
    };
  }

  private parseReviewer(): Reviewer {
    const { lines, text } = this;
    // Labelled block (F1b and some seeds).
    const cred = this.headings.find((h) => h.kind === 'credentials');
    const licensure: string[] = [];
    const specialties: string[] = [];
    if (cred) {
      const next = this.headings[this.headings.indexOf(cred) + 1];
      const to = next ? next.line : Math.min(lines.length, cred.line + 10);
      let current: string[] | null = null;
      let start = -1;
      let end = -1;
      const parts: { target: string[]; first: number; last: number; labelEnd: number }[] = [];
      for (let i = cred.line + 1; i < to && i < cred.line + 12; i++) {
        if (this.kinds[i] === Kind.Blank) continue;
        const c = this.content(i);
        const l = lines[i];
        const lic = /^State\(s\) of Licensure\s*:/i.exec(c);
        const spec = /^Certification\(s\)\s*\/\s*Specialty\s*:/i.exec(c);
        if (lic || spec) {
          current = lic ? licensure : specialties;
          const labelEnd = l.cs + this.text.slice(l.cs, l.ce).indexOf(':') + 1;
          parts.push({ target: current, first: i, last: i, labelEnd });
          if (start < 0) start = l.cs;
          end = l.ce;
        } else if (current && parts.length) {
          parts[parts.length - 1].last = i;
          end = l.ce;
        }
      }
      for (const p of parts) {
        const v = joinLines(text, lines, p.first, p.last + 1, p.labelEnd).text;
        p.target.push(...splitList(v));
      }
      if (start >= 0) return { licensure, specialties, span: { start, end } };
    }
    // Inline: "... is Board Certified in X and is licensed to practice in Y."
    const how = this.headings.find((h) => h.kind === 'how' || h.kind === 'qualifications');
    if (how) {
      const next = this.headings[this.headings.indexOf(how) + 1];
      const to = Math.min(next ? next.line : lines.length, how.line + 30);
      const joined = joinLines(text, lines, how.line + 1, to);
      const s = joined.text.slice(0, 4000);
      const m = /Board Certified in (.{1,200}?) and (?:is )?licensed to practice in (.{1,200}?)\./i.exec(s);
      if (m) {
        const from = m.index;
        return {
          licensure: splitList(m[2]),
          specialties: splitList(m[1]),
          span: joined.span(from, from + m[0].length),
        };
      }
    }
    return { licensure, specialties, span: null };
  }

  private parsePatient(): Patient {
    const { lines, text } = this;
    const summary = this.headings.find((h) => h.kind === 'summary');
    if (!summary) return { age: null, sex: null, span: null };
    const next = this.headings[this.headings.indexOf(summary) + 1];
    const to = Math.min(next ? next.line : lines.length, summary.line + 40);
    let from = summary.line + 1;
    if (from < to && SUMMARY_LEAD_IN.test(this.content(from))) from++;
    const joined = joinLines(text, lines, from, to);
    // The opening sentence with words broken by spaces joined ("a 36 y ear old").
    const firstPart = this.spaced ? rejoinWords(joined.text.slice(0, 400), joined.text.slice(400, 2000)) : { text: joined.text.slice(0, 400), from: null };
    const s = firstPart.text + joined.text.slice(400, 3000);
    const back = (k: number) => (!firstPart.from ? k : k < firstPart.text.length ? firstPart.from[k] : k - firstPart.text.length + 400);
    const age = /\b(\d{1,3})[\s-]*(?:year|yr)s?[\s-]*old\b/i.exec(s);
    // The sex is usually the word after the age ("52 year old female"); otherwise the first
    // sex word of the opening sentence ("The injured worker is a female who ...").
    const sexRe = /\b(male|female|man|woman|gentleman|lady)\b/i;
    const near = age ? sexRe.exec(s.slice(age.index + age[0].length, age.index + age[0].length + 40)) : null;
    const sexFrom = near ? age!.index + age![0].length + near.index : -1;
    const opening = sexFrom < 0 ? sexRe.exec(s.slice(0, Math.min(s.length, 300))) : null;
    const sexAt = sexFrom >= 0 ? sexFrom : opening ? opening.index : -1;
    const sexWord = near?.[1] ?? opening?.[1] ?? '';
    if (!age && sexAt < 0) return { age: null, sex: null, span: null };
    let ageValue = age ? Number(age[1]) : null;
    // "5 4 year old": digits broken by a space; the age cannot be told for sure.
    if (age && /\d[ \u00a0]$/.test(s.slice(Math.max(0, age.index - 2), age.index))) {
      ageValue = null;
      const from = back(Math.max(0, s.lastIndexOf(' ', age.index - 2) + 1));
      this.problems.push({
        code: 'patient-uncertain',
        severity: 'warning',
        message: `The patient's age is left empty: "${s.slice(Math.max(0, s.lastIndexOf(' ', age.index - 2) + 1), age.index + age[1].length)}" may be one number broken by a space or two.`,
        span: joined.span(from, back(age.index + age[1].length - 1) + 1),
      });
    }
    const w = sexWord.toLowerCase();
    let sex: Patient['sex'] = w === '' ? null : w === 'male' || w === 'man' || w === 'gentleman' ? 'male' : 'female';
    // "fe male", "wo man": a piece before the word that makes it the other sex word, which the
    // letter does not write whole nearby: the sex cannot be told for sure.
    const piece = sexAt > 0 ? /([A-Za-z]{1,3}) $/.exec(s.slice(Math.max(0, sexAt - 5), sexAt)) : null;
    if (sex && piece && /^(?:female|woman)$/i.test(piece[1] + sexWord)) {
      sex = null;
      const from = back(sexAt - piece[0].length);
      this.problems.push({
        code: 'patient-uncertain',
        severity: 'warning',
        message: `The patient's sex is left empty: "${piece[1]} ${sexWord}" may be one word broken by a space ("${piece[1]}${sexWord}") or two.`,
        span: joined.span(from, back(sexAt + sexWord.length - 1) + 1),
      });
    }
    const at = Math.min(age ? age.index : Infinity, sexAt >= 0 ? sexAt : Infinity);
    const until = Math.max(age ? age.index + age[0].length : 0, sexAt >= 0 ? sexAt + sexWord.length : 0);
    return { age: ageValue !== null && ageValue > 0 && ageValue < 120 ? ageValue : null, sex, span: joined.span(back(at), back(until - 1) + 1) };
  }

  private lastText(): Span | null {
    for (let i = this.lines.length - 1; i >= 0; i--) {
      if (this.kinds[i] !== Kind.Blank) return { start: this.lines[i].cs, end: this.lines[i].ce };
    }
    return null;
  }
}

// -------------------------------------------------------------------- helpers (pure)

/** First words of every heading, block label and the lead-in (upper case). */
const STRUCTURAL_WORDS: ReadonlySet<string> = new Set([
  ...HEADINGS.map((h) => h.first),
  ...BLOCK_LABELS.map((b) => b.first),
  ISSUES_LEAD_IN_FIRST,
]);

/** Every proper prefix of a structural word: a first word a space may have cut short. */
const STRUCTURAL_PREFIXES: ReadonlySet<string> = new Set(
  [...STRUCTURAL_WORDS].flatMap((w) => Array.from({ length: w.length - 1 }, (_, k) => w.slice(0, k + 1))),
);

/** First words of lines that can open a letter or mark that it reached its decisions. */
const LETTER_BOUNDARY_WORDS: ReadonlySet<string> = new Set(['CASE', 'HOW', 'MAXIMUS', 'NOTICE', 'MEDICAL', 'IMR', 'INDEPENDENT', 'ISSUE', 'CLAIMS', 'RATIONALE']);

/** Literal endings of headings that may be glued to the end of a line. */
const TRAILING_SUFFIXES: readonly string[] = HEADINGS.filter((h) => h.suffix).map((h) => h.suffix!);

/** A trie over upper-case letters of every word `firstWord` may return (structural words, their
 *  proper prefixes, letter-boundary words); `word` is the word a node completes. */
interface WordNode {
  readonly next: (WordNode | undefined)[];
  word: string;
}

const FIRST_WORDS: WordNode = (() => {
  const root: WordNode = { next: [], word: '' };
  for (const w of [...STRUCTURAL_WORDS, ...STRUCTURAL_PREFIXES, ...LETTER_BOUNDARY_WORDS]) {
    let n = root;
    for (let k = 0; k < w.length; k++) {
      const c = w.charCodeAt(k) - 65;
      n = n.next[c] ??= { next: [], word: '' };
    }
    n.word = w;
  }
  return root;
})();

/**
 * The first word of [cs, ce) in upper case (letters only, at most 16) when it is a structural
 * word, a prefix of one or a letter-boundary word; '' otherwise (no string is made: the word is
 * read through a trie of those words).
 */
function firstWord(text: string, cs: number, ce: number): string {
  let n: WordNode | undefined = FIRST_WORDS;
  let e = cs;
  const limit = Math.min(ce, cs + 16);
  while (e < limit) {
    let c = text.charCodeAt(e);
    if (c >= 97 && c <= 122) c -= 32;
    else if (!(c >= 65 && c <= 90)) break;
    n = n?.next[c - 65];
    e++;
  }
  // A run of 16 letters stops there, as the word it begins.
  return n ? n.word : '';
}

/** A page marker line: "-- 1 of 2 --", "- 3 -", "Page 1 of 2", "Page 2". */
const PAGE_MARKER = /^(?:[-\u2013\u2014]{1,3} ?(?:Page )?\d{1,4}(?: of \d{1,4})? ?[-\u2013\u2014]{1,3}|Page \d{1,4}(?: of \d{1,4})?)$/i;

/** `imr-disable: code, code` on a line of its own, optionally after `#` or `//` or inside `<!-- -->`. */
const DIRECTIVE_RE = /^(?:#|\/\/|<!--)?\s*imr-disable\b\s*:?\s*([\w\s,-]*?)\s*(?:-->)?$/i;

/** Splits "California,North Carolina" or "A, B and C" into entries. */
function splitList(v: string): string[] {
  return v
    .replace(/\.$/, '')
    .split(/\s*,\s*|\s+and\s+(?=[A-Z])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Reads a partial-authorization heading. Two forms occur:
 *  "<original> was the original request. <authorized> was authorized by the Claims Administrator.
 *   The remaining IMR eligible portion of the original request, <remainder>"
 *  "<original> was the original request. The Claims Administrator authorized <other>, leaving the
 *   original request IMR eligible. The original request, <original>"
 */
export function parsePartial(s: string): { partial: PartialAuthorization; remainderFrom: number } | null {
  const o = /\s+was the original request\.?\s*/i.exec(s);
  if (!o) return null;
  const original = s.slice(0, o.index).trim();
  const rest = s.slice(o.index + o[0].length);
  const restFrom = o.index + o[0].length;
  let authorized: string | null = null;
  const a1 = /^(.*?)\s+was authorized by the Claims Administrator\b/i.exec(rest);
  const a2 = /^The Claims Administrator authorized\s+(.*?),?\s+leaving the original request\b/i.exec(rest);
  if (a1) authorized = a1[1].trim();
  else if (a2) authorized = a2[1].trim();
  const r = /(?:portion of the original request|The original request)\s*,\s*/i.exec(rest);
  if (!r) return null;
  const remainderFrom = restFrom + r.index + r[0].length;
  const remainder = s.slice(remainderFrom).trim();
  if (!remainder) return null;
  return { partial: { original, authorized, remainder }, remainderFrom };
}

/** The 2013 notice's numbered list: "N) ... has determined the request for X is [not] medically necessary". */
function noticeItems(joined: Joined): Item[] {
  const s = joined.text;
  const items: Item[] = [];
  const marker = 'has determined the request for ';
  let pos = 0;
  while (items.length < 200) {
    const at = s.indexOf(marker, pos);
    if (at < 0) break;
    const from = at + marker.length;
    const window = s.slice(from, from + 600);
    const m = /\s+is\s+(not\s*medically|medically)\s+necessary(?:\s+and\s+appropriate)?/i.exec(window);
    if (!m) {
      pos = from;
      continue;
    }
    let reqFrom = from;
    const article = /^(?:a|an|the)\s+/i.exec(window);
    if (article) reqFrom += article[0].length;
    const reqTo = from + m.index;
    const negative = /^not/i.test(m[1]);
    const decisionFrom = reqTo + m[0].indexOf(m[1]);
    const decisionTo = reqTo + m[0].length;
    const numberStart = Math.max(0, s.lastIndexOf(')', at) - 3);
    const itemStart = /\d/.test(s.slice(numberStart, at)) ? s.slice(numberStart, at).search(/\d/) + numberStart : at;
    let end = decisionTo;
    if (s[end] === '.') end++;
    const phrase = collapse(s.slice(decisionFrom, decisionTo)).replace(/^notmedically/i, 'not medically');
    items.push({
      index: items.length,
      span: joined.span(itemStart, end),
      heading: joined.span(itemStart, end),
      request: s.slice(reqFrom, reqTo).trim(),
      requestSpan: joined.span(reqFrom, reqTo),
      decision: negative ? 'Upheld' : 'Overturned',
      decisionText: { text: phrase, span: joined.span(decisionFrom, decisionTo) },
      partialAuthorization: null,
      claimsAdministrator: null,
      maximus: null,
      rationale: null,
      duplicateBlocks: [],
    });
    pos = end;
  }
  return items;
}

/**
 * Offsets of every form feed (page break) in the range. The search runs in the range's own part of
 * the text (a slice shares its characters): searching the whole text from the range's start would
 * read to the end of a merged file for every letter without a form feed.
 */
function pageBreaks(text: string, range: Span): number[] {
  const out: number[] = [];
  const part = text.slice(range.start, range.end);
  for (let i = part.indexOf('\f'); i >= 0; i = part.indexOf('\f', i + 1)) out.push(range.start + i);
  return out;
}

/** NUL bytes or many control characters in the first 64 KB mean this is not text. */
/** How much of a text `looksBinary` reads. */
const BINARY_PROBE = 65536;

function looksBinary(text: string): boolean {
  const n = Math.min(text.length, BINARY_PROBE);
  if (n === 0) return false;
  const probe = n === text.length ? text : text.slice(0, n);
  if (probe.indexOf('\u0000') >= 0) return true;
  // Control characters other than tab, line ends and form feed, and replacement characters
  // (undecodable bytes), counted natively.
  const control = probe.match(BINARY_CHARS)?.length ?? 0;
  return control / n > 0.05;
}

const BINARY_CHARS = /[\x01-\x08\x0e-\x1f\ufffd]/g;

export { longDateToIso };
