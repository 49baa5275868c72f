/**
 * What the rule modules declare, in the two places users read it: the `imr.severity` settings
 * schema of package.json and the diagnostics table of the README. `scripts/rules.mjs --write`
 * writes both from here; `test/manifest/rules.test.ts` checks they agree.
 */
import type { Rule } from '../diagnostics/context';

export const SEVERITY_LEVELS = ['off', 'hint', 'information', 'warning', 'error'] as const;

/** The settings schema of each rule's severity, as package.json declares it. */
export function severitySchema(rules: readonly Rule[]): Record<string, { type: 'string'; enum: string[]; default: string; description: string }> {
  const properties: Record<string, { type: 'string'; enum: string[]; default: string; description: string }> = {};
  for (const r of rules) {
    properties[r.code] = { type: 'string', enum: [...SEVERITY_LEVELS], default: r.defaultSeverity, description: r.description };
  }
  return properties;
}

/** The heading row of the README's diagnostics table. */
export const README_TABLE_HEAD = '| Code | Default | What it reports |';

/** The README's table rows, one per rule. */
export function readmeRows(rules: readonly Rule[]): string[] {
  return rules.map((r) => `| \`${r.code}\` | ${r.defaultSeverity} | ${r.description} |`);
}

/** The rows of the README's diagnostics table as written (empty when the table is not there). */
export function readmeTable(readme: string): string[] {
  const at = readme.indexOf(README_TABLE_HEAD);
  if (at < 0) return [];
  const rows: string[] = [];
  let pos = readme.indexOf('\n', readme.indexOf('\n', at) + 1) + 1;
  while (pos > 0 && readme.startsWith('|', pos)) {
    const end = readme.indexOf('\n', pos);
    rows.push(readme.slice(pos, end < 0 ? readme.length : end));
    pos = end + 1;
  }
  return rows;
}

/** The README with its diagnostics table replaced by `rows`. */
export function withReadmeRows(readme: string, rows: readonly string[]): string {
  const at = readme.indexOf(README_TABLE_HEAD);
  if (at < 0) return readme;
  const bodyStart = readme.indexOf('\n', readme.indexOf('\n', at) + 1) + 1;
  let end = bodyStart;
  while (readme.startsWith('|', end)) end = readme.indexOf('\n', end) + 1;
  return readme.slice(0, bodyStart) + rows.map((r) => `${r}\n`).join('') + readme.slice(end);
}
