/**
 * The fixed vocabulary of IMR letters: section headings, header labels, block labels and decision
 * words. Data, kept in one place, so the parser, the grammar tests and the diagnostics agree.
 *
 * Every matcher here runs on one line's visible content, which callers cap in length, so none of
 * these expressions can backtrack over more than a short, bounded string.
 */
import type { BlockKind, Decision, HeaderKey, LetterFormat, SectionKind } from './types';

export interface HeadingDef {
  readonly kind: SectionKind;
  /** First word, upper case: lines are only tested against headings their first word can start. */
  readonly first: string;
  /** Matches the whole line content after blanks are collapsed. */
  readonly re: RegExp;
  /** Formats this heading belongs to. */
  readonly formats: readonly LetterFormat[];
  /** May appear glued to the end of a line of other text (seen in the 2013 notice). */
  readonly trailing?: RegExp;
  /** The literal a line must end with (before an optional colon) for `trailing` to be tried. */
  readonly suffix?: string;
}

export const HEADINGS: readonly HeadingDef[] = [
  { kind: 'how', first: 'HOW', re: /^HOW THE IMR FINAL DETERMINATION WAS MADE$/i, formats: ['F1a', 'F1b', 'F2'] },
  { kind: 'credentials', first: 'THE', re: /^The (?:Expert|Physician) Reviewer has the following credentials:?$/i, formats: ['F1a', 'F1b'] },
  { kind: 'summary', first: 'CLINICAL', re: /^CLINICAL CASE SUMMARY:?$/i, formats: ['F1a', 'F1b', 'F2'] },
  { kind: 'issues', first: 'IMR', re: /^IMR ISSUES,? DECISIONS,? AND RATIONALES:?$/i, formats: ['F1a', 'F1b'] },
  { kind: 'issues', first: 'IMR', re: /^IMR DECISION\(S\) AND RATIONALE\(S\):?$/i, formats: ['F2'] },
  { kind: 'documents', first: 'DOCUMENTS', re: /^DOCUMENTS REVIEWED(?: FOR DETERMINATION)?:?$/i, formats: ['F2', 'F3'] },
  {
    kind: 'rationale',
    first: 'INDEPENDENT',
    re: /^INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE:?$/i,
    suffix: 'RATIONALE',
    trailing: /INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE:?$/,
    formats: ['F0'],
  },
  { kind: 'qualifications', first: 'MEDICAL', re: /^Medical Qualifications of the Expert Reviewer:?$/i, formats: ['F0'] },
  { kind: 'summary', first: 'CASE', re: /^Case Summary:/, formats: ['F0'] },
  { kind: 'issues', first: 'ISSUE', re: /^ISSUE AT DISPUTE:?$/, formats: ['F3'] },
  { kind: 'summary', first: 'CASE', re: /^CASE SUMMARY:?$/, formats: ['F3'] },
  { kind: 'guidelines', first: 'MEDICAL', re: /^MEDICAL TREATMENT GUIDELINE\(S\) RELIED UPON/i, formats: ['F3'] },
  { kind: 'rationale', first: 'RATIONALE', re: /^RATIONALE FOR WHY THE REQUESTED TREATMENT/i, formats: ['F3'] },
  { kind: 'qualifications', first: 'MEDICAL', re: /^MEDICAL REVIEWER QUALIFICATIONS:?$/i, formats: ['F3'] },
];

/** Titles shown in the outline for each section kind. */
export const SECTION_TITLES: Readonly<Record<SectionKind, string>> = {
  header: 'Header',
  notice: 'Notice of determination',
  how: 'How the IMR final determination was made',
  credentials: 'Expert reviewer credentials',
  qualifications: 'Reviewer qualifications',
  documents: 'Documents reviewed',
  summary: 'Clinical case summary',
  issues: 'IMR issues, decisions and rationales',
  guidelines: 'Guidelines relied upon',
  rationale: 'Decision and rationale',
};

/** The F1 sections every complete letter has, in order. */
export const REQUIRED_SECTIONS_F1: readonly SectionKind[] = ['how', 'summary', 'issues'];

export interface HeaderLabelDef {
  readonly key: HeaderKey;
  /** Source fragment of the label (global search inside a header line). */
  readonly source: string;
  readonly type: 'case' | 'date' | 'text';
  /** Where it stands on the form: column (0 left, 1 right) and row, top to bottom. */
  readonly column: number;
  readonly row: number;
}

