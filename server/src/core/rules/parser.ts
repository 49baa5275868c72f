/**
 * Problems the parser reports itself, as it reads the text: they have no check here, only their
 * place in the rule table (severity setting, README, directives).
 */
import type { Rule } from '../diagnostics/context';

const parserRule = (code: string, defaultSeverity: Rule['defaultSeverity'], description: string): Rule => ({
  code,
  defaultSeverity,
  description,
  cost: 'essential',
  source: 'parser',
});

export const notALetter = parserRule('not-a-letter', 'warning', 'No IMR letter structure was recognised in the file.');
export const notText = parserRule('not-text', 'error', 'The file holds binary data, not letter text.');
export const headerValueWithoutLabel = parserRule('header-value-without-label', 'warning', 'A value in the header table has no label.');
export const headerValueUncertain = parserRule(
  'header-value-uncertain',
  'warning',
  "A header field is left empty because its value cannot be paired with its label for sure (a damaged table), or lines above the table (an e-mail's header) give its label another value, which is not read.",
);
export const patientUncertain = parserRule(
  'patient-uncertain',
  'warning',
  'The patient\'s age is left empty because the text cannot be read for sure (its digits broken by a space, such as "5 4 year old": one number or two).',
);
export const lineInitialsMissing = parserRule(
  'line-initials-missing',
  'error',
  'Lines of the text have lost their first letter (a PDF tool printed those letters apart, one to a line): nothing is read from it.',
);
export const textQuoted = parserRule(
  'text-quoted',
  'error',
  'The lines of the text start with ">", as a letter quoted in an e-mail reply has them: nothing is read from it; a quick fix removes the marks.',
);
export const internalError = parserRule('internal-error', 'error', 'The letter parser failed on this text (a bug).');

export const rules: readonly Rule[] = [notALetter, notText, lineInitialsMissing, textQuoted, headerValueWithoutLabel, headerValueUncertain, patientUncertain, internalError];
