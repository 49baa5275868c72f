import { item, letter, mark, RuleCase } from './case-letter';

const withHeading = (heading: string, annotation = ''): string => {
  const text = item();
  return text.replace('Norco 10/325mg #60: Upheld\n', `${heading}\n${annotation}`);
};

export const cases: RuleCase[] = [
  { name: 'an Upheld and an Overturned item', text: letter(item() + item({ heading: 'Physical therapy 2 times a week for 4 weeks', decision: 'Overturned', rationale: 'The guidelines support a short course of therapy. Therefore, the request is medically necessary.' })) },
  { name: 'a decision alone on the line after a wrapped heading is read', text: letter(withHeading('Norco 10/325mg #60:\nUpheld')) },
  {
    name: 'unknown-decision: a misspelt decision, with the closest one offered',
    text: letter(withHeading(mark('Norco 10/325mg #60: Uphled', 'Uphled', 'unknown-decision', 'Did you mean "Upheld"?').trimEnd())),
  },
  {
    name: 'unknown-decision: an outcome word from another review system',
    text: letter(withHeading(mark('Norco 10/325mg #60: Denied', 'Denied', 'unknown-decision', 'an IMR decision is "Upheld" or "Overturned"').trimEnd())),
  },
  {
    name: 'item-no-decision: the heading ends in a colon with no decision after it',
    text: letter(withHeading(mark('Norco 10/325mg #60:', ':', 'item-no-decision', 'End its heading with ": Upheld" or ": Overturned"').trimEnd())),
  },
  {
    name: 'item-no-decision: a heading with no colon and no decision, followed by its blocks',
    text: letter(withHeading(mark('Norco 10/325mg #60', 'Norco 10/325mg #60', 'item-no-decision').trimEnd())),
  },
];
