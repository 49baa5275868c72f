#!/usr/bin/env node
// How the parser reads the corpus letters reshaped as a letter's text is on its way to a user: re-
// wrapped (with blank lines or hyphens at the line ends), pasted into a word processor or an
// e-mail, printed with running headers, footers and page counters, faxed, OCR'd. Each shape is
// made from every corpus letter (or every fourth, for the slower ones) and its model compared
// field by field with the model of the letter's own text, as scripts/tool-accuracy.mjs compares
// the PDF tools. A field is "wrong" when it has another value and "empty" when the shape's text
// gives none; short fields (header, reviewer, patient, requests, decisions, partial
// authorizations) apart from long ones (rationales, guideline blocks, citations), where a shape
// that changes the text's characters (dashes, quotes, OCR's digits) changes the value too. A field
// that differs only by a hyphen left inside a word counts as the same. The README's "Text from
// other PDF tools" holds its table (test/core/pasted-shapes.test.ts fails when a count changes)
// and the counts before and after each change. Needs `npx tsc -p .` (it reads
// out/test/core/tool-fields.js).
//
//   node scripts/text-shapes.mjs             every shape
//   node scripts/text-shapes.mjs wrap        the shapes whose name holds "wrap", with each wrong short field
//   node scripts/text-shapes.mjs wrap all    ... with every differing field
//   node scripts/text-shapes.mjs --markdown  the table as Markdown (for the README)
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tf = require(join(root, 'out/test/core/tool-fields.js'));
const core = require(join(root, 'out/server/src/core/index.js'));

const markdown = process.argv.includes('--markdown');
const [filter, verbose] = process.argv.slice(2).filter((a) => a !== '--markdown');
const LETTERS = tf.toolLetters('pdfjs');
const SAMPLE = LETTERS.filter((_, i) => i % 4 === 0);

