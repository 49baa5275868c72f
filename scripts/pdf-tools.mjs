// The PDF text tools the project reads the corpus PDFs with: how to print each one's version and
// how to turn one PDF into text, as each tool's users run it. Used by make-tool-fixtures.mjs (the
// fixture tools, TOOLS) and tool-modes.mjs (other modes of the same tools, MODES). The tools are
// Debian packages (see make-tool-fixtures.mjs); pdf.js is pdfjs-dist from npm.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const letters = join(root, 'test', 'fixtures', 'letters');
const PY = '/usr/bin/python3'; // Debian's Python, where python3-pypdf is installed
const PDFBOX_CP = ['pdfbox2-tools', 'pdfbox2', 'fontbox2', 'commons-logging'].map((j) => `/usr/share/java/${j}.jar`).join(':');

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'buffer', maxBuffer: 64 << 20, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 500)}`);
  return r;
}

/** pypdf's text of each page, the pages joined with `sep`. */
const pypdfJoined = (sep) => `
import sys, pypdf
r = pypdf.PdfReader(sys.argv[1])
if r.is_encrypted:
    r.decrypt('')
sys.stdout.buffer.write(${JSON.stringify(sep)}.join(p.extract_text() for p in r.pages).encode('utf-8'))
`;

/** PDFBox's ExtractText with extra options, on a copy decrypted with qpdf. */
function pdfbox(pdf, tmp, options) {
  const dec = join(tmp, 'decrypted.pdf');
  run('qpdf', ['--decrypt', pdf, dec]);
  const out = join(tmp, 'pdfbox.txt');
  run('java', ['-cp', PDFBOX_CP, 'org.apache.pdfbox.tools.ExtractText', ...options, '-encoding', 'UTF-8', dec, out]);
  return readFileSync(out);
}

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
export const TOOLS = {
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
    text: (pdf, tmp) => pdfbox(pdf, tmp, []),
  },
  pdfminer: {
    name: 'pdfminer.six pdf2txt (python3-pdfminer)',
    version: () => execFileSync(PY, ['-c', 'import pdfminer; print(pdfminer.__version__)']).toString().trim(),
    text: (pdf) => run('pdf2txt', [pdf]).stdout,
  },
  pypdf: {
    name: 'pypdf PdfReader page.extract_text() (python3-pypdf, python3-pycryptodome for AES)',
    version: () => execFileSync(PY, ['-c', 'import pypdf; print(pypdf.__version__)']).toString().trim(),
    text: (pdf) => run(PY, ['-c', pypdfJoined('\n'), pdf]).stdout,
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
export function corpus() {
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

/** The mode of MuPDF's `mutool draw -F txt -O option`. */
function mutoolWith(option) {
  return {
    tool: 'mutool',
    text: (pdf, tmp) => {
      const out = join(tmp, `mupdf-${option}.txt`);
      run('mutool', ['draw', '-q', '-F', 'txt', '-O', option, '-o', out, pdf]);
      return readFileSync(out);
    },
  };
}

/**
 * Other modes of the same tools, as their options or a script may print a letter: not fixtures
 * (no tool prints them by default), measured by tool-modes.mjs. `tool` is the program each needs.
 */
export const MODES = {
  'pdftotext -nopgbrk': { tool: 'pdftotext', text: (pdf) => run('pdftotext', ['-nopgbrk', '-enc', 'UTF-8', pdf, '-']).stdout },
  'pdftotext -layout -nopgbrk': { tool: 'pdftotext', text: (pdf) => run('pdftotext', ['-layout', '-nopgbrk', '-enc', 'UTF-8', pdf, '-']).stdout },
  'pdftotext -fixed 3': { tool: 'pdftotext', text: (pdf) => run('pdftotext', ['-fixed', '3', '-enc', 'UTF-8', pdf, '-']).stdout },
  'pdftotext -colspacing 0.3 (older releases\' default)': { tool: 'pdftotext', text: (pdf) => run('pdftotext', ['-colspacing', '0.3', '-enc', 'UTF-8', pdf, '-']).stdout },
  'pdftotext -layout -colspacing 0.3': { tool: 'pdftotext', text: (pdf) => run('pdftotext', ['-layout', '-colspacing', '0.3', '-enc', 'UTF-8', pdf, '-']).stdout },
  'pdftotext -eol mac (lone CR line ends)': { tool: 'pdftotext', text: (pdf) => run('pdftotext', ['-eol', 'mac', '-enc', 'UTF-8', pdf, '-']).stdout },
  'pdftotext -enc Latin1': { tool: 'pdftotext', text: (pdf) => run('pdftotext', ['-enc', 'Latin1', pdf, '-']).stdout },
  'pdftotext -raw -nopgbrk': { tool: 'pdftotext', text: (pdf) => run('pdftotext', ['-raw', '-nopgbrk', '-enc', 'UTF-8', pdf, '-']).stdout },
  'mutool draw -F txt -O preserve-whitespace': mutoolWith('preserve-whitespace'),
  'mutool draw -F txt -O dehyphenate': mutoolWith('dehyphenate'),
  'mutool draw -F txt -O inhibit-spaces': mutoolWith('inhibit-spaces'),
  'Ghostscript txtwrite -dTextFormat=2 (UTF-16)': {
    tool: 'gs',
    text: (pdf, tmp) => {
      const out = join(tmp, 'gs16.txt');
      run('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=txtwrite', '-dTextFormat=2', `-sOutputFile=${out}`, pdf]);
      return readFileSync(out);
    },
  },
  'pypdf, pages joined with nothing between': { tool: PY, text: (pdf) => run(PY, ['-c', pypdfJoined(''), pdf]).stdout },
  'pypdf, pages joined with form feeds': { tool: PY, text: (pdf) => run(PY, ['-c', pypdfJoined('\f'), pdf]).stdout },
  'PDFBox ExtractText -sort': { tool: 'java', text: (pdf, tmp) => pdfbox(pdf, tmp, ['-sort']) },
  'pdf2txt -A (every text box)': { tool: 'pdf2txt', text: (pdf) => run('pdf2txt', ['-A', pdf]).stdout },
  'pdf2txt -F 0.5': { tool: 'pdf2txt', text: (pdf) => run('pdf2txt', ['-F', '0.5', pdf]).stdout },
  'pdf2txt -F 1.0 (boxes read by position alone)': { tool: 'pdf2txt', text: (pdf) => run('pdf2txt', ['-F', '1.0', pdf]).stdout },
  'pdf2txt -L 0.3': { tool: 'pdf2txt', text: (pdf) => run('pdf2txt', ['-L', '0.3', pdf]).stdout },
  'pdf2txt -M 1.0': { tool: 'pdf2txt', text: (pdf) => run('pdf2txt', ['-M', '1.0', pdf]).stdout },
  'pdf2txt -n (no layout analysis)': { tool: 'pdf2txt', text: (pdf) => run('pdf2txt', ['-n', pdf]).stdout },
  'pdf2txt -W 0.5 (wider word margin)': { tool: 'pdf2txt', text: (pdf) => run('pdf2txt', ['-W', '0.5', pdf]).stdout },
  'pdf2txt -V (vertical text detected)': { tool: 'pdf2txt', text: (pdf) => run('pdf2txt', ['-V', pdf]).stdout },
};
