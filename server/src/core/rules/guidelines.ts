/**
 * Rules that need the guideline knowledge base: a cited page or numbered section that the knowledge
 * base places under another topic than the one written beside it, and a request quantity above the
 * limit the cited guideline states.
 *
 * Only facts the knowledge base may state (`isStatable`, `limitsOf`) are used, and a finding needs
 * the knowledge base to know every cited page: an unknown page is never taken as a mismatch.
 */
import type { Citation, Locator, PageLocator, SectionLocator } from '../citations';
import {
  findDocument, isStatable, Knowledge, KnowledgeDocument, KnowledgeEntry, Limit, limitsOf, lookupChapter, lookupNonMtus,
  lookupPage, lookupSection, nameKey, topicsAgree,
} from '../knowledge';
import type { Item, Span } from '../types';
import type { RuleContext } from './context';
import { itemLabel } from './items';

/** Widest page range looked up page by page. */
const MAX_PAGES = 40;

function statable(entries: readonly KnowledgeEntry[]): KnowledgeEntry[] {
  return entries.filter(isStatable);
}

/** The topic as written agrees with an entry: its topic, aliases, section or chapter name. */
function agrees(written: string, e: KnowledgeEntry): boolean {
  if (topicsAgree(written, e)) return true;
  const w = nameKey(written);
  for (const name of [e.locator.section, e.locator.chapterName]) {
    if (!name) continue;
    const k = nameKey(name);
    if (k.length >= 3 && w.length >= 3 && (w === k || w.includes(k) || k.includes(w))) return true;
  }
  return false;
}

function docTitle(kb: Knowledge, c: Citation): string {
  return findDocument(kb, c.guideline, c.edition)?.title ?? c.label ?? c.guideline;
}

function pageText(p: PageLocator): string {
  return p.from === p.to ? `page ${p.from}` : `pages ${p.from}-${p.to}`;
}

export function checkCitationTopics(ctx: RuleContext, kb: Knowledge, citations: readonly Citation[]): void {
  for (const c of citations) {
    if (!c.topic) continue;
    const pages = c.locators.filter((l): l is PageLocator => l.kind === 'page' && l.from !== null && l.to !== null);
    if (pages.length > 0 && pages.length === c.locators.filter((l) => l.kind === 'page').length) {
      checkPages(ctx, kb, c, c.topic, pages);
    }
    for (const l of c.locators) {
      if (l.kind === 'section' && l.number) checkNumberedSection(ctx, kb, c, l);
    }
  }
}

function checkPages(ctx: RuleContext, kb: Knowledge, c: Citation, topic: string, pages: readonly PageLocator[]): void {
  const chapter = c.chapter?.number ?? null;
  const known: KnowledgeEntry[] = [];
  for (const p of pages) {
    const from = p.from!;
    const to = Math.min(p.to!, from + MAX_PAGES);
    let any = false;
    for (let n = from; n <= to; n++) {
      const entries = statable(lookupPage(kb, c.guideline, c.edition, n, chapter));
      if (entries.length === 0) continue;
      any = true;
      for (const e of entries) if (!known.includes(e)) known.push(e);
    }
    if (!any) return; // the knowledge base does not know this page: nothing to compare
  }
  if (known.some((e) => agrees(topic, e))) return;
  // A topic that names the chapter ("ACOEM Chapter 15 Stress Related Conditions Page(s): 400").
  if (c.chapter) {
    const ch = lookupChapter(kb, c.guideline, c.edition, c.chapter.number, c.chapter.name);
    if (ch && agrees(topic, ch)) return;
    if (c.chapter.name && nameKey(c.chapter.name) === nameKey(topic)) return;
  }
  const span: Span = { start: pages[0].span.start, end: pages[pages.length - 1].span.end };
  const about = known.slice(0, 3).map((e) => `"${e.topic}"`).join(', ');
  const where = pages.map(pageText).join(', ');
  ctx.report(
    'citation-topic-mismatch',
    span,
    `The letter cites ${where} of ${docTitle(kb, c)} for "${shortTopic(topic)}", but the knowledge base has ${where} about ${about}. ` +
      'Check the page number or the topic.',
    { data: { guideline: c.guideline, edition: c.edition, topic, entries: known.map((e) => e.id), item: c.itemIndex } },
  );
}

