/**
 * What the insights need of one letter: its identity (to count a letter once when it is held as
 * text and PDF), header facts and, per disputed item, the decision, the request's category, drug
 * class and the guidelines the MAXIMUS block cites. Small enough to send from a worker thread or
 * to keep for ten thousand letters. Pure; never throws.
 */
import { findCitations } from '../citations';
import { classifyItems } from '../categories/classify';
import { bundledVocabulary, Vocabulary } from '../categories/vocabulary';
import { bundledKnowledge, Knowledge } from '../knowledge';
import { guidelineTitle } from '../library/entries';
import { identityOf, LetterIdentity } from '../library/identity';
import { SourceKind, sourceKindOf } from '../library/sources';
import { LineIndex } from '../lines';
import type { Decision, Letter } from '../types';

export interface InsightItem {
  readonly index: number;
  readonly request: string;
  readonly decision: Decision | null;
  /** Category id (`physical therapy`); see the request vocabulary. */
  readonly category: string;
  readonly drug: string | null;
  /** Drug class id (`opioid`), for pharmaceuticals; null when none is known. */
  readonly drugClass: string | null;
  readonly bodyPart: string | null;
  /** The guidelines the MAXIMUS block of the item cites, by title; empty when it cites none. */
  readonly guidelines: readonly string[];
  /** Zero-based line of the item heading in its file. */
  readonly line: number;
}

export interface InsightLetter {
  /** The file (path or URI). */
  readonly source: string;
  /** 1-based position in its file when the file holds several letters. */
  readonly letterInFile?: number;
  readonly kind: SourceKind;
  readonly identity: LetterIdentity;
  readonly caseNumber: string | null;
  /** ISO dates, or null. */
  readonly decisionDate: string | null;
  readonly assignedDate: string | null;
  readonly specialties: readonly string[];
  readonly items: readonly InsightItem[];
}

/** The insights read the guidelines of the MAXIMUS blocks only: the other blocks are not scanned. */
const MAXIMUS_ONLY: ReadonlySet<'maximus'> = new Set(['maximus'] as const);

/** The insight facts of the letters of one text (one, or several for a merged file). */
export function insightLetters(
  letters: readonly Letter[],
  text: string,
  source: string,
  vocabulary: Vocabulary = bundledVocabulary(),
  kb: Knowledge = bundledKnowledge(),
  lines: LineIndex = new LineIndex(text),
): InsightLetter[] {
  const real = letters.filter((l) => l.isLetter);
  return real.map((letter, k) => {
    const facts = classifyItems(letter.items.map((it) => it.request), vocabulary, { quantity: false });
    let citations: ReturnType<typeof findCitations> = [];
    try {
      citations = findCitations(letter, text, kb, MAXIMUS_ONLY);
    } catch {
      citations = [];
    }
    const guidelines = new Map<number, string[]>();
    for (const c of citations) {
      if (c.block !== 'maximus' || c.itemIndex === null) continue;
      const title = guidelineTitle(kb, c);
      const list = guidelines.get(c.itemIndex) ?? [];
      if (!list.includes(title)) list.push(title);
      guidelines.set(c.itemIndex, list);
    }
    const out: InsightLetter = {
      source,
      ...(real.length > 1 ? { letterInFile: k + 1 } : {}),
      kind: sourceKindOf(source, letter.layout),
      identity: identityOf(letter),
      caseNumber: letter.caseNumber?.text ?? null,
      decisionDate: letter.dates.decision?.iso ?? null,
      assignedDate: letter.dates.assigned?.iso ?? null,
      specialties: [...letter.reviewer.specialties],
      items: letter.items.map((it, i) => ({
        index: it.index,
        request: it.request,
        decision: it.decision,
        category: facts[i].category,
        drug: facts[i].drug,
        drugClass: facts[i].drugClass,
        bodyPart: facts[i].bodyParts.length ? facts[i].bodyParts.join('; ') : null,
        guidelines: guidelines.get(it.index) ?? [],
        line: lines.positionAt(it.heading.start).line,
      })),
    };
    return out;
  });
}
