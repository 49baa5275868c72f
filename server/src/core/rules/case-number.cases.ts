import { HeaderSpec, item, letter, RuleCase } from './case-letter';

function withCaseNumber(h: HeaderSpec, annotation: string, width?: number): string {
  const cn = h.caseNumber!;
  return letter(item(), h).replace(`\n${cn}\n`, `\n${cn}\n${'^'.repeat(width ?? cn.length)} ${annotation}\n`);
}

export const cases: RuleCase[] = [
  { name: 'the usual shape, numbered in the year received', text: letter(item()) },
  { name: 'received in late December and numbered for the next year', text: letter(item(), { caseNumber: 'CM17-0000846', received: '12/14/2016' }) },
  { name: 'case-number-shape: a digit short', text: withCaseNumber({ caseNumber: 'CM16-024025' }, 'case-number-shape: does not have the IMR shape CMyy-nnnnnnn') },
  { name: 'case-number-shape: lower case without the dash (repairable)', text: withCaseNumber({ caseNumber: 'cm160240259' }, 'case-number-shape') },
  { name: 'case-number-year: numbered a year before the application', text: withCaseNumber({ caseNumber: 'CM15-0240259' }, 'case-number-year: Case number prefix CM15', 4) },
];
