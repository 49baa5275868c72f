/**
 * Section rules: required sections per format, their order, and headings that appear twice.
 *
 * Required sections differ per format: F1b letters have the header table, HOW, the credentials
 * heading, CLINICAL CASE SUMMARY and IMR ISSUES; F1a letters (the seeds) have no header table and
 * may give the credentials inline in the HOW paragraph, so that heading is optional there; the F0
 * notice is known only from the opening of one letter, so only the parts seen in it are required.
 * F2, F3 and unrecognised formats are known from heading names only and are not checked.
 */
import { SECTION_TITLES } from '../vocabulary';
import { ISSUES_LEAD_IN, SUMMARY_LEAD_IN } from '../vocabulary';
import type { LetterFormat, Section, SectionKind, Span } from '../types';
import type { RuleContext } from './context';

interface SectionPlan {
  /** Every section kind the format may have, in the order they must appear. */
  readonly order: readonly SectionKind[];
  readonly required: readonly SectionKind[];
}

export const SECTION_PLANS: Partial<Record<LetterFormat, SectionPlan>> = {
  F1b: { order: ['header', 'how', 'credentials', 'summary', 'issues'], required: ['header', 'how', 'credentials', 'summary', 'issues'] },
  F1a: { order: ['how', 'credentials', 'summary', 'issues'], required: ['how', 'summary', 'issues'] },
  F0: { order: ['notice', 'rationale', 'qualifications', 'summary'], required: ['notice', 'rationale', 'qualifications', 'summary'] },
};

/** Headings as a letter writes them, for messages. */
const HEADING_TEXT: Partial<Record<SectionKind, string>> = {
  how: 'HOW THE IMR FINAL DETERMINATION WAS MADE',
  credentials: 'The Expert Reviewer has the following credentials:',
  summary: 'CLINICAL CASE SUMMARY',
  issues: 'IMR ISSUES, DECISIONS AND RATIONALES',
  rationale: 'INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE',
  qualifications: 'Medical Qualifications of the Expert Reviewer:',
};

/** Lines that open a section's body: where the heading belongs when it is missing. */
const BODY_ANCHORS: Partial<Record<SectionKind, RegExp>> = {
  how: /^MAXIMUS Federal Services sent the (?:complete )?case file/i,
  credentials: /^State\(s\) of Licensure\s*:/i,
  summary: SUMMARY_LEAD_IN,
  issues: ISSUES_LEAD_IN,
  qualifications: /^The independent Medical Doctor who made the decision/i,
};

function headingName(kind: SectionKind): string {
  const h = HEADING_TEXT[kind];
  return h ? `"${h}"` : SECTION_TITLES[kind].toLowerCase();
}

export function checkSections(ctx: RuleContext): void {
  const { letter } = ctx;
  const plan = SECTION_PLANS[letter.format];
  if (!plan) return;
  const rank = new Map<SectionKind, number>(plan.order.map((k, i) => [k, i]));

  // First occurrence of each kind, and the repeats.
  const first = new Map<SectionKind, Section>();
  const firsts: Section[] = [];
  for (const s of letter.sections) {
    const seen = first.get(s.kind);
    if (seen) {
      ctx.report(
        'duplicate-section',
        s.heading,
        `The ${headingName(s.kind)} heading appears a second time (first at "${ctx.quote(seen.heading, 40)}"). ` +
          'Remove the repeated heading or merge the two sections.',
        { data: { kind: s.kind, first: seen.heading } },
      );
      continue;
    }
    first.set(s.kind, s);
    if (rank.has(s.kind)) firsts.push(s);
  }

  // Order: the sections outside one longest in-order run are the ones out of place.
  const inOrder = longestIncreasing(firsts.map((s) => rank.get(s.kind)!));
  for (let i = 0; i < firsts.length; i++) {
    if (inOrder.has(i)) continue;
    const s = firsts[i];
    const r = rank.get(s.kind)!;
    const before = plan.order.slice(0, r).filter((k) => first.has(k));
    const after = plan.order.slice(r + 1).filter((k) => first.has(k));
    const where = after.length
      ? `before ${headingName(after[0])}`
      : `after ${headingName(before[before.length - 1])}`;
    ctx.report(
      'section-order',
      s.heading,
      `The ${headingName(s.kind)} section is out of order: it belongs ${where}. ` +
        `Sections run ${plan.order.map((k) => SECTION_TITLES[k]).join(' → ')}.`,
      { data: { kind: s.kind } },
    );
  }

  // Missing sections: the required ones, and optional ones whose body is there without its
  // heading (F1a credentials given as "State(s) of Licensure:" lines rather than inline).
  for (const kind of plan.order) {
    if (first.has(kind)) continue;
    const anchored = bodyAnchor(ctx, kind, plan, first);
    if (!plan.required.includes(kind) && !anchored) continue;
    const span = anchored ?? fallbackSpan(ctx, kind, plan, first);
    const what = kind === 'header' ? 'The header table (Case Number, dates, Priority)' : `The ${headingName(kind)} heading`;
    ctx.report(
      'missing-section',
      span,
      `${what} is missing. ${kind === 'header' ? 'Add the header table at the top of the letter.' : `Add the heading ${where(kind, plan, first)}.`}`,
      { data: { kind } },
    );
  }
}

