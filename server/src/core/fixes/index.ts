/**
 * The quick fixes that write the missing parts of a letter, one module per diagnostic code:
 * `fixesFor` answers for one diagnostic, with the fixes the rule attached itself first.
 */
import type { Diagnostic } from '../diagnostics';
import type { Letter } from '../types';
import { itemNoDecision } from './item-no-decision';
import { missingBlock } from './missing-block';
import { missingSection } from './missing-section';
import { rationaleContradictsDecision } from './rationale-contradicts-decision';
import { textQuoted } from './text-quoted';
import type { CodeFix, FixModule } from './types';

export type { CodeFix, FixCase, FixModule } from './types';

export const FIX_MODULES: readonly FixModule[] = [missingBlock, itemNoDecision, missingSection, rationaleContradictsDecision, textQuoted];

const BY_CODE = new Map(FIX_MODULES.map((m) => [m.code, m]));

/** Every fix for one diagnostic of `letter`: the rule's own (as data on the diagnostic), then the module's. Never throws. */
export function fixesFor(letter: Letter, text: string, diagnostic: Diagnostic): CodeFix[] {
  const own: CodeFix[] = (diagnostic.fixes ?? []).map((f) => ({ title: f.title, edits: f.edits, ...(f.isPreferred ? { isPreferred: true } : {}) }));
  const module = BY_CODE.get(diagnostic.code);
  if (!module) return own;
  try {
    return [...own, ...module.fixes({ letter, text, diagnostic })];
  } catch {
    // A fix that fails offers nothing; the diagnostic and the rule's own fixes stay.
    return own;
  }
}
