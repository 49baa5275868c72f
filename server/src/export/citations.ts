/**
 * Citations for people: one line per item for code lenses and tables, and the citations table of
 * the "Extract Citations" command, each with what the knowledge base says the locator covers.
 */
import {
  BLOCK_NAMES as VOCABULARY_BLOCK_NAMES, Citation, CitationBlock, citationLine, Knowledge, Letter, Locator, locatorText, resolveOne,
} from '../core';
import type { Extraction } from './letter';
import type { CitationRow } from './parquet/tables';

const BLOCK_NAMES: Readonly<Record<CitationBlock, string>> = { ...VOCABULARY_BLOCK_NAMES, other: 'other' };

export { citationLine, locatorText };

export const CITATION_COLUMNS = ['item', 'request', 'block', 'kind', 'guideline', 'edition', 'citedAs', 'locator', 'topicInLetter', 'knowledgeBaseTopic', 'confidence', 'source'] as const;

/**
 * A letter's citations as the Parquet citations table holds them: one row per cited locator, with
 * what the knowledge base says it covers (the columns of `extractCitations` without the request,
 * confidence and sources, which that table does not keep).
 */
export function citationTableRows(letter: Letter, citations: readonly Citation[], kb: Knowledge): CitationRow[] {
  const rows: CitationRow[] = [];
  const date = letter.dates.decision?.iso ?? null;
  for (const c of citations) {
    const item = c.itemIndex === null ? null : letter.items[c.itemIndex];
    const common = {
      item: item ? item.index + 1 : null,
      block: BLOCK_NAMES[c.block],
      kind: c.kind,
      guideline: c.guideline,
      edition: c.edition,
      citedAs: c.label,
    };
    if (c.locators.length === 0) rows.push({ ...common, locator: null, topicInLetter: c.topic, knowledgeBaseTopic: null });
    for (const l of c.locators) {
      const entries = resolveOne(kb, c, l, date).stated;
      rows.push({
        ...common,
        locator: locatorText(l),
        topicInLetter: c.topic,
        knowledgeBaseTopic: entries.length ? entries.map((e) => e.topic).join('; ') : 'not in the knowledge base',
      });
    }
  }
  return rows;
}

export function extractCitations(letter: Letter, citations: readonly Citation[], kb: Knowledge, caseNumber: string | null): Extraction {
  const rows = [];
  const date = letter.dates.decision?.iso ?? null;
  for (const c of citations) {
    const item = c.itemIndex === null ? null : letter.items[c.itemIndex];
    const locators: (Locator | null)[] = c.locators.length ? [...c.locators] : [null];
    for (const l of locators) {
      const entries = l ? resolveOne(kb, c, l, date).stated : [];
      rows.push({
        item: item ? item.index + 1 : null,
        request: item?.request ?? null,
        block: BLOCK_NAMES[c.block],
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
