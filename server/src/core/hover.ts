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
  citationAt, Citation, findCitations, Locator, pageEntries, PageLocator, RegulationLocator, resolveLocator, SectionLocator, TopicLocator,
} from './citations';
import {
  bundledKnowledge, eraById, findDocument, isStatable, Knowledge, KnowledgeDocument, KnowledgeEntry, letterEra, LetterEra, Limit,
  lookupChapter, lookupNonMtus, lookupProcedure, lookupRegulation, lookupSection, RegulationMatch, SourceRef,
  topicsAgree,
} from './knowledge';
import { daysBetween } from './dates';
import type { DateKey, Item, Letter, Span } from './types';

export interface HoverOptions {
  /** Render Markdown (true) or plain text (false). */
  readonly markdown: boolean;
  /** Citations already found for this letter (saves recomputing them). */
  readonly citations?: readonly Citation[];
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
        const entries = pageEntries(kb, c, l).filter((e) => isStatable(e) && !e.nameOnly);
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
function md(s: string): string {
  return s.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`);
}

/** Escapes text but keeps our own `**bold**` markers. */
function mdInline(s: string): string {
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

function docTitle(kb: Knowledge, c: Citation): string {
  const d = findDocument(kb, c.guideline, c.edition);
  if (d) return d.title;
  switch (c.guideline) {
    case 'mtus-unknown':
      return `MTUS guideline "${c.label ?? '?'}"`;
    case 'acoem-other':
      return 'ACOEM guideline (edition not stated)';
    case 'unknown':
      return 'Guideline not named';
    default:
      return `${c.guideline} ${c.edition}`;
  }
}

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
      return describePage(doc, kb, c, l);
    case 'section':
      return describeSection(doc, kb, c, l);
    case 'regulation':
      return describeRegulation(doc, letter, kb, c, l);
    case 'topic':
      return describeNonMtus(doc, kb, c, l, letterEra(letter, kb));
  }
}

function writtenTopic(doc: Doc, c: Citation): void {
  if (c.topic && c.kind !== 'section' && c.kind !== 'non-mtus') doc.para(`Topic as the letter names it: "${c.topic}".`);
}

function describePage(doc: Doc, kb: Knowledge, c: Citation, l: PageLocator): void {
  const d = findDocument(kb, c.guideline, c.edition);
  const where = l.from === null ? (l.table ? `Table ${l.table}` : `page ${l.text}`) : l.from === l.to ? `page ${l.from}` : `pages ${l.from}-${l.to}`;
  const chapter = c.chapter?.number ? `chapter ${c.chapter.number}, ` : '';
  const table = l.table && l.from !== null ? `Table ${l.table}, ` : '';
  doc.heading(`${docTitle(kb, c)}: ${chapter}${table}${where}`);
  docLine(doc, d, c);
  writtenTopic(doc, c);
  if (l.from === null && l.text.startsWith('S')) {
    doc.para('A page of the supplementary material (Part 2) of the opioid guideline. Page content not in the knowledge base.');
    return;
  }
  const entries = pageEntries(kb, c, l);
  const stated = entries.filter(isStatable);
  if (stated.length === 0) {
    doc.para(`**Page content not in the knowledge base.** Only pages confirmed from letters, regulations or published sources are described${entries.length ? '; an unconfirmed entry exists for this page and is not shown as fact' : ''}.`);
    chapterContext(doc, kb, c);
    return;
  }
  for (const e of stated) {
    doc.rule();
    entryBlock(doc, e);
    if (c.topic && !topicsAgree(c.topic, e) && stated.length === 1 && c.locators.length === 1) {
      doc.para(`The knowledge base files this page under "${e.topic}"; the letter's topic is "${c.topic}".`);
    }
  }
}

function chapterContext(doc: Doc, kb: Knowledge, c: Citation): void {
  if (c.guideline !== 'mtus-acoem') return;
  const ch = lookupChapter(kb, c.guideline, c.edition, c.chapter?.number ?? null, c.chapter?.name ?? null);
  if (ch && isStatable(ch)) {
    doc.para(`Chapter: ${ch.topic}. ${ch.summary}`);
    doc.sources(ch.sources);
  }
}

