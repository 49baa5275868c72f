/** Page text rebuilt from positioned runs, in pdftotext default-mode shape; the DOMMatrix stand-in. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { joinPages, layoutPage, TextRun } from '../../server/src/pdf';
import { AffineMatrix } from '../../server/src/pdf/dommatrix';

/** A run of `str` at (x, y) in a 12 pt font whose glyphs are 6 pt wide. */
function run(str: string, x: number, y: number, fontSize = 12): TextRun {
  return { str, x, y, width: str.length * fontSize * 0.5, fontSize };
}

describe('layoutPage', () => {
  test('lines top to bottom, runs left to right, whatever their order in the content stream', () => {
    const text = layoutPage([run('second line', 72, 686), run('world', 108, 700), run('hello ', 72, 700)]);
    assert.equal(text, 'hello world\nsecond line\n\n');
  });

  test('a space where the PDF has a gap or a space run; runs that touch are glued; spaces collapse', () => {
    const text = layoutPage([
      run('CM16', 72, 700), // ends at 96
      run('-', 96, 700), // ends at 99
      run('0221706', 99, 700),
      run('Upheld:', 72, 680), // ends at 114
      run(' ', 114, 680),
      run('yes', 117, 680),
      run('wide', 72, 660), // ends at 96
      run('gap', 100, 660), // a 4 pt gap: more than 0.1 em
      run('two  spaces   inside', 72, 640),
    ]);
    assert.equal(text, 'CM16-0221706\nUpheld: yes\nwide gap\ntwo spaces inside\n\n');
  });

  test('a raised or lowered run within half a font size stays on its line', () => {
    assert.equal(layoutPage([run('Bextra', 72, 700), run('®', 108, 704), run(' 10 mg', 114, 700)]), 'Bextra® 10 mg\n\n');
  });

  test('a line ending in "-" joins the next line without the hyphen, except the last line of the flow', () => {
    const text = layoutPage([
      run('based on peer-', 72, 700),
      run('reviewed evidence, non-', 72, 686),
      run('certified. It ends with a hyphen-', 72, 672),
    ]);
    assert.equal(text, 'based on peerreviewed evidence, noncertified. It ends with a hyphen-\n\n');
  });

  test('a two-column header table comes out column by column, each column a flow', () => {
    // The header table of a DWC letter: labels at x=72 and 329, values at x=179 and 427.
    const runs = [
      run('Case Number:', 72, 688.68, 11),
      run('CM16-0221706', 179.4, 688.56, 11),
      run('Date Assigned:', 72, 675.6, 11),
      run('11/23/2016', 179.4, 675.48, 11),
      run('Date of Injury:', 328.92, 675.6, 11),
      run('10/16/2016', 426.84, 675.48, 11),
      run('Decision Date:', 72, 662.4, 11),
      run('12/21/2016', 179.4, 662.28, 11),
      run('UR Denial Date:', 328.92, 662.4, 11),
      run('10/20/2016', 426.84, 662.28, 11),
      run('Priority:', 72, 649.32, 11),
      run('Standard', 179.4, 649.2, 11),
      run('Application', 328.92, 649.32, 11),
      run('11/15/2016', 426.84, 649.2, 11),
      run('Received:', 328.92, 636.6, 11), // the label wraps onto a line of its own
      run('HOW THE IMR FINAL DETERMINATION WAS MADE', 153.24, 608.64),
      run('MAXIMUS Federal Services sent the complete case file to an expert reviewer.', 72, 588.24),
    ];
    assert.equal(
      layoutPage(runs),
      [
        'Case Number:\nDate Assigned:\nDecision Date:\nPriority:\n\n',
        'CM16-0221706\n11/23/2016\n12/21/2016\nStandard\n\n',
        'Date of Injury:\nUR Denial Date:\nApplication\nReceived:\n\n',
        '10/16/2016\n10/20/2016\n11/15/2016\n\n',
        'HOW THE IMR FINAL DETERMINATION WAS MADE\nMAXIMUS Federal Services sent the complete case file to an expert reviewer.\n\n',
      ].join(''),
    );
  });

  test('a table ends at a wide vertical gap or at a line that is not in one of its columns', () => {
    const runs = [
      run('Name:', 72, 700),
      run('Value', 200, 700),
      run('Body text at the margin.', 72, 686), // one chunk, in the first column: not a table row
      run('Left', 72, 640),
      run('Right', 300, 640),
      run('Far below:', 72, 600), // more than 1.6 font sizes below the previous row
      run('after', 300, 600),
    ];
    assert.equal(
      layoutPage(runs),
      'Name:\n\nValue\n\nBody text at the margin.\n\nLeft\n\nRight\n\nFar below:\n\nafter\n\n',
    );
  });

  test('a page without text is empty; space-only runs are no text', () => {
    assert.equal(layoutPage([]), '');
    assert.equal(layoutPage([run('  ', 72, 700), run('', 72, 680)]), '');
  });
});

describe('joinPages', () => {
  test('a form feed after every page; offsets where each page starts', () => {
    assert.deepEqual(joinPages(['one\n\n', '', 'three\n\n']), { text: 'one\n\n\f\fthree\n\n\f', pageOffsets: [0, 6, 7] });
  });
});

describe('AffineMatrix (the DOMMatrix given to pdf.js)', () => {
  test('composes like DOMMatrix: this x other, with translate and scale on the right', () => {
    const m = new AffineMatrix().scaleSelf(1 / 8, -1 / 8).translateSelf(0, -8);
    assert.deepEqual({ ...m }, { a: 0.125, b: 0, c: 0, d: -0.125, e: 0, f: 1 });
    const rotate = new AffineMatrix([0, 1, -1, 0, 0, 0]);
    const moved = new AffineMatrix([1, 0, 0, 1, 10, 20]).multiply(rotate);
    assert.deepEqual({ ...moved }, { a: 0, b: 1, c: -1, d: 0, e: 10, f: 20 });
    assert.deepEqual({ ...rotate.translate(5, 0) }, { a: 0, b: 1, c: -1, d: 0, e: 0, f: 5 });
    assert.deepEqual({ ...new AffineMatrix([2, 0, 0, 2, 0, 0]).preMultiplySelf({ e: 3, f: 4 }) }, { a: 2, b: 0, c: 0, d: 2, e: 3, f: 4 });
  });

  test('inverse undoes the matrix; a singular matrix inverts to NaN; 16-number input keeps the 2D part', () => {
    const m = new AffineMatrix([2, 1, 1, 3, 5, 7]);
    const id = m.multiply(m.inverse());
    for (const [k, v] of Object.entries({ a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 })) assert.ok(Math.abs(id[k as 'a'] - v) < 1e-12, k);
    assert.ok(Number.isNaN(new AffineMatrix([1, 2, 2, 4, 0, 0]).inverse().a));
    const m16 = new AffineMatrix([2, 0, 0, 0, 0, 3, 0, 0, 0, 0, 1, 0, 4, 5, 0, 1]);
    assert.deepEqual({ ...m16 }, { a: 2, b: 0, c: 0, d: 3, e: 4, f: 5 });
    assert.equal(new AffineMatrix().isIdentity, true);
  });
});
