/**
 * The text shapes PDF tools produce, each made from real letters, read to the same model as the
 * letter's pdftotext text; and damaged header tables, which never give a wrong value.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, findCitations, parseDocument, parseLetter } from '../../server/src/core';
import { fixesFor } from '../../server/src/core/fixes';
import { compareFields, modelFields, pdftotextText, toolLetters, toolNames, toolText, wrapLine, wrapText } from './tool-fields';
import { Prng } from '../robustness/prng';
import * as fs from 'fs';
import * as path from 'path';
import { FIXTURES } from '../paths';

const LETTERS = toolLetters('pdfjs');
/** A sample of letters for the shapes (every tenth). */
const SAMPLE = LETTERS.filter((_, i) => i % 10 === 0);

/** Each page of `text` written as one line (its lines trimmed, blank ones dropped, joined by
 *  `blanks`), the pages joined by `pageBreak`. */
function pagesOnOneLine(text: string, blanks: string, pageBreak = '\f'): string {
  return text
    .split('\f')
    .map((page) => page.split('\n').map((x) => x.trim()).filter(Boolean).join(blanks))
    .join(pageBreak);
}

const same = (name: string, letter: string, text: string) => {
  const diff = compareFields(modelFields(pdftotextText(letter)), modelFields(text)).filter((d) => !/rationale|Guideline|citation/.test(d.field));
  assert.deepEqual(diff, [], `${name} ${letter}`);
};

