/**
 * The words the conclusion reader (conclusion.ts) compares a rationale's words with: verbs,
 * negations and the words of a verb chain, the predicates and their neighbours; `word`, which
 * gives a word as the reading tests it without making its string; and the tests of a word and its
 * neighbours that need no more than these (`adjectiveLike`, `butNotAfter`, `parenthesisOpening`,
 * `negativeSubject`, `partyBefore`, `openQuestion`, `withMedically`).
 */
import { WordTable, Words } from './conclusion-words';

const set = (s: string): ReadonlySet<string> => new Set(s.split(' '));

/** Finite linking verbs: the chain states something. */
export const FINITE = set("is are was were 's has have had does do did remains remain appears appear seems seem becomes become isn't aren't wasn't weren't");
export const MODALS = set("will would can could should may might must cannot can't won't wouldn't couldn't shouldn't");
export const NEGATIONS = set("not never neither cannot can't isn't aren't wasn't weren't won't wouldn't couldn't shouldn't doesn't don't didn't");
/** Words a verb chain may hold between the subject and the predicate. */
export const CHAIN = set(
  'be been being to as also thus therefore hence now still yet indeed then so earlier again ever always otherwise ' +
    'considered deemed determined found felt shown established supported indicated certified proven justified judged ' +
    'regarded viewed substantiated demonstrated recommended not never hereby',
);
/** "clearly", "currently", "reasonably": adverbs in a chain ("medically" is the predicate's own). */
export function isAdverb(w: string): boolean {
  return w.length > 4 && w.endsWith('ly') && w !== 'medically' && w !== 'clinically' && w !== 'only';
}

/** Verbs of judgement taking an object and a predicate: "deems the request medically necessary",
 *  "do not support the request as medically necessary". */
export const JUDGEMENT = set('deem deems deemed find finds found consider considers considered determine determines determined judge judges judged support supports recommend recommends');
/** Words before a verb of judgement that negate it: "does not find", "unable to deem", "fails to support". */
export const NEGATING: ReadonlySet<string> = new Set([...NEGATIONS, 'unable', 'fail', 'fails', 'failed']);
/** Predicates after "medically". */
export const MEDICALLY = set('necessary appropriate indicated supported warranted unnecessary inappropriate unwarranted unsupported');
/** Predicates that state the negative outcome themselves: "the request is medically unnecessary". */
export const NEGATIVE = set('unnecessary inappropriate unwarranted unsupported');
export const ESTABLISH = set('establish establishes established demonstrate demonstrates demonstrated substantiate substantiates substantiated support supports supported meet meets met');
export const ESTABLISHED = set('established demonstrated substantiated supported met');
/** Words after a predicate that make it a condition or a purpose, not an outcome. */
export const CONDITION = set('if when unless whenever only to provided assuming pending');
/** Words before a predicate that make it attributive ("a medically necessary treatment"). */
export const DETERMINERS = set('a an the any this that these those such other no');
/** Words opening a clause that states no outcome ("whether the request is medically necessary"). */
export const OPEN_QUESTIONS = set('if whether unless when whenever');

/** Nouns of "the criteria for medical necessity". */
export const CRITERIA = set('criteria criterion requirement requirements standard standards');
/** Words that may follow a predicate that ends its clause ("... and necessary at this time"). */
export const AFTER_PREDICATE = set('at in per based given because since according and or as under here now');
/** Words that open a subject and deny it: "no further therapy is ...", "none of the requests are ...". */
export const NEGATIVE_SUBJECT = set('no none nothing');

/** Conjunctions before a predicate whose verb is the first conjunct's ("appropriate, but not
 *  medically necessary"). */
export const ELLIPSIS = set('but and yet or though although however');
/** Words of a main clause that deny the outcome it introduces ("there is no evidence that",
 *  "insufficient documentation to support"). */
export const DENYING: ReadonlySet<string> = new Set([
  ...NEGATING, ...set('no nothing none neither insufficient inadequate lack lacks lacking lacked absent absence little'),
]);
/** Verbs of saying or believing: an outcome they introduce is the speaker's ("the provider argues
 *  that ..."), unless the reviewer speaks. */
export const REPORTING = set(
  'argue argues argued state states stated believe believes believed opine opines opined contend contends contended ' +
    'assert asserts asserted claim claims claimed feel feels felt say says said maintain maintains maintained ' +
    'explain explains explained report reports reported write writes wrote think thinks thought',
);
/** The people whose words a rationale reports: the outcome a verb of saying gives them is not the
 *  reviewer's. */
export const PARTIES = set(
  'provider providers physician physicians doctor doctors surgeon surgeons treater requesting treating patient claimant ' +
    'applicant worker employee attorney he she they ur utilization',
);
/** "..., stating that ...": participles of saying, whose speaker stands before the comma. */
export const REPORTING_PARTICIPLES = set('stating arguing noting opining reporting asserting claiming contending explaining maintaining writing');
/** Words before "reviewer" that make it another reviewer than the letter's ("the UR reviewer"). */
export const OTHER_REVIEWER = set('ur utilization previous prior original peer first denying');
/** Words of a main clause that doubt the outcome ("it is unclear that"). */
export const UNSURE = set('unclear uncertain doubtful questionable arguable possible');
/** Words that open a clause explaining, not stating, an outcome ("why", "because"). */
export const EXPLAINING = set('why how because since');
/** Words that join coordinated adjectives. */
export const COORDINATORS = set('and or nor');

/** Every word the reading compares a word with: the sets above, the words it names, and the
 *  words ending in "ly" that `isAdverb` leaves out. */
