/**
 * The state of one region's citation scan: the region's normalised text, where it lies, the
 * letter and knowledge base it is read with, and the citations found so far; with the expressions
 * and small helpers the recognisers (`scan-guidelines.ts`, `scan-free.ts`) share.
 *
 * Every expression here runs at a position found by a native search (`y` sticky flag) or on a
 * window capped at a few hundred characters, so a scan is linear in its region.
 */
import { cpmtgEditionFor, eraOf, Knowledge, KnowledgeDocument, LetterEra } from '../knowledge';
import type { Joined } from '../text';
import type { Letter, Span } from '../types';
import type { Citation, CitationBlock, PageLocator } from './types';

/** One part of a letter scanned on its own: a block of an item, or the text between blocks. */
export interface Region {
  readonly kind: CitationBlock;
  readonly item: number | null;
  readonly from: number;
  readonly to: number;
}

/** Blank or punctuation trimmed from the ends of a citation or topic: space , ; : . */
export function isTrimCode(c: number): boolean {
  return c === 32 || c === 44 || c === 59 || c === 58 || c === 46;
}

export const LABEL_CHAR = /[A-Za-z,&'/ -]/;

/** Anchor for guideline lines: "Decision based on MTUS" / "Decision based on Non-MTUS Citation". */
/** "Decision based on MTUS" / "... Non-MTUS Citation", tried (sticky) where the literal occurs. */
export const DECISION_ANCHOR_AT = /\bDecision based on\s+(?:the\s+)?(Non\s?-?\s?MTUS\s+Citation|MTUS)\b\s*/y;
/** `<Name> <year>[ Guidelines]` at a position (names hold letters, blanks and , & ' / -). */
export const YEAR_LABEL = /([A-Z][A-Za-z,&'/ -]{1,80}?)\s+((?:19|20)\d\d)\b(\s+Guidelines\b)?/y;
/** A guideline name without year ending in "Guidelines" (the older "Page(s):" letters). */
export const NAMED_LABEL = /([A-Z][A-Za-z&' -]{2,70}?Guidelines)\b/y;
export const ACOEM_CHAPTER_LABEL = /ACOEM(?:\s+Practice\s+Guidelines)?,?\s+Chapter\s+(\d{1,2})\b/y;
export const SECTIONS_INTRO = /,?\s*Section\(s\):\s*/y;
export const AND_JOIN = /,?\s+and\s+/y;
export const PAGE_LIST = /\s*(\d{1,3}(?:\s?[-–]\s?\d{1,3})?(?:\s?,\s?\d{1,3}(?:\s?[-–]\s?\d{1,3})?){0,30})/y;
export const PAGE_ITEM = /(\d{1,3})(?:\s?[-–]\s?(\d{1,3}))?/g;
export const NUMBERED_ITEM = /^(\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+/;
export const REGULATION = /9792\.(\d{2})((?:\.\d{1,2})?)(?:\s?\(([a-z]{1,2})\)|([a-z]{1,2})\b)?(?:\s?\((\d{1,2})\))?(?:\s?[-–]\s?(?:§{1,2}\s?)?9792\.(\d{2})((?:\.\d{1,2})?))?/y;
export const REG_PREFIX = /(?:\b8\s?C\.?\s?C\.?\s?R\.?\s?|\bCal\.?\s?Code\s?(?:of\s)?Regs?\.?\s?(?:,?\s?tit(?:le|\.)?\s?8,?\s?)?|\bMTUS\s?|\b[Ss]ection\s?)(?:§{1,2}\s?)?$|§{1,2}\s?$/;
export const LONG_DATE_PAREN = /\s?\(([A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})\)/y;
export const SUPPLEMENT_PAGE = /\s?,?\s?(S\d{1,2}-\d{1,3})\b/y;
export const FREE_ACOEM = /ACOEM(?:\s+(?:Practice\s+)?Guidelines)?,?\s?(?:\(\s?)?Chapter\s+(\d{1,2})\b/y;
export const FREE_PAGE_D = /\b(?:[Pp]ages?|[Pp]g\.?)\s?(\d{1,3})(?:\s?[-–]\s?(\d{1,3}))?\b/dg;
export const TABLE = /,?\s?Table\s+(\d{1,2}(?:-\d{1,2})?)\b/y;
export const CPMTG_ANCHOR = /Chronic Pain (?:Medical )?Treatment Guidelines/g;
export const PAGE_BEFORE_D = /\b[Pp]ages?\s(\d{1,3})(?:\s?[-–]\s?(\d{1,3}))?\s(?:of\s)?(?:the\s)?(?:MTUS\s)?(?:(2009|2016),?\s)?$/d;
export const UNDER_SECTION = /\s(?:under|in)\s(?:the\s)?([A-Za-z][A-Za-z ,&'-]{1,60}?)\s[Ss]ection\b/y;

/** Longest section list, non-MTUS citation text and lookahead windows (characters). */
export const MAX_LIST = 1500;
export const MAX_NON_MTUS = 600;
export const MAX_TOPIC = 250;

export interface LabelHit {
  /** Normalised offsets of the label. */
  start: number;
  end: number;
  text: string;
  guideline: string;
  edition: string;
  basis: string;
  doc: KnowledgeDocument | null;
  chapter: { number: number | null; name: string | null } | null;
  /** 'S': year label that may take "Section(s):"; 'P': older form with a topic and "Page(s):". */
  form: 'S' | 'P';
}

export class Scan {
  readonly s: string;
  /** Normalised spans of the guideline-chain citations found so far, in order. */
  readonly chainSpans: [number, number][] = [];
  /** The last label read (`matchLabel`) and where: a chain asks for its next one several times. */
  labelAt = -1;
  label: LabelHit | null = null;

  constructor(
    readonly norm: Joined,
    readonly region: Region,
    readonly letter: Letter,
    readonly era: LetterEra,
    readonly kb: Knowledge,
    readonly out: Citation[],
  ) {
    this.s = norm.text;
  }

  span(a: number, b: number): Span {
    const n = this.s.length;
    if (n === 0) return { start: this.region.from, end: this.region.from };
    const f = Math.max(0, Math.min(a, n - 1));
    const t = Math.max(f + 1, Math.min(b, n));
    return { start: this.norm.sourceStart(f), end: this.norm.sourceEnd(t - 1) };
  }

  /** True when `pos` lies inside a guideline chain found earlier. */
  covered(pos: number): boolean {
    const spans = this.chainSpans;
    let lo = 0;
    let hi = spans.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid][1] <= pos) lo = mid + 1;
      else if (spans[mid][0] > pos) hi = mid - 1;
      else return true;
    }
    return false;
  }

  sticky(re: RegExp, at: number): RegExpExecArray | null {
    re.lastIndex = at;
    return re.exec(this.s);
  }

  /** Where a match of sticky `re` at `at` ends, or -1: for a caller that reads nothing else of it
   *  (a test makes no match array). */
  stickyEnd(re: RegExp, at: number): number {
    re.lastIndex = at;
    return re.test(this.s) ? re.lastIndex : -1;
  }

  push(c: Omit<Citation, 'block' | 'itemIndex' | 'locatorSpans' | 'span'> & { from: number; to: number }, chain = false): void {
    const from = c.from;
    let end = c.to;
    while (end > from + 1 && isTrimCode(this.s.charCodeAt(end - 1))) end--;
    // Made at its length (pushed to, a list grows to seventeen slots for a citation's one locator).
    const locatorSpans: Span[] = c.locators.map(spanOf);
    const citation: Citation = {
      kind: c.kind,
      span: this.span(from, end),
      guideline: c.guideline,
      edition: c.edition,
      editionBasis: c.editionBasis,
      label: c.label,
      chapter: c.chapter,
      topic: c.topic,
      locators: c.locators,
      locatorSpans,
      block: this.region.kind,
      itemIndex: this.region.item,
      date: c.date,
    };
    this.out.push(citation);
    if (chain) this.chainSpans.push([from, end]);
  }

  /** Where s[a, b) starts once its blanks and trim characters are taken off (b when it is all of them). */
  trimStart(a: number, b: number): number {
    const s = this.s;
    while (a < b && isTrimCode(s.charCodeAt(a))) a++;
    return a;
  }

  /** Where s[a, b) ends once the blanks and trim characters it ends with are taken off (at least a). */
  trimEnd(a: number, b: number): number {
    const s = this.s;
    while (b > a && isTrimCode(s.charCodeAt(b - 1))) b--;
    return b;
  }

  regEra(date: string | null): { edition: string; basis: string } {
    if (date) {
      const e = eraOf(this.kb, date);
      return { edition: e ?? 'unknown', basis: `the date written in the citation (${date})` };
    }
    if (this.era.era) return { edition: this.era.era, basis: this.era.basis };
    return { edition: 'unknown', basis: this.era.basis };
  }

  /** Edition of a Chronic Pain citation that names no year. */
  cpmtgEdition(pageForm: boolean): { edition: '2009' | '2016'; basis: string } {
    if (pageForm) return { edition: '2009', basis: '"Page(s):" citations (letters of 2013 to 2016) refer to the May 2009 edition' };
    if (this.letter.format === 'F1a' || this.letter.format === 'F0') {
      return { edition: '2009', basis: 'the letter is of the 2013-2015 format, before the 2016 edition' };
    }
    const ed = cpmtgEditionFor(this.era.date);
    return this.era.date
      ? { edition: ed, basis: `the edition in force at ${this.era.basis}` }
      : { edition: ed, basis: 'no year or date given; the 2009 edition assumed' };
  }

  doc(id: string, edition: string): KnowledgeDocument | null {
    return this.kb.documents.find((d) => d.id === id && d.edition === edition) ?? null;
  }

  pageLocator(a: number, b: number, from: number, to: number, table: string | null): PageLocator {
    return { kind: 'page', text: this.s.slice(a, b), from: Math.min(from, to), to: Math.max(from, to), table, span: this.span(a, b) };
  }

  /** End of the sentence that contains `at` (a period followed by a blank and a capital), capped. */
  sentenceEnd(at: number, max: number): number {
    const s = this.s;
    const lim = Math.min(s.length, at + max);
    for (let q = at; q < lim - 2; q++) {
      if (s.charCodeAt(q) === 46 && s.charCodeAt(q + 1) === 32) {
        const c = s.charCodeAt(q + 2);
        const prev = s.charCodeAt(q - 1);
        // "C.C.R. §", "pg. 607", "Table 12-8." are not sentence ends unless a capital follows.
        if (c >= 65 && c <= 90 && !(prev >= 65 && prev <= 90 && s.charCodeAt(q - 2) === 46)) return q;
      }
    }
    return lim;
  }
}

function spanOf(l: { readonly span: Span }): Span {
  return l.span;
}
