/**
 * A rationale's closing sentence with its full stop left out, as a reviewer now and then writes it
 * ("As such, the request is not medically necessary" with the next item's heading on the line
 * below): the parser reads it as the end of a sentence, where an item heading cannot go on. Its
 * words are the outcome ("is not medically necessary", "be medically appropriate", "necessary
 * or appropriate at this time", "necessary, medically appropriate, or indicated here", "necessary,
 * based on the records provided", "is not supported", "has not been established") or a sentence
 * closing on the patient ("... for weaning and terminating opioids for this patient"): a
 * request never ends so.
 */

/** The closing words. Lower case: they stand inside a sentence. */
const OUTCOME =
  /\b(?:(?:(?:is|are|was|were|be|been|not|considered|deemed)\s+(?:(?:medically|clinically)\s+)?|as\s+(?:medically|clinically)\s+)(?:necessary|appropriate|indicated|warranted|reasonable|supported|established|recommended|justified)(?:,?\s+(?:(?:and|or|and\/or)\s+)?(?:medically\s+)?(?:necessary|appropriate|indicated|reasonable)){0,2}(?:\s+(?:at this time|in this case|here))?(?:,?\s+based on the (?:submitted |available )?(?:medical )?(?:records|documentation)(?:\s+(?:provided|reviewed|submitted))?)?(?:\s+for this (?:patient|injured worker|claimant|worker))?|(?:for|of|to) this (?:patient|injured worker|claimant))/;

/** The closing words at the end of the text tested (a line's last characters). */
export const OUTCOME_AT_END = new RegExp(`${OUTCOME.source}\\s*$`);

/** The closing words, their full stop or none, blanks after them and a capital: the next item's
 *  heading on the same line (a tool that writes a page on one line, or glues a heading to the
 *  line before it). Global; the full stop is the first group, the blanks the second. */
export const OUTCOME_BEFORE_CAPITAL = new RegExp(`${OUTCOME.source}(\\.?)([ \\t\\u00a0]+)(?=[A-Z])`, 'g');

/** Longest tail of a line `OUTCOME_AT_END` is tested on. */
export const OUTCOME_TAIL = 120;
