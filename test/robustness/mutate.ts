/**
 * Mutations of real letters for the fuzz test and scripts/fuzz.mjs: lines deleted, duplicated and
 * shuffled, random characters inserted (NUL, CR, form feeds, high and lone-surrogate code units,
 * letter keywords), truncation, two letters spliced, line endings changed. Every mutation is
 * driven by a seeded Prng, so a case is reproduced from (seed, index) alone.
 */
import { Prng } from './prng';

export interface MutatedCase {
  readonly text: string;
  /** What was done, e.g. `seeds/001.txt | delete-lines 12+3 | insert-chars @5031 x4`. */
  readonly description: string;
}

/** Single code units and short strings that the parser and the rules treat specially. */
const ODD_UNITS = [
  '\u0000', '\r', '\n', '\r\n', '\f', '\v', '\t', ' ', '\u00a0', '\ufeff', '\u200b', '\ufffd', '\ud800', '\udc00',
  '\udbff', '\ud83d\ude00', '\u0085', '\u2028', '\u2029', 'Ã', 'Â§', 'â€™', '\u00c2', '\u00e2\u20ac', '§', '–', '—', '?',
  ':', '.', ',', '(', ')', '[', ']', '#', '/', '-', '\\', '"', '”', '0', '9',
];

/** Fragments of letter structure, so mutations also build and break headings, labels and citations. */
const KEYWORDS = [
  ': Upheld', ': Overturned', ': Uphled', 'Upheld', 'Overturned\n', 'Case Number:', 'Decision Date:', 'Date Assigned:',
  'Application\nReceived:', 'Priority:', 'Claims Administrator guideline:', 'MAXIMUS guideline:', 'Decision rationale:',
  'HOW THE IMR FINAL DETERMINATION WAS MADE\n', 'IMR ISSUES, DECISIONS AND RATIONALES\n', 'CLINICAL CASE SUMMARY\n',
  'The Expert Reviewer has the following credentials:\n', 'Page(s): ', 'Section(s): ', '9792.20(f)', '9792.24.4, S1-20',
  'Decision based on MTUS ', 'Decision based on Non-MTUS Citation ', 'Chronic Pain Medical Treatment Guidelines ',
  'ACOEM Chapter 12, Table 12-8, page 309', ' was the original request. ', ' was authorized by the Claims Administrator. ',
  'The remaining IMR eligible portion of the original request, ', 'is not medically necessary', 'is medically necessary',
  'imr-disable: mojibake\n', 'imr-disable\n', '# imr-disable: nonsense-code\n', '12/31/2016', '02/30/2017', 'CM16-0000001',
  'INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE', 'Notice of Independent Medical Review Determination\n',
  '52 year old female', '(12 sessions)', '2 times a week for 4 weeks', '#60', ', and ',
];

function randomUnit(rng: Prng): string {
  const r = rng.next();
  if (r < 0.45) return rng.pick(ODD_UNITS);
  if (r < 0.65) return String.fromCharCode(rng.int(0x80)); // any ASCII, controls included
  if (r < 0.8) return String.fromCharCode(0x80 + rng.int(0x780)); // Latin-1 .. Arabic
  if (r < 0.9) return String.fromCharCode(rng.int(0x10000)); // any code unit, surrogates included
  return String.fromCodePoint(0x10000 + rng.int(0xfffff)); // astral
}

function lines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

type Mutator = (text: string, rng: Prng, others: readonly string[]) => { text: string; what: string };

