/**
 * Knowledge facts in words: a guideline's stated limits and where an entry sits in its document.
 * One place for these renderings, so the hover, the diagnostics and the extraction say the same.
 */
import type { EntryLocator, Limit } from './types';

/** "6-10" (lists) or "6 to 10" (sentences); one number when min and max agree or min is absent. */
function amount(min: number | undefined, max: number, sep: '-' | ' to '): string {
  return min !== undefined && min !== max ? `${min}${sep}${max}` : `${max}`;
}

/** A number and its unit for a list line: a unit in the plural ("weeks", "working days") is singular after exactly 1. */
function counted(min: number | undefined, max: number, unit: string): string {
  const one = (min === undefined || min === max) && max === 1 && /s$/.test(unit);
  return `${amount(min, max, '-')} ${one ? unit.slice(0, -1) : unit}`;
}

/**
 * A limit as a list line: "initial psychotherapy trial: 3-4 visits over 2 weeks", "CRPS (ICD-9
 * 337.2): 24 visits over 16 weeks", "home trial: 1 month", "... , with objective functional improvement".
 */
export function formatLimit(l: Limit): string {
  let s = counted(l.min, l.max, l.unit);
  if (l.per) s += ` per ${l.per}`;
  if (l.over) s += ` over ${counted(l.over.min, l.over.max, l.over.unit)}`;
  const req = l.requires ? `, with ${l.requires}` : '';
  if (l.condition && l.label === l.unit) return `${l.condition}: ${s}${req}`;
  const cond = l.condition ? ` (${l.condition})` : '';
  return `${l.label}${cond}: ${s}${req}`;
}

/**
 * A limit inside a sentence: "at most 18 visits over 6 to 8 weeks, with objective functional
 * improvement (total)", "an initial trial of 3 to 4 visits over 2 weeks (initial trial)".
 */
export function limitPhrase(l: Limit): string {
  const n = amount(l.min, l.max, ' to ');
  const over = l.over ? ` over ${amount(l.over.min, l.over.max, ' to ')} ${l.over.unit}` : '';
  const cond = l.condition ? ` for ${l.condition}` : '';
  const req = l.requires ? `, with ${l.requires}` : '';
  return `${l.kind === 'initial' ? 'an initial trial of' : 'at most'} ${n} ${l.unit}${over}${cond}${req} (${l.label})`;
}

/** "p. 23" / "pp. 98-99" (short) or "page 23" / "pages 98-99" (long). */
export function pagesText(from: number, to: number, style: 'short' | 'long' = 'short'): string {
  if (style === 'long') return from === to ? `page ${from}` : `pages ${from}-${to}`;
  return from === to ? `p. ${from}` : `pp. ${from}-${to}`;
}

/** Where an entry sits, for a heading beside its topic: "chapter 15, p. 400", "section 3.3.9". */
export function entryPlace(l: EntryLocator): string {
  const where: string[] = [];
  if (l.chapter) where.push(`chapter ${l.chapter}`);
  if (l.table) where.push(`Table ${l.table}`);
  if (l.pages) where.push(pagesText(l.pages.from, l.pages.to));
  if (l.sectionNumber) where.push(`section ${l.sectionNumber}`);
  return where.join(', ');
}
