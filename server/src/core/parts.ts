/**
 * The parts a writer types into a letter, as the letter writes them: block labels, section
 * headings with the fixed line that opens their body, and the header labels. Completion offers
 * them and the quick fixes write them, so both write the same words.
 */
import type { BlockKind, HeaderKey, SectionKind } from './types';

export interface BlockPart {
  readonly kind: BlockKind;
  readonly label: string;
  readonly about: string;
  /** What a quick fix writes after the label for the writer to replace (states no outcome). */
  readonly placeholder: string;
}

/** The three blocks of a disputed item, in their order. */
export const BLOCK_PARTS: readonly BlockPart[] = [
  {
    kind: 'claimsAdministrator',
    label: 'Claims Administrator guideline:',
    about: 'The guidelines the claims administrator based its utilization review decision on.',
    placeholder: '[the guideline the claims administrator cited]',
  },
  {
    kind: 'maximus',
    label: 'MAXIMUS guideline:',
    about: 'The guidelines the expert reviewer based the IMR decision on.',
    placeholder: '[the guideline the expert reviewer relied on]',
  },
  {
    kind: 'rationale',
    label: 'Decision rationale:',
    about: "The expert reviewer's reasons, ending with whether the request is medically necessary.",
    placeholder: '[the reasons for the decision]',
  },
];

export interface SectionPart {
  readonly heading: string;
  /** The fixed line that opens the section's body, when the format has one. */
  readonly leadIn?: string;
  readonly about: string;
}

/** Headings of the 2013-2017 letters (F1a, F1b). */
export const SECTION_PARTS: Partial<Record<SectionKind, SectionPart>> = {
  how: { heading: 'HOW THE IMR FINAL DETERMINATION WAS MADE', about: 'Who reviewed the case and how the reviewer was chosen.' },
  credentials: {
    heading: 'The Expert Reviewer has the following credentials:',
    leadIn: 'State(s) of Licensure: ',
    about: "The reviewer's licensure and specialties (followed by \"State(s) of Licensure:\" and \"Certification(s)/Specialty:\").",
  },
  summary: {
    heading: 'CLINICAL CASE SUMMARY',
    leadIn: 'The expert reviewer developed the following clinical case summary based on a review of the case file, including all medical records:',
    about: 'The case as the reviewer read it in the records.',
  },
  issues: {
    heading: 'IMR ISSUES, DECISIONS AND RATIONALES',
    leadIn: 'The Final Determination was based on decisions for the disputed items/services set forth below:',
    about: 'One entry per disputed item: its heading with the decision, then its three blocks.',
  },
};

/** Headings of the 2013 notice (F0) that it requires besides its masthead. */
export const NOTICE_SECTION_PARTS: Partial<Record<SectionKind, SectionPart>> = {
  rationale: { heading: 'INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE', about: 'The decision and its reasons.' },
  qualifications: { heading: 'Medical Qualifications of the Expert Reviewer:', about: "The reviewer's board certification and licence." },
  summary: { heading: 'Case Summary:', about: 'The case as the reviewer read it in the records.' },
};

/** The header table's labels (F1b), in the order the letters print them. */
export const HEADER_PARTS: readonly { key: HeaderKey; label: string }[] = [
  { key: 'caseNumber', label: 'Case Number:' },
  { key: 'dateAssigned', label: 'Date Assigned:' },
  { key: 'decisionDate', label: 'Decision Date:' },
  { key: 'priority', label: 'Priority:' },
  { key: 'dateOfInjury', label: 'Date of Injury:' },
  { key: 'urDenialDate', label: 'UR Denial Date:' },
  { key: 'applicationReceived', label: 'Application Received:' },
];
