/**
 * textDocument/codeLens: above each item heading, its decision and cited guidelines (click to extract
 * it) and "Find similar decisions" (the letter library's items most like it).
 */
import type { CodeLens, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Knowledge, Letter, slot } from '../core';
import { allAtLine, AtLine, ParsedLetter } from './letters';
import { writtenByParts } from './writer';

/** Client command the lens runs (registered by the VS Code client; other editors may map it). */
export const EXTRACT_ITEM_CLIENT_COMMAND = 'imr.extractItem';
/** Client command of the "Find similar decisions" lens: arguments URI, item index, heading position. */
export const FIND_SIMILAR_CLIENT_COMMAND = 'imr.findSimilar';

/** Each letter's item lenses, kept across edits. */
const LENSES = slot<AtLine<CodeLens[]>>('codeLenses', (v) => v);

/** `citations(letter, index)`: the cited guidelines of an item, in one line (from the knowledge base `kb`). */
export function codeLenses(doc: TextDocument, parsed: ParsedLetter, kb: Knowledge, citations: (letter: Letter, index: number) => string): CodeLens[] {
  const items = allAtLine(
    doc,
    parsed,
    LENSES,
    kb,
    (k) => {
      const letter = parsed.letter(k);
      return itemLenses(doc, letter, (i) => citations(letter, i));
    },
    (lenses, d) => lenses.map((lens) => moveLens(lens, d)),
  );
  // Written from each lens's kept bytes: in a merged file, a letter's lenses are kept across edits.
  return writtenByParts([...items, ...pageLenses(doc, parsed)]);
}

/** A lens `d` lines further on (its range, and the position its command is given). */
function moveLens(lens: CodeLens, d: number): CodeLens {
  const at = (p: Position): Position => ({ line: p.line + d, character: p.character });
  const args = lens.command?.arguments;
  return {
    range: { start: at(lens.range.start), end: at(lens.range.end) },
    command: lens.command && {
      ...lens.command,
      arguments: args && lens.command.command === FIND_SIMILAR_CLIENT_COMMAND ? [args[0], args[1], at(args[2] as Position)] : args,
    },
  };
}

/**
 * "Page N of M" where each page of the source PDF starts (pdftotext and the PDF reader end every
 * page with a form feed), so a reader can cite the page. Plain labels: no command to run.
 */
function pageLenses(doc: TextDocument, parsed: ParsedLetter): CodeLens[] {
  const lastText = parsed.letter(parsed.count - 1).lastText?.start ?? 0;
  const starts = [0];
  // A form feed after the last text only ends the last page.
  for (const b of parsed.pageBreaks()) if (b < lastText) starts.push(b + 1);
  if (starts.length < 2) return [];
  return starts.map((offset, k) => {
    const pos = doc.positionAt(offset);
    const range = { start: { line: pos.line, character: 0 }, end: { line: pos.line, character: 0 } };
    return { range, command: { title: `Page ${k + 1} of ${starts.length}`, command: '' } };
  });
}

function itemLenses(doc: TextDocument, letter: Letter, citations: (index: number) => string): CodeLens[] {
  return letter.items.flatMap((item) => {
    const pos = doc.positionAt(item.heading.start);
    const decision = item.decision ?? (item.decisionText ? `unknown decision "${item.decisionText.text}"` : 'no decision');
    const partial = item.partialAuthorization ? ' (partial authorization)' : '';
    const cited = citations(item.index);
    return [
      {
        range: { start: pos, end: pos },
        command: {
          title: `${decision}${partial}${cited ? ` · ${cited}` : ''}`,
          command: EXTRACT_ITEM_CLIENT_COMMAND,
          arguments: [doc.uri, item.index],
        },
      },
      {
        range: { start: pos, end: pos },
        command: { title: 'Find similar decisions', command: FIND_SIMILAR_CLIENT_COMMAND, arguments: [doc.uri, item.index, pos] },
      },
    ];
  });
}
