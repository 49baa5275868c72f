/**
 * The core's promises, checked on one text: every entry point (parseLetter, diagnose,
 * findCitations, outline, foldingSpans, letterRecord, hoverAt, inlayHints, caseSummary) returns
 * without throwing; every span in every result lies inside the document with start <= end; an
 * outline node's selection lies inside its span; extraction ranges are valid positions; and no
 * internal-error problem (a bug the parser or a rule caught) is reported.
 *
 * Shared by the CI fuzz test, the regex and linearity tests and scripts/fuzz.mjs (bundled).
 */
import {
  caseSummary, diagnose, findCitations, foldingSpans, hoverAt, inlayHints, letterRecord, LineIndex, outline, parseLetter,
} from '../../server/src/core';
import type { Citation, Diagnostic, Letter } from '../../server/src/core';
import { Prng } from './prng';
import { cpuNow } from './sizes';

export interface CheckResult {
  /** Broken promises, one line each (empty when the text passed). */
  readonly failures: string[];
  /** Wall time of all the calls, in milliseconds. */
  readonly ms: number;
  /** CPU time (user + system) of this process for all the calls, in milliseconds: unlike wall
   *  time, other processes on a shared machine do not inflate it. */
  readonly cpuMs: number;
  /** Wall time of parseLetter + diagnose alone. */
  readonly parseDiagnoseMs: number;
}


/** Walks any result value and reports every `{start, end}` span outside [0, length] or reversed. */
export function spanFailures(value: unknown, length: number, where: string, out: string[], limit = 5): void {
  const seen = new Set<object>();
  const visit = (v: unknown, path: string) => {
    if (out.length >= limit || v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    const o = v as Record<string, unknown>;
    if (typeof o.start === 'number' && typeof o.end === 'number') {
      const { start, end } = o as { start: number; end: number };
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > length || start > end) {
        out.push(`${where}: span ${path} = [${start}, ${end}) outside [0, ${length}] or reversed`);
      }
    }
    if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${path}[${i}]`));
    else for (const k of Object.keys(o)) visit(o[k], path ? `${path}.${k}` : k);
  };
  visit(value, '');
}

function rangeFailures(value: unknown, index: LineIndex, text: string, where: string, out: string[]): void {
  const lineEnd = (line: number) => (line + 1 < index.lineCount ? index.offsetAt(line + 1, 0) : text.length);
  const seen = new Set<object>();
  const visit = (v: unknown, path: string) => {
    if (out.length >= 5 || v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    const o = v as Record<string, unknown>;
    const s = o.start as { line?: unknown; character?: unknown } | undefined;
    const e = o.end as { line?: unknown; character?: unknown } | undefined;
    if (s && e && typeof s.line === 'number' && typeof e.line === 'number') {
      const ok = (p: { line: number; character: number }) =>
        Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < index.lineCount && p.character >= 0 &&
        index.offsetAt(p.line, 0) + p.character <= lineEnd(p.line);
      const sp = s as { line: number; character: number };
      const ep = e as { line: number; character: number };
      const ordered = sp.line < ep.line || (sp.line === ep.line && sp.character <= ep.character);
      if (!ok(sp) || !ok(ep) || !ordered) out.push(`${where}: range ${path} = ${JSON.stringify({ start: sp, end: ep })} is not a valid range`);
    }
    if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${path}[${i}]`));
    else for (const k of Object.keys(o)) visit(o[k], path ? `${path}.${k}` : k);
  };
  visit(value, '');
}

function outlineSelections(nodes: readonly ReturnType<typeof outline>[number][], out: string[], path = 'outline'): void {
  nodes.forEach((n, i) => {
    if (n.selection.start < n.span.start || n.selection.end > n.span.end) {
      out.push(`${path}[${i}] "${n.name}": selection [${n.selection.start}, ${n.selection.end}) is not inside its span [${n.span.start}, ${n.span.end})`);
    }
    outlineSelections(n.children, out, `${path}[${i}].children`);
  });
}

function internalErrors(list: readonly { code: string; message: string }[], where: string, out: string[]): void {
  for (const p of list) if (p.code === 'internal-error') out.push(`${where}: internal-error reported: ${p.message}`);
}

