import { item, letter, mark, RuleCase } from './case-letter';

const partial = (original: string, authorized: string, remainder: string) =>
  `${original} was the original request. ${authorized} was authorized by the Claims Administrator. ` +
  `The remaining IMR eligible portion of the original request, ${remainder} is`;

export const cases: RuleCase[] = [
  { name: 'the parts add up: #60 - #25 = #35', text: letter(item({ heading: partial('Norco 10/325mg #60', 'Norco 10/325mg #25', 'Norco 10/325mg #35') })) },
  {
    name: 'partial-authorization-arithmetic: #60 - #25 is not #30',
    text: letter(item({ heading: partial('Norco 10/325mg #60', 'Norco 10/325mg #25', 'Norco 10/325mg #30') })).replace(
      `${partial('Norco 10/325mg #60', 'Norco 10/325mg #25', 'Norco 10/325mg #30')}: Upheld\n`,
      mark(`${partial('Norco 10/325mg #60', 'Norco 10/325mg #25', 'Norco 10/325mg #30')}: Upheld`, 'Norco 10/325mg #30', 'partial-authorization-arithmetic', '#60 requested − #25 authorized = #35, but the remaining portion is #30'),
    ),
  },
  {
    name: 'partial-authorization-arithmetic: visits, twelve minus six is not four',
    text: letter(item({ heading: partial('Physical therapy 12 visits', 'Physical therapy 6 visits', 'Physical therapy 4 visits') })).replace(
      `${partial('Physical therapy 12 visits', 'Physical therapy 6 visits', 'Physical therapy 4 visits')}: Upheld\n`,
      mark(`${partial('Physical therapy 12 visits', 'Physical therapy 6 visits', 'Physical therapy 4 visits')}: Upheld`, 'Physical therapy 4 visits', 'partial-authorization-arithmetic'),
    ),
  },
  { name: 'another service authorized: nothing to compare', text: letter(item({ heading: partial('Physical therapy 12 visits', 'An evaluation', 'Physical therapy 12 visits') })) },
  {
    name: 'the original request again as the remainder, one copy with a word broken by a space: nothing split, nothing to compare',
    text: letter(
      item({
        heading:
          'Acute rehabilitation 7-10 days was the original request. The Claims Administrator authorized Skilled nursing facility for 7 days, ' +
          'leaving the original request IMR eligible. The original request, Acute rehabil itation 7-10 days is',
      }),
    ),
  },
];
