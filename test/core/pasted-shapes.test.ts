/**
 * Shapes a letter's text takes on its way to a user after a PDF tool made it (pasted into an
 * e-mail or a word processor, printed by a fax, read by OCR), each made from real letters: every
 * field is the letter's true value (the model of its pdftotext text) or left empty with a warning,
 * never another value.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { diagnose, parseDocument, parseLetter } from '../../server/src/core';
import { FAX_HEADER } from '../../server/src/core/parse/first-word';
import { runningFurniture } from '../../server/src/core/parse/running';
import { counterEnding, counterOpening, gluedCounters } from '../../server/src/core/parse/glued-counter';
import { parsePartial, withoutBreakHyphens } from '../../server/src/core/parse/partial';
import { fixtureTexts, toolTexts } from './corpus';
import { compareFields, hyphensOnly, modelFields, pdftotextText, toolLetters, toolNames, toolText, wrapText } from './tool-fields';
import { ROOT } from '../paths';

const LETTERS = toolLetters('pdfjs');
/** A sample of letters (every fifth). */
const SAMPLE = LETTERS.filter((_, i) => i % 5 === 0);
/** The longest letter of the sample (its pdftotext text has the most lines). */
const LONGEST = SAMPLE.reduce((a, b) => (pdftotextText(b).split('\n').length > pdftotextText(a).split('\n').length ? b : a));

/** How the broken-words tests break a letter's words: one word in `every` of four letters or
 *  more, broken by a space at `at`, in `texts` texts of each letter, each starting the count
 *  elsewhere (so each breaks other words). */
const WORD_BREAKS = [
  { at: (w: string) => w.length >> 1, every: 8, texts: 8 },
  { at: () => 1, every: 4, texts: 2 },
  { at: (w: string) => w.length - 1, every: 4, texts: 2 },
];

/** The twelve texts of `text` with words broken by a space (`WORD_BREAKS`). */
function* brokenWordTexts(text: string): Generator<{ shape: number; offset: number; broken: string }> {
  for (const [shape, { at, every, texts }] of WORD_BREAKS.entries()) {
    for (let offset = 0; offset < texts; offset++) {
      let k = offset;
      yield { shape, offset, broken: text.replace(/[A-Za-z]{4,}/g, (w) => (++k % every === 0 ? `${w.slice(0, at(w))} ${w.slice(at(w))}` : w)) };
    }
  }
}

/** The fields of `text` that are neither the true value nor empty, and the empty ones without a
 *  warning about them. */
function wrongFields(letter: string, text: string, truth = modelFields(pdftotextText(letter))) {
  const got = modelFields(text);
  const diff = compareFields(truth, got).filter((d) => !/rationale|Guideline|^citation /.test(d.field));
  const wrong = diff.filter((d) => d.actual !== '' && d.actual !== '(missing)');
  const empty = diff.filter((d) => d.actual === '');
  return { wrong, empty };
}

/** `text` with each page break that has an item heading within 8 lines moved inside that
 *  heading, before its last word. */
function breaksInsideHeadings(text: string): { text: string; moved: number } {
  const lines = text.split('\n');
  const heading = /^([^:\f]{12,}?) ([^: ]+: *(?:Upheld|Overturned)\s*)$/;
  let moved = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('\f')) continue;
    search: for (let d = 0; d <= 8; d++) {
      for (const j of [i - d, i + d]) {
        const m = j >= 0 && j < lines.length ? heading.exec(lines[j].replace(/^\f/, '')) : null;
        if (!m) continue;
        lines[i] = lines[i].replace(/^\f/, '');
        lines[j] = `${m[1]}\n\f${m[2]}`;
        moved++;
        break search;
      }
    }
  }
  return { text: lines.join('\n'), moved };
}

/**
 * For each of `letters` as each of `tools` prints it, with its page breaks moved inside item
 * headings (`breaksInsideHeadings`; a text with none is passed over): `check` given the letter, the
 * tool, the text as printed, the text with the breaks moved and that text's fields. Returns how
 * many breaks were moved in all.
 */
function withBreaksInHeadings(letters: string[], tools: string[], check: (letter: string, tool: string, original: string, shaped: string, truth: ReturnType<typeof modelFields>) => void): number {
  let moved = 0;
  for (const letter of letters) {
    for (const tool of tools) {
      const original = tool === 'letters' ? pdftotextText(letter) : toolText(tool, letter);
      const shaped = breaksInsideHeadings(original);
      if (shaped.moved === 0) continue;
      check(letter, tool, original, shaped.text, modelFields(shaped.text));
      moved += shaped.moved;
    }
  }
  return moved;
}

/** `text` with the line `running(page)` after every `every` lines (pages 2, 3 and on), as a tool
 *  that drops page breaks, or an OCR, prints a running header inside the text; and how many. */
function runningEvery(text: string, every: number, running: (page: number) => string): { text: string; count: number } {
  const out: string[] = [];
  let page = 1;
  text.split('\n').forEach((line, i) => {
    out.push(line);
    if ((i + 1) % every === 0) out.push(running(++page));
  });
  return { text: out.join('\n'), count: page - 1 };
}

