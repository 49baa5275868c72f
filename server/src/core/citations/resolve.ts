/**
 * What a citation points to: the one answer the hover, the guideline rules, the inlay hints, the
 * code lenses and the extraction all read, so they cannot disagree.
 *
 * `resolveCitation` gives the cited document (null when the knowledge base does not have it), the
 * chapter entry an ACOEM citation names, and for each locator the knowledge entries it points to,
 * best first, with those that may be stated as fact. A page range is looked up page by page (at
 * most `MAX_PAGES` pages); a regulation is read for the date the citation or the letter gives.
 */
import {
  findDocument, isStatable, Knowledge, KnowledgeDocument, KnowledgeEntry, lookupChapter, lookupNonMtus, lookupPage,
  lookupRegulation, lookupSection, RegulationMatch,
} from '../knowledge';
import type { Citation, Locator, PageLocator, RegulationLocator, SectionLocator, TopicLocator } from './types';

/** Widest page range looked up page by page. */
export const MAX_PAGES = 50;

interface Resolved<L extends Locator> {
  readonly locator: L;
  /** Entries the locator points to, best first (unconfirmed ones included). */
  readonly entries: readonly KnowledgeEntry[];
  /** The entries that may be stated as fact (`isStatable`). */
  readonly stated: readonly KnowledgeEntry[];
}

export type PageResolution = Resolved<PageLocator> & { readonly kind: 'page' };

export interface SectionResolution extends Resolved<SectionLocator> {
  readonly kind: 'section';
  /** The entry with the cited section number (numbered sections only), whatever name is written. */
  readonly byNumber: KnowledgeEntry | null;
  /** The "name" is a bare number: a page number where a section heading belongs. */
  readonly numeric: boolean;
}

export interface RegulationResolution extends Resolved<RegulationLocator> {
  readonly kind: 'regulation';
  /** The date the reference is read for: the citation's own, else the letter's; null when unknown. */
  readonly date: string | null;
  /**
   * Every period's text of the reference, in force first; when the knowledge base lacks the
   * subdivision (or the range), those of the section as a whole.
   */
  readonly matches: readonly RegulationMatch[];
  /** The subdivision the knowledge base lacks, when `matches` are of the whole section. */
  readonly droppedSubdivision: string | null;
}

export interface TopicResolution extends Resolved<TopicLocator> {
  readonly kind: 'topic';
  /** The most specific topic entry whose name occurs in the citation's text. */
  readonly topic: KnowledgeEntry | null;
  /** The chapter the text names. */
  readonly chapter: KnowledgeEntry | null;
}

export type LocatorResolution = PageResolution | SectionResolution | RegulationResolution | TopicResolution;

export interface CitationResolution {
  readonly citation: Citation;
  /** The cited guideline edition, or null when the knowledge base does not have it. */
  readonly document: KnowledgeDocument | null;
  /** The chapter entry the citation names (ACOEM chapters), when the knowledge base has it. */
  readonly chapter: KnowledgeEntry | null;
  readonly locators: readonly LocatorResolution[];
  /** For a non-MTUS citation without locators: the topic entry its text names. */
  readonly topic: KnowledgeEntry | null;
}

/**
 * Everything a citation points to in the knowledge base (see the module comment). Without
 * `regulations`, its regulation references are left out of `locators` (a reader of guideline
 * entries only spares their lookups, most of the cost of resolving a citation that has them).
 */
const DIGITS_ONLY = /^\d+$/;

export function resolveCitation(kb: Knowledge, c: Citation, letterDate?: string | null, regulations = true): CitationResolution {
  const document = findDocument(kb, c.guideline, c.edition);
  const chapter = document ? chapterEntry(kb, c) : null;
  const topic = c.kind === 'non-mtus' && c.topic && c.locators.length === 0 ? nonMtus(kb, c.guideline, c.edition, c.topic).topic : null;
  const locators: LocatorResolution[] = [];
  for (let k = 0; k < c.locators.length; k++) {
    const l = c.locators[k];
    if (regulations || l.kind !== 'regulation') locators.push(resolveOne(kb, c, l, letterDate ?? null));
  }
  return { citation: c, document, chapter, topic, locators };
}

