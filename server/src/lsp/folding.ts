/** textDocument/foldingRange: sections, items and blocks. */
import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { foldingSpans, Letter, slot } from '../core';
import type { ParsedLetter } from './letters';

/**
 * A letter's folding ranges as last made, kept for the letter across versions while its text does
 * not change: `ranges` are where the letter starts on `line`, and are moved when it starts on
 * another (as its outline symbols are, lsp/symbols.ts). After a keystroke in a merged case file
 * only the letters read again make theirs.
 */
interface LetterFolds {
  ranges: FoldingRange[];
  line: number;
}

const FOLDS = { single: slot<LetterFolds>('folds', (v) => v), merged: slot<LetterFolds>('folds:merged', (v) => v) };

export function foldingRanges(doc: TextDocument, parsed: ParsedLetter): FoldingRange[] {
  const merged = parsed.letters.length > 1;
  return parsed.letters.flatMap((letter) => {
    const line = doc.positionAt(letter.range.start).line;
    const held = parsed.perLetter(merged ? FOLDS.merged : FOLDS.single, null, letter, (): LetterFolds => ({ ranges: letterFolds(doc, letter, merged), line }));
    if (held.line !== line) {
      const d = line - held.line;
      held.ranges = held.ranges.map((r) => ({ startLine: r.startLine + d, endLine: r.endLine + d, kind: r.kind }));
      held.line = line;
    }
    return held.ranges;
  });
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
