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
    title: `Decisions ${r.caseNumber ?? ''}`.trim(),
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
    title: `Item ${index + 1} ${r.caseNumber ?? ''}`.trim(),
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
  return { title: `Case summary ${r.caseNumber ?? ''}`.trim(), columns: ['field', 'value'], rows, json };
}
