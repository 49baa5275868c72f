/**
 * Hover on a citation of the MTUS: what the cited page or section says (from the resolver's
 * answer, with the entry for a drug the request names), where the citation sits, and plainly when
 * the knowledge base has no content for it. Regulations and guidelines outside the MTUS are in
 * regulation.ts and non-mtus.ts; this module dispatches to them.
 */
import {
  chapterEntry, Citation, docTitle, Locator, PageLocator, resolveOne, SectionLocator, SectionResolution, TopicLocator, topicEntry,
} from '../citations';
import { findDocument, isStatable, Knowledge, KnowledgeDocument, KnowledgeEntry, letterEra, SourceRef, topicsAgree } from '../knowledge';
import type { Letter } from '../types';
import type { Doc } from './doc';
import { entryBlock, entryWhere, limitList, sameSource } from './entries';
import { describeNonMtus } from './non-mtus';
import { describeRegulation } from './regulation';

function docLine(doc: Doc, d: KnowledgeDocument | null, c: Citation): void {
  const bits: string[] = [];
  if (d) {
    bits.push(d.inMtus ? 'Part of the MTUS' : 'Outside the MTUS');
    if (d.regulation) bits.push(`(${d.regulation})`);
    if (d.effective?.from || d.effective?.to) bits.push(`in force ${d.effective.from ?? '?'} to ${d.effective.to ?? 'date'}`);
  }
  const edition = c.edition === 'unknown' ? 'edition unknown' : `edition ${c.edition}`;
  doc.para(`${bits.join(' ')}${bits.length ? '. ' : ''}Read as ${edition}: ${c.editionBasis}.`);
}

export function describeLocator(doc: Doc, letter: Letter, kb: Knowledge, c: Citation, l: Locator): void {
  switch (l.kind) {
    case 'page':
      return describePage(doc, letter, kb, c, l);
    case 'section':
      return describeSection(doc, letter, kb, c, l);
    case 'regulation':
      return describeRegulation(doc, letter, kb, c, l);
    case 'topic':
      return describeNonMtus(doc, kb, c, l, letterEra(letter, kb));
  }
}

function writtenTopic(doc: Doc, c: Citation): void {
  if (c.topic && c.kind !== 'section' && c.kind !== 'non-mtus') doc.para(`Topic as the letter names it: "${c.topic}".`);
}

/** "chapter 12 (Low Back Complaints), " for ACOEM citations; empty otherwise. */
function chapterLabel(c: Citation): string {
  if (!c.chapter) return '';
  if (c.chapter.number && c.chapter.name) return `${c.chapter.name}, ACOEM chapter ${c.chapter.number}, `;
  if (c.chapter.number) return `chapter ${c.chapter.number}, `;
  return c.chapter.name ? `${c.chapter.name}, ` : '';
}

/**
 * A cited page or section the knowledge base describes, laid out to be read at a glance: what it
 * is (first line), what it says about the kind of request at hand (the entry for a drug the
 * request names first), the limits it states, where the citation sits, and the sources last.
 */
function citedEntries(doc: Doc, letter: Letter, kb: Knowledge, c: Citation, where: string, entries: readonly KnowledgeEntry[]): void {
  const d = findDocument(kb, c.guideline, c.edition);
  const first = entries[0];
  doc.heading(`${first.topic}`);
  const filed = entryWhere(first);
  doc.para(`${docTitle(kb, c)}: ${chapterLabel(c)}${where}${filed ? ` (in the knowledge base: ${filed.slice(2, -1)})` : ''}.`);
  writtenTopic(doc, c);
  const drugs = drugEntries(kb, c, letter, entries);
  for (const drug of drugs) {
    doc.para(`**For the drug this request names, ${drug.topic}:** ${drug.summary}`);
    limitList(doc, drug);
  }
  for (const e of entries) {
    if (e !== first) doc.para(`**${e.topic}**${entryWhere(e)}`);
    if (drugs.length) doc.para(`**${e === first ? 'The section' : 'It'}:** ${e.summary}`);
    else doc.para(e.summary);
    limitList(doc, e);
    if (e.notes) doc.para(`Note: ${e.notes}`);
  }
  doc.rule();
  docLine(doc, d, c);
  const sources: SourceRef[] = [];
  for (const e of [...drugs, ...entries]) for (const s of e.sources) if (!sources.some((x) => sameSource(x, s))) sources.push(s);
  if (sources.length) doc.sources(sources);
  else if ([...drugs, ...entries].some((e) => e.confidence === 'USER')) doc.para('Source: your knowledge file.');
}