const MUTATORS: Record<string, Mutator> = {
  'delete-lines'(text, rng) {
    const ls = lines(text);
    const at = rng.int(ls.length);
    const n = rng.chance(0.7) ? 1 : rng.range(2, 20);
    ls.splice(at, n);
    return { text: ls.join(''), what: `@${at}+${n}` };
  },
  'duplicate-lines'(text, rng) {
    const ls = lines(text);
    const at = rng.int(ls.length);
    const n = rng.chance(0.6) ? 1 : rng.range(2, 40);
    const times = rng.chance(0.8) ? 1 : rng.range(2, 30);
    const block = ls.slice(at, at + n);
    const copies: string[] = [];
    for (let k = 0; k < times; k++) copies.push(...block);
    ls.splice(at, 0, ...copies);
    return { text: ls.join(''), what: `@${at}+${n}x${times}` };
  },
  'shuffle-lines'(text, rng) {
    const ls = lines(text);
    // A window (most cases) or the whole letter.
    const whole = rng.chance(0.15);
    const from = whole ? 0 : rng.int(ls.length);
    const to = whole ? ls.length : Math.min(ls.length, from + rng.range(2, 30));
    for (let i = to - 1; i > from; i--) {
      const j = from + rng.int(i - from + 1);
      [ls[i], ls[j]] = [ls[j], ls[i]];
    }
    return { text: ls.join(''), what: `${from}..${to}` };
  },
  'insert-chars'(text, rng) {
    let out = text;
    const n = rng.range(1, 12);
    for (let k = 0; k < n; k++) {
      const at = rng.int(out.length + 1);
      let ins = '';
      const len = rng.chance(0.8) ? 1 : rng.range(2, 64);
      for (let j = 0; j < len; j++) ins += randomUnit(rng);
      out = out.slice(0, at) + ins + out.slice(at);
    }
    return { text: out, what: `x${n}` };
  },
  'insert-keywords'(text, rng) {
    let out = text;
    const n = rng.range(1, 6);
    for (let k = 0; k < n; k++) {
      // At a line start half the time, anywhere otherwise.
      let at = rng.int(out.length + 1);
      if (rng.chance(0.5)) at = out.lastIndexOf('\n', at - 1) + 1;
      const kw = rng.pick(KEYWORDS);
      const times = rng.chance(0.85) ? 1 : rng.range(2, 200);
      out = out.slice(0, at) + kw.repeat(times) + out.slice(at);
    }
    return { text: out, what: `x${n}` };
  },
  'replace-range'(text, rng) {
    // Overwrites a run with one repeated odd unit (long runs of blanks, digits, colons ...).
    const at = rng.int(text.length + 1);
    const len = rng.range(1, 2000);
    const unit = rng.pick([' ', '\t', '0', '7', ':', '.', ',', '-', '\u00a0', '\f', '\r', 'A', 'Â', '?']);
    return { text: text.slice(0, at) + unit.repeat(len) + text.slice(at + rng.int(len + 1)), what: `@${at}+${len} ${JSON.stringify(unit)}` };
  },
  truncate(text, rng) {
    const at = rng.int(text.length + 1);
    return { text: text.slice(0, at), what: `@${at}` };
  },
  'cut-head'(text, rng) {
    const at = rng.int(text.length + 1);
    return { text: text.slice(at), what: `@${at}` };
  },
  splice(text, rng, others) {
    const other = rng.pick(others);
    const a = rng.int(text.length + 1);
    const b = rng.int(other.length + 1);
    return { text: text.slice(0, a) + other.slice(b), what: `@${a}+other@${b}` };
  },
  'concatenate'(text, rng, others) {
    const n = rng.range(1, 4);
    let out = text;
    for (let k = 0; k < n; k++) out += (rng.chance(0.5) ? '\f' : '\n') + rng.pick(others);
    return { text: out, what: `+${n}` };
  },
  'line-endings'(text, rng) {
    const to = rng.pick(['\r\n', '\r', '\n\n', '\u2028']);
    return { text: text.replace(/\r?\n/g, to), what: JSON.stringify(to) };
  },
  'strip-blanks'(text, rng) {
    const which = rng.pick(['indent', 'blank-lines', 'all-spaces']);
    const out =
      which === 'indent' ? text.replace(/^[ \t]+/gm, '') : which === 'blank-lines' ? text.replace(/\n[ \t]*\n/g, '\n') : text.replace(/ +/g, '');
    return { text: out, what: which };
  },
};

export const MUTATION_KINDS = Object.keys(MUTATORS);

/**
 * Case `index` of a run with `seed`: a base letter and one to four mutations, all chosen by a
 * generator seeded from (seed, index), so any case can be rebuilt on its own.
 */
export function mutatedCase(corpus: readonly { name: string; text: string }[], seed: number, index: number): MutatedCase {
  const rng = new Prng((Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  const base = rng.pick(corpus);
  const texts = corpus.map((c) => c.text);
  let text = base.text;
  const steps: string[] = [base.name];
  const n = rng.chance(0.5) ? 1 : rng.range(2, 4);
  for (let k = 0; k < n; k++) {
    const kind = rng.pick(MUTATION_KINDS);
    const r = MUTATORS[kind](text, rng, texts);
    text = r.text;
    steps.push(`${kind} ${r.what}`);
  }
  return { text, description: steps.join(' | ') };
}
