/** textDocument/codeLens: above each item heading, its decision and cited guidelines; click to extract it. */
import type { CodeLens } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedLetter } from './letters';

/** Client command the lens runs (registered by the VS Code client; other editors may map it). */
export const EXTRACT_ITEM_CLIENT_COMMAND = 'imr.extractItem';

export function codeLenses(doc: TextDocument, parsed: ParsedLetter, citations: (index: number) => string): CodeLens[] {
  return parsed.letter.items.map((item) => {
    const pos = doc.positionAt(item.heading.start);
    const decision = item.decision ?? (item.decisionText ? `unknown decision "${item.decisionText.text}"` : 'no decision');
    const partial = item.partialAuthorization ? ' (partial authorization)' : '';
    const cited = citations(item.index);
    return {
      range: { start: pos, end: pos },
      command: {
        title: `${decision}${partial}${cited ? ` · ${cited}` : ''}`,
        command: EXTRACT_ITEM_CLIENT_COMMAND,
        arguments: [doc.uri, item.index],
      },
    };
  });
}