function describeSection(doc: Doc, kb: Knowledge, c: Citation, l: SectionLocator): void {
  const d = findDocument(kb, c.guideline, c.edition);
  const chapterName = c.chapter?.name ? ` (${c.chapter.name}${c.chapter.number ? `, ACOEM chapter ${c.chapter.number}` : ''})` : '';
  doc.heading(`${docTitle(kb, c)}${chapterName}: section "${l.number ? `${l.number} ` : ''}${l.name}"`);
  docLine(doc, d, c);
  if (!d) {
    doc.para('**This guideline is not in the knowledge base**; the section is shown as the letter writes it.');
    return;
  }
  if (/^\d+$/.test(l.name.trim())) {
    doc.para(`"${l.name}" is a number where a section heading is expected; it is not a heading of this guideline (it may be a page number of another chapter). Nothing is looked up for it.`);
    chapterContext(doc, kb, c);
    return;
  }
  const e = lookupSection(kb, c.guideline, c.edition, l.name, l.number, c.chapter?.number ?? null);
  if (!e || !isStatable(e)) {
    doc.para(`**Section content not in the knowledge base.** Topic as the letter names it: "${l.name}".`);
    chapterContext(doc, kb, c);
    return;
  }
  doc.rule();
  entryBlock(doc, e);
  if (c.guideline === 'mtus-acoem' && !e.locator.chapter) chapterContext(doc, kb, c);
}

function describeRegulation(doc: Doc, letter: Letter, kb: Knowledge, c: Citation, l: RegulationLocator): void {
  const ref = `8 CCR §${l.section}${l.subdivision ? `(${l.subdivision})` : ''}${l.paragraph ? `(${l.paragraph})` : ''}${l.through ? ` to §${l.through}` : ''}`;
  doc.heading(ref);
  const era = letterEra(letter, kb);
  const date = c.date ?? era.date;
  const eraRec = c.edition !== 'unknown' ? eraById(kb, c.edition) : null;
  if (!date) doc.para(`The letter's date is unknown (${c.editionBasis}), so every period's meaning is listed.`);
  else if (c.date || !era.nominal) doc.para(`Read as in force on ${date} (${c.editionBasis})${eraRec ? `: ${eraRec.label}` : ''}.`);
  else doc.para(`Read in the period ${eraRec ? `${eraRec.from} to ${eraRec.to ?? 'date'} (${eraRec.label})` : 'the letter format implies'}: ${c.editionBasis}.`);
  let matches = lookupRegulation(kb, l.section, l.subdivision, date, l.through);
  let sub = l.subdivision;
  if (matches.length === 0 && l.subdivision) {
    doc.para(`Subdivision (${l.subdivision}) is not in the knowledge base; the section as a whole:`);
    matches = lookupRegulation(kb, l.section, null, date, l.through);
    sub = null;
  }
  if (matches.length === 0 && l.through) {
    matches = lookupRegulation(kb, l.section, null, date, null);
  }
  const stated = matches.filter((m) => isStatable(m.entry));
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
    const ch = l ? acoemChapterIn(kb, l.name) : null;
    if (ch) {
      doc.para(`The name matches ACOEM 2nd edition chapter "${ch.topic}": ${ch.summary}`);
      doc.sources(ch.sources);
    }
  }
  if (l) {
    doc.para(`Cited as: "${l.name}".`);
    const r = c.guideline === 'odg' ? lookupNonMtus(kb, c.guideline, c.edition, l.name) : { chapter: null, topic: null };
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
  const topicLoc = c.locators.find((x): x is TopicLocator => x.kind === 'topic');
  const d = findDocument(kb, c.guideline, c.edition);
  const hits = (d?.entries ?? []).filter(
    (e) =>
      e.locator.pages && p.from! >= e.locator.pages.from && p.from! <= e.locator.pages.to &&
      (!topicLoc || !e.locator.chapterName || topicLoc.name.toLowerCase().includes(e.locator.chapterName.toLowerCase())),
  );
  const stated = hits.filter(isStatable);
  doc.rule();
  if (stated.length === 0) doc.para(`Page ${p.from}: **page content not in the knowledge base.**`);
  for (const e of stated) entryBlock(doc, e);
}

