/**
 * Where an item heading that a PDF tool glued to the end of the previous item's rationale starts:
 * inside its own decision line (`headingStartIn`), or on a line above it when the heading wraps
 * (`gluedHeadingAbove`). `merged.ts` cuts the line there, so the heading walk reads the heading as
 * the lines the letter printed.
 */
import { isBlankCode, LineTable } from './lines';
import { OUTCOME_BEFORE_CAPITAL, OUTCOME_TAIL } from './outcome-end';
import { LINE_ENDS_SENTENCE } from './sentences';
import { brokenPhrase } from './split-words';

/** The end of a sentence and a gap of two or more blanks (spaces, tabs) before a capital. */
const SENTENCE_GAP = /[.!?]["\u201d')]?[ \t\u00a0]{2,}(?=[A-Z])/g;
/** What the sentences of a partial-authorization heading after its first always hold: its last
 *  is "The remaining IMR eligible portion of the original request, ..." or "The original
 *  request, ..." (the one before it "... leaving the original request IMR eligible"). */
const PARTIAL_TAIL = new RegExp(`${brokenPhrase('original request')}|${brokenPhrase('IMR eligible')}`, 'i');

/** The end of a sentence and one blank before a capital, the sentence's last word ending in two
 *  small letters or two capitals ("necessary.", "per MTUS."), or a number or a bracket: "Dr. Smith"
 *  is no sentence's end. */
const SENTENCE_END = /(?:[a-z]{2}|[A-Z]{2}|[\d)%])[.!?]["\u201d')]?[ \t\u00a0](?=[A-Z])/g;

/** Where the last match of `re` (`SENTENCE_GAP` or `SENTENCE_END`) in `line` ending at or before `limit` ends; -1 for none. */
function lastGapEnd(line: string, limit: number, re: RegExp): number {
  let cut = -1;
  re.lastIndex = 0;
  let g: RegExpExecArray | null;
  while ((g = re.exec(line)) && g.index < limit) if (g.index + g[0].length <= limit) cut = g.index + g[0].length;
  return cut;
}

/** Where the last sentence of `line` before `limit` starts after a wide gap, or, on a long line
 *  (`long`), after one blank; -1 for none. */
function sentenceCut(line: string, limit: number, long: boolean): number {
  const wide = lastGapEnd(line, limit, SENTENCE_GAP);
  return long ? Math.max(wide, lastGapEnd(line, limit, SENTENCE_END)) : wide;
}

/** Where the last `OUTCOME_BEFORE_CAPITAL` of `line` at or after `from` (and ending by `limit`) ends: after the outcome's
 *  full stop and one blank or more, or without the full stop, one blank or more on a long line
 *  (`long`), else two or more; -1 for none. */
function outcomeEnd(line: string, from: number, long: boolean, limit = line.length): number {
  let cut = -1;
  OUTCOME_BEFORE_CAPITAL.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = OUTCOME_BEFORE_CAPITAL.exec(line)) && m.index + m[0].length <= limit) if (long || m[1] === '.' || m[2].length >= 2) cut = m.index + m[0].length;
  return cut;
}

/**
 * Where an item heading starts inside `line`, the last line of a heading that ends with its
 * decision: after the previous item's last sentence and a wide gap ("... for this patient.
 * Fioricet #120:  Uphel d"), or, for a partial authorization whose own sentences have wide gaps
 * ("... by the Claims Administrator.  The remaining IMR eligible portion ..."), after the gap
 * before its "was the original request"; the previous rationale may quote its own partial heading,
 * "was the original request" and all: only the heading's own sentences are read for it. -1 for
 * none. On a long line (`long`) one blank after a sentence's end counts as a gap.
 */
export function headingStartIn(line: string, long: boolean): number {
  // On a long line (a page or a paragraph written as one line) a sentence's end and one blank
  // count too: a tool that joins a page's lines with single blanks leaves no wider gap.
  let cut = sentenceCut(line, line.length, long);
  if (cut > 0) {
    const heading = line.slice(cut);
    if (PARTIAL_TAIL.test(heading) && originalRequestAt(heading, heading.length) < 0) {
      const original = originalRequestAt(line, cut);
      cut = original < 0 ? -1 : sentenceCut(line, original, long);
    }
  }
  // The previous rationale's closing sentence, with its full stop and one blank ("... is not
  // medically necessary. Fioricet #120: Upheld") or without it: the heading starts after it.
  const outcome = outcomeEnd(line, Math.max(cut, 0), long);
  if (outcome > 0) cut = outcome;
  return cut;
}

