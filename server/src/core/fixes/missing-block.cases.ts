import { item, ITEM, letter } from './case-letter';
import type { FixCase } from './types';

const MAXIMUS = 'MAXIMUS guideline: [the guideline the expert reviewer relied on]';
const CA = 'Claims Administrator guideline: [the guideline the claims administrator cited]';
const RATIONALE = 'Decision rationale: [the reasons for the decision]';
const SECOND = { heading: 'Tramadol 50mg #90: Upheld' };

export const cases: FixCase[] = [
  {
    name: 'no MAXIMUS guideline: written between the Claims Administrator block and the rationale',
    before: letter(item({ maximus: null })),
    title: 'Add the "MAXIMUS guideline:" block',
    preferred: true,
    after: letter(item({ maximus: MAXIMUS })),
  },
  {
    name: 'no Claims Administrator guideline: written right under the heading',
    before: letter(item({ claimsAdministrator: null })),
    title: 'Add the "Claims Administrator guideline:" block',
    after: letter(item({ claimsAdministrator: CA })),
  },
  {
    name: 'no rationale in the first of two items: written before the next item heading',
    before: letter(item({ rationale: null }) + item(SECOND)),
    title: 'Add the "Decision rationale:" block',
    after: letter(item({ rationale: RATIONALE }) + item(SECOND)),
  },
  {
    name: 'no rationale in the last item, at the end of the letter',
    before: letter(item() + item({ ...SECOND, rationale: null })),
    title: 'Add the "Decision rationale:" block',
    after: letter(item() + item({ ...SECOND, rationale: RATIONALE })),
  },
  {
    name: 'a heading alone: the Claims Administrator block first',
    before: letter(item({ claimsAdministrator: null, maximus: null, rationale: null }) + item(SECOND)),
    title: 'Add the "Claims Administrator guideline:" block',
    after: letter(item({ claimsAdministrator: CA, maximus: null, rationale: null }) + item(SECOND)),
  },
  {
    name: 'Windows line endings are kept',
    before: letter(item({ maximus: null }), { eol: '\r\n' }),
    title: 'Add the "MAXIMUS guideline:" block',
    after: letter(item({ maximus: MAXIMUS }), { eol: '\r\n' }),
  },
  {
    name: 'a misspelt label: the rule corrects it instead of adding a second one',
    before: letter(item({ maximus: ITEM.maximus.replace('MAXIMUS guideline:', 'MAXIMUS guidline:') })),
    title: 'Change to "MAXIMUS guideline:"',
    preferred: true,
    after: letter(),
  },
];
