/**
 * Finding citations: every guideline page, section and regulation a letter cites, with the source
 * spans a hover needs.
 *
 * The letter is cut into regions (each item's Claims Administrator, MAXIMUS and rationale blocks,
 * and the text between them), and each region is normalised once (whitespace runs, line breaks,
 * page breaks and the padding of double-spaced extractions become one space; `Â§` mojibake is
 * repaired; a word hyphenated across lines is joined) while keeping a map from every normalised
 * character back to its source offsets. The recognisers then scan the normalised text: guideline
 * lines (`scan-guidelines.ts`), "Page(s):" and "Section(s):" elsewhere (`scan-fallback.ts`) and free
 * text (`scan-free.ts`).
 *
 * Every recogniser starts from an anchor (`Decision based on`, `Page(s):`, `Section(s):`, `9792.`,
 * `ACOEM`, `Chronic Pain`), so a region is normalised and scanned only when one of them occurs in
 * its raw text, the free-text ones with the word their citation needs (`holdsAnchor`): most of a
 * letter (header, summary, notices, rationales that cite nothing) is never normalised.
 *
 * Every scan moves forward through its region; lookaheads and lookbehinds are capped at a few
 * hundred characters and a scan resumes after the text a citation consumed, so the work is linear
 * in the length of the letter. Nothing here throws.
 */
import { bundledKnowledge, Knowledge, letterEra } from '../knowledge';
import { isBlankCode } from '../lines';
import { guidelineWords, lazyWords, rejoinRegion } from '../split-words';
import { normalizeRange } from '../text';
import type { Block, Letter } from '../types';
import { scanFreeAcoem, scanFreeCpmtg, scanRegulations } from './scan-free';
import { scanPagesFallback, scanSectionsFallback } from './scan-fallback';
import { scanDecisionLines } from './scan-guidelines';
import { prepareReach } from './query';
import { Region, Scan } from './scan-state';
import type { Citation, CitationBlock } from './types';

/**
 * Every citation in the letter, ordered by position (longer first at the same start). Citations
 * may nest: a regulation reference inside a free-text guideline citation is a citation of its own.
 * `blocks` keeps only the citations of those blocks, without reading the others (each region is
 * scanned on its own, so they are exactly the citations of those blocks that a full scan finds).
 */
export function findCitations(letter: Letter, text: string, kb: Knowledge = bundledKnowledge(), blocks?: ReadonlySet<CitationBlock>): Citation[] {
  try {
    const era = letterEra(letter, kb);
    const out: Citation[] = [];
    // A tool that breaks words by spaces: the items' blocks are read with broken words joined.
    const words = letter.wordsBrokenBySpaces ? { guidelines: guidelineWords(kb), letter: lazyWords(text, letter.range.start, letter.range.end) } : null;
    const scan = (region: Region): void => {
      let norm = normalizeRange(text, region.from, region.to, letter.hidden);
      if (words && region.item !== null) norm = rejoinRegion(norm, words.guidelines, words.letter);
      if (norm.text.length === 0) return;
      const sc = new Scan(norm, region, letter, era, kb, out);
      scanDecisionLines(sc);
      scanPagesFallback(sc);
      scanSectionsFallback(sc);
      scanRegulations(sc);
      scanFreeAcoem(sc);
      scanFreeCpmtg(sc);
    };
    // A region is made (and scanned) only when it may hold a citation: most of the text between
    // the blocks holds none. Joined broken words can make an anchor the raw text does not hold:
    // every region is read then.
    const wanted = (kind: CitationBlock, from: number, to: number) =>
      to > from && (!blocks || blocks.has(kind)) && (words !== null || holdsAnchor(text, from, to));
    const items = itemBlocks(letter, text);
    const { start: rangeStart, end: rangeEnd } = letter.range ?? { start: 0, end: text.length };
    let pos = rangeStart;
    for (let k = 0; k < items.length; k++) {
      const b = items[k];
      const from = Math.max(b.from, pos);
      if (from > pos && wanted('other', pos, from)) scan({ kind: 'other', item: null, from: pos, to: from });
      if (b.to > from && wanted(b.kind, from, b.to)) scan(from === b.from ? b : { kind: b.kind, item: b.item, from, to: b.to });
      pos = Math.max(pos, b.to);
    }
    if (pos < rangeEnd && wanted('other', pos, rangeEnd)) scan({ kind: 'other', item: null, from: pos, to: rangeEnd });
    if (!byPosition(out)) out.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
    prepareReach(out);
    return out;
  } catch {
    return [];
  }
}

