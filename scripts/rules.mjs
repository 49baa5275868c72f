#!/usr/bin/env node
// The diagnostic rules' derived places, kept in step with the rule modules (server/src/core/rules):
// the `imr.severity` settings schema in package.json and the diagnostics table in README.md, both
// made by server/src/core/rules/table.ts.
//
//   node scripts/rules.mjs           report whether they agree (exit 1 when they do not)
//   node scripts/rules.mjs --write   rewrite both from the rules
//
// test/manifest/rules.test.ts makes the same comparison on every test run.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'imr-rules-'));
let mod;
try {
  const out = join(dir, 'rules.cjs');
  await esbuild.build({
    bundle: true, platform: 'node', format: 'cjs', logLevel: 'error', outfile: out,
    stdin: { contents: "export { RULES } from './index'; export * from './table';", resolveDir: join(root, 'server/src/core/rules'), loader: 'ts' },
  });
  mod = createRequire(import.meta.url)(out);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const { RULES, severitySchema, readmeRows, withReadmeRows } = mod;
const pkgFile = join(root, 'package.json');
const readmeFile = join(root, 'README.md');
const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
const setting = pkg.contributes.configuration.properties['imr.severity'];
const readme = readFileSync(readmeFile, 'utf8');
const schema = severitySchema(RULES);
const wantReadme = withReadmeRows(readme, readmeRows(RULES));
if (process.argv.includes('--write')) {
  setting.properties = schema;
  writeFileSync(pkgFile, JSON.stringify(pkg, null, 2) + '\n');
  writeFileSync(readmeFile, wantReadme);
  console.log(`package.json imr.severity and the README.md table written for ${RULES.length} rules`);
} else {
  const same = JSON.stringify(setting.properties) === JSON.stringify(schema) && wantReadme === readme;
  console.log(same ? `package.json and README.md agree with the ${RULES.length} rules` : 'package.json or README.md differ from the rules: run node scripts/rules.mjs --write');
  process.exitCode = same ? 0 : 1;
}
