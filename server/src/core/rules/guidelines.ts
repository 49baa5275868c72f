/**
 * Rules that need the guideline knowledge base: a cited page or numbered section that the knowledge
 * base places under another topic than the one written beside it, and a request quantity above the
 * limit the cited guideline states.
 *
 * Only facts the knowledge base may state (`isStatable`, `limitsOf`) are used, and a finding needs
 * the knowledge base to know every cited page: an unknown page is never taken as a mismatch.
 */
import { objectList } from '../lists';
import { Citation, CitationResolution, docTitle, PageResolution, resolveCitation, SectionResolution } from '../citations';
import {
  findDocument, isStatable, keysAgree, Knowledge, KnowledgeDocument, KnowledgeEntry, Limit, limitPhrase, limitsOf, nameKey, pagesText,
  topicsAgree,
} from '../knowledge';
import type { Item, Span } from '../types';
import { itemLabel, Rule, RuleContext } from '../diagnostics/context';

/** The letter's citations resolved, each once for both rules (on first use). */
function resolutions(): Map<Citation, CitationResolution> {
  return new Map();
}

/** A citation resolved without its regulation references: both rules read guideline entries only. */
function resolved(ctx: RuleContext, c: Citation): CitationResolution {
  const all = ctx.memo(resolutions);
  let r = all.get(c);
  if (!r) all.set(c, (r = resolveCitation(ctx.kb!, c, null, false)));
  return r;
}

/** The topic as written agrees with an entry: its topic, aliases, section or chapter name. */
function agrees(written: string, e: KnowledgeEntry): boolean {
  if (topicsAgree(written, e)) return true;
  const w = nameKey(written);
  if (w.length < 3) return false;
  return (!!e.locator.section && keysAgree(w, e.locator.section)) || (!!e.locator.chapterName && keysAgree(w, e.locator.chapterName));
}

export const citationTopicMismatch: Rule = {
  code: 'citation-topic-mismatch',
  defaultSeverity: 'warning',
  description: 'A cited page or numbered section belongs, in the knowledge base, to another topic than the one written beside it.',
  cost: 'extended',
  source: 'knowledge',
  check(ctx) {
    const kb = ctx.kb;
    if (!kb) return;
    const { citations } = ctx;
    for (let k = 0; k < citations.length; k++) {
      const c = citations[k];
      if (!c.topic) continue;
      // Its page locators, those with numbers, and whether a section locator has a number (counted,
      // not listed: most citations are passed over here).
      let pageCount = 0;
      let numberedPages = 0;
      let numbered = false;
      for (let j = 0; j < c.locators.length; j++) {
        const l = c.locators[j];
        if (l.kind === 'page') {
          pageCount++;
          if (l.from !== null && l.to !== null) numberedPages++;
        } else if (l.kind === 'section' && l.number) numbered = true;
      }
      if (numberedPages === 0 && !numbered) continue;
      const res = resolved(ctx, c);
      const pages = objectList<PageResolution>();
      for (const r of res.locators) if (r.kind === 'page' && r.locator.from !== null && r.locator.to !== null) pages.push(r);
      if (pages.length > 0 && pages.length === pageCount) checkPages(ctx, kb, res, c.topic, pages);
      for (const r of res.locators) {
        if (r.kind === 'section' && r.locator.number) checkNumberedSection(ctx, kb, c, r);
      }
    }
  },
};

