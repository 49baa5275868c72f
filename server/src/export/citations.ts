/**
 * Citations for people: one line per item for code lenses and tables, and the citations table of
 * the "Extract Citations" command, each with what the knowledge base says the locator covers.
 */
import {
  BLOCK_NAMES as VOCABULARY_BLOCK_NAMES, Citation, CitationBlock, citationLine, Knowledge, Letter, Locator, locatorText, resolveOne,
} from '../core';
import type { Cell, Row } from './formats';
import type { Extraction } from './letter';
import type { CitationRow } from './parquet/tables';

const BLOCK_NAMES: Readonly<Record<CitationBlock, string>> = { ...VOCABULARY_BLOCK_NAMES, other: 'other' };

export { citationLine, locatorText };

export const CITATION_COLUMNS = ['item', 'request', 'block', 'kind', 'guideline', 'edition', 'citedAs', 'locator', 'topicInLetter', 'knowledgeBaseTopic', 'confidence', 'source'] as const;

/** A cited locator (or a citation that names none, once, with a null locator), its item and what
 *  the knowledge base says the locator covers. */
interface CitedLocator {
  readonly citation: Citation;
  readonly item: Letter['items'][number] | null;
  readonly locator: Locator | null;
  readonly entries: ReturnType<typeof resolveOne>['stated'];
}

/** Every locator a letter's citations cite, in order, each resolved once. */
function* citedLocators(letter: Letter, citations: readonly Citation[], kb: Knowledge): Generator<CitedLocator> {
  const date = letter.dates.decision?.iso ?? null;
  for (const c of citations) {
    const item = c.itemIndex === null ? null : letter.items[c.itemIndex];
    if (c.locators.length === 0) yield { citation: c, item, locator: null, entries: [] };
    for (const l of c.locators) yield { citation: c, item, locator: l, entries: resolveOne(kb, c, l, date).stated };
  }
}

/** A cited locator as a row of the Parquet citations table. */
function tableRow(x: CitedLocator): CitationRow {
  const c = x.citation;
  return {
    item: x.item ? x.item.index + 1 : null,
    block: BLOCK_NAMES[c.block],
    kind: c.kind,
    guideline: c.guideline,
    edition: c.edition,
    citedAs: c.label,
    locator: x.locator ? locatorText(x.locator) : null,
    topicInLetter: c.topic,
    knowledgeBaseTopic: x.entries.length ? x.entries.map((e) => e.topic).join('; ') : x.locator ? 'not in the knowledge base' : null,
  };
}

/**
 * A letter's citations as the Parquet citations table holds them: the columns of
 * `extractCitations` without the request, confidence and sources, which that table does not keep.
 */
export function citationTableRows(letter: Letter, citations: readonly Citation[], kb: Knowledge): CitationRow[] {
  return [...citedLocators(letter, citations, kb)].map(tableRow);
}

export function extractCitations(letter: Letter, citations: readonly Citation[], kb: Knowledge, caseNumber: string | null): Extraction {
  const rows: Row[] = [];
  for (const x of citedLocators(letter, citations, kb)) {
    const entries = x.entries;
    const row: Record<(typeof CITATION_COLUMNS)[number], Cell> = {
      ...tableRow(x),
      request: x.item?.request ?? null,
      confidence: entries.length ? entries.map((e) => e.confidence).join('; ') : null,
      source: entries.length ? entries.flatMap((e) => e.sources.map((s) => (s.url ? `${s.ref} <${s.url}>` : s.ref))).slice(0, 3).join('; ') : null,
    };
    // In the order of the columns (the request after the item).
    rows.push(Object.fromEntries(CITATION_COLUMNS.map((k) => [k, row[k]])));
  }
  return {
    title: `Citations${caseNumber ? ` in case ${caseNumber}` : ''}`,
    subtitle: `${rows.length} citation${rows.length === 1 ? '' : 's'}`,
    columns: CITATION_COLUMNS,
    rows,
    json: rows,
  };
}
