/**
 * Language detection of plain-text letters: VS Code's `firstLine` (package.json) and the
 * extension's check of the first lines (client/src/letter-start.ts), over the text every PDF tool
 * makes of every corpus letter (test/fixtures/tools), pdftotext's two modes and the seeds.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { LETTER_START, opensLetter } from '../../client/src/letter-start';
import { FIXTURES, ROOT } from '../paths';
import { toolLetters, toolNames, toolText } from '../core/tool-fields';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const FIRST_LINE = new RegExp(pkg.contributes.languages.find((l: { id: string }) => l.id === 'imr').firstLine);

const texts = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => ({ name: `${path.basename(dir)}/${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8') }));

/** Every letter as every tool wrote it. */
const ALL = [
  ...texts(path.join(FIXTURES, 'letters')),
  ...texts(path.join(FIXTURES, 'letters', 'layout')),
  ...texts(path.join(FIXTURES, 'seeds')),
  ...toolNames().flatMap((tool) => toolLetters(tool).map((l) => ({ name: `${tool}/${l}`, text: toolText(tool, l) }))),
];

describe('plain-text letters are recognised whatever tool made them', () => {
  test('firstLine in package.json is the expression the extension checks', () => {
    assert.equal(FIRST_LINE.source, LETTER_START.source);
  });

  test('every letter from every tool opens a letter, blank first lines and CRLF included', () => {
    assert.ok(ALL.length >= 900, `${ALL.length} texts`);
    const missed = ALL.filter((t) => !opensLetter(t.text)).map((t) => t.name);
    assert.deepEqual(missed, []);
    // The tools whose text starts with a blank line are recognised by the check, not by firstLine.
    const blankFirst = ALL.filter((t) => /^[ \t]*\r?\n/.test(t.text));
    assert.ok(['pypdf', 'mupdf', 'ghostscript', 'pdfbox'].every((tool) => blankFirst.some((t) => t.name.startsWith(tool + '/'))));
    for (const t of ALL) if (!/^[ \t]*\r?\n/.test(t.text)) assert.ok(FIRST_LINE.test(t.text.split(/\r?\n/)[0]), `firstLine: ${t.name}`);
  });

  test('words broken by spaces, a BOM, non-breaking spaces, a page of blank lines before', () => {
    assert.ok(opensLetter('Case Num ber :  CM16 -0213037\nDate Assigned: 11/09/2016'));
    assert.ok(opensLetter('\ufeff\n\n\u00a0\nHOW THE IMR FINAL DETERMINA TION WAS MADE\n'));
    assert.ok(opensLetter('\r\n\r\n\r\n\r\n\r\n\r\nCase Number:\r\n'));
  });

  test('other text is not taken for a letter', () => {
    for (const file of ['README.md', 'package.json', 'test/fixtures/README.md']) {
      assert.equal(opensLetter(fs.readFileSync(path.join(ROOT, file), 'utf8')), false, file);
    }
    assert.equal(opensLetter('Meeting notes\nCase numbers to review: 12\n'), false);
    // Only the first lines are read: a letter quoted further down a file is not its start.
    assert.equal(opensLetter('Notes\n\n\n\n\n\n\n\n\nCase Number: CM16-0213037\n'), false);
  });
});
