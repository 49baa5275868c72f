/**
 * Hover content for a letter: what a cited page, section or regulation says (from the knowledge
 * base, with sources), what a decision word means and when the appeal is due, what a header date
 * is for, and what the case number is. Markdown for clients that render it, plain text otherwise.
 *
 * Only knowledge entries whose confidence may be stated (LETTER, REG, WEB, or the user's own) are
 * shown as fact. A citation the knowledge base has no confirmed entry for says so, with the topic
 * as the letter writes it.
 */
import {
  acoem3PageEntries, acoemChapterNamed, chapterEntry, citationAt, Citation, docTitle, findCitations, Locator, PageLocator,
  RegulationLocator, RegulationResolution, regulationRef, resolveOne, SectionLocator, SectionResolution, TopicLocator, TopicResolution,
  topicEntry,
} from './citations';
import {
  bundledKnowledge, eraById, findDocument, isStatable, Knowledge, KnowledgeDocument, KnowledgeEntry, letterEra, LetterEra, Limit,
  lookupProcedure, lookupRegulation, RegulationMatch, SourceRef, topicsAgree,
} from './knowledge';
import { addDays, AppealDeadline, appealDeadline, procedureAt, reRequestUntil, statuteOf, weekday } from './appeal';
import { bundledVocabulary, classifyItems, describeRequestFacts, Vocabulary } from './categories';
import { daysBetween } from './dates';
import type { DateKey, Item, Letter, Span } from './types';

export interface HoverOptions {
  /** Render Markdown (true) or plain text (false). */
  readonly markdown: boolean;
  /** Citations already found for this letter (saves recomputing them). */
  readonly citations?: readonly Citation[];
  /** The request vocabulary (bundled, or merged with the user's file) for item headings. */
  readonly vocabulary?: Vocabulary;
}

export interface HoverResult {
  readonly contents: string;
  /** The text the hover is about (the range an editor highlights). */
  readonly span: Span;
}

export interface InlayHint {
  /** Offset where the hint is shown (just after the page number). */
  readonly offset: number;
  readonly label: string;
}

/** The hover at `offset`, or null when there is nothing to explain there. Never throws. */
export function hoverAt(
  letter: Letter,
  text: string,
  offset: number,
  kb: Knowledge = bundledKnowledge(),
  options: HoverOptions = { markdown: true },
): HoverResult | null {
  try {
    const citations = options.citations ?? findCitations(letter, text, kb);
    const doc = new Doc();
    const hit = citationAt(citations, offset);
    if (hit) {
      if (hit.locator) describeLocator(doc, letter, kb, hit.citation, hit.locator);
      else describeCitation(doc, letter, kb, hit.citation);
      return { contents: doc.render(options.markdown), span: hit.locator ? hit.locator.span : hit.citation.span };
    }
    const item = letter.items.find((it) => it.decisionText && inside(it.decisionText.span, offset));
    if (item && item.decisionText) {
      describeDecision(doc, letter, kb, item);
      return { contents: doc.render(options.markdown), span: item.decisionText.span };
    }
    const headed = letter.items.find((it) => inside(it.heading, offset));
    if (headed) {
      describeRequest(doc, letter, headed, options.vocabulary ?? bundledVocabulary());
      return { contents: doc.render(options.markdown), span: headed.requestSpan };
    }
    if (letter.caseNumber && inside(letter.caseNumber.span, offset)) {
      describeCaseNumber(doc, letter, kb);
      return { contents: doc.render(options.markdown), span: letter.caseNumber.span };
    }
    const date = dateAt(letter, offset);
    if (date) {
      describeDate(doc, letter, kb, date.key);
      return { contents: doc.render(options.markdown), span: date.span };
    }
    if (letter.priority && inside(letter.priority.span, offset)) {
      const e = lookupProcedure(kb, { header: 'priority' });
      if (!e) return null;
      doc.heading(`Priority: ${letter.priority.text}`);
      entryBody(doc, e);
      return { contents: doc.render(options.markdown), span: letter.priority.span };
    }
    return null;
  } catch {
    return null;
  }
}

