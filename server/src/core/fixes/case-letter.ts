/**
 * Small letters for the fix cases (`<fix>.cases.ts`): a 2016-2017 letter (F1b) whose parts can
 * be left out or replaced, clean when nothing is.
 */
export interface ItemParts {
  heading?: string;
  claimsAdministrator?: string | null;
  maximus?: string | null;
  rationale?: string | null;
}

export const ITEM = {
  heading: 'Norco 10/325mg #60: Upheld',
  claimsAdministrator: 'Claims Administrator guideline: Decision based on MTUS Chronic Pain Medical Treatment Guidelines.',
  maximus: 'MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Opioids, criteria for use.',
  rationale: 'Decision rationale: There is no documented functional improvement with the medication. Therefore, the request is not medically necessary.',
};

export function item(parts: ItemParts = {}): string {
  const p = { ...ITEM, ...parts };
  return [p.heading, p.claimsAdministrator, p.maximus, p.rationale].filter((l): l is string => typeof l === 'string').map((l) => `${l}\n`).join('');
}

export interface LetterParts {
  how?: string | null;
  credentials?: string | null;
  summary?: string | null;
  issues?: string | null;
  /** Replaces the issues section's lead-in line. */
  issuesLeadIn?: string | null;
  summaryLeadIn?: string | null;
  summaryBody?: string | null;
  eol?: string;
}

export function letter(items: string = item(), parts: LetterParts = {}): string {
  const h = (v: string | null | undefined, d: string) => (v === undefined ? d : v);
  const lines = [
    'Case Number:', 'Date Assigned:', 'Decision Date:', 'Priority:', '',
    'CM16-0200001', '11/01/2016', '12/01/2016', 'Standard', '',
    'Date of Injury:', 'UR Denial Date:', 'Application Received:', '',
    '01/05/2015', '10/01/2016', '10/20/2016', '',
    h(parts.how, 'HOW THE IMR FINAL DETERMINATION WAS MADE'),
    'MAXIMUS Federal Services sent the complete case file to an expert reviewer. He/she has no affiliation with the employer, employee, providers or the claims administrator.',
    h(parts.credentials, 'The Expert Reviewer has the following credentials:'),
    'State(s) of Licensure: California',
    'Certification(s)/Specialty: Internal Medicine',
    h(parts.summary, 'CLINICAL CASE SUMMARY'),
    h(parts.summaryLeadIn, 'The expert reviewer developed the following clinical case summary based on a review of the case file, including all medical records:'),
    h(parts.summaryBody, 'The injured worker is a 50 year old male who injured his back at work.'),
    h(parts.issues, 'IMR ISSUES, DECISIONS AND RATIONALES'),
    h(parts.issuesLeadIn, 'The Final Determination was based on decisions for the disputed items/services set forth below:'),
  ].filter((l): l is string => l !== null);
  const eol = parts.eol ?? '\n';
  return (lines.join('\n') + '\n' + items).replace(/\n/g, eol);
}