export const HEADER_LABELS: readonly HeaderLabelDef[] = [
  { key: 'caseNumber', source: 'Case\\s+Number\\s*:', type: 'case', column: 0, row: 0 },
  { key: 'dateAssigned', source: 'Date\\s+Assigned\\s*:', type: 'date', column: 0, row: 1 },
  { key: 'decisionDate', source: 'Decision\\s+Date\\s*:', type: 'date', column: 0, row: 2 },
  { key: 'priority', source: 'Priority\\s*:', type: 'text', column: 0, row: 3 },
  { key: 'dateOfInjury', source: 'Date\\s+of\\s+Injury\\s*:', type: 'date', column: 1, row: 0 },
  { key: 'urDenialDate', source: 'UR\\s+Denial\\s+Date\\s*:', type: 'date', column: 1, row: 1 },
  // Printed on two lines ("Application" / "Received:"); either part may stand alone.
  { key: 'applicationReceived', source: 'Application(?:\\s+Received\\s*:)?', type: 'date', column: 1, row: 2 },
];

/** How each header field is named (its label without the colon). */
export const HEADER_NAMES: Readonly<Record<HeaderKey, string>> = {
  caseNumber: 'Case Number',
  dateAssigned: 'Date Assigned',
  decisionDate: 'Decision Date',
  priority: 'Priority',
  dateOfInjury: 'Date of Injury',
  urDenialDate: 'UR Denial Date',
  applicationReceived: 'Application Received',
};

/** One expression finding any header label in a line; group n+1 is HEADER_LABELS[n]. */
export const HEADER_LABEL_RE = new RegExp(
  HEADER_LABELS.map((l) => `(${l.source})`).join('|') + '|(\\bReceived\\s*:)',
  'g',
);

export const BLOCK_LABELS: readonly { kind: BlockKind; first: string; re: RegExp }[] = [
  { kind: 'claimsAdministrator', first: 'CLAIMS', re: /^Claims\s+Administrator\s+guideline\s*:/i },
  { kind: 'maximus', first: 'MAXIMUS', re: /^MAXIMUS\s+guideline\s*:/i },
  { kind: 'rationale', first: 'DECISION', re: /^Decision\s+rationale\s*:/i },
];

/** Each block's name as letters write its label (without the colon). */
export const BLOCK_NAMES: Readonly<Record<BlockKind, string>> = {
  claimsAdministrator: 'Claims Administrator guideline',
  maximus: 'MAXIMUS guideline',
  rationale: 'Decision rationale',
};

/** The blocks of an item, in the order a letter gives them. */
export const BLOCK_ORDER: readonly BlockKind[] = ['claimsAdministrator', 'maximus', 'rationale'];

export const DECISIONS: readonly Decision[] = ['Upheld', 'Overturned'];
const DECISIONS_LOWER: readonly string[] = DECISIONS.map((d) => d.toLowerCase());

/** First word of the issues lead-in line. */
export const ISSUES_LEAD_IN_FIRST = 'THE';

/** The fixed line that opens the issues section. */
export const ISSUES_LEAD_IN = /^The Final Determination was based on decisions for the disputed/i;

/** The fixed line that opens the clinical case summary. */
export const SUMMARY_LEAD_IN = /^The expert reviewer developed the following clinical case summary/i;

export function decisionOf(word: string): Decision | null {
  // Lower case keeps a word's length but where it adds a combining mark (never in a decision
  // word): a word of another length is none.
  let w: string | null = null;
  for (let k = 0; k < DECISIONS.length; k++) {
    if (word.length !== DECISIONS_LOWER[k].length) continue;
    w ??= word.toLowerCase();
    if (w === DECISIONS_LOWER[k]) return DECISIONS[k];
  }
  return null;
}

/** Levenshtein distance, bounded: returns `max + 1` as soon as the distance must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** The known decision closest to a misspelt word (distance at most 2), if any. */
export function closestDecision(word: string): Decision | null {
  const w = word.toLowerCase();
  let best: Decision | null = null;
  let bestD = 3;
  for (let k = 0; k < DECISIONS.length; k++) {
    const d = DECISIONS[k];
    const dist = editDistance(w, DECISIONS_LOWER[k], 2);
    if (dist < bestD) {
      bestD = dist;
      best = d;
    }
  }
  return best;
}