function guard<T>(name: string, out: string[], fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    out.push(`${name} threw: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    return undefined;
  }
}

/** Hover offsets: both ends, a few random ones, and the starts of citations and decisions. */
function hoverOffsets(letter: Letter, citations: readonly Citation[], length: number, rng: Prng, count: number): number[] {
  const out = new Set<number>([0, length, Math.max(0, length - 1)]);
  for (let k = 0; k < count; k++) out.add(rng.int(length + 1));
  for (const c of citations.slice(0, count)) out.add(c.locatorSpans[0]?.start ?? c.span.start);
  for (const it of letter.items.slice(0, count)) if (it.decisionText) out.add(it.decisionText.span.start);
  if (letter.caseNumber) out.add(letter.caseNumber.span.start);
  return [...out];
}

export const PHASES = ['parseLetter', 'diagnose', 'findCitations', 'outline', 'letterRecord', 'hover', 'caseSummary'] as const;
export type Phase = (typeof PHASES)[number];

/**
 * The work an editor and the CLI ask of the core for one document, without the checks, timed per
 * phase in CPU milliseconds: parse, diagnose, citations, outline and folding, extraction record,
 * three hovers and the inlay hints, case summary. A superlinear step stands out in its own phase,
 * where the linear work of the other phases does not dilute it.
 */
export function phasedWork(text: string): Record<Phase, number> {
  const times = {} as Record<Phase, number>;
  let c = cpuNow();
  const lap = (phase: Phase) => {
    const now = cpuNow();
    times[phase] = now - c;
    c = now;
  };
  const letter = parseLetter(text);
  lap('parseLetter');
  const diagnostics = diagnose(letter, text);
  lap('diagnose');
  const citations = findCitations(letter, text);
  lap('findCitations');
  outline(letter);
  foldingSpans(letter);
  lap('outline');
  letterRecord(letter, text, 'timing', diagnostics);
  lap('letterRecord');
  for (const offset of [0, text.length >> 1, citations[0]?.span.start ?? text.length]) {
    hoverAt(letter, text, offset, undefined, { markdown: true, citations });
  }
  inlayHints(letter, citations);
  lap('hover');
  caseSummary(letter, text);
  lap('caseSummary');
  return times;
}

/**
 * Runs every core entry point on `text` and checks the promises. `hovers` random hover offsets
 * (besides the fixed ones) are drawn from a generator seeded with `seed`.
 */
export function checkText(text: string, options: { seed?: number; hovers?: number } = {}): CheckResult {
  const failures: string[] = [];
  const length = text.length;
  const c0 = cpuNow();
  const t0 = performance.now();
  const letter = guard('parseLetter', failures, () => parseLetter(text));
  let diagnostics: Diagnostic[] | undefined;
  if (letter) diagnostics = guard('diagnose', failures, () => diagnose(letter, text));
  const t1 = performance.now();
  if (letter) {
    if (letter.length !== length) failures.push(`parseLetter: letter.length ${letter.length} != text length ${length}`);
    spanFailures(letter, length, 'parseLetter', failures);
    internalErrors(letter.problems, 'parseLetter', failures);
    if (diagnostics) {
      spanFailures(diagnostics, length, 'diagnose', failures);
      internalErrors(diagnostics, 'diagnose', failures);
    }
    const citations = guard('findCitations', failures, () => findCitations(letter, text)) ?? [];
    spanFailures(citations, length, 'findCitations', failures);
    const nodes = guard('outline', failures, () => outline(letter));
    if (nodes) {
      spanFailures(nodes, length, 'outline', failures);
      outlineSelections(nodes, failures);
    }
    spanFailures(guard('foldingSpans', failures, () => foldingSpans(letter)), length, 'foldingSpans', failures);
    const index = guard('LineIndex', failures, () => new LineIndex(text));
    if (index) {
      const record = guard('letterRecord', failures, () => letterRecord(letter, text, 'fuzz', diagnostics ?? letter.problems, index));
      if (record) rangeFailures(record, index, text, 'letterRecord', failures);
    }
    const rng = new Prng(options.seed ?? 1);
    for (const offset of hoverOffsets(letter, citations, length, rng, options.hovers ?? 3)) {
      const h = guard(`hoverAt(${offset})`, failures, () => hoverAt(letter, text, offset, undefined, { markdown: true, citations }));
      if (h) spanFailures(h, length, `hoverAt(${offset})`, failures);
    }
    const hints = guard('inlayHints', failures, () => inlayHints(letter, citations)) ?? [];
    for (const h of hints) if (!(h.offset >= 0 && h.offset <= length)) failures.push(`inlayHints: offset ${h.offset} outside [0, ${length}]`);
    spanFailures(guard('caseSummary', failures, () => caseSummary(letter, text)), length, 'caseSummary', failures);
  }
  const t2 = performance.now();
  return { failures, ms: t2 - t0, cpuMs: cpuNow() - c0, parseDiagnoseMs: t1 - t0 };
}
