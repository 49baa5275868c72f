/**
 * What the quick-extract commands produce for one letter: its decisions, its case summary, its
 * citations, or one item. Each extraction is a table (for CSV and Markdown) plus a structured
 * value (for JSON), built from the one letter model.
 */
import { caseSummary, ItemRecord, Letter, LetterRecord } from '../core';
import type { Row } from './formats';

export interface Extraction {
  /** Short title for the editor tab or quick pick. */
  title: string;
  columns: readonly string[];
  rows: Row[];
  /** What `json` output holds (richer than the rows where useful). */
  json: unknown;
  /** One line under the title of the compact view: the letter's date, its decisions in words. */
  subtitle?: string;
}

/**
 * The compact view of each extraction (the rendered Markdown preview): the columns a reader needs,
 * or `transpose` for one row shown as Field | Value. CSV, TSV and JSON keep every column.
 */
export const COMPACT_COLUMNS: Readonly<Record<'decisions' | 'item' | 'summary' | 'citations', readonly string[] | 'transpose'>> = {
  decisions: ['item', 'request', 'decision', 'partialOriginal', 'partialAuthorized', 'partialRemainder', 'citations'],
  item: 'transpose',
  summary: ['field', 'value'],
  citations: ['item', 'block', 'guideline', 'locator', 'topicInLetter', 'knowledgeBaseTopic'],
};

/** "6 items: 2 upheld, 4 overturned". */
export function decisionsInWords(items: readonly { decision: string | null }[]): string {
  const count = (d: string | null) => items.filter((it) => it.decision === d).length;
  const parts = [[count('Upheld'), 'upheld'], [count('Overturned'), 'overturned'], [count(null), 'without a decision']]
    .filter(([n]) => n)
    .map(([n, w]) => `${n} ${w}`);
  return `${items.length} item${items.length === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

function ofCase(r: LetterRecord): string {
  return r.caseNumber ? ` of case ${r.caseNumber}` : '';
}

function dated(r: LetterRecord): string {
  return r.dates.decision ? `Decision date ${r.dates.decision}` : 'No decision date';
}

/** Citations of an item as one line of text; supplied by the citation recogniser when present. */
export type CitationText = (itemIndex: number) => string;

export const DECISION_COLUMNS = [
  'caseNumber', 'decisionDate', 'item', 'request', 'decision', 'partialOriginal', 'partialAuthorized', 'partialRemainder',
  'maximusGuideline', 'citations',
] as const;

function decisionRow(r: LetterRecord, it: ItemRecord, citations: CitationText): Row {
  return {
    caseNumber: r.caseNumber,
    decisionDate: r.dates.decision,
    item: it.index + 1,
    request: it.request,
    decision: it.decision ?? it.decisionText ?? 'no decision',
    partialOriginal: it.partialAuthorization?.original ?? null,
    partialAuthorized: it.partialAuthorization?.authorized ?? null,
    partialRemainder: it.partialAuthorization?.remainder ?? null,
    maximusGuideline: it.maximusGuideline,
    citations: citations(it.index),
  };
}

export function extractDecisions(r: LetterRecord, citations: CitationText): Extraction {
  return {
    title: `Decisions${ofCase(r)}`,
    subtitle: `${dated(r)} · ${decisionsInWords(r.items)}`,
    columns: DECISION_COLUMNS,
    rows: r.items.map((it) => decisionRow(r, it, citations)),
    json: r.items.map((it) => decisionRow(r, it, citations)),
  };
}

export function extractItem(r: LetterRecord, index: number, citations: CitationText): Extraction | null {
  const it = r.items[index];
  if (!it) return null;
  const row = { ...decisionRow(r, it, citations), claimsAdministratorGuideline: it.claimsAdministratorGuideline, rationale: it.rationale };
  return {
    title: `Item ${index + 1}${ofCase(r)}`,
    subtitle: `${dated(r)} · ${it.decision ?? 'no decision'}`,
    columns: [...DECISION_COLUMNS, 'claimsAdministratorGuideline', 'rationale'],
    rows: [row],
    json: { ...row, range: it.range },
  };
}

export function extractSummary(r: LetterRecord, letter: Letter, text: string): Extraction {
  const s = caseSummary(letter, text);
  const list = (xs: readonly { text: string }[]) => xs.map((x) => x.text);
  const json = {
    caseNumber: r.caseNumber,
    priority: r.priority,
    dates: r.dates,
    reviewer: r.reviewer,
    patient: r.patient,
    diagnoses: list(s.diagnoses),
    treatments: list(s.treatments),
    medications: list(s.medications),
  };
  const rows: Row[] = [
    { field: 'Case Number', value: r.caseNumber },
    { field: 'Priority', value: r.priority },
    { field: 'Date of Injury', value: r.dates.injury },
    { field: 'UR Denial Date', value: r.dates.urDenial },
    { field: 'Application Received', value: r.dates.applicationReceived },
    { field: 'Date Assigned', value: r.dates.assigned },
    { field: 'Decision Date', value: r.dates.decision },
    { field: 'Reviewer licensure', value: r.reviewer.licensure.join('; ') },
    { field: 'Reviewer specialties', value: r.reviewer.specialties.join('; ') },
    { field: 'Patient age', value: r.patient.age },
    { field: 'Patient sex', value: r.patient.sex },
    { field: 'Diagnoses', value: json.diagnoses.join('; ') },
    { field: 'Treatments', value: json.treatments.join('; ') },
    { field: 'Medications', value: json.medications.join('; ') },
  ];
  return { title: `Case summary${ofCase(r)}`, subtitle: dated(r), columns: ['field', 'value'], rows, json };
}