describe('pasted and forwarded letters: every field true or empty', () => {
  test('an e-mail header above the letter naming a case number, a date of injury and a priority: no header field taken from it; after a sentence, the letter\'s table read whole', () => {
    for (const letter of SAMPLE) {
      for (const tool of ['letters', 'mupdf']) {
        const text = tool === 'letters' ? pdftotextText(letter) : toolText(tool, letter);
        const mail =
          'From: Claims Unit <claims@example.com>\nSent: Monday, January 9, 2017 10:12 AM\n' +
          'Subject: FW: IMR Final Determination - Case Number: CM17-0001234\nPriority: High\n' +
          'Note: Date of Injury: 10/01/2015 per the adjuster\n\nPlease see the determination below.\n\n';
        // A sentence between the e-mail and the letter: the letter's table is read as it is.
        const { wrong, empty } = wrongFields(letter, mail + text, modelFields(text));
        assert.deepEqual([...wrong, ...empty], [], `${tool} ${letter}`);
        // None: the labels written twice keep neither value, each with a warning saying why.
        const bare = mail.replace('Please see the determination below.\n\n', '');
        assert.deepEqual(wrongFields(letter, bare + text, modelFields(text)).wrong, [], `${tool} ${letter}`);
        const l = parseLetter(bare + text);
        const warned = diagnose(l, bare + text, { knowledge: null }).filter((d) => d.code === 'header-value-uncertain');
        assert.ok(warned.some((d) => /written twice, with different values/.test(d.message)), `${tool} ${letter}`);
      }
    }
  });

  test('an e-mail header right above the letter, a blank line between, writing some of its labels with other values: the letter\'s own table read whole, no value of the e-mail\'s read', () => {
    const mails = [
      'From: Jane Adjuster\nSent: 1/9/2017\nSubject: IMR decision for claimant, Date of Injury: 10/01/2016\nPriority: High\n\n',
      'From: Claims Unit <claims@example.com>\nSubject: FW: IMR Final Determination - Case Number: CM17-0001234\nPriority: High\n' +
        'Note: Date of Injury: 10/01/2015 per the adjuster\n\n',
    ];
    for (const letter of SAMPLE) {
      for (const tool of ['letters', ...toolNames()]) {
        const text = tool === 'letters' ? pdftotextText(letter) : toolText(tool, letter);
        const truth = modelFields(text);
        for (const mail of mails) {
          const { wrong, empty } = wrongFields(letter, mail + text, truth);
          assert.deepEqual([...wrong, ...empty], [], `${tool} ${letter}`);
          // A warning at each label of the e-mail, which gives another value than the letter.
          const warned = parseLetter(mail + text).problems.filter((p) => p.code === 'header-value-uncertain');
          assert.equal(warned.length, (mail.match(/(?:Case Number|Date of Injury|Priority):/g) ?? []).length, `${tool} ${letter}`);
          for (const p of warned) assert.ok(p.span.end <= mail.length && /written twice, with different values/.test(p.message), `${tool} ${letter}`);
        }
        // The letter's own label lost: its field left empty, never the e-mail's value.
        const damaged = text.replace(/Case\s+Number\s*:/, '');
        const { wrong, empty } = wrongFields(letter, mails[1] + damaged, truth);
        assert.deepEqual(wrong, [], `${tool} ${letter}`);
        assert.deepEqual(empty.map((d) => d.field), ['caseNumber'], `${tool} ${letter}`);
      }
    }
  });

  test('the header table re-wrapped so that a line break cuts a label between its words ("Date" / "of Injury: 10/16/2016"): every field read', () => {
    const names = ['Case Number:', 'Date Assigned:', 'Decision Date:', 'Date of Injury:', 'UR Denial Date:'];
    let cuts = 0;
    for (const letter of SAMPLE) {
      for (const tool of ['letters', 'ghostscript', 'pdfjs', 'pdfbox', 'pypdf', 'mupdf', 'pdfminer']) {
        const text = tool === 'letters' ? pdftotextText(letter) : toolText(tool, letter);
        const truth = modelFields(text);
        const at = text.indexOf('HOW THE IMR');
        for (const name of names) {
          const words = name.split(' ');
          const m = new RegExp(words.join('[ \\t]+')).exec(text.slice(0, at));
          if (!m) continue;
          for (let k = 1; k < words.length; k++) {
            // A line break for the blanks after the k-th word.
            const cut = `${words.slice(0, k).join(' ')}\n${words.slice(k).join(' ')}`;
            const out = text.slice(0, m.index) + cut + text.slice(m.index + m[0].length);
            const { wrong, empty } = wrongFields(letter, out, truth);
            assert.deepEqual([...wrong, ...empty], [], `${tool} ${letter} ${JSON.stringify(cut)}`);
            cuts++;
          }
        }
      }
    }
    assert.ok(cuts > 200, String(cuts));
  });

  test('a section heading a re-wrap cut across two lines ("The Expert Reviewer has the following" / "credentials:"): the section found, every field read', () => {
    const headings = ['The Expert Reviewer has the following credentials:', 'HOW THE IMR FINAL DETERMINATION WAS MADE', 'IMR ISSUES, DECISIONS AND RATIONALES'];
    for (const letter of SAMPLE) {
      for (const tool of ['letters', 'pdfbox', 'mupdf']) {
        const text = tool === 'letters' ? pdftotextText(letter) : toolText(tool, letter);
        const truth = modelFields(text);
        const kinds = parseLetter(text).sections.map((x) => x.kind);
        for (const heading of headings) {
          const at = text.indexOf(heading);
          assert.ok(at >= 0, `${tool} ${letter} ${heading}`);
          const words = heading.split(' ');
          for (let k = 1; k < words.length; k++) {
            for (const gap of ['\n', '\n\n']) {
              const cut = `${words.slice(0, k).join(' ')}${gap}${words.slice(k).join(' ')}`;
              const out = text.slice(0, at) + cut + text.slice(at + heading.length);
              const { wrong, empty } = wrongFields(letter, out, truth);
              assert.deepEqual([...wrong, ...empty], [], `${tool} ${letter} ${JSON.stringify(cut)}`);
              assert.deepEqual(parseLetter(out).sections.map((x) => x.kind), kinds, `${tool} ${letter} ${JSON.stringify(cut)}`);
            }
          }
        }
      }
    }
  });

  test('a bullet or a number a word processor put before each item heading and block label: read as without it', () => {
    for (const letter of SAMPLE) {
      const text = pdftotextText(letter);
      const l = parseLetter(text);
      const starts = l.items.map((i) => i.span.start);
      const marks = ['\u2022 ', '\u2022\t', '- ', '* ', '1. ', '(2) ', '3) '];
      for (const mark of marks) {
        // The marker before each item heading's first line (numbered from 1 for "1."-like marks).
        let out = text;
        [...starts].reverse().forEach((s, k) => {
          const m = /\d/.test(mark) ? mark.replace(/\d/, String(starts.length - k)) : mark;
          out = out.slice(0, s) + m + out.slice(s);
        });
        const { wrong, empty } = wrongFields(letter, out);
        assert.deepEqual([...wrong, ...empty], [], `${letter} items marked "${mark}"`);
      }
      for (const mark of ['\u2022 ', '\u25aa ', '- ', '\u2013 ']) {
        // Each block label and section heading opened by the marker as well.
        const out = text.replace(/^(?=(?:Claims Administrator guideline|MAXIMUS guideline|Decision rationale):|HOW THE IMR|CLINICAL CASE SUMMARY|IMR ISSUES)/gm, mark);
        const { wrong } = wrongFields(letter, out);
        assert.deepEqual(wrong, [], `${letter} labels marked "${mark}"`);
        assert.equal(parseLetter(out).items.length, l.items.length, letter);
      }
    }
  });

  test('a dash, an asterisk or a bullet before the reviewer\'s credential labels ("- State(s) of Licensure:"): the reviewer read as without it', () => {
    for (const letter of SAMPLE) {
      for (const tool of ['letters', 'pdfbox', 'mupdf', 'pdfminer']) {
        const text = tool === 'letters' ? pdftotextText(letter) : toolText(tool, letter);
        for (const mark of ['- ', '* ', '\u2013 ', '\u2022 ']) {
          const out = text.replace(/^(?=State\(s\) of Licensure|Certification\(s\))/gm, mark);
          assert.notEqual(out, text, `${tool} ${letter}`);
          const { wrong, empty } = wrongFields(letter, out, modelFields(text));
          assert.deepEqual([...wrong, ...empty], [], `${tool} ${letter} "${mark}"`);
        }
      }
    }
  });

  test('a running header or footer on every page (a fax header, "CONFIDENTIAL", "Page 2 of 3"): no line of it in a request, a citation or an item of its own', () => {
    for (const letter of SAMPLE) {
      for (const tool of ['letters', 'pdfbox']) {
        const text = tool === 'letters' ? pdftotextText(letter) : toolText(tool, letter);
        if (!text.includes('\f')) continue;
        const truth = modelFields(text);
        const pages = (text.match(/\f/g) ?? []).length;
        let p = 1;
        const fax = (k: number) => `01/05/2017 10:15 FAX 916 555 0100   MAXIMUS FEDERAL SVCS   P.00${k}/00${pages}\n`;
        const faxed = fax(1) + text.replace(/\f(?=[\s\S]*\S)/g, () => `\f${fax(++p)}`);
        let q = 0;
        const footed = text.replace(/\f/g, () => `\nCONFIDENTIAL - Final Determination Letter - Page ${++q} of ${pages}\n\f`);
        const citations = (fields: Map<string, string>) => [...fields].filter(([field]) => field.startsWith('citation '));
        for (const [name, shaped] of [['fax header', faxed], ['footer', footed]]) {
          const { wrong, empty } = wrongFields(letter, shaped, truth);
          assert.deepEqual([...wrong, ...empty], [], `${tool} ${letter} ${name}`);
          // No line of it in a citation (a cited section's name cut by a page break).
          assert.deepEqual(citations(modelFields(shaped)), citations(truth), `${tool} ${letter} ${name}: citations`);
        }
      }
    }
  });

  test('decision words read by OCR with a digit for a letter ("Uphe1d", "0verturned"): the decision, never in the request', () => {
    for (const letter of SAMPLE) {
      const text = pdftotextText(letter);
      let k = 0;
      const ocr = text.replace(/(:\s*)(Upheld|Overturned)(\s*)$/gm, (_m, a: string, w: string, b: string) =>
        a + (k++ % 2 === 0 ? w.replace('l', '1').replace('O', '0') : w.replace('e', 'e').replace('O', '0').replace('l', '|')) + b,
      );
      assert.notEqual(ocr, text, letter);
      const { wrong, empty } = wrongFields(letter, ocr);
      assert.deepEqual([...wrong, ...empty], [], letter);
    }
    // A word that only looks like one with its digits read as letters is none.
    const l = parseLetter('IMR ISSUES, DECISIONS AND RATIONALES\nLabs to include: EKG 12\nClaims Administrator guideline: a.\n');
    assert.equal(l.items[0]?.decision ?? null, null);
  });

  test('a case number read by OCR with a letter among its digits ("CM16-024O259"): left empty with a warning, never that number', () => {
    for (const letter of SAMPLE) {
      for (const tool of ['letters', 'pdfjs', 'mupdf', 'pdfminer']) {
        const text = tool === 'letters' ? pdftotextText(letter) : toolText(tool, letter);
        const truth = modelFields(text);
        const cn = truth.get('caseNumber')!;
        for (const [from, to] of [['0', 'O'], ['1', 'l'], ['1', 'I']]) {
          const k = cn.indexOf(from, 5);
          if (k < 0) continue;
          const ocr = text.replace(cn, cn.slice(0, k) + to + cn.slice(k + 1));
          const { wrong, empty } = wrongFields(letter, ocr, truth);
          assert.deepEqual(wrong, [], `${tool} ${letter} ${from} read as ${to}`);
          assert.deepEqual(empty.map((d) => d.field), ['caseNumber'], `${tool} ${letter}`);
          const l = parseLetter(ocr);
          assert.ok(l.problems.some((p) => p.code === 'header-value-uncertain' && /not a case number: it has a letter among its digits/.test(p.message)), `${tool} ${letter}`);
        }
      }
    }
  });

  test('a header date read by OCR with a letter for a digit ("11/23/2O16", "20l6"): that date left empty with a warning, every other field read', () => {
    const field: Record<string, string> = {
      dateAssigned: 'dates.assigned',
      decisionDate: 'dates.decision',
      dateOfInjury: 'dates.injury',
      urDenialDate: 'dates.urDenial',
      applicationReceived: 'dates.applicationReceived',
    };
    for (const letter of SAMPLE) {
      for (const tool of ['letters', 'pdfjs', 'mupdf', 'pdfminer']) {
        const text = tool === 'letters' ? pdftotextText(letter) : toolText(tool, letter);
        const truth = modelFields(text);
        for (const f of parseLetter(text).header) {
          if (!f.value || !field[f.key]) continue;
          const v = f.value.text;
          for (const [from, to] of [['0', 'O'], ['1', 'l'], ['1', 'I']]) {
            const k = v.lastIndexOf(from);
            if (k < 0) continue;
            const ocr = text.slice(0, f.value.span.start) + v.slice(0, k) + to + v.slice(k + 1) + text.slice(f.value.span.end);
            const { wrong, empty } = wrongFields(letter, ocr, truth);
            assert.deepEqual(wrong, [], `${tool} ${letter} ${f.key} ${from} read as ${to}`);
            assert.deepEqual(empty.map((d) => d.field), [field[f.key]], `${tool} ${letter} ${f.key} ${from} read as ${to}`);
            const l = parseLetter(ocr);
            assert.ok(l.problems.some((p) => p.code === 'header-value-uncertain' && /not a date: it has a letter among its digits/.test(p.message)), `${tool} ${letter}`);
          }
        }
      }
    }
  });

  test('the case number and dates printed with the en or em dash a word processor puts for a hyphen: the letter\'s own values', () => {
    for (const letter of SAMPLE) {
      for (const tool of ['letters', 'pdfbox', 'mupdf']) {
        const text = tool === 'letters' ? pdftotextText(letter) : toolText(tool, letter);
        const truth = modelFields(text);
        for (const dash of ['\u2013', '\u2014']) {
          // Every hyphen of the header table, and its dates written with dashes.
          const at = text.indexOf('HOW THE IMR');
          const head = text.slice(0, at).replace(/-/g, dash).replace(/(\d\d)\/(\d\d)\/(\d{4})/g, `$1${dash}$2${dash}$3`);
          const got = modelFields(head + text.slice(at));
          for (const f of ['caseNumber', 'dates.assigned', 'dates.decision', 'dates.injury', 'dates.urDenial', 'dates.applicationReceived'])
            assert.equal(got.get(f), truth.get(f), `${tool} ${letter} ${f} with U+${dash.charCodeAt(0).toString(16)}`);
          assert.match(parseLetter(head + text.slice(at)).caseNumber?.text ?? '', /^CM\d{2}-\d{7}$/, letter);
        }
      }
    }
  });

  test('a partial authorization\'s fixed wording read by OCR with digits for letters ("was the 0riginal request", "C1aims"): read as written without them', () => {
    const partials = LETTERS.filter((l) => pdftotextText(l).includes('was the original request'));
    assert.ok(partials.length >= 10);
    for (const letter of partials) {
      const text = pdftotextText(letter);
      const ocr = text
        .replace(/was the original request/g, 'was the 0riginal request')
        .replace(/authorized by the Claims Administrator/g, 'authorized by the C1aims Administrator')
        .replace(/The Claims Administrator authorized/g, 'The C1aims Administrat0r authorized')
        .replace(/portion of the original request,/g, 'portion of the origina1 request,');
      assert.notEqual(ocr, text, letter);
      const { wrong, empty } = wrongFields(letter, ocr);
      assert.deepEqual([...wrong, ...empty], [], letter);
    }
  });

  test('words broken by a space, as some PDF tools print them (one word in eight of four letters or more broken in its middle, in eight texts of each letter breaking other words; one in four broken after its first letter or before its last, in two texts each): no short field another value, its characters aside from the blanks; the credentials labels ("Certif ication(s)/Specialty:"), a priority ("Stan dard"), an age ("45-ye ar-old") and a sex ("femal e", "ma le") read, none left empty, no piece joined to the wrong neighbour ("for th ree")', () => {
    const squeezed = (v: string) => v.replace(/[\s\u00a0]+/g, '');
    let fields = 0;
    const wrong: string[] = [];
    let empty = 0;
    // Fields whose pieces are left apart (the same characters, a blank inside a word).
    let blanks = 0;
    let priorities = 0;
    for (const letter of LETTERS) {
      const text = pdftotextText(letter);
      const truth = modelFields(text);
      for (const { shape: n, offset, broken } of brokenWordTexts(text)) {
        const got = modelFields(broken);
        if (/Stan dard/.test(broken) && got.get('priority') === 'Standard') priorities++;
        fields += truth.size;
        for (const d of compareFields(truth, got)) {
          if (/rationale|Guideline|^citation /.test(d.field)) continue;
          if (squeezed(d.expected) === squeezed(d.actual)) {
            // The same characters: pieces left apart are right, pieces joined to the wrong
            // neighbour are not ("for th ree" read "forth ree", "to e valuate" read "toe valuate").
            const words = d.expected.split(/[\s\u00a0]+/);
            const misjoined = d.actual.split(/[\s\u00a0]+/).filter((t) => t && !words.some((w) => w.includes(t)));
            if (misjoined.length) wrong.push(`${letter} (shape ${n}, text ${offset}) ${d.field}: ${misjoined.join(', ')} in ${d.actual.slice(0, 100)}`);
            else blanks++;
            continue;
          }
          if (d.actual === '' || d.actual === '(missing)') empty++;
          else wrong.push(`${letter} (shape ${n}, text ${offset}) ${d.field}: ${d.actual.slice(0, 100)}`);
        }
      }
    }
    assert.deepEqual(wrong.slice(0, 10), []);
    // None left empty: a sex word broken where the letter holds its pieces as pieces of other
    // words ("ma le" beside "le ft") left 17 of 35,880 fields empty until two-letter pieces
    // stopped counting as words.
    assert.equal(empty, 0, `${empty} of ${fields} fields left empty`);
    // Pieces left apart: words neither the form, the request vocabulary, the specialties' and
    // states' names nor the letter write whole ("cont rast", "trac tion"); 1,115 of 35,880 fields
    // until 2026-12-08, 271 after.
    assert.ok(blanks <= fields / 100, `${blanks} of ${fields} fields with pieces left apart`);
    assert.ok(priorities >= 50, `${priorities}`);
  });

  test('words broken by a space, the same twelve texts of each letter: no warning or error the letter\'s own text does not get (a rationale read as contradicting its decision, "medi cally"; a partial authorization that does not add up, one copy of the request broken; a letter taken for truncated, "nece ssary"), and a rationale\'s conclusion read in all but a few', () => {
    const codes = (t: string) => {
      const out = new Map<string, number>();
      for (const l of parseDocument(t)) for (const d of diagnose(l, t)) out.set(d.code, (out.get(d.code) ?? 0) + 1);
      return out;
    };
    const added: string[] = [];
    let notFound = 0;
    let rationales = 0;
    for (const letter of LETTERS) {
      const text = pdftotextText(letter);
      const own = codes(text);
      for (const { offset, broken } of brokenWordTexts(text)) {
        rationales += parseLetter(broken).items.filter((i) => i.rationale).length;
        for (const [code, n] of codes(broken)) {
          const more = n - (own.get(code) ?? 0);
          if (more <= 0) continue;
          if (code === 'rationale-conclusion-not-found') notFound += more;
          else added.push(`${letter} (${offset}): ${code}`);
        }
      }
    }
    assert.deepEqual(added.slice(0, 10), []);
    // Not read: a conclusion whose own words the letter breaks where a piece is a word ("Phys ical").
    assert.ok(notFound <= rationales / 100, `${notFound} of ${rationales} rationales without a conclusion`);
  });

  test('block labels read by OCR with digits for letters ("Decision rationa1e:", "C1aims Administrator guideline:"): each opens its block', () => {
    for (const letter of SAMPLE) {
      const text = pdftotextText(letter);
      const ocr = text
        .replace(/^Decision rationale:/gm, 'Decision rationa1e:')
        .replace(/^Claims Administrator guideline:/gm, 'C1aims Administrator guideline:')
        .replace(/^MAXIMUS guideline:/gm, 'MAXIMUS guide1ine:');
      // Every field, the guideline blocks and rationales too.
      const diff = compareFields(modelFields(text), modelFields(ocr)).filter((d) => !d.field.startsWith('citation '));
      assert.deepEqual(diff, [], letter);
    }
  });

  test('a closing and signature after the letter (forwarded by e-mail): the last rationale ends where the letter does, every field as without it', () => {
    const signatures = [
      '\n\nThanks,\nJane Adjuster\nSenior Claims Examiner | ACME Insurance\nPhone: 555-0100\nCase Number: CM17-0009999\nThis message is confidential. Decision Date: 02/02/2017\n',
      '\nBest  regards\nJ. Smith, Esq.\n',
      '\n\nSincerely.\n\nClaims Unit\n',
    ];
    for (const letter of SAMPLE) {
      for (const tool of ['letters', 'pdfbox']) {
        const text = tool === 'letters' ? pdftotextText(letter) : toolText(tool, letter);
        for (const signature of signatures) {
          // Every field, the rationales and citations too.
          assert.deepEqual(compareFields(modelFields(text), modelFields(text + signature)), [], `${tool} ${letter} ${JSON.stringify(signature.slice(0, 12))}`);
        }
      }
    }
    // A line that only starts like a closing is the letter's own text.
    const text = pdftotextText(SAMPLE[0]);
    const own = text + '\nThanks to the treating physician for the records.\n';
    assert.notDeepEqual(compareFields(modelFields(text), modelFields(own)), []);
  });

  test('a running header or footer printed inside the pages\' text, no page break beside it (a fax header, "IMR Case Number ... Page 2", "... - Page 3" every 15 to 45 lines, page breaks kept or dropped): no line of it in a request, a block, a citation or an item of its own', () => {
    let shapes = 0;
    for (const letter of SAMPLE) {
      for (const tool of ['letters', 'pdfbox', 'pdfminer']) {
        const printed = tool === 'letters' ? pdftotextText(letter) : toolText(tool, letter);
        for (const text of [printed, printed.replace(/\f/g, '')]) {
          const truth = modelFields(text);
          const cn = truth.get('caseNumber')!;
          const runs = [
            (p: number) => `01/05/2017 10:15 FAX 916 555 0100   MAXIMUS FEDERAL SVCS   P.00${p}/005`,
            (p: number) => `IMR Case Number ${cn}    Page ${p}`,
            (p: number) => `Final Determination Letter - 01/05/2017 - Page ${p}`,
            (p: number) => `Maximus Federal Services (page ${p})`,
          ];
          for (const running of runs) {
            // Every 15 lines, the page count of a long letter goes from 9 to 10 (its line one longer).
            for (const every of [15, 30, 40, 45]) {
              const shaped = runningEvery(text, every, running);
              // Written once, it is no line repeated through the letter.
              if (shaped.count < 2) continue;
              shapes++;
              // Every field, the guideline blocks, rationales and citations too (a running line
              // inside a cited section's name is left out of it: Letter.hidden).
              const diff = compareFields(truth, modelFields(shaped.text));
              assert.deepEqual(diff, [], `${tool} ${letter} every ${every} lines: ${running(2)}`);
            }
          }
        }
      }
    }
    assert.ok(shapes > 300, `${shapes} shapes`);
  });

  test('an item heading re-wrapped at 30 columns with a blank line before its last line (a word processor\'s paragraph break inside it): the whole request, every field as without the blank', () => {
    let gaps = 0;
    for (const letter of SAMPLE) {
      for (const tool of ['letters', 'pdfbox', 'mupdf', 'pypdf']) {
        const wrapped = wrapText(tool === 'letters' ? pdftotextText(letter) : toolText(tool, letter), 30);
        const truth = modelFields(wrapped);
        const shaped = wrapped.replace(/\n(?=[^\n]*: *(?:Upheld|Overturned)[ \t]*$)/gm, () => (gaps++, '\n\n'));
        const { wrong, empty } = wrongFields(letter, shaped, truth);
        assert.deepEqual([...wrong, ...empty], [], `${tool} ${letter}`);
      }
    }
    assert.ok(gaps > 100, String(gaps));
  });

  test('a blank line inside an item heading is crossed only where the words above it run on: a line ending with "of", a comma, an open parenthesis, a short line ending with a colon, or any line without a sentence end when the heading below starts with no capital', () => {
    const head = (above: string, below: string) => `${above}\n\n${below}: Upheld`;
    const letterWith = (heading: string, rationaleEnd = 'The request is not medically necessary.') =>
      `IMR ISSUES, DECISIONS AND RATIONALES\nThe Final Determination was based on decisions for the disputed items/services set forth below:\n\nTizanidine 4mg #60: Upheld\n\nClaims Administrator guideline: Decision based on MTUS.\nMAXIMUS guideline: Decision based on MTUS.\nDecision rationale: ${rationaleEnd}\n\n${heading}\n\nClaims Administrator guideline: Decision based on MTUS.\nMAXIMUS guideline: Decision based on MTUS.\nDecision rationale: The request is not medically necessary.\n`;
    const request = (text: string) => parseLetter(text).items.map((i) => i.request);
    for (const [above, below] of [
      ['Three months coverage of', 'Viagra 50mg'],
      ['Physical therapy, 2 times a week,', 'Cervical spine'],
      ['Retrospective E-stim (DOS', '12/29/16)'],
      ['Associated surgical service:', 'Cold therapy unit'],
      ['Norco', '10/325mg #35'],
      ['Localized intense neurostimulation therapy', '[following TPII]'],
    ]) {
      assert.deepEqual(request(letterWith(head(above, below))), ['Tizanidine 4mg #60', `${above} ${below}`], above);
    }
    // A rationale ending without its period, a capital below: two things, the heading alone.
    assert.deepEqual(request(letterWith('Norco 10/325mg #60: Upheld', 'The request is not medically necessary')), ['Tizanidine 4mg #60', 'Norco 10/325mg #60']);
  });

  test('a line written once between an item heading and its first block label (a running header a page break left there): no item of its own, every field as without it', () => {
    for (const letter of SAMPLE) {
      for (const tool of ['letters', 'pdfbox', 'mupdf']) {
        const text = tool === 'letters' ? pdftotextText(letter) : toolText(tool, letter);
        const truth = modelFields(text);
        const items = parseLetter(text).items;
        for (const item of items) {
          // After the heading's last line (its decision), before the Claims Administrator label.
          const at = text.indexOf('\n', item.heading.end) + 1;
          for (const stray of ['01/05/2017 10:15 FAX 916 555 0100   MAXIMUS FEDERAL SVCS   P.002/005', 'CONFIDENTIAL']) {
            const shaped = text.slice(0, at) + stray + '\n' + text.slice(at);
            const diff = compareFields(truth, modelFields(shaped)).filter((d) => !d.field.startsWith('citation '));
            assert.deepEqual(diff, [], `${tool} ${letter} item ${item.index + 1}: ${stray}`);
          }
        }
      }
    }
  });

  test('a fax header written once (a short letter\'s second page), with its date, time and page count, right above an item heading: no part of its request, every field and citation as without it', () => {
    const faxes = [
      '01/05/2017 10:15 FAX 916 555 0100   MAXIMUS FEDERAL SVCS   P.002/003',
      '12-05-16 09:41AM   HP LASERJET FAX   @002/003',
      '01/05/2017 10:15   Final Determination Letter   Page 2 of 3',
    ];
    let shapes = 0;
    for (const letter of SAMPLE) {
      for (const tool of ['letters', 'pdfbox', 'pdfminer']) {
        const text = tool === 'letters' ? pdftotextText(letter) : toolText(tool, letter);
        const truth = modelFields(text);
        for (const item of parseLetter(text).items) {
          // On the line above the heading's first line.
          const at = text.lastIndexOf('\n', item.heading.start - 1) + 1;
          for (const fax of faxes) {
            const shaped = text.slice(0, at) + fax + '\n' + text.slice(at);
            assert.deepEqual(compareFields(truth, modelFields(shaped)), [], `${tool} ${letter} item ${item.index + 1}: ${fax}`);
            shapes++;
          }
        }
      }
    }
    assert.ok(shapes > 100, `${shapes} shapes`);
  });

  test('a page break inside an item heading, a running header with a blank line below it at the top of every page after the first ("IMR Case CM16-... - Page 3", the case number alone): no part of the request, every field as without it', () => {
    const moved = withBreaksInHeadings(LETTERS, ['letters', 'pdfbox'], (letter, tool, original, shaped, truth) => {
      const caseNumber = /CM\d\d-\d{7}/.exec(original)?.[0] ?? 'CM00-0000000';
      for (const header of [(p: number) => `IMR Case ${caseNumber} - Page ${p}`, () => caseNumber]) {
        let page = 1;
        const withHeader = shaped.replace(/\f(?=[\s\S]*\S)/g, () => `\f${header(++page)}\n\n`);
        const { wrong, empty } = wrongFields(letter, withHeader, truth);
        assert.deepEqual([...wrong, ...empty], [], `${tool} ${letter} ${header(2)}`);
      }
    });
    assert.ok(moved > 100, String(moved));
  });

  test('a page break inside an item heading, a confidentiality stamp at the top of each page after the first with no blank line below it ("CONFIDENTIAL", "*** Privileged and Confidential ***"), on a two-page letter only once: no part of the request, every field as without it', () => {
    const moved = withBreaksInHeadings(SAMPLE, ['letters', 'pdfminer'], (letter, tool, _original, shaped, truth) => {
      for (const stamp of ['CONFIDENTIAL', '*** Privileged and Confidential ***', 'Confidential Health Information']) {
        const stamped = shaped.replace(/\f(?=[\s\S]*\S)/g, `\f${stamp}\n`);
        const { wrong, empty } = wrongFields(letter, stamped, truth);
        assert.deepEqual([...wrong, ...empty], [], `${tool} ${letter} ${stamp}`);
      }
    });
    assert.ok(moved > 20, String(moved));
    // A line at a page's top with more than a stamp's words is the letter's own: kept.
    const text = pdftotextText(LETTERS[0]);
    const shaped = breaksInsideHeadings(text);
    const kept = shaped.text.replace(/\f(?=[\s\S]*\S)/, '\fConfidential records reviewed\n');
    const requests = parseLetter(kept).items.map((i) => i.request ?? '');
    assert.ok(shaped.moved === 0 || requests.some((r) => r.includes('Confidential records reviewed')), requests.join(' | '));
  });

  test('a text re-wrapped at 72 columns with long words hyphenated at the line ends ("was the orig-" / "inal request"): every field as without the hyphens, a partial authorization read whole', () => {
    let partials = 0;
    for (const letter of LETTERS) {
      const text = pdftotextText(letter);
      const shaped = wrapText(text, 72, true);
      // A value keeps a hyphen the wrap left inside one of its words ("rehabilita-tion").
      const diff = compareFields(modelFields(text), modelFields(shaped)).filter((d) => !/rationale|Guideline|^citation /.test(d.field) && !hyphensOnly(d));
      assert.deepEqual(diff, [], letter);
      partials += parseLetter(shaped).items.filter((i) => i.partialAuthorization).length;
    }
    assert.ok(partials > 10, `${partials} partial authorizations`);
    // The text read and where each of its characters stands in the heading as written.
    const u = withoutBreakHyphens('Norco was the orig- inal request. L5-S1, 7-10 days, Post-operative')!;
    assert.equal(u.text, 'Norco was the original request. L5-S1, 7-10 days, Postoperative');
    assert.equal(u.from[u.text.indexOf('inal')], 'Norco was the orig- inal'.indexOf('inal'));
    assert.equal(withoutBreakHyphens('L5-S1, 7-10 days, Per-MTUS'), null);
    assert.deepEqual(parsePartial('Post-op physical therapy x 12 was the orig-inal request. Post-op physical therapy x 6 was authorized by the Claims Administrator. The remaining IMR eligible portion of the orig- inal request, Post-op physical therapy x 6')?.partial, {
      original: 'Post-op physical therapy x 12',
      authorized: 'Post-op physical therapy x 6',
      remainder: 'Post-op physical therapy x 6',
    });
  });

  test('a page counter printed on a line of text, at its end or its start ("... for moderate to   Page 3 of 5"), every 40 lines: no part of a request, a decision or a rationale, every field as without it', () => {
    let counters = 0;
    for (const letter of SAMPLE) {
      for (const tool of ['letters', 'pdfbox', 'mupdf', 'pypdf']) {
        const text = tool === 'letters' ? pdftotextText(letter) : toolText(tool, letter);
        const truth = modelFields(text);
        const lines = text.split('\n');
        // After two or more blanks, every 40 lines (a short letter has one); after one blank (as
        // in a sentence), every 20 lines, in letters where that writes two or more.
        for (const [side, gap, every] of [['end', '   ', 40], ['start', '  ', 40], ['end', ' ', 20]] as const) {
          let page = 1;
          const shaped = lines
            .map((l, i) => {
              if ((i + 1) % every !== 0 || l.trim().length < 20) return l;
              const counter = `Page ${++page} of 9`;
              return side === 'end' ? `${l}${gap}${counter}` : `${counter}${gap}${l}`;
            })
            .join('\n');
          if (gap === ' ' && page < 3) continue;
          counters += page - 1;
          const got = modelFields(shaped);
          assert.deepEqual(compareFields(truth, got).filter((d) => !d.field.startsWith('citation ')), [], `${tool} ${letter} at the line's ${side}`);
        }
      }
    }
    assert.ok(counters > 200, String(counters));
  });

  test('a page counter is read at a line\'s end or start only beside text, and taken out only when two or more count the pages', () => {
    const end = (s: string) => counterEnding(s, 0, s.length);
    const start = (s: string) => counterOpening(s, 0, s.length);
    assert.equal(end('moderate to severe pain   Page 3 of 5'), 26);
    assert.equal(end('moderate to severe pain Page 12 of 12'), 24);
    assert.equal(end('moderate to severe pain\tPage 2 of 3'), 24);
    assert.equal(start('Page 3 of 5   EMG/NCV of the bilateral lower extremities'), 11);
    for (const s of ['Page 3 of 5', '   Page 3 of 5', 'see the report,Page 3 of 5', 'a total of 5', 'Page 3 of 5000', 'Pages 3 of 5 x']) assert.equal(end(s), -1, s);
    for (const s of ['Page 3 of 5', 'Page 3 of 5   ', 'Pages 3 of 5 text', 'Page three of 5 text', 'Page 3of 5 text']) assert.equal(start(s), -1, s);
    // Counters that count no pages stay in the text: one alone after one blank (as in a sentence),
    // one alone counting the first page, two with different page counts, pages going down, a page
    // past the last.
    const text = pdftotextText(LONGEST);
    const lines = text.split('\n');
    const before = gluedCounters.taken;
    for (const [gap, pages] of [[' ', [2]], ['   ', [1]], ['   ', ['2 of 4', '3 of 5']], ['   ', [3, 2]], ['   ', [2, 7]]] as const) {
      let k = 0;
      const shaped = lines.map((l, i) => ((i + 1) % 40 === 0 && l.trim().length >= 20 && k < pages.length ? `${l}${gap}Page ${typeof pages[k] === 'number' ? `${pages[k++]} of 5` : pages[k++]}` : l)).join('\n');
      assert.ok(k === pages.length, `${k} counters written`);
      parseDocument(shaped);
    }
    assert.equal(gluedCounters.taken, before);
    parseDocument(lines.map((l, i) => ((i + 1) % 40 === 0 && l.trim().length >= 20 ? `${l}   Page ${(i + 1) / 40 + 1} of 50` : l)).join('\n'));
    assert.ok(gluedCounters.taken > before);
  });

  test('no real letter has a page counter printed on a line of its text', () => {
    const before = gluedCounters.taken;
    let letters = 0;
    for (const { text } of [...fixtureTexts(), ...toolTexts()]) letters += parseDocument(text).length;
    assert.equal(gluedCounters.taken, before);
    assert.ok(letters > 900, `${letters} letters`);
  });

  test('no line of a real letter is a fax header (a date and a time first, a page count last)', () => {
    let lines = 0;
    for (const { name, text } of [...fixtureTexts(), ...toolTexts()]) {
      for (const line of text.split(/[\n\f]/)) {
        const content = line.trim().replace(/\s+/g, ' ');
        assert.ok(!FAX_HEADER.test(content), `${name}: ${content}`);
        lines++;
      }
    }
    assert.ok(lines > 100_000, `${lines} lines`);
  });

  test('a letter\'s own lines repeated with a number that counts no pages are kept: a spine level ("Right L4", "Right L5"), a case number, a count at the start of a sentence', () => {
    const text = pdftotextText(LONGEST);
    const before = runningFurniture.lines;
    for (const own of [
      (p: number) => `the currently requested Right L${p + 2}`,
      (p: number) => `Case Number: CM17-000012${p}`,
      (p: number) => `${p} sessions of physical therapy were requested.`,
      (p: number) => `${p}/05/2017`,
    ]) {
      const shaped = runningEvery(text, 30, own);
      assert.ok(shaped.count >= 3);
      modelFields(shaped.text);
    }
    assert.equal(runningFurniture.lines, before);
  });

  test('no line of a real letter is taken for a running header or footer: every fixture and tool text as printed, without its page breaks, re-wrapped at 40, 60 and 72 columns', () => {
    const before = runningFurniture.lines;
    let texts = 0;
    for (const { name, text } of [...fixtureTexts(), ...toolTexts()]) {
      for (const shaped of [text, text.replace(/\f/g, ''), wrapText(text, 40), wrapText(text, 60), wrapText(text, 72)]) {
        parseDocument(shaped);
        assert.equal(runningFurniture.lines, before, name);
      }
      texts++;
    }
    assert.ok(texts > 1000, `${texts} texts`);
    // The count is live: a running header every 40 lines is counted.
    parseDocument(runningEvery(pdftotextText(LONGEST), 40, (p) => `IMR Case Number CM16-0123456    Page ${p}`).text);
    assert.ok(runningFurniture.lines > before);
  });
});

describe('the README\'s table of text shapes', () => {
  test('is what scripts/text-shapes.mjs prints today: every row, every count', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'text-shapes.mjs'), '--markdown'], { encoding: 'utf8', cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    assert.equal(r.status, 0, r.stderr);
    const rows = r.stdout.split('\n').filter((l) => l.startsWith('| '));
    assert.ok(rows.length > 25, `${rows.length} rows`);
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const row of rows) assert.ok(readme.includes(row), `not in the README (run node scripts/text-shapes.mjs --markdown): ${row}`);
  });
});
