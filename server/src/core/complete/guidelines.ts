/**
 * Guidelines a letter can cite, from the knowledge base: the MTUS guideline labels in force in
 * the letter's era ("Low Back Complaints 2004", "Chronic Pain Medical Treatment 2016"), the
 * non-MTUS guidelines and their chapters, and the guideline a label written in the letter names.
 * Built once per knowledge base.
 */
import { isStatable, letterEra, lookupProcedure } from '../index';
import type { Knowledge, KnowledgeDocument, KnowledgeEntry, Letter } from '../index';
import { Doc } from './doc';
import { labelWords } from './text';

/** One guideline a letter can name: a document, or one chapter of it (ACOEM). */
export interface GuidelineChoice {
  /** How letters write it. */
  readonly label: string;
  readonly doc: KnowledgeDocument;
  readonly entry: KnowledgeEntry | null;
}

interface LabelRef {
  /** The label's words (see `labelWords`). */
  readonly words: string;
  readonly doc: KnowledgeDocument;
  readonly entry: KnowledgeEntry | null;
}

interface Catalog {
  readonly mtus: readonly GuidelineChoice[];
  readonly nonMtus: readonly GuidelineChoice[];
  /** Every label of every document and chapter, longest first. */
  readonly labels: readonly LabelRef[];
  /** The latest date an MTUS guideline edition came into force (the "latest era"). */
  readonly latest: string | null;
}

const catalogs = new WeakMap<Knowledge, Catalog>();

function catalog(kb: Knowledge): Catalog {
  let c = catalogs.get(kb);
  if (c) return c;
  const mtus: GuidelineChoice[] = [];
  const nonMtus: GuidelineChoice[] = [];
  const labels: LabelRef[] = [];
  let latest: string | null = null;
  for (const doc of kb.documents) {
    if (doc.kind !== 'guideline') continue;
    for (const l of doc.labels ?? []) labels.push({ words: labelWords(l), doc, entry: null });
    for (const e of doc.entries) for (const l of e.labels ?? []) labels.push({ words: labelWords(l), doc, entry: e });
    if (doc.inMtus) {
      const from = doc.effective?.from;
      if (from && (latest === null || from > latest)) latest = from;
      if (doc.labels?.length) mtus.push({ label: preferredLabel(doc.labels), doc, entry: null });
      else for (const e of doc.entries) if (e.labels?.length) mtus.push({ label: preferredLabel(e.labels), doc, entry: e });
    } else if (doc.labels?.length) {
      nonMtus.push({ label: nonMtusLabel(doc.labels), doc, entry: null });
    }
  }
  labels.sort((a, b) => b.words.length - a.words.length);
  c = { mtus, nonMtus, labels, latest };
  catalogs.set(kb, c);
  return c;
}

/** A label with a year ("Low Back Complaints 2004") as F1b letters write them; else the first. */
function preferredLabel(labels: readonly string[]): string {
  return labels.find((l) => /\b(?:19|20)\d\d$/.test(l)) ?? labels[0];
}

/** "Official Disability Guidelines (ODG)": a long name with its abbreviation when both are labels. */
function nonMtusLabel(labels: readonly string[]): string {
  const abbr = labels.find((l) => /^[A-Z]{2,6}$/.test(l));
  const long = labels.find((l) => l !== abbr) ?? labels[0];
  return abbr && long !== abbr && !long.includes(`(${abbr})`) ? `${long} (${abbr})` : long;
}

/**
 * The date whose guidelines a letter cites: its decision date; without one, the latest era in the
 * knowledge base (a draft), unless the letter already cites pages the 2013-2015 way ("Page(s):"),
 * which dates it by its format as the citation reader does.
 */
export function eraDate(letter: Letter, kb: Knowledge, citesPages: () => boolean): { date: string | null; basis: string } {
  const era = letterEra(letter, kb);
  if (era.date && (!era.nominal || citesPages())) return { date: era.date, basis: era.basis };
  const latest = catalog(kb).latest;
  return { date: latest, basis: latest ? `no decision date in the letter: the latest guidelines (in force from ${latest})` : era.basis };
}

export function inForce(doc: KnowledgeDocument, date: string | null): boolean {
  if (date === null) return true;
  const e = doc.effective;
  return !e || ((e.from === undefined || e.from <= date) && (e.to === undefined || date <= e.to));
}

/** MTUS guidelines in force on `date` (all of them when none is). */
export function mtusGuidelines(kb: Knowledge, date: string | null): readonly GuidelineChoice[] {
  const all = catalog(kb).mtus;
  const now = all.filter((g) => inForce(g.doc, date));
  return now.length > 0 ? now : all;
}

export function nonMtusGuidelines(kb: Knowledge): readonly GuidelineChoice[] {
  return catalog(kb).nonMtus;
}

/** The guideline whose label `before` ends with (the longest such label), or null. */
export function guidelineEndingAt(kb: Knowledge, before: string): LabelRef | null {
  const w = labelWords(before.length > 300 ? before.slice(-300) : before);
  for (const l of catalog(kb).labels) {
    if (l.words.length === 0 || !w.endsWith(l.words)) continue;
    if (w.length === l.words.length || w.charCodeAt(w.length - l.words.length - 1) === 32) return l;
  }
  return null;
}

/** The guideline whose label `text` starts with (the longest such label), and the words after it. */
export function guidelineStartingAt(kb: Knowledge, text: string): { ref: LabelRef; rest: string } | null {
  const w = labelWords(text.length > 300 ? text.slice(0, 300) : text);
  for (const l of catalog(kb).labels) {
    if (l.words.length === 0 || !w.startsWith(l.words)) continue;
    if (w.length === l.words.length || w.charCodeAt(l.words.length) === 32) return { ref: l, rest: w.slice(l.words.length).trim() };
  }
  return null;
}

/** The edition of the same guideline in force on `date`, when the named one is not. */
export function editionInForce(kb: Knowledge, doc: KnowledgeDocument, date: string | null): KnowledgeDocument {
  if (inForce(doc, date)) return doc;
  return kb.documents.find((d) => d.id === doc.id && d !== doc && inForce(d, date)) ?? doc;
}

export function guidelineDocumentation(kb: Knowledge, g: GuidelineChoice, markdown: boolean): string {
  const d = new Doc();
  const { doc, entry } = g;
  d.para(entry ? `**${entry.topic}**, ${doc.title}` : `**${doc.title}**`);
  const eff = doc.effective;
  if (doc.inMtus) {
    d.para(
      eff?.from
        ? `Part of the MTUS from ${eff.from}${eff.to ? ` to ${eff.to}` : ''}${entry?.locator.regulation ? ` (8 CCR §${entry.locator.regulation})` : ''}.`
        : 'Part of the MTUS.',
    );
  }
  const text = entry && isStatable(entry) && entry.summary ? entry.summary : doc.description;
  if (text) d.para(text);
  if (!doc.inMtus) {
    const rule = lookupProcedure(kb, { term: 'search-sequence' });
    if (rule && isStatable(rule)) d.para(`**Outside the MTUS.** ${rule.summary}`);
  }
  return d.render(markdown);
}
