/**
 * Citation recognition: every guideline page, section and regulation a letter cites, with the
 * source spans a hover needs.
 *
 * The letter is cut into regions (each item's Claims Administrator, MAXIMUS and rationale blocks,
 * and the text between them), and each region is normalised once (whitespace runs, line breaks,
 * page breaks and the padding of double-spaced extractions become one space; `Â§` mojibake is
 * repaired; a word hyphenated across lines is joined) while keeping a map from every normalised
 * character back to its source offsets. The recognisers then scan the normalised text:
 *
 *  - guideline chains after "Decision based on MTUS": `<Guideline> <year>[, Section(s): ...]`
 *    joined by ", and ", and the older `<Guideline> <topic> Page(s): <pages>` form;
 *  - "Decision based on Non-MTUS Citation ..." (ODG, ACOEM 3rd edition, other sources);
 *  - `Page(s):` and `Section(s):` wherever else they occur;
 *  - regulation references (`8 C.C.R. §§9792.20 - 9792.26`, `MTUS 9792.20f`, `9792.20(ef)`, ...);
 *  - free-text references in rationales ("ACOEM Chapter 12, Table 12-8, page 309", "page 82 of the
 *    MTUS Chronic Pain Medical Treatment Guidelines (July 28, 2016)").
 *
 * Every scan moves forward through its region; lookaheads and lookbehinds are capped at a few
 * hundred characters and a scan resumes after the text a citation consumed, so the work is linear
 * in the length of the letter. Nothing here throws.
 */
import { longDateToIso } from './dates';
import {
  bundledKnowledge, cpmtgEditionFor, documentForLabel, eraOf, isStatable, Knowledge, KnowledgeDocument, KnowledgeEntry,
  knownSectionKeys, letterEra, LetterEra, lookupNonMtus, lookupPage, lookupRegulation, lookupSection, nameKey,
} from './knowledge';
import { Joined, normalizeRange } from './text';
import { guidelineWords, rejoinRegion, wordsOf } from './split-words';
import type { BlockKind, Letter, Span } from './types';

// ------------------------------------------------------------------------------------------ types

export type CitationKind = 'page' | 'section' | 'regulation' | 'guideline' | 'non-mtus';
export type CitationBlock = BlockKind | 'other';

interface LocatorBase {
  /** The locator as written (normalised). */
  readonly text: string;
  readonly span: Span;
}

/** A page or page range. `from`/`to` are null for supplement pages such as "S1-20". */
export interface PageLocator extends LocatorBase {
  readonly kind: 'page';
  readonly from: number | null;
  readonly to: number | null;
  /** ACOEM table the page is given with ("12-8"). */
  readonly table: string | null;
}

/** A section or heading name; `number` for numbered sections ("3.3.9"). */
export interface SectionLocator extends LocatorBase {
  readonly kind: 'section';
  readonly name: string;
  readonly number: string | null;
}

/** A regulation reference: `9792.20(f)`, `9792.21.1(d)(1)`, `9792.20 - 9792.26`. */
export interface RegulationLocator extends LocatorBase {
  readonly kind: 'regulation';
  readonly section: string;
  readonly subdivision: string | null;
  readonly paragraph: string | null;
  readonly through: string | null;
}

/** A topic named in a non-MTUS citation ("Low Back Chapter, Preoperative lab testing"). */
export interface TopicLocator extends LocatorBase {
  readonly kind: 'topic';
  readonly name: string;
}

export type Locator = PageLocator | SectionLocator | RegulationLocator | TopicLocator;

export interface Citation {
  readonly kind: CitationKind;
  /** The whole citation, guideline name included. */
  readonly span: Span;
  /** Knowledge-base document id: `mtus-cpmtg`, `mtus-opioids`, `mtus-acoem`, `mtus-acupuncture`,
   *  `mtus-postsurgical`, `ccr-9792`, `odg`, `acoem-3`, `acoem-other`, `non-mtus-other`,
   *  `mtus-unknown` (an MTUS label the knowledge base does not know) or `unknown`. */
  readonly guideline: string;
  /** Edition key (`2009`, `2016`, `2004`, `2007`, `3rd`, `current`); for regulations the era id
   *  the reference is read in (`2009`, `2015`, `2016`, ...); `unknown` when it cannot be told. */
  readonly edition: string;
  /** Why this edition: what in the letter decided it. */
  readonly editionBasis: string;
  /** The guideline as written ("Chronic Pain Medical Treatment 2016", "ACOEM Chapter 15"). */
  readonly label: string | null;
  /** ACOEM chapter, when the citation names one. */
  readonly chapter: { readonly number: number | null; readonly name: string | null } | null;
  /** The topic as the letter writes it, when it writes one. */
  readonly topic: string | null;
  readonly locators: readonly Locator[];
  /** The spans of `locators`, in order. */
  readonly locatorSpans: readonly Span[];
  readonly block: CitationBlock;
  /** Index of the item the citation is in, or null outside items. */
  readonly itemIndex: number | null;
  /** A version date written in the citation ("(July 28, 2016)"), ISO; null when none. */
  readonly date: string | null;
}

// ------------------------------------------------------------------------------------------ entry

/**
 * Every citation in the letter, ordered by position (longer first at the same start). Citations
 * may nest: a regulation reference inside a free-text guideline citation is a citation of its own.
 */
export function findCitations(letter: Letter, text: string, kb: Knowledge = bundledKnowledge()): Citation[] {
  try {
    const era = letterEra(letter, kb);
    const out: Citation[] = [];
    // A tool that breaks words by spaces: the items' blocks are read with broken words joined.
    const words = letter.wordsBrokenBySpaces ? { guidelines: guidelineWords(kb), letter: wordsOf(text.slice(letter.range.start, letter.range.end)) } : null;
    for (const region of regions(letter, text)) {
      if (region.to <= region.from) continue;
      let norm = normalize(text, region.from, region.to);
      if (words && region.item !== null) norm = rejoinRegion(norm, words.guidelines, words.letter);
      if (norm.text.length === 0) continue;
      new RegionScanner(norm, region, letter, era, kb, out).scan();
    }
    out.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
    return out;
  } catch {
    return [];
  }
}

