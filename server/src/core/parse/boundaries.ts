/**
 * Where letters begin in a text that may hold several (a merged case file).
 */
import type { LineTable } from '../lines';
import { collapseRange } from '../collapse';
import { valuesLine } from '../header-tokens';
import { BLOCK_LABELS, HEADINGS } from '../vocabulary';
import { firstWord, mayOpenBoundary, NO_WORD } from './first-word';

const DETERMINED = 'has determined the request for';

/**
 * Lines where a letter begins: the first line, then each line that opens a new letter (a header
 * table's "Case Number:", a HOW heading, the 2013 masthead) after the previous letter reached its
 * decisions (an issues heading or a Claims Administrator label). Cheap: only lines whose first word
 * can open a letter or mark its decisions are tested.
 */
export function letterStarts(text: string, lines: LineTable): { starts: number[]; decided: boolean } {
  const starts = [0];
  let decided = false;
  for (let i = 0; i < lines.length; i++) {
    const cs = lines.cs[i];
    const ce = lines.ce[i];
    if (cs === ce) continue;
    const first = text.charCodeAt(cs);
    // The 2013 notice's numbered determinations ("1) MAXIMUS Federal Services, Inc. has determined
    // the request for ...") are its decisions.
    // Searched for in the line's first 200 characters only (a slice shares the text's
    // characters): a search from the line on would read the rest of a text that lacks it.
    if (first >= 48 && first <= 57) {
      const to = Math.min(ce, cs + 200);
      if (to - cs >= DETERMINED.length && text.slice(cs, to).includes(DETERMINED)) {
        decided = true;
        continue;
      }
    }
    // The first word is read only when the first letter can open a letter-boundary word.
    const { word, boundary } = mayOpenBoundary(first) ? firstWord(text, cs, ce) : NO_WORD;
    // A whole page on one line (pdf.js items joined by spaces, pdfminer without layout analysis):
    // the letter's decisions may stand inside it.
    const marks = ce - cs >= LONG_LINE && holdsDecisions(text, cs, ce);
    if (!boundary) {
      if (marks) decided = true;
      continue;
    }
    // The line's content is made only for a first word whose tests read it.
    // The first line opens the first letter: read like any other letter's first line.
    if (decided || i === 0) {
      const opens = OPENING_WORDS.has(word) && passes(OPENERS, word, contentOf(text, cs, ce));
      if (opens) {
        if (i > 0) starts.push(word === 'CASE' ? valuesColumnBefore(text, lines, i, starts[starts.length - 1]) : i);
        decided = false;
      }
      if (opens || decided) {
        if (marks) decided = true; // a letter whose first page holds its decisions
        continue;
      }
    }
    if (marks || (MARKING_WORDS.has(word) && passes(MARKERS, word, contentOf(text, cs, ce)))) decided = true;
  }
  return { starts, decided };
}

/** The content of line text[cs, ce) its tests read: blanks collapsed, at most 160 characters. */
function contentOf(text: string, cs: number, ce: number): string {
  return collapseRange(text, cs, Math.min(ce, cs + 160));
}

/** A test of a line's content: its first word, and an expression its content matches. */
interface LineTest {
  readonly first: string;
  readonly re: RegExp;
}

/** `tests`' own fields (one shape, whatever the objects they are taken from). */
const lineTests = (tests: readonly LineTest[]): readonly LineTest[] => tests.map((t) => ({ first: t.first, re: t.re }));

/**
 * Whether content `c` with first word `word` passes one of `tests`. One loop for every test: a
 * test met rarely (a Claims Administrator label after no issues heading) runs the code the others
 * ran, where a call of its own would not have been made before the caller was optimised and would
 * undo that optimisation when first made.
 */
function passes(tests: readonly LineTest[], word: string, c: string): boolean {
  for (let k = 0; k < tests.length; k++) if (tests[k].first === word && tests[k].re.test(c)) return true;
  return false;
}

/** What opens a letter: a header table's "Case Number:", a HOW heading, the 2013 notice's
 *  masthead or title, the F3 title. */
const OPENERS = lineTests([
  { first: 'CASE', re: /^Case\s+Number\s*:/i },
  ...HEADINGS.filter((h) => h.kind === 'how' || h.kind === 'notice'),
  { first: 'MAXIMUS', re: /^MAXIMUS FEDERAL SERVICES/ },
  { first: 'NOTICE', re: /^Notice of Independent Medical Review Determination/i },
  { first: 'MEDICAL', re: /^MEDICAL PROFESSIONAL REVIEW/ },
]);

/** The first words with which a line can open a letter (`OPENERS`). */
const OPENING_WORDS: ReadonlySet<string> = new Set(OPENERS.map((t) => t.first));

/** What marks that a letter reached its decisions: its issues or rationale heading, or a Claims
 *  Administrator label. */
const MARKERS = lineTests([
  ...HEADINGS.filter((h) => h.kind === 'issues' || h.kind === 'rationale'),
  ...BLOCK_LABELS.filter((b) => b.kind === 'claimsAdministrator'),
]);

/** The first words with which a line can mark the decisions (`MARKERS`). */
const MARKING_WORDS: ReadonlySet<string> = new Set(MARKERS.map((t) => t.first));

/** A line this long may be a whole page (see `holdsDecisions`). */
const LONG_LINE = 200;

/** What marks, inside a line, that a letter reached its decisions: its issues heading or a Claims
 *  Administrator label, as the form prints them. */
const DECISION_MARKS = ['IMR ISSUES, DECISIONS AND RATIONALES', 'Claims Administrator guideline:'];

/** Whether text[cs, ce) holds one of `DECISION_MARKS`, searched for in the line's own text. */
function holdsDecisions(text: string, cs: number, ce: number): boolean {
  const own = text.slice(cs, ce);
  for (const m of DECISION_MARKS) if (own.includes(m)) return true;
  return false;
}

/** Most lines of a values column printed before the labels column (a real one has eight). */
const MAX_VALUE_LINES = 16;

/**
 * Where a letter opening at "Case Number:" on line `i` begins: at the first line of the column of
 * its header values when a tool printed that column before the labels (lines of values alone, a
 * case number among them, blank lines between, never before line `after`), else at line `i`.
 */
function valuesColumnBefore(text: string, lines: LineTable, i: number, after: number): number {
  let start = i;
  let withCase = false;
  let seen = 0;
  for (let k = i - 1; k > after && seen < MAX_VALUE_LINES; k--) {
    const cs = lines.cs[k];
    const ce = lines.ce[k];
    if (cs === ce) continue;
    const kind = valuesLine(text, cs, ce);
    if (!kind) break;
    seen++;
    if (kind === 'case') withCase = true;
    start = k;
  }
  return withCase ? start : i;
}
