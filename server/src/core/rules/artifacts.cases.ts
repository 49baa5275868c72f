import { item, letter, mark, RuleCase } from './case-letter';

const rationale = (r: string) => `Decision rationale: ${r}`;

export const cases: RuleCase[] = [
  {
    name: 'mojibake: "Â§" for "§" (with one fix each and a fix for all)',
    text: letter(
      item({ rationale: 'Per 8 C.C.R. Â§Â§9792.20, the request is not medically necessary.' }).replace(
        `${rationale('Per 8 C.C.R. Â§Â§9792.20, the request is not medically necessary.')}\n`,
        `${rationale('Per 8 C.C.R. Â§Â§9792.20, the request is not medically necessary.')}\n` +
          `${' '.repeat('Decision rationale: Per 8 C.C.R. '.length)}^^ mojibake: "Â§" is mojibake for "§"\n` +
          `${' '.repeat('Decision rationale: Per 8 C.C.R. Â§'.length)}^^ mojibake\n`,
      ),
    ),
  },
  {
    name: 'question-mark-apostrophe: "applicant?s"',
    text: letter(
      item({ rationale: 'The applicant?s pain persists. The request is not medically necessary.' }).replace(
        `${rationale('The applicant?s pain persists. The request is not medically necessary.')}\n`,
        mark(rationale('The applicant?s pain persists. The request is not medically necessary.'), '?', 'question-mark-apostrophe', '"?" in "applicant?s" stands for an apostrophe'),
      ),
    ),
  },
  { name: 'a question mark in a web address is left alone', text: letter(item({ rationale: 'See www.example.com/index.php?s=1 for details. The request is not medically necessary.' })) },
  { name: 'a real question is left alone', text: letter(item({ rationale: 'Is further therapy needed? The request is not medically necessary.' })) },
  {
    name: 'truncated-letter: the text stops mid-word',
    text: letter(
      item({ rationale: 'The request is not medically necessary. Given the great s' }).replace(
        `${rationale('The request is not medically necessary. Given the great s')}\n`,
        mark(rationale('The request is not medically necessary. Given the great s'), 's', 'truncated-letter', 'the text looks cut off', true),
      ),
    ),
  },
  { name: 'a last sentence that states the outcome without its period is complete', text: letter(item({ rationale: 'Therefore, the request is not medically necessary' })) },
];
