/**
 * The quantity a request asks for: visits and sessions ("12 sessions", "2 times a week for 6
 * weeks", "2x6", "times 6", "(x4)"), a dispensed count ("#60", "#1 box"), an amount ("240 grams",
 * "500ml") or a length of time ("30 day rental", "one month supply"). Doses ("10/325mg", "5%"),
 * dates and spinal levels are not quantities.
 *
 * Every expression runs on one request, capped in length, and has no nested quantifier over the
 * same characters (see test/robustness/REGEX-REVIEW.md).
 */

export interface Quantity {
  /** How many in all (for a frequency times a duration, the product; for a range, its upper bound). */
  readonly count: number;
  /** What is counted: visits, sessions, treatments, tablets, grams, ml, days, weeks, months, ...; null when not written. */
  readonly unit: string | null;
  /** Frequency per week times weeks, as `2x6` (`2-3x6` for a range), when the request is written so. */
  readonly schedule: string | null;
  /** The words it was read from (lower case, numbers as digits). */
  readonly text: string;
}

const MAX = 600;

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  'twenty-four': 24, thirty: 30, sixty: 60, ninety: 90,
};
const NUMBER_WORD = /\b(?:twenty-four|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|sixty|ninety)\b/g;

const BLANKS = /\s+/g;
const TIMES_WORD = /\b(?:twice|once|thrice)\b/g;
const TIMES_OF: Record<string, string> = { twice: '2 times', once: '1 times', thrice: '3 times' };
/** The unit a visit schedule names, and a visit word. */
const SCHEDULE_UNIT = /sessions?|treatments?/;
const VISIT_WORD = /\b(sessions?|visits?)\b/;
/** "8 (8)": a number repeated in digits. */
const REPEATED = /\b(\d{1,4}) ?\((\d{1,4})\)/g;

/** A blank other than a space, or a space before another blank: what collapsing blanks changes. */
const ODD_BLANK = /[^\S ]| \s/;

/**
 * Lower case, number words as digits, "twice" as "2 times", "eight (8)" as "8". Each replacement
 * is made only where a test finds something to replace: most requests have none, and a test is a
 * fraction of the cost of a replacement that finds nothing.
 */
export function normalizeQuantityText(s: string): string {
  let t = (s.length > MAX ? s.slice(0, MAX) : s).toLowerCase();
  if (ODD_BLANK.test(t)) t = t.replace(BLANKS, ' ');
  // A global expression's test starts where its last match ended: from the start here.
  NUMBER_WORD.lastIndex = 0;
  if (NUMBER_WORD.test(t)) t = t.replace(NUMBER_WORD, (w) => String(NUMBER_WORDS[w]));
  // Each of the words ends with "ce"; a repeated number needs its "(".
  if (t.includes('ce')) t = t.replace(TIMES_WORD, (w) => TIMES_OF[w]);
  if (t.includes('(')) t = t.replace(REPEATED, (m, a: string, b: string) => (a === b ? a : m));
  return t;
}