/** Topic hints for page numbers whose page the knowledge base describes (confirmed entries only). */
export function inlayHints(letter: Letter, citations: readonly Citation[], kb: Knowledge = bundledKnowledge()): InlayHint[] {
  void letter;
  const out: InlayHint[] = [];
  try {
    for (const c of citations) {
      for (const l of c.locators) {
        if (l.kind !== 'page' || l.from === null) continue;
        const entries = resolveOne(kb, c, l).stated.filter((e) => !e.nameOnly);
        if (entries.length === 0) continue;
        out.push({ offset: l.span.end, label: entries.map((e) => e.topic).join('; ') });
      }
    }
  } catch {
    return out;
  }
  return out;
}

// ------------------------------------------------------------------------------------------ content model

type Part =
  | { kind: 'heading'; text: string }
  | { kind: 'para'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'sources'; sources: readonly SourceRef[] }
  | { kind: 'rule' };

/** Text pieces are plain strings; `**x**` marks emphasis and is rendered or stripped. */
class Doc {
  private readonly parts: Part[] = [];
  heading(text: string): void {
    this.parts.push({ kind: 'heading', text });
  }
  para(text: string): void {
    if (text.trim()) this.parts.push({ kind: 'para', text });
  }
  list(items: string[]): void {
    if (items.length) this.parts.push({ kind: 'list', items });
  }
  sources(sources: readonly SourceRef[]): void {
    if (sources.length) this.parts.push({ kind: 'sources', sources });
  }
  rule(): void {
    this.parts.push({ kind: 'rule' });
  }

  render(markdown: boolean): string {
    const out: string[] = [];
    for (const p of this.parts) {
      switch (p.kind) {
        case 'heading':
          out.push(markdown ? `**${md(p.text)}**` : p.text);
          break;
        case 'para':
          out.push(markdown ? mdInline(p.text) : plain(p.text));
          break;
        case 'list':
          out.push(p.items.map((i) => (markdown ? `- ${mdInline(i)}` : `  - ${plain(i)}`)).join('\n'));
          break;
        case 'sources':
          out.push(renderSources(p.sources, markdown));
          break;
        case 'rule':
          out.push(markdown ? '---' : '----');
          break;
      }
    }
    return out.join('\n\n');
  }
}

