/**
 * Hover on a decision word: what it means for the request, the estimated appeal deadline with the
 * rule of the letter's era, and for Upheld how long the UR decision stays in effect.
 */
import { appealDeadline, deadlineSentences, procedureAt, reRequestSentence, reRequestUntil, ruleName } from '../appeal';
import { isStatable, Knowledge, letterEra, lookupProcedure, SourceRef } from '../knowledge';
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
    const { head, rest } = deadlineSentences(kb, deadline, dd!.text);
    doc.para(`**${head}** ${rest}`);
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
  doc.para(`**Repeat request:** ${reRequestSentence(e, months, ur, rr?.until ?? null)}`);
}

function firstSentence(s: string): string {
  const m = /^.*?[.!?](?=\s|$)/.exec(s);
  return m ? m[0] : s;
}
