/**
 * missing-block: writes the missing block's label with a placeholder for its text, where the
 * block belongs: before the item's next block, or after its previous block, or right after its
 * heading. A misspelt label is corrected by the rule's own fix instead.
 */
import { BLOCK_PARTS } from '../parts';
import type { BlockKind } from '../types';
import { insertAfter, insertBefore } from './place';
import type { CodeFix, FixContext, FixModule } from './types';

export const missingBlock: FixModule = {
  code: 'missing-block',
  fixes({ letter, text, diagnostic }: FixContext): CodeFix[] {
    if (diagnostic.fixes?.length) return [];
    const index = diagnostic.data?.item;
    const kind = diagnostic.data?.kind as BlockKind | undefined;
    const item = typeof index === 'number' ? letter.items[index] : undefined;
    const at = BLOCK_PARTS.findIndex((b) => b.kind === kind);
    if (!item || at < 0) return [];
    const part = BLOCK_PARTS[at];
    const line = `${part.label} ${part.placeholder}`;
    const next = BLOCK_PARTS.slice(at + 1).map((b) => item[b.kind]).find((b) => b !== null);
    const prev = BLOCK_PARTS.slice(0, at).reverse().map((b) => item[b.kind]).find((b) => b !== null);
    const edit = next
      ? insertBefore(text, letter, next.label.start, [line])
      : insertAfter(text, letter, Math.max(prev ? prev.span.start : item.heading.start, (prev ? prev.span.end : item.heading.end) - 1), [line]);
    return [{ title: `Add the "${part.label}" block`, edits: [edit], isPreferred: true }];
  },
};
