/**
 * What the library keeps of a letter: its identity, header facts, one entry per item and one per
 * cited locator, each with its position in the source. No letter text is kept beyond the requests
 * and each rationale's closing sentence (shown in search results), so a library of ten thousand
 * letters holds a few tens of megabytes.
 */
import { Citation, CitationBlock, findCitations } from '../citations';
import { diagnose } from '../diagnostics';
import type { Position, Range } from '../extract';
import { bundledKnowledge, findDocument, Knowledge } from '../knowledge';
import { LineIndex } from '../lines';
import { nextSentenceStart } from '../sentences';
import type { Decision, Letter, Severity, Span } from '../types';
import { identityOf, LetterIdentity } from './identity';
import { citationKeys, guidelineKey, locatorKeys } from './keys';
import { requestFeatures } from './similar';

export type { Position, Range };

export interface LibraryCitation {
  /** Reference keys (`keys.ts`) of the locator this entry stands for, or of the guideline. */
  readonly keys: readonly string[];
  /** `guideline|edition`. */
  readonly guideline: string;
  /** How it reads: "Chronic Pain Medical Treatment 2016: Opioids, criteria for use". */
  readonly label: string;
  /** The locator (or, for a citation with none, the whole citation). */
  readonly range: Range;
  /** The item it is in (0-based), or null outside items. */
  readonly item: number | null;
  readonly block: CitationBlock;
}

/** A problem of a letter as the library keeps it (`libraryLetters` with `problems`): what the
 *  Problems view shows for a letter that is not open. Severity as the rule gives it by default. */
export interface LibraryProblem {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
}

export interface LibraryItem {
  readonly index: number;
  readonly request: string;
  readonly decision: Decision | null;
  /** The item heading (request and decision). */
  readonly range: Range;
  /** The rationale's closing sentence, as written (normalised), or null. */
  readonly closing: string | null;
  /** Words that say what was requested, quantities and laterality left out (`similar.ts`). */
  readonly features: readonly string[];
  /** Reference keys of what the MAXIMUS guideline block cites (the basis of the decision). */
  readonly cited: readonly string[];
  /** The guidelines the MAXIMUS block cites, for people ("MTUS Chronic Pain ... (2016)"). */
  readonly guidelines: readonly string[];
}

export interface LibraryLetter {
  /** 1-based position in its file when the file holds several letters. */
  readonly letterInFile?: number;
  readonly identity: LetterIdentity;
  readonly isLetter: boolean;
  readonly format: string;
  /** How the text was laid out (`columns` for pdftotext -layout), which tells its source kind. */
  readonly layout: string;
  /** The case number as written, or null. */
  readonly caseNumber: string | null;
  readonly caseRange: Range | null;
  /** ISO decision date, or null. */
  readonly decisionDate: string | null;
  readonly specialties: readonly string[];
  /** Where the letter starts (its first line). */
  readonly range: Range;
  readonly items: readonly LibraryItem[];
  readonly citations: readonly LibraryCitation[];
  /** Its diagnostics with the default settings, when the library was asked to keep them. */
  readonly problems?: readonly LibraryProblem[];
}

/**
 * The library entries of the letters of one text (one, or several for a merged case file); with
 * `problems`, each letter's diagnostics too (default settings, this knowledge base).
 */
export function libraryLetters(letters: readonly Letter[], text: string, kb: Knowledge = bundledKnowledge(), problems = false): LibraryLetter[] {
  const lines = new LineIndex(text);
  const several = letters.length > 1;
  return letters.map((letter, i) => libraryLetter(letter, text, kb, lines, several ? i + 1 : undefined, problems));
}

function libraryLetter(letter: Letter, text: string, kb: Knowledge, lines: LineIndex, letterInFile: number | undefined, problems: boolean): LibraryLetter {
  const range = (s: Span): Range => ({ start: lines.positionAt(s.start), end: lines.positionAt(s.end) });
  let citations: Citation[] = [];
  try {
    citations = letter.isLetter ? findCitations(letter, text, kb) : [];
  } catch {
    citations = [];
  }
  const entries: LibraryCitation[] = [];
  for (const c of citations) {
    const g = guidelineKey(c);
    const name = guidelineLabel(c);
    if (c.locators.length === 0) {
      entries.push({ keys: [intern(g)], guideline: intern(g), label: intern(name), range: range(c.span), item: c.itemIndex, block: c.block });
      continue;
    }
    for (const l of c.locators) {
      const keys = locatorKeys(c, l);
      if (keys.length === 0) continue;
      entries.push({ keys: keys.map(intern), guideline: intern(g), label: intern(`${name}: ${l.text}`), range: range(l.span), item: c.itemIndex, block: c.block });
    }
  }
  const items: LibraryItem[] = letter.items.map((it) => {
    const basis = citations.filter((c) => c.itemIndex === it.index && c.block === 'maximus');
    const cited: string[] = [];
    const guidelines: string[] = [];
    for (const c of basis) {
      for (const k of citationKeys(c)) if (!cited.includes(k)) cited.push(intern(k));
      const title = guidelineTitle(kb, c);
      if (!guidelines.includes(title)) guidelines.push(intern(title));
    }
    return {
      index: it.index,
      request: own(it.request),
      decision: it.decision,
      range: range(it.heading),
      closing: it.rationale ? own(closingSentence(it.rationale.text)) : null,
      features: requestFeatures(it.request).map(intern),
      cited,
      guidelines,
    };
  });
  return {
    letterInFile,
    identity: ownIdentity(identityOf(letter)),
    isLetter: letter.isLetter,
    format: intern(letter.format),
    layout: intern(letter.layout),
    caseNumber: letter.caseNumber ? own(letter.caseNumber.text) : null,
    caseRange: letter.caseNumber ? range(letter.caseNumber.span) : null,
    decisionDate: letter.dates.decision?.iso ?? null,
    specialties: letter.reviewer.specialties.map(intern),
    range: range({ start: letter.range.start, end: letter.range.start }),
    items,
    citations: entries,
    ...(problems
      ? { problems: diagnose(letter, text, { knowledge: kb, citations }).map((d) => ({ code: intern(d.code), severity: d.severity, message: own(d.message), range: range(d.span) })) }
      : {}),
  };
}

