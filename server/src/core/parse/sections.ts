/**
 * Step 2: the letter cut into sections at its headings, its header table read, and its format and
 * layout told from what was found.
 */
import { readHeader } from '../header';
import type { HeaderField, LetterFormat, Section, SectionKind, TextLayout } from '../types';
import { SECTION_TITLES } from '../vocabulary';
import { Kind, LetterReader } from './reader';

const F3_OPENING = /^MEDICAL PROFESSIONAL REVIEW/i;
const F0_OPENING = /Notice of Independent Medical Review Determination/i;
/** A line of the masthead before the first heading. */
const NOTICE_LINE = /Notice of Independent Medical Review|MAXIMUS FEDERAL SERVICES/;

export function buildSections(r: LetterReader, header: readonly HeaderField[]): Section[] {
  const out: Section[] = [];
  const { headings, lines } = r;
  const firstHeadingLine = headings.length ? headings[0].line : lines.length;
  // Header table (F1b) or masthead (F0): whatever precedes the first heading.
  const pre = r.firstNonBlank(0, firstHeadingLine);
  if (pre >= 0) {
    // Case-sensitive: "MAXIMUS Federal Services sent ..." opens the HOW paragraph of later letters.
    const notice = NOTICE_LINE.test(r.content(pre));
    if (notice || header.length > 0) {
      const kind: SectionKind = notice ? 'notice' : 'header';
      const cs = r.cs[pre];
      const ce = r.ce[pre];
      const end = r.lastContentEnd(pre, firstHeadingLine);
      out.push({
        kind,
        title: SECTION_TITLES[kind],
        heading: { start: cs, end: ce },
        span: { start: cs, end: Math.max(end, ce) },
      });
    }
  }
  for (let h = 0; h < headings.length; h++) {
    const hit = headings[h];
    const nextLine = h + 1 < headings.length ? headings[h + 1].line : lines.length;
    let end = r.lastContentEnd(hit.line, nextLine);
    // A heading glued to the end of the next section's first line ends r section early.
    if (h + 1 < headings.length && headings[h + 1].span.start > r.cs[nextLine]) {
      end = Math.max(end, headings[h + 1].span.start);
    }
    out.push({ kind: hit.kind, title: hit.title, heading: hit.span, span: { start: hit.span.start, end: Math.max(end, hit.span.end) } });
  }
  return out;
}

export function parseHeader(r: LetterReader): HeaderField[] {
  const limit = r.headings.length ? r.headings[0].line : Math.min(r.lines.length, 40);
  return readHeader({ text: r.text, cs: r.cs, ce: r.ce, limit, isBlank: (i) => r.kinds[i] === Kind.Blank }, r.problems);
}

export function detectFormat(r: LetterReader, header: readonly HeaderField[]): LetterFormat {
  const formats = new Set<LetterFormat>();
  for (const h of r.headings) for (const f of h.def.formats) formats.add(f);
  const first = r.firstNonBlank(0, Math.min(r.lines.length, 5));
  const opening = first >= 0 ? r.content(first) : '';
  if (F3_OPENING.test(opening) || r.headings.some((h) => h.def.formats.length === 1 && h.def.formats[0] === 'F3')) return 'F3';
  if (F0_OPENING.test(opening) || r.headings.some((h) => h.def.formats[0] === 'F0')) return 'F0';
  if (r.headings.some((h) => h.def.formats.length === 1 && h.def.formats[0] === 'F2')) return 'F2';
  if (r.headings.some((h) => h.def.formats.includes('F1b'))) {
    // Any label of the header table (a damaged table may have lost the Case Number line) makes it F1b.
    return header.length > 0 ? 'F1b' : 'F1a';
  }
  if (header.length >= 3) return 'F1b';
  return 'unknown';
}

export function detectLayout(r: LetterReader, header: readonly HeaderField[]): TextLayout {
  if (r.doubleSpaced) return 'double-spaced';
  // Columns: two header labels on one line, or whole-line headings indented for centring.
  for (let a = 0; a + 1 < header.length; a++) {
    const between = r.text.slice(header[a].label.span.end, header[a + 1].label.span.start);
    if (!between.includes('\n') && !between.includes('\r')) return 'columns';
  }
  for (const h of r.headings) {
    const cs = r.cs[h.line];
    if (h.span.start === cs && cs - r.start[h.line] >= 8) return 'columns';
  }
  if (header.length >= 2) return 'reading-order';
  return 'plain';
}
