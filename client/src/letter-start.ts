/**
 * How a plain-text file is recognised as an IMR letter from its first lines, whatever tool made
 * the text. No `vscode` import: unit-tested over every tool's text of the corpus letters.
 *
 * VS Code's `firstLine` (package.json) sees the first line only, so it recognises pdftotext's
 * text, pdf.js and pdfminer; pypdf, PDFBox, MuPDF and Ghostscript start with a blank line or two,
 * and some tools break words by spaces ("Case Num ber :"). The plain-text check reads the first
 * lines with their blanks taken out.
 */

/** First lines that mark a file as an IMR letter (the same expression as `firstLine` in package.json). */
export const LETTER_START =
  /^\f?\s*(Case Number:|HOW THE IMR FINAL DETERMINATION WAS MADE|MAXIMUS FEDERAL SERVICES|Notice of Independent Medical Review Determination|MEDICAL PROFESSIONAL REVIEW)/;

/** Lines read from the top of a plain-text file. */
export const PROBE_LINES = 8;

/** The same starts with the blanks taken out (a line squeezed of blanks starts with one). */
const SQUEEZED_START = /^(?:CaseNumber:|HOWTHEIMRFINALDETERMINATIONWASMADE|MAXIMUSFEDERALSERVICES|NoticeofIndependentMedicalReviewDetermination|MEDICALPROFESSIONALREVIEW)/i;

/** Whether the first lines of a text (at most PROBE_LINES of them are read) open an IMR letter. */
export function opensLetter(text: string): boolean {
  const lines = text.slice(0, 4000).split(/\r\n|\r|\n/, PROBE_LINES);
  return lines.some((line) => LETTER_START.test(line) || SQUEEZED_START.test(line.replace(/[\s\u00a0\ufeff\u00ad]+/g, '')));
}