/** True when the citations are already in the order `findCitations` gives (the sort, which is
 *  stable, would leave them as they are): most letters' are, and the sort copies the list. */
function byPosition(out: readonly Citation[]): boolean {
  for (let k = 1; k < out.length; k++) {
    const a = out[k - 1].span;
    const b = out[k].span;
    if (a.start > b.start || (a.start === b.start && a.end < b.end)) return false;
  }
  return true;
}

/**
 * True when the normalised text of text[from, to) can hold a citation: it holds `Decision based
 * on`, `Page(s):`, `Section(s):` or `9792.`; or `ACOEM` with `Chapter` (a free ACOEM citation
 * names its chapter); or `Chronic Pain` with `page`, `Page`, `pg` or `Pg` (a free Chronic Pain
 * citation needs its page). Normalising copies letters and digits as they are and turns a run of
 * blanks into one space, so each of these words is in the raw text too, with any blanks between
 * the words of an anchor; its other changes (a repaired mojibake or ligature) make no ASCII letter.
 * A soft hyphen, which normalising drops from inside a word, counts as an anchor itself. Rationales
 * that name the guidelines without citing a chapter or page (a quarter of those naming one) are
 * so never normalised. The searches run in a slice of the part (it shares the text's characters),
 * so none reads past it, and stop at the first anchor found.
 */
export function holdsAnchor(text: string, from: number, to: number): boolean {
  const t = from === 0 && to === text.length ? text : text.slice(from, to);
  if (holdsWords(t, 'Decision', 'based')) return true;
  for (let a = 0; a < LITERAL_ANCHORS.length; a++) if (t.includes(LITERAL_ANCHORS[a])) return true;
  if (t.includes('ACOEM') && t.includes('Chapter')) return true;
  if (holdsWords(t, 'Chronic', 'Pain')) {
    for (let a = 0; a < PAGE_WORDS.length; a++) if (t.includes(PAGE_WORDS[a])) return true;
  }
  return false;
}

/** True when `t` holds `first`, one or more blanks, then `second`. */
function holdsWords(t: string, first: string, second: string): boolean {
  for (let i = t.indexOf(first); i >= 0; i = t.indexOf(first, i + first.length)) {
    let k = i + first.length;
    const blanks = k;
    while (k < t.length && isNormalisedBlank(t.charCodeAt(k))) k++;
    if (k > blanks && t.startsWith(second, k)) return true;
  }
  return false;
}

/**
 * Anchors written without blanks (`(s):` stands for `Page(s):` and `Section(s):`, one search for
 * both: a region is read when either may be there), and the characters normalising drops from
 * inside a word.
 */
const LITERAL_ANCHORS: readonly string[] = ['(s):', '9792.', '\u00ad', '\ufffe'];
/** What a free Chronic Pain citation's page is written with (`FREE_PAGE_D`, `PAGE_BEFORE_D`). */
const PAGE_WORDS: readonly string[] = ['page', 'Page', 'pg', 'Pg'];

/** A character the normaliser reads as a blank (a space, tab, line break, no-break space, ...). */
function isNormalisedBlank(c: number): boolean {
  return isBlankCode(c) || c === 10 || c === 13;
}

/**
 * The items' blocks as regions, by position. The letter is read as these regions and the text
 * between them (`findCitations`).
 */
function itemBlocks(letter: Letter, text: string): Region[] {
  const blocks: Region[] = [];
  for (let k = 0; k < letter.items.length; k++) {
    const item = letter.items[k];
    addBlock(blocks, item.claimsAdministrator, item.index, text.length);
    addBlock(blocks, item.maximus, item.index, text.length);
    addBlock(blocks, item.rationale, item.index, text.length);
    for (let j = 0; j < item.duplicateBlocks.length; j++) addBlock(blocks, item.duplicateBlocks[j], item.index, text.length);
  }
  if (!inOrder(blocks)) blocks.sort((a, b) => a.from - b.from);
  return blocks;
}

/** A block of item `item` as a region, its span clamped to the text. */
function addBlock(blocks: Region[], b: Block | null, item: number, length: number): void {
  if (!b) return;
  const from = Math.max(0, Math.min(b.textSpan.start, length));
  const to = Math.max(from, Math.min(b.textSpan.end, length));
  blocks.push({ kind: b.kind, item, from, to });
}

/** True when the blocks already start in order (the usual case): the stable sort would keep them so. */
function inOrder(blocks: readonly Region[]): boolean {
  for (let k = 1; k < blocks.length; k++) if (blocks[k].from < blocks[k - 1].from) return false;
  return true;
}
