/**
 * Comparison keys for the names letters write (section and topic names, guideline labels), and
 * whether a topic as written agrees with an entry.
 */
import type { KnowledgeEntry } from './types';

/**
 * Comparison key for section and topic names: case, punctuation, parenthetical glosses and
 * `&`/`and` differences ignored, so "NSAIDs (non-steroidal anti-inflammatory drugs)" = "NSAIDs",
 * "Electro-diagnostic testing" = "Electrodiagnostic testing", "Forearm, Wrist, & Hand" =
 * "Forearm, Wrist and Hand".
 */
export function nameKey(s: string): string {
  return memoKey(NAME_KEYS, s, computeNameKey);
}

const PARENTHESES = /\([^()]{0,200}\)/g;
const AMPERSANDS = /&/g;
const NOT_ALNUM_RUNS = /[^a-z0-9]+/g;

function computeNameKey(s: string): string {
  const bounded = s.length > 400 ? s.slice(0, 400) : s;
  const lower = bounded.toLowerCase();
  let k = lower.replace(PARENTHESES, ' ').replace(AMPERSANDS, ' and ').replace(NOT_ALNUM_RUNS, '');
  if (k.length === 0) k = lower.replace(NOT_ALNUM_RUNS, '');
  return k;
}

/** Key for a guideline label: words and year, e.g. "stress related conditions 2004". */
export function labelKey(s: string): string {
  return memoKey(LABEL_KEYS, s, computeLabelKey);
}

function computeLabelKey(s: string): string {
  return s.toLowerCase().replace(AMPERSANDS, ' and ').replace(NOT_ALNUM_RUNS, ' ').trim();
}

// Keys are computed for the same few hundred names over and over (every lookup of every letter);
// a bounded cache keeps that cheap without growing without limit.
const NAME_KEYS = new Map<string, string>();
const LABEL_KEYS = new Map<string, string>();
const MAX_CACHED_KEYS = 20000;

function memoKey(cache: Map<string, string>, s: string, compute: (s: string) => string): string {
  let k = cache.get(s);
  if (k === undefined) {
    if (cache.size >= MAX_CACHED_KEYS) cache.clear();
    k = compute(s);
    cache.set(s, k);
  }
  return k;
}

/** True when a topic as written agrees with an entry's topic or one of its aliases. */
export function topicsAgree(written: string, entry: KnowledgeEntry): boolean {
  const w = nameKey(written);
  if (w.length < 3) return false;
  if (keysAgree(w, entry.topic)) return true;
  for (const name of entry.aliases ?? []) if (keysAgree(w, name)) return true;
  return false;
}

/** True when the key `w` (of three characters or more) and the key of `name` agree: one holds the other. */
export function keysAgree(w: string, name: string): boolean {
  const k = nameKey(name);
  return k.length >= 3 && (w === k || w.includes(k) || k.includes(w));
}
