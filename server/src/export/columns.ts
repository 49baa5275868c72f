/**
 * Column headers for people. CSV, TSV and Markdown tables head their columns with these plain
 * English titles; JSON keeps the extraction schema's names (the keys here), so programs are not
 * affected. One table for every extraction, so a column reads the same everywhere.
 */

/** Columns of the one-letter extractions (decisions, item, case summary, citations). */
export const COLUMN_TITLES: Readonly<Record<string, string>> = {
  caseNumber: 'Case number',
  decisionDate: 'Decision date',
  item: 'Item',
  request: 'Request',
  decision: 'Decision',
  partialOriginal: 'Original request',
  partialAuthorized: 'Authorized before IMR',
  partialRemainder: 'Decided by IMR',
  maximusGuideline: 'Guideline the reviewer relied on',
  claimsAdministratorGuideline: 'Guideline the claims administrator relied on',
  citations: 'Guidelines cited',
  rationale: 'Reasons for the decision',
  field: 'Field',
  value: 'Value',
  block: 'Where in the item',
  kind: 'Kind of citation',
  guideline: 'Guideline',
  edition: 'Edition',
  citedAs: 'Cited as',
  locator: 'Page or section',
  topicInLetter: 'Topic named in the letter',
  knowledgeBaseTopic: 'What the page or section covers',
  confidence: 'How sure',
  source: 'Source of that',
};

/** Columns of the bulk extraction (`imr extract --format csv|md`, Extract All Letters): core ITEM_COLUMNS. */
export const ITEM_COLUMN_TITLES: Readonly<Record<string, string>> = {
  source: 'File',
  letterInFile: 'Letter in the file',
  caseNumber: 'Case number',
  decisionDate: 'Decision date',
  assignedDate: 'Date assigned',
  injuryDate: 'Date of injury',
  urDenialDate: 'UR denial date',
  applicationReceivedDate: 'Application received',
  priority: 'Priority',
  reviewerLicensure: 'Reviewer licensed in',
  reviewerSpecialties: 'Reviewer specialties',
  patientAge: 'Patient age',
  patientSex: 'Patient sex',
  itemIndex: 'Item',
  request: 'Request',
  decision: 'Decision',
  decisionText: 'Decision as written',
  category: 'Request category',
  drug: 'Drug',
  drugClass: 'Drug class',
  bodyPart: 'Body part',
  quantity: 'Quantity',
  partialOriginal: 'Original request',
  partialAuthorized: 'Authorized before IMR',
  partialRemainder: 'Decided by IMR',
  claimsAdministratorGuideline: 'Guideline the claims administrator relied on',
  maximusGuideline: 'Guideline the reviewer relied on',
  rationale: 'Reasons for the decision',
  itemLine: 'Line in the file',
};

/** The header of each column: its title, or its name when it has none. */
export function titlesOf(columns: readonly string[], titles: Readonly<Record<string, string>>): string[] {
  return columns.map((c) => titles[c] ?? c);
}
