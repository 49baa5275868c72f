/**
 * Block rules: every disputed item has its three blocks (Claims Administrator guideline, MAXIMUS
 * guideline, Decision rationale), and the counts of item headings and of each block label agree.
 */
import { BLOCK_LABELS, BLOCK_NAMES, BLOCK_ORDER, editDistance } from '../vocabulary';
import type { Block, BlockKind, Item, Span } from '../types';
import { itemLabel, Rule, RuleContext } from '../diagnostics/context';
import { isBlankCode } from '../lines';

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/** F0 items come from the notice's sentences, not from headings with blocks. */
function hasItemBlocks(ctx: RuleContext): boolean {
  return ctx.letter.format !== 'F0';
}

/** The block each label's initial opens (lower case; `BLOCK_LABELS` start with distinct letters). */
const KIND_BY_INITIAL = new Map<number, BlockKind>(BLOCK_LABELS.map((def) => [def.first.charCodeAt(0) | 32, def.kind]));

/**
 * Any block label (`BLOCK_LABELS`' expressions without their `^`, in one), tried at the content
 * start of each line of the issues section that holds a colon: a label as `BLOCK_LABELS` read a
 * line's first 60 characters is a match from the line's content start that ends on the line,
 * with its colon, within 60 characters (a blank run is matched whole before the literal after it,
 * so a label has one match, the same in the line as in the text). Colons are found natively and
 * are few; most lines hold none and are not read.
 */
const LABEL_AT = /(?:Claims\s+Administrator\s+guideline|MAXIMUS\s+guideline|Decision\s+rationale)\s*:/iy;

/** Every label line in the issues section, counted by kind, and those that belong to no item. */
function labels(ctx: RuleContext): { counts: Record<BlockKind, number>; orphans: { kind: BlockKind; span: Span }[] } {
  const { letter, text } = ctx;
  const issues = letter.sections.find((s) => s.kind === 'issues');
  const counts: Record<BlockKind, number> = { claimsAdministrator: 0, maximus: 0, rationale: 0 };
  const orphans: { kind: BlockKind; span: Span }[] = [];
  if (!issues) return { counts, orphans };
  // The lines of the issues section from the line of its heading, as the letter's lines are split;
  // a label counts on a line whose content starts after the heading.
  let lineStart = issues.heading.end;
  while (lineStart > ctx.range.start && !isLineBreak(text.charCodeAt(lineStart - 1))) lineStart--;
  const from = issues.heading.end;
  const limit = Math.max(lineStart, issues.span.end);
  if (limit <= from) return { counts, orphans };
  let attached: number[] | null = null;
  let a = 0;
  // Searched in a slice (it shares the text's characters): no search reads past the section.
  const part = text.slice(from, limit);
  // The content start of the line of the last colon, and where that colon is: the text before it
  // is not read again (a long line of many colons stays linear).
  let scanned = lineStart;
  let cs = lineStart;
  while (cs < limit && isBlankCode(text.charCodeAt(cs))) cs++;
  for (let k = part.indexOf(':'); k >= 0; k = part.indexOf(':', k + 1)) {
    const colon = from + k;
    let b = colon;
    while (b > scanned && !isLineBreak(text.charCodeAt(b - 1))) b--;
    if (b > scanned) {
      cs = b;
      while (isBlankCode(text.charCodeAt(cs))) cs++;
    }
    scanned = colon;
    const end = colon + 1;
    if (cs < from || end - cs > 60) continue;
    LABEL_AT.lastIndex = cs;
    if (!LABEL_AT.test(text) || LABEL_AT.lastIndex !== end) continue;
    const kind = KIND_BY_INITIAL.get(text.charCodeAt(cs) | 32)!;
    counts[kind]++;
    attached ??= attachedLabels(letter.items);
    while (a < attached.length && attached[a] < cs) a++;
    if (a === attached.length || attached[a] !== cs) orphans.push({ kind, span: { start: cs, end } });
  }
  return { counts, orphans };
}

/** The label starts of the items' blocks, ascending. */
function attachedLabels(items: readonly Item[]): number[] {
  const out: number[] = [];
  const add = (b: Block | null) => b && out.push(b.label.start);
  for (let k = 0; k < items.length; k++) {
    const item = items[k];
    add(item.claimsAdministrator);
    add(item.maximus);
    add(item.rationale);
    for (let j = 0; j < item.duplicateBlocks.length; j++) add(item.duplicateBlocks[j]);
  }
  for (let k = 1; k < out.length; k++) {
    if (out[k] < out[k - 1]) return out.sort((x, y) => x - y);
  }
  return out;
}

