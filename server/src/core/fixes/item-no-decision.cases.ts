import { item, letter } from './case-letter';
import type { FixCase } from './types';

const OVERTURNED_RATIONALE = 'Decision rationale: The functional improvement is documented. Therefore, the request is medically necessary.';

export const cases: FixCase[] = [
  {
    name: 'a heading ending in a colon: the decision the rationale concludes is preferred',
    before: letter(item({ heading: 'Norco 10/325mg #60:' })),
    title: 'End the heading with ": Upheld" (the rationale concludes "not medically necessary")',
    preferred: true,
    after: letter(item({ heading: 'Norco 10/325mg #60: Upheld' })),
  },
  {
    name: 'a heading without a colon gets one; the other decision is offered too',
    before: letter(item({ heading: 'Norco 10/325mg #60', rationale: OVERTURNED_RATIONALE })),
    title: 'End the heading with ": Upheld"',
    preferred: false,
    after: letter(item({ heading: 'Norco 10/325mg #60: Upheld', rationale: OVERTURNED_RATIONALE })),
  },
  {
    name: 'a rationale concluding "is medically necessary" prefers Overturned; blanks after the colon are replaced',
    before: letter(item({ heading: 'Norco 10/325mg #60:  ', rationale: OVERTURNED_RATIONALE })),
    title: 'End the heading with ": Overturned" (the rationale concludes "is medically necessary")',
    preferred: true,
    after: letter(item({ heading: 'Norco 10/325mg #60: Overturned', rationale: OVERTURNED_RATIONALE })),
  },
  {
    name: 'without a rationale neither decision is preferred',
    before: letter(item({ heading: 'Norco 10/325mg #60:', rationale: 'Decision rationale: The records were reviewed.' })),
    title: 'End the heading with ": Overturned"',
    preferred: false,
    after: letter(item({ heading: 'Norco 10/325mg #60: Overturned', rationale: 'Decision rationale: The records were reviewed.' })),
  },
];
