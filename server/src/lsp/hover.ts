/** textDocument/hover and textDocument/inlayHint: explanations from the knowledge base. */
import { Hover, InlayHint, MarkupKind, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverAt, inlayHints, Knowledge, Vocabulary } from '../core';
import type { ParsedLetter } from './letters';
import { toRange } from './convert';

export function hover(doc: TextDocument, parsed: ParsedLetter, offset: number, kb: Knowledge, markdown: boolean, vocabulary?: Vocabulary): Hover | null {
  // The letter over its own text: after an edit of a large document the whole text is not joined.
  const { letter, text, base, citations } = parsed.letterText(parsed.indexAt(offset), kb);
  const h = hoverAt(letter, text, offset - base, kb, { markdown, citations, vocabulary });
  if (!h) return null;
  return {
    contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: h.contents },
    range: toRange(doc, { start: h.span.start + base, end: h.span.end + base }),
  };
}

export function topicHints(doc: TextDocument, parsed: ParsedLetter, range: Range, kb: Knowledge): InlayHint[] {
  const from = doc.offsetAt(range.start);
  const to = doc.offsetAt(range.end);
  return parsed
    .lettersIn(from, to)
    .flatMap((letter) => inlayHints(letter, parsed.citations(letter, kb), kb, { start: from, end: to }))
    .map((h) => ({ position: doc.positionAt(h.offset), label: h.label, paddingLeft: true, tooltip: 'Topic of this page in the knowledge base' }));
}
