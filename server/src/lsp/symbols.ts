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
import { outline, OutlineKind, OutlineNode, Span } from '../core';
import type { ParsedLetter } from './letters';
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

/** The symbols of a document, computed once per version (each letter's outline carried over edits). */
export function documentSymbols(doc: TextDocument, parsed: ParsedLetter, hierarchical: boolean): DocumentSymbol[] | SymbolInformation[] {
  return parsed.memo(`symbols:${hierarchical}`, null, () => symbolsOf(doc, parsed, hierarchical));
}

function symbolsOf(doc: TextDocument, parsed: ParsedLetter, hierarchical: boolean): DocumentSymbol[] | SymbolInformation[] {
  if (parsed.letters.length === 1) {
    const nodes = outline(parsed.letters[0]);
    return hierarchical ? hoistItems(nodes).map((n) => toSymbol(doc, n, 0)) : flatSymbols(doc, nodes, 0, undefined);
  }
  // A merged case file: one node per letter holding its outline (or only its items).
  const outlines = parsed.letters.map((letter) =>
    parsed.perLetter<Moved>(
      'outline',
      null,
      letter,
      () => {
        const nodes = outline(letter);
        return { nodes, delta: 0, count: count(nodes) };
      },
      (m, d) => ({ ...m, delta: m.delta + d }),
    ),
  );
  const compact = outlines.reduce((n, m) => n + 1 + m.count, 0) > MAX_SYMBOLS;
  const childrenOf = (m: Moved): readonly OutlineNode[] =>
    compact ? m.nodes.flatMap((node) => node.children.filter((c) => c.kind === 'item')).map((item) => ({ ...item, children: [] })) : hoistItems(m.nodes);
  return parsed.letters.flatMap<DocumentSymbol | SymbolInformation>((letter, k) => {
    const items = letter.items.length;
    const name = `Letter ${k + 1}${letter.caseNumber ? ` · Case ${letter.caseNumber.text}` : ''}`;
    const detail = `${items} item${items === 1 ? '' : 's'}${letter.dates.decision ? `, decided ${letter.dates.decision.text}` : ''}`;
    const selection = letter.sections[0]?.heading ?? { start: letter.range.start, end: letter.range.start };
    const m = outlines[k];
    if (!hierarchical) {
      return [
        { name, kind: KINDS.section, location: { uri: doc.uri, range: toRange(doc, letter.range) } },
        ...flatSymbols(doc, childrenOf(m), m.delta, name),
      ];
    }
    // A letter's symbols are carried over edits: its text did not change and it starts a line,
    // so only their line numbers can differ.
    const line = () => doc.positionAt(letter.range.start).line;
    const children = parsed.perLetter<LetterSymbols>(
      `symbols:${compact}`,
      null,
      letter,
      () => ({ symbols: childrenOf(m).map((n) => toSymbol(doc, n, m.delta)), line: line() }),
      (v) => moveToLine(v, line()),
    );
    const symbol: DocumentSymbol = {
      name,
      detail,
      kind: KINDS.section,
      range: toRange(doc, letter.range),
      selectionRange: toRange(doc, selection),
      children: children.symbols,
    };
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

/**
 * Most symbols sent for one document. Editors slow down and cap their outline beyond a few
 * thousand (VS Code's Outline once stopped at 7,500); a merged case file of hundreds of letters
 * gets a compact outline instead: letters with their items, without sections, blocks and fields.
 */
export const MAX_SYMBOLS = 5000;

/** A letter's outline whose spans are all `delta` characters further on than they say. */
interface Moved {
  readonly nodes: readonly OutlineNode[];
  readonly delta: number;
  /** Nodes in it, children included. */
  readonly count: number;
}

/** A letter's symbols, made when the letter started on `line`. */
interface LetterSymbols {
  readonly symbols: DocumentSymbol[];
  readonly line: number;
}

const count = (nodes: readonly OutlineNode[]): number => nodes.reduce((n, c) => n + 1 + count(c.children), 0);

const at = (s: Span, d: number): Span => (d === 0 ? s : { start: s.start + d, end: s.end + d });

function moveToLine(v: LetterSymbols, line: number): LetterSymbols {
  const d = line - v.line;
  if (d === 0) return v;
  const pos = (p: Position): Position => ({ line: p.line + d, character: p.character });
  const range = (r: Range): Range => ({ start: pos(r.start), end: pos(r.end) });
  const move = (x: DocumentSymbol): DocumentSymbol => ({
    ...x,
    range: range(x.range),
    selectionRange: range(x.selectionRange),
    children: x.children?.map(move),
  });
  return { symbols: v.symbols.map(move), line };
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
