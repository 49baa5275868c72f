/**
 * Every diagnostic rule, in the order of the README's table; they run in this order too (findings
 * at the same place keep it). One
 * module per rule or small family (`<name>.ts`, each exporting its `rules`), with its test cases
 * beside it as annotated letter excerpts (`<name>.cases.ts`). Adding a rule: its module, its cases,
 * and its module's line below; `node scripts/rules.mjs --write` then updates the severity settings
 * in package.json and the README's table, which a test keeps in step.
 */
import type { Rule } from '../diagnostics/context';
import * as artifacts from './artifacts';
import * as blocks from './blocks';
import * as caseNumber from './case-number';
import * as dates from './dates';
import * as decisions from './decisions';
import * as directives from './directives';
import * as guidelines from './guidelines';
import * as headerFields from './header-fields';
import * as parser from './parser';
import * as partial from './partial';
import * as rationale from './rationale';
import * as sections from './sections';

export const RULE_MODULES = {
  sections, 'header-fields': headerFields, decisions, blocks, rationale, partial, dates, 'case-number': caseNumber,
  guidelines, artifacts, directives, parser,
} as const;

export const RULES: readonly Rule[] = Object.values(RULE_MODULES).flatMap((m) => m.rules);

directives.setKnownCodes(RULES.map((r) => r.code));