function checkPages(ctx: RuleContext, kb: Knowledge, res: CitationResolution, topic: string, pages: readonly PageResolution[]): void {
  const c = res.citation;
  const known: KnowledgeEntry[] = [];
  for (const p of pages) {
    if (p.stated.length === 0) return; // the knowledge base does not know this page: nothing to compare
    for (const e of p.stated) if (!known.includes(e)) known.push(e);
  }
  if (known.some((e) => agrees(topic, e))) return;
  // A topic that names the chapter ("ACOEM Chapter 15 Stress Related Conditions Page(s): 400").
  if (c.chapter) {
    if (res.chapter && agrees(topic, res.chapter)) return;
    if (c.chapter.name && nameKey(c.chapter.name) === nameKey(topic)) return;
  }
  const span: Span = { start: pages[0].locator.span.start, end: pages[pages.length - 1].locator.span.end };
  const about = known.slice(0, 3).map((e) => `"${e.topic}"`).join(', ');
  const where = pages.map((p) => pagesText(p.locator.from!, p.locator.to!, 'long')).join(', ');
  ctx.report(
    'citation-topic-mismatch',
    span,
    `The letter cites ${where} of ${docTitle(kb, c)} for "${shortTopic(topic)}", but the knowledge base has ${where} about ${about}. ` +
      'Check the page number or the topic.',
    { data: { guideline: c.guideline, edition: c.edition, topic, entries: known.map((e) => e.id), item: c.itemIndex } },
  );
}

/** A section's number at the start of its name ("3.2. Opioids"). */
const SECTION_NUMBER_START = /^\s*\d+(?:\.\d+)*\.?\s*/;
const DIGIT_START = /^\d/;
const BLANK_RUNS = /[\s\u00a0]+/g;

function checkNumberedSection(ctx: RuleContext, kb: Knowledge, c: Citation, r: SectionResolution): void {
  const byNumber = r.byNumber;
  if (!byNumber || !isStatable(byNumber)) return;
  const l = r.locator;
  // The name written after the number, without the number itself.
  const name = l.name.replace(SECTION_NUMBER_START, '');
  if (nameKey(name).length < 3 || agrees(name, byNumber)) return;
  ctx.report(
    'citation-topic-mismatch',
    l.span,
    `Section ${l.number} of ${docTitle(kb, c)} is "${byNumber.topic}" in the knowledge base, not "${shortTopic(name)}". ` +
      'Check the section number or its title.',
    { data: { guideline: c.guideline, edition: c.edition, topic: name, entries: [byNumber.id], item: c.itemIndex } },
  );
}

function shortTopic(s: string): string {
  return s.length > 70 ? s.slice(0, 69).trimEnd() + '…' : s;
}

// ------------------------------------------------------------------ quantities

const COUNT_UNITS = new Set(['visits', 'sessions', 'treatments']);

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, eighteen: 18, twenty: 20, twentyfour: 24, thirty: 30,
};
const N = '(\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|eighteen|twenty|thirty)';
const B = '[\\s\\u00a0]+';
const B0 = '[\\s\\u00a0]*';

/** Not part of a pill count, a dose or a date ("#60", "7.5", "12/07"). */
const NOT_AFTER = '(?<![#\\d./-])';

function num(s: string): number {
  return DIGIT_START.test(s) ? Number(s) : NUMBER_WORDS[s.toLowerCase()];
}

export interface RequestedCount {
  readonly value: number;
  /** Where the quantity is written (offsets into the string searched). */
  readonly from: number;
  readonly to: number;
  /** How it was read, for the message: "12 sessions", "2 times a week for 4 weeks (8 visits)". */
  readonly written: string;
}

/**
 * The number of visits a request asks for, when it states one: "(12 sessions)", "2 times a week for
 * 4 weeks", "2x6", "12 sessions of CBT", "six more visits", "times 12". Pill counts (`#60`), doses
 * and durations alone are not visit counts.
 */
// Built once: the request-count expressions (they were compiled on every call).
const EXPLICIT_COUNT = new RegExp(`\\(${B0}${N}${B0}(?:sessions?|visits?|treatments?)${B0}\\)`, 'i');
const FREQUENCY_COUNT = new RegExp(
  `${NOT_AFTER}\\b${N}${B0}(?:x|times|×)${B0}(?:(?:(?:a|per)${B})?(?:week|wk)${B0}(?:for${B}|x${B0}|times${B}|×${B0}))?${N}(?:${B}(?:weeks?|wks?))?(?![\\w/.])`,
  'i',
);
const COUNTED = new RegExp(`${NOT_AFTER}\\b${N}${B}(?:(?:additional|more|further)${B})?(?:[A-Za-z/&-]+${B}){0,4}?(?:sessions?|visits?|treatments?)\\b`, 'i');
const TIMES_COUNT = new RegExp(`(?:\\btimes|\\bx|×)${B0}${N}\\b(?!${B0}(?:/|mg|mcg|ml|%|days?|weeks?|months?|hours?|refills?|tabs?|tablets?|pills?|patch(?:es)?|caps(?:ules?)?|units?|bottles?|tubes?|boxes?|containers?|supply|doses?))`, 'i');

