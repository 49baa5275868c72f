/**
 * The core's promises, checked on one text: every entry point (parseLetter, parseDocument,
 * diagnose, findCitations, outline, foldingSpans, letterRecord, hoverAt, selectionSpans, targetAt and
 * its occurrences, semanticSpans, inlayHints, caseSummary, letterDeadlines and calendar) returns without throwing; every span in every result
 * lies inside the document with start <= end; an outline node's selection lies inside its span;
 * Expand Selection's steps hold their offset, each inside the next; a citation named at an offset
 * is among its own occurrences; semantic highlighting's spans come in order, apart; extraction ranges are valid positions;
 * a deadline's date is a real date and its calendar file's lines are at most 75 octets; and no
 * internal-error problem (a bug the parser or a rule caught) is reported.
 *
 * Shared by the CI fuzz test, the regex and linearity tests and scripts/fuzz.mjs (bundled).
 */
import {
  bundledKnowledge, calendar, caseOccurrences, caseSummary, citationOccurrences, letterDeadlines, diagnose, findCitations, foldingSpans, hoverAt, inlayHints, letterRecord, LineIndex,
  outline, parseDocument, parseLetter, selectionSpans, semanticSpans, targetAt,
} from '../../server/src/core';
import type { Span } from '../../server/src/core';
import type { Citation, Letter } from '../../server/src/core';
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
  /** Wall time of parseDocument + diagnose alone. */
  readonly parseDiagnoseMs: number;
}


