/**
 * A user's knowledge files laid over the bundled base.
 */
import { nameKey } from './names';
import type { EntryLocator, Knowledge, KnowledgeEntry, KnowledgeFile } from './types';


/**
 * The base with a user's files laid over it. A user document with the same id and edition as a
 * bundled one extends it: a user entry replaces the bundled entry with the same id, or else the one
 * with the same locator, and is otherwise added; the user's title, description and labels replace
 * the bundled ones when given. Other user documents are added. Never throws; the inputs are not
 * changed.
 */
export function mergeKnowledge(base: Knowledge, ...user: readonly (KnowledgeFile | null | undefined)[]): Knowledge {
  const documents = base.documents.slice();
  const versions = base.versions.slice();
  for (const file of user) {
    if (!file) continue;
    for (const ud of file.documents) {
      const i = documents.findIndex((d) => d.id === ud.id && d.edition === ud.edition);
      versions.push(`${ud.id}@${ud.edition} ${file.version} (user)`);
      const userEntries = ud.entries.map((e) => ({ ...e }));
      if (i < 0) {
        documents.push({ ...ud, entries: userEntries, origin: 'user' });
        continue;
      }
      const b = documents[i];
      const entries = b.entries.slice();
      for (const ue of userEntries) {
        let j = entries.findIndex((e) => e.id === ue.id);
        if (j < 0) j = entries.findIndex((e) => locatorKey(e.locator) === locatorKey(ue.locator) && sameValidity(e, ue));
        if (j >= 0) entries[j] = ue;
        else entries.push(ue);
      }
      documents[i] = {
        ...b,
        entries,
        title: ud.title !== `${ud.id} ${ud.edition}` ? ud.title : b.title,
        description: ud.description || b.description,
        labels: ud.labels ? [...(b.labels ?? []), ...ud.labels] : b.labels,
        sources: [...b.sources, ...ud.sources],
      };
    }
  }
  return { documents, versions };
}

function sameValidity(a: KnowledgeEntry, b: KnowledgeEntry): boolean {
  return (a.validFrom ?? '') === (b.validFrom ?? '') && (a.validTo ?? '') === (b.validTo ?? '');
}

/** A canonical string for a locator (entries with equal keys describe the same place). */
export function locatorKey(l: EntryLocator): string {
  const parts: string[] = [];
  if (l.chapter !== undefined) parts.push(`ch${l.chapter}`);
  if (l.chapterName) parts.push(`cn:${nameKey(l.chapterName)}`);
  if (l.table) parts.push(`t:${l.table}`);
  if (l.pages) parts.push(`p:${l.pages.from}-${l.pages.to}`);
  if (l.sectionNumber) parts.push(`n:${l.sectionNumber}`);
  if (l.section) parts.push(`s:${nameKey(l.section)}`);
  if (l.regulation) parts.push(`r:${l.regulation}${l.subdivision ? `(${l.subdivision})` : ''}`);
  if (l.term) parts.push(`term:${l.term.toLowerCase()}`);
  if (l.header) parts.push(`h:${l.header}`);
  return parts.join('|');
}
