/**
 * Completion of the letter's fixed parts: the decision at the end of an item heading, the block
 * labels an item expects next, the section headings and header labels a letter is missing, and
 * the fixed phrases that open a guideline block.
 */
import { DECISIONS, isStatable, lookupProcedure } from '../index';
import type { Knowledge, Letter, LetterFormat, SectionKind } from '../index';
import { BLOCK_PARTS, HEADER_PARTS, SECTION_PARTS } from '../parts';
import { Doc } from './doc';
import { itemAt } from './rank';
import { sortKey, startsWithWords } from './text';
import type { CompletionEntry } from './types';

// ------------------------------------------------------------------------------------------ vocabulary

const BLOCKS = BLOCK_PARTS;
const HEADINGS = SECTION_PARTS;
const HEADER_FIELDS = HEADER_PARTS;

/** Sections of the F1 letters in the order they must appear. */
const SECTION_ORDER: Partial<Record<LetterFormat, readonly SectionKind[]>> = {
  F1b: ['header', 'how', 'credentials', 'summary', 'issues'],
  F1a: ['how', 'credentials', 'summary', 'issues'],
};

/** The fixed ways a guideline block opens, for the claims administrator and the expert reviewer. */
function guidelinePhrases(who: 'The Claims Administrator' | 'The Expert Reviewer'): { text: string; retrigger: boolean; about: string }[] {
  return [
    { text: 'Decision based on MTUS ', retrigger: true, about: 'An MTUS guideline, then its sections or pages.' },
    { text: 'Decision based on Non-MTUS Citation ', retrigger: true, about: 'A guideline outside the MTUS (ODG, ACOEM 3rd edition, ...).' },
    {
      text: `${who} based their decision on recommendation(s) outside of the MTUS Guidelines. Decision based on Non-MTUS Citation `,
      retrigger: true,
      about: 'Only guidelines outside the MTUS were relied on.',
    },
    { text: `${who} did not cite any medical evidence for its decision.`, retrigger: false, about: 'No guideline was cited.' },
  ];
}

// ------------------------------------------------------------------------------------------ decisions

export function decisionCompletions(kb: Knowledge, markdown: boolean): CompletionEntry[] {
  return DECISIONS.map((d, rank) => {
    const e = lookupProcedure(kb, { term: d });
    const doc = new Doc().para(`**${d}**`);
    if (e && isStatable(e)) doc.para(e.summary);
    return { label: d, kind: 'decision' as const, detail: d === 'Upheld' ? 'not medically necessary' : 'medically necessary', documentation: doc.render(markdown), insertText: d, sortText: sortKey(rank) };
  });
}

// ------------------------------------------------------------------------------------------ guideline block openings

export function phraseCompletions(block: 'claimsAdministrator' | 'maximus', typed: string, markdown: boolean): CompletionEntry[] {
  const who = block === 'claimsAdministrator' ? 'The Claims Administrator' : 'The Expert Reviewer';
  return guidelinePhrases(who)
    .filter((p) => startsWithWords(p.text, typed))
    .map((p, rank) => ({
      label: p.text.trim(),
      kind: 'phrase' as const,
      detail: p.about,
      documentation: new Doc().para(p.about).render(markdown),
      insertText: p.text,
      sortText: sortKey(rank),
      ...(p.retrigger ? { retrigger: true } : {}),
    }));
}

// ------------------------------------------------------------------------------------------ line start

/**
 * At the start of a line: in the issues section, the block labels (the one the item expects next
 * first); elsewhere the section headings the letter is missing (the one that belongs here first)
 * and, above the first section, the header labels it is missing. Only entries whose words start
 * with what is typed.
 */
export function lineStartCompletions(letter: Letter, kb: Knowledge, lineStart: number, typed: string, markdown: boolean): CompletionEntry[] {
  const out: Omit<CompletionEntry, 'sortText'>[] = [];
  const issues = letter.sections.find((s) => s.kind === 'issues' && s.heading.end <= lineStart);
  if (issues) {
    const item = itemAt(letter, lineStart - 1);
    const inItem = item !== null && item.heading.end <= lineStart && item.heading.start >= issues.heading.start;
    if (inItem) {
      const present = BLOCKS.map((b) => {
        const blk = item[b.kind];
        return blk !== null && blk.label.start < lineStart;
      });
      const last = present.lastIndexOf(true);
      const expected = last === BLOCKS.length - 1 ? -1 : last + 1;
      const order = BLOCKS.map((_, i) => i).sort((a, b) => Number(b === expected) - Number(a === expected));
      for (const i of order) {
        const b = BLOCKS[i];
        out.push({
          label: b.label,
          kind: 'block-label',
          detail: i === expected ? 'expected next' : present[i] ? 'this item has one already' : 'missing in this item',
          documentation: new Doc().para(b.about).render(markdown),
          insertText: `${b.label} `,
          ...(i === expected ? { preselect: true } : {}),
          ...(b.kind !== 'rationale' ? { retrigger: true } : {}),
        });
      }
    }
  }
  const order = SECTION_ORDER[letter.format] ?? SECTION_ORDER.F1b!;
  const have = new Set(letter.sections.map((s) => s.kind));
  // Where the cursor is in the order: after the sections above it, before those below it.
  const ranks = (list: readonly { kind: SectionKind }[]) => list.map((s) => order.indexOf(s.kind)).filter((r) => r >= 0);
  const above = ranks(letter.sections.filter((s) => s.heading.start < lineStart));
  const below = ranks(letter.sections.filter((s) => s.heading.start >= lineStart));
  const lo = above.length ? Math.max(...above) : -1;
  const hi = below.length ? Math.min(...below) : order.length;
  const missing = order.filter((k) => !have.has(k) && HEADINGS[k]);
  const fits = missing.find((k) => order.indexOf(k) > lo && order.indexOf(k) < hi);
  for (const k of [...missing].sort((a, b) => Number(b === fits) - Number(a === fits))) {
    const h = HEADINGS[k]!;
    out.push({
      label: h.heading,
      kind: 'heading',
      detail: k === fits ? 'missing section, belongs here' : 'missing section',
      documentation: new Doc().para(h.about).render(markdown),
      insertText: h.leadIn ? `${h.heading}\n${h.leadIn}` : h.heading,
      ...(k === fits && out.length === 0 ? { preselect: true } : {}),
    });
  }
  // The header table opens the letter (F1b); a draft or a 2013-2015 letter may take one too.
  const firstBody = letter.sections.find((s) => s.kind !== 'header');
  if ((letter.format === 'F1b' || letter.format === 'F1a' || letter.format === 'unknown') && (!firstBody || lineStart <= firstBody.heading.start)) {
    const fields = new Set(letter.header.map((f) => f.key));
    for (const f of HEADER_FIELDS) {
      if (fields.has(f.key)) continue;
      const e = lookupProcedure(kb, { header: f.key });
      out.push({
        label: f.label,
        kind: 'header-label',
        detail: 'header field',
        ...(e && isStatable(e) ? { documentation: new Doc().para(`**${e.topic}**`).para(e.summary).render(markdown) } : {}),
        insertText: `${f.label} `,
      });
    }
  }
  return out.filter((e) => startsWithWords(e.label, typed)).map((e, rank) => ({ ...e, sortText: sortKey(rank) }));
}