function checkNumberedSection(ctx: RuleContext, kb: Knowledge, c: Citation, l: SectionLocator): void {
  const byNumber = lookupSection(kb, c.guideline, c.edition, '', l.number);
  if (!byNumber || !isStatable(byNumber) || byNumber.locator.sectionNumber === undefined) return;
  // The name written after the number, without the number itself.
  const name = l.name.replace(/^\s*\d+(?:\.\d+)*\.?\s*/, '');
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
  return /^\d/.test(s) ? Number(s) : NUMBER_WORDS[s.toLowerCase()];
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

export function requestedCount(s: string): RequestedCount | null {
  const t = s.length > 1000 ? s.slice(0, 1000) : s;
  const explicit = EXPLICIT_COUNT.exec(t);
  if (explicit) return { value: num(explicit[1]), from: explicit.index, to: explicit.index + explicit[0].length, written: explicit[0] };
  const freq = FREQUENCY_COUNT.exec(t);
  if (freq && !/\bday\b/i.test(freq[0])) {
    const value = num(freq[1]) * num(freq[2]);
    return { value, from: freq.index, to: freq.index + freq[0].length, written: `${freq[0].trim()} (${value} visits)` };
  }
  const counted = COUNTED.exec(t);
  if (counted) return { value: num(counted[1]), from: counted.index, to: counted.index + counted[0].length, written: counted[0] };
  const times = TIMES_COUNT.exec(t);
  if (times) return { value: num(times[1]), from: times.index, to: times.index + times[0].length, written: times[0] };
  return null;
}

interface CitedLimit {
  readonly limit: Limit;
  readonly entry: KnowledgeEntry;
  readonly doc: KnowledgeDocument | null;
  readonly citation: Citation;
}

/** Entries an item's citation points to. */
function citedEntries(kb: Knowledge, c: Citation): KnowledgeEntry[] {
  const out: KnowledgeEntry[] = [];
  const chapter = c.chapter?.number ?? null;
  for (const l of c.locators as readonly Locator[]) {
    if (l.kind === 'page' && l.from !== null && l.to !== null) {
      for (let n = l.from; n <= Math.min(l.to, l.from + MAX_PAGES); n++) for (const e of lookupPage(kb, c.guideline, c.edition, n, chapter)) out.push(e);
    } else if (l.kind === 'section') {
      const e = lookupSection(kb, c.guideline, c.edition, l.name, l.number, chapter);
      if (e) out.push(e);
    } else if (l.kind === 'topic') {
      const hit = lookupNonMtus(kb, c.guideline, c.edition, l.name);
      if (hit.topic) out.push(hit.topic);
    }
  }
  if (c.kind === 'non-mtus' && c.topic && c.locators.length === 0) {
    const hit = lookupNonMtus(kb, c.guideline, c.edition, c.topic);
    if (hit.topic) out.push(hit.topic);
  }
  if (c.kind === 'guideline' && c.locators.length === 0) {
    // A whole guideline cited: its limit, when it states a single count limit (Acupuncture 2007).
    const doc = findDocument(kb, c.guideline, c.edition);
    const withCounts = (doc?.entries ?? []).filter((e) => limitsOf(e).some((x) => isCount(x)));
    if (withCounts.length === 1) out.push(withCounts[0]);
  }
  return out;
}

function isCount(l: Limit): boolean {
  return (l.kind === 'total' || l.kind === 'initial') && COUNT_UNITS.has(l.unit);
}

function limitText(l: Limit): string {
  const n = l.min !== undefined && l.min !== l.max ? `${l.min} to ${l.max}` : `${l.max}`;
  const over = l.over ? ` over ${l.over.min !== undefined && l.over.min !== l.over.max ? `${l.over.min} to ${l.over.max}` : l.over.max} ${l.over.unit}` : '';
  const cond = l.condition ? ` for ${l.condition}` : '';
  const req = l.requires ? `, with ${l.requires}` : '';
  return `${l.kind === 'initial' ? 'an initial trial of' : 'at most'} ${n} ${l.unit}${over}${cond}${req} (${l.label})`;
}

export function checkQuantities(ctx: RuleContext, kb: Knowledge, citations: readonly Citation[]): void {
  const { letter, text } = ctx;
  const byItem = new Map<number, Citation[]>();
  for (const c of citations) {
    if (c.itemIndex === null || (c.block !== 'maximus' && c.block !== 'rationale')) continue;
    const list = byItem.get(c.itemIndex) ?? [];
    list.push(c);
    byItem.set(c.itemIndex, list);
  }
  for (const item of letter.items) {
    const cites = byItem.get(item.index);
    if (!cites) continue;
    const req = requestIn(text, item);
    if (!req) continue;
    const limits: CitedLimit[] = [];
    const seen = new Set<KnowledgeEntry>();
    for (const c of cites) {
      for (const e of citedEntries(kb, c)) {
        if (seen.has(e)) continue;
        seen.add(e);
        for (const l of limitsOf(e)) if (isCount(l)) limits.push({ limit: l, entry: e, doc: findDocument(kb, c.guideline, c.edition), citation: c });
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
      ? `page${best.entry.locator.pages.from === best.entry.locator.pages.to ? ` ${best.entry.locator.pages.from}` : `s ${best.entry.locator.pages.from}-${best.entry.locator.pages.to}`}`
      : best.entry.locator.sectionNumber
        ? `section ${best.entry.locator.sectionNumber}`
        : `"${best.entry.locator.section ?? best.entry.topic}"`;
    ctx.report(
      'quantity-above-guideline-limit',
      req.span,
      `Item ${itemLabel(ctx, item)} asks for ${req.value} visits ("${req.written}"); ${best.doc?.title ?? best.citation.label ?? 'the cited guideline'}, ` +
        `${where} (${best.entry.topic}), states ${limitText(best.limit)}.` +
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
}

/** The visit count a request states, with its source span. */
function requestIn(text: string, item: Item): { value: number; span: Span; written: string } | null {
  const s = text.slice(item.requestSpan.start, Math.min(item.requestSpan.end, item.requestSpan.start + 1000));
  const r = requestedCount(s);
  if (!r) return null;
  return {
    value: r.value,
    span: { start: item.requestSpan.start + r.from, end: item.requestSpan.start + r.to },
    written: r.written.replace(/[\s\u00a0]+/g, ' ').trim(),
  };
}
