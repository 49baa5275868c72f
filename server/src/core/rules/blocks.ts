/**
 * Block rules: every disputed item has its three blocks (Claims Administrator guideline, MAXIMUS
 * guideline, Decision rationale), and the counts of item headings and of each block label agree.
 */
import { BLOCK_LABELS, BLOCK_NAMES, BLOCK_ORDER, editDistance } from '../vocabulary';
import type { Block, BlockKind, Item, Span } from '../types';
import { itemLabel, Rule, RuleContext } from '../diagnostics/context';
import { LineWalk } from '../diagnostics/line-walk';

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/** F0 items come from the notice's sentences, not from headings with blocks. */
function hasItemBlocks(ctx: RuleContext): boolean {
  return ctx.letter.format !== 'F0';
}

function allBlocks(item: Item): Block[] {
  const out: Block[] = [];
  if (item.claimsAdministrator) out.push(item.claimsAdministrator);
  if (item.maximus) out.push(item.maximus);
  if (item.rationale) out.push(item.rationale);
  out.push(...item.duplicateBlocks);
  return out;
}

type LabelDef = (typeof BLOCK_LABELS)[number];

/** The block labels by the first letter of their first word, lower case (the labels are read in
 *  either case), in their order: a line is tried only against the labels its letter may open. */
const LABELS_BY_INITIAL: (LabelDef[] | undefined)[] = new Array(128).fill(undefined);
for (const def of BLOCK_LABELS) (LABELS_BY_INITIAL[def.first.charCodeAt(0) | 32] ??= []).push(def);

/** The text at `at` starts with the label's first word (a word of letters: | 32 lowers them). */
function opensWith(text: string, at: number, def: LabelDef): boolean {
  const w = def.first;
  for (let j = 0; j < w.length; j++) if ((text.charCodeAt(at + j) | 32) !== (w.charCodeAt(j) | 32)) return false;
  return true;
}

/** Every label line in the issues section, counted by kind, and those that belong to no item. */
function labels(ctx: RuleContext): { counts: Record<BlockKind, number>; orphans: { kind: BlockKind; span: Span }[] } {
  const { letter, text } = ctx;
  const issues = letter.sections.find((s) => s.kind === 'issues');
  const attached = new Set<number>();
  const counts: Record<BlockKind, number> = { claimsAdministrator: 0, maximus: 0, rationale: 0 };
  for (const item of letter.items) for (const b of allBlocks(item)) attached.add(b.label.start);
  const orphans: { kind: BlockKind; span: Span }[] = [];
  if (issues) {
    // The issues section's lines only (from the line of its heading), split as the letter's lines
    // are.
    let pos = issues.heading.end;
    while (pos > ctx.range.start && !isLineBreak(text.charCodeAt(pos - 1))) pos--;
    for (const l = new LineWalk(text, pos, Math.max(pos, issues.span.end), ctx.loneCR); l.next(); ) {
      const { cs, ce } = l;
      if (cs < issues.heading.end || cs === ce) continue;
      // A line whose first word opens no label is not read further.
      const initial = text.charCodeAt(cs) | 32;
      const defs = initial < 128 ? LABELS_BY_INITIAL[initial] : undefined;
      if (defs === undefined) continue;
      let c: string | undefined;
      for (const def of defs) {
        if (!opensWith(text, cs, def)) continue;
        c ??= text.slice(cs, Math.min(ce, cs + 60));
        if (!def.re.test(c)) continue;
        counts[def.kind]++;
        if (!attached.has(cs)) orphans.push({ kind: def.kind, span: { start: cs, end: cs + def.re.exec(c)![0].length } });
        break;
      }
    }
  }
  return { counts, orphans };
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
    for (const o of orphans) {
      ctx.report(
        'block-count-mismatch',
        o.span,
        `This "${BLOCK_NAMES[o.kind]}:" block is not under any item heading (${countText(o.kind)}). ` +
          'Add the item heading ending in ": Upheld" or ": Overturned" above it, or remove the block.',
        { data: { kind: o.kind, headings: items.length, labels: counts[o.kind] } },
      );
    }
    for (const item of items) {
      for (const dup of item.duplicateBlocks) {
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
    for (const item of ctx.letter.items) {
      if (BLOCK_ORDER.every((kind) => item[kind])) continue;
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
