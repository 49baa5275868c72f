/**
 * Citations for people: one line per item for code lenses and tables, and the citations table of
 * the "Extract Citations" command, each with what the knowledge base says the locator covers.
 */
import { Citation, isStatable, Knowledge, Letter, Locator, resolveLocator } from '../core';
import type { Extraction } from './letter';

const BLOCK_NAMES: Record<string, string> = {
  claimsAdministrator: 'Claims Administrator guideline',
  maximus: 'MAXIMUS guideline',
  rationale: 'Decision rationale',
  other: 'other',
};

/** How a locator reads: "p. 23", "pp. 98-99", "Physical medicine treatment", "§9792.20(f)". */
export function locatorText(l: Locator): string {
  switch (l.kind) {
    case 'page':
      if (l.from === null) return l.text;
      return l.to !== null && l.to !== l.from ? `pp. ${l.from}-${l.to}` : `p. ${l.from}`;
    case 'section':
      return l.number ? `${l.number} ${l.name}` : l.name;
    case 'regulation':
      return `§${l.section}${l.subdivision ? `(${l.subdivision})` : ''}${l.through ? ` - ${l.through}` : ''}`;
    case 'topic':
      return l.name;
  }
}

/** The guidelines a MAXIMUS block cites, in one line: "Low Back Complaints 2004: Physical Methods; ODG". */
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

export const CITATION_COLUMNS = ['item', 'request', 'block', 'kind', 'guideline', 'edition', 'citedAs', 'locator', 'topicInLetter', 'knowledgeBaseTopic', 'confidence', 'source'] as const;

export function extractCitations(letter: Letter, citations: readonly Citation[], kb: Knowledge, caseNumber: string | null): Extraction {
  const rows = [];
  const date = letter.dates.decision?.iso ?? null;
  for (const c of citations) {
    const item = c.itemIndex === null ? null : letter.items[c.itemIndex];
    const locators: (Locator | null)[] = c.locators.length ? [...c.locators] : [null];
    for (const l of locators) {
      const entries = l ? resolveLocator(kb, c, l, date).filter(isStatable) : [];
      rows.push({
        item: item ? item.index + 1 : null,
        request: item?.request ?? null,
        block: BLOCK_NAMES[c.block] ?? c.block,
        kind: c.kind,
        guideline: c.guideline,
        edition: c.edition,
        citedAs: c.label,
        locator: l ? locatorText(l) : null,
        topicInLetter: c.topic,
        knowledgeBaseTopic: entries.length ? entries.map((e) => e.topic).join('; ') : l ? 'not in the knowledge base' : null,
        confidence: entries.length ? entries.map((e) => e.confidence).join('; ') : null,
        source: entries.length ? entries.flatMap((e) => e.sources.map((s) => (s.url ? `${s.ref} <${s.url}>` : s.ref))).slice(0, 3).join('; ') : null,
      });
    }
  }
  return {
    title: `Citations${caseNumber ? ` in case ${caseNumber}` : ''}`,
    subtitle: `${rows.length} citation${rows.length === 1 ? '' : 's'}`,
    columns: CITATION_COLUMNS,
    rows,
    json: rows,
  };
}
