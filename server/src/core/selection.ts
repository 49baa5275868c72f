/**
 * Expand Selection: the parts of a letter that hold an offset, from the smallest to the whole
 * letter, each one inside the next. What an editor's "Expand Selection" steps through after the
 * word it selects itself: a citation, the sentence, the block's text, the block with its label,
 * the item's request, its heading, the item, the section, the letter; on the header table, a
 * value, the field (label and value, when they share a line) and the table.
 */
import { isBlankCode } from './lines';
import { sentenceAt } from './sentences';
import type { Letter, SectionKind, Span } from './types';

/** Sections written as sentences (the others are tables, lists and items). */
const PROSE: ReadonlySet<SectionKind> = new Set(['summary', 'how', 'qualifications', 'credentials']);

const holds = (s: Span | null | undefined, offset: number): s is Span => !!s && s.end > s.start && s.start <= offset && offset <= s.end;

/**
 * The spans of `letter` (read over `text`) that hold `offset`, smallest first, each strictly
 * inside the next; the last is the letter's own range when it holds the offset. `citations` are
 * the letter's citations (see `findCitations`): a citation is the first step when the offset is in
 * one. Spans that overlap without one holding the other (a header label and its value, written in
 * another part of the table) keep the smaller one.
 */
export function selectionSpans(letter: Letter, text: string, offset: number, citations: readonly { readonly span: Span }[] = []): Span[] {
  const found: Span[] = [];
  const add = (s: Span | null | undefined) => {
    if (holds(s, offset)) found.push(s);
  };
  for (const c of citations) add(c.span);
  // The innermost text the offset is in: a block's text, else the prose of a section.
  let prose: Span | null = null;
  for (const section of letter.sections) {
    if (!holds(section.span, offset)) continue;
    add(section.heading);
    add(section.span);
    if (PROSE.has(section.kind) && section.heading.end < section.span.end) prose = { start: section.heading.end, end: section.span.end };
  }
  for (const field of letter.header) {
    const { label, value } = field;
    add(label.span);
    add(value?.span);
    // A label with its value beside it on the line (the columns layout): the field is a step.
    if (value && holds({ start: label.span.start, end: value.span.end }, offset) && blanksOnly(text, label.span.end, value.span.start)) {
      add({ start: label.span.start, end: value.span.end });
    }
  }
  for (const item of letter.items) {
    if (!holds(item.span, offset)) continue;
    add(item.span);
    add(item.heading);
    add(item.requestSpan);
    add(item.decisionText?.span);
    for (const b of [item.claimsAdministrator, item.maximus, item.rationale, ...item.duplicateBlocks]) {
      if (!b || !holds(b.span, offset)) continue;
      add(b.label);
      add(b.textSpan);
      add(b.span);
      if (holds(b.textSpan, offset)) prose = b.textSpan;
    }
  }
  add(letter.patient.span);
  add(letter.reviewer.span);
  if (prose) add(sentenceAt(text, prose.start, prose.end, offset));
  add(letter.range);
  return nested(found);
}

/** Whether text[from, to) is blanks alone (no line break), and from <= to. */
function blanksOnly(text: string, from: number, to: number): boolean {
  if (from > to) return false;
  for (let i = from; i < to; i++) if (!isBlankCode(text.charCodeAt(i))) return false;
  return true;
}

/** The spans smallest first, keeping each that holds the last one kept and is larger. */
function nested(spans: Span[]): Span[] {
  spans.sort((a, b) => a.end - a.start - (b.end - b.start) || b.start - a.start);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (!last) out.push({ start: s.start, end: s.end });
    else if (s.start <= last.start && s.end >= last.end && s.end - s.start > last.end - last.start) out.push({ start: s.start, end: s.end });
  }
  return out;
}
