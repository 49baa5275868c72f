import { item, letter, mark, RuleCase } from './case-letter';

const MOJIBAKE = 'Per 8 C.C.R. Â§9792.20, the request is not medically necessary.';

export const cases: RuleCase[] = [
  { name: 'imr-disable silences the codes it names', text: 'imr-disable: mojibake\n' + letter(item({ rationale: MOJIBAKE })) },
  { name: 'imr-disable alone silences every rule', text: '<!-- imr-disable -->\n' + letter(item({ decision: 'Uphled', rationale: MOJIBAKE })) },
  {
    name: 'unknown-directive-code: a misspelt code, with the one meant',
    text: mark('# imr-disable: mojibak', 'mojibak', 'unknown-directive-code', 'did you mean "mojibake"?') + letter(item()),
  },
  {
    name: 'unknown-directive-code: a code like no other',
    text: letter(item()) + mark('// imr-disable: no-such-check-at-all', 'no-such-check-at-all', 'unknown-directive-code', 'is not a diagnostic code.'),
  },
];
