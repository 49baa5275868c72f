/**
 * Partial authorizations: "<original> was the original request. <authorized> was authorized by the
 * Claims Administrator. The remaining IMR eligible portion of the original request, <remainder>".
 * When the three parts state the same kind of quantity as numbers, original − authorized must equal
 * the remainder (Norco #60, #25 authorized, #35 decided).
 *
 * Quantities are compared by what they count: `#60` counts by "#", "12 sessions" by "session",
 * "times 6" by what follows "times", "(12)" by the parentheses. A unit that appears in all three
 * parts with values that are not all equal is a quantity the heading splits; if at least one such
 * unit adds up, the heading is consistent. Parts with no common varying unit (a different service
 * authorized, a refill count that only the remainder states) are not numeric and are not checked.
 */
import { itemLabel, Rule } from '../diagnostics/context';
import { isDigitCode } from '../collapse';

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, ninety: 90,
  single: 1, once: 1, twice: 2,
};

/** The number words by the code of their first letter: a token is compared with the few that
 *  start as it does (looking a new string up as a property name costs more, for every word). */
const NUMBER_WORDS_BY_INITIAL: (string[] | undefined)[] = new Array(128).fill(undefined);
for (const w of Object.keys(NUMBER_WORDS)) (NUMBER_WORDS_BY_INITIAL[w.charCodeAt(0)] ??= []).push(w);

/** The value of a number word ("six", "twice"), or undefined. */
function numberWord(t: string): number | undefined {
  const c = t.charCodeAt(0);
  const words = c < 128 ? NUMBER_WORDS_BY_INITIAL[c] : undefined;
  if (words !== undefined) for (const w of words) if (w === t) return NUMBER_WORDS[w];
  return undefined;
}

/** Longest part the quantity reader looks at (headings are capped by the parser too). */
const MAX_PART = 1000;

/** The heading's tokens: "#60", "(60)", words, numbers with a unit glued on, any other character. */
const QUANTITY_TOKENS = /#\s*\d+(?:\.\d+)?|\(\s*\d+\s*\)|[a-z][a-z'-]*|\d+(?:\.\d+)?[a-z%]*|\S/g;
const HAS_DIGIT = /\d/;
const NUMBER = /^\d+(?:\.\d+)?$/;
const LOWER_START = /^[a-z]/;
const NUMBER_WITH_UNIT = /^(\d+(?:\.\d+)?)([a-z%]+)$/;
const NOT_WORD_RUNS = /[^a-z0-9#]+/g;

/** Unit → first value, for one part of the heading. */
export function quantities(s: string): Map<string, number> {
  const out = new Map<string, number>();
  const tokens = s.slice(0, MAX_PART).toLowerCase().match(QUANTITY_TOKENS) ?? [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    let value: number | null = null;
    let unit: string | null = null;
    if (t[0] === '#') {
      value = Number(t.slice(1).trim());
      unit = '#';
    } else if (t[0] === '(' && HAS_DIGIT.test(t)) {
      value = Number(t.slice(1, -1).trim());
      unit = '()';
    } else if ((isDigitCode(t.charCodeAt(0)) && NUMBER.test(t)) || numberWord(t) !== undefined) {
      value = isDigitCode(t.charCodeAt(0)) ? Number(t) : numberWord(t)!;
      const prev = tokens[i - 1] ?? '';
      const next = tokens[i + 1] ?? '';
      if (prev === 'times' || prev === 'x' || prev === '×') unit = `${prev}→`;
      else if (LOWER_START.test(next)) unit = singular(next);
      else if (next === '-' || next === '/') unit = null; // part of a range or a dose, not a count
      else unit = 'bare';
    } else if (isDigitCode(t.charCodeAt(0)) && NUMBER_WITH_UNIT.test(t)) {
      // "75mg", "6x": a number glued to its unit
      const m = NUMBER_WITH_UNIT.exec(t)!;
      value = Number(m[1]);
      unit = singular(m[2]);
    }
    if (value === null || unit === null || !Number.isFinite(value)) continue;
    if (!out.has(unit)) out.set(unit, value);
  }
  return out;
}

function singular(w: string): string {
  if (w === 'times' || w === 'time') return 'time';
  return w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
}

export interface Arithmetic {
  unit: string;
  original: number;
  authorized: number;
  remainder: number;
}

/** Null when the parts are not comparable numbers; `ok` when some shared quantity adds up. */
export function checkArithmetic(original: string, authorized: string, remainder: string): { ok: boolean; first: Arithmetic } | null {
  const o = quantities(original);
  const a = quantities(authorized);
  const r = quantities(remainder);
  let first: Arithmetic | null = null;
  for (const [unit, ov] of o) {
    const av = a.get(unit);
    const rv = r.get(unit);
    if (av === undefined || rv === undefined) continue;
    if (ov === av && av === rv) continue; // not a quantity the heading splits
    const row = { unit, original: ov, authorized: av, remainder: rv };
    if (Math.abs(ov - av - rv) < 1e-9) return { ok: true, first: row };
    first ??= row;
  }
  return first ? { ok: false, first } : null;
}

/** `s` as compared for "the same request written twice": its letters, digits and "#" only, so
 *  that a word one copy breaks by a space ("Phys ical therapy") does not tell the copies apart. */
function norm(s: string): string {
  return s.toLowerCase().replace(NOT_WORD_RUNS, '');
}

export const partialArithmetic: Rule = {
  code: 'partial-authorization-arithmetic',
  defaultSeverity: 'warning',
  description: 'In a partial authorization, the original quantity minus the authorized quantity is not the remaining quantity.',
  cost: 'essential',
  source: 'letter',
  check(ctx) {
    const { items } = ctx.letter;
    for (let k = 0; k < items.length; k++) {
      const item = items[k];
      const pa = item.partialAuthorization;
      if (!pa || pa.authorized === null) continue;
      // "... leaving the original request IMR eligible. The original request, X": nothing was split.
      if (norm(pa.original) === norm(pa.remainder)) continue;
      const result = checkArithmetic(pa.original, pa.authorized, pa.remainder);
      if (!result || result.ok) continue;
      const { unit, original, authorized, remainder } = result.first;
      const u = unit === '#' ? '#' : unit === '()' || unit === 'bare' || unit.endsWith('→') ? '' : ` ${unit}`;
      const show = (v: number) => (unit === '#' ? `#${v}` : `${v}${u}`);
      ctx.report(
        'partial-authorization-arithmetic',
        item.requestSpan,
        `Item ${itemLabel(ctx, item)}: the partial authorization does not add up: ${show(original)} requested − ` +
          `${show(authorized)} authorized = ${show(original - authorized)}, but the remaining portion is ${show(remainder)}. ` +
          'Check the three quantities in the heading.',
        { data: { item: item.index, ...result.first, expected: original - authorized } },
      );
    }
  },
};

export const rules: readonly Rule[] = [partialArithmetic];
