/**
 * Diagnostics: every structural defect and inconsistency of a letter, as stable codes with messages,
 * exact source spans and quick fixes as data.
 *
 * The rules are modules of their own (`core/rules/`, registered in `rules/index.ts`); `diagnose` runs
 * those that are wanted (a rule set to `off` or silenced by an `imr-disable` line is not run, and
 * above the size limit only the essential ones run), adds the parser's own problems and sorts the
 * findings by position. It is pure, never throws and is linear in the text. A text that is not a
 * letter gets only the parser's single not-a-letter problem, never a wall of rule findings.
 */
import type { Citation } from '../citations';
import { bundledKnowledge, Knowledge } from '../knowledge';
import { RULES } from '../rules';
import { REVIEW_WINDOW_DAYS } from '../rules/dates';
import { findConclusion } from '../rules/conclusion';
import { missingSections } from '../rules/sections';
import type { Letter, Severity } from '../types';
import { Diagnostic, Finding, Fix, Rule, RuleContext, RuleDef, RuleSeverity, TextEdit } from './context';

export type { Diagnostic, Fix, Rule, RuleDef, RuleSeverity, TextEdit };
export { findConclusion, REVIEW_WINDOW_DAYS, RULES };

const NOT_A_LETTER_CODES = new Set(['not-a-letter', 'not-text', 'line-initials-missing', 'text-quoted', 'internal-error']);

const RULE_BY_CODE = new Map(RULES.map((r) => [r.code, r]));

export interface DiagnoseOptions {
  /** Per-code severity; `off` drops the code (its rule is not run). Unlisted codes keep their default. */
  readonly severities?: Partial<Record<string, RuleSeverity>>;
  /**
   * Knowledge base for the knowledge rules (citation-topic-mismatch,
   * quantity-above-guideline-limit): the bundled one when absent, a merged one with the user's
   * file, or null to turn both rules off.
   */
  readonly knowledge?: Knowledge | null;
  /** The letter's citations when the caller already has them (found with the same knowledge base). */
  readonly citations?: readonly Citation[];
  /** Only the essential rules: the document is over the size limit (see `Rule.cost`). */
  readonly essentialOnly?: boolean;
}

/** All diagnostics for a parsed letter (the parser's own problems included), by position. */
export function diagnose(letter: Letter, text: string, options: DiagnoseOptions = {}): Diagnostic[] {
  // The codes silenced by directives (most letters have none: no set is made for them).
  let silenced: Set<string> | null = null;
  let silenceAll = false;
  // Indexed loops here and in the rules: most run a few times per letter, in code that is not
  // optimised, where a for-of loop makes an object per step.
  const { directives } = letter;
  for (let k = 0; k < directives.length; k++) {
    const { codes } = directives[k];
    if (codes.length === 0) silenceAll = true;
    for (let j = 0; j < codes.length; j++) (silenced ??= new Set()).add(codes[j]);
  }
  const isSilenced = (code: string) => silenceAll || (silenced !== null && silenced.has(code));
  const kb = options.knowledge === undefined ? bundledKnowledge() : options.knowledge;

  // A text that is not a letter gets the parser's verdict alone, not a wall of rule findings.
  let raw: Finding[];
  if (letter.isLetter) {
    const ctx = new RuleContext(letter, text, kb, options.citations);
    for (let k = 0; k < RULES.length; k++) {
      const rule = RULES[k];
      if (!rule.check || isSilenced(rule.code) || options.severities?.[rule.code] === 'off' || (options.essentialOnly && rule.cost !== 'essential')) continue;
      if (rule.source === 'knowledge' && !kb) continue;
      run(rule, ctx);
    }
    // concat, not push(...): a damaged letter can yield more findings than call arguments allow.
    raw = (letter.problems as readonly Finding[]).concat(ctx.findings);
    foldConsequences(raw, ctx);
  } else {
    raw = letter.problems.filter((p) => NOT_A_LETTER_CODES.has(p.code));
  }
  // By position; the sort is stable, so the parser's problems come first at equal positions.
  raw.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);

  const out: Diagnostic[] = [];
  for (let k = 0; k < raw.length; k++) {
    const f = raw[k];
    if (isSilenced(f.code)) continue;
    const severity = severityOf(f, options);
    if (severity === 'off') continue;
    out.push({ ...f, severity });
  }
  return out;
}

function run(rule: Rule, ctx: RuleContext): void {
  try {
    rule.check!(ctx);
  } catch (e) {
    // Rules are written not to throw; a bug in one must not hide the others.
    ctx.report('internal-error', { start: 0, end: 0 }, `A diagnostic rule (${rule.code}) failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * One defect, one diagnostic. Without the heading that ends the header table, the parser reads the
 * next section's lines as header values with no label; those lines are the body of the missing
 * section, which missing-section reports (whether or not that rule is shown), so they are dropped.
 */
function foldConsequences(raw: Finding[], ctx: RuleContext): void {
  // The parser reports it (its rule has no check): its problems alone are looked at first.
  if (!ctx.letter.problems.some((f) => f.code === 'header-value-without-label')) return;
  let missingFrom = Infinity;
  for (const m of ctx.memo(missingSections)) if (m.span.start < missingFrom) missingFrom = m.span.start;
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