// Not a dose, a date, a pill count or a spinal level: "10/325", "7.5", "12/07", "#60", "L4-5".
const NOT_AFTER = '(?<![#\\d./-])';
const N = '(\\d{1,4})(?: ?- ?(\\d{1,4}))?';
const PER_WEEK = '(?: ?(?:(?:a|per|each|every|/) ?(?:week|wk)|weekly))';
const CONNECT = '(?: ?(?:for|over|x|times|×))';
const UNIT_WORD = '(?:sessions?|visits?|treatments?)';
/** "2 times a week for 6 weeks", "2x6", "2-3 times per week x 4", "1 time a week for 6 weeks". */
const SCHEDULE = new RegExp(`${NOT_AFTER}\\b${N} ?(?:x|times?|×)${PER_WEEK}?${CONNECT}? ?${N}(?: ?(?:weeks?|wks?))?(?![\\w/.%])`);
/** "3 visits per week for 2 weeks". */
const SCHEDULE_BY_UNIT = new RegExp(`${NOT_AFTER}\\b${N} ?${UNIT_WORD}${PER_WEEK}${CONNECT}? ?${N} ?(?:weeks?|wks?)\\b`);
/** "12 sessions", "6 more CBT sessions", "1-2 visits", "8 physical therapy sessions". */
const COUNTED = new RegExp(`${NOT_AFTER}\\b${N} (?:(?:additional|more|further|initial) )?(?:[a-z/&-]{1,30} ){0,4}?(${UNIT_WORD})\\b`);
/** "(12 sessions)", "(8)", "(x4)". */
const EXPLICIT = /\((?: ?x ?)?(\d{1,4}) ?(sessions?|visits?|treatments?)? ?\)/;
/** "#60", "#1 box", "# 30 tablets". */
const PILLS = /#\s?(\d{1,5}(?:\.\d{1,3})?)(?: ?(tablets?|tabs?|capsules?|caps?|patch(?:es)?|boxe?s?|bottles?|tubes?|containers?|jars?|kits?|grams?|gm|g|ml|units?|sessions?|visits?))?\b/g;
/** "Tylenol #3", "Tylenol with codeine #4": the product's strength, not a count. */
const STRENGTH_BEFORE = /(?:tylenol|codeine) ?$/;
/** "times 6", "x 12". */
const TIMES = /\b(?:times|x|×) ?(\d{1,4})\b(?! ?(?:\/|mg|mcg|ml|%|hours?|refills?|tabs?|tablets?|caps(?:ules?)?|days? a|days? ?\/|a day))/;
const AMOUNT = new RegExp(`${NOT_AFTER}\\b(\\d{1,5}(?:\\.\\d{1,3})?) ?(grams?|gm|g|ml|ounces?|oz)\\b(?! ?/)`);
/** "30 day rental", "6 weeks"; not a rate ("5 days a week", "5 days per week", "5 days/week"),
 *  nor when or how often ("follow-up in 4 weeks", "within 2 weeks", "every 3 months"). */
const DURATION = new RegExp(`${NOT_AFTER}(?<!\\b(?:in|within|every|each|after|before) )\\b${N} ?-? ?(days?|weeks?|months?)\\b(?! (?:a|per) | ?\\/)`);
/** "1 container of", "2 boxes". */
const PACKAGES = new RegExp(`${NOT_AFTER}\\b(\\d{1,4}) (containers?|boxe?s?|tubes?|bottles?|jars?|kits?|packs?)\\b`);
const FORM = /\b(tablets?|tabs?|capsules?|caps|patch(?:es)?)\b/;

function num(s: string | undefined): number | null {
  return s === undefined ? null : Number(s);
}

const SINGULAR: Record<string, string> = {
  tablets: 'tablet', capsules: 'capsule', grams: 'gram', ounces: 'ounce', patches: 'patch', boxes: 'box', visits: 'visit',
  sessions: 'session', treatments: 'treatment', days: 'day', weeks: 'week', months: 'month', bottles: 'bottle', tubes: 'tube',
  containers: 'container', jars: 'jar', kits: 'kit', units: 'unit', packs: 'pack',
};

/** The unit as counted: plural, or singular for one ("1 box", "60 tablets", "500 ml"). */
function unitFor(unit: string, count: number): string {
  const p = plural(unit);
  return count === 1 ? (SINGULAR[p] ?? p) : p;
}

function plural(unit: string): string {
  const u = unit.toLowerCase();
  if (u === 'ml' || u === 'mls') return 'ml';
  if (u === 'tab' || u === 'tabs' || u === 'tablet') return 'tablets';
  if (u === 'cap' || u === 'caps' || u === 'capsule') return 'capsules';
  if (u === 'gm' || u === 'g' || u === 'gram') return 'grams';
  if (u === 'oz' || u === 'ounce') return 'ounces';
  if (u === 'patch') return 'patches';
  if (u === 'box') return 'boxes';
  return u.endsWith('s') ? u : `${u}s`;
}

function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/**
 * The one dispensed count ("#60") of a request: a "#" after "Tylenol" or "codeine" names the
 * product's strength ("Tylenol #3 #60"); two different counts left ("Norco #60 and Soma #30")
 * are two requests' and neither is the request's, so none is read.
 */
