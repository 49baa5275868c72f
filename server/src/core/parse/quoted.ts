/**
 * A letter quoted in an e-mail reply: its lines start with ">" ("> Case Number:", "> > MAXIMUS
 * guideline:"). Read as it is, the quote marks go into its values ("> Standard", a request
 * opening "> The Final Determination ...") and its headings and labels are missed, so nothing is
 * read from it: the problem says why, and its quick fix takes the marks out.
 */
import { scanLineTable } from '../lines';
import type { LineTable } from '../lines';
import type { Span } from '../types';

/** Fewest quoted lines that make a text a quoted one. */
const MIN_QUOTED = 5;
/** Share of its non-blank lines that must be quoted: a letter's own lines never start with ">". */
const QUOTED_SHARE = 0.8;

const GT = 0x3e;

/** Whether most lines of the table (at least MIN_QUOTED, and QUOTED_SHARE of those not blank) start with ">". */
export function quotedLines(text: string, lines: LineTable): boolean {
  const { cs, ce } = lines;
  let quoted = 0;
  let nonBlank = 0;
  for (let i = 0; i < lines.length; i++) {
    if (ce[i] <= cs[i]) continue;
    nonBlank++;
    if (text.charCodeAt(cs[i]) === GT) quoted++;
  }
  return quoted >= MIN_QUOTED && quoted >= QUOTED_SHARE * nonBlank;
}

/**
 * The quote marks of each line of text[from, to) that has them: from the line's start through
 * its last ">" and the one blank after each ("> > " of a reply to a reply). The blanks after
 * that stay: they are the letter's own (a -layout text's columns).
 */
export function quoteMarks(text: string, from: number, to: number): Span[] {
  const lines = scanLineTable(text, from, to);
  const { start, end, cs, ce } = lines;
  const out: Span[] = [];
  for (let i = 0; i < lines.length; i++) {
    let e = cs[i];
    if (e >= ce[i] || text.charCodeAt(e) !== GT) continue;
    while (e < ce[i] && text.charCodeAt(e) === GT) {
      e++;
      const c = text.charCodeAt(e);
      // The blank may be the line's last character ("> " before a blank or form feed alone).
      if (e < end[i] && (c === 32 || c === 9)) e++;
    }
    out.push({ start: start[i], end: e });
  }
  return out;
}
