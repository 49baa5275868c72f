import { quote } from '../fixes/text-quoted.cases';
import { CREDENTIALS, header, HOW, ISSUES, item, mark, RuleCase } from './case-letter';

const OPENING = 'The injured worker is a 5 4 year old fe male who reported an injury to the low back.';

export const cases: RuleCase[] = [
  { name: 'not-a-letter: words with no letter structure', text: 'just some words\n^^^^^^^^^^^^^^^ not-a-letter: No IMR letter structure was recognised\nand more words\n' },
  { name: 'not-text: binary data', text: 'PDF\u0000\u0001\u0002binary\n^ not-text: binary data\n' },
  {
    name: 'line-initials-missing: lines without their first letter, the letters alone elsewhere; nothing is read',
    text: 'ase Number:\n^ line-initials-missing: Lines of this text have lost their first letter\nCM16-0240259\n\n  C\n\n' + HOW + CREDENTIALS + ISSUES + 'Norco 10/325mg #60: Upheld\n',
  },
  {
    name: 'text-quoted: a letter quoted in an e-mail reply, every line after "> "; nothing is read (its quick fix removes the marks)',
    text: ('> Case Number:\n^ text-quoted: The lines of this text start with ">"\n' + quote(HOW + CREDENTIALS + ISSUES + 'Norco 10/325mg #60: Upheld\n', '> ')),
  },
  {
    name: 'header-value-without-label, header-value-uncertain: a value the header table has no label for; the text field it could belong to is left empty',
    text:
      'Case Number:\nDate Assigned:\nDecision Date:\nPriority:\n' +
      '^^^^^^^^^ header-value-uncertain: Priority is left empty\n' +
      '^^^^^^^^^ missing-header-field: "Priority" has no value\n' +
      '\nCM16-0240259\n12/19/2016\n01/18/2017\nStandard\nExtra value\n^^^^^^^^^^^ header-value-without-label\n\n' +
      'Date of Injury:\nUR Denial Date:\nApplication\nReceived:\n\n10/11/2016\n12/06/2016\n12/14/2016\n\n' +
      'HOW THE IMR FINAL DETERMINATION WAS MADE\nMAXIMUS Federal Services sent the complete case file to an expert reviewer.\n' +
      'The Expert Reviewer has the following credentials:\nState(s) of Licensure: California\nCertification(s)/Specialty: Orthopaedic Surgery\n' +
      'CLINICAL CASE SUMMARY\nThe injured worker is a 45 year old male.\n' +
      'IMR ISSUES, DECISIONS AND RATIONALES\nThe Final Determination was based on decisions for the disputed items/services set forth below:\n\n' +
      'Norco 10/325mg #60: Upheld\nClaims Administrator guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Opioids.\n' +
      'MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Opioids.\n' +
      'Decision rationale: The request is not medically necessary.\n',
  },
  {
    name: 'patient-uncertain: the age\'s digits broken by a space ("5 4 year old"); the sex word broken by a space ("fe male") is read whole, with no warning',
    text:
      header() +
      HOW +
      CREDENTIALS +
      'CLINICAL CASE SUMMARY\n' +
      mark(OPENING, '5 4', 'patient-uncertain', 'age is left empty') +
      ISSUES +
      item(),
  },
];
