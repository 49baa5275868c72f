/**
 * Formatting a letter: repairs of the extraction damage the diagnostics and the parser already
 * recognise, and nothing else. No word of the letter changes:
 *
 *  - mojibake ("Â§" for "§", "â€™" for "’") and a "?" standing for an apostrophe ("applicant?s"):
 *    the preferred quick fix of the `mojibake` and `question-mark-apostrophe` diagnostics (so a
 *    letter where those rules are silenced with `imr-disable` keeps them);
 *  - the seeds' extractor's blank line after every line (a "double-spaced" letter): the padding
 *    lines go, the lines holding only blanks (its paragraph breaks) become empty lines, and the
 *    blanks it left at the end of every line go;
 *  - a form feed glued to the start of a section heading, an item heading or a block label (the
 *    page break pdftotext writes at the start of a page's first line): the form feed stays, on a
 *    line of its own, so the heading starts its line again.
 *
 * The result is a list of small edits that do not overlap, in text order. The letter reads the
 * same afterwards: the parser gives the same model (tested over the corpus). Never throws.
 */
import { diagnose, RULES, scanLines } from '../index';
import type { Letter, RuleSeverity, Span } from '../index';

export interface FormatEdit {
  readonly span: Span;
  readonly newText: string;
}

export interface FormatResult {
  readonly edits: readonly FormatEdit[];
  /** How many repairs of each kind the edits make. */
  readonly counts: {
    readonly mojibake: number;
    readonly apostrophes: number;
    readonly paddingLines: number;
    readonly formFeeds: number;
  };
}

/** Only the two character-repair rules run; everything else is off. */
const SEVERITIES: Partial<Record<string, RuleSeverity>> = Object.fromEntries(
  RULES.map((r) => [r.code, r.code === 'mojibake' || r.code === 'question-mark-apostrophe' ? 'warning' : 'off']),
);

/** The edits that repair the extraction damage of every letter in `text`. */
export function formatLetters(text: string, letters: readonly Letter[]): FormatResult {
  const edits: FormatEdit[] = [];
  const counts = { mojibake: 0, apostrophes: 0, paddingLines: 0, formFeeds: 0 };
  try {
    const eol = text.includes('\r\n') ? '\r\n' : !text.includes('\n') && text.includes('\r') ? '\r' : '\n';
    for (const letter of letters) {
      if (!letter.isLetter) continue;
      for (const d of diagnose(letter, text, { severities: SEVERITIES, knowledge: null })) {
        if (d.code !== 'mojibake' && d.code !== 'question-mark-apostrophe') continue;
        const fix = d.fixes?.find((f) => f.isPreferred) ?? d.fixes?.[0];
        if (!fix || fix.edits.length !== 1) continue;
        edits.push({ span: fix.edits[0].span, newText: fix.edits[0].newText });
        if (d.code === 'mojibake') counts.mojibake++;
        else counts.apostrophes++;
      }
      if (letter.layout === 'double-spaced') counts.paddingLines += unpad(text, letter.range, edits);
      counts.formFeeds += unglueFormFeeds(text, letter, eol, edits);
    }
    edits.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    return { edits: withoutOverlaps(edits), counts };
  } catch {
    return { edits: [], counts: { mojibake: 0, apostrophes: 0, paddingLines: 0, formFeeds: 0 } };
  }
}

/** Applies non-overlapping edits in text order. */
export function applyFormatEdits(text: string, edits: readonly FormatEdit[]): string {
  let out = '';
  let pos = 0;
  for (const e of edits) {
    out += text.slice(pos, e.span.start) + e.newText;
    pos = e.span.end;
  }
  return out + text.slice(pos);
}

/**
 * Double-spaced text: each truly empty line is padding and is removed with its line end; a line
 * of blanks (a real paragraph break there) is emptied; blanks at the end of a line are removed.
 */
function unpad(text: string, range: Span, edits: FormatEdit[]): number {
  const lines = scanLines(text, range.start, range.end);
  let removed = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const next = i + 1 < lines.length ? lines[i + 1].start : -1;
    if (l.start === l.end) {
      if (next > l.start) {
        edits.push({ span: { start: l.start, end: next }, newText: '' });
        removed++;
      }
      continue;
    }
    // Trailing spaces and tabs (a form feed is a page break and stays).
    let e = l.end;
    while (e > l.start && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e--;
    if (e < l.end) edits.push({ span: { start: e, end: l.end }, newText: '' });
  }
  return removed;
}

/** A form feed glued to a heading or label: a line end after it. Returns how many. */
function unglueFormFeeds(text: string, letter: Letter, eol: string, edits: FormatEdit[]): number {
  const starts = new Set<number>();
  for (const s of letter.sections) if (s.kind !== 'header') starts.add(s.heading.start);
  for (const it of letter.items) {
    starts.add(it.heading.start);
    for (const b of [it.claimsAdministrator, it.maximus, it.rationale, ...it.duplicateBlocks]) if (b) starts.add(b.label.start);
  }
  let n = 0;
  for (const at of starts) {
    // Only form feeds (and blanks) between the line start and the heading.
    let i = at;
    let lastFeed = -1;
    while (i > letter.range.start) {
      const c = text.charCodeAt(i - 1);
      if (c === 10 || c === 13) break;
      if (c === 12) {
        if (lastFeed < 0) lastFeed = i;
      } else if (c !== 32 && c !== 9) {
        lastFeed = -1;
        break;
      }
      i--;
    }
    if (lastFeed < 0) continue;
    edits.push({ span: { start: lastFeed, end: at }, newText: eol });
    n++;
  }
  return n;
}

function withoutOverlaps(sorted: FormatEdit[]): FormatEdit[] {
  const out: FormatEdit[] = [];
  let end = -1;
  for (const e of sorted) {
    if (e.span.start < end || (e.span.start === end && e.span.start === e.span.end && out.length && out[out.length - 1].span.start === e.span.start)) continue;
    out.push(e);
    end = Math.max(end, e.span.end);
  }
  return out;
}
