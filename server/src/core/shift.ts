/**
 * Moving a parsed letter (and its diagnostics) by a number of characters: after an edit earlier in
 * a merged case file, a letter whose own text did not change is the same letter, only further on.
 * Shifting it costs a walk over its model instead of a parse.
 */
import type { Block, DateNode, Item, Letter, Problem, Section, Span, TextNode } from './types';

// Each part of the model is copied field by field, in the order the parser writes its fields:
// spreading objects of many shapes (`{ ...node, span }`) took most of the time of moving the
// letters after a keystroke in a merged case file.

const sp = (s: Span, d: number): Span => ({ start: s.start + d, end: s.end + d });
const textNode = (t: TextNode | null, d: number): TextNode | null => (t ? { text: t.text, span: sp(t.span, d) } : null);
const dateNode = (t: DateNode | null, d: number): DateNode | null => (t ? { text: t.text, span: sp(t.span, d), iso: t.iso } : null);
const block = (b: Block | null, d: number): Block | null =>
  b ? { kind: b.kind, label: sp(b.label, d), span: sp(b.span, d), text: b.text, textSpan: sp(b.textSpan, d) } : null;
const item = (it: Item, d: number): Item => ({
  index: it.index,
  span: sp(it.span, d),
  heading: sp(it.heading, d),
  request: it.request,
  requestSpan: sp(it.requestSpan, d),
  decision: it.decision,
  decisionText: textNode(it.decisionText, d),
  partialAuthorization: it.partialAuthorization,
  claimsAdministrator: block(it.claimsAdministrator, d),
  maximus: block(it.maximus, d),
  rationale: block(it.rationale, d),
  duplicateBlocks: it.duplicateBlocks.map((b) => block(b, d)!),
});
const section = (s: Section, d: number): Section => ({ kind: s.kind, title: s.title, heading: sp(s.heading, d), span: sp(s.span, d) });

/** The letter `d` characters later in a text `length` characters long. */
export function shiftLetter(l: Letter, d: number, length: number): Letter {
  const ds = l.dates;
  const moved: Letter = {
    range: sp(l.range, d),
    format: l.format,
    layout: l.layout,
    isLetter: l.isLetter,
    length,
    header: l.header.map((f) => ({ key: f.key, label: textNode(f.label, d)!, value: textNode(f.value, d) })),
    caseNumber: textNode(l.caseNumber, d),
    priority: textNode(l.priority, d),
    dates: {
      assigned: dateNode(ds.assigned, d),
      decision: dateNode(ds.decision, d),
      injury: dateNode(ds.injury, d),
      urDenial: dateNode(ds.urDenial, d),
      applicationReceived: dateNode(ds.applicationReceived, d),
    },
    reviewer: { licensure: l.reviewer.licensure, specialties: l.reviewer.specialties, span: l.reviewer.span ? sp(l.reviewer.span, d) : null },
    patient: { age: l.patient.age, sex: l.patient.sex, span: l.patient.span ? sp(l.patient.span, d) : null },
    sections: l.sections.map((s) => section(s, d)),
    items: l.items.map((it) => item(it, d)),
    pageBreaks: l.pageBreaks.map((b) => b + d),
    lastText: l.lastText ? sp(l.lastText, d) : null,
    directives: l.directives.map((x) => ({ codes: x.codes, span: sp(x.span, d) })),
    problems: shiftAllSpans(l.problems, d),
  };
  const withWords = l.wordsBrokenBySpaces ? { ...moved, wordsBrokenBySpaces: true } : moved;
  return l.hidden ? { ...withWords, hidden: l.hidden.map((s) => sp(s, d)) } : withWords;
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
