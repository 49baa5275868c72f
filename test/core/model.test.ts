/**
 * Invariants of the letter model, over every fixture and over odd inputs: spans stay inside the
 * text and nest properly, what a span covers is what the model says it is, and the parser never
 * throws.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Letter, parseLetter, Span } from '../../server/src/core';
import { BLOCK_LABELS, HEADINGS } from '../../server/src/core/vocabulary';
import { fixtureTexts } from './corpus';

function inside(span: Span, outer: Span, what: string): void {
  assert.ok(span.start <= span.end, `${what}: start ${span.start} > end ${span.end}`);
  assert.ok(span.start >= outer.start && span.end <= outer.end, `${what}: [${span.start},${span.end}) outside [${outer.start},${outer.end})`);
}

/** Whitespace-insensitive text of a span, for comparing with normalised model strings. */
function squash(s: string): string {
  return s.replace(/[\s\f]+/g, '').replace(/-/g, '');
}

export function checkInvariants(letter: Letter, text: string): void {
  const doc = { start: 0, end: text.length };
  for (const s of letter.sections) {
    inside(s.span, doc, `section ${s.kind}`);
    inside(s.heading, s.span, `heading of ${s.kind}`);
  }
  for (let k = 1; k < letter.sections.length; k++) {
    assert.ok(letter.sections[k - 1].span.end <= letter.sections[k].span.start, 'sections overlap');
  }
  let prevEnd = 0;
  for (const item of letter.items) {
    inside(item.span, doc, `item ${item.index}`);
    assert.ok(item.span.start >= prevEnd, `item ${item.index} overlaps the previous item`);
    prevEnd = item.span.end;
    inside(item.heading, item.span, `heading of item ${item.index}`);
    inside(item.requestSpan, item.heading, `request of item ${item.index}`);
    if (letter.format !== 'F0') {
      // The request is read from its span (mojibake repaired, lines joined).
      assert.ok(squash(text.slice(item.requestSpan.start, item.requestSpan.end)).includes(squash(item.request).slice(0, 20)));
    }
    if (item.decisionText) {
      inside(item.decisionText.span, item.span, `decision of item ${item.index}`);
      if (letter.format !== 'F0') assert.equal(text.slice(item.decisionText.span.start, item.decisionText.span.end), item.decisionText.text);
    }
    for (const b of [item.claimsAdministrator, item.maximus, item.rationale, ...item.duplicateBlocks]) {
      if (!b) continue;
      inside(b.span, item.span, `${b.kind} block of item ${item.index}`);
      inside(b.label, b.span, `${b.kind} label`);
      inside(b.textSpan, b.span, `${b.kind} text`);
      assert.match(text.slice(b.label.start, b.label.end), /guideline\s*:|rationale\s*:/i);
    }
  }
  for (const f of letter.header) {
    inside(f.label.span, doc, `label ${f.key}`);
    if (f.value) {
      inside(f.value.span, doc, `value ${f.key}`);
      assert.equal(text.slice(f.value.span.start, f.value.span.end), f.value.text);
    }
  }
  for (const p of letter.problems) inside(p.span, doc, `problem ${p.code}`);
  for (const d of letter.directives) inside(d.span, doc, 'directive');
  if (letter.reviewer.span) inside(letter.reviewer.span, doc, 'reviewer');
  if (letter.patient.span) inside(letter.patient.span, doc, 'patient');
  if (letter.lastText) inside(letter.lastText, doc, 'last text');
}

describe('model invariants over the corpus', () => {
  for (const f of fixtureTexts()) {
    test(f.name, () => checkInvariants(parseLetter(f.text), f.text));
  }
});

