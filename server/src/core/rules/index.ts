/**
 * Every diagnostic rule, in the order of the README's table; they run in this order too (findings
 * at the same place keep it). One module per rule or small family (`<name>.ts`, each exporting its
 * `rules`), with its test cases beside it as annotated letter excerpts (`<name>.cases.ts`).
 *
 * Adding a rule: write its module and its cases, then run `node scripts/rules.mjs --write`, which
 * lists the module below (at the end: move its name in RULE_MODULES to run it elsewhere), and
 * writes its severity setting in package.json and its row of the README's table from what the
 * module exports. test/manifest/rules.test.ts fails until that is done.
 */
import type { Rule } from '../diagnostics/context';
// BEGIN rule modules (written by node scripts/rules.mjs --write)
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
  sections, 'header-fields': headerFields, decisions, blocks, rationale, partial, dates,
  'case-number': caseNumber, guidelines, artifacts, directives, parser,
} as const;
// END rule modules

export const RULES: readonly Rule[] = Object.values(RULE_MODULES).flatMap((m) => m.rules);

directives.setKnownCodes(RULES.map((r) => r.code));