/** One locator of a citation (see `resolveCitation`). */
export function resolveOne(kb: Knowledge, c: Citation, l: Locator, letterDate: string | null = null): LocatorResolution {
  switch (l.kind) {
    case 'page':
      // Not remembered: each page cited would make a key string, and a text citing thousands of
      // pages (the inlay hints resolve every one) would spend its time collecting them.
      return withStated({ kind: 'page', locator: l, entries: pageEntries(kb, c, l) });
    case 'section': {
      const chapter = c.chapter?.number ?? null;
      const found = remembered(kb, `s\0${c.guideline}\0${c.edition}\0${l.name}\0${l.number ?? ''}\0${chapter ?? ''}`, () => {
        const e = lookupSection(kb, c.guideline, c.edition, l.name, l.number, chapter);
        const byNumber = l.number ? lookupSection(kb, c.guideline, c.edition, '', l.number) : null;
        return { ...withStated({ entries: e ? [e] : [] }), byNumber: byNumber?.locator.sectionNumber !== undefined ? byNumber : null };
      });
      return { kind: 'section', locator: l, entries: found.entries, byNumber: found.byNumber, numeric: DIGITS_ONLY.test(l.name.trim()), stated: found.stated };
    }
    case 'regulation': {
      const date = c.date ?? letterDate;
      const exact = lookupRegulation(kb, l.section, l.subdivision, date, l.through);
      let matches = exact;
      let dropped: string | null = null;
      if (matches.length === 0 && l.subdivision) {
        matches = lookupRegulation(kb, l.section, null, date, l.through);
        dropped = l.subdivision;
      }
      if (matches.length === 0 && l.through) matches = lookupRegulation(kb, l.section, null, date, null);
      const entries = (date ? exact.filter((x) => x.inForce) : exact).map((x) => x.entry);
      return withStated({ kind: 'regulation', locator: l, entries, date, matches, droppedSubdivision: dropped });
    }
    case 'topic': {
      const r = nonMtus(kb, c.guideline, c.edition, l.name);
      const found = remembered(kb, `t\0${c.guideline}\0${c.edition}\0${l.name}`, () =>
        withStated({ entries: [r.topic, r.chapter].filter((e): e is KnowledgeEntry => e !== null) }),
      );
      return { kind: 'topic', locator: l, entries: found.entries, topic: r.topic, chapter: r.chapter, stated: found.stated };
    }
  }
}

function withStated<T extends { entries: readonly KnowledgeEntry[] }>(r: T): T & { stated: readonly KnowledgeEntry[] } {
  return { ...r, stated: r.entries.filter(isStatable) };
}

/**
 * Lookups a resolution repeats (the same sections are cited in letter after letter),
 * remembered per knowledge base, which never changes once built. A key holds every argument the
 * lookup reads; the entries found are shared, read-only, by every resolution that asks again.
 */
const REMEMBERED = new WeakMap<Knowledge, Map<string, unknown>>();
/** Most lookups remembered per knowledge base (all are forgotten when it is full). */
const MAX_REMEMBERED = 20_000;

function remembered<T>(kb: Knowledge, key: string, compute: () => T): T {
  let m = REMEMBERED.get(kb);
  if (!m) REMEMBERED.set(kb, (m = new Map()));
  const hit = m.get(key);
  if (hit !== undefined) return hit as T;
  const value = compute();
  if (m.size >= MAX_REMEMBERED) m.clear();
  m.set(key, value);
  return value;
}

function nonMtus(kb: Knowledge, guideline: string, edition: string, written: string): { chapter: KnowledgeEntry | null; topic: KnowledgeEntry | null } {
  return remembered(kb, `n\0${guideline}\0${edition}\0${written}`, () => lookupNonMtus(kb, guideline, edition, written));
}

/** The chapter entry a citation names (ACOEM chapters by number or name), or null. */
export function chapterEntry(kb: Knowledge, c: Citation): KnowledgeEntry | null {
  const ch = c.chapter;
  if (!ch) return null;
  return remembered(kb, `c\0${c.guideline}\0${c.edition}\0${ch.number ?? ''}\0${ch.name ?? '\u0001'}`, () => ({
    entry: lookupChapter(kb, c.guideline, c.edition, ch.number, ch.name),
  })).entry;
}

