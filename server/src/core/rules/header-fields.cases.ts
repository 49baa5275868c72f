import { CREDENTIALS, HOW, ISSUES, item, letter, mark, RuleCase, SUMMARY } from './case-letter';

const BODY = HOW + CREDENTIALS + SUMMARY + ISSUES + item();

export const cases: RuleCase[] = [
  { name: 'all seven fields with their values: nothing to report', text: letter(item()) },
  {
    name: 'missing-header-field: Priority has no value',
    text:
      'Case Number:\nDate Assigned:\nDecision Date:\n' + mark('Priority:', 'Priority:', 'missing-header-field', '"Priority" has no value') +
      '\nCM16-0240259\n12/19/2016\n01/18/2017\n\n' +
      'Date of Injury:\nUR Denial Date:\nApplication\nReceived:\n\n10/11/2016\n12/06/2016\n12/14/2016\n\n' + BODY,
  },
  {
    name: 'missing-header-field: no Date of Injury label, reported on the table',
    text:
      mark('Case Number:', 'Case Number:', 'missing-header-field', 'no "Date of Injury:" field') +
      'Date Assigned:\nDecision Date:\nPriority:\n\nCM16-0240259\n12/19/2016\n01/18/2017\nStandard\n\n' +
      'UR Denial Date:\nApplication\nReceived:\n\n12/06/2016\n12/14/2016\n\n' + BODY,
  },
];