describe('odd input never throws and stays consistent', () => {
  const real = fixtureTexts().find((f) => f.name.includes('CM16-0239569') && !f.name.includes('layout'))!.text;
  const cases: [string, string][] = [
    ['empty', ''],
    ['one newline', '\n'],
    ['only form feeds', '\f\f\f'],
    ['NUL bytes', 'Case Number:\u0000\u0000 CM16-0000000'],
    ['a long line of spaces', ' '.repeat(200000) + 'x'],
    ['a long line of colons', ':'.repeat(200000)],
    ['Page(s): repeated', 'MAXIMUS guideline: Decision based on MTUS Page(s): '.repeat(5000)],
    ['CRLF letter', real.replace(/\n/g, '\r\n')],
    ['lone-CR letter', real.replace(/\n/g, '\r')],
    ['letter cut in half', real.slice(0, real.length >> 1)],
    ['headings only', 'HOW THE IMR FINAL DETERMINATION WAS MADE\nCLINICAL CASE SUMMARY\nIMR ISSUES, DECISIONS AND RATIONALES\n'],
    ['decision words only', 'Upheld\nOverturned\n: Upheld\n'],
  ];
  for (const [name, text] of cases) {
    test(name, () => {
      const letter = parseLetter(text);
      checkInvariants(letter, text);
    });
  }

  test('CRLF and lone CR give the same items as LF', () => {
    const lf = parseLetter(real);
    for (const t of [real.replace(/\n/g, '\r\n'), real.replace(/\n/g, '\r')]) {
      const other = parseLetter(t);
      assert.deepEqual(other.items.map((i) => [i.request, i.decision]), lf.items.map((i) => [i.request, i.decision]));
      assert.equal(other.caseNumber?.text, lf.caseNumber?.text);
    }
  });

  test('binary content is refused with one problem', () => {
    const letter = parseLetter('%PDF-1.6\u0000\u0001\u0002 binary');
    assert.equal(letter.isLetter, false);
    assert.deepEqual(letter.problems.map((p) => p.code), ['not-text']);
  });

  test('plain prose is not a letter', () => {
    const letter = parseLetter('Dear reader,\nThis is a note about nothing in particular.\n');
    assert.equal(letter.isLetter, false);
    assert.deepEqual(letter.problems.map((p) => p.code), ['not-a-letter']);
    // The message is read by people (imr prints it for every file that is not a letter).
    assert.equal(
      letter.problems[0].message,
      'No IMR letter structure was recognised (no header table, section headings or decisions). If this is a letter, its text may come from an unsupported extractor.',
    );
    assert.equal(letter.items.length, 0);
  });
});

describe('header tables in each extractor shape', () => {
  const expectFields = (text: string) => {
    const l = parseLetter(text + '\nHOW THE IMR FINAL DETERMINATION WAS MADE\nbody\n');
    assert.equal(l.caseNumber?.text, 'CM16-0213037');
    assert.equal(l.dates.assigned?.iso, '2016-11-09');
    assert.equal(l.dates.decision?.iso, '2016-12-07');
    assert.equal(l.dates.injury?.iso, '2016-10-13');
    assert.equal(l.dates.urDenial?.iso, '2016-10-20');
    assert.equal(l.dates.applicationReceived?.iso, '2016-11-02');
    assert.equal(l.priority?.text, 'Standard');
    assert.equal(l.format, 'F1b');
  };
  test('reading order: labels first, values after', () =>
    expectFields(
      'Case Number:\nDate Assigned:\nDecision Date:\nPriority:\n\nCM16-0213037\n11/09/2016\n12/07/2016\nStandard\n\n' +
        'Date of Injury:\nUR Denial Date:\nApplication\nReceived:\n\n10/13/2016\n10/20/2016\n11/02/2016\n',
    ));
  test('columns: two label/value pairs per line', () =>
    expectFields(
      'Case Number:          CM16-0213037\nDate Assigned:        11/09/2016      Date of Injury:      10/13/2016\n' +
        'Decision Date:        12/07/2016      UR Denial Date:      10/20/2016\nPriority:             Standard        Application          11/02/2016\n' +
        '                                      Received:\n',
    ));
  test('inline with a leading space and CRLF (PDFBox)', () =>
    expectFields(
      ' Case Number: CM16-0213037\r\nDate Assigned: 11/09/2016\r\nDecision Date: 12/07/2016\r\nPriority: Standard\r\n' +
        'Date of Injury: 10/13/2016\r\nUR Denial Date:  10/20/2016\r\nApplication Received: 11/02/2016\r\n',
    ));
  test('an impossible date keeps its text and has no ISO value', () => {
    const l = parseLetter('Case Number: CM16-0213037\nDecision Date: 02/30/2017\nHOW THE IMR FINAL DETERMINATION WAS MADE\n');
    assert.equal(l.dates.decision?.text, '02/30/2017');
    assert.equal(l.dates.decision?.iso, null);
  });
});

