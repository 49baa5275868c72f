/**
 * Mutations of real letters for the diagnostics tests. Each mutation is found in the raw text (not
 * through the parser, except header dates, whose keys the parser gives), applied as plain edits, and
 * carries what it must raise: a code on a line computed from where the edit was applied.
 *
 * "Nothing else changes" is checked by mapping every diagnostic of the original letter through the
 * edits and comparing (code, span, message) with the mutated letter's diagnostics. What a mutation
 * necessarily implies besides its expected diagnostic is listed per kind in `mayChange`:
 *  - delete a decision / misspell a decision: nothing else (the item's rationale checks need a
 *    decision, and the rationale of a clean letter agrees with its decision, so nothing disappears);
 *  - flip a decision: the rationale now contradicts it; that IS the expected diagnostic, on the
 *    decision word, unless the original already could not find the rationale's conclusion;
 *  - delete a block label: with the "Decision rationale:" label gone, the item has no rationale to
 *    check, so that item's rationale-conclusion-not-found note may disappear; with the "MAXIMUS
 *    guideline:" or "Decision rationale:" label gone, their citations are read as part of the block
 *    before, so the item's knowledge-base findings (from the MAXIMUS and rationale citations) may
 *    change;
 *  - delete a section heading: nothing else, except that the parser reads items only under the
 *    IMR ISSUES heading, so deleting that one takes the item diagnostics with it;
 *  - swap two neighbouring header dates: both dates are out of order (two date-order diagnostics,
 *    one on each), and the checks computed from those dates (review window, case-number year) may
 *    change.
 */
import { Diagnostic } from '../../server/src/core/diagnostics';
import { DateKey, Letter, LineIndex, Span } from '../../server/src/core';

export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export type MutationKind =
  | 'delete-decision'
  | 'flip-decision'
  | 'misspell-decision'
  | 'delete-block-label'
  | 'delete-section-heading'
  | 'swap-dates';

export interface Expected {
  readonly code: string;
  /** 0-based line in the mutated text where the diagnostic's range must start, or which it must cover. */
  readonly line: number;
  /** `start`: the range starts on the line; `covers`: the line lies within the range. */
  readonly how: 'start' | 'covers';
}

export interface Mutation {
  readonly kind: MutationKind;
  readonly description: string;
  readonly edits: readonly Edit[];
  readonly expected: readonly Expected[];
  /** Index of the item the mutation touches (decisions and block labels). */
  readonly item?: number;
  /** A diagnostic (of the original or the mutated letter) the mutation may legitimately change. */
  readonly mayChange?: (d: Diagnostic) => boolean;
}

/** Applies non-overlapping edits. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** Where an offset of the original text lands after the edits; null inside an edited range. */
export function mapOffset(offset: number, edits: readonly Edit[], isEnd: boolean): number | null {
  let delta = 0;
  for (const e of edits) {
    if (isEnd ? offset <= e.start : offset < e.start) continue;
    if (isEnd ? offset > e.end : offset >= e.end) {
      delta += e.newText.length - (e.end - e.start);
      continue;
    }
    return null;
  }
  return offset + delta;
}

export function mapSpan(span: Span, edits: readonly Edit[]): Span | null {
  const start = mapOffset(span.start, edits, false);
  const end = span.end === span.start ? start : mapOffset(span.end, edits, true);
  return start === null || end === null ? null : { start, end };
}

// ------------------------------------------------------------------ locating targets in raw text

export interface DecisionSite {
  readonly word: 'Upheld' | 'Overturned';
  readonly start: number;
  readonly end: number;
  /** The word is alone on its line (the heading wrapped before it). */
  readonly lone: boolean;
}

const ISSUES_HEADING_RE = /^[ \t\f]*IMR ISSUES, DECISIONS AND RATIONALES[ \t]*$/m;

/** Every item decision word, in order, found by the shape of item headings in the issues section. */
export function decisionSites(text: string): DecisionSite[] {
  const issues = ISSUES_HEADING_RE.exec(text);
  if (!issues) return [];
  const out: DecisionSite[] = [];
  const re = /^(.*?)(Upheld|Overturned)\.?[ \t]*$/gm;
  re.lastIndex = issues.index + issues[0].length;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const before = m[1];
    const lone = /^[ \t\f]*$/.test(before);
    if (!lone && !/:[ \t]*$/.test(before)) continue;
    const start = m.index + before.length;
    out.push({ word: m[2] as DecisionSite['word'], start, end: start + m[2].length, lone });
  }
  return out;
}

export interface LabelSite {
  readonly name: 'Claims Administrator guideline:' | 'MAXIMUS guideline:' | 'Decision rationale:';
  readonly start: number;
  readonly end: number;
}

export function labelSites(text: string): LabelSite[] {
  const out: LabelSite[] = [];
  const re = /^[ \t\f]*(Claims Administrator guideline:|MAXIMUS guideline:|Decision rationale:)/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index + m[0].length - m[1].length;
    out.push({ name: m[1] as LabelSite['name'], start, end: start + m[1].length });
  }
  return out;
}