/**
 * The words the count expressions need (any case, as they are matched): a visit word for
 * EXPLICIT_COUNT and COUNTED, a "times" word for FREQUENCY_COUNT and TIMES_COUNT. Most requests
 * (medications) hold neither: the long expressions, which try a number at every digit and at many
 * letters, are not run on them.
 */
const VISIT_WORD = /session|visit|treatment/i;
const TIMES_WORD = /times|[x×]/i;

export function requestedCount(s: string): RequestedCount | null {
  const t = s.length > 1000 ? s.slice(0, 1000) : s;
  const visits = VISIT_WORD.test(t);
  const times = TIMES_WORD.test(t);
  if (!visits && !times) return null;
  const explicit = visits ? EXPLICIT_COUNT.exec(t) : null;
  if (explicit) return { value: num(explicit[1]), from: explicit.index, to: explicit.index + explicit[0].length, written: explicit[0] };
  const freq = times ? FREQUENCY_COUNT.exec(t) : null;
  if (freq && !/\bday\b/i.test(freq[0])) {
    const value = num(freq[1]) * num(freq[2]);
    return { value, from: freq.index, to: freq.index + freq[0].length, written: `${freq[0].trim()} (${value} visits)` };
  }
  const counted = visits ? COUNTED.exec(t) : null;
  if (counted) return { value: num(counted[1]), from: counted.index, to: counted.index + counted[0].length, written: counted[0] };
  const timesCount = times ? TIMES_COUNT.exec(t) : null;
  if (timesCount) return { value: num(timesCount[1]), from: timesCount.index, to: timesCount.index + timesCount[0].length, written: timesCount[0] };
  return null;
}

interface CitedLimit {
  readonly limit: Limit;
  readonly entry: KnowledgeEntry;
  readonly doc: KnowledgeDocument | null;
  readonly citation: Citation;
}

/** Entries an item's citation points to (unconfirmed ones included; `limitsOf` leaves those out). */
function citedEntries(ctx: RuleContext, c: Citation): KnowledgeEntry[] {
  const res = resolved(ctx, c);
  const out: KnowledgeEntry[] = [];
  for (const r of res.locators) {
    if (r.kind === 'page' || r.kind === 'section') for (const e of r.entries) out.push(e);
    else if (r.kind === 'topic' && r.topic) out.push(r.topic);
  }
  if (res.topic) out.push(res.topic);
  if (c.kind === 'guideline' && c.locators.length === 0 && res.document) {
    // A whole guideline cited: its limit, when it states a single count limit (Acupuncture 2007).
    const only = onlyCountEntry(res.document);
    if (only) out.push(only);
  }
  return out;
}

/** Per document, its one entry with a count limit (null when it has none or several), worked out
 *  once: documents never change, and a letter may cite a whole guideline many times. */
const ONLY_COUNT_ENTRY = new WeakMap<KnowledgeDocument, KnowledgeEntry | null>();

function onlyCountEntry(doc: KnowledgeDocument): KnowledgeEntry | null {
  let only = ONLY_COUNT_ENTRY.get(doc);
  if (only === undefined) {
    const withCounts = doc.entries.filter((e) => limitsOf(e).some((x) => isCount(x)));
    only = withCounts.length === 1 ? withCounts[0] : null;
    ONLY_COUNT_ENTRY.set(doc, only);
  }
  return only;
}

function isCount(l: Limit): boolean {
  return (l.kind === 'total' || l.kind === 'initial') && COUNT_UNITS.has(l.unit);
}

