import { item, letter, mark, RuleCase } from './case-letter';

const HEADING = 'Norco 10/325mg #60: Upheld';
const MAXIMUS = 'MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Opioids.';
const RATIONALE = 'Decision rationale: There is no documented functional improvement. Therefore, the request is not medically necessary.';

export const cases: RuleCase[] = [
  { name: 'two complete items', text: letter(item() + item({ heading: 'Tramadol 50mg #90' })) },
  {
    name: 'missing-block: no MAXIMUS guideline block, reported on the heading',
    text: letter(item().replace(`${HEADING}\n`, mark(HEADING, HEADING, 'missing-block', 'has no "MAXIMUS guideline:" block')).replace(`${MAXIMUS}\n`, '')),
  },
  {
    name: 'missing-block: a misspelt label, with a fix to the right one',
    text: letter(item().replace(`${MAXIMUS}\n`, mark(MAXIMUS.replace('guideline', 'guidline'), 'MAXIMUS guidline:', 'missing-block', 'looks like a misspelt "MAXIMUS guideline:" label'))),
  },
  {
    name: 'block-count-mismatch: a second Decision rationale in one item',
    text: letter(item() + mark(RATIONALE, 'Decision rationale:', 'block-count-mismatch', 'has a second "Decision rationale:" block')),
  },
  {
    name: 'block-count-mismatch: a lost item heading leaves the next blocks under the item before',
    text: letter(
      item() +
        item()
          .replace(`${HEADING}\n`, '')
          .replace('Claims Administrator guideline:', '{CA}')
          .replace('{CA}', 'Claims Administrator guideline:')
          .split('\n')
          .map((l) => (l ? mark(l, l.slice(0, l.indexOf(':') + 1), 'block-count-mismatch', 'has a second').trimEnd() : l))
          .join('\n'),
    ),
  },
];