describe('text shapes read like pdftotext', () => {
  test('page markers between pages ("-- 1 of 2 --"), even between a heading and its blocks', () => {
    for (const letter of SAMPLE) {
      const text = pdftotextText(letter);
      const pages = text.split('\f');
      const n = pages.length - 1;
      same('page markers', letter, pages.map((p, k) => (k < n ? `${p}\n\n-- ${k + 1} of ${n} --\n\n` : p)).join(''));
      same('Page N of M', letter, pages.map((p, k) => (k < n ? `${p}\nPage ${k + 1} of ${n}\n` : p)).join(''));
    }
  });

  test('pages joined by a form feed alone, inside a line ("decision.\\fDecision rationale:")', () => {
    for (const letter of SAMPLE) {
      const text = pdftotextText(letter);
      // Every page break glued to the line before it, and a page made to start at each item's
      // "Decision rationale:" label, glued likewise: the label still opens its block.
      const glued = text.replace(/[ \t]*\n\f/g, '\f');
      const added = glued.match(/[ \t]*\n(?=Decision rationale:)/g)?.length ?? 0;
      const joined = glued.replace(/[ \t]*\n(?=Decision rationale:)/g, '\f');
      assert.ok(added > 0, letter);
      // Every field, the guideline blocks and rationales too.
      assert.deepEqual(compareFields(modelFields(text), modelFields(joined)), [], letter);
      const l = parseLetter(joined);
      assert.equal(l.pageBreaks.length, parseLetter(text).pageBreaks.length + added, letter);
    }
  });

  test('lines that lost their first letter to a column of lone letters (pdf2txt -V): nothing is read, with the reason', () => {
    for (const letter of SAMPLE) {
      const text = pdftotextText(letter);
      // Each "Decision rationale:" loses its "D", printed alone further down (as pdfminer prints
      // a column it took for vertical text).
      const cut = text.replace(/^Decision rationale:/gm, 'ecision rationale:') + '\n  D\n\n';
      const l = parseLetter(cut);
      assert.equal(l.isLetter, false, letter);
      assert.deepEqual([l.caseNumber, l.items.length, l.header.length], [null, 0, 0]);
      const ds = diagnose(l, cut);
      assert.deepEqual(ds.map((d) => d.code), ['line-initials-missing'], letter);
      assert.match(ds[0].message, /pdf2txt -V/);
      // A lone capital alone, or the wording alone, is no such damage: the letter reads as before.
      assert.equal(parseLetter(text + '\n  D\n').items.length, parseLetter(text).items.length);
      assert.equal(parseLetter(text.replace(/^Decision rationale:/m, 'ecision rationale:')).isLetter, true);
    }
  });

  test("each tool's letters merged into one file split into the letters read alone", () => {
    for (const tool of toolNames()) {
      const letters = toolLetters(tool);
      const texts = letters.map((l) => toolText(tool, l));
      // Pages of one case file (a form feed between letters), or letters pasted one after another.
      for (const sep of ['\n\f', '\n\n']) {
        const merged = texts.join(sep);
        const read = parseDocument(merged);
        assert.equal(read.length, texts.length, `${tool}: ${read.length} letters of ${texts.length}`);
        read.forEach((l, k) => {
          const diff = compareFields(modelFields(texts[k]), modelFields(merged.slice(l.range.start, l.range.end)));
          assert.deepEqual(diff, [], `${tool} ${letters[k]} merged with ${JSON.stringify(sep)}`);
        });
      }
    }
  });

  test('CRLF line ends, a BOM, indents and non-breaking spaces', () => {
    for (const letter of SAMPLE) {
      const text = toolText('pdfjs', letter);
      same('CRLF', letter, text.replace(/\n/g, '\r\n'));
      same('BOM and indent', letter, '\ufeff' + text.replace(/^/gm, '    '));
      same('NBSP', letter, text.replace(/ /g, (s, i: number) => (i % 7 === 0 ? '\u00a0' : s)));
    }
  });

  test('every space doubled, or a tab or a no-break space for every space, in every tool\'s text (pypdf\'s words broken by spaces, "CM16 -0221706", "Uph eld", among them): every field as printed', () => {
    const blanks = (s: string) => s.replace(/[\s\u00a0]+/g, ' ');
    let texts = 0;
    for (const tool of toolNames()) {
      for (const letter of toolLetters(tool)) {
        const text = toolText(tool, letter);
        const want = modelFields(text);
        for (const [shape, shaped] of [
          ['doubled', text.replace(/ /g, '  ')],
          ['tabs', text.replace(/ /g, '\t')],
          ['no-break spaces', text.replace(/ /g, '\u00a0')],
        ]) {
          const got = modelFields(shaped);
          const diff = [...want].filter(([field, value]) => blanks(got.get(field) ?? '(missing)') !== blanks(value));
          assert.deepEqual(diff, [], `${tool} ${letter}, ${shape}`);
        }
        texts++;
      }
    }
    assert.ok(texts >= 800, String(texts));
  });

  test('soft hyphens and U+FFFE at line ends, ligatures', () => {
    const letter = LETTERS[0];
    const text = toolText('pdfbox', letter);
    // Break every long word of a request-free line with a marked hyphen at a line end.
    const broken = text.replace(/\b(treat)(ment)\b/g, '$1\u00ad\n$2').replace(/\b(medi)(cal)\b/g, '$1\ufffe\n$2');
    same('soft hyphens', letter, broken);
    const l = parseLetter('HOW THE IMR FINAL DETERMINATION WAS MADE\nx\nCLINICAL CASE SUMMARY\ny\nIMR ISSUES, DECISIONS AND RATIONALES\n' +
      'The Final Determination was based on decisions for the disputed items/services set forth below:\n' +
      'Electro\ufffe\nmyography of the upper extremities: Upheld\nClaims Administrator guideline: a.\nMAXIMUS guideline: b.\n' +
      'Decision rationale: The request for speciﬁc testing is not medically necessary.\n');
    assert.equal(l.items[0].request, 'Electromyography of the upper extremities');
    assert.match(l.items[0].rationale!.text, /specific testing/);
  });

  test('merged lines: licensure and specialty, lead-in and first item, decision word and label', () => {
    for (const letter of SAMPLE) {
      let text = pdftotextText(letter);
      text = text.replace(/(State\(s\) of Licensure:[^\n]*)\n(Certification)/, '$1 $2');
      text = text.replace(/(set forth below:)\n(?=\S)/, '$1 ');
      text = text.replace(/(Upheld|Overturned)\n(Claims Administrator guideline:)/g, '$1  $2');
      text = text.replace(/([.)])\n(MAXIMUS guideline:)/g, '$1   $2');
      same('merged', letter, text);
      // The lead-in glued to the first item with its first words broken by spaces and a soft
      // hyphen: the quick test of a line's first letters reads them as the squeezed lead-in does.
      same('merged, lead-in broken', letter, text.replace(/The Final Determination was/, 'Th e Fin\u00adal Determina tion was'));
      // The issues heading glued to the lead-in by one blank, as a text reflowed into paragraphs
      // has it: the heading is not found, and neither it nor the lead-in goes into the first request.
      same('merged, heading and lead-in', letter, pdftotextText(letter).replace(/(IMR ISSUES, DECISIONS AND RATIONALES)\n/, '$1 '));
    }
  });

  test('the issues lead-in wrapped at any width (a text re-wrapped for e-mail): none of it joins the first request', () => {
    for (const letter of SAMPLE) {
      const text = pdftotextText(letter);
      const m = /^The Final Determination was based on[^\n]*$/m.exec(text);
      assert.ok(m, letter);
      for (const width of [20, 40, 60, 72]) {
        const lines = wrapLine(m[0], width);
        assert.ok(lines.length >= 2, `${letter} at ${width}`);
        same(`lead-in at ${width} columns`, letter, text.replace(m[0], lines.join('\n')));
        // Double spaced, as the seeds' extractor writes every line.
        same(`lead-in at ${width} columns, double spaced`, letter, text.replace(m[0], lines.join('\n\n')));
      }
    }
  });

  test('hyphens printed as U+2010, U+2011, U+2012 or the minus sign read as "-": every field as from pdftotext', () => {
    for (const letter of SAMPLE) {
      const text = pdftotextText(letter);
      const want = modelFields(text);
      for (const hyphen of ['\u2010', '\u2011', '\u2012', '\u2212']) {
        const other = text.replace(/-/g, hyphen);
        assert.deepEqual(compareFields(want, modelFields(other)), [], `${letter} with U+${hyphen.charCodeAt(0).toString(16)}`);
        // The case number is the one of the letter (its identity in a library), not a look-alike.
        assert.match(parseLetter(other).caseNumber?.text ?? '', /^CM\d{2}-\d{7}$/, letter);
      }
    }
  });

  test('a letter quoted in an e-mail reply ("> " before each line): nothing read, one error saying why; its quick fix gives the letter back', () => {
    for (const letter of SAMPLE) {
      const text = pdftotextText(letter);
      for (const mark of ['> ', '>', '> > ']) {
        const quoted = text.replace(/^(?=[^\n])/gm, mark);
        const [l] = parseDocument(quoted);
        assert.deepEqual([l.isLetter, l.caseNumber, l.items.length], [false, null, 0], `${letter} quoted with "${mark}"`);
        const ds = diagnose(l, quoted);
        assert.deepEqual(ds.map((d) => d.code), ['text-quoted'], letter);
        const [fix] = fixesFor(l, quoted, ds[0]);
        let fixed = quoted;
        for (const e of [...fix.edits].sort((a, b) => b.span.start - a.span.start)) fixed = fixed.slice(0, e.span.start) + e.newText + fixed.slice(e.span.end);
        assert.equal(fixed, text, `${letter}: the quick fix gives the letter's own text back`);
      }
    }
  });

  test('a text reflowed into paragraphs (lines joined by a blank until one ends a sentence or a label): every field as from pdftotext', () => {
    for (const letter of SAMPLE) {
      const out: string[] = [];
      let cur = '';
      for (const line of pdftotextText(letter).split('\n')) {
        if (!line.trim()) {
          if (cur) out.push(cur);
          out.push('');
          cur = '';
          continue;
        }
        cur = cur ? `${cur} ${line.trim()}` : line.trimEnd();
        if (/[.:;!?]\s*$/.test(line)) {
          out.push(cur);
          cur = '';
        }
      }
      if (cur) out.push(cur);
      // Headings glued to the line before by one blank ("... Family Practice CLINICAL CASE SUMMARY
      // The expert reviewer ..."), the issues heading glued to the lead-in.
      same('reflowed', letter, out.join('\n'));
    }
  });

  test('a text re-wrapped at 60, 72 or 100 columns (e-mail): every field as from pdftotext; at 40, none read otherwise', () => {
    const partials = LETTERS.filter((l) => pdftotextText(l).includes('IMR eligible'));
    assert.ok(partials.length >= 5);
    // The 2013 notice states its determinations twice, with a heading between the two lists that
    // re-wrapping cuts across two lines.
    const notice = '2013_format0_medicpdf01_partial.txt';
    assert.equal(parseLetter(pdftotextText(notice)).items.length, 2);
    for (const letter of new Set([...SAMPLE, ...partials, notice])) {
      const text = pdftotextText(letter);
      const want = modelFields(text);
      for (const width of [40, 60, 72, 100]) {
        const wrapped = wrapText(text, width);
        const diff = compareFields(want, modelFields(wrapped)).filter((d) => !/rationale|Guideline|citation/.test(d.field));
        // At 40 columns "The Expert Reviewer has the following credentials:" is cut across two lines:
        // the reviewer is left empty, never read wrong.
        const wrong = width === 40 ? diff.filter((d) => !(/^reviewer\./.test(d.field) && d.actual === '')) : diff;
        assert.deepEqual(wrong, [], `${letter} at ${width} columns`);
      }
    }
  });

  test('a whole page on one line (pdfminer without layout analysis): headings, labels and items cut out of it', () => {
    for (const letter of SAMPLE) {
      const text = pdftotextText(letter);
      // Each page's lines joined by two spaces, as a tool that writes a page as one line has it.
      const oneLine = pagesOnOneLine(text, '  ', '\n\f');
      const want = parseLetter(text);
      const got = parseLetter(oneLine);
      assert.equal(got.caseNumber?.text, want.caseNumber?.text, letter);
      assert.deepEqual(got.reviewer.licensure, want.reviewer.licensure, letter);
      assert.deepEqual(got.sections.map((x) => x.kind), want.sections.map((x) => x.kind), letter);
      assert.deepEqual(got.items.map((i) => [i.request, i.decision]), want.items.map((i) => [i.request, i.decision]), letter);
    }
  });

  test('a whole page on one line with its lines joined by one blank (a reflowed page; pdf2txt -n joins a box\'s lines so): every field as pdftotext\'s, or a header date left empty, never another value', () => {
    let partials = 0;
    for (const letter of LETTERS) {
      for (const tool of ['letters', 'pdfbox', 'pdfjs', 'pdfminer']) {
        const text = tool === 'letters' ? pdftotextText(letter) : toolText(tool, letter);
        for (const [shape, joined] of [
          ['one blank, pages apart', pagesOnOneLine(text, ' ')],
          ['one blank, the whole letter on one line', text.split(/[\n\f]/).map((x) => x.trim()).filter(Boolean).join(' ')],
        ]) {
          const diff = compareFields(modelFields(pdftotextText(letter)), modelFields(joined)).filter((d) => !/rationale|Guideline|citation/.test(d.field));
          // pdfminer prints the header's labels apart from their values: joined into one line they
          // cannot be paired again, and the dates are left empty.
          const wrong = diff.filter((d) => !(tool === 'pdfminer' && d.field.startsWith('dates.') && d.actual === ''));
          assert.deepEqual(wrong, [], `${tool} ${letter}, ${shape}`);
        }
      }
      partials += parseLetter(pdftotextText(letter)).items.filter((i) => i.partialAuthorization).length;
    }
    assert.ok(partials > 10, `${partials} partial authorizations among the letters`);
    // The 2013-2015 letters (the seeds), whose rationales end sentences with a capital's word
    // ("... not medically necessary per MTUS. Chronic pain physical therapy ...: Overturned").
    const seedDir = path.join(FIXTURES, 'seeds');
    const seeds = fs.readdirSync(seedDir).filter((f) => f.endsWith('.txt'));
    assert.equal(seeds.length, 5);
    for (const seed of seeds) {
      const text = fs.readFileSync(path.join(seedDir, seed), 'utf8');
      for (const sep of [' ', '  ']) {
        const pages = pagesOnOneLine(text, sep);
        const diff = compareFields(modelFields(text), modelFields(pages)).filter((d) => !/rationale|Guideline|citation/.test(d.field));
        assert.deepEqual(diff, [], `${seed}, pages on one line joined by ${JSON.stringify(sep)}`);
      }
    }
  });

  test('on a line holding a rationale and the next item\'s heading, a rationale that quotes its own partial-authorization heading leaves the next heading whole', () => {
    const heading = 'Physical therapy for 12 sessions was the original request. Physical therapy for 6 sessions was authorized by the Claims Administrator. The remaining IMR eligible portion of the original request, Physical therapy for 6 sessions is: Upheld';
    const rationale = `Decision rationale: A trial of 6 sessions was approved. Given the above, the request for "${heading.replace(' is: Upheld', '')}" is not medically necessary.`;
    for (const gap of ['  ', ' ']) {
      const letter = pdftotextText(LETTERS[0]);
      const issues = letter.indexOf('The Final Determination was based on decisions');
      const lead = letter.indexOf('\n', issues) + 1;
      const text = `${letter.slice(0, lead)}${heading}\nClaims Administrator guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Physical medicine treatment.\nMAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Physical medicine treatment.\n${rationale}${gap}Ultram (tramadol) 50mg #90: Upheld${gap}Claims Administrator guideline: Decision based on MTUS Opioid Treatment 2016.\nMAXIMUS guideline: Decision based on MTUS Opioid Treatment 2016.\nDecision rationale: Not medically necessary.\n`;
      const items = parseLetter(text).items;
      assert.deepEqual(items.map((i) => [i.request, i.decision]), [['Physical therapy for 6 sessions', 'Upheld'], ['Ultram (tramadol) 50mg #90', 'Upheld']], JSON.stringify(gap));
    }
  });

  test('letters with a whole page on one line, merged into one file, split into the letters read alone', () => {
    const oneLine = (text: string) => pagesOnOneLine(text, '  ', '\n\f');
    // Every letter: some hold their decisions on their first page, where a letter's start is found.
    const texts = LETTERS.map((letter) => oneLine(pdftotextText(letter)));
    for (const sep of ['\n\f', '\n\n']) {
      const merged = texts.join(sep);
      const read = parseDocument(merged);
      assert.equal(read.length, texts.length, `${read.length} letters of ${texts.length}, merged with ${JSON.stringify(sep)}`);
      read.forEach((l, k) => {
        assert.deepEqual(compareFields(modelFields(texts[k]), modelFields(merged.slice(l.range.start, l.range.end))), [], LETTERS[k]);
      });
    }
  });

  test('an item heading broken across a page with no form feed', () => {
    const letter = '2017_format1b_CM17-0020728.txt';
    same('heading across a blank gap', letter, pdftotextText(letter).replace(/\f/g, '\n\n\n'));
  });

  test('words broken by spaces in labels, headings, decisions and requests', () => {
    const letter = LETTERS[5];
    const text = pdftotextText(letter)
      .replace(/MAXIMUS guideline:/g, 'MAXIMUS gui deline :')
      .replace(/Claims Administrator guideline:/g, 'Claims Admi nistrator guideline :')
      .replace(/: Upheld/g, ': Uph eld')
      .replace(/The Final Determination was/, 'The Final Determina tion was');
    same('broken words', letter, text);
  });
});

