/**
 * Hover on a decision word: what it means for the request, the estimated appeal deadline with the
 * rule of the letter's era, and for Upheld how long the UR decision stays in effect.
 */
import { addDays, AppealDeadline, appealDeadline, procedureAt, reRequestUntil, statuteOf, weekday } from '../appeal';
import { isStatable, Knowledge, KnowledgeEntry, letterEra, lookupProcedure, SourceRef } from '../knowledge';
import type { Item, Letter } from '../types';
import type { Doc } from './doc';
import { limitList, sameSource } from './entries';

/**
 * A decision word: what it means for the request and the appeal deadline first (the two facts a
 * reader needs), then, for Upheld, how long the UR decision stays in effect; the details after.
 */
export function describeDecision(doc: Doc, letter: Letter, kb: Knowledge, item: Item): void {
  const written = item.decisionText?.text ?? '';
  const decision = item.decision;
  const e = decision ? lookupProcedure(kb, { term: decision }) : null;
  const era = letterEra(letter, kb);
  const dd = letter.dates.decision;
  if (!decision) {
    doc.heading(`Decision "${written}"`);
    doc.para('The decision word is not one the letters use (Upheld or Overturned), so its meaning cannot be told.');
  } else {
    doc.heading(`${decision}${written && written !== decision ? ` ("${written}")` : ''}: ${decision === 'Upheld' ? 'the request stays denied' : 'the request is to be authorised'}`);
    if (e && isStatable(e)) doc.para(firstSentence(e.summary));
    if (e && decision === 'Overturned') limitList(doc, e);
  }
  const deadline = dd?.iso ? appealDeadline(kb, dd.iso) : null;
  if (deadline) {
    doc.para(deadlineText(kb, deadline, dd!.text));
  } else {
    const rule = procedureAt(kb, 'appeal-rule', era.date);
    doc.para(`**Appeal:** a petition to the WCAB within 30 days of service of the determination (five more if served by mail in California)${rule ? `, ${ruleName(kb, rule)}` : ''}. The letter shows no decision date, so no date is estimated.`);
  }
  if (decision === 'Upheld') reRequest(doc, letter, kb);
  doc.rule();
  if (e && isStatable(e)) {
    const rest = e.summary.slice(firstSentence(e.summary).length).trim();
    if (rest) doc.para(rest);
    if (e.notes) doc.para(`Note: ${e.notes}`);
  }
  const appeal = deadline?.appeal ?? lookupProcedure(kb, { term: 'appeal' });
  if (appeal && isStatable(appeal)) doc.para(`**${appeal.topic}.** ${appeal.summary}`);
  if (deadline?.mailService) doc.para(`**${deadline.mailService.topic}.** ${deadline.mailService.summary}`);
  const sources: SourceRef[] = [];
  for (const x of [e, appeal, deadline?.mailService, deadline?.rule?.entry, deadline?.mailRule?.entry]) {
    if (x && isStatable(x)) for (const s of x.sources) if (!sources.some((y) => sameSource(y, s))) sources.push(s);
  }
  doc.sources(sources);
}

/** The deadline paragraph: the date for service by mail on the Decision Date, labelled an estimate, with the rule of the letter's era. */
function deadlineText(kb: Knowledge, d: AppealDeadline, decisionText: string): string {
  const moved = d.byMailMovedFrom ? `; ${weekday(d.byMailMovedFrom)} ${d.byMailMovedFrom} moves to the next business day` : '';
  const rule = d.rule ? ` Rule for the petition: ${ruleName(kb, d.rule.entry)}.` : '';
  const mail = d.mailRule ? `; ${ruleName(kb, d.mailRule.entry)}` : '';
  return (
    `**Appeal deadline, estimated: ${weekday(d.byMail)} ${d.byMail}.** A petition to the WCAB is due ${d.days} days after service of the determination, ` +
    `${d.mailDays} days more when it is served by mail to a California address (WCAB en banc, Matute, 2015${mail}); ` +
    `counted from the Decision Date (${decisionText}) as the day of mailing${moved}. ` +
    `The proof of service decides: served by hand that day, the last day would be ${weekday(d.byHand)} ${d.byHand}; an address outside California adds 10 days, not 5; holidays are not counted here.${rule}`
  );
}

/**
 * A WCAB rule as a careful reader cites it for the letter's date: "8 CCR §10957.1 (its number until
 * 2019-12-31; §10575 from 2020-01-01)". The other period's number comes from the entry of the same
 * term in force then.
 */
function ruleName(kb: Knowledge, e: KnowledgeEntry): string {
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

/** For an Upheld item: the UR decision stays in effect 12 months from its date (Labor Code §4610). */
function reRequest(doc: Doc, letter: Letter, kb: Knowledge): void {
  const ur = letter.dates.urDenial;
  const rr = ur?.iso ? reRequestUntil(kb, ur.iso) : null;
  const e = rr?.entry ?? procedureAt(kb, 're-request', letterEra(letter, kb).date);
  if (!e) return;
  const months = e.limits?.find((l) => l.unit === 'months')?.max;
  if (months === undefined) {
    // The rule of the UR decision's date states no period here: say what is known, give no date.
    doc.para(`**Repeat request:** ${e.summary}`);
    return;
  }
  const statute = statuteOf(e) ?? 'Labor Code §4610';
  const when = rr?.until && ur ? `The UR decision of ${ur.text} stays in effect until about ${weekday(rr.until)} ${rr.until}` : `The UR decision stays in effect for ${months} months from its date`;
  doc.para(`**Repeat request:** ${when} (${statute}): a new request by the same physician for the same treatment before then needs a documented change in the facts that mattered to the decision.`);
}

function firstSentence(s: string): string {
  const m = /^.*?[.!?](?=\s|$)/.exec(s);
  return m ? m[0] : s;
}
