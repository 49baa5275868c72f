/**
 * The outline of a letter: header, sections, and under the issues section one entry per disputed
 * item with its guideline and rationale blocks. Neutral shapes with source spans; the LSP layer
 * turns them into `DocumentSymbol`s.
 */
import { blockTextStart } from './parse';
import type { Block, Decision, Item, Letter, Span } from './types';
import { BLOCK_NAMES, HEADER_NAMES, SECTION_TITLES } from './vocabulary';

export type OutlineKind = 'header' | 'field' | 'section' | 'item' | 'block';

export interface OutlineNode {
  readonly name: string;
  readonly detail: string;
  readonly kind: OutlineKind;
  /** The whole node. */
  readonly span: Span;
  /** The part to reveal and select (a heading, a label); inside `span`. */
  readonly selection: Span;
  readonly children: readonly OutlineNode[];
  /** For an item: its decision, for editors that show decisions apart (icons, a leading word). */
  readonly item?: OutlineItem;
}

export interface OutlineItem {
  readonly decision: Decision | null;
  /** The decision as written when it is not a known decision word ("Uphled"). */
  readonly decisionText: string | null;
  readonly partial: boolean;
}

/** Longest name shown for an item; the full request stays in the model. */
const MAX_NAME = 160;

export function outline(letter: Letter): OutlineNode[] {
  const out: OutlineNode[] = [];
  // Sections and items are both in text order: one pointer walks the items once.
  let next = 0;
  for (const section of letter.sections) {
    if (section.kind === 'header') {
      out.push(headerNode(letter, section.span, section.heading));
      continue;
    }
    const children: OutlineNode[] = [];
    while (next < letter.items.length && letter.items[next].span.start < section.span.start) next++;
    if (section.kind === 'issues' || (section.kind === 'notice' && letter.format === 'F0')) {
      while (next < letter.items.length && letter.items[next].span.start < section.span.end) children.push(itemNode(letter.items[next++]));
    }
    out.push({
      name: SECTION_TITLES[section.kind],
      detail: section.kind === 'issues' ? countItems(children.length) : '',
      kind: 'section',
      span: section.span,
      selection: section.heading,
      children,
    });
  }
  return out;
}

function countItems(n: number): string {
  return n === 1 ? '1 item' : `${n} items`;
}

function headerNode(letter: Letter, span: Span, heading: Span): OutlineNode {
  const children: OutlineNode[] = letter.header
    .filter((f) => f.value)
    .map((f) => ({
      name: HEADER_NAMES[f.key] ?? f.key,
      detail: f.value!.text,
      kind: 'field' as const,
      span: { start: Math.min(f.label.span.start, f.value!.span.start), end: Math.max(f.label.span.end, f.value!.span.end) },
      selection: f.value!.span,
      children: [],
    }));
  const decision = letter.dates.decision?.text;
  return {
    name: letter.caseNumber ? `Case ${letter.caseNumber.text}` : 'Header',
    detail: decision ? `decided ${decision}` : '',
    kind: 'header',
    span,
    selection: letter.caseNumber?.span ?? heading,
    children,
  };
}

function itemNode(item: Item): OutlineNode {
  const blocks = [item.claimsAdministrator, item.maximus, item.rationale].filter((b): b is Block => b !== null);
  const name = item.request.length > MAX_NAME ? item.request.slice(0, MAX_NAME - 1) + '…' : item.request;
  let detail = item.decision ?? (item.decisionText ? `unknown decision "${item.decisionText.text}"` : 'no decision');
  if (item.partialAuthorization) detail += ' (partial authorization)';
  return {
    name: name || `Item ${item.index + 1}`,
    detail,
    kind: 'item',
    span: item.span,
    selection: item.heading,
    item: { decision: item.decision, decisionText: item.decisionText?.text ?? null, partial: item.partialAuthorization !== null },
    children: blocks.map((b) => ({
      name: BLOCK_NAMES[b.kind],
      detail: blockDetail(b),
      kind: 'block' as const,
      span: b.span,
      selection: b.label,
      children: [],
    })),
  };
}

/** A block's text as the outline shows it: up to 80 characters, a longer one cut with '…'. The
 *  block's whole text is not normalised for it (blocks can be megabytes long). */
function blockDetail(b: Block): string {
  const start = blockTextStart(b, 81);
  return start.length > 80 ? start.slice(0, 79) + '…' : start;
}

export interface FoldingSpan {
  readonly span: Span;
  readonly kind: 'section' | 'item' | 'block';
}

/** Foldable regions: sections, items, and multi-line blocks. */
export function foldingSpans(letter: Letter): FoldingSpan[] {
  const out: FoldingSpan[] = [];
  for (const s of letter.sections) out.push({ span: s.span, kind: 'section' });
  for (const item of letter.items) {
    out.push({ span: item.span, kind: 'item' });
    for (const b of [item.claimsAdministrator, item.maximus, item.rationale]) if (b) out.push({ span: b.span, kind: 'block' });
  }
  return out;
}
