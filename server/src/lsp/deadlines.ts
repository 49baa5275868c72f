/**
 * The server command `imr.server.deadlines`: the dates every letter of an open document sets
 * running (core/deadlines.ts), as an iCalendar file the client saves where the user chooses.
 */
import { calendar, Deadline, Knowledge, letterDeadlines } from '../core';
import type { DeadlinesResult } from '../protocol';
import type { ParsedLetter } from './letters';

/** The document's deadlines as a calendar file written at `now`; null when no letter of it sets a date. */
export function deadlinesOf(parsed: ParsedLetter, kb: Knowledge, now: Date): DeadlinesResult | null {
  const all: Deadline[] = [];
  for (let k = 0; k < parsed.count; k++) all.push(...letterDeadlines(parsed.letter(k), kb));
  if (all.length === 0) return null;
  const cases = [...new Set(all.map((d) => d.caseNumber).filter((c): c is string => c !== null))];
  const title = cases.length === 0 ? 'IMR deadlines' : cases.length <= 3 ? `${cases.join(', ')} deadlines` : `${cases[0]} and ${cases.length - 1} more cases, deadlines`;
  return { title, content: calendar(all, now), events: all.map((d) => ({ kind: d.kind, date: d.date, title: d.title })) };
}
