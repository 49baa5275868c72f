/** textDocument/foldingRange: sections, items and blocks. */
import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { foldingSpans, Letter, slot } from '../core';
import { allAtLine, AtLine, ParsedLetter } from './letters';
import { writtenByParts } from './writer';

/** Each letter's folding ranges, kept across edits (in a merged file the letter itself folds too). */
const FOLDS = { single: slot<AtLine<FoldingRange[]>>('folds', (v) => v), merged: slot<AtLine<FoldingRange[]>>('folds:merged', (v) => v) };

export function foldingRanges(doc: TextDocument, parsed: ParsedLetter): FoldingRange[] {
  const merged = parsed.count > 1;
  const out = allAtLine(
    doc,
    parsed,
    merged ? FOLDS.merged : FOLDS.single,
    null,
    (k) => letterFolds(doc, parsed.letter(k), merged),
    (ranges, d) => ranges.map((r) => ({ startLine: r.startLine + d, endLine: r.endLine + d, kind: r.kind })),
  );
  // Written from each range's kept bytes: in a merged file, a letter's ranges are kept across edits.
  return writtenByParts(out);
}

/**
 * One letter's ranges (in a merged case file the letter itself folds too), each pair of lines once.
 * Letters lie on lines of their own, so a pair met in one letter is never met in another.
 */
function letterFolds(doc: TextDocument, letter: Letter, merged: boolean): FoldingRange[] {
  const out: FoldingRange[] = [];
  const seen = new Set<string>();
  for (const f of [...(merged ? [{ span: letter.range }] : []), ...foldingSpans(letter)]) {
    const startLine = doc.positionAt(f.span.start).line;
    const endLine = doc.positionAt(Math.max(f.span.start, f.span.end - 1)).line;
    const key = `${startLine}:${endLine}`;
    if (endLine <= startLine || seen.has(key)) continue;
    seen.add(key);
    out.push({ startLine, endLine, kind: FoldingRangeKind.Region });
  }
  return out;
}
