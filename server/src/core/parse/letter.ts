/**
 * One letter read from its lines, step by step:
 *  1. classify each line once (classify.ts);
 *  2. cut the letter into sections at the headings, read the header table, tell the format and
 *     layout (sections.ts);
 *  3. cut the issues section into items (items.ts), or read the 2013 notice's list (notice.ts);
 *  4. read the dates, the reviewer's credentials and the patient (notice.ts, people.ts).
 * Every regular expression runs on one line's content, capped at `MAX_MATCH` characters, or on an
 * item heading, capped at `MAX_HEADING_CHARS`, so no expression sees unbounded input.
 */
import type { LineTable } from '../lines';
import type { Item, Letter, Span } from '../types';
import { classify } from './classify';
import { issuesRegion, parseItems } from './items';
import { collectDates, parseNoticeItems } from './notice';
import { parsePatient, parseReviewer } from './people';
import { LetterReader } from './reader';
import { buildSections, detectFormat, detectLayout, parseHeader } from './sections';

/** Reads one letter over lines of a text (spans stay offsets into the whole text); `room`, when
 *  given, is zeroed room for two bytes per line; `asWritten`: see `LetterReader.linesAsWritten`. */
export function readLetter(text: string, lines: LineTable, doubleSpaced: boolean, range: Span, room?: Uint8Array, asWritten = false): Letter {
  const r = new LetterReader(text, lines, doubleSpaced, range, asWritten, room);
  classify(r);
  const header = parseHeader(r);
  const sections = buildSections(r, header);
  const format = detectFormat(r, header);
  const layout = detectLayout(r, header);

  let items: Item[] = [];
  if (format === 'F0') items = parseNoticeItems(r);
  else {
    const region = issuesRegion(r);
    if (region) items = parseItems(r, region.from, region.to);
  }

  const dates = collectDates(r, header, format);
  const reviewer = parseReviewer(r);
  const patient = parsePatient(r);
  const caseNumber = header.find((f) => f.key === 'caseNumber')?.value ?? null;
  const priority = header.find((f) => f.key === 'priority')?.value ?? null;
  const isLetter = sections.length > 0 || header.length >= 2 || items.length > 0;
  if (!isLetter) {
    r.problems.push({
      code: 'not-a-letter',
      severity: 'warning',
      message:
        'No IMR letter structure was recognised (no header table, section headings or decisions). ' +
        'If this is a letter, its text may come from an unsupported extractor.',
      span: { start: range.start, end: Math.min(range.end, r.lines.length > 0 ? r.end[0] : range.start) },
    });
  }
  return {
    range,
    format,
    layout,
    isLetter,
    length: text.length,
    header,
    caseNumber,
    priority,
    dates,
    reviewer,
    patient,
    sections,
    items,
    pageBreaks: pageBreaks(text, range),
    lastText: r.lastText(),
    directives: r.directives,
    problems: r.problems,
    ...(r.spaced ? { wordsBrokenBySpaces: true } : {}),
    ...(r.hidden ? { hidden: r.hidden.sort((a, b) => a.start - b.start) } : {}),
  };
}

/**
 * Offsets of every form feed (page break) in the range. The search runs in the range's own part of
 * the text (a slice shares its characters): searching the whole text from the range's start would
 * read to the end of a merged file for every letter without a form feed.
 */
function pageBreaks(text: string, range: Span): number[] {
  const out: number[] = [];
  const part = text.slice(range.start, range.end);
  for (let i = part.indexOf('\f'); i >= 0; i = part.indexOf('\f', i + 1)) out.push(range.start + i);
  return out;
}
