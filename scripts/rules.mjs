#!/usr/bin/env node
// The diagnostic rules' derived places, kept in step with the rule modules (server/src/core/rules):
// the module list of server/src/core/rules/index.ts, the `imr.severity` settings schema in
// package.json and the diagnostics table in README.md (the last two made by
// server/src/core/rules/table.ts). A rule module is a file of that folder that exports `rules`;
// a new one is added at the end of the list (move its line in RULE_MODULES to run it elsewhere),
// a removed one leaves it.
//
//   node scripts/rules.mjs           report whether they agree (exit 1 when they do not)
//   node scripts/rules.mjs --write   rewrite all three from the rule modules
//
// test/manifest/rules.test.ts makes the same comparisons on every test run.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const write = process.argv.includes('--write');
const rulesDir = join(root, 'server/src/core/rules');
const indexFile = join(rulesDir, 'index.ts');
const BEGIN = '// BEGIN rule modules (written by node scripts/rules.mjs --write)\n';
const END = '// END rule modules\n';

/** index.ts with its module list made from the folder: the order it has, new modules at the end. */
function ruleIndex(index) {
  const files = readdirSync(rulesDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.cases.ts') && f !== 'index.ts')
    .filter((f) => /^export const rules\b/m.test(readFileSync(join(rulesDir, f), 'utf8')))
    .map((f) => f.slice(0, -3));
  const at = index.indexOf(BEGIN);
  const end = index.indexOf(END, at);
  if (at < 0 || end < 0) throw new Error(`${indexFile}: the lines "${BEGIN.trim()}" and "${END.trim()}" are missing`);
  const block = index.slice(at, end);
  const body = /RULE_MODULES = \{([^}]*)\}/.exec(block)?.[1] ?? '';
  const listed = body.split(',').map((e) => e.split(':')[0].replace(/'/g, '').trim()).filter(Boolean);
  const modules = [...listed.filter((m) => files.includes(m)), ...files.filter((m) => !listed.includes(m)).sort()];
  const ident = (m) => m.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
  const entry = (m) => (ident(m) === m ? m : `'${m}': ${ident(m)}`);
  const lines = [];
  let line = ' ';
  for (const m of modules) {
    const next = `${line} ${entry(m)},`;
    if (next.length > 110 && line.trim()) {
      lines.push(line);
      line = `  ${entry(m)},`;
    } else line = next;
  }
  lines.push(line);
  const text =
    BEGIN +
    [...modules].sort().map((m) => `import * as ${ident(m)} from './${m}';\n`).join('') +
    '\nexport const RULE_MODULES = {\n' + lines.map((l) => `${l}\n`).join('') + '} as const;\n';
  return index.slice(0, at) + text + index.slice(end);
}

const index = readFileSync(indexFile, 'utf8');
const wantIndex = ruleIndex(index);
if (write && wantIndex !== index) writeFileSync(indexFile, wantIndex);
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
const readme = readFileSync(readmeFile, 'utf8');
const schema = severitySchema(RULES);
const wantReadme = withReadmeRows(readme, readmeRows(RULES));
/**
 * package.json with the `imr.severity` properties replaced by `schema`, the rest of the file as
 * written (its hand formatting kept): the object after `"properties":` inside `"imr.severity"`.
 */
function withSeverity(text, schema) {
  const key = text.indexOf('"imr.severity"');
  const props = text.indexOf('"properties":', key);
  const open = text.indexOf('{', props);
  if (key < 0 || props < 0 || open < 0) throw new Error('package.json: "imr.severity" has no "properties"');
  let depth = 0;
  let i = open;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) break;
  }
  const indent = /[ ]*$/.exec(text.slice(0, props))[0];
  const body = JSON.stringify(schema, null, 2).replace(/\n/g, `\n${indent}`);
  return text.slice(0, open) + body + text.slice(i + 1);
}

const pkgText = readFileSync(pkgFile, 'utf8');
const wantPkg = withSeverity(pkgText, schema);
if (JSON.stringify(JSON.parse(wantPkg).contributes.configuration.properties['imr.severity'].properties) !== JSON.stringify(schema)) {
  throw new Error('package.json: the imr.severity properties could not be replaced');
}
if (write) {
  writeFileSync(pkgFile, wantPkg);
  writeFileSync(readmeFile, wantReadme);
  console.log(`rules/index.ts, package.json imr.severity and the README.md table written for ${RULES.length} rules`);
} else {
  const same = wantIndex === index && wantPkg === pkgText && wantReadme === readme;
  console.log(same ? `rules/index.ts, package.json and README.md agree with the ${RULES.length} rules` : 'rules/index.ts, package.json or README.md differ from the rules: run node scripts/rules.mjs --write');
  process.exitCode = same ? 0 : 1;
}
