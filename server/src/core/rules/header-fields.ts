/**
 * The F1b header table carries all seven fields, each with its value.
 */
import type { Rule } from '../diagnostics/context';
import type { HeaderKey } from '../types';
import { HEADER_NAMES } from '../vocabulary';

export const missingHeaderField: Rule = {
  code: 'missing-header-field',
  defaultSeverity: 'warning',
  description: 'A field of the F1b header table (Case Number, dates, Priority) is missing or has no value.',
  cost: 'essential',
  source: 'letter',
  check(ctx) {
    const { letter } = ctx;
    if (letter.format !== 'F1b') return;
    const header = letter.sections.find((s) => s.kind === 'header');
    if (!header) return;
    const seen = new Set<HeaderKey>();
    for (const f of letter.header) {
      seen.add(f.key);
      if (!f.value) {
        ctx.report('missing-header-field', f.label.span, `"${HEADER_NAMES[f.key]}" has no value in the header table. Fill it in.`, { data: { key: f.key } });
      }
    }
    for (const key of Object.keys(HEADER_NAMES) as HeaderKey[]) {
      if (seen.has(key)) continue;
      ctx.report(
        'missing-header-field',
        header.heading,
        `The header table has no "${HEADER_NAMES[key]}:" field. Add it with its value.`,
        { data: { key } },
      );
    }
  },
};

export const rules: readonly Rule[] = [missingHeaderField];
