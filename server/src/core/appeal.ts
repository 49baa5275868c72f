/**
 * The dates an IMR determination sets running, as a careful reader would estimate them from the
 * letter alone: the last day to file a petition appealing the determination with the WCAB, and
 * how long the utilization review decision it upheld stays in effect.
 *
 * The rules are data (`server/knowledge/imr-procedure.json`, terms `appeal`, `mail-service`,
 * `appeal-rule`, `mail-rule`, `re-request`), each with the period it was in force, so a letter is
 * read with the rule numbers of its own date. Nothing here throws.
 *
 * What the dates rest on: the petition is due 30 days after service of the determination (Labor
 * Code §4610.6(h)); served by mail to a California address, five days more (WCAB en banc, Matute,
 * 2015). The letter shows only its Decision Date, so the estimate takes that as the day it was
 * mailed; the proof of service decides. A last day on a Saturday or Sunday moves to the Monday;
 * holidays are not known here and are not counted.
 */
import { isStatable, Knowledge, KnowledgeEntry } from './knowledge';
import type { DateNode } from './types';

export interface AppealDeadline {
  /** The Decision Date the count starts from (ISO). */
  readonly from: string;
  /** Days of the period (30) and days added for mail service in California (5). */
  readonly days: number;
  readonly mailDays: number;
  /** Last day to file if served by mail on the Decision Date to a California address (ISO), weekend-adjusted. */
  readonly byMail: string;
  /** The same count without the mail days (service by hand on the Decision Date), weekend-adjusted. */
  readonly byHand: string;
  /** When `byMail` fell on a weekend: the date before it was moved. */
  readonly byMailMovedFrom: string | null;
  /** The WCAB rule for the petition in force on the Decision Date, e.g. `10957.1`, and its entry. */
  readonly rule: { readonly section: string; readonly entry: KnowledgeEntry } | null;
  /** The rule that adds the mail days, in force on the Decision Date. */
  readonly mailRule: { readonly section: string; readonly entry: KnowledgeEntry } | null;
  /** The entry stating the mail-service holding (Matute). */
  readonly mailService: KnowledgeEntry | null;
  /** The entry stating the 30-day appeal and its grounds. */
  readonly appeal: KnowledgeEntry | null;
}

const DAY = 86_400_000;

/** ISO date `days` after `iso`. */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** ISO date `months` calendar months after `iso` (a day the target month lacks rolls into the next month). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + months, d)).toISOString().slice(0, 10);
}

export function weekday(iso: string): string {
  return ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][new Date(`${iso}T00:00:00Z`).getUTCDay()];
}

/** A Saturday or Sunday moves to the following Monday; other days stay. */
export function nextBusinessDay(iso: string): string {
  const dow = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return dow === 6 ? addDays(iso, 2) : dow === 0 ? addDays(iso, 1) : iso;
}

/**
 * The procedure entry for `term` in force on `date` (entries carry `validFrom`/`validTo`); without
 * a date, the one in force today (the latest). Only entries that may be stated as fact.
 */
export function procedureAt(kb: Knowledge, term: string, date: string | null): KnowledgeEntry | null {
  const t = term.toLowerCase();
  const candidates: KnowledgeEntry[] = [];
  for (const doc of kb.documents) {
    if (doc.kind !== 'procedure') continue;
    for (const e of doc.entries) if (e.locator.term?.toLowerCase() === t && isStatable(e)) candidates.push(e);
  }
  if (candidates.length === 0) return null;
  if (date === null) return candidates.find((e) => e.validTo === undefined) ?? candidates[candidates.length - 1];
  return candidates.find((e) => (e.validFrom === undefined || e.validFrom <= date) && (e.validTo === undefined || date <= e.validTo)) ?? null;
}

/** The regulation section a rule entry's topic names ("... 8 CCR §10957.1" -> "10957.1"). */
function ruleOf(e: KnowledgeEntry | null): { section: string; entry: KnowledgeEntry } | null {
  const m = e ? /§\s*(\d{4,5}(?:\.\d+)?)/.exec(e.topic) : null;
  return e && m ? { section: m[1], entry: e } : null;
}

/** The estimated last day to appeal a determination with this Decision Date (ISO). */
export function appealDeadline(kb: Knowledge, decisionIso: string): AppealDeadline {
  const appeal = procedureAt(kb, 'appeal', decisionIso);
  const mailService = procedureAt(kb, 'mail-service', decisionIso);
  const days = appeal?.limits?.find((l) => l.kind === 'deadline' && l.unit === 'days')?.max ?? 30;
  const mailDays = mailService?.limits?.find((l) => l.kind === 'deadline' && l.unit === 'days')?.max ?? 5;
  const rawMail = addDays(decisionIso, days + mailDays);
  const byMail = nextBusinessDay(rawMail);
  return {
    from: decisionIso,
    days,
    mailDays,
    byMail,
    byHand: nextBusinessDay(addDays(decisionIso, days)),
    byMailMovedFrom: byMail === rawMail ? null : rawMail,
    rule: ruleOf(procedureAt(kb, 'appeal-rule', decisionIso)),
    mailRule: ruleOf(procedureAt(kb, 'mail-rule', decisionIso)),
    mailService,
    appeal,
  };
}