describe('citations in words broken by spaces', () => {
  /** Citations as the golden test compares them (where, kind, guideline, edition, locators). */
  const citations = (text: string) => [...modelFields(text)].filter(([k]) => k.startsWith('citation '));
  /** Makes the letter's fixed labels show broken words, as the tools that break words do. */
  const spacedLabels = (text: string) => text.replace(/MAXIMUS guideline:/g, 'MAXIMUS gui deline :');

  test('the breaks pypdf makes in guideline lines: "Treatmen t 2016", "Secti on(s):", "200 4,", "Cit ation", "Tricyclics ."', () => {
    let checked = 0;
    for (const letter of LETTERS) {
      const text = pdftotextText(letter);
      if (!/MAXIMUS guideline: Decision based on MTUS [A-Za-z ]+ (?:19|20)\d\d, Section\(s\): /.test(text)) continue;
      const broken = spacedLabels(text)
        .replace(/(MAXIMUS gui deline : Decision based on MTUS [A-Za-z ]+?)(\w)( (?:19|20)\d)(\d),/g, '$1 $2$3 $4,')
        .replace(/Section\(s\):/g, (_m, i: number) => (i % 3 === 0 ? 'Secti on(s):' : i % 3 === 1 ? 'Section (s):' : 'Section(s ):'))
        .replace(/Non-MTUS Citation/g, 'Non -MTUS Cit ation')
        .replace(/(MAXIMUS gui deline :[^\n]*\w)\.(\s*\n)/g, '$1 .$2');
      assert.notEqual(broken, text);
      assert.deepEqual(citations(broken), citations(text), letter);
      if (++checked === 12) break;
    }
    assert.equal(checked, 12);
  });

  test('a citation found in broken words points at the words as written', () => {
    const letter = LETTERS.find((l) => /Chronic Pain Medical Treatment 2016, Section\(s\): /.test(pdftotextText(l)))!;
    const text = spacedLabels(pdftotextText(letter)).replace(/Chronic Pain Medical Treatment 2016, Section\(s\):/, 'Chronic Pain Medical Treatmen t 2016, Secti on(s):');
    const l = parseLetter(text);
    assert.equal(l.wordsBrokenBySpaces, true);
    const c = findCitations(l, text).find((x) => text.slice(x.span.start, x.span.end).includes('Treatmen t'));
    assert.ok(c, 'the citation with "Treatmen t" is found');
    assert.equal(c.guideline, 'mtus-cpmtg');
    assert.match(text.slice(c.span.start, c.span.end), /^Chronic Pain Medical Treatmen t 2016, Secti on\(s\):/);
    for (const loc of c.locators) assert.equal(text.slice(loc.span.start, loc.span.end).replace(/\s+/g, ' '), loc.text.replace(/\s+/g, ' '));
  });

  test('words broken at random inside guideline lines: citations found or left out, never resolved to another guideline', () => {
    const r = new Prng(7);
    let want = 0;
    let found = 0;
    const wrong: string[] = [];
    for (const letter of LETTERS) {
      const text = pdftotextText(letter);
      // Break one word in three of six letters or more, inside the guideline lines.
      const broken = spacedLabels(text).replace(/^(?:MAXIMUS gui deline :|Claims Administrator guideline:).*$/gm, (line) =>
        line.replace(/\b[A-Za-z]{6,}\b/g, (w) => {
          if (r.int(3) !== 0) return w;
          const k = 2 + r.int(w.length - 3);
          return `${w.slice(0, k)} ${w.slice(k)}`;
        }),
      );
      const expected = new Map(citations(text));
      const got = new Map(citations(broken));
      for (const [k, n] of expected) {
        want += Number(n);
        found += Math.min(Number(n), Number(got.get(k) ?? 0));
      }
      for (const k of got.keys()) {
        if (expected.has(k)) continue;
        const [, where, kind, guideline] = k.split(' ');
        // A citation the broken text gives that pdftotext's does not: only an unresolved one.
        if (!/unknown/.test(guideline)) wrong.push(`${letter} ${where} ${kind} ${guideline}`);
      }
    }
    assert.ok(found >= want * 0.98, `${found} of ${want} citations found`);
    assert.deepEqual(wrong, []);
  });
});

