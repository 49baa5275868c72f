/**
 * Diagnostics: every structural defect and inconsistency of a letter, as stable codes with messages,
 * exact source spans and quick fixes as data.
 *
 * `diagnose` is pure, never throws and is linear in the text: each rule visits the header, the
 * sections, the items or the lines once. The parser's own problems are included, so callers get one
 * list; severities come from `RULES` unless overridden, and `imr-disable` directive lines silence
 * codes for the letter. A text that is not a letter gets only the parser's single not-a-letter
 * problem, never a wall of rule findings.
 */
import { Citation, findCitations } from './citations';
import { bundledKnowledge, Knowledge } from './knowledge';
import { editDistance } from './vocabulary';
import type { Letter, Severity } from './types';
import { checkMojibake, checkQuestionMarkApostrophes, checkTruncation } from './rules/artifacts';
import type { Diagnostic, Finding, Fix, RuleDef, RuleSeverity, TextEdit } from './rules/context';
import { RuleContext } from './rules/context';
import { checkCitationTopics, checkQuantities } from './rules/guidelines';
import { checkCaseNumber, checkDates, checkHeaderFields, REVIEW_WINDOW_DAYS } from './rules/header';
import { checkBlocks, checkDecisions } from './rules/items';
import { checkPartialAuthorizations } from './rules/partial';
import { checkRationales, findConclusion } from './rules/rationale';
import { checkSections } from './rules/sections';

export type { Diagnostic, Fix, RuleDef, RuleSeverity, TextEdit };
export { findConclusion, REVIEW_WINDOW_DAYS };

const rule = (code: string, defaultSeverity: Severity, description: string, source: RuleDef['source'] = 'letter'): RuleDef => ({
  code,
  defaultSeverity,
  description,
  source,
});

/** Every diagnostic code, its default severity and what it reports. */
export const RULES: readonly RuleDef[] = [
  // Structure
  rule('missing-section', 'error', 'A section the letter format requires (header table, HOW, credentials, CLINICAL CASE SUMMARY, IMR ISSUES) is missing.'),
  rule('section-order', 'warning', 'A section heading is out of the order the letter format prescribes.'),
  rule('duplicate-section', 'warning', 'A section heading appears more than once.'),
  rule('missing-header-field', 'warning', 'A field of the F1b header table (Case Number, dates, Priority) is missing or has no value.'),
  // Items
  rule('item-no-decision', 'error', 'A disputed item heading does not end with its decision (Upheld or Overturned).'),
  rule('unknown-decision', 'error', 'An item decision is not a known decision word (e.g. the misspelling "Uphled"); quick fix to the closest one.'),
  rule('missing-block', 'error', 'An item lacks its Claims Administrator guideline, MAXIMUS guideline or Decision rationale block.'),
  rule('block-count-mismatch', 'error', 'The counts of item headings and of a block label differ: a block is repeated or stands under no item heading.'),
  rule('rationale-contradicts-decision', 'warning', 'The rationale concludes the opposite of the decision (Upheld with "is medically necessary", Overturned with "not medically necessary").'),
  rule('rationale-conclusion-not-found', 'information', 'The rationale never states whether the request is medically necessary, so it cannot be checked against the decision.'),
  rule('partial-authorization-arithmetic', 'warning', 'In a partial authorization, the original quantity minus the authorized quantity is not the remaining quantity.'),
  // Header
  rule('date-order', 'warning', 'Header dates are out of their legal order: injury ≤ UR denial ≤ application received ≤ assigned ≤ decision.'),
  rule('invalid-date', 'error', 'A header date is not a real calendar date.'),
  rule('decision-outside-review-window', 'warning', `The decision came more than ${REVIEW_WINDOW_DAYS} days after the case was assigned.`),
  rule('case-number-shape', 'warning', 'The case number does not have the shape CMyy-nnnnnnn.'),
  rule('case-number-year', 'information', 'The case number year prefix differs from the year the application was received.'),
  // Knowledge base
  rule('citation-topic-mismatch', 'warning', 'A cited page or numbered section belongs, in the knowledge base, to another topic than the one written beside it.', 'knowledge'),
  rule('quantity-above-guideline-limit', 'information', 'The request asks for more visits than the cited guideline states as its limit (with the limit and its source).', 'knowledge'),
  // Extraction artifacts
  rule('mojibake', 'warning', 'Mojibake such as "Â§" or "â€™" (UTF-8 read with the wrong encoding); quick fixes repair one or all.'),
  rule('question-mark-apostrophe', 'warning', '"?" standing for an apostrophe lost in extraction ("applicant?s"); quick fix to "\'".'),
  rule('truncated-letter', 'warning', 'The letter stops mid-sentence: the text looks cut off.'),
  // Directives
  rule('unknown-directive-code', 'warning', 'An imr-disable line names a code that no rule has.'),
  // Reported by the parser
  rule('not-a-letter', 'warning', 'No IMR letter structure was recognised in the file.', 'parser'),
  rule('not-text', 'error', 'The file holds binary data, not letter text.', 'parser'),
  rule('header-value-without-label', 'warning', 'A value in the header table has no label.', 'parser'),
  rule('header-value-uncertain', 'warning', 'A header field is left empty because its value cannot be paired with its label for sure (a damaged table).', 'parser'),
  rule('patient-uncertain', 'warning', 'The patient\'s age or sex is left empty because the text cannot be read for sure (a word broken by a space, such as "fe male").', 'parser'),
  rule('internal-error', 'error', 'The letter parser failed on this text (a bug).', 'parser'),
];