// ------------------------------------------------------------------------------------------ regions

interface Region {
  readonly kind: CitationBlock;
  readonly item: number | null;
  readonly from: number;
  readonly to: number;
}

function regions(letter: Letter, text: string): Region[] {
  const blocks: Region[] = [];
  const { start: rangeStart, end: rangeEnd } = letter.range ?? { start: 0, end: text.length };
  for (const item of letter.items) {
    for (const b of [item.claimsAdministrator, item.maximus, item.rationale, ...item.duplicateBlocks]) {
      if (!b) continue;
      const from = Math.max(0, Math.min(b.textSpan.start, text.length));
      const to = Math.max(from, Math.min(b.textSpan.end, text.length));
      blocks.push({ kind: b.kind, item: item.index, from, to });
    }
  }
  blocks.sort((a, b) => a.from - b.from);
  const out: Region[] = [];
  let pos = rangeStart;
  for (const b of blocks) {
    const from = Math.max(b.from, pos);
    if (from > pos) out.push({ kind: 'other', item: null, from: pos, to: from });
    if (b.to > from) out.push({ ...b, from });
    pos = Math.max(pos, b.to);
  }
  if (pos < rangeEnd) out.push({ kind: 'other', item: null, from: pos, to: rangeEnd });
  return out;
}

// ------------------------------------------------------------------------------------------ normalisation

/** A region's normalised text with its map to the source (see text.ts `normalizeRange`). */
export type Normalized = Joined;

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Blank or punctuation trimmed from the ends of a citation or topic: space , ; : . */
function isTrimCode(c: number): boolean {
  return c === 32 || c === 44 || c === 59 || c === 58 || c === 46;
}

