/**
 * The heading walk: from the line that ends an item heading with its decision, up to the line the
 * heading starts on, over wrapped lines, page breaks and their running headers, and the gaps a
 * heading's sentence plainly runs across; it stops at the line that ends the previous rationale.
 */
import { collapse, isRegexSpace } from '../collapse';
import { OUTCOME_AT_END, OUTCOME_TAIL } from '../outcome-end';
import { LINE_ENDS_SENTENCE } from '../sentences';
import { brokenPhrase, rejoinWords } from '../split-words';
import { squeeze } from '../squeezed';
import { DecisionEnding } from './decision-ending';
import { ocrLetters, withoutBreakHyphens } from './partial';
import { Kind, LetterReader } from './reader';

/** Most lines an item heading may wrap over. */
const MAX_HEADING_LINES = 8;
/**
 * Most lines a partial authorization's heading may wrap over: it states the request twice ("X was
 * the original request. The Claims Administrator authorized Y, leaving the original request IMR
 * eligible. The original request, X is: Overturned"), and a text re-wrapped at 72 columns puts that
 * on nine or ten lines, at 40 columns on twenty. Cut at eight, its first lines were lost and the
 * original request read from the middle of the sentence on. (MAX_HEADING_CHARS bounds it too.)
 */
const MAX_PARTIAL_HEADING_LINES = 30;
/** Most blank lines an item heading may run across (a page break with its margins). */
const MAX_HEADING_GAP = 12;
/** Longest item heading the request/partial-authorization matchers look at. */
export const MAX_HEADING_CHARS = 3000;

// Expressions of the heading walk, made once.
const LOWER_FIRST = /^[a-z]/;
/** A line's last word that ends with an abbreviation's full stop, no sentence's: letters each with
 *  its full stop ("p.o.", "q.i.d.", "i.e.") or a title ("Dr.", "vs."), as a request wraps after them
 *  ("Tramadol 50mg 1 tab p.o." / "q6h #120: Upheld"). */
