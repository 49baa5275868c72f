/** textDocument/selectionRange (Expand Selection): the parts of the letter around each position. */
import type { Position, SelectionRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Knowledge, selectionSpans } from '../core';
import { toRange } from './convert';
import type { ParsedLetter } from './letters';

/**
 * For each position, its chain of ranges from the smallest part of the letter that holds it to
 * the whole document (the editor adds the word it selects first). Read over the letter's own text,
 * as a hover is: after an edit of a large document the whole text is not joined for it.
 */
export function selectionRanges(doc: TextDocument, parsed: ParsedLetter, positions: readonly Position[], kb: Knowledge): SelectionRange[] {
  const whole: SelectionRange = { range: toRange(doc, { start: 0, end: parsed.length }) };
  return positions.map((position) => {
    const offset = doc.offsetAt(position);
    if (parsed.count === 0) return whole;
    const { letter, text, base, citations } = parsed.letterText(parsed.indexAt(offset), kb);
    const spans = selectionSpans(letter, text, offset - base, citations);
    let range = whole;
    for (let k = spans.length - 1; k >= 0; k--) {
      const s = spans[k];
      if (s.start + base === 0 && s.end + base === parsed.length) continue;
      range = { range: toRange(doc, { start: s.start + base, end: s.end + base }), parent: range };
    }
    return range;
  });
}
