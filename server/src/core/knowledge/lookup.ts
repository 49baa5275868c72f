/**
 * Lookups in the knowledge base by guideline, edition and locator: pages, sections, chapters,
 * non-MTUS topics, regulations (with the period each text was in force) and procedure terms.
 * An index per knowledge base is built on first use.
 */
import { withoutFinalPeriod } from '../text';
import { labelKey, nameKey } from './names';
import { STATED_CONFIDENCES } from './types';
import type { Knowledge, KnowledgeDocument, KnowledgeEntry, Limit } from './types';

interface Index {
  /** id -> edition -> document (no key string is made per lookup; an id holds no "@"). */
  docs: Map<string, Map<string, KnowledgeDocument>>;
  /** labelKey -> document (and chapter entry when the label names an ACOEM chapter). */
  labels: Map<string, { doc: KnowledgeDocument; entry: KnowledgeEntry | null }>;
  /** "9792.20|f" -> entries (from every document). */
  regulations: Map<string, { doc: KnowledgeDocument; entry: KnowledgeEntry }[]>;
  /** id -> edition -> section name keys (sections and aliases), for splitting section lists. */
  sectionKeys: Map<string, Map<string, Set<string>>>;
}

const indexes = new WeakMap<Knowledge, Index>();

function index(kb: Knowledge): Index {
  let ix = indexes.get(kb);
  if (ix) return ix;
  ix = { docs: new Map(), labels: new Map(), regulations: new Map(), sectionKeys: new Map() };
  for (const doc of kb.documents) {
    byEdition(ix.docs, doc.id).set(doc.edition, doc);
    for (const l of doc.labels ?? []) if (!ix.labels.has(labelKey(l))) ix.labels.set(labelKey(l), { doc, entry: null });
    const names = new Set<string>();
    for (const e of doc.entries) {
      for (const l of e.labels ?? []) ix.labels.set(labelKey(l), { doc, entry: e });
      if (e.locator.section) names.add(nameKey(e.locator.section));
      for (const a of e.aliases ?? []) if (e.locator.section) names.add(nameKey(a));
      const regs: string[] = [];
      if (e.locator.regulation) regs.push(`${e.locator.regulation}|${e.locator.subdivision ?? ''}`);
      for (const a of e.aliasLocators ?? []) {
        const r = parseRegulationText(a);
        if (r) regs.push(`${r.section}${r.through ? `-${r.through}` : ''}|${r.subdivision ?? ''}`);
      }
      for (const r of regs) {
        const list = ix.regulations.get(r) ?? [];
        list.push({ doc, entry: e });
        ix.regulations.set(r, list);
      }
    }
    byEdition(ix.sectionKeys, doc.id).set(doc.edition, names);
  }
  indexes.set(kb, ix);
  return ix;
}

/** The map of one id's editions, made when first asked for. */
function byEdition<T>(m: Map<string, Map<string, T>>, id: string): Map<string, T> {
  let e = m.get(id);
  if (!e) m.set(id, (e = new Map()));
  return e;
}

/** Parses "9792.20(ef)", "9792.20f", "9792.20 - 9792.26" into parts; null when it is not one. */
export function parseRegulationText(s: string): { section: string; subdivision: string | null; through: string | null } | null {
  const m = /^\s*(9792\.\d{2}(?:\.\d{1,2})?)\s*(?:\(?([a-z]{1,2})\)?)?\s*(?:[-–]\s*(9792\.\d{2}(?:\.\d{1,2})?))?\s*$/.exec(s.slice(0, 60));
  if (!m) return null;
  return { section: m[1], subdivision: m[2] ?? null, through: m[3] ?? null };
}

export function findDocument(kb: Knowledge, guideline: string, edition: string): KnowledgeDocument | null {
  return index(kb).docs.get(guideline)?.get(edition) ?? null;
}

/** The documents of one guideline, all editions. */
export function documentsOf(kb: Knowledge, guideline: string): KnowledgeDocument[] {
  return kb.documents.filter((d) => d.id === guideline);
}

/** The document (and chapter entry) a letter's guideline label names, e.g. "Low Back Complaints 2004". */
export function documentForLabel(kb: Knowledge, label: string): { doc: KnowledgeDocument; entry: KnowledgeEntry | null } | null {
  return index(kb).labels.get(labelKey(label)) ?? null;
}