const ABBREVIATION_END = /(?:^|[\s(])(?:(?:[a-z]\.){2,}|(?:Dr|Mr|Mrs|Ms|vs|approx)\.)$/i;
/** Longest tail of a line `ABBREVIATION_END` reads. */
const ABBREVIATION_TAIL = 12;
/** What a partial authorization's heading says, its words perhaps broken by a blank. */
const AUTHORIZED = new RegExp(`\\b(?:${brokenPhrase('IMR eligible')}|${brokenPhrase('authorized')})\\b`, 'i');
const ORIGINAL_REQUEST = /\bwas the original request\b/i;

/** First line of the heading that ends at line `end`, never before `floor`. */
export function headingStart(r: LetterReader, end: number, ending: DecisionEnding | null, floor: number): number {
  const { kinds } = r;
  let start = end;
  let collected = r.content(end);
  let blanks = 0;
  for (let k = end - 1; k >= floor && withinHeadingLines(end - k - blanks, collected); k--) {
    if (kinds[k] === Kind.Blank) {
      // A page's running header, a blank line below it, inside a heading that runs across the
      // page break ("... Viagra" / "\fIMR Case CM16-... Page 2" / "" / "50mg: Upheld"): no part
      // of the request; made blank, and the heading read on above the page break.
      if (blanks < MAX_HEADING_GAP && pageTopAbove(r, k, floor)) {
        r.hideLine(k - 1, true);
        kinds[k - 1] = Kind.Blank;
        blanks += 2;
        k--;
        continue;
      }
      // A gap inside a heading: the one a page break leaves, or any gap the heading's sentence
      // plainly runs across (it goes on in lower case, or a partial authorization still lacks
      // its "was the original request"), as tools that mark no page break leave it.
      if (blanks < MAX_HEADING_GAP && (atPageBreak(r, k) || needsOriginal(collected) || LOWER_FIRST.test(collected) || runsOnAbove(r, k, floor, collected) || (start === end && ending?.alone && requestAbove(r, k, floor)))) {
        blanks++;
        continue;
      }
      break;
    }
    if (kinds[k] !== Kind.Text) break;
    // The lead-in's last line ends no heading: read on a line of its own, or glued after the
    // section heading as a text reflowed into paragraphs has it ("IMR ISSUES, DECISIONS AND
    // RATIONALES The Final Determination ... set forth below:"), it is not the request's start.
    if (endsLeadIn(r, k)) break;
    const c = r.content(k);
    if (!ending?.alone || k !== end - 1) {
      if (endsSentence(r, k) && !abbreviationEnd(r, k) && !needsOriginal(collected)) break;
      if (endsWithOutcome(r, k, floor)) break;
    }
    start = k;
    collected = c + ' ' + collected;
    if (collected.length > MAX_HEADING_CHARS) break;
  }
  return start;
}

/**
 * Whether line `k` ends a rationale's closing sentence with no full stop (`OUTCOME_AT_END`), read over
 * the line's last `OUTCOME_TAIL` characters and, for a short line ("necessary" alone, the rest of
 * the sentence above), the end of the line of text above it (never before `floor`); in a letter
 * whose words are broken by spaces, with them joined.
 */
function endsWithOutcome(r: LetterReader, k: number, floor: number): boolean {
  const { text, cs, ce } = r;
  const from = Math.max(cs[k], ce[k] - OUTCOME_TAIL);
  const tail =
    from > cs[k] || k - 1 < floor || r.kinds[k - 1] !== Kind.Text
      ? text.slice(from, ce[k])
      : text.slice(Math.max(cs[k - 1], ce[k - 1] - OUTCOME_TAIL), ce[k - 1]) + ' ' + text.slice(from, ce[k]);
  if (OUTCOME_AT_END.test(tail)) return true;
  // A tool that breaks words by spaces ("is not med ically necessary"): read with them joined.
  return r.spaced && OUTCOME_AT_END.test(rejoinWords(collapse(tail), '', [], [r.letterWords()]).text);
}

/** Whether line `k` ends a sentence (`LINE_ENDS_SENTENCE`), read at the line's own end: a long line's
 *  content is cut short (`MAX_MATCH`). */
function endsSentence(r: LetterReader, k: number): boolean {
  const ce = r.ce[k];
  return LINE_ENDS_SENTENCE.test(r.text.slice(Math.max(r.cs[k], ce - 2), ce));
}

/** Whether line `k` ends with an abbreviation's full stop (`ABBREVIATION_END`). */
function abbreviationEnd(r: LetterReader, k: number): boolean {
  const ce = r.ce[k];
  return ABBREVIATION_END.test(r.text.slice(Math.max(r.cs[k], ce - ABBREVIATION_TAIL), ce));
}

/** The lead-in's closing words, in lower case, blanks left out. */
const LEAD_IN_CLOSE = 'setforthbelow:';

/** Whether line `k` ends with the lead-in's closing words ("... set forth below:"), blanks passed over. */
function endsLeadIn(r: LetterReader, k: number): boolean {
  const { text, cs, ce } = r;
  let w = LEAD_IN_CLOSE.length;
  for (let i = ce[k] - 1; i >= cs[k] && w > 0; i--) {
    const c = text.charCodeAt(i);
    if (isRegexSpace(c)) continue;
    const lower = c >= 65 && c <= 90 ? c + 32 : c;
    if (lower !== LEAD_IN_CLOSE.charCodeAt(--w)) return false;
  }
  return w === 0;
}

/** Whether a heading of `lines` lines so far (the text `collected`) may take one more line. */
function withinHeadingLines(lines: number, collected: string): boolean {
  return lines < MAX_HEADING_LINES || (lines < MAX_PARTIAL_HEADING_LINES && AUTHORIZED.test(collected));
}

/** A partial authorization heading that still lacks its "was the original request" (read only
 *  where it decides whether the heading goes on). */
function needsOriginal(collected: string): boolean {
  // "was the 0riginal request" (OCR's digit for a letter) is the sentence too.
  if (!AUTHORIZED.test(collected) || ORIGINAL_REQUEST.test(collected)) return false;
  const ocr = ocrLetters(collected);
  if (ORIGINAL_REQUEST.test(ocr)) return false;
  // "was th e original request": a tool that breaks words by spaces.
  if (squeeze(ocr, 0, ocr.length, ocr.length).toLowerCase().includes('wastheoriginalrequest')) return false;
  // "was the orig-" / "inal request": a line break's hyphen inside its words.
  const unbroken = withoutBreakHyphens(ocr);
  return unbroken === null || !ORIGINAL_REQUEST.test(unbroken.text);
}

/**
 * Whether the lines above blank line `k` (past at most `MAX_HEADING_GAP` blank lines, never before
 * `floor`) end with a line of text ending with a colon: the request of a decision that stands alone
 * below it, a gap between them ("Viagra 50mg:" / "" / "Upheld", as tools that print each piece of
 * text on a line of its own write it).
 */
function requestAbove(r: LetterReader, k: number, floor: number): boolean {
  const j = textLineAbove(r, k, floor);
  if (j < 0) return false;
  // Read at the line's own end: a long line's content is cut short (`MAX_MATCH`).
  const ce = r.ce[j];
  return ce > r.cs[j] && r.text.charCodeAt(ce - 1) === 0x3a;
}

/** The line of text above line `k`, past at most `MAX_HEADING_GAP` blank lines and never before
 *  `floor`; -1 when the first line with content there is no text (a label, a heading) or none. */
function textLineAbove(r: LetterReader, k: number, floor: number): number {
  let j = k - 1;
  while (j >= floor && j > k - 1 - MAX_HEADING_GAP && r.kinds[j] === Kind.Blank) j--;
  return j >= floor && r.kinds[j] === Kind.Text ? j : -1;
}

/** Longest line read as a page's running header by `pageTopAbove`. */
const MAX_PAGE_TOP = 80;

/**
 * Whether the line above blank line `k` is a page's first line, short, with a blank line below it,
 * between two parts of one heading: the text above its page break (past blank lines, never before
 * `floor`) ends no sentence and is no lead-in, so the heading goes on across the page break; a
 * page's first line so set apart is its running header ("IMR Case CM16-... Page 2").
 */
function pageTopAbove(r: LetterReader, k: number, floor: number): boolean {
  const j = k - 1;
  if (j <= floor || r.kinds[j] !== Kind.Text || r.pageBreak[j] !== 1 || r.ce[j] - r.cs[j] > MAX_PAGE_TOP) return false;
  // The end of the sentence above carried onto the new page ("Therefore, the" / "request is not
  // medically necessary."), or of the heading before its decision ("(DOS" / "12/29/16):" / "" /
  // "Upheld"): it starts in lower case, ends a sentence or ends with a colon, as no running
  // header does.
  const last = r.text.charCodeAt(r.ce[j] - 1);
  if (LOWER_FIRST.test(r.content(j)) || last === 0x3a || endsSentence(r, j)) return false;
  const above = textLineAbove(r, j, floor);
  if (above < 0 || endsLeadIn(r, above)) return false;
  return !endsSentence(r, above);
}

/** Words a heading's sentence cannot end with: a line ending with one goes on below it. */
const RUNS_ON_WORD = /(?:^|[\s(])(?:of|the|a|an|and|or|with|without|for|to|in|on|at|by|per|from|x|times|including|plus|than|into|under|via|between)$/i;

/**
 * Whether the text line above blank line `k` (past at most `MAX_HEADING_GAP` blank lines, never
 * before `floor`) plainly runs on below the gap, as a text re-wrapped with a blank line inside an
 * item heading has it ("Three months coverage of" / "" / "Viagra 50mg: Upheld"): it ends with a
 * comma, a slash, an ampersand or a word no sentence ends with, it leaves a parenthesis or a
 * bracket open, or it is a short line ending with a colon that is not the lead-in
 * ("Associated surgical service:"); or, when the heading below the gap starts with no capital
 * ("10/325mg #35: Upheld", "[following TPII]: Upheld"), it ends no sentence. A rationale's last
 * line, the only other text above a heading, ends a sentence.
 */
function runsOnAbove(r: LetterReader, k: number, floor: number, collected: string): boolean {
  const j = textLineAbove(r, k, floor);
  if (j < 0) return false;
  const { text, cs } = r;
  const ce = r.ce[j];
  if (ce <= cs[j]) return false;
  const last = text.charCodeAt(ce - 1);
  if (last === 0x2c || last === 0x2f || last === 0x26) return true;
  // Read at the line's own end: a long line's content is cut short (`MAX_MATCH`).
  const tail = text.slice(Math.max(cs[j], ce - 200), ce);
  if (last === 0x3a) return ce - cs[j] <= SHORT_COLON_LINE && !SENTENCE_INSIDE.test(tail) && !endsLeadIn(r, j);
  if (RUNS_ON_WORD.test(tail)) return true;
  if (!CAPITAL_FIRST.test(collected) && !LINE_ENDS_SENTENCE.test(tail)) return true;
  let open = 0;
  for (let i = 0; i < tail.length; i++) {
    const c = tail.charCodeAt(i);
    if (c === 0x28 || c === 0x5b) open++;
    else if ((c === 0x29 || c === 0x5d) && open > 0) open--;
  }
  return open > 0;
}

/** A heading's first character when it is a capital letter. */
const CAPITAL_FIRST = /^[A-Z]/;
/** Longest line ending with a colon that `runsOnAbove` reads as a heading's first words. */
const SHORT_COLON_LINE = 60;
/** A sentence's end followed by more text. */
const SENTENCE_INSIDE = /[.!?]["”')\]]?\s+\S/;

/** A blank line that belongs to a page break: it holds a form feed, or a line next to it in its
 *  run of blank lines does (a running header made blank is one of them), or the next line starts
 *  with one. */
export function atPageBreak(r: LetterReader, k: number): boolean {
  if (r.pageBreak[k] === 1) return true;
  for (let i = k + 1; i < r.lines.length && i <= k + 3; i++) {
    if (r.pageBreak[i] === 1) return true;
    if (r.kinds[i] !== Kind.Blank) break;
  }
  for (let i = k - 1; i >= 0 && i >= k - 3 && r.kinds[i] === Kind.Blank; i--) if (r.pageBreak[i] === 1) return true;
  return false;
}
