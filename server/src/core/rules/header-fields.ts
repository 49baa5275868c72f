/**
 * The F1b header table carries all seven fields, each with its value.
 */
import type { Rule } from '../diagnostics/context';
import type { HeaderKey } from '../types';
import { HEADER_NAMES } from '../vocabulary';

/** The header fields, in the order `HEADER_NAMES` lists them. */
const HEADER_KEYS = Object.keys(HEADER_NAMES) as HeaderKey[];

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
    // The fields seen, one bit each (at their place in `HEADER_KEYS`).
    let seen = 0;
    for (let k = 0; k < letter.header.length; k++) {
      const f = letter.header[k];
      seen |= 1 << HEADER_KEYS.indexOf(f.key);
      if (!f.value) {
        ctx.report('missing-header-field', f.label.span, `"${HEADER_NAMES[f.key]}" has no value in the header table. Fill it in.`, { data: { key: f.key } });
      }
    }
    for (let k = 0; k < HEADER_KEYS.length; k++) {
      if (seen & (1 << k)) continue;
      const key = HEADER_KEYS[k];
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