describe('damaged header tables never give a wrong value', () => {
  const FIELDS = ['caseNumber', 'dateAssigned', 'decisionDate', 'priority', 'dateOfInjury', 'urDenialDate', 'applicationReceived'] as const;
  const truth = (text: string) => {
    const l = parseLetter(text);
    return new Map(l.header.map((h) => [h.key, h.value?.text ?? null]));
  };
  /** The fields the diagnostics say are empty, and those said to be empty because their value is in doubt. */
  const flagged = (text: string) => {
    const l = parseLetter(text);
    const d = diagnose(l, text, { knowledge: null });
    const missing = new Set(d.filter((x) => x.code === 'missing-header-field').map((x) => (x.data as { key: string }).key));
    const uncertain = new Set(
      d.filter((x) => x.code === 'header-value-uncertain').map((x) => l.header.find((h) => h.label.span.start === x.span.start)?.key),
    );
    return { missing, uncertain };
  };
  const headerOf = (text: string) => {
    const at = text.indexOf('HOW THE IMR');
    return { head: text.slice(0, at), rest: text.slice(at) };
  };
  // Damage at the level of lines and of cells (labels and values), in every tool's shape.
  const damages: Record<string, (lines: string[], r: Prng) => string[]> = {
    'drop a line': (ls, r) => {
      const k = r.int(ls.length);
      return ls.filter((_, i) => i !== k);
    },
    'drop lines at random': (ls, r) => ls.filter(() => r.int(4) !== 0),
    'duplicate a line': (ls, r) => {
      const i = r.int(ls.length);
      return [...ls.slice(0, i + 1), ls[i], ...ls.slice(i + 1)];
    },
    'swap two lines': (ls, r) => {
      const out = [...ls];
      const i = r.int(ls.length);
      const j = r.int(ls.length);
      [out[i], out[j]] = [out[j], out[i]];
      return out;
    },
    'shuffle the lines': (ls, r) => {
      const out = [...ls];
      for (let i = out.length - 1; i > 0; i--) {
        const j = r.int(i + 1);
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
    'drop a label': (ls, r) => {
      const label = pick(r, ['Case Number:', 'Date Assigned:', 'Decision Date:', 'Priority:', 'Date of Injury:', 'UR Denial Date:']);
      return ls.map((l) => l.replace(label, ''));
    },
    'drop a value': (ls, r) => {
      const all = ls.join('\n').match(/\d\d\/\d\d\/\d{4}|CM\d\d-\d{7}|Standard/g) ?? [];
      const v = pick(r, all);
      return ls.map((l) => l.replace(v, ''));
    },
    'duplicate a value': (ls, r) => {
      const all = ls.join('\n').match(/\d\d\/\d\d\/\d{4}/g) ?? [];
      const v = pick(r, all);
      return ls.map((l) => l.replace(v, `${v} ${v}`));
    },
    'duplicate a label': (ls, r) => {
      const label = pick(r, ['Date Assigned:', 'Decision Date:', 'Date of Injury:', 'UR Denial Date:']);
      return ls.map((l) => l.replace(label, `${label} ${label}`));
    },
    'swap a label and a value': (ls, r) => {
      const label = pick(r, ['Date Assigned:', 'Decision Date:', 'Date of Injury:', 'UR Denial Date:']);
      const all = ls.join('\n').match(/\d\d\/\d\d\/\d{4}/g) ?? [];
      const v = pick(r, all);
      return ls.map((l) => l.replace(label, '\u0001').replace(v, label).replace('\u0001', v));
    },
  };

  test('two date values swapped in a table of runs are read as written, and the date-order rule reports them', () => {
    const letter = LETTERS[0];
    const text = pdftotextText(letter);
    const l0 = parseLetter(text);
    const v = (l: typeof l0, k: string) => l.header.find((h) => h.key === k)?.value?.text ?? null;
    const [assigned, decided] = [v(l0, 'dateAssigned'), v(l0, 'decisionDate')];
    assert.ok(assigned && decided && assigned !== decided && /\nCase Number:\nDate Assigned:\nDecision Date:/.test('\n' + text));
    const swapped = text.replace(`${assigned}\n${decided}\n`, `${decided}\n${assigned}\n`);
    const l = parseLetter(swapped);
    // The text states this table: each label and value pair one to one in order.
    assert.equal(v(l, 'dateAssigned'), decided);
    assert.equal(v(l, 'decisionDate'), assigned);
    assert.ok(diagnose(l, swapped, { knowledge: null }).some((d) => d.code === 'date-order'));
  });

  test('values cut into pieces on lines of their own are read whole; a piece alone is no value', () => {
    const text = pdftotextText(LETTERS[0]);
    const l0 = parseLetter(text);
    const value = (l: ReturnType<typeof parseLetter>, k: string) => l.header.find((h) => h.key === k)?.value?.text ?? null;
    const caseNumber = value(l0, 'caseNumber')!;
    const decided = value(l0, 'decisionDate')!;
    assert.match(caseNumber, /^CM\d{2}-\d{7}$/);
    const [prefix, digits] = caseNumber.split('-');
    const [md, year] = [decided.slice(0, decided.lastIndexOf('/') + 1), decided.slice(decided.lastIndexOf('/') + 1)];
    // "CM16" / "-" / "0221706" and "12/21/" / "2016", a blank line between some pieces.
    const cut = text.replace(caseNumber, `${prefix}\n \n-\n${digits}`).replace(decided, `${md}\n\n${year}`);
    const l1 = parseLetter(cut);
    assert.equal(value(l1, 'caseNumber'), caseNumber);
    assert.equal(value(l1, 'decisionDate'), decided);
    assert.equal(l1.caseNumber?.text, caseNumber);
    // The digits lost: "CM16" and "-" are pieces, not the case number nor the priority.
    const l2 = parseLetter(text.replace(caseNumber, `${prefix}\n-`));
    assert.equal(l2.caseNumber, null);
    assert.notEqual(value(l2, 'priority'), '-');
    const l3 = parseLetter(text.replace(caseNumber, `${prefix}\n${digits}`).replace(/^Standard$/m, ''));
    assert.equal(l3.caseNumber, null);
    assert.notEqual(value(l3, 'priority'), digits);
  });

  test('a decision alone below its request, a blank line between them, keeps its request', () => {
    const text = pdftotextText(LETTERS[0]);
    const l0 = parseLetter(text);
    const it = l0.items[0];
    const heading = text.slice(it.span.start, text.indexOf('\n', it.span.start));
    const m = /^(.*):\s*(Upheld|Overturned)\s*$/.exec(heading);
    assert.ok(m, heading);
    const l1 = parseLetter(text.replace(heading, `${m[1]}:\n \n${m[2]}`));
    assert.equal(l1.items[0].request, it.request);
    assert.equal(l1.items[0].decision, it.decision);
    // A request longer than the 400 characters a line's content is read to: its colon is still seen.
    const long = `${m[1]} for ${'the left and right shoulders, '.repeat(16)}as requested`;
    assert.ok(long.length > 500);
    const l3 = parseLetter(text.replace(heading, `${long}:\n \n${m[2]}`));
    assert.equal(l3.items[0].request, long);
    assert.equal(l3.items[0].decision, it.decision);
    // Without the colon the line above is no request: the heading is not taken from across the gap.
    const l2 = parseLetter(text.replace(heading, `${m[1]}.\n \n${m[2]}`));
    assert.notEqual(l2.items[0].request, it.request);
  });

  test('the values column printed before the labels column is read; stray values before the table are not', () => {
    const header = (l: ReturnType<typeof parseLetter>) => l.header.map((h) => `${h.key}=${h.value?.text ?? ''}`).join(' ');
    for (const letter of SAMPLE) {
      const text = pdftotextText(letter);
      const l0 = parseLetter(text);
      // pdftotext: "Case Number:" ... "Priority:", a blank, their four values; then "Date of
      // Injury:" ... "Received:", a blank, their three values. Values first, as pdfminer prints the
      // table when it reads the text boxes in another order.
      const m = /^(Case Number:\n(?:.*:\n){3})\n((?:.*\n){4})\n/.exec(text);
      const m2 = /^(Date of Injury:\n(?:.*\n){2}Received:\n)\n((?:.*\n){3})\n/m.exec(text);
      assert.ok(m && m2, letter);
      const flipped = text.replace(m[0], `${m[2]}\n${m[1]}\n`).replace(m2[0], `${m2[2]}\n${m2[1]}\n`);
      const l1 = parseLetter(flipped);
      assert.equal(header(l1), header(l0), letter);
      assert.ok(l0.caseNumber && l1.caseNumber?.text === l0.caseNumber.text);
      // A line of text between the values and the labels: the values are not the table's.
      const apart = parseLetter(text.replace(m[0], `${m[2]}Independent Medical Review\n\n${m[1]}\n`));
      assert.equal(apart.caseNumber, null, letter);
      assert.ok(apart.header.every((h) => h.value === null || h.value.text === l0.header.find((x) => x.key === h.key)?.value?.text), header(apart));
      // Dates alone before the table (a letter's date, no case number): not values of the table.
      const dated = parseLetter('12/30/2016\n\n' + text);
      assert.equal(header(dated), header(l0), letter);
    }
    // Letters so printed, merged into one file: each begins at its values column, so the values are
    // its own, not the end of the letter before.
    const flippedLetters = SAMPLE.map((letter) => {
      const text = pdftotextText(letter);
      const m = /^(Case Number:\n(?:.*:\n){3})\n((?:.*\n){4})\n/.exec(text)!;
      const m2 = /^(Date of Injury:\n(?:.*\n){2}Received:\n)\n((?:.*\n){3})\n/m.exec(text)!;
      return text.replace(m[0], `${m[2]}\n${m[1]}\n`).replace(m2[0], `${m2[2]}\n${m2[1]}\n`);
    });
    const merged = flippedLetters.join('\n\f');
    const letters = parseDocument(merged);
    assert.equal(letters.length, flippedLetters.length);
    letters.forEach((l, k) => {
      const alone = modelFields(flippedLetters[k]);
      const fields = modelFields(merged.slice(l.range.start, l.range.end));
      assert.deepEqual(compareFields(alone, fields), [], SAMPLE[k]);
    });
  });

  test('"Application" without its "Received:" is neither a label nor the priority', () => {
    const text = pdftotextText(LETTERS[0]).replace(/^Received:\n/m, '');
    const l = parseLetter(text);
    const f = (k: string) => l.header.find((h) => h.key === k);
    assert.equal(f('priority')?.value?.text, 'Standard');
    assert.equal(f('applicationReceived'), undefined);
    // Its date is left over: no date is paired for sure.
    for (const k of ['dateAssigned', 'decisionDate', 'dateOfInjury', 'urDenialDate']) {
      assert.equal(f(k)?.value, null, k);
      assert.ok(l.problems.some((p) => p.code === 'header-value-uncertain' && p.span.start === f(k)!.label.span.start), k);
    }
  });

  test('thousands of damaged headers from every tool: each field is its true value or empty', (t) => {
    const r = new Prng(11);
    let cases = 0;
    let kept = 0;
    let doubted = 0;
    const wrong: string[] = [];
    const unreported: string[] = [];
    for (const tool of ['letters', 'layout', ...toolNames()]) {
      for (const letter of LETTERS.filter((_, i) => i % 4 === 0)) {
        const text = tool === 'letters' ? pdftotextText(letter) : tool === 'layout' ? pdftotextText('layout/' + letter) : toolText(tool, letter);
        const expected = truth(pdftotextText(letter));
        const { head, rest } = headerOf(text);
        for (const [name, damage] of Object.entries(damages)) {
          const lines = head.replace(/\n$/, '').split('\n');
          const damaged = damage(lines, r).join('\n') + '\n';
          if (damaged === head) continue;
          const got = truth(damaged + rest);
          const { missing, uncertain } = flagged(damaged + rest);
          cases++;
          for (const f of FIELDS) {
            const v = got.get(f) ?? null;
            if (v === null) {
              // An empty field is always reported, and says why when its value is there but in doubt.
              if (expected.get(f) !== null && !missing.has(f)) unreported.push(`${tool} ${letter} ${name}: ${f} in ${JSON.stringify(damaged)}`);
              if (uncertain.has(f)) doubted++;
              continue;
            }
            kept++;
            // The damaged text may itself state another value: a label with its value on the same
            // line, or a table whose labels and values of that kind pair one to one in order.
            const stated = new RegExp(`${labelRe(f)}\\s*${escape(v)}`).test(damaged) || inOrder(damaged, f) === v;
            if (v !== expected.get(f) && !stated) wrong.push(`${tool} ${letter} ${name}: ${f} = ${v}, true ${expected.get(f)} in ${JSON.stringify(damaged)}`);
          }
        }
      }
    }
    t.diagnostic(`${cases} damaged headers, ${kept} values read, ${doubted} left empty as uncertain`);
    assert.ok(cases > 1000, `${cases} damaged headers`);
    assert.ok(kept > cases * 3, `most fields are still read (${kept} values in ${cases} headers)`);
    assert.ok(doubted > cases / 2, `fields left empty because their value is in doubt, each with its reason (${doubted})`);
    assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} wrong values in ${cases} damaged headers`);
    assert.deepEqual(unreported.slice(0, 20), [], `${unreported.length} fields left empty without a problem`);
  });
});

function pick<T>(r: Prng, xs: readonly T[]): T {
  return xs[r.int(xs.length)];
}

/**
 * The value the text gives field `f` when its labels and values of f's kind (dates, case numbers)
 * are as many and paired one to one in the order they are written; null when they are not.
 */
function inOrder(text: string, f: string): string | null {
  const dates = ['dateAssigned', 'decisionDate', 'dateOfInjury', 'urDenialDate', 'applicationReceived'];
  const kind = dates.includes(f) ? dates : f === 'caseNumber' ? ['caseNumber'] : null;
  if (!kind) return null;
  const at = (re: RegExp) => [...text.matchAll(re)].map((m) => ({ at: m.index!, text: m[0] }));
  const labels = kind.flatMap((k) => at(new RegExp(labelRe(k).replace('|Received:', ''), 'g')).map((m) => ({ ...m, key: k })));
  labels.sort((a, b) => a.at - b.at);
  const values = at(f === 'caseNumber' ? /CM\d\d ?-\d{7}/g : /\d\d\/\d\d\/\d{4}/g);
  if (labels.length !== values.length) return null;
  const k = labels.findIndex((l) => l.key === f);
  return k >= 0 && labels.filter((l) => l.key === f).length === 1 ? values[k].text.replace(' ', '') : null;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function labelRe(f: string): string {
  return {
    caseNumber: 'Case Number:',
    dateAssigned: 'Date Assigned:',
    decisionDate: 'Decision Date:',
    priority: 'Priority:',
    dateOfInjury: 'Date of Injury:',
    urDenialDate: 'UR Denial Date:',
    applicationReceived: '(?:Application|Received:)',
  }[f]!;
}
