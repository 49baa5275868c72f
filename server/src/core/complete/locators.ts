/**
 * Sections and pages of one guideline, as completion items ranked for the item being written:
 * what the same item already cites from that guideline (in its other block) first, then what the
 * rest of the letter cites, then how well the section's name fits the request and rationale.
 * Sections the letter cites that the knowledge base does not know are offered too, as written.
 */
import { formatLimit, isStatable, resolveLocator } from '../index';
import { entryTitle } from '../hover';
import type { Citation, Knowledge, KnowledgeDocument, KnowledgeEntry } from '../index';
import { terms } from './concepts';
import { Doc } from './doc';
import { idf, Relevance, textScore } from './rank';
import { nameKey, sortKey } from './text';
import type { CompletionEntry } from './types';

export interface LocatorQuery {
  readonly kb: Knowledge;
  readonly doc: KnowledgeDocument;
  /** The chapter the guideline label names (ACOEM), or null for the whole document. */
  readonly chapter: { readonly number: number | null; readonly name: string | null } | null;
  readonly kind: 'section' | 'page';
  readonly relevance: Relevance;
  /** The letter's citations, and the item and block the cursor is in. */
  readonly citations: readonly Citation[];
  readonly itemIndex: number | null;
  readonly block: string | null;
  /** Offsets of the text being typed: citations there are not counted as cited. */
  readonly typedFrom: number;
  readonly typedTo: number;
  /** Keys of the entries already in the list being written. */
  readonly listed: ReadonlySet<string>;
  /** The topic written before "Page(s):", when there is one. */
  readonly writtenTopic: string | null;
  readonly markdown: boolean;
  readonly limit: number;
}

interface Candidate {
  readonly id: string;
  readonly label: string;
  readonly entry: KnowledgeEntry | null;
  readonly keys: readonly string[];
  readonly terms: ReadonlySet<string>;
  readonly order: number;
  /** Tied to the chapter named (not a heading every chapter has). */
  readonly specific?: boolean;
}

const cache = new WeakMap<KnowledgeDocument, Map<string, Candidate[]>>();

function candidates(doc: KnowledgeDocument, chapter: LocatorQuery['chapter'], kind: 'section' | 'page'): Candidate[] {
  let perDoc = cache.get(doc);
  if (!perDoc) cache.set(doc, (perDoc = new Map()));
  const cacheKey = `${kind}|${chapter?.number ?? ''}|${chapter?.name ?? ''}`;
  const hit = perDoc.get(cacheKey);
  if (hit) return hit;
  const out: Candidate[] = [];
  const labelled = new Set<number>();
  for (const e of doc.entries) if (e.labels?.length && e.locator.chapter !== undefined) labelled.add(e.locator.chapter);
  // The chapter's own words ("Shoulder Complaints") are in every one of its entries: they tell none apart.
  const chapterWords = chapter?.name ? terms(chapter.name) : new Set<string>();
  doc.entries.forEach((e, order) => {
    const l = e.locator;
    if (!inChapter(e, chapter, labelled)) return;
    let label: string | null = null;
    if (kind === 'section' && (l.section || l.sectionNumber)) {
      label = l.sectionNumber ? `${l.sectionNumber} ${l.section ?? e.topic}` : l.section!;
    } else if (kind === 'page' && l.pages) {
      label = l.pages.from === l.pages.to ? String(l.pages.from) : `${l.pages.from}-${l.pages.to}`;
    }
    if (!label) return;
    const names = [l.section ?? '', e.topic, ...(e.aliases ?? [])].filter((n) => n.length > 0);
    const own = terms(names.join(' '));
    for (const t of chapterWords) own.delete(t);
    out.push({
      id: e.id,
      label,
      entry: e,
      keys: kind === 'section' ? names.map(nameKey) : [label],
      terms: own,
      order,
      specific: chapter !== null && (l.chapter !== undefined || l.chapterName !== undefined),
    });
  });
  // A heading every chapter has ("Initial Care") gives way to the chapter's own entry of that name.
  // It takes the heading's place in the order, so ties keep the guideline's usual order.
  const generic = new Map(out.filter((c) => !c.specific).map((c) => [nameKey(c.label), c.order]));
  const specific = new Set(out.filter((c) => c.specific).map((c) => nameKey(c.label)));
  const kept = out
    .filter((c) => c.specific || !specific.has(nameKey(c.label)))
    .map((c) => (c.specific && generic.has(nameKey(c.label)) ? { ...c, order: Math.min(c.order, generic.get(nameKey(c.label))!) } : c));
  out.length = 0;
  out.push(...kept);
  perDoc.set(cacheKey, out);
  return out;
}

