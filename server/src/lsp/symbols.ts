/**
 * textDocument/documentSymbol: the outline, hierarchical or flat as the client supports.
 *
 * Shaped for a narrow side bar: each item is named by its decision first ("Upheld: Chiropractic
 * ..."), with a symbol kind (so an icon) per decision, and the items stand at the top level beside
 * their section's heading. With the tree collapsed (package.json sets `outline.collapseItems` for
 * IMR letters), the Outline then shows every decision and hides the blocks and header fields.
 */
import { DocumentSymbol, Position, Range, SymbolInformation, SymbolKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { detachString, LetterOutline, OutlineKind, OutlineNode, slot, Span } from '../core';
import { AtLine, atLine, ParsedLetter } from './letters';
import { writtenByParts } from './writer';
import { toRange } from './convert';

const KINDS: Record<OutlineKind, SymbolKind> = {
  header: SymbolKind.Struct,
  field: SymbolKind.Property,
  section: SymbolKind.Namespace,
  item: SymbolKind.Object,
  block: SymbolKind.Field,
};

/** Symbol kind of an item by its decision: distinct icons (and colours in the default themes). */
const DECISION_KINDS = { Upheld: SymbolKind.Event, Overturned: SymbolKind.EnumMember, none: SymbolKind.Null } as const;

function kindOf(n: OutlineNode): SymbolKind {
  return n.item ? DECISION_KINDS[n.item.decision ?? 'none'] : KINDS[n.kind];
}

/** An item's name, decision first: "Upheld: Chiropractic manipulation", "No decision: ...". */
function nameOf(n: OutlineNode): string {
  if (!n.item) return n.name || ' ';
  const decision = n.item.decision ?? (n.item.decisionText ? `Decision "${n.item.decisionText}"` : 'No decision');
  return `${decision}: ${n.name}`;
}

/** An item's detail: what its name does not say. */
function detailOf(n: OutlineNode): string {
  if (!n.item) return n.detail;
  return n.item.partial ? 'partial authorization' : '';
}

/**
 * Items moved up beside the heading of their section, which keeps its other children and ends where
 * its first item starts (so the cursor in an item selects the item).
 */
export function hoistItems(nodes: readonly OutlineNode[]): OutlineNode[] {
  return nodes.flatMap((n) => {
    const items = n.children.filter((c) => c.kind === 'item');
    if (items.length === 0) return [n];
    const end = Math.max(n.selection.end, Math.min(items[0].span.start, n.span.end));
    return [{ ...n, span: { start: n.span.start, end }, children: n.children.filter((c) => c.kind !== 'item') }, ...items];
  });
}

/**
 * A letter's symbols (kept across edits and moved by lines, see `atLine`). In a merged case file,
 * `node` is the letter's own node holding them, made when it was the file's `k`-th letter
 * (0-based) on the line it is on.
 */
interface LetterSymbols {
  symbols: DocumentSymbol[];
  node?: { readonly k: number; readonly symbol: DocumentSymbol };
}

/** Each letter's symbols (full or compact outline), carried over edits like the outline itself. */
const SYMBOLS = { full: slot<AtLine<LetterSymbols>>('symbols', (v) => v), compact: slot<AtLine<LetterSymbols>>('symbols:compact', (v) => v) };

/** The symbols of a document, computed once per version (each letter's carried over edits). */
export function documentSymbols(doc: TextDocument, parsed: ParsedLetter, hierarchical: boolean): DocumentSymbol[] | SymbolInformation[] {
  // Written from each symbol's kept bytes: in a merged file, a letter's node is kept across edits.
  return parsed.memo(`symbols:${hierarchical}`, null, () => writtenByParts(symbolsOf(doc, parsed, hierarchical)));
}

function symbolsOf(doc: TextDocument, parsed: ParsedLetter, hierarchical: boolean): DocumentSymbol[] | SymbolInformation[] {
  const { letters, compact } = parsed.outline();
  if (parsed.count === 1) {
    const m = letters[0];
    return hierarchical ? hoistItems(m.nodes).map((n) => toSymbol(doc, n, m.delta)) : flatSymbols(doc, m.nodes, m.delta, undefined);
  }
  // A merged case file: one node per letter holding its outline (or only its items).
  return letters.flatMap<DocumentSymbol | SymbolInformation>((m: LetterOutline, k) => {
    if (!hierarchical) {
      const letter = parsed.letter(k);
      const { name } = parsed.letterHeading(letter, k);
      return [{ name, kind: KINDS.section, location: { uri: doc.uri, range: toRange(doc, letter.range) } }, ...flatSymbols(doc, m.nodes, m.delta, name)];
    }
    // A letter's symbols are carried over edits: its text did not change and it starts a line,
    // so only their line numbers can differ.
    const held = atLine(
      parsed,
      compact ? SYMBOLS.compact : SYMBOLS.full,
      null,
      k,
      doc.positionAt(parsed.start(k)).line,
      // The compact outline holds items only; the full one has its items moved up beside their section.
      (): LetterSymbols => ({ symbols: (compact ? m.nodes : hoistItems(m.nodes)).map((n) => toSymbol(doc, n, m.delta)) }),
      (v, d) => ({ symbols: moveByLines(v.symbols, d) }),
    ).value;
    // The letter's own node is kept while it stays on its line and stays the k-th letter (its name
    // numbers it): its text, so its heading, is the same.
    if (held.node?.k === k) return [held.node.symbol];
    const letter = parsed.letter(k);
    const { name, detail, selection } = parsed.letterHeading(letter, k);
    const symbol: DocumentSymbol = {
      name: detachString(name),
      detail: detachString(detail),
      kind: KINDS.section,
      range: toRange(doc, letter.range),
      selectionRange: toRange(doc, selection),
      children: held.symbols,
    };
    held.node = { k, symbol };
    return [symbol];
  }) as DocumentSymbol[] | SymbolInformation[];
}

function flatSymbols(doc: TextDocument, nodes: readonly OutlineNode[], delta: number, container: string | undefined): SymbolInformation[] {
  const flat: SymbolInformation[] = [];
  const walk = (n: OutlineNode, parent: string | undefined) => {
    flat.push({
      name: n.item ? [nameOf(n), detailOf(n)].filter(Boolean).join(', ') : n.name,
      kind: kindOf(n),
      location: { uri: doc.uri, range: toRange(doc, at(n.span, delta)) },
      containerName: parent,
    });
    for (const c of n.children) walk(c, n.name);
  };
  for (const n of nodes) walk(n, container);
  return flat;
}

const at = (s: Span, d: number): Span => (d === 0 ? s : { start: s.start + d, end: s.end + d });

function moveByLines(symbols: readonly DocumentSymbol[], d: number): DocumentSymbol[] {
  const pos = (p: Position): Position => ({ line: p.line + d, character: p.character });
  const range = (r: Range): Range => ({ start: pos(r.start), end: pos(r.end) });
  const move = (x: DocumentSymbol): DocumentSymbol => ({
    ...x,
    range: range(x.range),
    selectionRange: range(x.selectionRange),
    children: x.children?.map(move),
  });
  return symbols.map(move);
}

function toSymbol(doc: TextDocument, n: OutlineNode, delta: number): DocumentSymbol {
  const span = at(n.span, delta);
  const range = toRange(doc, span);
  // selectionRange must lie inside range; the core guarantees it, clamp anyway for damaged input.
  const selection = at(n.selection, delta);
  const sel = { start: Math.max(selection.start, span.start), end: Math.min(selection.end, span.end) };
  return {
    name: nameOf(n),
    detail: detailOf(n),
    kind: kindOf(n),
    range,
    selectionRange: toRange(doc, sel.end >= sel.start ? sel : span),
    children: n.children.map((c) => toSymbol(doc, c, delta)),
  };
}