/**
 * The entry for the topic a page citation names ("ACOEM Chapter 12, Physical Methods, page 300"),
 * looked up as a section of the cited edition: where the knowledge base files that topic, whatever
 * page the letter gives.
 */
export function topicEntry(kb: Knowledge, c: Citation): KnowledgeEntry | null {
  if (!c.topic || !findDocument(kb, c.guideline, c.edition)) return null;
  return lookupSection(kb, c.guideline, c.edition, c.topic, null, c.chapter?.number ?? null);
}

/**
 * Entries of the ACOEM 3rd edition on a cited page: those whose pages hold it, in the chapter the
 * citation's topic names when the entry belongs to a named chapter.
 */
export function acoem3PageEntries(kb: Knowledge, c: Citation, p: PageLocator): KnowledgeEntry[] {
  if (p.from === null) return [];
  const page = p.from;
  const topicLoc = c.locators.find((x): x is TopicLocator => x.kind === 'topic');
  const d = findDocument(kb, c.guideline, c.edition);
  return (d?.entries ?? []).filter(
    (e) =>
      e.locator.pages && page >= e.locator.pages.from && page <= e.locator.pages.to &&
      (!topicLoc || !e.locator.chapterName || topicLoc.name.toLowerCase().includes(e.locator.chapterName.toLowerCase())),
  );
}

/** The ACOEM 2nd edition chapter whose name a citation's text holds (an ACOEM text cited without
 *  its edition), confirmed entries only; null when none. */
export function acoemChapterNamed(kb: Knowledge, written: string): KnowledgeEntry | null {
  const d = findDocument(kb, 'mtus-acoem', '2004');
  if (!d) return null;
  const w = written.toLowerCase();
  return d.entries.find((e) => e.locator.chapterName && !e.locator.section && w.includes(e.locator.chapterName.toLowerCase()) && isStatable(e)) ?? null;
}

/**
 * Entries for the pages of a page locator, narrowest first, without repeats. A table cited without
 * a page ("ACOEM Chapter 9, Table 9-6") gives the entries of that table. An entry of a chapter
 * with its own page numbers counts only where the citation names that chapter: by the chapter the
 * label names, or by the chapter's name in a non-MTUS citation's topic.
 */
export function pageEntries(kb: Knowledge, c: Citation, l: PageLocator): KnowledgeEntry[] {
  if (l.from === null || l.to === null) {
    if (!l.table) return [];
    const doc = findDocument(kb, c.guideline, c.edition);
    return (doc?.entries ?? []).filter(
      (e) => e.locator.table === l.table && (c.chapter?.number == null || e.locator.chapter === c.chapter.number),
    );
  }
  const topic = c.locators.find((x): x is TopicLocator => x.kind === 'topic')?.name.toLowerCase() ?? null;
  const named = (e: KnowledgeEntry): boolean => {
    const own = e.locator.chapterName;
    if (!own || !e.ownPagination) return true;
    if (c.chapter?.name) return own === c.chapter.name;
    return topic === null || topic.includes(own.toLowerCase());
  };
  const seen = new Set<KnowledgeEntry>();
  const out: KnowledgeEntry[] = [];
  const last = Math.min(l.to, l.from + MAX_PAGES);
  for (let p = l.from; p <= last; p++) {
    for (const e of lookupPage(kb, c.guideline, c.edition, p, c.chapter?.number ?? null)) {
      if (!named(e) || seen.has(e)) continue;
      seen.add(e);
      out.push(e);
    }
  }
  return out;
}

/**
 * Knowledge entries a citation's locator resolves to (best first; empty when the knowledge base
 * has nothing for it): `resolveOne(...).entries`.
 */
export function resolveLocator(kb: Knowledge, citation: Citation, locator: Locator, letterDate?: string | null): KnowledgeEntry[] {
  return [...resolveOne(kb, citation, locator, letterDate ?? null).entries];
}

/** The topic the knowledge base gives a locator (confirmed entries only), or null. */
export function topicOfLocator(kb: Knowledge, citation: Citation, locator: Locator, letterDate?: string | null): string | null {
  return resolveOne(kb, citation, locator, letterDate ?? null).stated[0]?.topic ?? null;
}