/**
 * Entries of the cited document about a drug the item's request names (by the entry's `drugs`),
 * other than the entries already shown: a request for a lidocaine patch under "Topical analgesics"
 * finds the Lidoderm entry. At most two, longest name first.
 */
function drugEntries(kb: Knowledge, c: Citation, letter: Letter, shown: readonly KnowledgeEntry[]): KnowledgeEntry[] {
  if (c.itemIndex === null) return [];
  const request = letter.items[c.itemIndex]?.request ?? '';
  const d = findDocument(kb, c.guideline, c.edition);
  if (!d || !request) return [];
  const text = ` ${request.toLowerCase().replace(/[^a-z0-9]+/g, ' ')} `;
  const hits: { e: KnowledgeEntry; len: number }[] = [];
  for (const e of d.entries) {
    if (!e.drugs || shown.includes(e) || !isStatable(e) || e.nameOnly || !e.summary) continue;
    let best = 0;
    for (const name of e.drugs) {
      const n = name.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
      if (n.length >= 3 && text.includes(` ${n} `)) best = Math.max(best, n.length);
    }
    if (best > 0) hits.push({ e, len: best });
  }
  return hits.sort((a, b) => b.len - a.len).slice(0, 2).map((h) => h.e);
}

/**
 * A cited page or section with no content in the knowledge base: said plainly (the words "not in
 * the knowledge base" stay), with what the letter itself says about it (the topic it writes, the
 * opening of the reviewer's rationale) and where to add an entry.
 */
function gap(doc: Doc, letter: Letter, kb: Knowledge, c: Citation, what: 'Page' | 'Section', written: string | null, unconfirmed: boolean): void {
  doc.para(`**${what} content not in the knowledge base.**${unconfirmed ? ' An unconfirmed entry exists for it and is not shown as fact.' : ''}${written ? ` The letter names it "${written}".` : ''}`);
  const said = rationaleOpening(letter, c);
  if (said) doc.para(`What this letter's rationale says: "${said}"`);
  chapterContext(doc, kb, c);
  doc.para('To see your own notes here, add an entry to the knowledge file named in the setting imr.knowledgeFile (same format as the bundled files; see server/knowledge/README.md).');
}

/** The first sentence or two of the rationale of the item a citation belongs to (about 240 characters). */
function rationaleOpening(letter: Letter, c: Citation): string | null {
  if (c.itemIndex === null) return null;
  const text = letter.items[c.itemIndex]?.rationale?.text.trim();
  if (!text) return null;
  if (text.length <= 240) return text;
  const cut = text.lastIndexOf('. ', 240);
  return cut > 80 ? text.slice(0, cut + 1) : `${text.slice(0, 237).trimEnd()}...`;
}

function describePage(doc: Doc, letter: Letter, kb: Knowledge, c: Citation, l: PageLocator): void {
  const d = findDocument(kb, c.guideline, c.edition);
  const where = l.from === null ? (l.table ? `Table ${l.table}` : `page ${l.text}`) : l.from === l.to ? `page ${l.from}` : `pages ${l.from}-${l.to}`;
  const table = l.table && l.from !== null ? `Table ${l.table}, ` : '';
  const entries = l.from === null && l.text.startsWith('S') ? [] : resolveOne(kb, c, l).entries;
  const stated = entries.filter((e) => isStatable(e) && !e.nameOnly && e.summary);
  if (stated.length > 0) {
    citedEntries(doc, letter, kb, c, `${table}${where}`, stated);
    const only = stated[0];
    if (c.topic && !topicsAgree(c.topic, only) && stated.length === 1 && c.locators.length === 1) {
      doc.para(`The knowledge base files this page under "${only.topic}"; the letter's topic is "${c.topic}".`);
    }
    return;
  }
  doc.heading(`${docTitle(kb, c)}: ${chapterLabel(c)}${table}${where}`);
  // The page is not confirmed, but the letter names its topic: what the knowledge base has for that topic.
  const byTopic = topicEntry(kb, c);
  if (byTopic && isStatable(byTopic) && !byTopic.nameOnly && byTopic.summary) {
    const p = byTopic.locator.pages;
    const filedAt = p ? (p.from === p.to ? `page ${p.from}` : `pages ${p.from}-${p.to}`) : null;
    doc.para(
      filedAt
        ? `**Page content not in the knowledge base** for ${where}. The letter names its topic "${c.topic}", which the knowledge base files on ${filedAt} of this edition:`
        : `The letter names this page's topic "${c.topic}". Which page of this edition holds it is not confirmed in the knowledge base; what it has for that topic:`,
    );
    doc.para(`**${byTopic.topic}**${entryWhere(byTopic)}`);
    doc.para(byTopic.summary);
    limitList(doc, byTopic);
    if (byTopic.notes) doc.para(`Note: ${byTopic.notes}`);
    doc.rule();
    docLine(doc, d, c);
    doc.sources(byTopic.sources);
    return;
  }
  if (l.from === null && l.text.startsWith('S')) {
    doc.para('A page of the supplementary material (Part 2) of the opioid guideline. **Page content not in the knowledge base.**');
    const said = rationaleOpening(letter, c);
    if (said) doc.para(`What this letter's rationale says: "${said}"`);
    docLine(doc, d, c);
    return;
  }
  gap(doc, letter, kb, c, 'Page', c.topic, entries.length > 0);
  docLine(doc, d, c);
}

