/**
 * The case summary in brief: diagnoses, treatments and medications named in the clinical case
 * summary narrative, read from the phrases reviewers use ("being treated for ...", "Diagnoses
 * include ...", "Treatment to date has included ...", "Current medications included ...").
 * A heuristic over free text: it returns what those phrases name, with the source span of each
 * phrase, and nothing when the narrative words things differently.
 */
import type { Letter, Span } from './types';

export interface NamedThing {
  readonly text: string;
  /** The sentence it was read from. */
  readonly span: Span;
}

export interface CaseSummary {
  readonly diagnoses: readonly NamedThing[];
  readonly treatments: readonly NamedThing[];
  readonly medications: readonly NamedThing[];
}

/** Longest summary text searched (summaries run to a few thousand characters). */
const MAX_SUMMARY = 20000;
/** Most diagnoses (treatments, medications) listed; a summary names a handful. */
const MAX_NAMED = 100;
/** Longest phrase read after a cue. */
const MAX_PHRASE = 300;

const CUES: { kind: keyof CaseSummary; re: RegExp }[] = [
  { kind: 'diagnoses', re: /\bdiagnos[ei]s\s+(?:are|were|was|is|include[sd]?|included|consist(?:s|ed)? of)\s+(?:documented as\s+|listed as\s+|noted as\s+)?/gi },
  { kind: 'diagnoses', re: /\bdiagnos[ei]s\s*(?:of|:)\s*/gi },
  { kind: 'diagnoses', re: /\b(?:being|was|is|been)\s+treated\s+for\s+/gi },
  { kind: 'diagnoses', re: /\bundergoing\s+treatment\s+for\s+/gi },
  // No optional word between two blank runs ("\s+(has)?\s*"): on a long run of blanks that
  // backtracks quadratically. The auxiliary carries its own blanks instead.
  { kind: 'treatments', re: /\b(?:prior\s+)?treatments?(?:\s+to\s+date)?\s+(?:(?:has|have|had)\s+)?(?:included|includes|include|consisted of|consists of)\s+/gi },
  { kind: 'treatments', re: /\btreatment\s+to\s+date\s*(?::|was|were)\s*/gi },
  { kind: 'medications', re: /\bmedications?\s+(?:(?:has|have)\s+)?(?:included|includes|include|consisted of|consist of|were|are)\s+/gi },
];

/** A negation right before a cue: "was not being treated for", "No medications were". */
const NEGATED_BEFORE = /\b(?:not|never|no|without)\s+(?:(?:yet|been|being|currently|further|other|additional)\s+)*$/i;
/** What a cue names that is no thing: "Medications were prescribed", "were not documented". */
const NO_THING = /^(?:not (?:noted|documented|provided|listed|given)|none|unknown|medications?|prescribed|provided|given|noted|documented|listed|reported|unchanged|continued)$/i;

/** Reads the clinical case summary of a letter. */
export function caseSummary(letter: Letter, text: string): CaseSummary {
  const out: Record<keyof CaseSummary, NamedThing[]> = { diagnoses: [], treatments: [], medications: [] };
  const section = letter.sections.find((s) => s.kind === 'summary');
  if (!section) return out;
  const from = section.heading.end;
  const to = Math.min(section.span.end, from + MAX_SUMMARY);
  const body = text.slice(from, to).replace(/[\r\n\f]+/g, ' ');
  const seen = new Set<string>();
  for (const cue of CUES) {
    cue.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = cue.re.exec(body))) {
      // "He was not being treated for diabetes": what the letter denies is not named.
      if (NEGATED_BEFORE.test(body.slice(Math.max(0, m.index - 24), m.index))) continue;
      const start = m.index + m[0].length;
      const phrase = sentenceRest(body, start);
      for (const part of splitList(phrase.text)) {
        const key = `${cue.kind}:${part.toLowerCase()}`;
        if (seen.has(key) || out[cue.kind].length >= MAX_NAMED) continue;
        seen.add(key);
        out[cue.kind].push({ text: part, span: { start: from + m.index, end: from + start + phrase.length } });
      }
    }
  }
  return out;
}

/** The rest of the sentence from `start` (to a period that ends a sentence), capped. */
function sentenceRest(s: string, start: number): { text: string; length: number } {
  const limit = Math.min(s.length, start + MAX_PHRASE);
  let end = start;
  while (end < limit) {
    const c = s.charCodeAt(end);
    // A period followed by a space and a capital (or the end) ends the sentence; "2.5 mg" does not.
    if (c === 46 && (end + 1 >= s.length || (s.charCodeAt(end + 1) === 32 && /[A-Z(]/.test(s[end + 2] ?? 'A')))) break;
    end++;
  }
  return { text: s.slice(start, end).replace(/\s+/g, ' ').trim(), length: end - start };
}

/**
 * "A, B, and C" / "A; B" -> entries; drops fillers and dates. A bare "and" is not split on:
 * "cervical and lumbar spine strain" is one diagnosis.
 */
function splitList(phrase: string): string[] {
  return phrase
    .split(/\s*;\s*|,\s*(?:and\s+|or\s+)?/)
    .map((p) => p.replace(/^(?:the|a|an|and|or|with|of)\s+/i, '').replace(/\s+(?:on|dated?)\s+\d[\d/-]*$/i, '').trim())
    .filter((p) => p.length > 1 && p.length <= 120 && !NO_THING.test(p));
}

