#!/usr/bin/env node
// How well the parser reads the text each PDF tool makes of the corpus letters: for every tool in
// test/fixtures/tools and every letter, the model's fields (header, reviewer, patient, items,
// requests, decisions, partial authorizations, guideline blocks, citations) compared with the
// model of the same letter's pdftotext text. Prints one row per tool and the kinds of field that
// differ. "Hyphens aside" also counts as equal a value that differs only where pdftotext dropped the
// hyphen of a word broken at a line end ("fourweek" for "four-week"). Needs a build (npm run build).
//
//   node scripts/tool-accuracy.mjs                 the table
//   node scripts/tool-accuracy.mjs --tool pypdf    one tool, with every differing field
//   node scripts/tool-accuracy.mjs --markdown      the table as Markdown (for the README)
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { scoreTools, fieldKind } = require(join(root, 'out/test/core/tool-fields.js'));

const argv = process.argv.slice(2);
const only = argv.includes('--tool') ? [argv[argv.indexOf('--tool') + 1]] : undefined;
const markdown = argv.includes('--markdown');
const pct = (a, b) => (b ? ((100 * a) / b).toFixed(2) + '%' : '-');

const scores = scoreTools(only);
if (markdown) {
  console.log('| Text made by | Letters | Fields | Same as pdftotext | Same, line-end hyphens aside |');
  console.log('|---|---|---|---|---|');
}
for (const s of scores) {
  const kinds = new Map();
  for (const diffs of s.differences.values()) for (const d of diffs) kinds.set(fieldKind(d.field), (kinds.get(fieldKind(d.field)) ?? 0) + 1);
  const worst = [...kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
  if (markdown) console.log(`| ${s.tool} | ${s.letters} | ${s.fields} | ${pct(s.equal, s.fields)} | ${pct(s.equalButHyphens, s.fields)} |`);
  else
    console.log(
      `${s.tool.padEnd(14)} ${String(s.letters).padStart(4)} letters ${String(s.fields).padStart(6)} fields ${pct(s.equal, s.fields).padStart(8)} same` +
        ` ${pct(s.equalButHyphens, s.fields).padStart(8)} hyphens aside   ${s.fields - s.equal} differ${worst ? ': ' + worst : ''}`,
    );
  if (only) {
    for (const [letter, diffs] of s.differences) {
      console.log(`\n${letter}`);
      for (const d of diffs) console.log(`  ${d.field}\n    pdftotext: ${JSON.stringify(d.expected.slice(0, 300))}\n    ${s.tool}: ${JSON.stringify(d.actual.slice(0, 300))}`);
    }
  }
}
