import { HeaderSpec, item, letter, RuleCase } from './case-letter';

/** A letter with header values `h`, each value in `marks` annotated with a code. */
function withDates(h: HeaderSpec, marks: Record<string, string>): string {
  let text = letter(item(), h);
  for (const [value, annotation] of Object.entries(marks)) text = text.replace(`\n${value}\n`, `\n${value}\n${'^'.repeat(value.length)} ${annotation}\n`);
  return text;
}

export const cases: RuleCase[] = [
  { name: 'dates in their order, decided 30 days after assignment', text: letter(item()) },
  { name: 'decided 45 days after assignment: still inside the window', text: letter(item(), { decision: '02/02/2017' }) },
  { name: 'invalid-date: February 30', text: withDates({ urDenial: '02/30/2016' }, { '02/30/2016': 'invalid-date: UR Denial Date "02/30/2016" is not a real date' }) },
  { name: 'invalid-date: month 13', text: withDates({ urDenial: '13/06/2016' }, { '13/06/2016': 'invalid-date' }) },
  {
    name: 'date-order: two swapped neighbours are both reported',
    text: withDates({ urDenial: '12/14/2016', received: '12/06/2016' }, {
      '12/14/2016': 'date-order: UR Denial Date 12/14/2016 is after Application Received 12/06/2016',
      '12/06/2016': 'date-order: Application Received 12/06/2016 is before UR Denial Date 12/14/2016',
    }),
  },
  { name: 'date-order: one date out of place among the others', text: withDates({ injury: '01/02/2017' }, { '01/02/2017': 'date-order: Date of Injury 01/02/2017 is after UR Denial Date' }) },
  {
    name: 'decision-outside-review-window: decided 46 days after assignment',
    text: withDates({ decision: '02/03/2017' }, { '02/03/2017': 'decision-outside-review-window: 46 days after the case was assigned' }),
  },
];
