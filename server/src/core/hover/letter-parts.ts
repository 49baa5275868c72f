/** Hover on the letter's own parts: an item heading (its request), a header date, the case number. */
import { appealDeadline, weekday } from '../appeal';
import { classifyItems, describeRequestFacts, Vocabulary } from '../categories';
import { daysBetween } from '../dates';
import { Knowledge, lookupProcedure } from '../knowledge';
import type { DateKey, Item, Letter, Span } from '../types';
import { plural } from '../words';
import type { Doc } from './doc';
import { entryBody } from './entries';

/** The item heading: what its request asks for, from the request vocabulary. */
export function describeRequest(doc: Doc, letter: Letter, item: Item, vocabulary: Vocabulary): void {
  const facts = classifyItems(letter.items.map((it) => it.request), vocabulary)[item.index];
  doc.heading(`Item ${item.index + 1}: ${item.request}`);
  doc.list(describeRequestFacts(facts, vocabulary).map((l) => `**${l.label}:** ${l.value}`));
  doc.para('Read from the request with the request vocabulary (categories in the style of the DWC IMR reports); add your own words with the setting imr.vocabularyFile.');
}

const DATE_HEADERS: Record<DateKey, string> = {
  assigned: 'dateAssigned',
  decision: 'decisionDate',
  injury: 'dateOfInjury',
  urDenial: 'urDenialDate',
  applicationReceived: 'applicationReceived',
};

export function dateAt(letter: Letter, offset: number): { key: DateKey; span: Span } | null {
  for (const key of Object.keys(DATE_HEADERS) as DateKey[]) {
    const d = letter.dates[key];
    if (d && inside(d.span, offset)) return { key, span: d.span };
  }
  for (const f of letter.header) {
    const key = (Object.keys(DATE_HEADERS) as DateKey[]).find((k) => DATE_HEADERS[k] === f.key);
    if (key && inside(f.label.span, offset)) return { key, span: f.label.span };
  }
  return null;
}

export function describeDate(doc: Doc, letter: Letter, kb: Knowledge, key: DateKey): void {
  const e = lookupProcedure(kb, { header: DATE_HEADERS[key] });
  const d = letter.dates[key];
  doc.heading(`${e?.topic ?? key}${d ? `: ${d.text}${d.iso ? ` (${d.iso})` : ' (not a real calendar date)'}` : ''}`);
  const facts: string[] = [];
  const dec = letter.dates.decision?.iso;
  const asg = letter.dates.assigned?.iso;
  if (key === 'decision' && dec) {
    const due = appealDeadline(kb, dec);
    facts.push(`Appeal deadline, estimated: ${weekday(due.byMail)} ${due.byMail} (${due.days} days after service, ${due.mailDays} more for service by mail in California, counted from this date; the proof of service decides).`);
    if (asg) facts.push(`${plural(daysBetween(asg, dec), 'day')} after the Date Assigned.`);
  }
  if (key === 'assigned' && asg && dec) facts.push(`The decision followed ${plural(daysBetween(asg, dec), 'day')} later.`);
  if (key === 'urDenial' && d?.iso && letter.dates.applicationReceived?.iso) {
    facts.push(`The IMR application was received ${plural(daysBetween(d.iso, letter.dates.applicationReceived.iso), 'day')} later.`);
  }
  doc.list(facts);
  if (e) entryBody(doc, e);
}

export function describeCaseNumber(doc: Doc, letter: Letter, kb: Knowledge): void {
  const cn = letter.caseNumber!;
  doc.heading(`IMR case number ${cn.text}`);
  const m = /^CM(\d{2})-\d{7}$/.exec(cn.text);
  const received = letter.dates.applicationReceived?.iso;
  if (!m) doc.para('This does not have the usual shape CMyy-nnnnnnn.');
  else if (received) {
    const yy = received.slice(2, 4);
    doc.para(yy === m[1] ? `The prefix ${m[1]} matches the year the application was received (${received.slice(0, 4)}).` : `The prefix ${m[1]} differs from the year the application was received (${received.slice(0, 4)}); that happens for applications received at the very end of a year.`);
  }
  const e = lookupProcedure(kb, { header: 'caseNumber' });
  if (e) entryBody(doc, e);
}

export function inside(span: Span, offset: number): boolean {
  return span.start <= offset && offset < span.end;
}
