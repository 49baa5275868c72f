/**
 * The rule modules are the one source of what the diagnostics are: the severity settings in
 * package.json and the README's diagnostics table are made from them (`node scripts/rules.mjs
 * --write`) and must say exactly what the modules say, in their order.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../../server/src/core/rules';
import { readmeRows, readmeTable, severitySchema } from '../../server/src/core/rules/table';
import { ROOT } from '../paths';

describe('the rule modules and what is derived from them', () => {
  test('package.json: imr.severity declares every rule, with its default and description, in order', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const declared = pkg.contributes.configuration.properties['imr.severity'].properties;
    assert.deepEqual(Object.keys(declared), RULES.map((r) => r.code), 'run node scripts/rules.mjs --write');
    assert.deepEqual(declared, severitySchema(RULES), 'run node scripts/rules.mjs --write');
  });

  test("README.md: the diagnostics table lists every rule, with its default and description, in order", () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    assert.deepEqual(readmeTable(readme), readmeRows(RULES), 'run node scripts/rules.mjs --write');
  });

  test('every rule module under server/src/core/rules is registered', () => {
    const dir = path.join(ROOT, 'server', 'src', 'core', 'rules');
    const helpers = new Set(['index.ts', 'case-letter.ts', 'table.ts', 'conclusion.ts', 'conclusion-words.ts', 'conclusion-vocabulary.ts']);
    const modules = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.cases.ts') && !helpers.has(f));
    const registered = new Set(RULES.map((r) => r.code));
    for (const f of modules) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const m = require(path.join(__dirname, '..', '..', 'server', 'src', 'core', 'rules', f.replace(/\.ts$/, '.js'))) as { rules?: { code: string }[] };
      assert.ok(m.rules && m.rules.length > 0, `${f} exports no rules`);
      for (const r of m.rules) assert.ok(registered.has(r.code), `${r.code} (${f}) is not in server/src/core/rules/index.ts`);
    }
  });
});