function inChapter(e: KnowledgeEntry, chapter: LocatorQuery['chapter'], labelled: ReadonlySet<number>): boolean {
  const l = e.locator;
  if ((e.labels?.length ?? 0) > 0) return false; // the chapter itself
  if (!chapter) return l.chapter === undefined && l.chapterName === undefined;
  // A part named without a number (ACOEM's General Approaches) holds the chapters not cited under a name of their own.
  if (l.chapter !== undefined) return l.chapter === chapter.number || (chapter.number === null && !labelled.has(l.chapter));
  if (l.chapterName !== undefined) return chapter.name !== null && nameKey(l.chapterName) === nameKey(chapter.name);
  return true; // headings every chapter has
}

export function locatorCompletions(q: LocatorQuery): CompletionEntry[] {
  const pool = candidates(q.doc, q.chapter, q.kind).slice();
  // What the letter cites from this guideline: the same item's other block, and elsewhere.
  const sibling = new Set<string>();
  const elsewhere = new Set<string>();
  const harvested = new Map<string, string>();
  for (const c of q.citations) {
    if (c.guideline !== q.doc.id) continue;
    if (q.chapter?.number != null && c.chapter?.number != null && c.chapter.number !== q.chapter.number) continue;
    for (const l of c.locators) {
      if (l.kind !== q.kind) continue;
      if (l.span.end >= q.typedFrom && l.span.start <= q.typedTo) continue;
      const same = q.itemIndex !== null && c.itemIndex === q.itemIndex && c.block !== q.block;
      const entries = resolveLocator(q.kb, c, l);
      const ids = entries.length ? entries.map((e) => e.id) : [`written:${nameKey(l.text)}`];
      if (!entries.length && l.kind === 'section' && l.name.length > 1) harvested.set(ids[0], l.name);
      for (const id of ids) (same ? sibling : elsewhere).add(id);
    }
  }
  let order = pool.length;
  for (const [id, name] of harvested) {
    pool.push({ id, label: name, entry: null, keys: [nameKey(name)], terms: terms(name), order: order++ });
  }
  const topic = q.writtenTopic ? { request: terms(q.writtenTopic), context: new Set<string>() } : null;
  const open = pool.filter((c) => !c.keys.some((k) => q.listed.has(k)));
  const weight = idf(open.map((c) => c.terms));
  const scored = open
    .map((c) => {
      let score = 0;
      // The same item's other block cites the same guideline: most often the same section.
      if (sibling.has(c.id)) score += 100;
      else if (elsewhere.has(c.id)) score += 5;
      if (topic) score += 3 * textScore(c.terms, topic, weight);
      score += textScore(c.terms, q.relevance, weight);
      return { c, score, cited: sibling.has(c.id) ? 'this item' : elsewhere.has(c.id) ? 'this letter' : null };
    })
    .sort((a, b) => b.score - a.score || a.c.order - b.c.order)
    .slice(0, q.limit);
  return scored.map(({ c, cited }, rank) => ({
    label: c.label,
    kind: q.kind,
    detail: detailOf(c, cited),
    documentation: documentationOf(q, c),
    insertText: c.label,
    sortText: sortKey(rank),
    ...(rank === 0 ? { preselect: true } : {}),
  }));
}

function detailOf(c: Candidate, cited: string | null): string {
  const parts: string[] = [];
  if (c.entry && nameKey(c.entry.topic) !== nameKey(c.label)) parts.push(c.entry.topic);
  if (!c.entry) parts.push('as written elsewhere in this letter');
  if (cited) parts.push(`cited in ${cited}`);
  return parts.join(' · ');
}

function documentationOf(q: LocatorQuery, c: Candidate): string {
  const d = new Doc();
  const e = c.entry;
  d.para(`**${q.doc.title}**`);
  if (!e) {
    d.para(`"${c.label}" is cited elsewhere in this letter; **it is not in the knowledge base.**`);
    return d.render(q.markdown);
  }
  d.para(entryTitle(e));
  if (!isStatable(e)) return d.para('Not confirmed: **content not in the knowledge base.**').render(q.markdown);
  if (e.nameOnly || !e.summary) d.para('Letters cite this by name; **its content is not in the knowledge base.**');
  else d.para(e.summary);
  if (e.limits?.length) d.para('Limits stated:').list(e.limits.map(formatLimit));
  d.sources(e.sources);
  return d.render(q.markdown);
}
