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
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const letters = join(root, 'test', 'fixtures', 'letters');
const outRoot = join(root, 'test', 'fixtures', 'tools');
const PY = '/usr/bin/python3'; // Debian's Python, where python3-pypdf is installed
const PDFBOX_CP = ['pdfbox2-tools', 'pdfbox2', 'fontbox2', 'commons-logging'].map((j) => `/usr/share/java/${j}.jar`).join(':');

const argv = process.argv.slice(2);
const only = argv.includes('--tool') ? argv[argv.indexOf('--tool') + 1] : null;

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'buffer', maxBuffer: 64 << 20, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 500)}`);
  return r;
}

const PYPDF = `
import sys, pypdf
r = pypdf.PdfReader(sys.argv[1])
if r.is_encrypted:
    r.decrypt('')
sys.stdout.buffer.write('\\n'.join(p.extract_text() for p in r.pages).encode('utf-8'))
`;

let pdfjs;
/** pdf.js's text content as a browser copies its text layer (`items` false), or each text item on
 *  a line of its own (`items` true), as a script that joins the items with line breaks has it. */
async function pdfjsText(pdf, items = false) {
  pdfjs ??= await import(createRequire(join(root, 'package.json')).resolve('pdfjs-dist/legacy/build/pdf.mjs'));
  const data = new Uint8Array(readFileSync(pdf));
  const doc = await pdfjs.getDocument({ data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  let out = '';
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    for (const item of content.items) {
      if (!('str' in item)) continue;
      out += item.str;
      if (items || item.hasEOL) out += '\n';
    }
    out += '\n';
  }
  await doc.destroy();
  return out;
}

/** Each tool: how to print its version, and how to turn one PDF into text (returns a Buffer). */
const TOOLS = {
  pdfjs: {
    name: 'pdf.js (pdfjs-dist), text content joined as a browser copies its text layer',
    version: () => createRequire(join(root, 'package.json'))('pdfjs-dist/package.json').version,
    text: async (pdf) => Buffer.from(await pdfjsText(pdf), 'utf8'),
  },
  'pdfjs-items': {
    name: 'pdf.js (pdfjs-dist), each text content item on a line of its own',
    version: () => createRequire(join(root, 'package.json'))('pdfjs-dist/package.json').version,
    text: async (pdf) => Buffer.from(await pdfjsText(pdf, true), 'utf8'),
  },
  pdfbox: {
    name: 'Apache PDFBox ExtractText (libpdfbox2-java), on a copy decrypted with qpdf --decrypt',
    version: () => '2.0.27 (' + execFileSync('dpkg-query', ['-W', '-f=${Version}', 'libpdfbox2-java']).toString() + '), qpdf ' + /qpdf version (\S+)/.exec(execFileSync('qpdf', ['--version']).toString())[1],
    text: (pdf, tmp) => {
      const dec = join(tmp, 'decrypted.pdf');
      run('qpdf', ['--decrypt', pdf, dec]);
      const out = join(tmp, 'pdfbox.txt');
      run('java', ['-cp', PDFBOX_CP, 'org.apache.pdfbox.tools.ExtractText', '-encoding', 'UTF-8', dec, out]);
      return readFileSync(out);
    },
  },
  pdfminer: {
    name: 'pdfminer.six pdf2txt (python3-pdfminer)',
    version: () => execFileSync(PY, ['-c', 'import pdfminer; print(pdfminer.__version__)']).toString().trim(),
    text: (pdf) => run('pdf2txt', [pdf]).stdout,
  },
  pypdf: {
    name: 'pypdf PdfReader page.extract_text() (python3-pypdf, python3-pycryptodome for AES)',
    version: () => execFileSync(PY, ['-c', 'import pypdf; print(pypdf.__version__)']).toString().trim(),
    text: (pdf) => run(PY, ['-c', PYPDF, pdf]).stdout,
  },
  'pdftotext-raw': {
    name: 'poppler pdftotext -raw -enc UTF-8 (poppler-utils)',
    version: () => /pdftotext version (\S+)/.exec(spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).stderr)[1],
    text: (pdf) => run('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-']).stdout,
  },
  mupdf: {
    name: 'MuPDF mutool draw -F txt (mupdf-tools)',
    version: () => /mutool version (\S+)/.exec(spawnSync('mutool', ['-v'], { encoding: 'utf8' }).stderr)[1],
    text: (pdf, tmp) => {
      const out = join(tmp, 'mupdf.txt');
      run('mutool', ['draw', '-q', '-F', 'txt', '-o', out, pdf]);
      return readFileSync(out);
    },
  },
  ghostscript: {
    name: 'Ghostscript -sDEVICE=txtwrite (ghostscript)',
    version: () => execFileSync('gs', ['--version']).toString().trim(),
    text: (pdf, tmp) => {
      const out = join(tmp, 'gs.txt');
      run('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=txtwrite', `-sOutputFile=${out}`, pdf]);
      return readFileSync(out);
    },
  },
};

/** The corpus letters that have a PDF: [text file name, PDF path]. */
function corpus() {
  const rows = readFileSync(join(letters, 'MANIFEST.tsv'), 'utf8').split('\n').filter(Boolean);
  const head = rows[0].split('\t');
  const fileCol = head.indexOf('file');
  const caseCol = head.indexOf('case_number');
  const pdfCol = head.indexOf('original_pdf');
  const out = [];
  for (const r of rows.slice(1)) {
    const c = r.split('\t');
    if (!c[pdfCol] || !c[caseCol]) continue;
    out.push([c[fileCol], join(letters, 'pdf', `${c[caseCol]}.pdf`)]);
  }
  return out;
}

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
