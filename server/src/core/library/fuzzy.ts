/**
 * Fuzzy matching of a query against a name, as VS Code's Go to Symbol matches: every character of
 * the query appears in the name in order, case ignored, each one at the start of a word or right
 * after the one before (the first at the start of a word); a
 * match scores higher when its characters are consecutive, start words, or start the name, and when
 * the name is shorter. "norco" matches
 * "Norco 10/325mg #60" best (prefix), "Refill of Norco" next (word start), "Nortriptyline
 * cobalt..." last (scattered). Spaces in the query are ignored, as VS Code ignores them.
 *
 * A contiguous match (the query as a substring at a word start) always ranks above a scattered
 * one. Linear in the length of the name: one pass over the word starts holding the first
 * character (each tried for a contiguous match, at most the query's length), one greedy pass.
 */

/** The query prepared once: lower case, spaces dropped. */
export function prepareQuery(query: string): string {
  return query.toLowerCase().replace(/\s+/g, '');
}

function isWordStart(name: string, i: number): boolean {
  if (i === 0) return true;
  const p = name.charCodeAt(i - 1);
  const c = name.charCodeAt(i);
  const alnum = (x: number) => (x >= 48 && x <= 57) || (x >= 65 && x <= 90) || (x >= 97 && x <= 122);
  if (!alnum(p)) return true;
  // A capital after a small letter ("NorcoTablets") or a digit after a letter.
  return (c >= 65 && c <= 90 && p >= 97 && p <= 122) || (c >= 48 && c <= 57 && !(p >= 48 && p <= 57));
}

/**
 * Score of `query` (from `prepareQuery`) in `name` (`lower` its lower-cased form), or 0 when the
 * query's characters do not all appear in order. An empty query scores 1 for every name.
 */
export function fuzzyScore(query: string, name: string, lower = name.toLowerCase()): number {
  if (query.length === 0) return 1;
  if (query.length > lower.length) return 0;
  const first = query.charCodeAt(0);
  // The first character of the query must start a word of the name, as in VS Code.
  let from = -1;
  for (let i = lower.indexOf(query[0]); i >= 0; i = lower.indexOf(query[0], i + 1)) {
    if (lower.charCodeAt(i) === first && isWordStart(name, i)) {
      // A contiguous match at a word start ranks above any scattered one.
      if (lower.startsWith(query, i)) {
        const bonus = i === 0 ? 400 : 200;
        return 5000 + bonus + query.length * 10 - Math.min(lower.length, 200);
      }
      if (from < 0) from = i;
    }
  }
  if (from < 0) return 0;
  // Scattered: greedy from the first word start of the first character; every further character
  // follows the one before it or starts a word ("pt" in "Physical Therapy", not "norco" in
  // "Wound care nurse ... to ... right").
  let score = 0;
  let j = 0;
  let prev = -2;
  for (let i = from; i < lower.length && j < query.length; i++) {
    if (lower.charCodeAt(i) !== query.charCodeAt(j)) continue;
    const next = i === prev + 1;
    const word = isWordStart(name, i);
    if (j > 0 && !next && !word) continue;
    score += 1 + (next ? 5 : 0) + (word ? 8 : 0) + (i === 0 ? 8 : 0);
    prev = i;
    j++;
  }
  if (j < query.length) return 0;
  return 100 + score * 4 - Math.min(lower.length, 200);
}

/** The bit of a lower-case letter (0-25) or digit (26-30, two digits a bit); 0 for anything else. */
function charBit(c: number): number {
  if (c >= 97 && c <= 122) return 1 << (c - 97);
  if (c >= 48 && c <= 57) return 1 << (26 + ((c - 48) >> 1));
  return 0;
}

/**
 * Which letters and digits a lower-case text holds, a bit each (digits two to a bit): a name can
 * match a query only when its mask holds the query's.
 */
export function charMask(lower: string): number {
  let m = 0;
  for (let i = 0; i < lower.length; i++) m |= charBit(lower.charCodeAt(i));
  return m;
}

/**
 * Which letters and digits start a word of a name (`isWordStart`), a bit each: a name can match a
 * query only when the query's first character is among them.
 */
export function wordStartMask(name: string, lower = name.toLowerCase()): number {
  // Lower-casing changed the length (a rare Unicode letter): every bit, rather than a wrong one.
  if (lower.length !== name.length) return 0x7fffffff;
  let m = 0;
  for (let i = 0; i < name.length; i++) if (isWordStart(name, i)) m |= charBit(lower.charCodeAt(i));
  return m;
}

/** The bit of the first character of a prepared query for `wordStartMask` (0: no letter or digit). */
export function firstCharBit(query: string): number {
  return query.length ? charBit(query.charCodeAt(0)) : 0;
}
