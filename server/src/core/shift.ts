/**
 * Moving a parsed letter (and its diagnostics) by a number of characters: after an edit earlier in
 * a merged case file, a letter whose own text did not change is the same letter, only further on.
 * Shifting it costs a walk over its model instead of a parse.
 */
import type { Block, DateNode, Item, Letter, Problem, Section, Span, TextNode } from './types';

const sp = (s: Span, d: number): Span => ({ start: s.start + d, end: s.end + d });
const node = <T extends TextNode>(t: T | null, d: number): T | null => (t ? { ...t, span: sp(t.span, d) } : null);
const block = (b: Block | null, d: number): Block | null =>
  b ? { ...b, label: sp(b.label, d), span: sp(b.span, d), textSpan: sp(b.textSpan, d) } : null;

/** The letter `d` characters later in a text `length` characters long. */
export function shiftLetter(l: Letter, d: number, length: number): Letter {
  const dates = {} as Record<keyof Letter['dates'], DateNode | null>;
  for (const k of Object.keys(l.dates) as (keyof Letter['dates'])[]) dates[k] = node(l.dates[k], d);
  return {
    ...l,
    range: sp(l.range, d),
    length,
    header: l.header.map((f) => ({ ...f, label: node(f.label, d)!, value: node(f.value, d) })),
    caseNumber: node(l.caseNumber, d),
    priority: node(l.priority, d),
    dates,
    reviewer: { ...l.reviewer, span: l.reviewer.span ? sp(l.reviewer.span, d) : null },
    patient: { ...l.patient, span: l.patient.span ? sp(l.patient.span, d) : null },
    sections: l.sections.map((s): Section => ({ ...s, heading: sp(s.heading, d), span: sp(s.span, d) })),
    items: l.items.map(
      (it): Item => ({
        ...it,
        span: sp(it.span, d),
        heading: sp(it.heading, d),
        requestSpan: sp(it.requestSpan, d),
        decisionText: node(it.decisionText, d),
        claimsAdministrator: block(it.claimsAdministrator, d),
        maximus: block(it.maximus, d),
        rationale: block(it.rationale, d),
        duplicateBlocks: it.duplicateBlocks.map((b) => block(b, d)!),
      }),
    ),
    pageBreaks: l.pageBreaks.map((b) => b + d),
    lastText: l.lastText ? sp(l.lastText, d) : null,
    directives: l.directives.map((x) => ({ ...x, span: sp(x.span, d) })),
    problems: shiftAllSpans(l.problems, d),
  };
}

/**
 * A copy of a problem or diagnostic with every span in it moved by `d`: its own span, the spans in
 * its data and the spans of its quick-fix edits. (Any object with numeric `start` and `end` is a
 * span.)
 */
export function shiftSpans<T extends Problem>(p: T, d: number): T {
  return walk(p, d, new Map()) as T;
}

/**
 * `shiftSpans` over a list. What its members share (every diagnostic of a rule holds the one "fix
 * all" list of edits) is moved once and stays shared: moved per member, a letter with thousands of
 * such findings took time and memory quadratic in their number.
 */
export function shiftAllSpans<T extends object>(list: readonly T[], d: number): T[] {
  const moved = new Map<object, unknown>();
  return list.map((x) => walk(x, d, moved) as T);
}

function walk(v: unknown, d: number, moved: Map<object, unknown>): unknown {
  if (v === null || typeof v !== 'object') return v;
  const done = moved.get(v);
  if (done !== undefined) return done;
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    moved.set(v, out);
    for (let i = 0; i < v.length; i++) out[i] = walk(v[i], d, moved);
    return out;
  }
  const o = v as Record<string, unknown>;
  if (typeof o.start === 'number' && typeof o.end === 'number' && Object.keys(o).length === 2) {
    const span = { start: (o.start as number) + d, end: (o.end as number) + d };
    moved.set(v, span);
    return span;
  }
  const out: Record<string, unknown> = {};
  moved.set(v, out);
  for (const k of Object.keys(o)) out[k] = walk(o[k], d, moved);
  return out;
}
