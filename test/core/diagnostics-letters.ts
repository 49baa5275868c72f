/**
 * Small hand-written letters for the diagnostics unit tests, in the shape of the real F1b letters
 * (pdftotext default mode: header labels first, values after) and of the F1a seeds.
 */
import { LineIndex, parseLetter } from '../../server/src/core';
import { diagnose, DiagnoseOptions, Diagnostic, TextEdit } from '../../server/src/core/diagnostics';

export interface ItemSpec {
  heading: string;
  decision: string;
  ca?: string | null;
  maximus?: string | null;
  rationale?: string | null;
}

export interface LetterSpec {
  caseNumber?: string;
  assigned?: string;
  decision?: string;
  injury?: string;
  urDenial?: string;
  received?: string;
  items?: ItemSpec[];
  /** Replaces the default section order / headings. */
  sections?: ('how' | 'credentials' | 'summary' | 'issues')[];
  extraBeforeItems?: string;
  trailer?: string;
}

// The same letter sections as the rule cases beside the rules use.
import { CREDENTIALS, HOW, SUMMARY } from '../../server/src/core/rules/case-letter';
export { CREDENTIALS, HOW, SUMMARY };
export const ISSUES_HEADING =
  'IMR ISSUES, DECISIONS AND RATIONALES\n' +
  'The Final Determination was based on decisions for the disputed items/services set forth below:\n\n';

export const UPHELD_ITEM: ItemSpec = {
  heading: 'Norco 10/325mg #60',
  decision: 'Upheld',
  ca: 'Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Opioids.',
  maximus: 'Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Opioids.',
  rationale: 'There is no documented functional improvement. Therefore, the request is not medically necessary.',
};

export const OVERTURNED_ITEM: ItemSpec = {
  heading: 'Physical therapy 2 times a week for 4 weeks',
  decision: 'Overturned',
  ca: 'The Claims Administrator did not cite any medical evidence for its decision.',
  maximus: 'Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Physical Medicine.',
  rationale: 'The guidelines support a short course of therapy. Therefore, the request is medically necessary.',
};

export function item(spec: ItemSpec): string {
  let s = `${spec.heading}: ${spec.decision}\n`;
  if (spec.ca !== null) s += `Claims Administrator guideline: ${spec.ca ?? UPHELD_ITEM.ca}\n`;
  if (spec.maximus !== null) s += `MAXIMUS guideline: ${spec.maximus ?? UPHELD_ITEM.maximus}\n`;
  if (spec.rationale !== null) s += `Decision rationale: ${spec.rationale ?? UPHELD_ITEM.rationale}\n`;
  return s;
}

/** An F1b letter in pdftotext default (reading-order) shape. */
export function f1b(spec: LetterSpec = {}): string {
  const header =
    'Case Number:\nDate Assigned:\nDecision Date:\nPriority:\n\n' +
    `${spec.caseNumber ?? 'CM16-0240259'}\n${spec.assigned ?? '12/19/2016'}\n${spec.decision ?? '01/18/2017'}\nStandard\n\n` +
    'Date of Injury:\nUR Denial Date:\nApplication\nReceived:\n\n' +
    `${spec.injury ?? '10/11/2016'}\n${spec.urDenial ?? '12/06/2016'}\n${spec.received ?? '12/14/2016'}\n\n`;
  const parts = { how: HOW, credentials: CREDENTIALS, summary: SUMMARY, issues: ISSUES_HEADING };
  const order = spec.sections ?? ['how', 'credentials', 'summary', 'issues'];
  const items = (spec.items ?? [UPHELD_ITEM]).map(item).join('');
  let body = '';
  for (const k of order) body += parts[k] + (k === 'issues' ? (spec.extraBeforeItems ?? '') + items : '');
  if (!order.includes('issues')) body += items;
  return header + body + (spec.trailer ?? '');
}

/** An F1a letter like the seeds: no header table, credentials inline, double-spaced. */
export function f1a(items: ItemSpec[] = [UPHELD_ITEM]): string {
  const single =
    ' HOW THE IMR FINAL DETERMINATION WAS MADE \n' +
    'MAXIMUS Federal Services sent the complete case file to an expert reviewer. The expert \n' +
    'reviewer is Board Certified in Psychiatry and is licensed to practice in California. \n' +
    ' \n' +
    'CLINICAL CASE SUMMARY \n' +
    'The expert reviewer developed the following clinical case summary based on a review of the \n' +
    'case file, including all medical records: \n' +
    'The injured worker is a 54-year-old female who reported an injury on 08/13/2008. \n' +
    ' \n' +
    ISSUES_HEADING +
    items.map(item).join(' \n');
  // A blank line after every line, as the seeds' extractor wrote them.
  return single.split('\n').join('\n\n');
}

export interface Run {
  text: string;
  diagnostics: Diagnostic[];
  lines: LineIndex;
  /** Diagnostics of one code. */
  of(code: string): Diagnostic[];
  /** 0-based line of a diagnostic's start. */
  lineOf(d: Diagnostic): number;
  /** The text a diagnostic's range covers. */
  covered(d: Diagnostic): string;
}

export function run(text: string, options?: DiagnoseOptions): Run {
  const diagnostics = diagnose(parseLetter(text), text, options);
  const lines = new LineIndex(text);
  return {
    text,
    diagnostics,
    lines,
    of: (code) => diagnostics.filter((d) => d.code === code),
    lineOf: (d) => lines.positionAt(d.span.start).line,
    covered: (d) => text.slice(d.span.start, d.span.end),
  };
}

/** 0-based line of the first occurrence of `needle`. */
export function lineOfText(text: string, needle: string, from = 0): number {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`"${needle}" not in the letter`);
  return new LineIndex(text).positionAt(at).line;
}

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].span.end > sorted[i - 1].span.start) throw new Error('overlapping edits');
  }
  let out = text;
  for (const e of sorted) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

/** Codes and covered text, for readable assertions. */
export function summary(r: Run): string[] {
  return r.diagnostics.map((d) => `${d.code} "${r.covered(d).replace(/\s+/g, ' ').slice(0, 40)}"`);
}
