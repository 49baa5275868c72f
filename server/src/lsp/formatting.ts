/**
 * textDocument/formatting: the core's repairs of extraction damage (`core/format`) as LSP text
 * edits. Off unless the setting `imr.formatting` is on: a letter is evidence, and formatting it
 * should be a choice, not a side effect of a "format on save" set for every file.
 */
import type { TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatLetters } from '../core/format';
import { toRange } from './convert';
import type { ParsedLetter } from './letters';

export function formattingEdits(doc: TextDocument, parsed: ParsedLetter): TextEdit[] {
  return formatLetters(parsed.text, parsed.letters).edits.map((e) => ({ range: toRange(doc, e.span), newText: e.newText }));
}