const NOT_A_LETTER_CODES = new Set(['not-a-letter', 'not-text', 'internal-error']);

const RULE_BY_CODE = new Map(RULES.map((r) => [r.code, r]));

export interface DiagnoseOptions {
  /** Per-code severity; `off` drops the code. Unlisted codes keep their `RULES` default. */
  readonly severities?: Partial<Record<string, RuleSeverity>>;
  /**
   * Knowledge base for the two knowledge rules (citation-topic-mismatch,
   * quantity-above-guideline-limit): the bundled one when absent, a merged one with the user's
   * file, or null to turn both rules off.
   */
  readonly knowledge?: Knowledge | null;
  /** The letter's citations when the caller already has them (found with the same knowledge base). */
  readonly citations?: readonly Citation[];
}

type Check = (ctx: RuleContext) => void;

const CHECKS: readonly Check[] = [
  checkSections,
  checkHeaderFields,
  checkDecisions,
  checkBlocks,
  checkRationales,
  checkPartialAuthorizations,
  checkDates,
  checkCaseNumber,
  checkMojibake,
  checkQuestionMarkApostrophes,
  checkTruncation,
  checkDirectives,
];

/** All diagnostics for a parsed letter (the parser's own problems included), by position. */
export function diagnose(letter: Letter, text: string, options: DiagnoseOptions = {}): Diagnostic[] {
  const ctx = new RuleContext(letter, text);
  const silenced = new Set<string>();
  let silenceAll = false;
  for (const d of letter.directives) {
    if (d.codes.length === 0) silenceAll = true;
    for (const c of d.codes) silenced.add(c);
  }
  const wanted = (code: string) => !silenceAll && !silenced.has(code) && options.severities?.[code] !== 'off';

  // A text that is not a letter gets the parser's verdict alone, not a wall of rule findings.
  const raw: Finding[] = letter.isLetter ? [...letter.problems] : letter.problems.filter((p) => NOT_A_LETTER_CODES.has(p.code));
  if (letter.isLetter) {
    const checks: Check[] = [...CHECKS];
    const kb = options.knowledge === undefined ? bundledKnowledge() : options.knowledge;
    // The citation scan is skipped when both knowledge rules are off or silenced.
    if (kb && (wanted('citation-topic-mismatch') || wanted('quantity-above-guideline-limit'))) {
      checks.push((c) => {
        const citations = options.citations ?? findCitations(letter, text, kb);
        checkCitationTopics(c, kb, citations);
        checkQuantities(c, kb, citations);
      });
    }
    for (const check of checks) {
      try {
        check(ctx);
      } catch (e) {
        // Rules are written not to throw; a bug in one must not hide the others.
        ctx.report('internal-error', { start: 0, end: 0 }, `A diagnostic rule failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    // A loop, not push(...): a damaged letter can yield more findings than call arguments allow.
    for (const f of ctx.findings) raw.push(f);
    foldConsequences(raw);
  }
  // By position; the sort is stable, so the parser's problems come first at equal positions.
  raw.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);

  const out: Diagnostic[] = [];
  for (const f of raw) {
    if (silenceAll || silenced.has(f.code)) continue;
    const severity = severityOf(f, options);
    if (severity === 'off') continue;
    out.push({ ...f, severity });
  }
  return out;
}

/**
 * One defect, one diagnostic. Without the heading that ends the header table, the parser reads the
 * next section's lines as header values with no label; those lines are the body of the missing
 * section, which missing-section already reports, so they are dropped.
 */
function foldConsequences(raw: Finding[]): void {
  let missingFrom = Infinity;
  for (const f of raw) if (f.code === 'missing-section' && f.span.start < missingFrom) missingFrom = f.span.start;
  if (missingFrom === Infinity) return;
  let w = 0;
  for (const f of raw) if (!(f.code === 'header-value-without-label' && f.span.start >= missingFrom)) raw[w++] = f;
  raw.length = w;
}

function severityOf(f: Finding, options: DiagnoseOptions): RuleSeverity {
  const override = options.severities?.[f.code];
  if (override) return override;
  const def = RULE_BY_CODE.get(f.code);
  if (def) return def.defaultSeverity;
  // A parser problem not in the table keeps the severity the parser gave it.
  return 'severity' in f ? (f as { severity: Severity }).severity : 'warning';
}

/** Directive codes that no rule has: probably a typo, so the directive silences nothing. */
function checkDirectives(ctx: RuleContext): void {
  for (const d of ctx.letter.directives) {
    for (const code of d.codes) {
      if (RULE_BY_CODE.has(code)) continue;
      let best: string | null = null;
      let bestD = 4;
      for (const r of RULES) {
        const dist = editDistance(code.toLowerCase(), r.code, 3);
        if (dist < bestD) {
          bestD = dist;
          best = r.code;
        }
      }
      const at = ctx.text.indexOf(code, d.span.start);
      const span = at >= 0 && at < d.span.end ? { start: at, end: at + code.length } : d.span;
      const fixes: Fix[] = best ? [{ title: `Change to "${best}"`, edits: [{ span, newText: best }], isPreferred: true }] : [];
      ctx.report(
        'unknown-directive-code',
        span,
        `"${code}" is not a diagnostic code${best ? `; did you mean "${best}"?` : '.'} This directive does not silence it.`,
        { data: { code, suggestion: best }, ...(fixes.length ? { fixes } : {}) },
      );
    }
  }
}
