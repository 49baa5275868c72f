/**
 * Decision rules: every disputed item ends its heading with a known decision word.
 */
import { closestDecision, DECISIONS } from '../vocabulary';
import type { Item, Span } from '../types';
import { Fix, itemLabel, Rule, RuleContext } from '../diagnostics/context';

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

/**
 * For an item without a decision word: the word its heading's last line ends with, when that word
 * looks like a decision (a misspelt one alone on its line, or an outcome word from another
 * vocabulary), else the span where the decision belongs.
 */
function missingDecision(ctx: RuleContext, item: Item): { word: string; span: Span } | { word: null; span: Span } {
  const last = ctx.lineContentAt(Math.max(item.heading.start, item.heading.end - 1));
  const lineText = ctx.text.slice(last.start, last.end);
  const m = /(?:^|:[ \t\u00a0]*)([A-Za-z][A-Za-z-]{1,24})\.?$/.exec(lineText);
  if (m && (closestDecision(m[1]) !== null || DECISION_LIKE.has(m[1].toLowerCase()))) {
    const start = last.start + m.index + m[0].indexOf(m[1]);
    return { word: m[1], span: { start, end: start + m[1].length } };
  }
  // Point at the end of the heading, where the decision belongs.
  return { word: null, span: lineText.endsWith(':') ? { start: last.end - 1, end: last.end } : last };
}

export const unknownDecision: Rule = {
  code: 'unknown-decision',
  defaultSeverity: 'error',
  description: 'An item decision is not a known decision word (e.g. the misspelling "Uphled"); quick fix to the closest one.',
  cost: 'essential',
  source: 'letter',
  check(ctx) {
    if (!hasItemBlocks(ctx)) return;
    const { items } = ctx.letter;
    for (let k = 0; k < items.length; k++) {
      const item = items[k];
      if (item.decisionText && item.decision === null) {
        reportUnknown(ctx, item, item.decisionText.text, item.decisionText.span, itemLabel(ctx, item));
      } else if (!item.decisionText) {
        const m = missingDecision(ctx, item);
        if (m.word !== null) reportUnknown(ctx, item, m.word, m.span, itemLabel(ctx, item));
      }
    }
  },
};

export const itemNoDecision: Rule = {
  code: 'item-no-decision',
  defaultSeverity: 'error',
  description: 'A disputed item heading does not end with its decision (Upheld or Overturned).',
  cost: 'essential',
  source: 'letter',
  check(ctx) {
    if (!hasItemBlocks(ctx)) return;
    const { items } = ctx.letter;
    for (let k = 0; k < items.length; k++) {
      const item = items[k];
      if (item.decisionText) continue;
      const m = missingDecision(ctx, item);
      if (m.word !== null) continue; // a word that looks like a decision: unknown-decision
      ctx.report(
        'item-no-decision',
        m.span,
        `Item ${itemLabel(ctx, item)} has no decision. End its heading with ": Upheld" or ": Overturned".`,
        { data: { item: item.index } },
      );
    }
  },
};

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

export const rules: readonly Rule[] = [itemNoDecision, unknownDecision];
