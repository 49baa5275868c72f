/**
 * Text that has lost the first letter of many lines: the PDF tool took the first glyph of each
 * line, which the PDF draws apart from the rest of the line, for a column of vertical text and
 * printed those letters elsewhere, one to a line (pdfminer's `pdf2txt -V`, "detect vertical text",
 * does so with these letters). Such a text reads "ase Number:", "AXIMUS guideline:" and requests
 * without their first letter, so nothing is read from it: every value would be cut or misplaced.
 */
import type { LineTable } from '../lines';

/** The form's wording whose first letter such a tool cuts off. */
const OPENINGS: readonly string[] = [
  'Case Number:',
  'Date Assigned:',
  'Decision Date:',
  'Date of Injury:',
  'HOW THE IMR FINAL DETERMINATION WAS MADE',
  'The Expert Reviewer has the following credentials:',
  'CLINICAL CASE SUMMARY',
  'IMR ISSUES, DECISIONS AND RATIONALES',
  'Claims Administrator guideline:',
  'MAXIMUS guideline:',
  'Decision rationale:',
];

/** Each of `OPENINGS` less its first letter, and that letter's bit (A is 1, B 2, C 4 ...). */
const CUT = OPENINGS.map((w) => ({ tail: w.slice(1), bit: 1 << (w.charCodeAt(0) - 65) }));

/**
 * Whether the lines have lost their first letters: a line holds one capital letter alone (no tool
 * prints a letter's text so otherwise), and a line opens with the form's wording less its first
 * letter, that letter being one of the lone ones ("D" alone, "ecision rationale:"). One pass over
 * the lines; the second runs only when the first finds a lone capital.
 */
export function lostInitials(text: string, lines: LineTable): boolean {
  const { cs, ce } = lines;
  // The lone capitals, as a bit mask of A to Z.
  let lone = 0;
  for (let i = 0; i < lines.length; i++) {
    if (ce[i] - cs[i] !== 1) continue;
    const c = text.charCodeAt(cs[i]);
    if (c >= 65 && c <= 90) lone |= 1 << (c - 65);
  }
  if (lone === 0) return false;
  for (let i = 0; i < lines.length; i++) {
    const s = cs[i];
    const length = ce[i] - s;
    for (const c of CUT) if (lone & c.bit && length >= c.tail.length && text.startsWith(c.tail, s)) return true;
  }
  return false;
}
