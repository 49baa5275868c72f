/**
 * Section rules: required sections per format, their order, and headings that appear twice.
 *
 * Required sections differ per format: F1b letters have the header table, HOW, the credentials
 * heading, CLINICAL CASE SUMMARY and IMR ISSUES; F1a letters (the seeds) have no header table and
 * may give the credentials inline in the HOW paragraph, so that heading is optional there; the F0
 * notice is known only from the opening of one letter, so only the parts seen in it are required.
 * F2, F3 and unrecognised formats are known from heading names only and are not checked.
 */
import { ISSUES_LEAD_IN, SECTION_TITLES, SUMMARY_LEAD_IN } from '../vocabulary';
import type { LetterFormat, Section, SectionKind, Span } from '../types';
import type { Rule, RuleContext } from '../diagnostics/context';

export interface SectionPlan {
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

/** Each section kind's place in `SECTION_TITLES`, which names every kind. */
const KIND_INDEX = new Map<SectionKind, number>((Object.keys(SECTION_TITLES) as SectionKind[]).map((k, i) => [k, i]));

/** The sections as the rules see them: the plan of the letter's format, each kind's first heading. */
interface SectionFacts {
  readonly plan: SectionPlan;
  /** The first heading of each kind, at the kind's place in `KIND_INDEX`. */
  readonly firstOf: readonly (Section | undefined)[];
  /** The first heading of each kind the plan orders, by its place in `plan.order`. */
  readonly byRank: readonly (Section | undefined)[];
  /** Those first headings are in the plan's order (nearly every letter's are). */
  readonly inOrder: boolean;
  /** Headings of a kind seen before. */
  readonly repeats: readonly { section: Section; first: Section }[];
}

const NO_REPEATS: readonly { section: Section; first: Section }[] = [];

function facts(ctx: RuleContext): SectionFacts | null {
  const plan = SECTION_PLANS[ctx.letter.format];
  if (!plan) return null;
  const byRank: (Section | undefined)[] = new Array(plan.order.length).fill(undefined);
  const firstOf: (Section | undefined)[] = new Array(KIND_INDEX.size).fill(undefined);
  let repeats: { section: Section; first: Section }[] | null = null;
  let inOrder = true;
  let last = -1;
  const { sections } = ctx.letter;
  for (let k = 0; k < sections.length; k++) {
    const s = sections[k];
    const i = KIND_INDEX.get(s.kind)!;
    const first = firstOf[i];
    if (first) {
      (repeats ??= []).push({ section: s, first });
      continue;
    }
    firstOf[i] = s;
    const r = plan.order.indexOf(s.kind);
    if (r < 0) continue;
    byRank[r] = s;
    if (r < last) inOrder = false;
    last = r;
  }
  return { plan, firstOf, byRank, inOrder, repeats: repeats ?? NO_REPEATS };
}

export const duplicateSection: Rule = {
  code: 'duplicate-section',
  defaultSeverity: 'warning',
  description: 'A section heading appears more than once.',
  cost: 'essential',
  source: 'letter',
  check(ctx) {
    for (const { section: s, first: seen } of ctx.memo(facts)?.repeats ?? []) {
      ctx.report(
        'duplicate-section',
        s.heading,
        `The ${headingName(s.kind)} heading appears a second time (first at "${ctx.quote(seen.heading, 40)}"). ` +
          'Remove the repeated heading or merge the two sections.',
        { data: { kind: s.kind, first: seen.heading } },
      );
    }
  },
};

export const sectionOrder: Rule = {
  code: 'section-order',
  defaultSeverity: 'warning',
  description: 'A section heading is out of the order the letter format prescribes.',
  cost: 'essential',
  source: 'letter',
  check(ctx) {
    const f = ctx.memo(facts);
    if (!f) return;
    const { plan, byRank, firstOf, inOrder: ordered } = f;
    if (ordered) return;
    // The first headings of the kinds the plan orders, in text order, and their places in the plan.
    const firsts: Section[] = [];
    const ranks: number[] = [];
    for (const s of ctx.letter.sections) {
      const r = plan.order.indexOf(s.kind);
      if (r >= 0 && firstOf[KIND_INDEX.get(s.kind)!] === s) {
        firsts.push(s);
        ranks.push(r);
      }
    }
    // The sections outside one longest in-order run are the ones out of place.
    const inOrder = longestIncreasing(ranks);
    for (let i = 0; i < firsts.length; i++) {
      if (inOrder.has(i)) continue;
      const s = firsts[i];
      const r = ranks[i];
      const before = plan.order.slice(0, r).filter((_, k) => byRank[k]);
      const after = plan.order.slice(r + 1).filter((_, k) => byRank[r + 1 + k]);
      const place = after.length ? `before ${headingName(after[0])}` : `after ${headingName(before[before.length - 1])}`;
      ctx.report(
        'section-order',
        s.heading,
        `The ${headingName(s.kind)} section is out of order: it belongs ${place}. ` +
          `Sections run ${plan.order.map((k) => SECTION_TITLES[k]).join(' → ')}.`,
        { data: { kind: s.kind } },
      );
    }
  },
};

/** The required sections that are missing (and optional ones whose body is there without its
 *  heading), with where each heading belongs. */
export function missingSections(ctx: RuleContext): { kind: SectionKind; span: Span; plan: SectionPlan; byRank: readonly (Section | undefined)[] }[] {
  const f = ctx.memo(facts);
  if (!f) return [];
  const { plan, byRank } = f;
  const out = [];
  for (let r = 0; r < plan.order.length; r++) {
    if (byRank[r]) continue;
    const kind = plan.order[r];
    const anchored = bodyAnchor(ctx, r, plan, byRank);
    if (!plan.required.includes(kind) && !anchored) continue;
    out.push({ kind, span: anchored ?? fallbackSpan(ctx, r, byRank), plan, byRank });
  }
  return out;
}

export const missingSection: Rule = {
  code: 'missing-section',
  defaultSeverity: 'error',
  description: 'A section the letter format requires (header table, HOW, credentials, CLINICAL CASE SUMMARY, IMR ISSUES) is missing.',
  cost: 'essential',
  source: 'letter',
  check(ctx) {
    for (const { kind, span, plan, byRank } of ctx.memo(missingSections)) {
      const what = kind === 'header' ? 'The header table (Case Number, dates, Priority)' : `The ${headingName(kind)} heading`;
      ctx.report(
        'missing-section',
        span,
        `${what} is missing. ${kind === 'header' ? 'Add the header table at the top of the letter.' : `Add the heading ${where(plan.order.indexOf(kind), byRank)}.`}`,
        { data: { kind } },
      );
    }
  },
};

/** The first section present after place `r` of the plan's order. */
function presentAfter(r: number, byRank: readonly (Section | undefined)[]): Section | undefined {
  for (let k = r + 1; k < byRank.length; k++) if (byRank[k]) return byRank[k];
  return undefined;
}

/** The last section present before place `r` of the plan's order. */
function presentBefore(r: number, byRank: readonly (Section | undefined)[]): Section | undefined {
  for (let k = r - 1; k >= 0; k--) if (byRank[k]) return byRank[k];
  return undefined;
}

function where(r: number, byRank: readonly (Section | undefined)[]): string {
  const after = presentAfter(r, byRank);
  if (after) return `before ${headingName(after.kind)}`;
  const before = presentBefore(r, byRank);
  return before ? `after the ${SECTION_TITLES[before.kind].toLowerCase()} section` : 'in its place';
}

/** Where a missing heading belongs: the line that opens the section's body (its fixed lead-in). */
function bodyAnchor(ctx: RuleContext, r: number, plan: SectionPlan, byRank: readonly (Section | undefined)[]): Span | null {
  const anchor = BODY_ANCHORS[plan.order[r]];
  if (!anchor) return null;
  const prev = presentBefore(r, byRank);
  const next = presentAfter(r, byRank);
  const from = prev ? prev.heading.end : ctx.range.start;
  const to = next ? next.heading.start : ctx.range.end;
  const { text } = ctx;
  for (const l = ctx.linesFrom(from); l.next(); ) {
    if (l.cs < from) continue;
    if (l.cs >= to) break;
    if (l.ce > l.cs && anchor.test(text.slice(l.cs, Math.min(l.ce, l.cs + 200)))) return { start: l.cs, end: l.ce };
  }
  return null;
}

/** Without the section's body: the heading of the next section present, else the previous one. */
function fallbackSpan(ctx: RuleContext, r: number, byRank: readonly (Section | undefined)[]): Span {
  const next = presentAfter(r, byRank);
  if (next) return next.heading;
  const prev = presentBefore(r, byRank);
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

export const rules: readonly Rule[] = [missingSection, sectionOrder, duplicateSection];