export const VOCABULARY = new WordTable([
  ...FINITE, ...MODALS, ...NEGATIONS, ...CHAIN, ...JUDGEMENT, ...NEGATING, ...MEDICALLY, ...NEGATIVE, ...ESTABLISH,
  ...ESTABLISHED, ...CONDITION, ...DETERMINERS, ...OPEN_QUESTIONS, ...COORDINATORS, ...CRITERIA, ...AFTER_PREDICATE,
  ...NEGATIVE_SUBJECT, ...ELLIPSIS, ...DENYING, ...REPORTING, ...PARTIES, ...UNSURE, ...EXPLAINING,
  ...REPORTING_PARTICIPLES, ...OTHER_REVIEWER,
  ...'longer no neither that to the a fail fails failed supported met has have been medically clinically only i reviewer'.split(' '),
]);

/** What `word` gives for a word the vocabulary does not hold that `isAdverb` takes. */
const AN_ADVERB = 'adverbly';

/**
 * Word k as the reading tests it: the word when the vocabulary holds it, `AN_ADVERB` for another
 * word that `isAdverb` takes, '' for any other. Every test the reading makes of a word (a set or a
 * word of the vocabulary, `isAdverb`, `startsWith` of a vocabulary word) answers the same for it as
 * for the word itself (`ws.w(k)`), whose string is so never made: most words looked at are in no
 * set, and making each one's lower-case copy was a good part of the reading's allocation.
 */
export function word(ws: Words, k: number): string {
  return ws.known(k, VOCABULARY) ?? (ws.endsWith(k, 'ly', 4) ? AN_ADVERB : '');
}

/** Endings of English adjectives ("reasonable", "appropriate", "necessary", "justified",
 *  "beneficial", "effective", "sufficient"): a coordinated word must end so to be read as one. */
export const ADJECTIVE_ENDINGS = ['ble', 'ate', 'ary', 'ed', 'al', 'ive', 'ent', 'ant', 'ful', 'ic', 'ous', 'ory'];

/** A word that may be an adjective of a coordinated predicate: a word of the predicates
 *  ("appropriate", "supported") or another word with an adjective's ending, not an adverb and not a
 *  word of a verb chain ("is", "not", "deemed"). */
export function adjectiveLike(ws: Words, k: number): boolean {
  const w = word(ws, k);
  if (w !== '') return MEDICALLY.has(w) || ESTABLISHED.has(w);
  for (const e of ADJECTIVE_ENDINGS) if (ws.endsWith(k, e, e.length + 1)) return true;
  return false;
}

/** "but not" within the five words after the predicate ending at word `q`, in its sentence. */
export function butNotAfter(ws: Words, q: number): boolean {
  for (let m = q + 1; m + 1 < ws.length && m - q <= 5 && !ws.stop(m - 1); m++) {
    if (ws.is(m, 'but') && !ws.stop(m) && !ws.comma(m) && ws.is(m + 1, 'not')) return true;
  }
  return false;
}

/**
 * The word before a parenthesis that ends with the comma after word `k` ("is" in "is, in this
 * reviewer's opinion, medically"): a word of a verb chain followed by a comma, at most six words
 * back, with no clause stop between; -1 when there is none.
 */
export function parenthesisOpening(ws: Words, k: number): number {
  for (let j = k - 1; j >= 0 && k - j <= 6; j--) {
    if (ws.stop(j)) return -1;
    if (!ws.comma(j)) continue;
    const w = word(ws, j);
    return FINITE.has(w) || MODALS.has(w) || NEGATIONS.has(w) || CHAIN.has(w) || isAdverb(w) ? j : -1;
  }
  return -1;
}

/**
 * The index of the "no", "none" or "nothing" that opens the subject ending at word `k` ("No
 * further physical therapy [is medically necessary]"), or -1. The subject is read back to the
 * clause's start over at most eight words, none a verb, a coordinator or "that"/"which" ("No
 * improvement was noted and the request is ..." is another clause's "no").
 */
export function negativeSubject(ws: Words, k: number): number {
  for (let m = k; m >= 0 && k - m < 8; m--) {
    if (m < k && ws.stop(m)) return -1;
    const w = word(ws, m);
    if (FINITE.has(w) || MODALS.has(w) || COORDINATORS.has(w) || ws.is(m, 'which') || w === 'that' || ws.is(m, 'but')) return -1;
    if (m === 0 || ws.stop(m - 1) || ws.comma(m - 1)) return NEGATIVE_SUBJECT.has(w) ? m : -1;
  }
  return -1;
}

/** One of `PARTIES` within the four words before word `m`, in its clause. */
export function partyBefore(ws: Words, m: number): boolean {
  for (let n = m - 1; n >= 0 && m - n <= 4 && !ws.stop(n) && !ws.comma(n); n--) if (PARTIES.has(word(ws, n))) return true;
  return false;
}

/** The clause before index `k` opens with "if", "whether", "unless" or "when". */
export function openQuestion(ws: Words, k: number): boolean {
  for (let m = k; m >= 0 && k - m < 10; m--) {
    if (OPEN_QUESTIONS.has(word(ws, m))) return true;
    if (ws.stop(m) || ws.comma(m)) return false;
  }
  return false;
}

/** The start of the adjective at word `j` with its "medically" or "clinically" ("medically
 *  reasonable"): `j - 1` when that word stands right before it, else `j`. */
export function withMedically(ws: Words, j: number): number {
  return j > 0 && !ws.stop(j - 1) && !ws.comma(j - 1) && (ws.is(j - 1, 'medically') || ws.is(j - 1, 'clinically')) ? j - 1 : j;
}