/**
 * A copy of a string that holds nothing else: a string cut from a letter's text (a request, a
 * closing sentence) keeps the whole text alive while it lives, which the library must not do.
 */
function own<T extends string | null>(s: T): T {
  if (s === null || s.length < 13) return s; // V8 copies short substrings anyway
  return (' ' + s).slice(1) as T;
}

/** Shared copies of strings many letters repeat (reference keys, labels, words, specialties). */
const interned = new Map<string, string>();
const MAX_INTERNED = 200_000;

function intern(s: string): string {
  const known = interned.get(s);
  if (known !== undefined) return known;
  const copy = own(s);
  if (interned.size < MAX_INTERNED) interned.set(copy, copy);
  return copy;
}

/**
 * A letter's entry with its repeated strings shared again (keys, labels, words, specialties): for
 * entries made on another thread, whose strings arrive as copies of their own. The entry is
 * changed in place (it was just received and is the caller's alone; copying it would double the
 * garbage of indexing) and returned.
 */
export function shareStrings(l: LibraryLetter): LibraryLetter {
  const letter = l as Mutable<LibraryLetter>;
  letter.format = intern(l.format);
  letter.layout = intern(l.layout);
  internEach(l.specialties);
  for (const it of l.items) {
    internEach(it.features);
    internEach(it.cited);
    internEach(it.guidelines);
  }
  for (const c of l.citations) {
    const citation = c as Mutable<LibraryCitation>;
    internEach(c.keys);
    citation.guideline = intern(c.guideline);
    citation.label = intern(c.label);
  }
  return l;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function internEach(list: readonly string[]): void {
  const xs = list as string[];
  for (let i = 0; i < xs.length; i++) xs[i] = intern(xs[i]);
}

/** The identity with its strings owned (the case number as written is cut from the text). */
function ownIdentity(id: LetterIdentity): LetterIdentity {
  return { ...id, caseNumberText: own(id.caseNumberText), items: id.items.map((it) => ({ ...it, request: own(it.request) })) };
}

/** "Chronic Pain Medical Treatment 2016", "ODG", "8 CCR §9792": the guideline as a citation names it. */
function guidelineLabel(c: Citation): string {
  if (c.kind === 'non-mtus') return c.guideline === 'odg' ? 'ODG' : c.guideline.startsWith('acoem') ? 'ACOEM' : 'Non-MTUS';
  if (c.kind === 'regulation') return '8 CCR';
  return c.label ?? c.guideline;
}

/** The cited guideline for grouping: the knowledge base's title, ACOEM 2004 with its chapter. */
export function guidelineTitle(kb: Knowledge, c: Citation): string {
  const doc = findDocument(kb, c.guideline, c.edition) ?? kb.documents.find((d) => d.id === c.guideline) ?? null;
  const base = doc ? doc.title : c.guideline === 'mtus-unknown' ? `MTUS ${c.label ?? ''}`.trim() : (c.label ?? 'Other source');
  if (c.guideline === 'mtus-acoem' && c.chapter && (c.chapter.number !== null || c.chapter.name)) {
    const ch = [c.chapter.number !== null ? `Chapter ${c.chapter.number}` : '', c.chapter.name ?? ''].filter(Boolean).join(' ');
    return `ACOEM 2004 (MTUS), ${ch}`;
  }
  return base;
}

/** Longest closing sentence kept, in characters. */
const MAX_CLOSING = 400;

/**
 * The last sentence of a rationale: from after the last sentence end (see `nextSentenceStart`)
 * that precedes the final character, to the end. Scans back at most 2,000 characters.
 */
export function closingSentence(text: string): string | null {
  const s = text.trim();
  if (!s) return null;
  const stop = Math.max(0, s.length - 2000);
  let start = stop;
  for (let i = s.length - 2; i > stop; i--) {
    const next = nextSentenceStart(s, i);
    if (next >= 0) {
      start = next;
      break;
    }
  }
  const out = s.slice(start).trim();
  return out.length > MAX_CLOSING ? `${out.slice(0, MAX_CLOSING - 1)}…` : out;
}
