/**
 * Header date rules: dates that are not real dates, dates out of their legal order, and a decision
 * far outside the review window.
 */
import { objectList } from '../lists';
import { daysBetween } from '../dates';
import type { DateKey, DateNode } from '../types';
import type { Rule } from '../diagnostics/context';

/** The legal order of the header dates: each happens on or after the one before. */
export const DATE_CHAIN: readonly DateKey[] = ['injury', 'urDenial', 'applicationReceived', 'assigned', 'decision'];

export const DATE_NAMES: Readonly<Record<DateKey, string>> = {
  injury: 'Date of Injury',
  urDenial: 'UR Denial Date',
  applicationReceived: 'Application Received',
  assigned: 'Date Assigned',
  decision: 'Decision Date',
};

/**
 * Longest Date Assigned → Decision Date gap that is still inside the review window. The medical
 * records are due at the IMR organisation 15 days after the notice of assignment is mailed (8 CCR
 * §9792.10.5(a)(1)) and the determination 30 days after the records arrive (Labor Code
 * §4610.6(d)): 45 days in all. The sample's gaps were 21 to 39 days (median 27), so 45 leaves room
 * for mailing and weekends without hiding a decision that is weeks late.
 */
export const REVIEW_WINDOW_DAYS = 45;

export const invalidDate: Rule = {
  code: 'invalid-date',
  defaultSeverity: 'error',
  description: 'A header date is not a real calendar date.',
  cost: 'essential',
  source: 'letter',
  check(ctx) {
    const { dates } = ctx.letter;
    // Dates that are not real calendar dates.
    for (let k = 0; k < DATE_CHAIN.length; k++) {
      const key = DATE_CHAIN[k];
      const d = dates[key];
      if (d && d.iso === null) {
        ctx.report(
          'invalid-date',
          d.span,
          `${DATE_NAMES[key]} "${d.text}" is not a real date. Write it as MM/DD/YYYY with a valid month and day.`,
          { data: { key } },
        );
      }
    }
  },
};

export const dateOrder: Rule = {
  code: 'date-order',
  defaultSeverity: 'warning',
  description: 'Header dates are out of their legal order: injury ≤ UR denial ≤ application received ≤ assigned ≤ decision.',
  cost: 'essential',
  source: 'letter',
  check(ctx) {
    const { dates } = ctx.letter;
    if (inOrder(dates)) return;
    // Order: the dates left out of some longest in-order run are the ones out of place. For two
    // neighbours swapped, that is exactly those two.
    const present: { key: DateKey; node: DateNode & { iso: string } }[] = [];
    for (const key of DATE_CHAIN) {
      const d = dates[key];
      if (d && d.iso !== null) present.push({ key, node: d as DateNode & { iso: string } });
    }
    const isos = objectList<string>();
    for (const p of present) isos.push(p.node.iso);
    const outOfPlace = outsideSomeLongestRun(isos);
    for (const i of outOfPlace) {
      const p = present[i];
      // Name the first date it conflicts with, for the message.
      let partner = -1;
      for (let j = 0; j < present.length && partner < 0; j++) {
        if (j < i && present[j].node.iso > p.node.iso) partner = j;
        if (j > i && present[j].node.iso < p.node.iso) partner = j;
      }
      const q = partner >= 0 ? present[partner] : null;
      const relation = q ? `${partner < i ? 'before' : 'after'} ${DATE_NAMES[q.key]} ${q.node.text}` : 'out of order';
      ctx.report(
        'date-order',
        p.node.span,
        `${DATE_NAMES[p.key]} ${p.node.text} is ${relation}. The dates must run ` +
          `${DATE_CHAIN.map((k) => DATE_NAMES[k]).join(' ≤ ')}; check for a typo or swapped values.`,
        { data: { key: p.key, conflictsWith: q?.key ?? null } },
      );
    }
  },
};

export const reviewWindow: Rule = {
  code: 'decision-outside-review-window',
  defaultSeverity: 'warning',
  description: `The decision came more than ${REVIEW_WINDOW_DAYS} days after the case was assigned.`,
  cost: 'essential',
  source: 'letter',
  check(ctx) {
    const { dates } = ctx.letter;
    // Review window: Date Assigned → Decision Date.
    const a = dates.assigned;
    const dec = dates.decision;
    if (a?.iso && dec?.iso) {
      const days = daysBetween(a.iso, dec.iso);
      if (days > REVIEW_WINDOW_DAYS) {
        ctx.report(
          'decision-outside-review-window',
          dec.span,
          `The decision came ${days} days after the case was assigned (${a.text}); the review window is about ` +
            `${REVIEW_WINDOW_DAYS} days (15 days for the records, 8 CCR 9792.10.5, then 30 days, Labor Code 4610.6(d)). Check both dates.`,
          { data: { days, limit: REVIEW_WINDOW_DAYS } },
        );
      }
    }
  },
};

/** The real dates among the header's run in their legal order (nearly every letter's do): read
 *  without listing them. */
function inOrder(dates: Readonly<Record<DateKey, DateNode | null>>): boolean {
  let prev = '';
  for (let k = 0; k < DATE_CHAIN.length; k++) {
    const iso = dates[DATE_CHAIN[k]]?.iso;
    if (iso === null || iso === undefined) continue;
    if (iso < prev) return false;
    prev = iso;
  }
  return true;
}

/** Indices not in at least one longest non-decreasing subsequence (n ≤ 5: all subsets). */
function outsideSomeLongestRun(values: readonly string[]): number[] {
  const n = values.length;
  // Dates in order (nearly every letter): the whole run is the longest.
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) if (values[i] < values[i - 1]) sorted = false;
  if (sorted) return [];
  let best = 0;
  const bestMasks: number[] = [];
  for (let mask = 0; mask < 1 << n; mask++) {
    let ok = true;
    let prev = '';
    let size = 0;
    for (let i = 0; i < n && ok; i++) {
      if (!(mask & (1 << i))) continue;
      if (values[i] < prev) ok = false;
      prev = values[i];
      size++;
    }
    if (!ok) continue;
    if (size > best) {
      best = size;
      bestMasks.length = 0;
    }
    if (size === best) bestMasks.push(mask);
  }
  if (best === n) return [];
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (bestMasks.some((m) => !(m & (1 << i)))) out.push(i);
  return out;
}

export const rules: readonly Rule[] = [dateOrder, invalidDate, reviewWindow];
