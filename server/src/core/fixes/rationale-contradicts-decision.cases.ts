import { item, letter } from './case-letter';
import type { FixCase } from './types';

export const cases: FixCase[] = [
  {
    name: 'Overturned with "not medically necessary": the heading and the conclusion side by side, nothing written',
    before: letter(item({ heading: 'Norco 10/325mg #60: Overturned' })),
    title: "Show the decision and the rationale's conclusion side by side",
    show: ['Norco 10/325mg #60: Overturned', 'not medically necessary'],
  },
  {
    name: 'Upheld with "is medically necessary", in the second item',
    before: letter(item() + item({ heading: 'Tramadol 50mg #90: Upheld', rationale: 'Decision rationale: Pain relief is documented. The request is medically necessary.' })),
    title: "Show the decision and the rationale's conclusion side by side",
    show: ['Tramadol 50mg #90: Upheld', 'is medically necessary'],
  },
];