export const blockCountMismatch: Rule = {
  code: 'block-count-mismatch',
  defaultSeverity: 'error',
  description: 'The counts of item headings and of a block label differ: a block is repeated or stands under no item heading.',
  cost: 'essential',
  source: 'letter',
  check(ctx) {
    if (!hasItemBlocks(ctx)) return;
    const items = ctx.letter.items;
    const { counts, orphans } = ctx.memo(labels);
    const countText = (kind: BlockKind) =>
      `${items.length} item heading${items.length === 1 ? '' : 's'} but ${counts[kind]} "${BLOCK_NAMES[kind]}:" label${counts[kind] === 1 ? '' : 's'}`;
    for (let k = 0; k < orphans.length; k++) {
      const o = orphans[k];
      ctx.report(
        'block-count-mismatch',
        o.span,
        `This "${BLOCK_NAMES[o.kind]}:" block is not under any item heading (${countText(o.kind)}). ` +
          'Add the item heading ending in ": Upheld" or ": Overturned" above it, or remove the block.',
        { data: { kind: o.kind, headings: items.length, labels: counts[o.kind] } },
      );
    }
    for (let k = 0; k < items.length; k++) {
      const item = items[k];
      for (let j = 0; j < item.duplicateBlocks.length; j++) {
        const dup = item.duplicateBlocks[j];
        ctx.report(
          'block-count-mismatch',
          dup.label,
          `Item ${itemLabel(ctx, item)} has a second "${BLOCK_NAMES[dup.kind]}:" block (${countText(dup.kind)}). ` +
            'An item heading may be missing above it, or the block is repeated.',
          { data: { item: item.index, kind: dup.kind, headings: items.length, labels: counts[dup.kind] } },
        );
      }
    }
  },
};

export const missingBlock: Rule = {
  code: 'missing-block',
  defaultSeverity: 'error',
  description: 'An item lacks its Claims Administrator guideline, MAXIMUS guideline or Decision rationale block.',
  cost: 'essential',
  source: 'letter',
  check(ctx) {
    if (!hasItemBlocks(ctx)) return;
    const { items } = ctx.letter;
    for (let k = 0; k < items.length; k++) {
      const item = items[k];
      if (item.claimsAdministrator && item.maximus && item.rationale) continue;
      const label = itemLabel(ctx, item);
      for (const kind of BLOCK_ORDER) {
        if (item[kind]) continue;
        const misspelt = misspeltLabel(ctx, item, kind);
        if (misspelt) {
          ctx.report(
            'missing-block',
            misspelt.span,
            `Item ${label}: "${misspelt.written}" looks like a misspelt "${BLOCK_NAMES[kind]}:" label, so the block is missing. Correct the label.`,
            {
              data: { item: item.index, kind },
              fixes: [{ title: `Change to "${BLOCK_NAMES[kind]}:"`, edits: [{ span: misspelt.span, newText: `${BLOCK_NAMES[kind]}:` }], isPreferred: true }],
            },
          );
          continue;
        }
        const prev = BLOCK_ORDER.slice(0, BLOCK_ORDER.indexOf(kind)).reverse().find((k) => item[k]);
        const place = prev ? `after its "${BLOCK_NAMES[prev]}:" block` : 'right after its heading';
        ctx.report(
          'missing-block',
          item.heading,
          `Item ${label} has no "${BLOCK_NAMES[kind]}:" block. Add a line starting "${BLOCK_NAMES[kind]}:" ${place}.`,
          { data: { item: item.index, kind } },
        );
      }
    }
  },
};

/** A line in the item whose opening words before a colon are a near miss for the block label. */
function misspeltLabel(ctx: RuleContext, item: Item, kind: BlockKind): { span: Span; written: string } | null {
  const { text } = ctx;
  const want = BLOCK_NAMES[kind].toLowerCase();
  for (const l = ctx.linesFrom(item.heading.end); l.next() && l.cs < item.span.end; ) {
    if (l.cs < item.heading.end) continue;
    const head = text.slice(l.cs, Math.min(l.ce, l.cs + 45));
    const colon = head.indexOf(':');
    if (colon <= 5) continue;
    const written = head.slice(0, colon).replace(/\s+/g, ' ').trim().toLowerCase();
    const d = editDistance(written, want, 3);
    if (d > 0 && d <= 3) return { span: { start: l.cs, end: l.cs + colon + 1 }, written: head.slice(0, colon + 1) };
  }
  return null;
}

export const rules: readonly Rule[] = [missingBlock, blockCountMismatch];
