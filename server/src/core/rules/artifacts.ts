/**
 * Extraction artifacts: mojibake (`Â§`, `â€™`), `?` standing for an apostrophe, and a letter that
 * stops mid-sentence. These are faults of the text, not of the letter, and each says so.
 */
import { findMojibake } from '../mojibake';
import type { Fix, Rule, TextEdit } from '../diagnostics/context';
import { findConclusion } from './conclusion';

export const mojibake: Rule = {
  code: 'mojibake',
  defaultSeverity: 'warning',
  description: 'Mojibake such as "Â§" or "â€™" (UTF-8 read with the wrong encoding); quick fixes repair one or all.',
  cost: 'extended',
  source: 'letter',
  check(ctx) {
    const found = findMojibake(ctx.text, ctx.range.start, ctx.range.end);
    if (found.length === 0) return;
    // One shared edit list: with more than one sequence, every diagnostic offers the same "fix all".
    const all: TextEdit[] = found.map((m) => ({ span: m.span, newText: m.repaired }));
    const fixAll: Fix = { title: `Fix all mojibake in this letter (${found.length})`, edits: all };
    for (const m of found) {
      const written = ctx.text.slice(m.span.start, m.span.end);
      ctx.report(
        'mojibake',
        m.span,
        `"${written}" is mojibake for "${m.repaired}" (UTF-8 text read with the wrong encoding).`,
        {
          data: { repaired: m.repaired },
          fixes: [
            { title: `Replace "${written}" with "${m.repaired}"`, edits: [{ span: m.span, newText: m.repaired }], isPreferred: true },
            ...(found.length > 1 ? [fixAll] : []),
          ],
        },
      );
    }
  },
};

/**
 * `applicant?s`, `don?t`: a question mark between a letter and an English contraction ending stands
 * for an apostrophe the extractor could not encode. Tokens that look like URLs are left alone.
 */
const QMARK_RE = /[A-Za-z]\?(?=(?:s|t|d|m|ll|re|ve)(?![A-Za-z0-9]))/y; // sticky: tried only where a "?" is

export const questionMarkApostrophe: Rule = {
  code: 'question-mark-apostrophe',
  defaultSeverity: 'warning',
  description: '"?" standing for an apostrophe lost in extraction ("applicant?s"); quick fix to "\'".',
  cost: 'extended',
  source: 'letter',
  check(ctx) {
    const { text } = ctx;
    const found: { start: number; end: number }[] = [];
    // "?" is rare in letters: find each one natively, then test the few characters around it. The
    // search runs in the letter's own part of the text (a slice shares its characters): searching the
    // whole text from the letter's start would read to the end of a merged file for every letter.
    const { start, end } = ctx.range;
    const part = text.slice(start, end);
    for (let k = part.indexOf('?', start === 0 ? 1 : 0); k >= 0; k = part.indexOf('?', k + 1)) {
      const q = start + k;
      QMARK_RE.lastIndex = q - 1;
      const m = QMARK_RE.exec(text);
      if (!m) continue;
      if (inUrl(text, q)) continue;
      found.push({ start: q, end: q + 1 });
    }
    if (found.length === 0) return;
    const all: TextEdit[] = found.map((span) => ({ span, newText: "'" }));
    const fixAll: Fix = { title: `Replace all ${found.length} "?" apostrophes in this letter`, edits: all };
    for (const span of found) {
      const word = wordAround(text, span.start);
      ctx.report(
        'question-mark-apostrophe',
        span,
        `"?" in "${word}" stands for an apostrophe lost in text extraction. Replace it with "'".`,
        { fixes: [{ title: `Replace "?" with "'"`, edits: [{ span, newText: "'" }], isPreferred: true }, ...(found.length > 1 ? [fixAll] : [])] },
      );
    }
  },
};

function inUrl(text: string, at: number): boolean {
  let s = at;
  while (s > 0 && at - s < 200 && !/\s/.test(text[s - 1])) s--;
  const token = text.slice(s, at);
  return /:\/\/|www\.|[=&]|\.(?:php|aspx?|html?|cgi|jsp)$/i.test(token);
}

function wordAround(text: string, at: number): string {
  let s = at;
  while (s > 0 && at - s < 40 && /[A-Za-z]/.test(text[s - 1])) s--;
  let e = at + 1;
  while (e < text.length && e - at < 40 && /[A-Za-z]/.test(text[e])) e++;
  return text.slice(s, e);
}

/** Characters a complete letter can end on. */
const FINAL = /[.!?"”’')\]]$/;

/**
 * A letter whose last text ends without closing punctuation and whose last sentence does not even
 * state the outcome ("... is not medically necessary" with the period lost is complete) was cut off.
 */
export const truncatedLetter: Rule = {
  code: 'truncated-letter',
  defaultSeverity: 'warning',
  description: 'The letter stops mid-sentence: the text looks cut off.',
  cost: 'essential',
  source: 'letter',
  check(ctx) {
    const { letter, text } = ctx;
    const last = letter.lastText;
    if (!last || last.end <= last.start) return;
    const lineText = text.slice(last.start, last.end);
    if (FINAL.test(lineText)) return;
    // The last sentence: from the last sentence end in the final few hundred characters.
    const from = Math.max(0, last.end - 600);
    const tail = text.slice(from, last.end);
    let sentenceStart = from;
    const re = /[.!?]["”’')\]]?[\s\f]+/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(tail))) sentenceStart = from + m.index + m[0].length;
    if (findConclusion(text, sentenceStart, last.end)) return;
    let w = last.end;
    while (w > last.start && !/\s/.test(text[w - 1]) && last.end - w < 40) w--;
    const word = text.slice(w, last.end);
    ctx.report(
      'truncated-letter',
      { start: w, end: last.end },
      `The letter stops mid-sentence ("…${ctx.quote({ start: Math.max(sentenceStart, last.end - 40), end: last.end }, 40)}"): ` +
        'the text looks cut off. Re-extract it from the PDF.',
      { data: { lastWord: word } },
    );
  },
};

export const rules: readonly Rule[] = [mojibake, questionMarkApostrophe, truncatedLetter];