/** Escapes text for Markdown. */
export function md(s: string): string {
  return s.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`);
}

/** Escapes text but keeps our own `**bold**` markers. */
export function mdInline(s: string): string {
  return s
    .split('**')
    .map((piece, i) => (i % 2 === 1 ? `**${md(piece)}**` : md(piece)))
    .join('');
}

function plain(s: string): string {
  return s.replace(/\*\*/g, '');
}

const TAG_NAMES: Record<string, string> = {
  LETTER: 'IMR letter',
  REG: 'regulation or official DWC text',
  WEB: 'secondary web source',
  USER: 'your knowledge file',
  UNCONFIRMED: 'unconfirmed',
};

function renderSources(sources: readonly SourceRef[], markdown: boolean): string {
  const shown = sources.slice(0, 6);
  const items = shown.map((s) => {
    const tag = `[${s.tag}]`;
    if (markdown) return s.url ? `[${md(s.ref)}](${s.url.replace(/[()\s]/g, (c) => encodeURIComponent(c))}) ${md(tag)}` : `${md(s.ref)} ${md(tag)}`;
    return s.url ? `${s.ref} <${s.url}> ${tag}` : `${s.ref} ${tag}`;
  });
  const more = sources.length > shown.length ? ` (and ${sources.length - shown.length} more)` : '';
  const kinds = [...new Set(sources.map((s) => TAG_NAMES[s.tag] ?? s.tag))].join(', ');
  const head = markdown ? `*Sources (${md(kinds)}):*` : `Sources (${kinds}):`;
  return `${head} ${items.join('; ')}${more}`;
}

// ------------------------------------------------------------------------------------------ citations

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

function describeLocator(doc: Doc, letter: Letter, kb: Knowledge, c: Citation, l: Locator): void {
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

/** Two sources are the same document: the same file address, else the same reference. */
function sameSource(a: SourceRef, b: SourceRef): boolean {
  return a.url && b.url && /\.pdf$/i.test(a.url) ? a.url === b.url : a.ref === b.ref;
}

function limitList(doc: Doc, e: KnowledgeEntry): void {
  const limits = e.limits ?? [];
  if (limits.length === 0) return;
  doc.para('Limits stated:');
  doc.list(limits.map(formatLimit));
}

function entryWhere(e: KnowledgeEntry): string {
  const where: string[] = [];
  if (e.locator.chapter) where.push(`chapter ${e.locator.chapter}`);
  if (e.locator.table) where.push(`Table ${e.locator.table}`);
  if (e.locator.pages) where.push(e.locator.pages.from === e.locator.pages.to ? `p. ${e.locator.pages.from}` : `pp. ${e.locator.pages.from}-${e.locator.pages.to}`);
  if (e.locator.sectionNumber) where.push(`section ${e.locator.sectionNumber}`);
  return where.length ? ` (${where.join(', ')})` : '';
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

function describeRegulation(doc: Doc, letter: Letter, kb: Knowledge, c: Citation, l: RegulationLocator): void {
  doc.heading(regulationRef(l));
  const era = letterEra(letter, kb);
  const r = resolveOne(kb, c, l, era.date) as RegulationResolution;
  const date = r.date;
  const eraRec = c.edition !== 'unknown' ? eraById(kb, c.edition) : null;
  if (!date) doc.para(`The letter's date is unknown (${c.editionBasis}), so every period's meaning is listed.`);
  else if (c.date || !era.nominal) doc.para(`Read as in force on ${date} (${c.editionBasis})${eraRec ? `: ${eraRec.label}` : ''}.`);
  else doc.para(`Read in the period ${eraRec ? `${eraRec.from} to ${eraRec.to ?? 'date'} (${eraRec.label})` : 'the letter format implies'}: ${c.editionBasis}.`);
  const sub = r.droppedSubdivision ? null : l.subdivision;
  if (r.droppedSubdivision) doc.para(`Subdivision (${r.droppedSubdivision}) is not in the knowledge base; the section as a whole:`);
  const stated = r.matches.filter((m) => isStatable(m.entry));
  if (stated.length === 0) {
    doc.para('**Not in the knowledge base.**');
    return;
  }
  const current = date ? stated.filter((m) => m.inForce) : stated;
  const others = date ? stated.filter((m) => !m.inForce) : [];
  if (date && current.length === 0) doc.para(`**No text for this period in the knowledge base.**`);
  for (const m of current) {
    doc.rule();
    regulationEntry(doc, m);
  }
  if (others.length) {
    doc.rule();
    doc.para(`In other periods, §${l.section}${sub ? `(${sub})` : ''} means:`);
    doc.list(others.map((m) => `${validity(m.entry)}: **${m.entry.topic}**`));
  }
}

function regulationEntry(doc: Doc, m: RegulationMatch): void {
  const v = validity(m.entry);
  doc.para(`**${m.entry.topic}**${v ? ` (${v})` : ''}${m.doc.id !== 'ccr-9792' ? ` · ${m.doc.title}` : ''}`);
  entryBody(doc, m.entry);
}

function validity(e: KnowledgeEntry): string {
  if (e.validFrom && e.validTo) return `${e.validFrom} to ${e.validTo}`;
  if (e.validFrom) return `from ${e.validFrom}`;
  if (e.validTo) return `until ${e.validTo}`;
  return '';
}

function describeNonMtus(doc: Doc, kb: Knowledge, c: Citation, l: TopicLocator | null, era: LetterEra): void {
  const d = findDocument(kb, c.guideline, c.edition);
  doc.heading(`Non-MTUS citation: ${d ? d.title : docTitle(kb, c)}`);
  if (d) doc.para(d.description);
  else if (c.guideline === 'acoem-other') {
    doc.para('An ACOEM text cited without saying which edition; cited here as outside the MTUS.');
    const ch = l ? acoemChapterNamed(kb, l.name) : null;
    if (ch) {
      doc.para(`The name matches ACOEM 2nd edition chapter "${ch.topic}": ${ch.summary}`);
      doc.sources(ch.sources);
    }
  }
  if (l) {
    doc.para(`Cited as: "${l.name}".`);
    const r = c.guideline === 'odg' ? (resolveOne(kb, c, l) as TopicResolution) : { chapter: null, topic: null };
    if (r.topic && isStatable(r.topic) && !r.topic.nameOnly) {
      doc.rule();
      entryBlock(doc, r.topic);
    } else if (r.chapter) {
      doc.para(`Chapter: ${r.chapter.topic.replace(/^ODG chapter: /, '')}. Topic content not in the knowledge base.`);
    } else if (c.guideline === 'odg') {
      doc.para('Topic content not in the knowledge base.');
    }
  }
  if (c.guideline === 'acoem-3' && c.locators.some((x) => x.kind === 'page')) {
    for (const p of c.locators) if (p.kind === 'page') describeAcoem3Page(doc, kb, c, p);
  }
  searchSequence(doc, kb, era.date);
}

function describeAcoem3Page(doc: Doc, kb: Knowledge, c: Citation, p: PageLocator): void {
  if (p.from === null) return;
  const stated = acoem3PageEntries(kb, c, p).filter(isStatable);
  doc.rule();
  if (stated.length === 0) doc.para(`Page ${p.from}: **page content not in the knowledge base.**`);
  for (const e of stated) entryBlock(doc, e);
}

/** The rule that ranks the MTUS first, as in force at the letter's date (before April 20, 2015
 *  the 2009 text of §9792.25; from then the search sequence of §9792.21.1). */
function searchSequence(doc: Doc, kb: Knowledge, date: string | null): void {
  const rule = lookupProcedure(kb, { term: 'search-sequence' });
  if (!rule || !isStatable(rule)) return;
  if (date && rule.validFrom && date < rule.validFrom) {
    const older = lookupRegulation(kb, '9792.25', null, date).find((m) => m.inForce && isStatable(m.entry));
    if (older) {
      doc.rule();
      doc.para(`**Why it matters (the rule in force then, 8 CCR §9792.25): ${older.entry.topic}.** ${older.entry.summary} The explicit search sequence of §9792.21.1 came later, with the April 20, 2015 amendments.`);
      doc.sources(older.entry.sources);
      return;
    }
  }
  doc.rule();
  doc.para(`**Why it matters: ${rule.topic}.** ${rule.summary}`);
  doc.sources(rule.sources);
}

function describeCitation(doc: Doc, letter: Letter, kb: Knowledge, c: Citation): void {
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

// ------------------------------------------------------------------------------------------ entries

/** An entry's topic in bold and where it sits: "**Topic** (chapter 6, pp. 98-99)". */
export function entryTitle(e: KnowledgeEntry): string {
  const where: string[] = [];
  if (e.locator.chapter) where.push(`chapter ${e.locator.chapter}`);
  if (e.locator.table) where.push(`Table ${e.locator.table}`);
  if (e.locator.pages) where.push(e.locator.pages.from === e.locator.pages.to ? `p. ${e.locator.pages.from}` : `pp. ${e.locator.pages.from}-${e.locator.pages.to}`);
  if (e.locator.sectionNumber) where.push(`section ${e.locator.sectionNumber}`);
  return `**${e.topic}**${where.length ? ` (${where.join(', ')})` : ''}`;
}

function entryBlock(doc: Doc, e: KnowledgeEntry): void {
  doc.para(entryTitle(e));
  entryBody(doc, e);
}

function entryBody(doc: Doc, e: KnowledgeEntry): void {
  if (!isStatable(e)) {
    doc.para('Not confirmed: **content not in the knowledge base.**');
    return;
  }
  if (e.nameOnly || !e.summary) doc.para('The letters cite this by name; **its content is not in the knowledge base.**');
  else doc.para(e.summary);
  const limits = e.limits ?? [];
  if (limits.length) {
    doc.para('Limits stated:');
    doc.list(limits.map(formatLimit));
  }
  if (e.notes) doc.para(`Note: ${e.notes}`);
  if (e.sources.length) doc.sources(e.sources);
  else if (e.confidence === 'USER') doc.para('Source: your knowledge file.');
}

/** "3-4 visits", "1 week": a unit in the plural ("weeks", "working days") is singular after exactly 1. */
function amount(min: number | undefined, max: number, unit: string): string {
  if (min !== undefined && min !== max) return `${min}-${max} ${unit}`;
  return `${max} ${max === 1 && /s$/.test(unit) ? unit.slice(0, -1) : unit}`;
}

/** "initial psychotherapy trial: 3-4 visits over 2 weeks (requires objective functional improvement)". */
export function formatLimit(l: Limit): string {
  let s = amount(l.min, l.max, l.unit);
  if (l.per) s += ` per ${l.per}`;
  if (l.over) s += ` over ${amount(l.over.min, l.over.max, l.over.unit)}`;
  const req = l.requires ? `, with ${l.requires}` : '';
  if (l.condition && l.label === l.unit) return `${l.condition}: ${s}${req}`;
  const cond = l.condition ? ` (${l.condition})` : '';
  return `${l.label}${cond}: ${s}${req}`;
}

// ------------------------------------------------------------------------------------------ decisions, dates, case number

/**
 * A decision word: what it means for the request and the appeal deadline first (the two facts a
 * reader needs), then, for Upheld, how long the UR decision stays in effect; the details after.
 */
function describeDecision(doc: Doc, letter: Letter, kb: Knowledge, item: Item): void {
  const written = item.decisionText?.text ?? '';
  const decision = item.decision;
  const e = decision ? lookupProcedure(kb, { term: decision }) : null;
  const era = letterEra(letter, kb);
  const dd = letter.dates.decision;
  if (!decision) {
    doc.heading(`Decision "${written}"`);
    doc.para('The decision word is not one the letters use (Upheld or Overturned), so its meaning cannot be told.');
  } else {
    doc.heading(`${decision}${written && written !== decision ? ` ("${written}")` : ''}: ${decision === 'Upheld' ? 'the request stays denied' : 'the request is to be authorised'}`);
    if (e && isStatable(e)) doc.para(firstSentence(e.summary));
    if (e && decision === 'Overturned') limitList(doc, e);
  }
  const deadline = dd?.iso ? appealDeadline(kb, dd.iso) : null;
  if (deadline) {
    doc.para(deadlineText(kb, deadline, dd!.text));
  } else {
    const rule = procedureAt(kb, 'appeal-rule', era.date);
    doc.para(`**Appeal:** a petition to the WCAB within 30 days of service of the determination (five more if served by mail in California)${rule ? `, ${ruleName(kb, rule)}` : ''}. The letter shows no decision date, so no date is estimated.`);
  }
  if (decision === 'Upheld') reRequest(doc, letter, kb);
  doc.rule();
  if (e && isStatable(e)) {
    const rest = e.summary.slice(firstSentence(e.summary).length).trim();
    if (rest) doc.para(rest);
    if (e.notes) doc.para(`Note: ${e.notes}`);
  }
  const appeal = deadline?.appeal ?? lookupProcedure(kb, { term: 'appeal' });
  if (appeal && isStatable(appeal)) doc.para(`**${appeal.topic}.** ${appeal.summary}`);
  if (deadline?.mailService) doc.para(`**${deadline.mailService.topic}.** ${deadline.mailService.summary}`);
  const sources: SourceRef[] = [];
  for (const x of [e, appeal, deadline?.mailService, deadline?.rule?.entry, deadline?.mailRule?.entry]) {
    if (x && isStatable(x)) for (const s of x.sources) if (!sources.some((y) => sameSource(y, s))) sources.push(s);
  }
  doc.sources(sources);
}

/** The deadline paragraph: the date for service by mail on the Decision Date, labelled an estimate, with the rule of the letter's era. */
function deadlineText(kb: Knowledge, d: AppealDeadline, decisionText: string): string {
  const moved = d.byMailMovedFrom ? `; ${weekday(d.byMailMovedFrom)} ${d.byMailMovedFrom} moves to the next business day` : '';
  const rule = d.rule ? ` Rule for the petition: ${ruleName(kb, d.rule.entry)}.` : '';
  const mail = d.mailRule ? `; ${ruleName(kb, d.mailRule.entry)}` : '';
  return (
    `**Appeal deadline, estimated: ${weekday(d.byMail)} ${d.byMail}.** A petition to the WCAB is due ${d.days} days after service of the determination, ` +
    `${d.mailDays} days more when it is served by mail to a California address (WCAB en banc, Matute, 2015${mail}); ` +
    `counted from the Decision Date (${decisionText}) as the day of mailing${moved}. ` +
    `The proof of service decides: served by hand that day, the last day would be ${weekday(d.byHand)} ${d.byHand}; an address outside California adds 10 days, not 5; holidays are not counted here.${rule}`
  );
}

/**
 * A WCAB rule as a careful reader cites it for the letter's date: "8 CCR §10957.1 (its number until
 * 2019-12-31; §10575 from 2020-01-01)". The other period's number comes from the entry of the same
 * term in force then.
 */
function ruleName(kb: Knowledge, e: KnowledgeEntry): string {
  const num = (x: KnowledgeEntry): string | null => /8 CCR §\s*([\d.]+)/.exec(x.topic)?.[1] ?? null;
  const mine = num(e);
  if (!mine) return e.topic;
  const term = e.locator.term ?? '';
  if (e.validTo) {
    const later = procedureAt(kb, term, addDays(e.validTo, 1));
    const n = later ? num(later) : null;
    return `8 CCR §${mine} (its number until ${e.validTo}${n && later?.validFrom ? `; §${n} from ${later.validFrom}` : ''})`;
  }
  if (e.validFrom) {
    const earlier = procedureAt(kb, term, addDays(e.validFrom, -1));
    const n = earlier ? num(earlier) : null;
    return `8 CCR §${mine} (from ${e.validFrom}${n ? `; §${n} before` : ''})`;
  }
  return `8 CCR §${mine}`;
}

/** For an Upheld item: the UR decision stays in effect 12 months from its date (Labor Code §4610). */
function reRequest(doc: Doc, letter: Letter, kb: Knowledge): void {
  const ur = letter.dates.urDenial;
  const rr = ur?.iso ? reRequestUntil(kb, ur.iso) : null;
  const e = rr?.entry ?? procedureAt(kb, 're-request', letterEra(letter, kb).date);
  if (!e) return;
  const months = e.limits?.find((l) => l.unit === 'months')?.max;
  if (months === undefined) {
    // The rule of the UR decision's date states no period here: say what is known, give no date.
    doc.para(`**Repeat request:** ${e.summary}`);
    return;
  }
  const statute = statuteOf(e) ?? 'Labor Code §4610';
  const when = rr?.until && ur ? `The UR decision of ${ur.text} stays in effect until about ${weekday(rr.until)} ${rr.until}` : `The UR decision stays in effect for ${months} months from its date`;
  doc.para(`**Repeat request:** ${when} (${statute}): a new request by the same physician for the same treatment before then needs a documented change in the facts that mattered to the decision.`);
}

function firstSentence(s: string): string {
  const m = /^.*?[.!?](?=\s|$)/.exec(s);
  return m ? m[0] : s;
}

/** The item heading: what its request asks for, from the request vocabulary. */
function describeRequest(doc: Doc, letter: Letter, item: Item, vocabulary: Vocabulary): void {
  const facts = classifyItems(letter.items.map((it) => it.request), vocabulary)[item.index];
  doc.heading(`Item ${item.index + 1}: ${item.request}`);
  doc.list(describeRequestFacts(facts, vocabulary).map((l) => `**${l.label}:** ${l.value}`));
  doc.para('Read from the request with the request vocabulary (categories in the style of the DWC IMR reports); add your own words with the setting imr.vocabularyFile.');
}

const DATE_HEADERS: Record<DateKey, string> = {
  assigned: 'dateAssigned',
  decision: 'decisionDate',
  injury: 'dateOfInjury',
  urDenial: 'urDenialDate',
  applicationReceived: 'applicationReceived',
};

function dateAt(letter: Letter, offset: number): { key: DateKey; span: Span } | null {
  for (const key of Object.keys(DATE_HEADERS) as DateKey[]) {
    const d = letter.dates[key];
    if (d && inside(d.span, offset)) return { key, span: d.span };
  }
  for (const f of letter.header) {
    const key = (Object.keys(DATE_HEADERS) as DateKey[]).find((k) => DATE_HEADERS[k] === f.key);
    if (key && inside(f.label.span, offset)) return { key, span: f.label.span };
  }
  return null;
}

function describeDate(doc: Doc, letter: Letter, kb: Knowledge, key: DateKey): void {
  const e = lookupProcedure(kb, { header: DATE_HEADERS[key] });
  const d = letter.dates[key];
  doc.heading(`${e?.topic ?? key}${d ? `: ${d.text}${d.iso ? ` (${d.iso})` : ' (not a real calendar date)'}` : ''}`);
  const facts: string[] = [];
  const dec = letter.dates.decision?.iso;
  const asg = letter.dates.assigned?.iso;
  if (key === 'decision' && dec) {
    const due = appealDeadline(kb, dec);
    facts.push(`Appeal deadline, estimated: ${weekday(due.byMail)} ${due.byMail} (${due.days} days after service, ${due.mailDays} more for service by mail in California, counted from this date; the proof of service decides).`);
    if (asg) facts.push(`${daysBetween(asg, dec)} days after the Date Assigned.`);
  }
  if (key === 'assigned' && asg && dec) facts.push(`The decision followed ${daysBetween(asg, dec)} days later.`);
  if (key === 'urDenial' && d?.iso && letter.dates.applicationReceived?.iso) {
    facts.push(`The IMR application was received ${daysBetween(d.iso, letter.dates.applicationReceived.iso)} days later.`);
  }
  doc.list(facts);
  if (e) entryBody(doc, e);
}

function describeCaseNumber(doc: Doc, letter: Letter, kb: Knowledge): void {
  const cn = letter.caseNumber!;
  doc.heading(`IMR case number ${cn.text}`);
  const m = /^CM(\d{2})-\d{7}$/.exec(cn.text);
  const received = letter.dates.applicationReceived?.iso;
  if (!m) doc.para('This does not have the usual shape CMyy-nnnnnnn.');
  else if (received) {
    const yy = received.slice(2, 4);
    doc.para(yy === m[1] ? `The prefix ${m[1]} matches the year the application was received (${received.slice(0, 4)}).` : `The prefix ${m[1]} differs from the year the application was received (${received.slice(0, 4)}); that happens for applications received at the very end of a year.`);
  }
  const e = lookupProcedure(kb, { header: 'caseNumber' });
  if (e) entryBody(doc, e);
}

// ------------------------------------------------------------------------------------------ small helpers

function inside(span: Span, offset: number): boolean {
  return span.start <= offset && offset < span.end;
}