const LABEL_CHAR = /[A-Za-z,&'/ -]/;

/** Normalises text[from, to) (see the module comment). Linear. */
export function normalize(text: string, from: number, to: number): Normalized {
  return normalizeRange(text, from, to);
}

// ------------------------------------------------------------------------------------------ patterns

/** Anchor for guideline lines: "Decision based on MTUS" / "Decision based on Non-MTUS Citation". */
/** "Decision based on MTUS" / "... Non-MTUS Citation", tried (sticky) where the literal occurs. */
const DECISION_ANCHOR_AT = /\bDecision based on\s+(?:the\s+)?(Non\s?-?\s?MTUS\s+Citation|MTUS)\b\s*/y;
/** `<Name> <year>[ Guidelines]` at a position (names hold letters, blanks and , & ' / -). */
const YEAR_LABEL = /([A-Z][A-Za-z,&'/ -]{1,80}?)\s+((?:19|20)\d\d)\b(\s+Guidelines\b)?/y;
/** A guideline name without year ending in "Guidelines" (the older "Page(s):" letters). */
const NAMED_LABEL = /([A-Z][A-Za-z&' -]{2,70}?Guidelines)\b/y;
const ACOEM_CHAPTER_LABEL = /ACOEM(?:\s+Practice\s+Guidelines)?,?\s+Chapter\s+(\d{1,2})\b/y;
const SECTIONS_INTRO = /,?\s*Section\(s\):\s*/y;
const AND_JOIN = /,?\s+and\s+/y;
const PAGE_LIST = /\s*(\d{1,3}(?:\s?[-–]\s?\d{1,3})?(?:\s?,\s?\d{1,3}(?:\s?[-–]\s?\d{1,3})?){0,30})/y;
const PAGE_ITEM = /(\d{1,3})(?:\s?[-–]\s?(\d{1,3}))?/g;
const NUMBERED_ITEM = /^(\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+/;
const REGULATION = /9792\.(\d{2})((?:\.\d{1,2})?)(?:\s?\(([a-z]{1,2})\)|([a-z]{1,2})\b)?(?:\s?\((\d{1,2})\))?(?:\s?[-–]\s?(?:§{1,2}\s?)?9792\.(\d{2})((?:\.\d{1,2})?))?/y;
const REG_PREFIX = /(?:\b8\s?C\.?\s?C\.?\s?R\.?\s?|\bCal\.?\s?Code\s?(?:of\s)?Regs?\.?\s?(?:,?\s?tit(?:le|\.)?\s?8,?\s?)?|\bMTUS\s?|\b[Ss]ection\s?)(?:§{1,2}\s?)?$|§{1,2}\s?$/;
const LONG_DATE_PAREN = /\s?\(([A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})\)/y;
const SUPPLEMENT_PAGE = /\s?,?\s?(S\d{1,2}-\d{1,3})\b/y;
const FREE_ACOEM = /ACOEM(?:\s+(?:Practice\s+)?Guidelines)?,?\s?(?:\(\s?)?Chapter\s+(\d{1,2})\b/y;
const FREE_PAGE_D = /\b(?:[Pp]ages?|[Pp]g\.?)\s?(\d{1,3})(?:\s?[-–]\s?(\d{1,3}))?\b/dg;
const TABLE = /,?\s?Table\s+(\d{1,2}(?:-\d{1,2})?)\b/y;
const CPMTG_ANCHOR = /Chronic Pain (?:Medical )?Treatment Guidelines/g;
const PAGE_BEFORE_D = /\b[Pp]ages?\s(\d{1,3})(?:\s?[-–]\s?(\d{1,3}))?\s(?:of\s)?(?:the\s)?(?:MTUS\s)?(?:(2009|2016),?\s)?$/d;
const UNDER_SECTION = /\s(?:under|in)\s(?:the\s)?([A-Za-z][A-Za-z ,&'-]{1,60}?)\s[Ss]ection\b/y;

/** Longest section list, non-MTUS citation text and lookahead windows (characters). */
const MAX_LIST = 1500;
const MAX_NON_MTUS = 600;
const MAX_TOPIC = 250;

interface LabelHit {
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

// ------------------------------------------------------------------------------------------ scanner

class RegionScanner {
  private readonly s: string;
  /** Normalised spans of the guideline-chain citations found so far, in order. */
  private readonly chainSpans: [number, number][] = [];

  constructor(
    private readonly norm: Normalized,
    private readonly region: Region,
    private readonly letter: Letter,
    private readonly era: LetterEra,
    private readonly kb: Knowledge,
    private readonly out: Citation[],
  ) {
    this.s = norm.text;
  }

  scan(): void {
    this.scanDecisionLines();
    this.scanPagesFallback();
    this.scanSectionsFallback();
    this.scanRegulations();
    this.scanFreeAcoem();
    this.scanFreeCpmtg();
  }

  // ---------------------------------------------------------------- helpers

  private span(a: number, b: number): Span {
    const n = this.s.length;
    if (n === 0) return { start: this.region.from, end: this.region.from };
    const f = Math.max(0, Math.min(a, n - 1));
    const t = Math.max(f + 1, Math.min(b, n));
    return { start: this.norm.sourceOf(f).start, end: this.norm.sourceOf(t - 1).end };
  }

  private covered(pos: number): boolean {
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

  private sticky(re: RegExp, at: number): RegExpExecArray | null {
    re.lastIndex = at;
    return re.exec(this.s);
  }

  private push(c: Omit<Citation, 'block' | 'itemIndex' | 'locatorSpans' | 'span'> & { from: number; to: number }, chain = false): void {
    const from = c.from;
    let end = c.to;
    while (end > from + 1 && isTrimCode(this.s.charCodeAt(end - 1))) end--;
    const locatorSpans: Span[] = [];
    for (const l of c.locators) locatorSpans.push(l.span);
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

  private trimmed(a: number, b: number): [number, number] {
    const s = this.s;
    while (a < b && isTrimCode(s.charCodeAt(a))) a++;
    while (b > a && isTrimCode(s.charCodeAt(b - 1))) b--;
    return [a, b];
  }

  private regEra(date: string | null): { edition: string; basis: string } {
    if (date) {
      const e = eraOf(this.kb, date);
      return { edition: e ?? 'unknown', basis: `the date written in the citation (${date})` };
    }
    if (this.era.era) return { edition: this.era.era, basis: this.era.basis };
    return { edition: 'unknown', basis: this.era.basis };
  }

  /** Edition of a Chronic Pain citation that names no year. */
  private cpmtgEdition(pageForm: boolean): { edition: '2009' | '2016'; basis: string } {
    if (pageForm) return { edition: '2009', basis: '"Page(s):" citations (letters of 2013 to 2016) refer to the May 2009 edition' };
    if (this.letter.format === 'F1a' || this.letter.format === 'F0') {
      return { edition: '2009', basis: 'the letter is of the 2013-2015 format, before the 2016 edition' };
    }
    const ed = cpmtgEditionFor(this.era.date);
    return this.era.date
      ? { edition: ed, basis: `the edition in force at ${this.era.basis}` }
      : { edition: ed, basis: 'no year or date given; the 2009 edition assumed' };
  }

  // ---------------------------------------------------------------- labels

  private matchLabel(at: number): LabelHit | null {
    const s = this.s;
    const acoem = this.sticky(ACOEM_CHAPTER_LABEL, at);
    if (acoem) {
      const num = Number(acoem[1]);
      return {
        start: at, end: at + acoem[0].length, text: acoem[0], guideline: 'mtus-acoem', edition: '2004',
        basis: 'ACOEM chapters adopted in the MTUS are the 2nd edition (2004)',
        doc: this.doc('mtus-acoem', '2004'), chapter: { number: num, name: null }, form: 'P',
      };
    }
    const y = this.sticky(YEAR_LABEL, at);
    if (y) {
      const name = y[1].replace(/[\s,]+$/, '');
      const year = y[2];
      const labelText = s.slice(at, at + y[0].length);
      const hit = documentForLabel(this.kb, `${name} ${year}`) ?? documentForLabel(this.kb, `${name} ${year} Guidelines`);
      if (hit) {
        const ch = hit.entry
          ? { number: hit.entry.locator.chapter ?? null, name: hit.entry.locator.chapterName ?? hit.entry.topic }
          : null;
        return {
          start: at, end: at + y[0].length, text: labelText, guideline: hit.doc.id, edition: hit.doc.edition,
          basis: `named in the letter ("${labelText}")`, doc: hit.doc, chapter: ch, form: 'S',
        };
      }
      if (!/Guidelines$/.test(name)) {
        return {
          start: at, end: at + y[0].length, text: labelText, guideline: 'mtus-unknown', edition: year,
          basis: `year written in the letter ("${labelText}")`, doc: null, chapter: null, form: 'S',
        };
      }
    }
    const named = this.sticky(NAMED_LABEL, at);
    if (named) {
      const hit = documentForLabel(this.kb, named[1]);
      if (hit) {
        let doc = hit.doc;
        let edition = doc.edition;
        let basis = `named in the letter ("${named[1]}")`;
        if (doc.id === 'mtus-cpmtg') {
          const pageForm = this.pageMarkerAhead(at + named[0].length);
          const ed = this.cpmtgEdition(pageForm);
          edition = ed.edition;
          basis = ed.basis;
          doc = this.doc('mtus-cpmtg', edition) ?? doc;
        }
        return {
          start: at, end: at + named[0].length, text: named[1], guideline: doc.id, edition, basis, doc,
          chapter: null, form: 'P',
        };
      }
    }
    return null;
  }

  /** True when "Page(s):" follows within the topic window, in the same sentence. */
  private pageMarkerAhead(at: number): boolean {
    const w = this.s.slice(at, at + MAX_TOPIC);
    const p = w.indexOf('Page(s):');
    if (p < 0) return false;
    const stop = w.search(/\.\s(?:Decision|The|MAXIMUS)\b/);
    return stop < 0 || p < stop;
  }

  private doc(id: string, edition: string): KnowledgeDocument | null {
    return this.kb.documents.find((d) => d.id === id && d.edition === edition) ?? null;
  }

  // ---------------------------------------------------------------- guideline lines

  private scanDecisionLines(): void {
    const s = this.s;
    // The literal is found natively; the anchor expression is tried only where it occurs.
    let pos = 0;
    for (;;) {
      const i = s.indexOf('Decision based on', pos);
      if (i < 0) return;
      pos = i + 1;
      const m = this.sticky(DECISION_ANCHOR_AT, i);
      if (!m) continue;
      const after = i + m[0].length;
      const resume = /^Non/.test(m[1]) ? this.nonMtus(after) : this.chain(after);
      pos = Math.max(after, resume);
    }
  }

  /** Parses `<label>[...][, and <label>...]` from `at`; returns where scanning may resume. */
  private chain(at: number): number {
    const s = this.s;
    let p = at;
    for (let guard = 0; guard < 16; guard++) {
      const label = this.matchLabel(p);
      if (!label) return p;
      let q = label.end;
      const locators: Locator[] = [];
      let topic: string | null = null;
      let kind: CitationKind = 'guideline';
      if (label.form === 'S') {
        const intro = this.sticky(SECTIONS_INTRO, q);
        if (intro) {
          const listStart = q + intro[0].length;
          const listEnd = this.listEnd(listStart);
          for (const l of this.sections(listStart, listEnd, label)) locators.push(l);
          const [a, b] = this.trimmed(listStart, listEnd);
          topic = b > a ? s.slice(a, b) : null;
          kind = 'section';
          q = Math.max(listEnd, listStart);
        }
      } else {
        const r = this.pageForm(q);
        topic = r.topic;
        for (const l of r.locators) locators.push(l);
        kind = r.locators.some((l) => l.kind === 'page') ? 'page' : r.locators.length ? 'section' : 'guideline';
        q = r.end;
      }
      this.push(
        {
          kind, from: label.start, to: q, guideline: label.guideline, edition: label.edition, editionBasis: label.basis,
          label: label.text.replace(/[\s,]+$/, ''), chapter: label.chapter, topic, locators, date: null,
        },
        true,
      );
      const and = this.sticky(AND_JOIN, q);
      if (and && this.matchLabel(q + and[0].length)) {
        p = q + and[0].length;
        continue;
      }
      return q;
    }
    return p;
  }

  /** End of a "Section(s):" list starting at `at` (exclusive, before the closing period). */
  private listEnd(at: number): number {
    const s = this.s;
    const n = s.length;
    const lim = Math.min(n, at + MAX_LIST);
    let depth = 0;
    for (let q = at; q < lim; q++) {
      const ch = s.charCodeAt(q);
      if (ch === 40 || ch === 91) depth++;
      else if ((ch === 41 || ch === 93) && depth > 0) depth--;
      else if (ch === 46) {
        if (q + 1 >= n) return q;
        if (s.charCodeAt(q + 1) === 32) {
          const rest = s.slice(q + 2, q + 12);
          if (/^(?:Decision|The |MAXIMUS|Claims)/.test(rest)) return q;
          const next = s.charCodeAt(q + 2);
          if (depth === 0 && next >= 65 && next <= 90 && !this.itemNumberBefore(q, at)) return q;
        }
      } else if (ch === 44 && depth === 0 && s.startsWith(', and ', q)) {
        if (this.matchLabel(q + 6)) return q;
      }
    }
    return lim;
  }

  /** True when the period at `q` closes an item number ("3." in "Section(s): 3. Opioids ..."). */
  private itemNumberBefore(q: number, listStart: number): boolean {
    const s = this.s;
    let k = q - 1;
    while (k >= listStart && (isDigitCode(s.charCodeAt(k)) || s.charCodeAt(k) === 46)) k--;
    if (k === q - 1) return false;
    return k + 1 === listStart || (s[k] === ' ' && (s[k - 1] === ',' || s[k - 1] === ':'));
  }

  /** Splits a section list into locators: commas inside parentheses do not split, known titles
   *  that contain commas are kept whole, numbered items (Opioids 2016) start new sections. */
  private sections(a: number, b: number, label: LabelHit): SectionLocator[] {
    const s = this.s;
    [a, b] = this.trimmed(a, b);
    if (b <= a) return [];
    const parts: [number, number][] = [];
    let depth = 0;
    let start = a;
    for (let q = a; q < b; q++) {
      const ch = s.charCodeAt(q);
      if (ch === 40 || ch === 91) depth++;
      else if ((ch === 41 || ch === 93) && depth > 0) depth--;
      else if (ch === 44 && depth === 0 && (s.charCodeAt(q + 1) === 32 || q + 1 === b)) {
        const t = this.trimmed(start, q);
        if (t[1] > t[0]) parts.push(t);
        start = q + 1;
      }
    }
    const t = this.trimmed(start, b);
    if (t[1] > t[0]) parts.push(t);

    const numbered = parts.some(([x, y]) => NUMBERED_ITEM.test(s.slice(x, Math.min(y, x + 20))));
    const groups: [number, number][] = [];
    if (numbered) {
      for (const p of parts) {
        const isNew = NUMBERED_ITEM.test(s.slice(p[0], Math.min(p[1], p[0] + 20)));
        if (isNew || groups.length === 0) groups.push([p[0], p[1]]);
        else groups[groups.length - 1][1] = p[1];
      }
    } else {
      const known = label.doc ? knownSectionKeys(this.kb, label.doc.id, label.doc.edition) : new Set<string>();
      for (let i = 0; i < parts.length; ) {
        let take = 1;
        for (let k = Math.min(4, parts.length - i); k >= 2; k--) {
          if (known.has(nameKey(s.slice(parts[i][0], parts[i + k - 1][1])))) {
            take = k;
            break;
          }
        }
        groups.push([parts[i][0], parts[i + take - 1][1]]);
        i += take;
      }
    }
    return groups.map(([x, y]) => {
      const text = s.slice(x, y);
      const m = NUMBERED_ITEM.exec(text);
      const number = m ? m[1] : null;
      const name = m ? text.slice(m[0].length) : text;
      return { kind: 'section', text, name: name || text, number, span: this.span(x, y) };
    });
  }

  /** The older form after a label: topic words, then "Page(s): <list>". */
  private pageForm(at: number): { topic: string | null; locators: Locator[]; end: number } {
    const s = this.s;
    const w = s.slice(at, Math.min(s.length, at + MAX_TOPIC));
    const stopM = /\.\s(?:Decision|The|MAXIMUS)\b|\.$/.exec(w);
    const stop = stopM ? stopM.index : w.length;
    const p = w.indexOf('Page(s):');
    if (p >= 0 && p < stop) {
      const [ta, tb] = this.trimmed(at, at + p);
      const pages = this.pageList(at + p + 'Page(s):'.length, null);
      return { topic: tb > ta ? s.slice(ta, tb) : null, locators: pages.locators, end: pages.end };
    }
    const [ta, tb] = this.trimmed(at, at + stop);
    if (tb > ta) {
      const name = s.slice(ta, tb);
      return { topic: name, locators: [{ kind: 'section', text: name, name, number: null, span: this.span(ta, tb) }], end: tb };
    }
    return { topic: null, locators: [], end: at };
  }

  /** Parses "23, 100-102" at `at`. */
  private pageList(at: number, table: string | null): { locators: PageLocator[]; end: number } {
    const m = this.sticky(PAGE_LIST, at);
    if (!m || m[1].length === 0) return { locators: [], end: at };
    const listStart = at + m[0].length - m[1].length;
    const locators: PageLocator[] = [];
    PAGE_ITEM.lastIndex = 0;
    let pm: RegExpExecArray | null;
    while ((pm = PAGE_ITEM.exec(m[1]))) {
      const from = Number(pm[1]);
      const to = pm[2] ? Number(pm[2]) : from;
      const a = listStart + pm.index;
      locators.push({ kind: 'page', text: pm[0], from: Math.min(from, to), to: Math.max(from, to), table, span: this.span(a, a + pm[0].length) });
    }
    return { locators, end: at + m[0].length };
  }

  // ---------------------------------------------------------------- non-MTUS

  private nonMtus(at: number): number {
    const s = this.s;
    const lim = Math.min(s.length, at + MAX_NON_MTUS);
    const stop = s.slice(at, lim).indexOf('. Decision based on');
    const end = stop < 0 ? lim : at + stop;
    const [a, b] = this.trimmed(at, end);
    if (b <= a) return at;
    const body = s.slice(a, b);
    let guideline = 'non-mtus-other';
    let edition = 'any';
    let rest = a;
    let topicEnd = b;
    const locators: Locator[] = [];
    const odg = /Official Disability Guidelines|\bODG\b/.exec(body);
    if (odg) {
      guideline = 'odg';
      edition = 'current';
      const after = /^(?:Official Disability Guidelines\s?(?:\(ODG\))?|ODG)\s?[,:\-–/]?\s?(?:\(ODG\)\s?)?[,:]?\s?/.exec(body.slice(odg.index, odg.index + 60));
      rest = a + odg.index + (after ? after[0].length : odg[0].length);
    } else if (/ACOEM|American College of Occupational and Environmental Medicine/.test(body)) {
      if (/\b(?:3rd|Third)\s+[Ee]d/.test(body)) {
        guideline = 'acoem-3';
        edition = '3rd';
        const pg = /\b(?:pg\.?|pages?)\s?(\d{1,3})\b/.exec(body);
        if (pg) {
          const x = a + pg.index + pg[0].length - pg[1].length;
          const n = Number(pg[1]);
          locators.push({ kind: 'page', text: pg[1], from: n, to: n, table: null, span: this.span(x, x + pg[1].length) });
          topicEnd = a + pg.index;
        }
      } else {
        guideline = 'acoem-other';
        edition = 'unknown';
      }
      const name = /\b(?:3rd|Third)\s[Ee]d(?:ition|\.)?,?\s?/.exec(body) ?? /ACOEM\)?,?\s?/.exec(body);
      rest = name ? a + name.index + name[0].length : a;
    }
    const [ra, rb] = this.trimmed(rest, topicEnd);
    if (rb > ra && guideline !== 'non-mtus-other') {
      const name = s.slice(ra, rb);
      locators.unshift({ kind: 'topic', text: name, name, span: this.span(ra, rb) });
    }
    this.push(
      {
        kind: 'non-mtus', from: a, to: b, guideline, edition,
        editionBasis: guideline === 'odg' ? 'ODG is cited without an edition; letters use the version current at the time' : guideline === 'acoem-3' ? 'named in the letter (3rd edition)' : 'no edition stated',
        label: body.slice(0, Math.min(body.length, 120)), chapter: null, topic: body, locators, date: null,
      },
      true,
    );
    return b;
  }

  // ---------------------------------------------------------------- fallbacks

  /** "Page(s):" not inside a guideline line: guideline guessed from the words just before. */
  private scanPagesFallback(): void {
    const s = this.s;
    let pos = 0;
    for (;;) {
      const i = s.indexOf('Page(s):', pos);
      if (i < 0) return;
      pos = i + 8;
      if (this.covered(i)) continue;
      const before = s.slice(Math.max(0, i - 200), i);
      let guideline = 'unknown';
      let edition = 'unknown';
      let basis = 'no guideline named before "Page(s):"';
      let chapter: Citation['chapter'] = null;
      const ac = /ACOEM(?:\s+Practice\s+Guidelines)?,?\s+Chapter\s+(\d{1,2})\b(?![\s\S]*ACOEM)/.exec(before);
      if (ac) {
        guideline = 'mtus-acoem';
        edition = '2004';
        basis = 'ACOEM chapters adopted in the MTUS are the 2nd edition (2004)';
        chapter = { number: Number(ac[1]), name: null };
      } else if (/Chronic Pain/.test(before)) {
        guideline = 'mtus-cpmtg';
        const ed = this.cpmtgEdition(true);
        edition = ed.edition;
        basis = ed.basis;
      }
      const pages = this.pageList(i + 8, null);
      this.push(
        { kind: 'page', from: i, to: Math.max(pages.end, i + 8), guideline, edition, editionBasis: basis, label: null, chapter, topic: null, locators: pages.locators, date: null },
        true,
      );
      pos = Math.max(pos, pages.end);
    }
  }

  /** "Section(s):" not inside a guideline line: the label is read backwards from it. */
  private scanSectionsFallback(): void {
    const s = this.s;
    let pos = 0;
    for (;;) {
      const i = s.indexOf('Section(s):', pos);
      if (i < 0) return;
      pos = i + 11;
      if (this.covered(i)) continue;
      const labelStart = this.labelStartBefore(i);
      let label: LabelHit | null = labelStart >= 0 ? this.matchLabel(labelStart) : null;
      if (label && label.end < i - 2) label = null;
      const listStart = i + 11 + (s[i + 11] === ' ' ? 1 : 0);
      const listEnd = this.listEnd(listStart);
      const hit: LabelHit = label ?? {
        start: i, end: i, text: '', guideline: 'mtus-unknown', edition: 'unknown', basis: 'no guideline named before "Section(s):"',
        doc: null, chapter: null, form: 'S',
      };
      const locators = this.sections(listStart, listEnd, hit);
      const [a, b] = this.trimmed(listStart, listEnd);
      this.push(
        {
          kind: 'section', from: label ? label.start : i, to: listEnd, guideline: hit.guideline, edition: hit.edition,
          editionBasis: hit.basis, label: label ? label.text.replace(/[\s,]+$/, '') : null, chapter: hit.chapter,
          topic: b > a ? s.slice(a, b) : null, locators, date: null,
        },
        true,
      );
      pos = Math.max(pos, listEnd);
    }
  }

  /** Start of "<Name> <year>[ Guidelines]," that ends just before `i`, or -1 (bounded scan back). */
  private labelStartBefore(i: number): number {
    const s = this.s;
    let k = i - 1;
    while (k >= 0 && (s[k] === ' ' || s[k] === ',')) k--;
    if (k >= 9 && s.slice(k - 9, k + 1) === 'Guidelines') {
      k -= 10;
      while (k >= 0 && s[k] === ' ') k--;
    }
    let digits = 0;
    while (k >= 0 && isDigitCode(s.charCodeAt(k)) && digits < 5) {
      k--;
      digits++;
    }
    if (digits !== 4) return -1;
    const floor = Math.max(0, k - 80);
    let start = -1;
    while (k >= floor && LABEL_CHAR.test(s[k])) {
      const c = s.charCodeAt(k);
      if (c >= 65 && c <= 90 && (k === 0 || s[k - 1] === ' ' || s[k - 1] === ',')) start = k;
      k--;
    }
    // Prefer the start right after "MTUS " or ", and " when one is in reach.
    const seg = s.slice(Math.max(0, floor), i);
    const mtus = Math.max(seg.lastIndexOf('MTUS '), -1);
    const and = seg.lastIndexOf(', and ');
    const anchor = Math.max(mtus >= 0 ? mtus + 5 : -1, and >= 0 ? and + 6 : -1);
    if (anchor >= 0) return Math.max(0, floor) + anchor;
    return start;
  }

  // ---------------------------------------------------------------- regulations

  private scanRegulations(): void {
    const s = this.s;
    let pos = 0;
    for (;;) {
      const i = s.indexOf('9792.', pos);
      if (i < 0) return;
      pos = i + 5;
      const m = this.sticky(REGULATION, i);
      if (!m) continue;
      let end = i + m[0].length;
      const section = `9792.${m[1]}${m[2]}`;
      const subdivision = m[3] ?? m[4] ?? null;
      const paragraph = m[5] ?? null;
      const through = m[6] ? `9792.${m[6]}${m[7]}` : null;
      const prefix = REG_PREFIX.exec(s.slice(Math.max(0, i - 30), i));
      const start = prefix ? i - prefix[0].length : i;
      let date: string | null = null;
      const d = this.sticky(LONG_DATE_PAREN, end);
      if (d) {
        date = longDateToIso(d[1].replace('.', ''));
        if (date) end += d[0].length;
      }
      const locator: RegulationLocator = {
        kind: 'regulation', text: s.slice(i, i + m[0].length), section, subdivision, paragraph, through,
        span: this.span(i, i + m[0].length),
      };
      const era = this.regEra(date);
      this.push({
        kind: 'regulation', from: start, to: end, guideline: 'ccr-9792', edition: era.edition, editionBasis: era.basis,
        label: s.slice(start, i).trim() || null, chapter: null, topic: null, locators: [locator], date,
      });
      if (section === '9792.24.4') {
        const sp = this.sticky(SUPPLEMENT_PAGE, end);
        if (sp) {
          const a = end + sp[0].length - sp[1].length;
          this.push({
            kind: 'page', from: start, to: a + sp[1].length, guideline: 'mtus-opioids', edition: '2016',
            editionBasis: date ? `the date written in the citation (${date})` : 'section 9792.24.4 is the 2016 opioid guideline',
            label: s.slice(start, end).trim(), chapter: null, topic: null, date,
            locators: [{ kind: 'page', text: sp[1], from: null, to: null, table: null, span: this.span(a, a + sp[1].length) }],
          });
        }
      }
      pos = Math.max(pos, i + m[0].length);
    }
  }

  // ---------------------------------------------------------------- free text

  /** "ACOEM Chapter 12, Table 12-8, page 309" and similar, outside guideline lines. */
  private scanFreeAcoem(): void {
    const s = this.s;
    let pos = 0;
    for (;;) {
      const i = s.indexOf('ACOEM', pos);
      if (i < 0) return;
      pos = i + 5;
      if (this.covered(i)) continue;
      const m = this.sticky(FREE_ACOEM, i);
      if (!m) continue;
      const chapter = Number(m[1]);
      const chapterEnd = i + m[0].length;
      const third = /\b(?:Third|3rd)\s+[Ee]dition\s?(?:of\s)?(?:the\s)?$/.test(s.slice(Math.max(0, i - 30), i));
      const locators: PageLocator[] = [];
      let q = chapterEnd;
      let topicEnd = -1;
      for (let guard = 0; guard < 6; guard++) {
        let table: string | null = null;
        let tableSpan: [number, number] | null = null;
        const t = this.sticky(TABLE, q);
        if (t) {
          table = t[1];
          tableSpan = [q + t[0].indexOf('Table'), q + t[0].length];
          if (topicEnd < 0) topicEnd = q;
          q += t[0].length;
        }
        const w = s.slice(q, this.sentenceEnd(q, 100));
        FREE_PAGE_D.lastIndex = 0;
        const pm = FREE_PAGE_D.exec(w);
        const gap = pm ? w.slice(0, pm.index) : '';
        if (!pm || /Chapter\s\d|ACOEM/.test(gap) || (locators.length > 0 && gap.length > 60)) {
          if (tableSpan) {
            locators.push({ kind: 'page', text: s.slice(tableSpan[0], tableSpan[1]), from: null, to: null, table, span: this.span(tableSpan[0], tableSpan[1]) });
          }
          break;
        }
        if (topicEnd < 0) topicEnd = q + pm.index;
        const idx = pm.indices!;
        const a = q + idx[1][0];
        const b = q + (idx[2] ? idx[2][1] : idx[1][1]);
        locators.push(this.pageLocator(a, b, Number(pm[1]), pm[2] ? Number(pm[2]) : Number(pm[1]), table));
        q = b;
      }
      let topic: string | null = null;
      if (topicEnd > chapterEnd) {
        const [ta, tb] = this.trimmed(chapterEnd, topicEnd);
        if (tb > ta && tb - ta <= 80 && !/\.\s/.test(s.slice(ta, tb))) topic = s.slice(ta, tb);
      }
      if (locators.length > 0) {
        const trailing = /^,\s([A-Z][A-Za-z ]{2,60}?)\s[Ss]ection\b/.exec(s.slice(q, q + 80));
        if (trailing) {
          topic = topic ?? trailing[1];
          q += trailing[0].length;
        }
      } else {
        q = chapterEnd;
      }
      this.push(
        {
          kind: locators.length ? 'page' : 'guideline', from: i, to: q, guideline: third ? 'acoem-3' : 'mtus-acoem',
          edition: third ? '3rd' : '2004',
          editionBasis: third ? 'named in the letter (third edition)' : 'ACOEM chapters cited as MTUS are the 2nd edition (2004)',
          label: s.slice(i, chapterEnd), chapter: { number: chapter, name: null }, topic, locators, date: null,
        },
        true,
      );
      pos = Math.max(pos, q);
    }
  }

  /** "page 82 of the MTUS Chronic Pain Medical Treatment Guidelines (July 28, 2016)" and similar. */
  private scanFreeCpmtg(): void {
    const s = this.s;
    if (s.indexOf('Chronic Pain') < 0) return; // most rationales never name the guideline
    const re = new RegExp(CPMTG_ANCHOR.source, 'g');
    let m: RegExpExecArray | null;
    while ((m = re.exec(s))) {
      const i = m.index;
      if (this.covered(i)) continue;
      const anchorEnd = i + m[0].length;
      let from = i;
      let to = anchorEnd;
      let page: PageLocator | null = null;
      let topic: string | null = null;
      let year: string | null = null;
      const w0 = Math.max(0, i - 40);
      const before = PAGE_BEFORE_D.exec(s.slice(w0, i));
      if (before) {
        const idx = before.indices!;
        from = w0 + before.index;
        const a = w0 + idx[1][0];
        const b = w0 + (idx[2] ? idx[2][1] : idx[1][1]);
        page = this.pageLocator(a, b, Number(before[1]), before[2] ? Number(before[2]) : Number(before[1]), null);
        year = before[3] ?? null;
      }
      const yearBefore = /\b(2009|2016),?\s?$/.exec(s.slice(Math.max(0, i - 12), i));
      if (!year && yearBefore) year = yearBefore[1];
      // Look ahead in the same sentence for a version date and a page.
      const w = s.slice(anchorEnd, this.sentenceEnd(anchorEnd, 160));
      const dm = /\(([A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})\)/.exec(w);
      const date = dm ? longDateToIso(dm[1].replace('.', '')) : null;
      if (!page) {
        FREE_PAGE_D.lastIndex = 0;
        const pm = FREE_PAGE_D.exec(w);
        if (pm && !/ACOEM|Chapter\s\d/.test(w.slice(0, pm.index))) {
          const idx = pm.indices!;
          const a = anchorEnd + idx[1][0];
          const b = anchorEnd + (idx[2] ? idx[2][1] : idx[1][1]);
          page = this.pageLocator(a, b, Number(pm[1]), pm[2] ? Number(pm[2]) : Number(pm[1]), null);
          to = b;
          const cleaned = w
            .slice(0, pm.index)
            .replace(/^\s?(?:MTUS\s?[-–]?\s?)?(?:8\s?C\.?\s?C\.?\s?R\.?\s?§{0,2}\s?9792[\d.\s\-–§]*)?(?:\([^)]{0,30}\))?/, '')
            .replace(/^[\s,;:]+|[\s,;:]+$/g, '');
          if (cleaned.length > 1 && cleaned.length <= 80 && !/\s(?:is|are|has|have|states?|notes?|of|the)\s/.test(` ${cleaned} `)) topic = cleaned;
        }
      } else if (dm) {
        to = anchorEnd + dm.index + dm[0].length;
      }
      if (!page) continue;
      const under = this.sticky(UNDER_SECTION, to);
      if (!topic && under) {
        topic = under[1];
        to += under[0].length;
      }
      let edition: string;
      let basis: string;
      if (date) {
        edition = cpmtgEditionFor(date);
        basis = `the date written in the citation (${date})`;
      } else if (year) {
        edition = year;
        basis = `the year written in the citation (${year})`;
      } else {
        const ed = this.cpmtgEdition(false);
        edition = ed.edition;
        basis = ed.basis;
      }
      this.push({
        kind: 'page', from, to, guideline: 'mtus-cpmtg', edition, editionBasis: basis, label: m[0], chapter: null,
        topic, locators: [page], date,
      });
      re.lastIndex = Math.max(re.lastIndex, to);
    }
  }

  private pageLocator(a: number, b: number, from: number, to: number, table: string | null): PageLocator {
    return { kind: 'page', text: this.s.slice(a, b), from: Math.min(from, to), to: Math.max(from, to), table, span: this.span(a, b) };
  }

  /** End of the sentence that contains `at` (a period followed by a blank and a capital), capped. */
  private sentenceEnd(at: number, max: number): number {
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

// ------------------------------------------------------------------------------------------ queries

/** The citation whose locator (else whose span) holds `offset`: the most specific one. */
export function citationAt(citations: readonly Citation[], offset: number): { citation: Citation; locator: Locator | null } | null {
  let best: { citation: Citation; locator: Locator | null; size: number } | null = null;
  for (const c of citations) {
    if (c.span.start > offset) break;
    if (offset >= c.span.end) continue;
    for (const l of c.locators) {
      if (l.span.start <= offset && offset < l.span.end) {
        const size = l.span.end - l.span.start;
        if (!best || best.locator === null || size < best.size) best = { citation: c, locator: l, size };
      }
    }
    if (!best || (best.locator === null && c.span.end - c.span.start < best.size)) {
      best = { citation: c, locator: null, size: c.span.end - c.span.start };
    }
  }
  return best ? { citation: best.citation, locator: best.locator } : null;
}

/** Counts by kind (for reports and tests). */
export function countByKind(citations: readonly Citation[]): Record<CitationKind, number> {
  const out: Record<CitationKind, number> = { page: 0, section: 0, regulation: 0, guideline: 0, 'non-mtus': 0 };
  for (const c of citations) out[c.kind]++;
  return out;
}

/**
 * Knowledge entries a citation's locator resolves to (best first; empty when the knowledge base
 * has nothing for it). For diagnostics: compare `topic` with what the letter wrote, read limits.
 */
export function resolveLocator(kb: Knowledge, citation: Citation, locator: Locator, letterDate?: string | null): KnowledgeEntry[] {
  switch (locator.kind) {
    case 'page':
      return pageEntries(kb, citation, locator);
    case 'section': {
      const e = lookupSection(kb, citation.guideline, citation.edition, locator.name, locator.number, citation.chapter?.number ?? null);
      return e ? [e] : [];
    }
    case 'regulation': {
      const date = citation.date ?? letterDate ?? null;
      const m = lookupRegulation(kb, locator.section, locator.subdivision, date, locator.through);
      return (date ? m.filter((x) => x.inForce) : m).map((x) => x.entry);
    }
    case 'topic': {
      const r = lookupNonMtus(kb, citation.guideline, citation.edition, locator.name);
      return [r.topic, r.chapter].filter((e): e is KnowledgeEntry => e !== null);
    }
  }
}

/** The topic the knowledge base gives a locator (confirmed entries only), or null. */
export function topicOfLocator(kb: Knowledge, citation: Citation, locator: Locator, letterDate?: string | null): string | null {
  const e = resolveLocator(kb, citation, locator, letterDate).find((x) => isStatable(x));
  return e ? e.topic : null;
}

/** Entries for the pages of a page locator (at most 51 pages looked at). */
export function pageEntries(kb: Knowledge, c: Citation, l: PageLocator): KnowledgeEntry[] {
  if (l.from === null || l.to === null) {
    // A table cited without a page ("ACOEM Chapter 9, Table 9-6"): the entries of that table.
    if (!l.table) return [];
    const doc = kb.documents.find((d) => d.id === c.guideline && d.edition === c.edition);
    return (doc?.entries ?? []).filter(
      (e) => e.locator.table === l.table && (c.chapter?.number == null || e.locator.chapter === c.chapter.number),
    );
  }
  const seen = new Set<KnowledgeEntry>();
  const out: KnowledgeEntry[] = [];
  const last = Math.min(l.to, l.from + 50);
  for (let p = l.from; p <= last; p++) {
    for (const e of lookupPage(kb, c.guideline, c.edition, p, c.chapter?.number ?? null)) {
      if (c.chapter?.name && e.locator.chapterName && e.ownPagination && e.locator.chapterName !== c.chapter.name) continue;
      if (!seen.has(e)) {
        seen.add(e);
        out.push(e);
      }
    }
  }
  return out;
}
