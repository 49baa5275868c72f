import { item, letter, mark, RuleCase } from './case-letter';

const MAXIMUS = 'MAXIMUS guideline: ';

/** An item citing `maximus`, asking for `heading`; `note` annotates a line of it. */
function cites(maximus: string, heading = 'Norco 10/325mg #60', note?: { line: 'heading' | 'maximus'; needle: string; code: string; words?: string }): string {
  let text = letter(item({ heading, maximus }));
  if (note) {
    const line = note.line === 'heading' ? `${heading}: Upheld` : `${MAXIMUS}${maximus}`;
    text = text.replace(`${line}\n`, mark(line, note.needle, note.code, note.words));
  }
  return text;
}

const MANUAL = 'Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Manual therapy & manipulation.';

export const cases: RuleCase[] = [
  { name: 'a cited section whose topic the letter names rightly', text: cites('Decision based on MTUS Opioid Treatment 2016, Section(s): 3.3.6 Opioids for Chronic Pain and Chronic Opioid Treatment: Use of Urine Drug Testing (UDT).') },
  {
    name: 'a section number a tool broke by a space after a dot ("3. 3.6"): the section cited, its topic named rightly',
    text: cites('Decision based on MTUS Opioid Treatment 2016, Section(s): 3. 3.6 Opioids for Chronic Pain and Chronic Opioid Treatment: Use of Urine Drug Testing (UDT).'),
  },
  {
    name: 'citation-topic-mismatch: a page cited for another topic than the knowledge base files it under',
    text: cites('Decision based on MTUS Chronic Pain Treatment Guidelines Physical Therapy Page(s): 23.', 'Physical therapy 2 times a week for 4 weeks', {
      line: 'maximus', needle: '23', code: 'citation-topic-mismatch', words: 'The letter cites page 23 of',
    }),
  },
  {
    name: "citation-topic-mismatch: a numbered section with another section's title",
    text: cites('Decision based on MTUS Opioid Treatment 2016, Section(s): 3.3.6 Opioids for Chronic Pain and Chronic Opioid Treatment: Maintenance of Chronic Opioid Treatment.', 'Norco 10/325mg #60', {
      line: 'maximus', needle: '3.3.6 Opioids for Chronic Pain and Chronic Opioid Treatment: Maintenance of Chronic Opioid Treatment', code: 'citation-topic-mismatch', words: 'Section 3.3.6 of',
    }),
  },
  {
    name: 'quantity-above-guideline-limit: 24 manipulations where the section states 18 visits',
    text: cites(MANUAL, 'Chiropractic manipulation times 24', { line: 'heading', needle: 'times 24', code: 'quantity-above-guideline-limit', words: 'asks for 24 visits' }),
  },
  { name: 'a request within the limit', text: cites(MANUAL, 'Chiropractic manipulation times 12') },
  { name: 'without a knowledge base the knowledge rules do not run', text: cites(MANUAL, 'Chiropractic manipulation times 24'), options: { knowledge: null } },
];
