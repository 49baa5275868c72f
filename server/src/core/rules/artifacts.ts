/**
 * Extraction artifacts: mojibake (`Â§`, `â€™`), `?` standing for an apostrophe, and a letter that
 * stops mid-sentence. These are faults of the text, not of the letter, and each says so.
 */
import { isRegexSpace } from '../collapse';
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
    const urls = new UrlTokens(text);
    for (let k = part.indexOf('?', start === 0 ? 1 : 0); k >= 0; k = part.indexOf('?', k + 1)) {
      const q = start + k;
      QMARK_RE.lastIndex = q - 1;
      const m = QMARK_RE.exec(text);
      if (!m) continue;
      if (urls.before(q)) continue;
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

/** How far back from a `?` its token (the characters since the last blank) is read. */
const TOKEN_REACH = 200;

/** A URL's page suffix at the end of a token. */
const URL_SUFFIX_RE = /\.(?:php|aspx?|html?|cgi|jsp)$/i;

/**
 * Whether the token before a `?` looks like a URL: it holds "://", "www." (any case), "=" or "&",
 * or ends in a page suffix (".php", ".aspx", ...). A token is the text since the last blank, at
 * most TOKEN_REACH characters back. Asked for each `?` of a letter in order, it reads each
 * character once: the `?`s of one long token (a text of "www.a?s/" repeated) share its reading,
 * where reading back from each `?` cost up to TOKEN_REACH characters apiece.
 */
export class UrlTokens {
  /** Characters before this offset have been read. */
  private readTo = -1;
  /** Where the token being read starts (after its blank, or where reading began). */
  private tokenStart = 0;
  /** Start of the last marker read in the token ("://", "www.", "=", "&"), or -1. */
  private markStart = -1;

  constructor(private readonly text: string) {}

  /** Whether the token that ends at `at` looks like a URL; `at` must not go back between calls. */
  before(at: number): boolean {
    const { text } = this;
    const floor = Math.max(0, at - TOKEN_REACH);
    if (this.readTo < floor) {
      this.readTo = floor;
      this.tokenStart = floor;
      this.markStart = -1;
    }
    for (let i = this.readTo; i < at; i++) {
      const c = text.charCodeAt(i);
      if (isRegexSpace(c)) {
        this.tokenStart = i + 1;
        this.markStart = -1;
      } else if (c === 0x3d /* = */ || c === 0x26 /* & */) {
        this.markStart = Math.max(this.markStart, i);
      } else if (c === 0x2f /* / */ && text.charCodeAt(i - 1) === 0x2f && text.charCodeAt(i - 2) === 0x3a /* : */) {
        this.markStart = Math.max(this.markStart, i - 2);
      } else if (c === 0x2e /* . */ && isW(text.charCodeAt(i - 1)) && isW(text.charCodeAt(i - 2)) && isW(text.charCodeAt(i - 3))) {
        this.markStart = Math.max(this.markStart, i - 3);
      }
    }
    this.readTo = at;
    // A marker read across the token's start (its blank, or TOKEN_REACH back) starts before `s`
    // and does not count. Before the text's first character, charCodeAt gives NaN: no marker.
    const s = Math.max(this.tokenStart, floor);
    return this.markStart >= s || URL_SUFFIX_RE.test(text.slice(Math.max(s, at - 5), at));
  }
}

const isW = (c: number) => (c | 0x20) === 0x77;

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
