/**
 * `imr-disable` lines that name a code no rule has: probably a typo, so the line silences nothing.
 */
import type { Fix, Rule } from '../diagnostics/context';
import { editDistance } from '../vocabulary';

/** Every rule code, for the suggestion (the registry gives it; set once it is built). */
let knownCodes: readonly string[] = [];
let knownSet: ReadonlySet<string> = new Set();

export function setKnownCodes(codes: readonly string[]): void {
  knownCodes = codes;
  knownSet = new Set(codes);
}

export const unknownDirectiveCode: Rule = {
  code: 'unknown-directive-code',
  defaultSeverity: 'warning',
  description: 'An imr-disable line names a code that no rule has.',
  cost: 'essential',
  source: 'letter',
  check(ctx) {
    // Most letters have no directive at all.
    for (const d of ctx.letter.directives) {
      for (const code of d.codes) {
        if (knownSet.has(code)) continue;
        let best: string | null = null;
        let bestD = 4;
        for (const r of knownCodes) {
          const dist = editDistance(code.toLowerCase(), r, 3);
          if (dist < bestD) {
            bestD = dist;
            best = r;
          }
        }
        const at = ctx.text.slice(d.span.start, d.span.end).indexOf(code);
        const span = at >= 0 ? { start: d.span.start + at, end: d.span.start + at + code.length } : d.span;
        const fixes: Fix[] = best ? [{ title: `Change to "${best}"`, edits: [{ span, newText: best }], isPreferred: true }] : [];
        ctx.report(
          'unknown-directive-code',
          span,
          `"${code}" is not a diagnostic code${best ? `; did you mean "${best}"?` : '.'} This directive does not silence it.`,
          { data: { code, suggestion: best }, ...(fixes.length ? { fixes } : {}) },
        );
      }
    }
  },
};

export const rules: readonly Rule[] = [unknownDirectiveCode];
