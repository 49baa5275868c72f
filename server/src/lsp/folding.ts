/** textDocument/foldingRange: sections, items and blocks. */
import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { foldingSpans } from '../core';
import type { ParsedLetter } from './letters';

export function foldingRanges(doc: TextDocument, parsed: ParsedLetter): FoldingRange[] {
  const out: FoldingRange[] = [];
  const seen = new Set<string>();
  // In a merged case file each letter folds as a whole too.
  const spans = parsed.letters.flatMap((l) => [...(parsed.letters.length > 1 ? [{ span: l.range }] : []), ...foldingSpans(l)]);
  for (const f of spans) {
    const startLine = doc.positionAt(f.span.start).line;
    const endLine = doc.positionAt(Math.max(f.span.start, f.span.end - 1)).line;
    const key = `${startLine}:${endLine}`;
    if (endLine <= startLine || seen.has(key)) continue;
    seen.add(key);
    out.push({ startLine, endLine, kind: FoldingRangeKind.Region });
  }
  return out;
}