const wrap = (t, width, hyphens = false) => tf.wrapText(t, width, hyphens);
/** The line `running(page)` after every `n` lines. */
function everyN(t, n, running) {
  const out = [];
  let page = 1;
  t.split('\n').forEach((l, i) => {
    out.push(l);
    if ((i + 1) % n === 0) out.push(running(++page));
  });
  return out.join('\n');
}
/** `t` with `counter(page)` written at the end (or start) of every `n`-th line of 20 characters or more. */
function counterEvery(t, n, atStart) {
  let page = 1;
  return t
    .split('\n')
    .map((l, i) => ((i + 1) % n !== 0 || l.trim().length < 20 ? l : atStart ? `Page ${++page} of 5   ${l}` : `${l}   Page ${++page} of 5`))
    .join('\n');
}
/** An item heading on one line: its words before the last one, and the last one with its decision. */
const HEADING = /^([^:\f]{12,}?) ([^: ]+: *(?:Upheld|Overturned)\s*)$/;
/** Each page break with an item heading within `reach` lines moved inside that heading, before its last word. */
function breaksIntoHeadings(t, reach) {
  const lines = t.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('\f')) continue;
    search: for (let d = 0; d <= reach; d++) {
      for (const j of [i - d, i + d]) {
        const m = j >= 0 && j < lines.length ? HEADING.exec(lines[j].replace(/^\f/, '')) : null;
        if (!m) continue;
        lines[i] = lines[i].replace(/^\f/, '');
        lines[j] = `${m[1]}\n\f${m[2]}`;
        break search;
      }
    }
  }
  return lines.join('\n');
}
/** `mark(k)` before the k-th item heading (where the parser of the unchanged text finds it). */
function atItems(t, mark) {
  const starts = core.parseLetter(t).items.map((i) => i.span.start).sort((a, b) => b - a);
  let out = t;
  starts.forEach((s, k) => {
    out = out.slice(0, s) + mark(starts.length - k) + out.slice(s);
  });
  return out;
}
const caseNumber = (t) => /CM\d\d-\d{7}/.exec(t)?.[0] ?? 'CM00-0000000';
/** `header(page)` at the top of every page after the first. */
const headed = (t, header) => {
  let page = 1;
  return t.replace(/\f(?=[\s\S]*\S)/g, () => `\f${header(++page)}`);
};
const smartQuotes = (t) => t.replace(/(^|[\s(\[])"/g, '$1\u201c').replace(/"/g, '\u201d').replace(/(^|[\s(\[])'/g, '$1\u2018').replace(/'/g, '\u2019');
const FAX = (p) => `01/05/2017 10:15 FAX 916 555 0100   MAXIMUS FEDERAL SVCS   P.00${p}/005`;

/** Each page of `t` written as one line, its lines (trimmed, blank ones dropped) joined by `sep`. */
const onePageLine = (t, sep) => t.split('\f').map((p) => p.split('\n').map((l) => l.trim()).filter(Boolean).join(sep)).join('\f');

/** name: [letters, shape] */
const shapes = {
  'wrap 72': [LETTERS, (t) => wrap(t, 72)],
  'wrap 40': [SAMPLE, (t) => wrap(t, 40)],
  'wrap 72, hyphens at line ends': [LETTERS, (t) => wrap(t, 72, true)],
  'wrap 30, blank line before a heading\'s last line': [SAMPLE, (t) => wrap(t, 30).replace(/\n(?=[^\n]*: *(?:Upheld|Overturned)\s*$)/gm, '\n\n')],
  'double spaced': [SAMPLE, (t) => t.split('\n').join('\n\n')],
  'word processor (quotes, dashes)': [LETTERS, (t) => smartQuotes(t).replace(/ - /g, ' \u2013 ').replace(/--/g, '\u2014')],
  'non-breaking spaces': [LETTERS, (t) => t.replace(/ /g, '\u00a0')],
  'tabs': [LETTERS, (t) => t.replace(/: /g, ':\t').replace(/ {2,}/g, '\t')],
  'CRLF': [LETTERS, (t) => t.replace(/\n/g, '\r\n')],
  'no form feeds': [LETTERS, (t) => t.replace(/\f/g, '')],
  'each page on one line, its lines joined by two blanks': [LETTERS, (t) => onePageLine(t, '  ')],
  'each page on one line, its lines joined by one blank': [LETTERS, (t) => onePageLine(t, ' ')],
  'the whole letter on one line': [LETTERS, (t) => t.split(/[\n\f]/).map((l) => l.trim()).filter(Boolean).join(' ')],
  'indented': [LETTERS, (t) => t.replace(/^/gm, '    ')],
  'bullets before headings': [LETTERS, (t) => atItems(t, () => '\u2022 ')],
  'numbered headings': [LETTERS, (t) => atItems(t, (k) => `${k}. `)],
  'bullets before block labels': [LETTERS, (t) => t.replace(/^(?=(?:Claims Administrator guideline|MAXIMUS guideline|Decision rationale):)/gm, '\u2022 ')],
  'e-mail header above': [LETTERS, (t) => `From: Jane Adjuster <jane@example.com>\nSent: Monday, January 9, 2017 10:12 AM\nSubject: FW: IMR Final Determination\n` + t.replace(/^\s+/, '')],
  'signature below': [LETTERS, (t) => `${t}\n\nThanks,\nJane Adjuster\nSenior Claims Examiner | ACME Insurance\nPhone: 555-0100\n`],
  'fax header every 45 lines': [LETTERS, (t) => everyN(t, 45, FAX)],
  'running header every 40 lines': [LETTERS, (t) => everyN(t, 40, (p) => `IMR Case Number ${caseNumber(t)}    Page ${p}`)],
  'page counter at line ends every 40 lines': [LETTERS, (t) => counterEvery(t, 40, false)],
  'page counter at line starts every 40 lines': [LETTERS, (t) => counterEvery(t, 40, true)],
  'footer "Page N of M" on every page': [LETTERS, (t) => { const n = (t.match(/\f/g) ?? []).length; let p = 0; return t.replace(/\f/g, () => `\nFinal Determination Letter - Page ${++p} of ${n}\n\f`); }],
  'page breaks inside headings': [LETTERS, (t) => breaksIntoHeadings(t, 8)],
  '... with "IMR Case ... - Page N" atop each later page': [LETTERS, (t) => headed(breaksIntoHeadings(t, 8), (p) => `IMR Case ${caseNumber(t)} - Page ${p}\n\n`)],
  '... with the case number atop each later page': [LETTERS, (t) => headed(breaksIntoHeadings(t, 8), () => `${caseNumber(t)}\n\n`)],
  '... with a fax header atop every page': [LETTERS, (t) => `${FAX(1)}\n` + headed(breaksIntoHeadings(t, 8), (p) => `${FAX(p)}\n`)],
  '... with CONFIDENTIAL atop every page': [LETTERS, (t) => 'CONFIDENTIAL\n' + headed(breaksIntoHeadings(t, 8), () => 'CONFIDENTIAL\n')],
  '... with CONFIDENTIAL atop each later page, no blank below': [LETTERS, (t) => headed(breaksIntoHeadings(t, 8), () => 'CONFIDENTIAL\n')],
  'OCR: digits for letters in decision words': [LETTERS, (t) => t.replace(/Upheld/g, 'Uphe1d').replace(/Overturned/g, '0verturned')],
  'OCR: digits for letters in block labels': [LETTERS, (t) => t.replace(/^Decision rationale:/gm, 'Decision rationa1e:').replace(/^Claims Administrator guideline:/gm, 'C1aims Administrator guideline:')],
};

const SHORT = (field) => !/rationale|Guideline|^citation /.test(field);
if (markdown) console.log('| Shape | Letters | Fields | Short fields wrong | Short fields empty | Long fields wrong | Long fields empty |\n|---|---|---|---|---|---|---|');
else console.log(`${'shape'.padEnd(58)} letters  fields | short: wrong empty | long: wrong empty`);
for (const [name, [letters, shape]] of Object.entries(shapes)) {
  if (filter && !name.includes(filter)) continue;
  let fields = 0;
  const counts = { ws: 0, es: 0, wl: 0, el: 0 };
  const shown = [];
  for (const letter of letters) {
    const text = tf.pdftotextText(letter);
    const truth = tf.modelFields(text);
    fields += truth.size;
    for (const d of tf.compareFields(truth, tf.modelFields(shape(text))).filter((x) => !tf.hyphensOnly(x))) {
      const empty = d.expected !== '(missing)' && (d.actual === '' || d.actual === '(missing)' || (d.field === 'items' && d.actual === '0') || (d.field.startsWith('citation ') && Number(d.actual) < Number(d.expected)));
      const short = SHORT(d.field);
      counts[`${empty ? 'e' : 'w'}${short ? 's' : 'l'}`]++;
      if (verbose === 'all' || (filter && short && !empty)) shown.push(`  ${empty ? 'empty' : 'wrong'} ${letter} ${d.field}\n     want ${d.expected.slice(0, 140)}\n     got  ${d.actual.slice(0, 140)}`);
    }
  }
  if (markdown) {
    console.log(`| ${name} | ${letters.length} | ${fields} | ${counts.ws} | ${counts.es} | ${counts.wl} | ${counts.el} |`);
    continue;
  }
  console.log(`${name.padEnd(58)} ${String(letters.length).padStart(7)} ${String(fields).padStart(7)} | ${String(counts.ws).padStart(11)} ${String(counts.es).padStart(5)} | ${String(counts.wl).padStart(10)} ${String(counts.el).padStart(5)}`);
  if (shown.length) console.log(shown.slice(0, verbose === "all" ? shown.length : 40).join('\n'));
}
