/**
 * A letter's era: the date its citations are read against (regulation texts and guideline
 * editions changed over time), from its decision date or, failing that, its format.
 */
import type { Letter } from '../types';
import { bundledKnowledge } from './bundled';
import type { Knowledge, RegulationEra } from './types';


/** The date a letter's citations are read against, and why. */
export interface LetterEra {
  /** ISO date the regulations are resolved for; null when unknown. */
  readonly date: string | null;
  /** Era id from the regulation document (`2009`, `2015`, ...), or null. */
  readonly era: string | null;
  /** True when `date` is not written in the letter but stands in for its format's period. */
  readonly nominal: boolean;
  readonly basis: string;
}

/** Nominal date for letters whose format dates them but which carry no date (F1a seeds: 2013-2015). */
const FORMAT_DATES: Partial<Record<string, { date: string; basis: string }>> = {
  F1a: {
    date: '2014-06-30',
    basis: 'no decision date in the letter; its format (the "Page(s):" letters of 2013 to early 2015) dates it before the April 2015 amendments',
  },
  F0: { date: '2013-09-01', basis: 'no decision date in the letter; its format is the 2013 notice' },
};

/** Era of a letter: its decision date, else the date its format implies. */
export function letterEra(letter: Letter, kb: Knowledge = bundledKnowledge()): LetterEra {
  const iso = letter.dates.decision?.iso ?? null;
  if (iso) return erasOf(kb).get(iso) ?? remember(kb, iso, { date: iso, era: eraOf(kb, iso), nominal: false, basis: `the letter's decision date, ${iso}` });
  const f = FORMAT_DATES[letter.format];
  if (f) {
    const key = `\0${letter.format}`;
    return erasOf(kb).get(key) ?? remember(kb, key, { date: f.date, era: eraOf(kb, f.date), nominal: true, basis: f.basis });
  }
  return NO_ERA;
}

const NO_ERA: LetterEra = { date: null, era: null, nominal: false, basis: 'the letter has no decision date and its format does not date it' };

/**
 * Eras already worked out, per knowledge base (which never changes once built), by decision date
 * or format: every letter's citations are read with its era, and most letters share a few dates.
 * Shared and read-only; forgotten all at once when `MAX_ERAS` are held.
 */
const ERAS = new WeakMap<Knowledge, Map<string, LetterEra>>();
const MAX_ERAS = 5000;

/** The eras worked out for `kb` (looked up before one is made: no closure per letter). */
function erasOf(kb: Knowledge): Map<string, LetterEra> {
  let m = ERAS.get(kb);
  if (!m) ERAS.set(kb, (m = new Map()));
  return m;
}

function remember(kb: Knowledge, key: string, era: LetterEra): LetterEra {
  const m = erasOf(kb);
  if (m.size >= MAX_ERAS) m.clear();
  m.set(key, era);
  return era;
}

/** Era id (from the regulation document's `eras`) in force on `date`. */
export function eraOf(kb: Knowledge, date: string): string | null {
  for (const doc of kb.documents) {
    for (const e of doc.eras ?? []) if (e.from <= date && (e.to === undefined || date <= e.to)) return e.id;
  }
  return null;
}

/** The era record for an id. */
export function eraById(kb: Knowledge, id: string): RegulationEra | null {
  for (const doc of kb.documents) for (const e of doc.eras ?? []) if (e.id === id) return e;
  return null;
}

/** Edition of the Chronic Pain guideline in force on a date (2016 from 2016-07-28). */
export function cpmtgEditionFor(date: string | null): '2009' | '2016' {
  return date !== null && date >= '2016-07-28' ? '2016' : '2009';
}