function dispensed(t: string): RegExpExecArray | null {
  if (!t.includes('#')) return null;
  PILLS.lastIndex = 0;
  let found: RegExpExecArray | null = null;
  for (let m = PILLS.exec(t); m; m = PILLS.exec(t)) {
    if (STRENGTH_BEFORE.test(t.slice(Math.max(0, m.index - 10), m.index))) continue;
    if (found && found[1] !== m[1]) return null;
    found ??= m;
  }
  return found;
}

/** The quantity in a request, or null when it states none. Never throws. */
export function readQuantity(request: string): Quantity | null {
  try {
    const t = normalizeQuantityText(request);
    // Every quantity below is read from a number in digits (number words are digits by now).
    if (!hasDigit(t)) return null;
    const schedule = SCHEDULE.exec(t) ?? SCHEDULE_BY_UNIT.exec(t);
    let counted = COUNTED.exec(t);
    // A count inside the schedule ("3 visits per week") is the frequency, not the total.
    if (counted && schedule && counted.index < schedule.index + schedule[0].length && counted.index + counted[0].length > schedule.index) {
      const rest = t.slice(schedule.index + schedule[0].length);
      const again = COUNTED.exec(rest);
      counted = again;
    }
    const explicit = EXPLICIT.exec(t);
    if (schedule || counted) {
      let sched: string | null = null;
      let product: number | null = null;
      if (schedule) {
        const f1 = num(schedule[1])!;
        const f2 = num(schedule[2]);
        const w1 = num(schedule[3])!;
        const w2 = num(schedule[4]);
        sched = `${f2 !== null ? `${f1}-${f2}` : f1}x${w2 !== null ? `${w1}-${w2}` : w1}`;
        product = (f2 ?? f1) * (w2 ?? w1);
      }
      const explicitCount = explicit ? Number(explicit[1]) : null;
      const countedValue = counted ? (num(counted[2]) ?? num(counted[1])!) : null;
      const count = explicitCount ?? countedValue ?? product!;
      const unitWord = (explicit?.[2] ?? counted?.[3] ?? (schedule ? SCHEDULE_UNIT.exec(schedule[0])?.[0] : undefined)) ?? 'visits';
      const text = [schedule?.[0], counted?.[0], explicit?.[0]].filter((x): x is string => !!x).join(' … ');
      return { count, unit: unitFor(unitWord, count), schedule: sched, text };
    }
    if (explicit && explicit[0].includes('x')) return { count: Number(explicit[1]), unit: explicit[2] ? unitFor(explicit[2], Number(explicit[1])) : null, schedule: null, text: explicit[0] };
    const pills = dispensed(t);
    if (pills) {
      const count = Number(pills[1]);
      const word = pills[2] ?? FORM.exec(t)?.[1] ?? VISIT_WORD.exec(t)?.[1];
      return { count, unit: word ? unitFor(word, count) : null, schedule: null, text: pills[0] };
    }
    const packages = PACKAGES.exec(t);
    if (packages) return { count: Number(packages[1]), unit: unitFor(packages[2], Number(packages[1])), schedule: null, text: packages[0] };
    const times = TIMES.exec(t);
    if (times) return { count: Number(times[1]), unit: null, schedule: null, text: times[0] };
    const amount = AMOUNT.exec(t);
    if (amount) return { count: Number(amount[1]), unit: unitFor(amount[2], Number(amount[1])), schedule: null, text: amount[0] };
    const duration = DURATION.exec(t);
    if (duration) {
      const count = num(duration[2]) ?? Number(duration[1]);
      return { count, unit: unitFor(duration[3], count), schedule: null, text: duration[0] };
    }
    return null;
  } catch {
    return null;
  }
}

/** How a quantity reads in a table: `12 visits (2x6)`, `60 tablets`, `3 months`. */
export function formatQuantity(q: Quantity | null): string {
  if (!q) return '';
  return `${q.count}${q.unit ? ` ${q.unit}` : ''}${q.schedule ? ` (${q.schedule})` : ''}`;
}
