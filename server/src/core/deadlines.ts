/**
 * The dates a letter sets running, as calendar events: the estimated last day to appeal the
 * determination, and, when the IMR upheld a request, the day the utilization review decision stops
 * binding a repeat request. The dates and their wording are appeal.ts's (the hover says the same);
 * `calendar` writes them as an iCalendar file (RFC 5545) that Outlook, Google Calendar and Apple
 * Calendar import. Each event says it is an estimate and what the estimate cannot know.
 *
 * Pure: the time stamp the format requires is given by the caller. Nothing here throws.
 */
import { addDays, appealDeadline, deadlineSentences, reRequestSentence, reRequestUntil } from './appeal';
import { hash } from './hash';
import { Knowledge } from './knowledge';
import type { Item, Letter, Span } from './types';

export type DeadlineKind = 'appeal' | 'repeat-request';

export interface Deadline {
  readonly kind: DeadlineKind;
  /** The day (ISO `YYYY-MM-DD`). */
  readonly date: string;
  /** The letter's case number as written, or null when it has none. */
  readonly caseNumber: string | null;
  /** A one-line title for a calendar: what the day is, for which case. */
  readonly title: string;
  /** Plain text: the estimate, what it rests on, and the letter's items it concerns. */
  readonly description: string;
  /** Where the letter states the date it is counted from (the Decision Date, the UR Denial Date). */
  readonly span: Span;
  /** Identifies the event across exports of the same letter (the same letter gives the same id). */
  readonly id: string;
}

/**
 * The deadlines of one letter: none when it is not a letter or its Decision Date is not a real date;
 * the repeat-request day only with an upheld item, a real UR Denial Date and a rule of that date
 * that states the period (no date is made up).
 */
export function letterDeadlines(letter: Letter, kb: Knowledge): Deadline[] {
  const out: Deadline[] = [];
  const decided = letter.dates.decision;
  if (!letter.isLetter || !decided?.iso) return out;
  const caseNumber = letter.caseNumber?.text ?? null;
  const who = caseNumber ? `IMR ${caseNumber}` : 'IMR letter';
  const key = caseNumber ?? hash(letter.items.map((i) => i.request).join('\n'));
  const d = appealDeadline(kb, decided.iso);
  const { head, rest } = deadlineSentences(kb, d, decided.text);
  out.push({
    kind: 'appeal',
    date: d.byMail,
    caseNumber,
    title: `${who}: last day to appeal (estimate)`,
    description: `${head} ${rest}\n\n${itemLines(letter.items)}`,
    span: decided.span,
    id: `appeal-${key}-${decided.iso}`,
  });
  const upheld = letter.items.filter((i) => i.decision === 'Upheld');
  const ur = letter.dates.urDenial;
  const rr = upheld.length > 0 && ur?.iso ? reRequestUntil(kb, ur.iso) : null;
  const months = rr?.entry.limits?.find((l) => l.unit === 'months')?.max;
  if (rr?.until && ur && months !== undefined) {
    out.push({
      kind: 'repeat-request',
      date: rr.until,
      caseNumber,
      title: `${who}: the upheld UR decision stops binding a repeat request (estimate)`,
      description: `${reRequestSentence(rr.entry, months, ur, rr.until)}\n\nUpheld by the IMR:\n${itemLines(upheld)}`,
      span: ur.span,
      id: `repeat-request-${key}-${ur.iso}`,
    });
  }
  return out;
}

function itemLines(items: readonly Item[]): string {
  return items.map((i) => `${i.index + 1}. ${i.request || '(no request read)'}: ${i.decision ?? 'no decision read'}`).join('\n');
}

/** The product that writes the file, as iCalendar names it. */
const PRODUCT = '-//IMR Letters for VS Code//Deadlines//EN';

/**
 * The deadlines as one iCalendar file: an all-day event for each (events with the same id once),
 * lines ended by CRLF and folded at 75 octets, text escaped as RFC 5545 requires. `stamp` is when
 * the file is written (its DTSTAMP).
 */
export function calendar(deadlines: readonly Deadline[], stamp: Date): string {
  return CALENDAR_HEAD + calendarEvents(deadlines, stamp) + CALENDAR_END;
}

/** What opens a calendar file, before its events (`calendarEvents`). */
export const CALENDAR_HEAD = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${PRODUCT}`, 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'].join('\r\n') + '\r\n';
/** What closes it. */
export const CALENDAR_END = 'END:VCALENDAR\r\n';

/**
 * The events of `calendar`, without the lines that open and close the file: a file of many
 * letters (`imr extract --format ics`) is its head, each letter's events, and its end.
 */
export function calendarEvents(deadlines: readonly Deadline[], stamp: Date): string {
  const lines: string[] = [];
  const when = stampOf(stamp);
  const seen = new Set<string>();
  for (const d of deadlines) {
    if (seen.has(d.id)) continue;
    seen.add(d.id);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(d.id)}@imr-letters.invalid`,
      `DTSTAMP:${when}`,
      `DTSTART;VALUE=DATE:${compact(d.date)}`,
      `DTEND;VALUE=DATE:${compact(addDays(d.date, 1))}`,
      `SUMMARY:${escapeText(d.title)}`,
      `DESCRIPTION:${escapeText(d.description)}`,
      // A deadline is a reminder, not time taken: it does not show the day as busy.
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  return lines.map((l) => `${fold(l)}\r\n`).join('');
}

/** TEXT as RFC 5545 writes it: backslash, semicolon and comma escaped, line ends as `\n`. */
export function escapeText(s: string): string {
  return s.replace(TEXT_SPECIAL, (c) => `\\${c}`).replace(LINE_END, '\\n');
}

/** What TEXT escapes with a backslash, and a line end (written `\n`). */
const TEXT_SPECIAL = /[\\;,]/g;
const LINE_END = /\r\n|\r|\n/g;

/**
 * A content line folded as RFC 5545 asks: at most 75 octets of UTF-8 a line, continued on lines
 * that start with a space; a character is never split.
 */
export function fold(line: string): string {
  // A UTF-16 unit is at most 3 octets of UTF-8: 25 of them always fit.
  if (line.length <= 25 || (line.length <= 75 && !NON_ASCII.test(line))) return line;
  const parts: string[] = [];
  let part = '';
  let octets = 0;
  // The first line holds 75 octets; each continuation line, after its leading space, 74.
  let room = 75;
  for (const ch of line) {
    const n = utf8Length(ch.codePointAt(0)!);
    if (octets + n > room) {
      parts.push(part);
      part = '';
      octets = 0;
      room = 74;
    }
    part += ch;
    octets += n;
  }
  parts.push(part);
  return parts.join('\r\n ');
}

const NON_ASCII = /[^\x00-\x7f]/;

/** Octets of a code point in UTF-8. */
function utf8Length(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

function compact(iso: string): string {
  return iso.replace(DASHES, '');
}

const DASHES = /-/g;

/** A UTC date-time as iCalendar writes it: `20261206T182300Z`. */
function stampOf(d: Date): string {
  return d.toISOString().replace(DATE_PUNCTUATION, '').replace(MILLISECONDS, '');
}

const DATE_PUNCTUATION = /[-:]/g;
const MILLISECONDS = /\.\d{3}/;
