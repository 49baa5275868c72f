/**
 * textDocument/semanticTokens (full and range): the core's `semanticSpans` of every letter, one
 * token per line of each span (editors draw a token on one line), blanks at a line's ends left out.
 * Each letter's tokens are kept in lines across edits, as its folding ranges are (`allAtLine`).
 */
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';
import type { Range, TextDocument } from 'vscode-languageserver-textdocument';
import { Letter, SEMANTIC_KINDS, semanticSpans, slot } from '../core';
import { allAtLine, AtLine, ParsedLetter } from './letters';

export const SEMANTIC_LEGEND: SemanticTokensLegend = { tokenTypes: [...SEMANTIC_KINDS], tokenModifiers: [] };

/** One token: line, first character, length, kind (an index into the legend). */
type Token = readonly [number, number, number, number];

const TOKENS = slot<AtLine<Token[]>>('semanticTokens', (v) => v);

const isBlank = (c: string) => c === ' ' || c === '\t' || c === '\f' || c === '\r' || c === '\n' || c === '\u00a0';

/** The tokens of the whole document, or of the lines `range` touches. */
export function semanticTokens(doc: TextDocument, parsed: ParsedLetter, range?: Range): SemanticTokens {
  const all = allAtLine(doc, parsed, TOKENS, null, (k) => letterTokens(doc, parsed.letter(k)), (ts, d) => ts.map(([l, c, n, k]) => [l + d, c, n, k] as const));
  const data: number[] = [];
  let line = 0;
  let char = 0;
  for (const [l, c, n, k] of all) {
    if (range && (l < range.start.line || l > range.end.line)) continue;
    data.push(l - line, l === line ? c - char : c, n, k, 0);
    line = l;
    char = c;
  }
  return { data };
}

function letterTokens(doc: TextDocument, letter: Letter): Token[] {
  const out: Token[] = [];
  for (const { span, kind } of semanticSpans(letter)) {
    const from = doc.positionAt(span.start);
    const to = doc.positionAt(span.end);
    for (let l = from.line; l <= to.line; l++) {
      const text = doc.getText({ start: { line: l, character: 0 }, end: { line: l + 1, character: 0 } });
      let a = l === from.line ? from.character : 0;
      let b = l === to.line ? to.character : text.length;
      while (a < b && isBlank(text[a])) a++;
      while (b > a && isBlank(text[b - 1])) b--;
      if (b > a) out.push([l, a, b - a, kind]);
    }
  }
  return out;
}
