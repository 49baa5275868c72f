/**
 * textDocument/semanticTokens (full, delta and range): the core's `semanticSpans` of every letter,
 * one token per line of each span (editors draw a token on one line), blanks at a line's ends left
 * out. Each letter's tokens are kept in lines across edits, as its folding ranges are
 * (`allAtLine`), and the whole document's are made once per version. After an edit the editor asks
 * for the change since the tokens it holds (a delta): the tokens are written relative to the one
 * before, so an edit changes a short run of them, and the answer is that run, not the 10 MB merged
 * file's 300,000 numbers.
 */
import type { SemanticTokens, SemanticTokensDelta, SemanticTokensEdit, SemanticTokensLegend } from 'vscode-languageserver';
import type { Range, TextDocument } from 'vscode-languageserver-textdocument';
import { isSpaceCode, Letter, SEMANTIC_KINDS, semanticSpans, slot } from '../core';
import { allAtLine, AtLine, ParsedLetter } from './letters';

export const SEMANTIC_LEGEND: SemanticTokensLegend = { tokenTypes: [...SEMANTIC_KINDS], tokenModifiers: [] };

/** One token: line, first character, length, kind (an index into the legend). */
type Token = readonly [number, number, number, number];

const TOKENS = slot<AtLine<Token[]>>('semanticTokens', (v) => v);

/** The last whole-document tokens answered for each open document: what a delta is made against. */
const answered = new Map<string, { resultId: string; data: readonly number[] }>();
let nextResultId = 1;

/** The tokens of the whole document, with an id the next delta request names. */
export function semanticTokensFull(doc: TextDocument, parsed: ParsedLetter): SemanticTokens {
  const data = wholeData(doc, parsed);
  const resultId = String(nextResultId++);
  answered.set(doc.uri, { resultId, data });
  // Never changed once made: the memo's array is the answer.
  return { resultId, data: data as number[] };
}

/**
 * The change from the tokens answered as `previousResultId` to the document's tokens now: one edit
 * (the numbers between the run both share at the start and the run both share at the end), or
 * none; all the tokens when that answer is not the last one made for the document.
 */
export function semanticTokensDelta(doc: TextDocument, parsed: ParsedLetter, previousResultId: string): SemanticTokens | SemanticTokensDelta {
  const before = answered.get(doc.uri);
  if (!before || before.resultId !== previousResultId) return semanticTokensFull(doc, parsed);
  const data = wholeData(doc, parsed);
  const resultId = String(nextResultId++);
  answered.set(doc.uri, { resultId, data });
  return { resultId, edits: changed(before.data, data) };
}

/** Forgets a closed document's last answer. */
export function forgetSemanticTokens(uri: string): void {
  answered.delete(uri);
}

function changed(a: readonly number[], b: readonly number[]): SemanticTokensEdit[] {
  const most = Math.min(a.length, b.length);
  let head = 0;
  while (head < most && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < most - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  if (head === a.length && head === b.length) return [];
  return [{ start: head, deleteCount: a.length - head - tail, data: b.slice(head, b.length - tail) }];
}

/** The tokens of the lines `range` touches. */
export function semanticTokensInRange(doc: TextDocument, parsed: ParsedLetter, range: Range): SemanticTokens {
  return { data: encode(allTokens(doc, parsed), range) };
}

function wholeData(doc: TextDocument, parsed: ParsedLetter): readonly number[] {
  return parsed.memo('semanticTokens', null, () => encode(allTokens(doc, parsed)));
}

function allTokens(doc: TextDocument, parsed: ParsedLetter): Token[] {
  return allAtLine(doc, parsed, TOKENS, null, (k) => letterTokens(doc, parsed.letter(k)), (ts, d) => ts.map(([l, c, n, k]) => [l + d, c, n, k] as const));
}

/** Tokens written as LSP writes them: each relative to the one before (line, then character). */
function encode(all: readonly Token[], range?: Range): number[] {
  const data: number[] = [];
  let line = 0;
  let char = 0;
  for (const [l, c, n, k] of all) {
    if (range && (l < range.start.line || l > range.end.line)) continue;
    data.push(l - line, l === line ? c - char : c, n, k, 0);
    line = l;
    char = c;
  }
  return data;
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
      while (a < b && isSpaceCode(text.charCodeAt(a))) a++;
      while (b > a && isSpaceCode(text.charCodeAt(b - 1))) b--;
      if (b > a) out.push([l, a, b - a, kind]);
    }
  }
  return out;
}