/** Section-name keys known for a document (used to split comma-separated section lists). */
export function knownSectionKeys(kb: Knowledge, guideline: string, edition: string): ReadonlySet<string> {
  return index(kb).sectionKeys.get(guideline)?.get(edition) ?? new Set();
}

/**
 * Entries whose page range holds `page`, narrowest first. With `chapter`, entries tied to another
 * chapter are skipped; entries of a chapter with its own pagination need that chapter.
 */
export function lookupPage(kb: Knowledge, guideline: string, edition: string, page: number, chapter?: number | null): KnowledgeEntry[] {
  const doc = findDocument(kb, guideline, edition);
  if (!doc) return [];
  const out = doc.entries.filter((e) => {
    const p = e.locator.pages;
    if (!p || page < p.from || page > p.to) return false;
    if (e.locator.chapter !== undefined) {
      if (chapter != null && chapter !== e.locator.chapter) return false;
      if (chapter == null && e.ownPagination) return false;
    } else if (chapter != null && hasOwnPagination(doc, chapter)) return false;
    return true;
  });
  return out.sort((a, b) => span(a) - span(b));
}

function hasOwnPagination(doc: KnowledgeDocument, chapter: number): boolean {
  return doc.entries.some((e) => e.ownPagination && e.locator.chapter === chapter);
}

function span(e: KnowledgeEntry): number {
  return e.locator.pages ? e.locator.pages.to - e.locator.pages.from : 0;
}

/**
 * The entry for a section, by number first (Opioids 2016), then by name or alias. With `chapter`
 * (ACOEM), entries tied to another chapter are skipped, so "Initial Care" under the shoulder chapter
 * does not resolve to the low back chapter's Initial Care page.
 */
export function lookupSection(
  kb: Knowledge,
  guideline: string,
  edition: string,
  name: string,
  number?: string | null,
  chapter?: number | null,
): KnowledgeEntry | null {
  const doc = findDocument(kb, guideline, edition);
  if (!doc) return null;
  if (number) {
    const n = withoutFinalPeriod(number);
    const byNumber = doc.entries.find((e) => e.locator.sectionNumber !== undefined && withoutFinalPeriod(e.locator.sectionNumber) === n);
    if (byNumber) return byNumber;
  }
  const k = nameKey(name);
  if (k.length === 0) return null;
  let fallback: KnowledgeEntry | null = null;
  for (const e of doc.entries) {
    if (!e.locator.section && !e.locator.chapterName) continue;
    const hit =
      (e.locator.section !== undefined && nameKey(e.locator.section) === k) ||
      (e.locator.section === undefined && e.locator.chapterName !== undefined && nameKey(e.locator.chapterName) === k) ||
      (e.aliases ?? []).some((a) => nameKey(a) === k);
    if (!hit) continue;
    if (chapter != null && e.locator.chapter !== undefined && e.locator.chapter !== chapter) continue;
    if (chapter != null && e.locator.chapter === chapter) return e;
    // Without the chapter's own entry, the heading in general (an entry tied to no chapter) is
    // preferred over another chapter's entry.
    if (!fallback || (fallback.locator.chapter !== undefined && e.locator.chapter === undefined)) fallback = e;
  }
  return fallback;
}

/**
 * Entries of a non-MTUS document (ODG) for a citation's free text: the chapter it names and the
 * most specific topic entry of that chapter whose name or alias occurs in the text.
 */