/**
 * Until when a utilization review decision of `urIso` stays in effect for a repeat request: the
 * months the rule in force on that date states (12 under Labor Code §4610(g)(6) until 2017), and
 * the statute it is in. `until` is null when the rule of that date states no period here (the
 * section was rewritten from 2018 and its text is not confirmed): no date is made up.
 */
export function reRequestUntil(kb: Knowledge, urIso: string): { until: string | null; statute: string | null; entry: KnowledgeEntry } | null {
  const e = procedureAt(kb, 're-request', urIso);
  if (!e) return null;
  const months = e.limits?.find((l) => l.unit === 'months')?.max;
  return { until: months === undefined ? null : addMonths(urIso, months), statute: statuteOf(e), entry: e };
}

/** The statute an entry's topic names ("...: Labor Code §4610(g)(6)" -> "Labor Code §4610(g)(6)"). */
export function statuteOf(e: KnowledgeEntry): string | null {
  return /Labor Code §\s*\d+(?:\.\d+)?(?:\([a-z0-9]+\))*/.exec(e.topic)?.[0] ?? null;
}

/**
 * The estimated deadline in words, as the hover and the calendar file give it: `head` the date
 * ("Appeal deadline, estimated: Friday 2017-02-17."), `rest` what it rests on, the rule of the
 * letter's era and what the estimate cannot know.
 */
export function deadlineSentences(kb: Knowledge, d: AppealDeadline, decisionText: string): { head: string; rest: string } {
  const moved = d.byMailMovedFrom ? `; ${weekday(d.byMailMovedFrom)} ${d.byMailMovedFrom} moves to the next business day` : '';
  const rule = d.rule ? ` Rule for the petition: ${ruleName(kb, d.rule.entry)}.` : '';
  const mail = d.mailRule ? `; ${ruleName(kb, d.mailRule.entry)}` : '';
  return {
    head: `Appeal deadline, estimated: ${weekday(d.byMail)} ${d.byMail}.`,
    rest:
      `A petition to the WCAB is due ${d.days} days after service of the determination, ` +
      `${d.mailDays} days more when it is served by mail to a California address (WCAB en banc, Matute, 2015${mail}); ` +
      `counted from the Decision Date (${decisionText}) as the day of mailing${moved}. ` +
      `The proof of service decides: served by hand that day, the last day would be ${weekday(d.byHand)} ${d.byHand}; an address outside California adds 10 days, not 5; holidays are not counted here.${rule}`,
  };
}

/**
 * How long an upheld UR decision binds a repeat request, in one sentence: until about `until` when
 * the UR decision's date is known, else for `months` from its date.
 */
export function reRequestSentence(e: KnowledgeEntry, months: number, ur: DateNode | null, until: string | null): string {
  const statute = statuteOf(e) ?? 'Labor Code §4610';
  const when = until && ur ? `The UR decision of ${ur.text} stays in effect until about ${weekday(until)} ${until}` : `The UR decision stays in effect for ${months} months from its date`;
  return `${when} (${statute}): a new request by the same physician for the same treatment before then needs a documented change in the facts that mattered to the decision.`;
}

/**
 * A WCAB rule as a careful reader cites it for the letter's date: "8 CCR §10957.1 (its number until
 * 2019-12-31; §10575 from 2020-01-01)". The other period's number comes from the entry of the same
 * term in force then.
 */
export function ruleName(kb: Knowledge, e: KnowledgeEntry): string {
  const num = (x: KnowledgeEntry): string | null => /8 CCR §\s*([\d.]+)/.exec(x.topic)?.[1] ?? null;
  const mine = num(e);
  if (!mine) return e.topic;
  const term = e.locator.term ?? '';
  if (e.validTo) {
    const later = procedureAt(kb, term, addDays(e.validTo, 1));
    const n = later ? num(later) : null;
    return `8 CCR §${mine} (its number until ${e.validTo}${n && later?.validFrom ? `; §${n} from ${later.validFrom}` : ''})`;
  }
  if (e.validFrom) {
    const earlier = procedureAt(kb, term, addDays(e.validFrom, -1));
    const n = earlier ? num(earlier) : null;
    return `8 CCR §${mine} (from ${e.validFrom}${n ? `; §${n} before` : ''})`;
  }
  return `8 CCR §${mine}`;
}
