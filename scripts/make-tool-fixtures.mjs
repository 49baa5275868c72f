#!/usr/bin/env node
// Writes test/fixtures/tools/<tool>/<letter>.txt: the text other PDF tools make of the corpus PDFs
// (test/fixtures/letters/pdf, listed in test/fixtures/letters/MANIFEST.tsv), so the tests can show
// that a letter reads the same whichever tool turned its PDF into text. The tests read the
// committed text; only this script needs the tools (Debian packages, as root):
//
//   apt-get install -y mupdf-tools python3-pdfminer python3-pypdf python3-pycryptodome \
//     libpdfbox2-java qpdf ghostscript poppler-utils
//   node scripts/make-tool-fixtures.mjs [--tool NAME] [--check]
//
// --tool runs one tool only; --check prints each tool's version and exits. The versions used are
// recorded in test/fixtures/README.md; regenerate after a tool upgrade and update them there.
//
// Each tool's output is written as the tool writes it (line ends, blanks, page separators), with
// two exceptions, both how a person gets the text: pdf.js gives text items, joined here as a
// browser copies its text layer (each item's string, a line break where `hasEOL` is set, a line
// break between pages), and for `pdfjs-items` each item on a line of its own (a line break after
// every item, as a script that joins the items with line breaks has it); pypdf gives one string
// per page, joined with a line break.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpus, TOOLS } from './pdf-tools.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outRoot = join(root, 'test', 'fixtures', 'tools');

const argv = process.argv.slice(2);
const only = argv.includes('--tool') ? argv[argv.indexOf('--tool') + 1] : null;

const names = only ? [only] : Object.keys(TOOLS);
for (const n of names) if (!TOOLS[n]) throw new Error(`unknown tool ${n}; known: ${Object.keys(TOOLS).join(', ')}`);
for (const n of names) console.log(`${n}\t${TOOLS[n].version()}\t${TOOLS[n].name}`);
if (argv.includes('--check')) process.exit(0);

const files = corpus();
const tmp = mkdtempSync(join(tmpdir(), 'imr-tools-'));
try {
  for (const n of names) {
    const dir = join(outRoot, n);
    mkdirSync(dir, { recursive: true });
    let bytes = 0;
    for (const [file, pdf] of files) {
      const text = await TOOLS[n].text(pdf, tmp);
      writeFileSync(join(dir, file), text);
      bytes += text.length;
    }
    console.log(`${n}: ${files.length} letters, ${(bytes / 1024).toFixed(0)} KB`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