function where(kind: SectionKind, plan: SectionPlan, present: Map<SectionKind, Section>): string {
  const r = plan.order.indexOf(kind);
  const after = plan.order.slice(r + 1).find((k) => present.has(k));
  if (after) return `before ${headingName(after)}`;
  const before = plan.order.slice(0, r).reverse().find((k) => present.has(k));
  return before ? `after the ${SECTION_TITLES[before].toLowerCase()} section` : 'in its place';
}

/** Where a missing heading belongs: the line that opens the section's body (its fixed lead-in). */
function bodyAnchor(ctx: RuleContext, kind: SectionKind, plan: SectionPlan, present: Map<SectionKind, Section>): Span | null {
  const anchor = BODY_ANCHORS[kind];
  if (!anchor) return null;
  const r = plan.order.indexOf(kind);
  const prev = plan.order.slice(0, r).reverse().map((k) => present.get(k)).find((s) => s !== undefined);
  const next = plan.order.slice(r + 1).map((k) => present.get(k)).find((s) => s !== undefined);
  const from = prev ? prev.heading.end : ctx.range.start;
  const to = next ? next.heading.start : ctx.range.end;
  const { lines, text } = ctx;
  for (let i = ctx.lineIndexAt(from); i < lines.length; i++) {
    const l = lines[i];
    if (l.cs < from) continue;
    if (l.cs >= to) break;
    if (l.ce > l.cs && anchor.test(text.slice(l.cs, Math.min(l.ce, l.cs + 200)))) return { start: l.cs, end: l.ce };
  }
  return null;
}

/** Without the section's body: the heading of the next section present, else the previous one. */
function fallbackSpan(ctx: RuleContext, kind: SectionKind, plan: SectionPlan, present: Map<SectionKind, Section>): Span {
  const r = plan.order.indexOf(kind);
  const next = plan.order.slice(r + 1).map((k) => present.get(k)).find((s) => s !== undefined);
  if (next) return next.heading;
  const prev = plan.order.slice(0, r).reverse().map((k) => present.get(k)).find((s) => s !== undefined);
  if (prev) return prev.heading;
  return ctx.lineContentAt(0);
}

/** Indices of one longest strictly increasing subsequence (n is at most a handful of sections). */
function longestIncreasing(values: readonly number[]): Set<number> {
  const n = values.length;
  const len = new Array<number>(n).fill(1);
  const prev = new Array<number>(n).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (values[j] < values[i] && len[j] + 1 > len[i]) {
        len[i] = len[j] + 1;
        prev[i] = j;
      }
    }
  }
  let best = -1;
  for (let i = 0; i < n; i++) if (best < 0 || len[i] > len[best]) best = i;
  const out = new Set<number>();
  for (let i = best; i >= 0; i = prev[i]) out.add(i);
  return out;
}
