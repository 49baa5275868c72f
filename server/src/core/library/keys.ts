/**
 * Reference keys of citations: two citations point at the same place in the guidelines when they
 * have the same key, whatever the letter, the era's citation style or where in a `Section(s):` list
 * or a chain the locator stands.
 *
 *  - a page: `guideline|edition|p:N`, one key per page of a range (at most 50), so "pp. 98-99" is
 *    found from page 98 and from page 99; a table cited without a page `...|t:12-8`;
 *  - a section: `guideline|edition|s:NAME` (its number when it has one, `3.3.9`); ACOEM 2004 sections
 *    repeat from chapter to chapter ("Physical Methods"), so theirs carry the chapter: `s:12/physicalmethods`;
 *  - a regulation: `ccr-9792|ERA|r:9792.20(f)`, the era the letter reads it in being the edition
 *    (9792.20(f) meant another thing before 2015);
 *  - a non-MTUS topic: `odg|current|o:TOPIC`;
 *  - the guideline itself: `guideline|edition` (`guidelineKey`), what a citation naming no locator
 *    points at, and what every citation of that guideline shares.
 *
 * Names compare reduced to ASCII letters and digits (`reduce`), so spacing, case and punctuation
 * differences between extractors do not matter.
 */
import type { Citation, Locator } from '../citations';
import { reduce } from './identity';

/** Most pages of one range given a key each. */
const MAX_PAGES = 50;

export function guidelineKey(c: Citation): string {
  return `${c.guideline}|${c.edition}`;
}

/** The keys of one locator of a citation (several for a page range). */
export function locatorKeys(c: Citation, l: Locator): string[] {
  const g = guidelineKey(c);
  switch (l.kind) {
    case 'page': {
      if (l.from === null || l.to === null) return l.table ? [`${g}|t:${l.table}`] : [];
      const out: string[] = [];
      const last = Math.min(Math.max(l.from, l.to), l.from + MAX_PAGES - 1);
      for (let p = l.from; p <= last; p++) out.push(`${g}|p:${p}`);
      return out;
    }
    case 'section': {
      const name = l.number ?? reduce(l.name);
      if (!name) return [];
      const chapter = c.guideline === 'mtus-acoem' ? `${c.chapter?.number ?? reduce(c.chapter?.name ?? '')}/` : '';
      return [`${g}|s:${chapter}${name}`];
    }
    case 'regulation':
      return [`${g}|r:${l.section}${l.subdivision ? `(${l.subdivision.toLowerCase()})` : ''}`];
    case 'topic': {
      const name = reduce(l.name);
      return name ? [`${g}|o:${name}`] : [];
    }
  }
}

/** Every key a citation is found by: its locators' keys, or the guideline's when it has none. */
export function citationKeys(c: Citation): string[] {
  if (c.locators.length === 0) return [guidelineKey(c)];
  const out: string[] = [];
  for (const l of c.locators) for (const k of locatorKeys(c, l)) if (!out.includes(k)) out.push(k);
  return out;
}

/** A key for people: "MTUS Chronic Pain 2016, Opioids" is shown from the citation; this is the fallback. */
export function isGuidelineKey(key: string): boolean {
  return key.split('|').length === 2;
}