export function lookupNonMtus(kb: Knowledge, guideline: string, edition: string, written: string): { chapter: KnowledgeEntry | null; topic: KnowledgeEntry | null } {
  const doc = findDocument(kb, guideline, edition);
  if (!doc) return { chapter: null, topic: null };
  const w = ` ${labelKey(written.slice(0, 600))} `;
  const contains = (name: string): number => {
    const k = labelKey(name);
    return k.length > 0 && w.includes(` ${k} `) ? k.length : 0;
  };
  let chapter: KnowledgeEntry | null = null;
  let chapterScore = 0;
  for (const e of doc.entries) {
    if (!e.locator.chapterName || e.locator.section || e.locator.pages) continue;
    for (const n of [e.locator.chapterName, ...(e.aliases ?? [])]) {
      const sc = contains(n);
      if (sc > chapterScore) {
        chapter = e;
        chapterScore = sc;
      }
    }
  }
  let topic: KnowledgeEntry | null = null;
  let topicScore = 0;
  for (const e of doc.entries) {
    if (!e.locator.section) continue;
    const general = e.locator.chapterName === 'Preface';
    if (e.locator.chapterName && !general && e.locator.chapterName !== chapter?.locator.chapterName) continue;
    for (const n of [e.locator.section, ...(e.aliases ?? [])]) {
      // General (preface) rules rank below a chapter's own entry for the same topic.
      const sc = general && chapter ? contains(n) / 2 : contains(n);
      if (sc > topicScore) {
        topic = e;
        topicScore = sc;
      }
    }
  }
  return { chapter, topic };
}

/** Entries for a chapter of a document (by number or by name). */
export function lookupChapter(kb: Knowledge, guideline: string, edition: string, chapter: number | null, name?: string | null): KnowledgeEntry | null {
  const doc = findDocument(kb, guideline, edition);
  if (!doc) return null;
  const chapterEntries = doc.entries.filter((e) => (e.labels?.length ?? 0) > 0 || (e.locator.chapterName !== undefined && !e.locator.pages && !e.locator.table));
  if (chapter != null) {
    const hit = chapterEntries.find((e) => e.locator.chapter === chapter);
    if (hit) return hit;
  }
  if (name) {
    const k = nameKey(name);
    return chapterEntries.find((e) => e.locator.chapterName !== undefined && nameKey(e.locator.chapterName) === k) ?? null;
  }
  return null;
}

/** A regulation reference resolved for a date (or every era when the date is unknown). */
export interface RegulationMatch {
  readonly doc: KnowledgeDocument;
  readonly entry: KnowledgeEntry;
  /** True when the entry is in force on the date asked about. */
  readonly inForce: boolean;
}

/**
 * Entries for `section` (+ `subdivision`), split into those in force on `date` and the rest, so a
 * hover can say what the reference means in the letter's era and what it meant before or after.
 * Without a date every variant is returned with `inForce` false.
 */
export function lookupRegulation(
  kb: Knowledge,
  section: string,
  subdivision: string | null,
  date: string | null,
  through?: string | null,
): RegulationMatch[] {
  const ix = index(kb);
  const key = `${section}${through ? `-${through}` : ''}|${subdivision ?? ''}`;
  const hits = ix.regulations.get(key) ?? [];
  return hits
    .map(({ doc, entry }) => ({ doc, entry, inForce: date !== null && inForce(entry, date) }))
    .sort((a, b) => Number(b.inForce) - Number(a.inForce) || (a.entry.validFrom ?? '').localeCompare(b.entry.validFrom ?? ''));
}

function inForce(e: KnowledgeEntry, date: string): boolean {
  return (e.validFrom === undefined || e.validFrom <= date) && (e.validTo === undefined || date <= e.validTo);
}

/** A procedure entry by term (`Upheld`, `appeal`, ...) or header key (`decisionDate`, ...). */
export function lookupProcedure(kb: Knowledge, what: { term?: string; header?: string }): KnowledgeEntry | null {
  for (const doc of kb.documents) {
    if (doc.kind !== 'procedure') continue;
    for (const e of doc.entries) {
      if (what.term && e.locator.term && e.locator.term.toLowerCase() === what.term.toLowerCase()) return e;
      if (what.header && e.locator.header === what.header) return e;
    }
  }
  return null;
}

/** An entry may be stated as fact only with a stated confidence and at least one source. */
export function isStatable(e: KnowledgeEntry): boolean {
  return STATED_CONFIDENCES.includes(e.confidence) && (e.confidence === 'USER' || e.sources.some((s) => s.tag !== 'UNCONFIRMED'));
}

/** The structured limits an entry states (empty for unconfirmed entries). */
export function limitsOf(e: KnowledgeEntry): readonly Limit[] {
  return isStatable(e) ? (e.limits ?? []) : [];
}

