/** textDocument/documentSymbol: the outline, hierarchical or flat as the client supports. */
import { DocumentSymbol, SymbolInformation, SymbolKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { outline, OutlineKind, OutlineNode } from '../core';
import type { ParsedLetter } from './letters';
import { toRange } from './convert';

const KINDS: Record<OutlineKind, SymbolKind> = {
  header: SymbolKind.Struct,
  field: SymbolKind.Property,
  section: SymbolKind.Namespace,
  item: SymbolKind.Object,
  block: SymbolKind.Field,
};

export function documentSymbols(doc: TextDocument, parsed: ParsedLetter, hierarchical: boolean): DocumentSymbol[] | SymbolInformation[] {
  const nodes = documentOutline(parsed);
  if (hierarchical) return nodes.map((n) => toSymbol(doc, n));
  const flat: SymbolInformation[] = [];
  const walk = (n: OutlineNode, container: string | undefined) => {
    flat.push({
      name: n.detail && n.kind === 'item' ? `${n.name}: ${n.detail}` : n.name,
      kind: KINDS[n.kind],
      location: { uri: doc.uri, range: toRange(doc, n.span) },
      containerName: container,
    });
    for (const c of n.children) walk(c, n.name);
  };
  for (const n of nodes) walk(n, undefined);
  return flat;
}

/**
 * Most symbols sent for one document. Editors slow down and cap their outline beyond a few
 * thousand (VS Code's Outline once stopped at 7,500); a merged case file of hundreds of letters
 * gets a compact outline instead: letters with their items, without sections, blocks and fields.
 */
export const MAX_SYMBOLS = 5000;

/** One letter: its outline. Several (a merged case file): one node per letter holding its outline. */
function documentOutline(parsed: ParsedLetter): OutlineNode[] {
  if (parsed.letters.length === 1) return outline(parsed.letters[0]);
  const full = parsed.letters.map((letter) => outline(letter));
  const count = (nodes: readonly OutlineNode[]): number => nodes.reduce((n, c) => n + 1 + count(c.children), 0);
  const total = full.reduce((n, nodes) => n + 1 + count(nodes), 0);
  return parsed.letters.map((letter, k) => {
    const items = letter.items.length;
    const children =
      total <= MAX_SYMBOLS
        ? full[k]
        : full[k].flatMap((node) => node.children.filter((c) => c.kind === 'item')).map((item) => ({ ...item, children: [] }));
    return {
      name: `Letter ${k + 1}${letter.caseNumber ? ` · Case ${letter.caseNumber.text}` : ''}`,
      detail: `${items} item${items === 1 ? '' : 's'}${letter.dates.decision ? `, decided ${letter.dates.decision.text}` : ''}`,
      kind: 'section' as const,
      span: letter.range,
      selection: letter.sections[0]?.heading ?? { start: letter.range.start, end: letter.range.start },
      children,
    };
  });
}

function toSymbol(doc: TextDocument, n: OutlineNode): DocumentSymbol {
  const range = toRange(doc, n.span);
  // selectionRange must lie inside range; the core guarantees it, clamp anyway for damaged input.
  const sel = { start: Math.max(n.selection.start, n.span.start), end: Math.min(n.selection.end, n.span.end) };
  return {
    name: n.name || ' ',
    detail: n.detail,
    kind: KINDS[n.kind],
    range,
    selectionRange: toRange(doc, sel.end >= sel.start ? sel : n.span),
    children: n.children.map((c) => toSymbol(doc, c)),
  };
}
