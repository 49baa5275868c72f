/** A knowledge entry as hover shows it: its title and place, summary, limits, notes and sources. */
import { entryPlace, formatLimit, isStatable, KnowledgeEntry, SourceRef } from '../knowledge';
import type { Doc } from './doc';

/** Where an entry sits, " (chapter 6, pp. 98-99)"; empty when its locator says nothing. */
export function entryWhere(e: KnowledgeEntry): string {
  const where = entryPlace(e.locator);
  return where ? ` (${where})` : '';
}

/** An entry's topic in bold and where it sits: "**Topic** (chapter 6, pp. 98-99)". */
export function entryTitle(e: KnowledgeEntry): string {
  return `**${e.topic}**${entryWhere(e)}`;
}

/** The entry's title, then its body. */
export function entryBlock(doc: Doc, e: KnowledgeEntry): void {
  doc.para(entryTitle(e));
  entryBody(doc, e);
}

/** What an entry says (or that it is not confirmed, or cited by name only), its limits, notes and sources. */
export function entryBody(doc: Doc, e: KnowledgeEntry): void {
  if (!isStatable(e)) {
    doc.para('Not confirmed: **content not in the knowledge base.**');
    return;
  }
  if (e.nameOnly || !e.summary) doc.para('The letters cite this by name; **its content is not in the knowledge base.**');
  else doc.para(e.summary);
  limitList(doc, e);
  if (e.notes) doc.para(`Note: ${e.notes}`);
  if (e.sources.length) doc.sources(e.sources);
  else if (e.confidence === 'USER') doc.para('Source: your knowledge file.');
}

/** "Limits stated:" and the entry's limits, one a line (nothing when it states none). */
export function limitList(doc: Doc, e: KnowledgeEntry): void {
  const limits = e.limits ?? [];
  if (limits.length === 0) return;
  doc.para('Limits stated:');
  doc.list(limits.map(formatLimit));
}

/** Two sources are the same document: the same file address, else the same reference. */
export function sameSource(a: SourceRef, b: SourceRef): boolean {
  return a.url && b.url && /\.pdf$/i.test(a.url) ? a.url === b.url : a.ref === b.ref;
}
