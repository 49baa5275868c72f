/**
 * Completion while drafting a letter, from the letter model and the knowledge base:
 *
 *  - after "Decision based on MTUS " (or ", and " in a guideline chain): the MTUS guidelines in
 *    force in the letter's era;
 *  - after "Section(s): ", ", " in a section list, or "Page(s): ": the sections or pages of the
 *    guideline named just before, the best matches for the item first;
 *  - after "Non-MTUS Citation ": the non-MTUS guidelines, then their chapters;
 *  - after ": " at the end of an item heading: Upheld, Overturned;
 *  - after a guideline block label: the fixed ways the block opens;
 *  - at the start of a line: the block label the item expects next, missing section headings,
 *    missing header labels.
 *
 * Pure and bounded: it reads at most a few hundred characters before the cursor and the item the
 * cursor is in, so it answers in well under a millisecond on a typical letter. Never throws.
 */
import { findCitations, lookupChapter } from '../index';
import type { Citation, Knowledge, KnowledgeDocument, Letter } from '../index';
import {
  editionInForce, eraDate, guidelineDocumentation, GuidelineChoice, guidelineEndingAt, guidelineStartingAt, mtusGuidelines,
  nonMtusGuidelines,
} from './guidelines';
import { locatorCompletions } from './locators';
import { itemAt, relevanceOf, textScore } from './rank';
import { terms } from './concepts';
import { decisionCompletions, lineStartCompletions, phraseCompletions } from './structure';
import { cursorText, CursorText, fitCarried, locateTyped, nameKey, sortKey, startsWithWords, Typed } from './text';
import type { Completion, CompletionContextKind, CompletionEntry, CompletionOptions } from './types';

export type { Completion, CompletionContextKind, CompletionEntry, CompletionEntryKind, CompletionOptions } from './types';

const DEFAULT_LIMIT = 60;

/** Completion at `offset` in `letter` (one letter of `text`). */
export function completeAt(letter: Letter, text: string, offset: number, kb: Knowledge, options: CompletionOptions = { markdown: true }): Completion {
  const none: Completion = { context: 'none', replace: { start: offset, end: offset }, entries: [], incomplete: false };
  try {
    if (offset < letter.range.start || offset > letter.range.end || offset > text.length) return none;
    const cur = cursorText(letter, text, offset);
    return new Completer(letter, text, cur, kb, options).run() ?? none;
  } catch {
    return none;
  }
}