function acoemChapterIn(kb: Knowledge, written: string): KnowledgeEntry | null {
  const d = findDocument(kb, 'mtus-acoem', '2004');
  if (!d) return null;
  const w = written.toLowerCase();
  return d.entries.find((e) => e.locator.chapterName && !e.locator.section && w.includes(e.locator.chapterName.toLowerCase()) && isStatable(e)) ?? null;
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
  const chapter = c.chapter && d ? lookupChapter(kb, c.guideline, c.edition, c.chapter.number, c.chapter.name) : null;
  if (chapter && isStatable(chapter)) {
    // The chapter says more than the book's general description.
    doc.rule();
    entryBlock(doc, chapter);
  } else if (d) doc.para(d.description);
  else doc.para('**This guideline is not in the knowledge base.**');
  writtenTopic(doc, c);
  if (c.locators.length) {
    const lines = c.locators.map((l) => {
      const e = resolveLocator(kb, c, l, letterEra(letter, kb).date).find(isStatable);
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

function entryBlock(doc: Doc, e: KnowledgeEntry): void {
  const where: string[] = [];
  if (e.locator.chapter) where.push(`chapter ${e.locator.chapter}`);
  if (e.locator.table) where.push(`Table ${e.locator.table}`);
  if (e.locator.pages) where.push(e.locator.pages.from === e.locator.pages.to ? `p. ${e.locator.pages.from}` : `pp. ${e.locator.pages.from}-${e.locator.pages.to}`);
  if (e.locator.sectionNumber) where.push(`section ${e.locator.sectionNumber}`);
  doc.para(`**${e.topic}**${where.length ? ` (${where.join(', ')})` : ''}`);
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

/** "initial psychotherapy trial: 3-4 visits over 2 weeks (requires objective functional improvement)". */
export function formatLimit(l: Limit): string {
  const n = l.min !== undefined && l.min !== l.max ? `${l.min}-${l.max}` : `${l.max}`;
  let s = `${n} ${l.unit}`;
  if (l.per) s += ` per ${l.per}`;
  if (l.over) s += ` over ${l.over.min !== undefined && l.over.min !== l.over.max ? `${l.over.min}-${l.over.max}` : l.over.max} ${l.over.unit}`;
  const req = l.requires ? `, with ${l.requires}` : '';
  if (l.condition && l.label === l.unit) return `${l.condition}: ${s}${req}`;
  const cond = l.condition ? ` (${l.condition})` : '';
  return `${l.label}${cond}: ${s}${req}`;
}

// ------------------------------------------------------------------------------------------ decisions, dates, case number

function describeDecision(doc: Doc, letter: Letter, kb: Knowledge, item: Item): void {
  const written = item.decisionText?.text ?? '';
  const decision = item.decision;
  const e = decision ? lookupProcedure(kb, { term: decision }) : null;
  doc.heading(decision ? `${decision}${written && written !== decision ? ` ("${written}")` : ''}` : `Decision "${written}"`);
  if (!decision) doc.para('The decision word is not one the letters use (Upheld or Overturned), so its meaning cannot be told.');
  if (e) entryBody(doc, e);
  doc.rule();
  const appeal = lookupProcedure(kb, { term: 'appeal' });
  if (appeal && isStatable(appeal)) {
    doc.para(`**${appeal.topic}.** ${appeal.summary}`);
    const dd = letter.dates.decision;
    if (dd?.iso) {
      const due = addDays(dd.iso, 30);
      doc.para(
        `**30 days after the Decision Date (${dd.text}) is ${weekday(due)} ${due}.** That count starts at the decision date as an estimate: the rule counts from service of the determination, so the real deadline may be later (service by mail can change it), and weekend or holiday rules may move it.`,
      );
    } else {
      doc.para('The letter shows no decision date, so no deadline date is computed; the 30 days run from service of the determination.');
    }
    if (appeal.notes) doc.para(`Note: ${appeal.notes}`);
    doc.sources(appeal.sources);
  }
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
    const due = addDays(dec, 30);
    facts.push(`30 days later: ${weekday(due)} ${due} (an estimate of the appeal deadline; the rule counts from service).`);
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

/** ISO date `days` after `iso`. */
export function addDays(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + days * 86400000;
  return new Date(t).toISOString().slice(0, 10);
}

function weekday(iso: string): string {
  return ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][new Date(`${iso}T00:00:00Z`).getUTCDay()];
}
