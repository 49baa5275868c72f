/**
 * textDocument/documentHighlight: with the cursor on a cited page or section, the editor marks
 * every citation of it in the letter; on a guideline's name, every citation of that guideline;
 * on the case number, the case number of every letter of that case in the file. What counts as
 * the same is Find All References' answer (`core/occurrences.ts`).
 */
import { DocumentHighlight, DocumentHighlightKind, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { caseOccurrences, citationOccurrences, Knowledge, targetAt, type Span } from '../core';
import { toRange } from './convert';
import type { ParsedLetter } from './letters';

/**
 * The highlights at `position`, or null where the letter names nothing there: the editor then
 * marks the word's other occurrences as it does in any text. Citations are read in the letter at
 * the cursor, over its own text (as a hover is), so a merged file's other letters are not read.
 */
export function documentHighlights(doc: TextDocument, parsed: ParsedLetter, position: Position, kb: Knowledge): DocumentHighlight[] | null {
  if (parsed.count === 0) return null;
  const offset = doc.offsetAt(position);
  const { letter, base, citations } = parsed.letterText(parsed.indexAt(offset), kb);
  const target = targetAt(letter, citations, offset - base);
  if (!target) return null;
  const at = (s: Span, shift: number) => DocumentHighlight.create(toRange(doc, { start: s.start + shift, end: s.end + shift }), DocumentHighlightKind.Text);
  if (target.kind === 'case') return caseOccurrences(parsed.letters, target.caseNumber).map((s) => at(s, 0));
  const found = citationOccurrences(citations, target.keys);
  return found.length ? found.map(({ citation, locator }) => at(locator ? locator.span : citation.span, base)) : null;
}