export const quantityAboveLimit: Rule = {
  code: 'quantity-above-guideline-limit',
  defaultSeverity: 'information',
  description: 'The request asks for more visits than the cited guideline states as its limit (with the limit and its source).',
  cost: 'extended',
  source: 'knowledge',
  check(ctx) {
    const { letter, text, kb } = ctx;
    if (!kb) return;
    // The citations of each item's MAXIMUS and rationale blocks, listed once a request states a
    // count (most requests state none: then no list is made).
    let byItem: Map<number, Citation[]> | null = null;
    for (let k = 0; k < letter.items.length; k++) {
      const item = letter.items[k];
      // The request's count first: most requests state none, and then no citation is resolved
      // (an item can cite thousands of times; its request is read once).
      const req = requestIn(text, item);
      if (!req) continue;
      byItem ??= citationsByItem(ctx.citations);
      const cites = byItem.get(item.index);
      if (!cites) continue;
      const limits: CitedLimit[] = [];
      const seen = new Set<KnowledgeEntry>();
      for (let j = 0; j < cites.length; j++) {
        const c = cites[j];
        const entries = citedEntries(ctx, c);
        for (let x = 0; x < entries.length; x++) {
          const e = entries[x];
          if (seen.has(e)) continue;
          seen.add(e);
          const ls = limitsOf(e);
          for (let y = 0; y < ls.length; y++) if (isCount(ls[y])) limits.push({ limit: ls[y], entry: e, doc: findDocument(kb, c.guideline, c.edition), citation: c });
        }
      }
      if (limits.length === 0) continue;
      // The most the cited guidance allows: its largest total, else its largest initial trial.
      const totals = limits.filter((x) => x.limit.kind === 'total');
      const pool = totals.length > 0 ? totals : limits;
      let best = pool[0];
      for (const x of pool) if (x.limit.max > best.limit.max) best = x;
      if (req.value <= best.limit.max) continue;
      const source = best.entry.sources.find((s) => s.tag !== 'UNCONFIRMED') ?? best.entry.sources[0];
      const where = best.entry.locator.pages
        ? pagesText(best.entry.locator.pages.from, best.entry.locator.pages.to, 'long')
        : best.entry.locator.sectionNumber
          ? `section ${best.entry.locator.sectionNumber}`
          : `"${best.entry.locator.section ?? best.entry.topic}"`;
      ctx.report(
        'quantity-above-guideline-limit',
        req.span,
        `Item ${itemLabel(ctx, item)} asks for ${req.value} visits ("${req.written}"); ${best.doc?.title ?? best.citation.label ?? 'the cited guideline'}, ` +
          `${where} (${best.entry.topic}), states ${limitPhrase(best.limit)}.` +
          (source ? ` Source: ${source.ref}.` : ''),
        {
          data: {
            item: item.index,
            requested: req.value,
            limit: best.limit,
            entry: best.entry.id,
            guideline: best.citation.guideline,
            edition: best.citation.edition,
            source: source ?? null,
          },
        },
      );
    }
  },
};

function citationsByItem(citations: readonly Citation[]): Map<number, Citation[]> {
  const byItem = new Map<number, Citation[]>();
  for (const c of citations) {
    if (c.itemIndex === null || (c.block !== 'maximus' && c.block !== 'rationale')) continue;
    const list = byItem.get(c.itemIndex) ?? [];
    list.push(c);
    byItem.set(c.itemIndex, list);
  }
  return byItem;
}

/** The visit count a request states, with its source span. */
function requestIn(text: string, item: Item): { value: number; span: Span; written: string } | null {
  const s = text.slice(item.requestSpan.start, Math.min(item.requestSpan.end, item.requestSpan.start + 1000));
  const r = requestedCount(s);
  if (!r) return null;
  return {
    value: r.value,
    span: { start: item.requestSpan.start + r.from, end: item.requestSpan.start + r.to },
    written: r.written.replace(BLANK_RUNS, ' ').trim(),
  };
}

export const rules: readonly Rule[] = [citationTopicMismatch, quantityAboveLimit];
