/**
 * The documented extraction schema (README "Extraction schema"), built from the letter model. The
 * CLI, the editor commands and the tests all use this one function, so there is one schema.
 */
import { objectList } from './lists';
import { bundledVocabulary, classifyItems, formatQuantity, Quantity, Vocabulary } from './categories';
import { LineIndex } from './lines';
import type { Letter, Problem, Span } from './types';

export const SCHEMA_VERSION = 1;

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

export interface ItemRecord {
  index: number;
  request: string;
  decision: 'Upheld' | 'Overturned' | null;
  /** The decision as written, when it is not exactly a known decision or comes from a 2013 notice. */
  decisionText: string | null;
  partialAuthorization: { original: string; authorized: string | null; remainder: string } | null;
  claimsAdministratorGuideline: string | null;
  maximusGuideline: string | null;
  rationale: string | null;
  /** What the request asks for, from the request vocabulary (server/knowledge/vocabulary): category id. */
  category: string;
  /** For pharmaceuticals: the generic name(s), ingredients joined with `/`; else null. */
  drug: string | null;
  drugClass: string | null;
  /** Body parts the request names, joined with `; `; null when it names none. */
  bodyPart: string | null;
  /** The quantity requested (visits, sessions, tablets, `2x6`); null when it states none. */
  quantity: Quantity | null;
  range: Range;
}

export interface ProblemRecord {
  code: string;
  severity: string;
  message: string;
  range: Range;
}

export interface LetterRecord {
  schemaVersion: number;
  source: string;
  /** 1-based position of the letter in its file, present when the file holds several letters. */
  letterInFile?: number;
  format: string;
  layout: string;
  isLetter: boolean;
  caseNumber: string | null;
  priority: string | null;
  dates: {
    assigned: string | null;
    decision: string | null;
    injury: string | null;
    urDenial: string | null;
    applicationReceived: string | null;
  };
  reviewer: { licensure: string[]; specialties: string[] };
  patient: { age: number | null; sex: 'male' | 'female' | null };
  items: ItemRecord[];
  problems: ProblemRecord[];
}

export function toRange(index: LineIndex, span: Span): Range {
  return { start: index.positionAt(span.start), end: index.positionAt(span.end) };
}

/**
 * The record for one letter. `problems` defaults to the parser's own; callers that run the
 * diagnostics pass theirs.
 */
export function letterRecord(
  letter: Letter,
  text: string,
  source: string,
  problems: readonly Problem[] = letter.problems,
  index: LineIndex = new LineIndex(text),
  vocabulary: Vocabulary = bundledVocabulary(),
): LetterRecord {
  const d = letter.dates;
  const requests = objectList<string>();
  for (const it of letter.items) requests.push(it.request);
  const facts = classifyItems(requests, vocabulary);
  return {
    schemaVersion: SCHEMA_VERSION,
    source,
    format: letter.format,
    layout: letter.layout,
    isLetter: letter.isLetter,
    caseNumber: letter.caseNumber?.text ?? null,
    priority: letter.priority?.text ?? null,
    dates: {
      assigned: d.assigned?.iso ?? null,
      decision: d.decision?.iso ?? null,
      injury: d.injury?.iso ?? null,
      urDenial: d.urDenial?.iso ?? null,
      applicationReceived: d.applicationReceived?.iso ?? null,
    },
    reviewer: { licensure: [...letter.reviewer.licensure], specialties: [...letter.reviewer.specialties] },
    patient: { age: letter.patient.age, sex: letter.patient.sex },
    items: letter.items.map((it, i) => ({
      index: it.index,
      request: it.request,
      decision: it.decision,
      decisionText: it.decisionText && it.decisionText.text !== it.decision ? it.decisionText.text : null,
      partialAuthorization: it.partialAuthorization ? { ...it.partialAuthorization } : null,
      claimsAdministratorGuideline: it.claimsAdministrator?.text ?? null,
      maximusGuideline: it.maximus?.text ?? null,
      rationale: it.rationale?.text ?? null,
      category: facts[i].category,
      drug: facts[i].drug,
      drugClass: facts[i].drugClass,
      bodyPart: facts[i].bodyParts.length ? facts[i].bodyParts.join('; ') : null,
      quantity: facts[i].quantity,
      range: toRange(index, it.span),
    })),
    problems: problemRecords(problems, index),
  };
}

/** Problems as records hold them (and `imr check` prints them): code, severity, message, range. */
export function problemRecords(problems: readonly Problem[], index: LineIndex): ProblemRecord[] {
  return problems.map((p) => ({ code: p.code, severity: p.severity, message: p.message, range: toRange(index, p.span) }));
}

/** Column names of the CSV/spreadsheet form: one row per disputed item. */
export const ITEM_COLUMNS = [
  'source', 'letterInFile', 'caseNumber', 'decisionDate', 'assignedDate', 'injuryDate', 'urDenialDate', 'applicationReceivedDate',
  'priority', 'reviewerLicensure', 'reviewerSpecialties', 'patientAge', 'patientSex',
  'itemIndex', 'request', 'decision', 'decisionText', 'category', 'drug', 'drugClass', 'bodyPart', 'quantity', 'partialOriginal', 'partialAuthorized', 'partialRemainder',
  'claimsAdministratorGuideline', 'maximusGuideline', 'rationale', 'itemLine',
] as const;

export type ItemRow = Record<(typeof ITEM_COLUMNS)[number], string | number | null>;

/** One row per item; a letter with no items gives one row with empty item columns. */
export function itemRows(r: LetterRecord): ItemRow[] {
  const base = {
    source: r.source,
    letterInFile: r.letterInFile ?? null,
    caseNumber: r.caseNumber,
    decisionDate: r.dates.decision,
    assignedDate: r.dates.assigned,
    injuryDate: r.dates.injury,
    urDenialDate: r.dates.urDenial,
    applicationReceivedDate: r.dates.applicationReceived,
    priority: r.priority,
    reviewerLicensure: r.reviewer.licensure.join('; '),
    reviewerSpecialties: r.reviewer.specialties.join('; '),
    patientAge: r.patient.age,
    patientSex: r.patient.sex,
  };
  const empty = {
    itemIndex: null, request: null, decision: null, decisionText: null, category: null, drug: null, drugClass: null, bodyPart: null, quantity: null,
    partialOriginal: null, partialAuthorized: null,
    partialRemainder: null, claimsAdministratorGuideline: null, maximusGuideline: null, rationale: null, itemLine: null,
  };
  if (r.items.length === 0) return [{ ...base, ...empty }];
  return r.items.map((it) => ({
    ...base,
    itemIndex: it.index + 1,
    request: it.request,
    decision: it.decision,
    decisionText: it.decisionText,
    category: it.category,
    drug: it.drug,
    drugClass: it.drugClass,
    bodyPart: it.bodyPart,
    quantity: it.quantity ? formatQuantity(it.quantity) : null,
    partialOriginal: it.partialAuthorization?.original ?? null,
    partialAuthorized: it.partialAuthorization?.authorized ?? null,
    partialRemainder: it.partialAuthorization?.remainder ?? null,
    claimsAdministratorGuideline: it.claimsAdministratorGuideline,
    maximusGuideline: it.maximusGuideline,
    rationale: it.rationale,
    itemLine: it.range.start.line + 1,
  }));
}
