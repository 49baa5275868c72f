import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, foldingRanges, letter, openLetter } from './helpers';

/** Lines (0-based) that match a pattern (a form feed may start a page): expectations from the text itself. */
function linesMatching(doc: vscode.TextDocument, re: RegExp): number[] {
  const out: number[] = [];
  for (let i = 0; i < doc.lineCount; i++) if (re.test(doc.lineAt(i).text)) out.push(i);
  return out;
}

suite('Folding ranges', () => {
  teardown(closeAllEditors);

  test('DWC letter CM16-0239569: the issues section, each item and its rationale fold', async () => {
    const expected = letter('2017_format1b_CM16-0239569.txt');
    const doc = await openLetter(expected.texts[0]);
    const ranges = await foldingRanges(doc);

    for (const r of ranges) {
      assert.ok(r.start < r.end, `range ${r.start}-${r.end} is empty`);
      assert.ok(r.end < doc.lineCount, `range ${r.start}-${r.end} ends past the document (${doc.lineCount} lines)`);
    }
    const [issues] = linesMatching(doc, /^\f?IMR ISSUES, DECISIONS AND RATIONALES\s*$/);
    const rationales = linesMatching(doc, /^\f?Decision rationale:/);
    const administrator = linesMatching(doc, /^\f?Claims Administrator guideline:/);
    assert.ok(issues !== undefined, 'the letter has an issues heading');
    assert.strictEqual(rationales.length, expected.items.length, 'one rationale per manifest item in the text');
    assert.strictEqual(administrator.length, expected.items.length, 'one guideline per manifest item in the text');

    const section = ranges.find((r) => r.start === issues);
    assert.ok(section, `no folding range starts at the issues heading (line ${issues + 1})`);
    assert.ok(section.end >= rationales[rationales.length - 1], 'the issues section folds down to the last rationale');

    rationales.forEach((line, k) => {
      // The item: a range after the previous item's rationale that holds this item's guideline and rationale.
      const after = k === 0 ? issues : rationales[k - 1];
      const item = ranges.find((r) => r.start > after && r.start <= administrator[k] && r.end >= line && r.end < (rationales[k + 1] ?? doc.lineCount));
      assert.ok(item, `item ${k + 1}: no folding range holds lines ${administrator[k] + 1}-${line + 1}`);
      // The rationale block itself (several lines in this letter).
      assert.ok(ranges.some((r) => r.start === line && r.end <= item.end), `item ${k + 1}: no folding range starts at its rationale (line ${line + 1})`);
    });
  });
});
