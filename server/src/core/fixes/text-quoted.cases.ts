import { item, letter } from './case-letter';
import type { FixCase } from './types';

/** Every line of `text` quoted as an e-mail reply quotes it (`mark` before each line, none on a blank one). */
export const quote = (text: string, mark: string) => text.split('\n').map((line) => (line ? mark + line : line)).join('\n');

export const cases: FixCase[] = [
  {
    name: 'a letter quoted in a reply ("> "): the marks go, the letter is read',
    before: quote(letter(item()), '> '),
    title: 'Remove the quote marks',
    preferred: true,
    after: letter(item()),
  },
  {
    name: 'a reply to a reply ("> > ", ">>"), marks indented: all of them go, the blanks after them stay',
    before: quote(letter(item()), '  > >').replace('  > >Case Number:', '>>   Case Number:'),
    title: 'Remove the quote marks',
    after: letter(item()).replace('Case Number:', '  Case Number:'),
  },
];
