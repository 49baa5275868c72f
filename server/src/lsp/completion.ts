/**
 * textDocument/completion: the core's completion (`core/complete`) as LSP completion items. Each
 * item replaces the typed text with a text edit on the cursor's line; items after which more
 * completion is useful (a block label, "Decision based on MTUS") ask the editor to suggest again
 * when the client said it can (`initializationOptions.retriggerSuggest`, sent by our VS Code client).
 */
import { CompletionItem, CompletionItemKind, CompletionList, InsertTextFormat, MarkupKind, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Knowledge } from '../core';
import { completeAt, CompletionEntryKind } from '../core/complete';
import type { ParsedLetter } from './letters';

export interface CompletionCapabilities {
  readonly markdown: boolean;
  readonly retriggerSuggest: boolean;
}

/** Characters after which an editor asks for completion without being told to. */
export const TRIGGER_CHARACTERS = [' '];

const KINDS: Record<CompletionEntryKind, CompletionItemKind> = {
  guideline: CompletionItemKind.Module,
  section: CompletionItemKind.Reference,
  page: CompletionItemKind.Value,
  decision: CompletionItemKind.EnumMember,
  'block-label': CompletionItemKind.Keyword,
  heading: CompletionItemKind.Struct,
  'header-label': CompletionItemKind.Property,
  phrase: CompletionItemKind.Text,
};

export function completion(
  doc: TextDocument,
  parsed: ParsedLetter,
  position: Position,
  kb: Knowledge,
  caps: CompletionCapabilities,
  triggerCharacter: string | undefined,
): CompletionList {
  const offset = doc.offsetAt(position);
  // The letter over its own text: after an edit of a large document the whole text is not joined.
  const { letter, text, base, citations } = parsed.letterText(parsed.indexAt(offset), kb);
  const c = completeAt(letter, text, offset - base, kb, {
    markdown: caps.markdown,
    citations,
    trigger: triggerCharacter,
  });
  const range = { start: doc.positionAt(c.replace.start + base), end: position };
  const items: CompletionItem[] = c.entries.map((e) => ({
    label: e.label,
    kind: KINDS[e.kind],
    ...(e.detail ? { detail: e.detail } : {}),
    ...(e.documentation ? { documentation: { kind: caps.markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: e.documentation } } : {}),
    sortText: e.sortText,
    filterText: e.filterText ?? e.label,
    textEdit: { range, newText: e.insertText },
    insertTextFormat: InsertTextFormat.PlainText,
    ...(e.preselect ? { preselect: true } : {}),
    ...(e.retrigger && caps.retriggerSuggest ? { command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } } : {}),
  }));
  return { isIncomplete: c.incomplete, items };
}