/** Walks any result value and reports every `{start, end}` span outside [min, length] or reversed. */
export function spanFailures(value: unknown, length: number, where: string, out: string[], limit = 5, min = 0): void {
  const seen = new Set<object>();
  const visit = (v: unknown, path: string) => {
    if (out.length >= limit || v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    const o = v as Record<string, unknown>;
    if (typeof o.start === 'number' && typeof o.end === 'number') {
      const { start, end } = o as { start: number; end: number };
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < min || end > length || start > end) {
        out.push(`${where}: span ${path} = [${start}, ${end}) outside [${min}, ${length}] or reversed`);
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

/** Expand Selection's steps at `offset`: each holds the offset and lies strictly inside the next. */
export function selectionFailures(chain: readonly Span[], offset: number, where: string, out: string[]): void {
  chain.forEach((s, k) => {
    if (!(s.start <= offset && offset <= s.end)) out.push(`${where}: step ${k} [${s.start}, ${s.end}) does not hold the offset`);
    const inner = chain[k - 1];
    if (inner && !(s.start <= inner.start && inner.end <= s.end && s.end - s.start > inner.end - inner.start)) {
      out.push(`${where}: step ${k} [${s.start}, ${s.end}) does not strictly hold step ${k - 1} [${inner.start}, ${inner.end})`);
    }
  });
}

/** Document Highlight's answer at `offset`: found without throwing, inside the document, and a
 *  citation named there is among its own occurrences (a case number among its letter's). */
const KB = bundledKnowledge();
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The letter's deadlines: inside the letter, real dates, and a calendar file whose lines fit 75 octets. */
function deadlineFailures(letter: Letter, where: string, out: string[]): void {
  const ds = guard(`letterDeadlines${where}`, out, () => letterDeadlines(letter, KB)) ?? [];
  spanFailures(ds, letter.range.end, `letterDeadlines${where}`, out, 5, letter.range.start);
  for (const d of ds) {
    if (!ISO_DATE.test(d.date) || new Date(`${d.date}T00:00:00Z`).toISOString().slice(0, 10) !== d.date) out.push(`letterDeadlines${where}: ${d.kind} date "${d.date}" is not a real date`);
  }
  const ics = guard(`calendar${where}`, out, () => calendar(ds, new Date(0)));
  if (ics === undefined || ics === null) return;
  const lines = ics.split('\r\n');
  if (lines.pop() !== '' || lines.some((l) => l.includes('\n') || l.includes('\r') || Buffer.byteLength(l) > 75)) out.push(`calendar${where}: a line not ended by CRLF or over 75 octets`);
}

function occurrenceFailures(letter: Letter, citations: readonly Citation[], offset: number, length: number, where: string, out: string[]): void {
  const target = guard(where, out, () => targetAt(letter, citations, offset));
  if (!target) return;
  if (target.kind === 'case') {
    const spans = guard(`caseOccurrences${where}`, out, () => caseOccurrences([letter], target.caseNumber)) ?? [];
    if (spans.length !== 1) out.push(`${where}: the case number is not its letter's one occurrence (${spans.length})`);
    return;
  }
  const found = guard(`citationOccurrences${where}`, out, () => citationOccurrences(citations, target.keys)) ?? [];
  spanFailures(found.map((o) => o.locator?.span ?? o.citation.span), length, `citationOccurrences${where}`, out);
  if (target.keys.length > 0 && !found.some((o) => o.citation === target.citation && o.locator === target.locator)) {
    out.push(`${where}: the citation named is not among its own occurrences`);
  }
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
function hoverOffsets(letter: Letter, citations: readonly Citation[], from: number, to: number, rng: Prng, count: number): number[] {
  const out = new Set<number>([from, to, Math.max(from, to - 1)]);
  for (let k = 0; k < count; k++) out.add(from + rng.int(to - from + 1));
  for (const c of citations.slice(0, count)) out.add(c.locatorSpans[0]?.start ?? c.span.start);
  for (const it of letter.items.slice(0, count)) if (it.decisionText) out.add(it.decisionText.span.start);
  if (letter.caseNumber) out.add(letter.caseNumber.span.start);
  return [...out];
}

export const PHASES = ['parse', 'blockText', 'diagnose', 'findCitations', 'outline', 'letterRecord', 'hover', 'caseSummary'] as const;
export type Phase = (typeof PHASES)[number];

/** Characters of text an editor shows at once, about (a screenful or two). */
const HINT_WINDOW = 10_000;

/**
 * The work an editor and the CLI ask of the core for one document, without the checks, timed per
 * phase in CPU milliseconds: parseDocument, every block's text, then for every letter diagnose,
 * citations, outline and folding, extraction record, three hovers and the inlay hints of three
 * windows of the text (as an editor asks for the part it shows), case summary. A superlinear step
 * stands out in its own phase, where the linear work of the other phases does not dilute it.
 * `settle` runs between phases, outside the timings (a full garbage collection): without it, the
 * collection that one phase's allocations make due can fall in the next, cheap phase and multiply
 * its time (outline at 4 MB took 7 to 100 ms from one run to the next, in linear code).
 */
export function phasedWork(text: string, settle?: () => void): Record<Phase, number> {
  const times = {} as Record<Phase, number>;
  let c = cpuNow();
  const lap = (phase: Phase) => {
    times[phase] = cpuNow() - c;
    settle?.();
    c = cpuNow();
  };
  const letters = parseDocument(text);
  lap('parse');
  // Every block's normalised text, built when first read: read here, in a phase of its own. Read
  // by whichever phase came first, its cost moved between phases with the size (a rule that reads
  // a rationale of 1 MB and not one of 4 MB left the 4 MB text to the outline, then to the
  // extraction record), and that phase's growth looked superlinear (2.4 -> 35 ms).
  for (const l of letters) for (const it of l.items) for (const b of [it.claimsAdministrator, it.maximus, it.rationale]) void b?.text;
  lap('blockText');
  const diagnostics = letters.map((l) => diagnose(l, text));
  lap('diagnose');
  const citations = letters.map((l) => findCitations(l, text));
  lap('findCitations');
  for (const l of letters) {
    outline(l);
    foldingSpans(l);
  }
  lap('outline');
  const index = new LineIndex(text);
  letters.forEach((l, k) => letterRecord(l, text, 'timing', diagnostics[k], index));
  lap('letterRecord');
  letters.forEach((l, k) => {
    for (const offset of [l.range.start, (l.range.start + l.range.end) >> 1, citations[k][0]?.span.start ?? l.range.end]) {
      hoverAt(l, text, offset, undefined, { markdown: true, citations: citations[k] });
    }
    // The inlay hints as an editor asks for them: for the part of the text it shows (three windows
    // of a screenful or two: the letter's start, middle and end).
    const { start, end } = l.range;
    for (const at of [start, (start + end) >> 1, Math.max(start, end - HINT_WINDOW)]) inlayHints(l, citations[k], undefined, { start: at, end: at + HINT_WINDOW });
  });
  lap('hover');
  for (const l of letters) caseSummary(l, text);
  lap('caseSummary');
  return times;
}

/** The whole document as one letter (`parseLetter`): no throw, spans inside, no internal error. */
function checkWhole(text: string, failures: string[]): void {
  const letter = guard('parseLetter', failures, () => parseLetter(text));
  if (!letter) return;
  if (letter.length !== text.length) failures.push(`parseLetter: letter.length ${letter.length} != text length ${text.length}`);
  spanFailures(letter, text.length, 'parseLetter', failures);
  internalErrors(letter.problems, 'parseLetter', failures);
}

/**
 * Runs every core entry point on `text` and checks the promises: `parseLetter` on the whole text,
 * and `parseDocument` with, for each letter it finds, diagnose, findCitations, outline,
 * foldingSpans, letterRecord, hoverAt and selectionSpans (fixed offsets and `hovers` random ones
 * drawn with `seed`),
 * inlayHints and caseSummary. The letters' ranges must cover the text in order without overlap,
 * and each letter's spans and diagnostics must lie inside its own range.
 */
export function checkText(text: string, options: { seed?: number; hovers?: number } = {}): CheckResult {
  const failures: string[] = [];
  const length = text.length;
  const c0 = cpuNow();
  const t0 = performance.now();
  const letters = guard('parseDocument', failures, () => parseDocument(text));
  const diagnostics = (letters ?? []).map((l, k) => guard(`diagnose (letter ${k + 1})`, failures, () => diagnose(l, text)));
  const t1 = performance.now();
  checkWhole(text, failures);
  if (letters) {
    if (letters.length === 0) failures.push('parseDocument: no letter returned');
    letters.forEach((l, k) => {
      const expectStart = k === 0 ? 0 : letters[k - 1].range.end;
      if (l.range.start !== expectStart || l.range.end < l.range.start || (k === letters.length - 1 && l.range.end !== length)) {
        failures.push(`parseDocument: letter ${k + 1} range [${l.range.start}, ${l.range.end}) does not follow the previous one (expected start ${expectStart}, text length ${length})`);
      }
    });
    const index = guard('LineIndex', failures, () => new LineIndex(text));
    const rng = new Prng(options.seed ?? 1);
    letters.forEach((letter, k) => {
      const where = letters.length > 1 ? ` (letter ${k + 1} of ${letters.length})` : '';
      // A letter of a merged file, and its diagnostics, stay inside the letter's own range.
      const { start: lo, end: hi } = letter.range;
      spanFailures(letter, hi, `parseDocument${where}`, failures, 5, lo);
      internalErrors(letter.problems, `parseDocument${where}`, failures);
      const found = diagnostics[k];
      if (found) {
        spanFailures(found, hi, `diagnose${where}`, failures, 5, lo);
        internalErrors(found, `diagnose${where}`, failures);
      }
      const citations = guard(`findCitations${where}`, failures, () => findCitations(letter, text)) ?? [];
      spanFailures(citations, length, `findCitations${where}`, failures);
      const nodes = guard(`outline${where}`, failures, () => outline(letter));
      if (nodes) {
        spanFailures(nodes, length, `outline${where}`, failures);
        outlineSelections(nodes, failures);
      }
      spanFailures(guard(`foldingSpans${where}`, failures, () => foldingSpans(letter)), length, `foldingSpans${where}`, failures);
      const colours = guard(`semanticSpans${where}`, failures, () => semanticSpans(letter)) ?? [];
      spanFailures(colours, length, `semanticSpans${where}`, failures);
      colours.forEach((c, i) => {
        if (c.span.end <= c.span.start || (i > 0 && c.span.start < colours[i - 1].span.end)) failures.push(`semanticSpans${where}: span ${i} empty or overlapping the one before`);
      });
      if (index) {
        const record = guard(`letterRecord${where}`, failures, () => letterRecord(letter, text, 'fuzz', found ?? letter.problems, index));
        if (record) rangeFailures(record, index, text, `letterRecord${where}`, failures);
      }
      // Hovers on this letter, at most a few letters per document (the server asks the letter at the cursor).
      if (k < 3 || k === letters.length - 1) {
        for (const offset of hoverOffsets(letter, citations, letter.range.start, letter.range.end, rng, options.hovers ?? 3)) {
          const h = guard(`hoverAt(${offset})${where}`, failures, () => hoverAt(letter, text, offset, undefined, { markdown: true, citations }));
          if (h) spanFailures(h, length, `hoverAt(${offset})${where}`, failures);
          const chain = guard(`selectionSpans(${offset})${where}`, failures, () => selectionSpans(letter, text, offset, citations));
          if (chain) {
            spanFailures(chain, hi, `selectionSpans(${offset})${where}`, failures, 5, lo);
            selectionFailures(chain, offset, `selectionSpans(${offset})${where}`, failures);
          }
          occurrenceFailures(letter, citations, offset, length, `targetAt(${offset})${where}`, failures);
        }
      }
      const hints = guard(`inlayHints${where}`, failures, () => inlayHints(letter, citations)) ?? [];
      for (const h of hints) if (!(h.offset >= 0 && h.offset <= length)) failures.push(`inlayHints${where}: offset ${h.offset} outside [0, ${length}]`);
      spanFailures(guard(`caseSummary${where}`, failures, () => caseSummary(letter, text)), length, `caseSummary${where}`, failures);
      deadlineFailures(letter, where, failures);
    });
  }
  const t2 = performance.now();
  return { failures, ms: t2 - t0, cpuMs: cpuNow() - c0, parseDiagnoseMs: t1 - t0 };
}
