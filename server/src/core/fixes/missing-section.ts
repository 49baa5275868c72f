/**
 * missing-section: writes the missing heading (with the fixed line that opens its body, when the
 * body is missing too) in its place: before the line that opens the section's body when that line
 * is there, else before the next section's heading. A missing header table is not
 * written (its values are the case's own). Where neither place exists (the section
 * would go after the last one, whose end cannot be told from the missing section's start), no fix
 * is offered.
 */
import { SECTION_PLANS } from '../rules/sections';
import { NOTICE_SECTION_PARTS, SECTION_PARTS, SectionPart } from '../parts';
import type { SectionKind } from '../types';
import { insertBefore, lineStart } from './place';
import type { CodeFix, FixContext, FixModule } from './types';

export const missingSection: FixModule = {
  code: 'missing-section',
  fixes({ letter, text, diagnostic }: FixContext): CodeFix[] {
    const kind = diagnostic.data?.kind as SectionKind | undefined;
    const plan = SECTION_PLANS[letter.format];
    if (!kind || !plan) return [];
    // A header table is not written: its values are the case's own (the message says where it goes).
    if (kind === 'header') return [];
    const part: SectionPart | undefined = (letter.format === 'F0' ? NOTICE_SECTION_PARTS : SECTION_PARTS)[kind];
    if (!part) return [];
    const at = diagnostic.span.start;
    const there = letter.sections.find((s) => s.heading.start === at);
    if (!there) {
      // The rule found the line that opens the section's body: the heading goes just above it.
      return [{ title: `Add the heading "${part.heading}" above "${lineText(text, at)}"`, edits: [insertBefore(text, letter, at, [part.heading])], isPreferred: true }];
    }
    const rank = plan.order.indexOf(kind);
    const thereRank = plan.order.indexOf(there.kind);
    if (rank < 0 || thereRank <= rank) return [];
    // No body: the heading and its fixed opening line, before the next section's heading.
    const lines = part.leadIn ? [part.heading, leadInLine(part.leadIn)] : [part.heading];
    return [{ title: `Add the heading "${part.heading}" above "${lineText(text, at)}"`, edits: [insertBefore(text, letter, at, lines)], isPreferred: true }];
  },
};

/** A lead-in that is a label (ends with ": ") gets a placeholder for its value. */
function leadInLine(leadIn: string): string {
  return leadIn.endsWith(': ') ? `${leadIn}[value]` : leadIn;
}

function lineText(text: string, offset: number): string {
  const s = lineStart(text, offset);
  let e = s;
  while (e < text.length && e - s < 200 && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
  const line = text.slice(s, e).replace(/[\s\u00a0\f]+/g, ' ').trim();
  return line.length > 40 ? `${line.slice(0, 39).trimEnd()}…` : line;
}
