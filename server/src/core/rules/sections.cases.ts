import { CREDENTIALS, header, HOW, ISSUES, item, letter, mark, RuleCase, SUMMARY } from './case-letter';

const HOW_BODY = 'MAXIMUS Federal Services sent the complete case file to an expert reviewer. He/she has no';

export const cases: RuleCase[] = [
  { name: 'a complete letter has no section finding', text: letter(item()) },
  {
    name: 'duplicate-section: a second CLINICAL CASE SUMMARY heading',
    text:
      header() + HOW + CREDENTIALS + SUMMARY +
      mark('CLINICAL CASE SUMMARY', 'CLINICAL CASE SUMMARY', 'duplicate-section', 'appears a second time') + 'More history.\n' +
      ISSUES + item(),
  },
  {
    name: 'section-order: the case summary before the credentials',
    text:
      header() + HOW + SUMMARY +
      mark('The Expert Reviewer has the following credentials:', 'The Expert Reviewer has the following credentials:', 'section-order', 'belongs before "CLINICAL CASE SUMMARY"') +
      CREDENTIALS.split('\n').slice(1).join('\n') + ISSUES + item(),
  },
  {
    name: 'missing-section: the HOW heading is missing; its body shows where it belongs',
    text:
      header() +
      mark(HOW_BODY, HOW_BODY, 'missing-section', '"HOW THE IMR FINAL DETERMINATION WAS MADE" heading is missing') +
      'affiliation with the employer, employee, providers or the claims administrator.\n' +
      CREDENTIALS + SUMMARY + ISSUES + item(),
  },
  {
    name: 'missing-section: without the case summary, the issues heading is where it belongs',
    text:
      header() + HOW + CREDENTIALS +
      mark('IMR ISSUES, DECISIONS AND RATIONALES', 'IMR ISSUES, DECISIONS AND RATIONALES', 'missing-section', '"CLINICAL CASE SUMMARY" heading is missing') +
      ISSUES.split('\n').slice(1).join('\n') + item(),
  },
];