describe('items in unusual shapes', () => {
  const wrap = (issues: string) =>
    'HOW THE IMR FINAL DETERMINATION WAS MADE\nx\nCLINICAL CASE SUMMARY\ny\nIMR ISSUES, DECISIONS AND RATIONALES\n' +
    'The Final Determination was based on decisions for the disputed items/services set forth below:\n' + issues;
  const blocks = 'Claims Administrator guideline: a.\nMAXIMUS guideline: b.\nDecision rationale: The request is not medically necessary.\n';

  test('a heading without a decision word is still an item', () => {
    const l = parseLetter(wrap('Norco 10/325mg #60:\n' + blocks + 'MRI of the knee: Overturned\n' + blocks));
    assert.deepEqual(l.items.map((i) => [i.request, i.decision]), [['Norco 10/325mg #60', null], ['MRI of the knee', 'Overturned']]);
  });
  test('a misspelt decision word is kept as written', () => {
    const l = parseLetter(wrap('Norco 10/325mg #60: Uphled\n' + blocks));
    assert.equal(l.items[0].decision, null);
    assert.equal(l.items[0].decisionText?.text, 'Uphled');
  });
  test('a page break inside a wrapped heading', () => {
    const l = parseLetter(wrap('Physical therapy two times a week for four weeks for the lumbar\n\n\fspine: Upheld\n' + blocks));
    assert.equal(l.items[0].request, 'Physical therapy two times a week for four weeks for the lumbar spine');
  });
  test('a partial authorization decides the remainder', () => {
    const l = parseLetter(
      wrap('Norco 10/325mg #60 was the original request.\nNorco 10/325mg #25 was authorized by the Claims Administrator. The remaining IMR\neligible portion of the original request, Norco 10/325mg #35 is: Upheld\n' + blocks),
    );
    assert.equal(l.items[0].request, 'Norco 10/325mg #35');
    assert.deepEqual(l.items[0].partialAuthorization, { original: 'Norco 10/325mg #60', authorized: 'Norco 10/325mg #25', remainder: 'Norco 10/325mg #35' });
  });
  test('a duplicated block label is reported as a duplicate', () => {
    const l = parseLetter(wrap('MRI of the knee: Upheld\n' + blocks + 'MAXIMUS guideline: again.\n'));
    assert.equal(l.items.length, 1);
    assert.deepEqual(l.items[0].duplicateBlocks.map((b) => b.kind), ['maximus']);
  });
  test('directive lines are recorded and read as blank', () => {
    const l = parseLetter(wrap('MRI of the knee: Upheld\n' + blocks + 'imr-disable: truncated-letter, date-order\n'));
    assert.deepEqual(l.directives.map((d) => d.codes), [['truncated-letter', 'date-order']]);
    assert.equal(l.items[0].rationale?.text, 'The request is not medically necessary.');
  });
});

describe('vocabulary prefilters agree with the matchers', () => {
  test('every heading and block label regex starts with its declared first word', () => {
    for (const def of [...HEADINGS, ...BLOCK_LABELS]) {
      const literal = def.re.source.replace(/^\^/, '').match(/^[A-Za-z]+/)?.[0] ?? '';
      assert.equal(literal.toUpperCase(), def.first, def.re.source);
    }
    for (const def of HEADINGS.filter((h) => h.trailing)) {
      assert.ok(def.suffix && def.trailing!.source.replace(/:\?\$$/, '').endsWith(def.suffix), def.trailing!.source);
    }
  });
});
