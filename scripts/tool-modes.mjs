#!/usr/bin/env node
// How well the parser reads other modes of the PDF tools (pdf-tools.mjs MODES: options or scripts
// that print a letter in shapes no tool prints by default). Each mode's text of the 100 corpus
// PDFs is made in a temporary folder (nothing is kept), its bytes read as the product reads a file
// (io.ts decodeLetterBytes: UTF-8, UTF-16, Windows-1252), and its model compared field by field with
// the model of pdftotext's text, as scripts/tool-accuracy.mjs compares the fixture tools. A field
// that differs only where pdftotext dropped a line-end hyphen counts as the same; otherwise it is
// "blanks" when the characters are the same and only blanks differ (a word the tool broke by a
// space, left as written), "empty" when the mode's text gives no value (a field left empty, or an
// item missing), else "different". Needs a build (npm run build) and the tools (see
// make-tool-fixtures.mjs); pdf2txt modes take a few minutes each.
//
//   node scripts/tool-modes.mjs                     every mode whose tool is installed
//   node scripts/tool-modes.mjs --mode "pdf2txt -V" the modes whose name starts so, with each difference
//   node scripts/tool-modes.mjs --markdown          the table as Markdown
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpus, MODES } from './pdf-tools.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { compareFields, hyphensOnly, modelFields, pdftotextText } = require(join(root, 'out/test/core/tool-fields.js'));

const { decodeLetterBytes } = require(join(root, 'out/server/src/io.js'));
/** A mode's output as the product reads a file of it (UTF-8, or Windows-1252 where it is not, UTF-16 by its byte order mark). */
function asRead(out) {
  if (typeof out === 'string') return out;
  const read = decodeLetterBytes(out);
  if (!read.ok) throw new Error(read.reason);
  return read.text;
}

const argv = process.argv.slice(2);
const prefix = argv.includes('--mode') ? argv[argv.indexOf('--mode') + 1] : null;
const markdown = argv.includes('--markdown');
const installed = (tool) => spawnSync('sh', ['-c', `command -v "${tool}"`]).status === 0;
const pct = (a, b) => ((100 * a) / b).toFixed(2) + '%';

const files = corpus();
const expected = new Map(files.map(([file]) => [file, modelFields(pdftotextText(file))]));
const tmp = mkdtempSync(join(tmpdir(), 'imr-modes-'));
if (markdown) {
  console.log('| Text made by | Letters | Fields | Same as pdftotext, line-end hyphens aside | Blanks differ | Left empty | Different |');
  console.log('|---|---|---|---|---|---|---|');
}
try {
  for (const [name, mode] of Object.entries(MODES)) {
    if (prefix && !name.startsWith(prefix)) continue;
    if (!installed(mode.tool)) {
      console.log(`${name}: ${mode.tool} is not installed`);
      continue;
    }
    let fields = 0, same = 0, blanks = 0, empty = 0, different = 0;
    const shown = [];
    for (const [file, pdf] of files) {
      const want = expected.get(file);
      const diff = compareFields(want, modelFields(asRead(await mode.text(pdf, tmp))));
      fields += want.size + diff.filter((d) => d.expected === '(missing)').length;
      same += want.size;
      for (const d of diff) {
        if (d.expected !== '(missing)') same--;
        if (hyphensOnly(d)) same++;
        else if (d.actual === '' || d.actual === '(missing)' || (d.field === 'items' && d.actual === '0')) empty++;
        else if (d.expected.replace(/\s/g, '') === d.actual.replace(/\s/g, '')) blanks++;
        else {
          different++;
          if (prefix) shown.push(`  ${file} ${d.field}\n    pdftotext: ${JSON.stringify(d.expected.slice(0, 120))}\n    ${name}: ${JSON.stringify(d.actual.slice(0, 120))}`);
        }
      }
    }
    if (markdown) console.log(`| ${name} | ${files.length} | ${fields} | ${pct(same, fields)} | ${blanks} | ${empty} | ${different} |`);
    else console.log(`${name.padEnd(46)} ${files.length} letters ${fields} fields ${pct(same, fields).padStart(8)} same, hyphens aside  ${blanks} blanks  ${empty} empty  ${different} different`);
    for (const s of shown) console.log(s);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
