/**
 * The test cases of the rules, as data beside each rule (`<rule>.cases.ts`), in the manner of
 * rust-analyzer's diagnostics tests: a letter excerpt with the expected diagnostics marked under
 * the text they cover. An annotation line holds carets under the characters of the line above it
 * and the code (and, after a colon, words the message must contain):
 *
 *     Norco 10/325mg #60: Upheld
 *                         ^^^^^^ rationale-contradicts-decision: concludes "is medically necessary"
 *
 * Annotation lines are removed before the letter is read; the case passes when the letter's
 * diagnostics are exactly the annotated ones (a diagnostic over several lines is marked on its first
 * line, the carets running to that line's end). `letter()` wraps disputed items in a complete F1b
 * letter that has no other finding, so a case shows only what it is about.
 *
 * These files are test data: the test `test/core/rule-cases.test.ts` reads them; nothing else
 * imports them, so they are not part of the bundles.
 */
import type { DiagnoseOptions } from '../diagnostics';

export interface RuleCase {
  /** What the case shows, in a sentence. */
  readonly name: string;
  /** The annotated letter. */
  readonly text: string;
  /** Options for `diagnose` (severities, knowledge base). */
  readonly options?: DiagnoseOptions;
}

export interface HeaderSpec {
  readonly caseNumber?: string;
  readonly assigned?: string;
  readonly decision?: string;
  readonly injury?: string;
  readonly urDenial?: string;
  readonly received?: string;
}

/** The F1b header table in pdftotext's default shape (labels first, then values). */
export function header(h: HeaderSpec = {}): string {
  return (
    'Case Number:\nDate Assigned:\nDecision Date:\nPriority:\n\n' +
    `${h.caseNumber ?? 'CM16-0240259'}\n${h.assigned ?? '12/19/2016'}\n${h.decision ?? '01/18/2017'}\nStandard\n\n` +
    'Date of Injury:\nUR Denial Date:\nApplication\nReceived:\n\n' +
    `${h.injury ?? '10/11/2016'}\n${h.urDenial ?? '12/06/2016'}\n${h.received ?? '12/14/2016'}\n\n`
  );
}

export const HOW =
  'HOW THE IMR FINAL DETERMINATION WAS MADE\n' +
  'MAXIMUS Federal Services sent the complete case file to an expert reviewer. He/she has no\n' +
  'affiliation with the employer, employee, providers or the claims administrator.\n';
export const CREDENTIALS =
  'The Expert Reviewer has the following credentials:\n' +
  'State(s) of Licensure: California\n' +
  'Certification(s)/Specialty: Orthopaedic Surgery\n';
export const SUMMARY =
  'CLINICAL CASE SUMMARY\n' +
  'The expert reviewer developed the following clinical case summary based on a review of the\n' +
  'case file, including all medical records:\n' +
  'The injured worker is a 45 year old male who reported an injury to the low back.\n';
export const ISSUES =
  'IMR ISSUES, DECISIONS AND RATIONALES\n' +
  'The Final Determination was based on decisions for the disputed items/services set forth below:\n\n';

/** A complete F1b letter around `items` (one or more disputed items, annotated). */
export function letter(items: string, h: HeaderSpec = {}): string {
  return header(h) + HOW + CREDENTIALS + SUMMARY + ISSUES + dedent(items);
}

export interface ItemSpec {
  readonly heading?: string;
  readonly decision?: string;
  readonly ca?: string;
  readonly maximus?: string;
  readonly rationale?: string;
}

/** One disputed item with its three blocks. */
export function item(spec: ItemSpec = {}): string {
  return (
    `${spec.heading ?? 'Norco 10/325mg #60'}: ${spec.decision ?? 'Upheld'}\n` +
    `Claims Administrator guideline: ${spec.ca ?? 'Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Opioids.'}\n` +
    `MAXIMUS guideline: ${spec.maximus ?? 'Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Opioids.'}\n` +
    `Decision rationale: ${spec.rationale ?? 'There is no documented functional improvement. Therefore, the request is not medically necessary.'}\n`
  );
}

/** Carets under `needle` on `line` (its first occurrence, or its last), with a code and message words. */
export function mark(line: string, needle: string, code: string, words?: string, last = false): string {
  const at = last ? line.lastIndexOf(needle) : line.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in "${line}"`);
  return `${line}\n${' '.repeat(at)}${'^'.repeat(needle.length)} ${code}${words ? `: ${words}` : ''}\n`;
}

/** Removes the common indentation of a template literal's lines and its first newline. */
export function dedent(s: string): string {
  const lines = (s.startsWith('\n') ? s.slice(1) : s).split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}