function chapterContext(doc: Doc, kb: Knowledge, c: Citation): void {
  if (c.guideline !== 'mtus-acoem') return;
  const ch = chapterEntry(kb, c);
  if (ch && isStatable(ch)) {
    doc.para(`Chapter: ${ch.topic}. ${ch.summary}`);
    doc.sources(ch.sources);
  }
}

function describeSection(doc: Doc, letter: Letter, kb: Knowledge, c: Citation, l: SectionLocator): void {
  const d = findDocument(kb, c.guideline, c.edition);
  const name = `${l.number ? `${l.number} ` : ''}${l.name}`;
  const r = resolveOne(kb, c, l) as SectionResolution;
  const e = r.entries[0] ?? null;
  if (d && !r.numeric && e && isStatable(e) && !e.nameOnly && e.summary) {
    citedEntries(doc, letter, kb, c, `section "${name}"`, [e]);
    if (c.guideline === 'mtus-acoem' && !e.locator.chapter && c.chapter) {
      doc.para(`This is the heading in general: the knowledge base has no entry for it in ${c.chapter.name ?? `chapter ${c.chapter.number}`}.`);
    }
    return;
  }
  const chapterName = c.chapter?.name ? ` (${c.chapter.name}${c.chapter.number ? `, ACOEM chapter ${c.chapter.number}` : ''})` : '';
  doc.heading(`${docTitle(kb, c)}${chapterName}: section "${name}"`);
  if (!d) {
    docLine(doc, d, c);
    doc.para('**This guideline is not in the knowledge base**; the section is shown as the letter writes it.');
    return;
  }
  if (r.numeric) {
    doc.para(`"${l.name}" is a number where a section heading is expected; it is not a heading of this guideline (it may be a page number of another chapter). Nothing is looked up for it.`);
    chapterContext(doc, kb, c);
    docLine(doc, d, c);
    return;
  }
  gap(doc, letter, kb, c, 'Section', l.name, !!e && !isStatable(e));
  docLine(doc, d, c);
}
export function describeCitation(doc: Doc, letter: Letter, kb: Knowledge, c: Citation): void {
  if (c.kind === 'non-mtus') {
    const t = c.locators.find((x): x is TopicLocator => x.kind === 'topic') ?? null;
    return describeNonMtus(doc, kb, c, t, letterEra(letter, kb));
  }
  if (c.kind === 'regulation' && c.locators[0]?.kind === 'regulation') {
    return describeRegulation(doc, letter, kb, c, c.locators[0]);
  }
  const d = findDocument(kb, c.guideline, c.edition);
  doc.heading(docTitle(kb, c));
  docLine(doc, d, c);
  const chapter = d ? chapterEntry(kb, c) : null;
  if (chapter && isStatable(chapter)) {
    // The chapter says more than the book's general description.
    doc.rule();
    entryBlock(doc, chapter);
  } else if (d) doc.para(d.description);
  else doc.para('**This guideline is not in the knowledge base.**');
  writtenTopic(doc, c);
  if (c.locators.length) {
    const lines = c.locators.map((l) => {
      const e = resolveOne(kb, c, l, letterEra(letter, kb).date).stated[0];
      const what = l.kind === 'page' ? (l.from === null ? l.text : l.from === l.to ? `p. ${l.from}` : `pp. ${l.from}-${l.to}`) : l.text;
      return `${what}: ${e && !e.nameOnly ? `**${e.topic}**` : e ? `${e.topic} (content not in the knowledge base)` : 'not in the knowledge base'}`;
    });
    doc.rule();
    doc.list(lines);
  } else if (d) {
    const withLimits = d.entries.filter((e) => isStatable(e) && (e.limits?.length ?? 0) > 0).slice(0, 3);
    for (const e of withLimits) {
      doc.rule();
      entryBlock(doc, e);
    }
  }
  if (d && !(chapter && isStatable(chapter))) doc.sources(d.sources);
}