/** How many lines above its decision line an item heading glued to a rationale is looked for on. */
const HEADING_LINES_ABOVE = 7;
/** A sentence's end inside a text: where a partial authorization's first sentence may start. */
const SENTENCE_BEFORE = /[.!?]["\u201d')\]]?\s/;
/** Most blank lines between a decision alone on its line and its request above. */
const DECISION_GAP = 3;
/** Most blank lines inside a partial authorization's heading (a page break's gap), as the
 *  heading walk takes them (`parse/heading.ts`). */
const PARTIAL_GAP = 12;
/** The words of a partial authorization's first sentence, blanks taken out, in lower case. */
const ORIGINAL_SQUEEZED = 'wastheoriginalrequest';
/** Longest stretch of text those words are read over, blanks and line breaks included. */
const ORIGINAL_REACH = 80;

/**
 * Where the last "was the original request" of `s` that starts before `limit` starts, its words
 * read with blanks taken out (pypdf's "was th e original request"); -1 for none.
 */
function originalRequestAt(s: string, limit: number): number {
  let at = -1;
  // Matched from each "w" before `limit`, blanks skipped, over at most `ORIGINAL_REACH` characters.
  for (let i = s.indexOf('w'); i >= 0 && i < limit; i = s.indexOf('w', i + 1)) {
    let k = 0;
    const end = Math.min(s.length, i + ORIGINAL_REACH);
    for (let p = i; p < end && k < ORIGINAL_SQUEEZED.length; p++) {
      const c = s.charCodeAt(p);
      if (isBlankCode(c)) continue;
      if ((c | 0x20) !== ORIGINAL_SQUEEZED.charCodeAt(k)) break;
      k++;
    }
    if (k === ORIGINAL_SQUEEZED.length) at = i;
  }
  return at;
}

/** Longest heading text read above a decision line. */
const HEADING_CHARS_ABOVE = 1500;

/**
 * Where the heading that ends on decision line `li` starts inside a line above it, glued there to
 * the previous rationale's closing sentence by a wide gap or after the outcome's words ("... is not
 * medically necessary.  EMG/NCV of the bilateral upper" / "extremities: Overturned", as pypdf
 * glues lines): the nearest such place on the text lines above, read up to a blank line or a line
 * that ends a sentence (where the heading walk stops anyway). The outcome's words may start on the
 * line before ("... is not medically" / "necessary. TENS unit: Upheld"), on the decision line too
 * (`decisionLine`: it ends with its decision after a colon, and its own gaps were read by
 * `cutsIn`). A partial authorization's heading, whose own sentences end lines and hold such gaps,
 * starts before its "was the original request".
 */
export function gluedHeadingAbove(text: string, lines: LineTable, li: number, decisionLine: boolean): { line: number; at: number } | null {
  const { cs, ce } = lines;
  if (decisionLine) {
    const cut = outcomeAcrossLines(text, lines, li);
    if (cut > 0) return { line: li, at: cut };
  }
  let heading = text.slice(cs[li], ce[li]);
  let top = li - 1;
  if (!decisionLine) {
    // A decision alone on its line: its request ends with a colon on the line of text above,
    // blank lines perhaps between them ("Pepcid 20mg:" / "" / "Upheld", as tools that print each
    // piece of text on a line of its own write it).
    while (top >= 0 && top >= li - DECISION_GAP && cs[top] === ce[top]) top--;
    if (top < 0 || cs[top] === ce[top] || text.charCodeAt(ce[top] - 1) !== 0x3a) return null;
  }
  let gaps = 0;
  for (let j = top; j >= 0 && j >= top - HEADING_LINES_ABOVE - gaps && heading.length <= HEADING_CHARS_ABOVE; j--) {
    // A blank line ends the heading, unless a partial authorization's heading still lacks its
    // first sentence (a page break's gap inside it); a line longer than a heading is read by
    // `cutsIn` alone.
    if (cs[j] === ce[j]) {
      if (gaps < PARTIAL_GAP && PARTIAL_TAIL.test(heading) && originalRequestAt(heading, heading.length) < 0) {
        gaps++;
        continue;
      }
      return null;
    }
    if (ce[j] - cs[j] > HEADING_CHARS_ABOVE) return null;
    const line = text.slice(cs[j], ce[j]);
    const joined = line + ' ' + heading;
    if (PARTIAL_TAIL.test(joined) && originalRequestAt(heading, heading.length) < 0) {
      // A partial authorization's heading, without its first sentence yet: it starts after a gap
      // or the outcome before its "was the original request" (which may end on the line below),
      // or, with no sentence's end before that on this line, on this line's start or a line
      // above, as any heading does.
      const original = originalRequestAt(joined, line.length);
      heading = joined;
      if (original < 0) continue;
      const cut = Math.max(sentenceCut(line, original, false), outcomeEnd(line, 0, false, original));
      if (cut > 0) return { line: j, at: cs[j] + cut };
      if (SENTENCE_BEFORE.test(line.slice(0, original))) return null;
      continue;
    }
    if (LINE_ENDS_SENTENCE.test(line)) return null;
    let cut = sentenceCut(line, line.length, false);
    const outcome = outcomeEnd(line, Math.max(cut, 0), false);
    if (outcome > 0) cut = outcome;
    else if (cut <= 0) {
      const across = outcomeAcrossLines(text, lines, j);
      if (across > 0) return { line: j, at: across };
    }
    if (cut > 0 && cut < line.length) return { line: j, at: cs[j] + cut };
    heading = joined;
  }
  return null;
}

/** Where, on line `j`, the outcome's words that start at the end of the line of text above it
 *  end ("... is not medically" / "necessary. TENS unit: Upheld"), as `outcomeEnd` reads them; -1
 *  for none. */
function outcomeAcrossLines(text: string, lines: LineTable, j: number): number {
  const { cs, ce } = lines;
  if (j === 0 || cs[j - 1] === ce[j - 1]) return -1;
  const before = text.slice(Math.max(cs[j - 1], ce[j - 1] - OUTCOME_TAIL), ce[j - 1]) + ' ';
  const line = before + text.slice(cs[j], Math.min(ce[j], cs[j] + OUTCOME_TAIL));
  const cut = outcomeEnd(line, 0, false);
  return cut > before.length && cut < line.length ? cs[j] + cut - before.length : -1;
}
