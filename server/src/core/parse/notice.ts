/**
 * The 2013 notice (format F0): its numbered determinations and the dates written in its prose;
 * and the letter's dates from the header table.
 */
import { toIsoDate } from '../dates';
import { collapse } from '../collapse';
import { Joined, joinLines } from '../text';
import type { DateKey, DateNode, HeaderField, HeaderKey, Item, LetterFormat } from '../types';
import type { LetterReader } from './reader';

export function parseNoticeItems(r: LetterReader): Item[] {
  const { lines, text } = r;
  const rationale = r.headings.find((h) => h.kind === 'rationale');
  const endLine = rationale ? rationale.line + 1 : Math.min(lines.length, 60);
  const joined = joinLines(text, lines, 0, endLine, undefined, rationale ? rationale.span.start : undefined);
  return noticeItems(joined);
}

export function collectDates(r: LetterReader, header: readonly HeaderField[], format: LetterFormat): Record<DateKey, DateNode | null> {
  const dates: Record<DateKey, DateNode | null> = {
    assigned: dateOf(header, 'dateAssigned'),
    decision: dateOf(header, 'decisionDate'),
    injury: dateOf(header, 'dateOfInjury'),
    urDenial: dateOf(header, 'urDenialDate'),
    applicationReceived: dateOf(header, 'applicationReceived'),
  };
  if (format === 'F0') Object.assign(dates, noticeDates(r, dates));
  return dates;
}

/** The date the header gives for `key`: the value of its first field of that key. */
function dateOf(header: readonly HeaderField[], key: HeaderKey): DateNode | null {
  for (let k = 0; k < header.length; k++) {
    if (header[k].key !== key) continue;
    const v = header[k].value;
    return v ? { text: v.text, span: v.span, iso: toIsoDate(v.text) } : null;
  }
  return null;
}

/** Dates written in the 2013 notice's prose. */
export function noticeDates(r: LetterReader, existing: Record<DateKey, DateNode | null>): Partial<Record<DateKey, DateNode | null>> {
  const { lines, text } = r;
  const joined = joinLines(text, lines, 0, Math.min(lines.length, 80));
  const s = joined.text.slice(0, 6000);
  const find = (re: RegExp): DateNode | null => {
    const m = re.exec(s);
    if (!m) return null;
    const from = m.index + m[0].length - m[1].length;
    return { text: m[1], span: joined.span(from, from + m[1].length), iso: toIsoDate(m[1]) };
  };
  const dateRe = '(\\d{1,2}/\\d{1,2}/\\d{2,4})';
  return {
    decision: existing.decision ?? find(new RegExp('Dated:\\s*' + dateRe)),
    applicationReceived: existing.applicationReceived ?? find(new RegExp('Independent Medical Review was filed on\\s*' + dateRe)),
    urDenial: existing.urDenial ?? find(new RegExp('Utilization Review Denial dated\\s*' + dateRe)),
    assigned: existing.assigned ?? find(new RegExp('provided to the above parties on\\s*' + dateRe)),
  };
}

/** The number before `paren`, the last ")" before the determination at `at` ("2) MAXIMUS ..."), or '' without one. */
function listNumber(s: string, paren: number, at: number): string {
  if (paren < 0 || at - paren > 40) return '';
  let k = paren;
  while (k > 0 && s.charCodeAt(k - 1) >= 48 && s.charCodeAt(k - 1) <= 57) k--;
  return s.slice(k, paren);
}

/**
 * The 2013 notice's numbered list: "N) ... has determined the request for X is [not] medically
 * necessary". The notice states the list twice, under its masthead and again after "A decision has
 * been made for each of the treatment and/or services that were in dispute:". The list is read up
 * to the heading between the two; where that heading cannot be found (a text re-wrapped so that
 * it is cut across two lines), a determination stated again with its number, request and
 * decision is the one already read, not another item.
 */
function noticeItems(joined: Joined): Item[] {
  const s = joined.text;
  const items: Item[] = [];
  const seen = new Set<string>();
  const marker = 'has determined the request for ';
  let pos = 0;
  while (items.length < 200) {
    const at = s.indexOf(marker, pos);
    if (at < 0) break;
    const from = at + marker.length;
    const window = s.slice(from, from + 600);
    const m = /\s+is\s+(not\s*medically|medically)\s+necessary(?:\s+and\s+appropriate)?/i.exec(window);
    if (!m) {
      pos = from;
      continue;
    }
    let reqFrom = from;
    const article = /^(?:a|an|the)\s+/i.exec(window);
    if (article) reqFrom += article[0].length;
    const reqTo = from + m.index;
    const negative = /^not/i.test(m[1]);
    const decisionFrom = reqTo + m[0].indexOf(m[1]);
    const decisionTo = reqTo + m[0].length;
    const paren = s.lastIndexOf(')', at);
    const numberStart = Math.max(0, paren - 3);
    const itemStart = /\d/.test(s.slice(numberStart, at)) ? s.slice(numberStart, at).search(/\d/) + numberStart : at;
    let end = decisionTo;
    if (s[end] === '.') end++;
    const request = s.slice(reqFrom, reqTo).trim();
    const key = `${listNumber(s, paren, at)}|${collapse(request).toLowerCase()}|${negative}`;
    if (seen.has(key)) {
      pos = end;
      continue;
    }
    seen.add(key);
    const phrase = collapse(s.slice(decisionFrom, decisionTo)).replace(/^notmedically/i, 'not medically');
    items.push({
      index: items.length,
      span: joined.span(itemStart, end),
      heading: joined.span(itemStart, end),
      request,
      requestSpan: joined.span(reqFrom, reqTo),
      decision: negative ? 'Upheld' : 'Overturned',
      decisionText: { text: phrase, span: joined.span(decisionFrom, decisionTo) },
      partialAuthorization: null,
      claimsAdministrator: null,
      maximus: null,
      rationale: null,
      duplicateBlocks: [],
    });
    pos = end;
  }
  return items;
}