const NON_MTUS = /Non-?\s?MTUS\s+Citation\s?([^.:;]{0,160})$/;
const MTUS_ANCHOR = /Decision based on (?:the )?MTUS /g;
const GUIDELINE_TYPED = /^[A-Za-z][A-Za-z,&'/ -]{0,80}$/;
/** ", and <guideline>" continuing a chain ("... Acupuncture Treatment 2007, and Chronic Pain ..."). */
const CHAIN_TAIL = /, and ((?:[A-Za-z][A-Za-z,&'/ -]{0,80})?)$/;
const YEAR = /\b(?:19|20)\d\d\b/;
/** A sentence's end: a period and a blank, not after a digit ("3. Opioids for ..." is a section number). */
const SENTENCE_END = /(?<!\d)\.\s/;
const PAGE_TAIL = /^ ?((?:\d{1,3}(?: ?[-–] ?\d{1,3})? ?, ?)*)(\d{0,3})$/;
const ACOEM_CHAPTER = /^ACOEM(?: Practice Guidelines)?,? Chapter (\d{1,2})\b(.*)$/;
const BLOCK_OPENING = /^\s*(Claims Administrator|MAXIMUS) guideline:\s*([A-Za-z() -]{0,80})$/i;
const LINE_START = /^\s*([A-Za-z][A-Za-z()'/,& -]{0,60})?$/;
/** Labels whose colon does not end an item heading. */
const NOT_HEADING = /(?:guideline|rationale|Section\(s\)|Page\(s\)|Citation|Licensure|Specialty|Priority|Number|Date|Assigned|Received|credentials|below|Injury|records|following)\s*$/i;

class Completer {
  private readonly w: string;
  private readonly limit: number;
  private cited: readonly Citation[] | null = null;

  constructor(
    private readonly letter: Letter,
    private readonly text: string,
    private readonly cur: CursorText,
    private readonly kb: Knowledge,
    private readonly options: CompletionOptions,
  ) {
    this.w = cur.window;
    this.limit = options.limit ?? DEFAULT_LIMIT;
  }

  run(): Completion | null {
    return (
      this.nonMtus() ??
      this.mtusGuideline() ??
      this.sections() ??
      this.pages() ??
      this.blockOpening() ??
      this.decision() ??
      this.lineStart()
    );
  }

  private result(context: CompletionContextKind, typed: Typed, entries: CompletionEntry[], incomplete = false): Completion {
    return { context, replace: { start: typed.start, end: this.cur.offset }, entries, incomplete };
  }

  /** The date whose guidelines the letter cites (see `eraDate`). */
  private era(): string | null {
    const pages = () => this.citations().some((c) => c.locators.some((l) => l.kind === 'page'));
    return eraDate(this.letter, this.kb, pages).date;
  }

  private citations(): readonly Citation[] {
    return (this.cited ??= this.options.citations ?? findCitations(this.letter, this.text, this.kb));
  }

  /** Entries for a list of candidates, fitted to what was typed on earlier lines. */
  private fitted(typed: Typed, entries: CompletionEntry[]): CompletionEntry[] {
    if (!typed.carried) return entries;
    const out: CompletionEntry[] = [];
    for (const e of entries) {
      const insert = fitCarried(e.insertText, typed.carried);
      if (insert !== null) out.push({ ...e, insertText: insert, filterText: insert });
    }
    return out;
  }

  // ---------------------------------------------------------------- guidelines

  private guidelineEntries(choices: readonly GuidelineChoice[], typed: string, detail: (g: GuidelineChoice) => string): CompletionEntry[] {
    const ranked = choices
      .map((g, order) => ({ g, order, prefix: startsWithWords(g.label, typed) }))
      .sort((a, b) => Number(b.prefix) - Number(a.prefix) || a.order - b.order);
    return ranked.slice(0, this.limit).map(({ g }, rank) => ({
      label: g.label,
      kind: 'guideline' as const,
      detail: detail(g),
      documentation: guidelineDocumentation(this.kb, g, this.options.markdown),
      insertText: g.label,
      sortText: sortKey(rank),
    }));
  }

  private mtusGuideline(): Completion | null {
    const w = this.w;
    MTUS_ANCHOR.lastIndex = 0;
    let seg: string | null = null;
    for (let m = MTUS_ANCHOR.exec(w); m; m = MTUS_ANCHOR.exec(w)) seg = w.slice(m.index + m[0].length);
    if (seg === null) return null;
    let typedText: string;
    if (seg.length === 0 || GUIDELINE_TYPED.test(seg)) typedText = seg;
    else {
      const m = CHAIN_TAIL.exec(seg);
      if (!m || m[1].endsWith(', ')) return null;
      const head = seg.slice(0, m.index);
      if (!YEAR.test(head) || SENTENCE_END.test(head)) return null;
      typedText = m[1] ?? '';
    }
    const typed = locateTyped(this.cur, typedText);
    const choices = mtusGuidelines(this.kb, this.era());
    const entries = this.guidelineEntries(choices, typedText, (g) =>
      g.doc.effective?.from ? `MTUS, in force ${g.doc.effective.from}${g.doc.effective.to ? ` to ${g.doc.effective.to}` : ''}` : 'MTUS',
    );
    return this.result('mtus-guideline', typed, this.fitted(typed, entries));
  }

  private nonMtus(): Completion | null {
    const m = NON_MTUS.exec(this.w.length > 220 ? this.w.slice(-220) : this.w);
    if (!m) return null;
    const typedText = m[1];
    const choices = nonMtusGuidelines(this.kb);
    // After a guideline's full name: its chapters.
    for (const g of choices) {
      const names = [g.label, ...(g.doc.labels ?? [])].sort((a, b) => b.length - a.length);
      const name = names.find((n) => afterLabel(typedText, n) !== null);
      if (name === undefined) continue;
      const rest = afterLabel(typedText, name)!;
      if (rest.separated) return this.nonMtusChapters(g.doc, rest.text);
      break;
    }
    const typed = locateTyped(this.cur, typedText);
    const entries = this.guidelineEntries(choices, typedText, () => 'outside the MTUS');
    return this.result('non-mtus', typed, this.fitted(typed, entries.map((e) => ({ ...e, retrigger: true }))));
  }

  private nonMtusChapters(doc: KnowledgeDocument, rest: string): Completion {
    const typed = locateTyped(this.cur, rest);
    const rel = relevanceOf(itemAt(this.letter, this.cur.offset), this.text);
    const seen = new Set<string>();
    const chapters = doc.entries.filter((e) => {
      const n = e.locator.chapterName;
      if (!n || n === 'Preface' || e.locator.pages === undefined && e.locator.section !== undefined) return false;
      if (seen.has(n)) return false;
      seen.add(n);
      return true;
    });
    const ranked = chapters
      .map((e, order) => ({ e, order, score: textScore(terms([e.locator.chapterName!, ...(e.aliases ?? [])].join(' ')), rel) }))
      .sort((a, b) => b.score - a.score || a.order - b.order);
    const entries = ranked.map(({ e }, rank) => ({
      label: e.locator.chapterName!,
      kind: 'section' as const,
      detail: `${doc.title} chapter`,
      documentation: guidelineDocumentation(this.kb, { label: e.locator.chapterName!, doc, entry: e }, this.options.markdown),
      insertText: e.locator.chapterName!,
      sortText: sortKey(rank),
    }));
    return this.result('non-mtus-chapter', typed, this.fitted(typed, entries));
  }

  // ---------------------------------------------------------------- sections and pages

  private sections(): Completion | null {
    const w = this.w;
    const idx = w.lastIndexOf('Section(s):');
    if (idx < 0) return null;
    const tail = w.slice(idx + 'Section(s):'.length);
    if (SENTENCE_END.test(tail) || /guideline:|rationale:|Decision based on|Citation/.test(tail) || CHAIN_TAIL.test(tail)) return null;
    const parts = tail.replace(/^ /, '').split(/, /);
    const typedText = parts[parts.length - 1];
    const listed = new Set<string>();
    for (const p of parts.slice(0, -1)) {
      listed.add(nameKey(p));
      listed.add(nameKey(p.replace(/^\d{1,2}(?:\.\d{1,2}){0,4}\.? /, '')));
    }
    const before = w.slice(Math.max(0, idx - 300), idx).replace(/[ ,]+$/, '');
    const ref = guidelineEndingAt(this.kb, before);
    const typed = locateTyped(this.cur, typedText);
    if (!ref) return this.result('section', typed, []);
    const doc = YEAR.test(before.slice(-8)) ? ref.doc : editionInForce(this.kb, ref.doc, this.era());
    const chapter = ref.entry ? { number: ref.entry.locator.chapter ?? null, name: ref.entry.locator.chapterName ?? ref.entry.topic } : null;
    return this.result('section', typed, this.fitted(typed, this.locators(doc, chapter, 'section', typed, listed, null)));
  }

  private pages(): Completion | null {
    const w = this.w;
    const idx = w.lastIndexOf('Page(s):');
    if (idx < 0) return null;
    const tail = w.slice(idx + 'Page(s):'.length);
    // A page list is short: a longer tail is no list being written.
    const m = tail.length <= 300 ? PAGE_TAIL.exec(tail) : null;
    if (!m) return null;
    const listed = new Set(m[1].split(',').map((p) => p.replace(/\s/g, '')).filter((p) => p.length > 0));
    const typed = locateTyped(this.cur, m[2]);
    // The guideline: what follows the last "Decision based on MTUS " or ", and " before "Page(s):".
    const head = w.slice(0, idx);
    MTUS_ANCHOR.lastIndex = 0;
    let from = -1;
    for (let a = MTUS_ANCHOR.exec(head); a; a = MTUS_ANCHOR.exec(head)) from = a.index + a[0].length;
    const and = head.lastIndexOf(' and ');
    if (and > from && from >= 0) from = and + 5;
    if (from < 0) return this.result('page', typed, []);
    const seg = head.slice(from).trim();
    let doc: KnowledgeDocument | null = null;
    let chapter: { number: number | null; name: string | null } | null = null;
    let written: string | null = null;
    const acoem = ACOEM_CHAPTER.exec(seg);
    if (acoem) {
      doc = this.kb.documents.find((d) => d.id === 'mtus-acoem' && d.inMtus) ?? null;
      const n = Number(acoem[1]);
      const ch = doc ? lookupChapter(this.kb, doc.id, doc.edition, n) : null;
      chapter = { number: n, name: ch?.locator.chapterName ?? null };
      written = acoem[2].trim() || null;
    } else {
      const named = guidelineStartingAt(this.kb, seg);
      if (named) {
        doc = named.ref.doc;
        chapter = named.ref.entry ? { number: named.ref.entry.locator.chapter ?? null, name: named.ref.entry.locator.chapterName ?? null } : null;
        written = named.rest || null;
      }
    }
    if (!doc) return this.result('page', typed, []);
    return this.result('page', typed, this.locators(doc, chapter, 'page', typed, listed, written));
  }

  private locators(
    doc: KnowledgeDocument,
    chapter: { number: number | null; name: string | null } | null,
    kind: 'section' | 'page',
    typed: Typed,
    listed: ReadonlySet<string>,
    writtenTopic: string | null,
  ): CompletionEntry[] {
    const item = itemAt(this.letter, this.cur.offset);
    // The block the cursor is in: the last one of its item that starts before it.
    let block: 'claimsAdministrator' | 'maximus' | 'rationale' | null = null;
    let blockStart = -1;
    for (const k of ['claimsAdministrator', 'maximus', 'rationale'] as const) {
      const b = item?.[k];
      if (b && b.span.start <= this.cur.offset && b.span.start > blockStart) {
        block = k;
        blockStart = b.span.start;
      }
    }
    return locatorCompletions({
      kb: this.kb,
      doc,
      chapter,
      kind,
      relevance: relevanceOf(item, this.text),
      citations: this.citations(),
      itemIndex: item ? item.index : null,
      block,
      typedFrom: typed.start,
      typedTo: this.cur.offset,
      listed,
      writtenTopic,
      markdown: this.options.markdown,
      limit: this.limit,
    });
  }

  // ---------------------------------------------------------------- fixed parts

  private blockOpening(): Completion | null {
    const m = BLOCK_OPENING.exec(this.cur.line);
    if (!m) return null;
    const typed = locateTyped(this.cur, m[2].replace(/\s+/g, ' '));
    const block = /^claims/i.test(m[1]) ? 'claimsAdministrator' : 'maximus';
    return this.result('guideline-phrase', typed, phraseCompletions(block, m[2], this.options.markdown), true);
  }

  private decision(): Completion | null {
    const line = this.cur.line;
    const colon = line.lastIndexOf(':');
    if (colon < 1) return null;
    const after = line.slice(colon + 1);
    if (!/^ ?[A-Za-z]{0,12}$/.test(after)) return null;
    const word = after.trim().toLowerCase();
    if (word && !['upheld', 'overturned'].some((d) => d.startsWith(word))) return null;
    const head = line.slice(0, colon).trim();
    if (head.length < 2 || NOT_HEADING.test(head) || /^(?:Claims Administrator|MAXIMUS) guideline\b|^Decision rationale\b/i.test(head)) return null;
    const issues = this.letter.sections.find((s) => s.kind === 'issues' && s.heading.end <= this.cur.lineStart);
    if (!issues) return null;
    // Not inside a guideline block (its topics may hold colons); a rationale may end where a new heading is typed.
    for (const it of this.letter.items) {
      for (const b of [it.claimsAdministrator, it.maximus]) if (b && b.textSpan.start <= this.cur.lineStart && this.cur.offset <= b.textSpan.end) return null;
    }
    const typed = locateTyped(this.cur, after.trim());
    // "heading:" typed without its blank gets one: the letters write "heading: Upheld".
    const blank = after.startsWith(' ') ? '' : ' ';
    return this.result('decision', typed, decisionCompletions(this.kb, this.options.markdown).map((e) => ({ ...e, insertText: blank + e.insertText })));
  }

  private lineStart(): Completion | null {
    const m = LINE_START.exec(this.cur.line);
    if (!m) return null;
    // A blank typed at the start of a line is indentation, not a request.
    if (this.options.trigger !== undefined && /^\s$/.test(this.options.trigger) && !m[1]) return null;
    const typedText = (m[1] ?? '').replace(/\s+/g, ' ');
    const typed = locateTyped(this.cur, typedText);
    const entries = lineStartCompletions(this.letter, this.kb, this.cur.lineStart, typedText, this.options.markdown);
    return this.result('line-start', typed, entries, true);
  }
}

/**
 * When `typed` starts with the words of `label`: the text after them and whether a separator
 * (blank, comma, parenthesis) already follows the label; null when it does not start with them.
 */
function afterLabel(typed: string, label: string): { text: string; separated: boolean } | null {
  const want = label.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  if (want.length === 0) return null;
  const re = /[A-Za-z0-9]+/g;
  let end = 0;
  for (const w of want) {
    const m = re.exec(typed);
    if (!m || m[0].toLowerCase() !== w) return null;
    end = m.index + m[0].length;
  }
  const rest = typed.slice(end);
  const sep = /^[\s,():;-]*/.exec(rest)![0];
  return { text: rest.slice(sep.length), separated: sep.length > 0 && sep !== ')' };
}
