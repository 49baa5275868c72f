/**
 * Item rules: every disputed item has a known decision and its three blocks, and the counts of
 * item headings and of each block label agree.
 */
import { BLOCK_LABELS, BLOCK_NAMES, BLOCK_ORDER, closestDecision, DECISIONS, editDistance } from '../vocabulary';
import type { Block, BlockKind, Item, Span } from '../types';
import type { Fix, RuleContext } from './context';

/** Outcome words from other review systems that a writer might put where a decision belongs. */
const DECISION_LIKE = new Set([
  'approved', 'approve', 'denied', 'deny', 'modified', 'certified', 'noncertified', 'non-certified',
  'authorized', 'authorised', 'granted', 'rejected', 'reversed', 'affirmed', 'partially', 'partial',
  'overruled', 'sustained', 'upheld', 'overturned', 'uphold', 'overturn',
]);

const KNOWN = DECISIONS.map((d) => `"${d}"`).join(' or ');

/** F0 items come from the notice's sentences, not from headings with blocks. */
function hasItemBlocks(ctx: RuleContext): boolean {
  return ctx.letter.format !== 'F0';
}

export function checkDecisions(ctx: RuleContext): void {
  if (!hasItemBlocks(ctx)) return;
  for (const item of ctx.letter.items) {
    const label = itemLabel(ctx, item);
    if (item.decisionText && item.decision === null) {
      reportUnknown(ctx, item, item.decisionText.text, item.decisionText.span, label);
      continue;
    }
    if (item.decisionText) continue;
    // No decision word was read. The heading's last line may still hold one the parser did not
    // take: a misspelt word alone on its line, or an outcome word from another vocabulary.
    const last = ctx.lineContentAt(Math.max(item.heading.start, item.heading.end - 1));
    const lineText = ctx.text.slice(last.start, last.end);
    const m = /(?:^|:[ \t\u00a0]*)([A-Za-z][A-Za-z-]{1,24})\.?$/.exec(lineText);
    if (m && (closestDecision(m[1]) !== null || DECISION_LIKE.has(m[1].toLowerCase()))) {
      const start = last.start + m.index + m[0].indexOf(m[1]);
      reportUnknown(ctx, item, m[1], { start, end: start + m[1].length }, label);
      continue;
    }
    // Point at the end of the heading, where the decision belongs.
    const span: Span = lineText.endsWith(':') ? { start: last.end - 1, end: last.end } : last;
    ctx.report(
      'item-no-decision',
      span,
      `Item ${label} has no decision. End its heading with ": Upheld" or ": Overturned".`,
      { data: { item: item.index } },
    );
  }
}

function reportUnknown(ctx: RuleContext, item: Item, word: string, span: Span, label: string): void {
  const closest = closestDecision(word);
  const fixes: Fix[] = closest
    ? [{ title: `Change "${word}" to "${closest}"`, edits: [{ span, newText: closest }], isPreferred: true }]
    : DECISIONS.map((d) => ({ title: `Change "${word}" to "${d}"`, edits: [{ span, newText: d }] }));
  ctx.report(
    'unknown-decision',
    span,
    closest
      ? `"${word}" is not a known decision for item ${label}. Did you mean "${closest}"?`
      : `"${word}" is not a known decision for item ${label}; an IMR decision is ${KNOWN}.`,
    { data: { item: item.index, word, replacement: closest }, fixes },
  );
}


export function checkBlocks(ctx: RuleContext): void {
  const { letter, text } = ctx;
  if (!hasItemBlocks(ctx)) return;
  const items = letter.items;

  // Every label line in the issues section, to find labels that belong to no item.
  const issues = letter.sections.find((s) => s.kind === 'issues');
  const attached = new Set<number>();
  const counts: Record<BlockKind, number> = { claimsAdministrator: 0, maximus: 0, rationale: 0 };
  for (const item of items) {
    for (const b of allBlocks(item)) attached.add(b.label.start);
  }
  const orphans: { kind: BlockKind; span: Span }[] = [];
  if (issues) {
    const lines = ctx.lines;
    for (let i = ctx.lineIndexAt(issues.heading.end); i < lines.length; i++) {
      const l = lines[i];
      if (l.cs < issues.heading.end) continue;
      if (l.cs >= issues.span.end) break;
      if (l.ce === l.cs) continue;
      const c = text.slice(l.cs, Math.min(l.ce, l.cs + 60));
      for (const def of BLOCK_LABELS) {
        const m = def.re.exec(c);
        if (!m) continue;
        counts[def.kind]++;
        if (!attached.has(l.cs)) orphans.push({ kind: def.kind, span: { start: l.cs, end: l.cs + m[0].length } });
        break;
      }
    }
  }
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
    const label = itemLabel(ctx, item);
    for (const dup of item.duplicateBlocks) {
      ctx.report(
        'block-count-mismatch',
        dup.label,
        `Item ${label} has a second "${BLOCK_NAMES[dup.kind]}:" block (${countText(dup.kind)}). ` +
          'An item heading may be missing above it, or the block is repeated.',
        { data: { item: item.index, kind: dup.kind, headings: items.length, labels: counts[dup.kind] } },
      );
    }
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
}

function allBlocks(item: Item): Block[] {
  const out: Block[] = [];
  if (item.claimsAdministrator) out.push(item.claimsAdministrator);
  if (item.maximus) out.push(item.maximus);
  if (item.rationale) out.push(item.rationale);
  out.push(...item.duplicateBlocks);
  return out;
}

/** A line in the item whose opening words before a colon are a near miss for the block label. */
function misspeltLabel(ctx: RuleContext, item: Item, kind: BlockKind): { span: Span; written: string } | null {
  const { text, lines } = ctx;
  const want = BLOCK_NAMES[kind].toLowerCase();
  for (let i = ctx.lineIndexAt(item.heading.end); i < lines.length && lines[i].cs < item.span.end; i++) {
    const l = lines[i];
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

/** "1 (Norco 10/325mg #60)" style label for messages. */
export function itemLabel(ctx: RuleContext, item: Item): string {
  const req = item.request || ctx.quote(item.heading, 50);
  const short = req.length > 50 ? req.slice(0, 49).trimEnd() + '…' : req;
  return `${item.index + 1} ("${short}")`;
}
