/**
 * Citations in words: the cited document's title, a locator as a reader writes it, a regulation
 * reference, and an item's cited guidelines in one line (code lenses, tables). One place for these,
 * so the hover, the diagnostics, the code lenses and the extraction name things alike.
 */
import { findDocument, Knowledge, pagesText } from '../knowledge';
import type { Citation, Locator, RegulationLocator } from './types';

/** The title of the cited document, or what can be said of it when the knowledge base lacks it. */
export function docTitle(kb: Knowledge, c: Citation): string {
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

/** How a locator reads: "p. 23", "pp. 98-99", "Physical medicine treatment", "§9792.20(f)". */
export function locatorText(l: Locator): string {
  switch (l.kind) {
    case 'page':
      if (l.from === null) return l.text;
      return pagesText(l.from, l.to ?? l.from);
    case 'section':
      return l.number ? `${l.number} ${l.name}` : l.name;
    case 'regulation':
      return `§${l.section}${l.subdivision ? `(${l.subdivision})` : ''}${l.through ? ` - ${l.through}` : ''}`;
    case 'topic':
      return l.name;
  }
}

/** A regulation reference in full: "8 CCR §9792.20(f)(1) to §9792.26". */
export function regulationRef(l: RegulationLocator): string {
  return `8 CCR §${l.section}${l.subdivision ? `(${l.subdivision})` : ''}${l.paragraph ? `(${l.paragraph})` : ''}${l.through ? ` to §${l.through}` : ''}`;
}

/** The guidelines an item's MAXIMUS block cites, in one line: "Low Back Complaints 2004: Physical Methods; ODG". */
export function citationLine(citations: readonly Citation[], itemIndex: number): string {
  const parts: string[] = [];
  for (const c of citations) {
    if (c.itemIndex !== itemIndex || c.block !== 'maximus') continue;
    const name = c.kind === 'non-mtus' ? (c.guideline === 'odg' ? 'ODG' : c.guideline.startsWith('acoem') ? 'ACOEM' : 'Non-MTUS') : (c.label ?? c.guideline);
    const where = c.locators.map(locatorText).join(', ');
    const part = where && c.kind !== 'non-mtus' ? `${name}: ${where}` : name;
    if (!parts.includes(part)) parts.push(part);
  }
  return parts.join('; ');
}
