import { letter } from './case-letter';
import type { FixCase } from './types';

export const cases: FixCase[] = [
  {
    name: 'CLINICAL CASE SUMMARY: written above its fixed opening line',
    before: letter(undefined, { summary: null }),
    title: 'Add the heading "CLINICAL CASE SUMMARY" above "The expert reviewer developed the follo…"',
    preferred: true,
    after: letter(),
  },
  {
    name: 'IMR ISSUES, DECISIONS AND RATIONALES: written above its fixed opening line',
    before: letter(undefined, { issues: null }),
    title: 'Add the heading "IMR ISSUES, DECISIONS AND RATIONALES"',
    after: letter(),
  },
  {
    name: 'the credentials heading: written above "State(s) of Licensure:"',
    before: letter(undefined, { credentials: null }),
    title: 'Add the heading "The Expert Reviewer has the following credentials:" above "State(s) of Licensure: California"',
    after: letter(),
  },
  {
    name: 'HOW THE IMR FINAL DETERMINATION WAS MADE: written above "MAXIMUS Federal Services sent the complete case file"',
    before: letter(undefined, { how: null }),
    title: 'Add the heading "HOW THE IMR FINAL DETERMINATION WAS MADE"',
    after: letter(),
  },
  {
    name: 'a whole summary missing: its heading and opening line, before the next section',
    before: letter(undefined, { summary: null, summaryLeadIn: null, summaryBody: null }),
    title: 'Add the heading "CLINICAL CASE SUMMARY" above "IMR ISSUES, DECISIONS AND RATIONALES"',
    after: letter(undefined, { summaryBody: null }),
  },
];