export const SECTION_HEADINGS = [
  'HOW THE IMR FINAL DETERMINATION WAS MADE',
  'The Expert Reviewer has the following credentials:',
  'CLINICAL CASE SUMMARY',
  'IMR ISSUES, DECISIONS AND RATIONALES',
] as const;

export interface HeadingSite {
  readonly heading: (typeof SECTION_HEADINGS)[number];
  /** The heading text. */
  readonly start: number;
  readonly end: number;
  /** The heading text through its line end and any blank lines after it (what the mutation deletes). */
  readonly deleteEnd: number;
}

export function headingSites(text: string): HeadingSite[] {
  const out: HeadingSite[] = [];
  for (const heading of SECTION_HEADINGS) {
    const re = new RegExp(`^[ \\t\\f]*(${heading.replace(/[()]/g, '\\$&')})[ \\t]*$`, 'gm');
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const start = m.index + m[0].indexOf(m[1]);
      // The heading, the rest of its line, its line break and the blank lines after it.
      let e = m.index + m[0].length;
      const blankLines = /^(?:\r?\n[ \t]*)*\r?\n/.exec(text.slice(e));
      e += blankLines ? blankLines[0].length : 0;
      out.push({ heading, start, end: start + m[1].length, deleteEnd: e });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

// ------------------------------------------------------------------ building mutations

function lineOf(index: LineIndex, offset: number): number {
  return index.positionAt(offset).line;
}

/** Offset of the last non-blank character before `offset`. */
function lastNonBlankBefore(text: string, offset: number): number {
  let i = offset - 1;
  while (i > 0 && /\s/.test(text[i])) i--;
  return i;
}

export function misspell(word: string): string {
  // Swap the 4th and 5th letters: Upheld → Uphled, Overturned → Ovetrurned (edit distance 2).
  return word.slice(0, 3) + word[4] + word[3] + word.slice(5);
}

/** Diagnostics read from the item's MAXIMUS guideline and rationale citations. */
const KNOWLEDGE_CODES = new Set(['citation-topic-mismatch', 'quantity-above-guideline-limit']);

const FLIP: Record<DecisionSite['word'], DecisionSite['word']> = { Upheld: 'Overturned', Overturned: 'Upheld' };

export function decisionMutations(text: string, sites: readonly DecisionSite[]): Mutation[] {
  const out: Mutation[] = [];
  sites.forEach((s, item) => {
    // Delete: the heading now ends at its colon (or, for a lone word, on the line before).
    const delEdits = [{ start: s.start, end: s.end, newText: '' }];
    const mutated = applyEdits(text, delEdits);
    const idx = new LineIndex(mutated);
    out.push({
      kind: 'delete-decision',
      description: `delete "${s.word}" of item ${item + 1}`,
      edits: delEdits,
      item,
      expected: [{ code: 'item-no-decision', line: lineOf(idx, lastNonBlankBefore(mutated, s.start)), how: 'start' }],
    });
    const idx0 = new LineIndex(text);
    const line = lineOf(idx0, s.start);
    out.push({
      kind: 'misspell-decision',
      description: `misspell "${s.word}" of item ${item + 1} as "${misspell(s.word)}"`,
      edits: [{ start: s.start, end: s.end, newText: misspell(s.word) }],
      item,
      expected: [{ code: 'unknown-decision', line, how: 'start' }],
    });
    out.push({
      kind: 'flip-decision',
      description: `flip item ${item + 1} from ${s.word} to ${FLIP[s.word]}`,
      edits: [{ start: s.start, end: s.end, newText: FLIP[s.word] }],
      item,
      expected: [{ code: 'rationale-contradicts-decision', line, how: 'start' }],
    });
  });
  return out;
}

export function labelMutations(text: string, labels: readonly LabelSite[], sites: readonly DecisionSite[]): Mutation[] {
  const idx = new LineIndex(text);
  const out: Mutation[] = [];
  for (const l of labels) {
    // The item is the one whose decision word precedes the label.
    let item = -1;
    for (let k = 0; k < sites.length && sites[k].start < l.start; k++) item = k;
    if (item < 0) continue;
    // Delete the label and the blank after it; the block's text stays.
    const end = text[l.end] === ' ' ? l.end + 1 : l.end;
    const isRationale = l.name === 'Decision rationale:';
    out.push({
      kind: 'delete-block-label',
      description: `delete "${l.name}" of item ${item + 1}`,
      edits: [{ start: l.start, end, newText: '' }],
      item,
      // The missing block is reported on the item heading, which ends on the decision word's line.
      expected: [{ code: 'missing-block', line: lineOf(idx, sites[item].start), how: 'covers' }],
      mayChange: (d) =>
        d.data?.item === item &&
        ((isRationale && d.code === 'rationale-conclusion-not-found') ||
          (l.name !== 'Claims Administrator guideline:' && KNOWLEDGE_CODES.has(d.code))),
    });
  }
  return out;
}

export function headingMutations(text: string, headings: readonly HeadingSite[]): Mutation[] {
  const idx = new LineIndex(text);
  return headings.map((h) => ({
    kind: 'delete-section-heading' as const,
    description: `delete the heading "${h.heading}"`,
    edits: [{ start: h.start, end: h.deleteEnd, newText: '' }],
    // The section's first line of content moves up to where the heading was.
    expected: [{ code: 'missing-section', line: lineOf(idx, h.start), how: 'start' as const }],
    // The parser reads items only under the IMR ISSUES heading: without it the letter has no items,
    // so the diagnostics about items go with them (a parser change would keep them; see the report).
    mayChange: h.heading === 'IMR ISSUES, DECISIONS AND RATIONALES' ? (d: Diagnostic) => typeof d.data?.item === 'number' : undefined,
  }));
}

const CHAIN: readonly DateKey[] = ['injury', 'urDenial', 'applicationReceived', 'assigned', 'decision'];

/**
 * Swaps of two header dates whose values differ. Neighbours (among the dates present) make exactly
 * those two dates out of order. Swapping dates further apart also puts the dates between them in
 * conflict with one of the two (which one was mistyped cannot be told), so for those the expected
 * diagnostics are on the two swapped dates and date-order on the dates between may also appear.
 */
export function dateMutations(text: string, letter: Letter, which: 'neighbours' | 'apart'): Mutation[] {
  const idx = new LineIndex(text);
  const present = CHAIN.filter((k) => letter.dates[k]?.iso);
  const out: Mutation[] = [];
  for (let i = 0; i < present.length; i++) {
    for (let j = i + 1; j < present.length; j++) {
      if ((j === i + 1) !== (which === 'neighbours')) continue;
      const a = letter.dates[present[i]]!;
      const b = letter.dates[present[j]]!;
      if (a.text === b.text) continue;
      // A value equal to a third date can sit next to it in order, and then changing the other
      // swapped date alone restores the order: only that one is out of place. Not generated.
      const others = present.filter((k) => k !== present[i] && k !== present[j]).map((k) => letter.dates[k]!.iso);
      if (which === 'apart' && (others.includes(a.iso) || others.includes(b.iso))) continue;
      const ta = text.slice(a.span.start, a.span.end);
      const tb = text.slice(b.span.start, b.span.end);
      const between = new Set(present.slice(i + 1, j));
      out.push({
        kind: 'swap-dates',
        description: `swap ${present[i]} ${ta} and ${present[j]} ${tb}`,
        edits: [
          { start: a.span.start, end: a.span.end, newText: tb },
          { start: b.span.start, end: b.span.end, newText: ta },
        ].sort((x, y) => x.start - y.start),
        expected: [
          { code: 'date-order', line: lineOf(idx, a.span.start), how: 'start' },
          { code: 'date-order', line: lineOf(idx, b.span.start), how: 'start' },
        ],
        mayChange: (d) =>
          d.code === 'decision-outside-review-window' ||
          d.code === 'case-number-year' ||
          (d.code === 'date-order' && between.has(d.data?.key as DateKey)),
      });
    }
  }
  return out;
}

// ------------------------------------------------------------------ comparing diagnostics

export function key(d: Diagnostic, span: Span = d.span): string {
  return `${d.code}@${span.start}-${span.end}: ${d.message}`;
}

export interface Comparison {
  /** Expected diagnostics not found. */
  missing: Expected[];
  /** Diagnostics of the mutated letter that are neither expected nor carried over from the original. */
  added: string[];
  /** Diagnostics of the original letter that the mutated one lost. */
  lost: string[];
}

export function compare(
  before: readonly Diagnostic[],
  after: readonly Diagnostic[],
  mutatedText: string,
  m: Mutation,
): Comparison {
  const idx = new LineIndex(mutatedText);
  const remaining = [...after];
  const missing: Expected[] = [];
  for (const e of m.expected) {
    const at = remaining.findIndex((d) => {
      if (d.code !== e.code) return false;
      const s = idx.positionAt(d.span.start).line;
      const t = idx.positionAt(Math.max(d.span.start, d.span.end - 1)).line;
      return e.how === 'start' ? s === e.line : s <= e.line && e.line <= t;
    });
    if (at < 0) missing.push(e);
    else remaining.splice(at, 1);
  }
  const afterKeys = new Map<string, number>();
  for (const d of remaining) {
    if (m.mayChange?.(d)) continue;
    const k = key(d);
    afterKeys.set(k, (afterKeys.get(k) ?? 0) + 1);
  }
  const lost: string[] = [];
  for (const d of before) {
    if (m.mayChange?.(d)) continue;
    const span = mapSpan(d.span, m.edits);
    const k = span ? key(d, span) : `${key(d)} (inside the edit)`;
    const n = afterKeys.get(k) ?? 0;
    if (n > 0) afterKeys.set(k, n - 1);
    else lost.push(k);
  }
  const added: string[] = [];
  for (const [k, n] of afterKeys) for (let i = 0; i < n; i++) added.push(k);
  return { missing, added, lost };
}
