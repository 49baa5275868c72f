/**
 * A rationale's conclusion, read from its sentences: the outcome a reviewer states about the
 * request ("the request is not medically necessary", "the reviewer deems the request medically
 * necessary", "is not supported as necessary", "medical necessity has not been established").
 *
 * The text is read as words (a word hyphenated across a line break is one word, "medically-
 * necessary" two, the extractor's "notmedically" two). Each predicate ("medically necessary /
 * appropriate / indicated / supported", "necessary", "a medical necessity", "medical necessity
 * ... established", and the negative "medically unnecessary / inappropriate") is read with the
 * verb chain before it, back to its subject: the chain must state something (a finite
 * "is/are/was/were", a modal, or a verb of judgement such as "deems", "finds" or "supports" with
 * its object), and its negation ("not", "cannot", "no longer", "fail to", "unable to") gives the
 * polarity. A parenthesis between commas inside the chain ("is, therefore, not", "is, in this
 * reviewer's opinion,") is passed over. The main clause can negate what it introduces ("does not
 * establish that the request is medically necessary", "there is no evidence that ...", "neither
 * ... nor ... is medically necessary"), or make it another's ("the provider argues that ..."),
 * which states no outcome. A subject that opens with "no" negates it too ("no further therapy is
 * ...").
 * Adjectives coordinated before the predicate are read with it ("is reasonable and medically
 * necessary", "is neither reasonable nor necessary") where it ends its clause; "the necessity of
 * the request" reads as "medical necessity" does, and so does "the criteria for medical necessity"
 * after "meet". A predicate after a conjunction takes the first conjunct's verb ("is medically
 * appropriate, but not medically necessary"). A recommendation states an outcome only when
 * withheld ("cannot recommend the request as medically necessary"); "guidelines recommend X as
 * medically necessary" is a guideline's. Uses that state no outcome are skipped: attributive ("a
 * medically necessary treatment"), reduced clauses ("services deemed to be medically necessary
 * for patients"), hedges ("may also be medically necessary") and conditions ("... medically
 * necessary when ..."). The conclusion is the last outcome stated; the closing characters are read
 * first.
 */
import type { Span } from '../types';
import { Words, WORDS, words } from './conclusion-words';
import {
  FINITE, MODALS, NEGATIONS, CHAIN, isAdverb, JUDGEMENT, NEGATING, MEDICALLY, NEGATIVE,
  ESTABLISH, ESTABLISHED, CONDITION, DETERMINERS, CRITERIA, AFTER_PREDICATE,
  ELLIPSIS, COORDINATORS, DENYING, REPORTING, REPORTING_PARTICIPLES, PARTIES, OTHER_REVIEWER, UNSURE,
  EXPLAINING, VOCABULARY, word, adjectiveLike,
  negativeSubject, partyBefore, parenthesisOpening, butNotAfter, openQuestion, withMedically,
} from './conclusion-vocabulary';

export type Polarity = 'necessary' | 'not-necessary';

export interface Conclusion {
  readonly polarity: Polarity;
  /** The outcome as written: from its verb or negation to the end of the predicate. */
  readonly span: Span;
}

/** Rationales state their outcome at the end: the closing characters are read first. */
const CLOSING_WINDOW = 1500;

/**
 * The last few hundred characters are read before the closing window: most rationales end with
 * their outcome, and reading them alone saves reading (and allocating the words of) the window.
 * An outcome needs LOOK_BACK words before it in the tail, about 270 characters of a letter's
 * prose with the closing sentence; a rationale up to a quarter longer than the tail is read
 * whole at once (a failed tail would cost more than the rest of it).
 */
const TAIL = 300;

/**
 * How many words an outcome's reading looks back from its predicate: the verb chain (10 words),
 * then the clause opening before it (10 more), and a main clause that negates it ("does not
 * establish that": 8 more). An outcome found in the tail (or the closing window) at least this
 * many words after its first word (which may be cut) is read exactly as in a longer window; one
 * nearer its start is read again with the longer window.
 */
const LOOK_BACK = 32;

/** The last outcome stated in [from, to) of the text, or null. Linear. */
export function findConclusion(text: string, from: number, to: number): Conclusion | null {
  const found = readConclusion(text, from, to);
  WORDS.reset(''); // the shared list keeps no text alive
  return found;
}

function readConclusion(text: string, from: number, to: number): Conclusion | null {
  if (to - from > TAIL + (TAIL >> 2)) {
    // The last outcome of the tail, if read with all its context, is the last of any longer window:
    // every predicate after it is in the tail too, and was read there the same way.
    const inTail = lastOutcome(words(text, to - TAIL, to, VOCABULARY));
    if (inTail && inTail.at >= LOOK_BACK) return inTail.conclusion;
  }
  if (to - from > CLOSING_WINDOW * 2) {
    const inClosing = lastOutcome(words(text, to - CLOSING_WINDOW, to, VOCABULARY));
    if (inClosing && inClosing.at >= LOOK_BACK) return inClosing.conclusion;
  }
  return lastOutcome(words(text, from, to, VOCABULARY))?.conclusion ?? null;
}

// ------------------------------------------------------------------------------------------ reading

/**
 * The last outcome of the words, and the index of its predicate's first word. Whether a word opens
 * an outcome depends on the words around it only, so the words that may are tried from the last.
 */
function lastOutcome(ws: Words): { conclusion: Conclusion; at: number } | null {
  for (let j = ws.candidates - 1; j >= 0; j--) {
    const i = ws.candidate(j);
    let found: Conclusion | null = null;
    if ((ws.is(i, 'medically') || ws.is(i, 'clinically')) && i + 1 < ws.length && MEDICALLY.has(word(ws, i + 1)) && !ws.stop(i)) {
      found = adjectival(ws, i, i + 1, false);
    } else if ((ws.is(i, 'necessary') || ws.is(i, 'unnecessary')) && (i === 0 || (!ws.is(i - 1, 'medically') && !ws.is(i - 1, 'clinically')))) {
      found = adjectival(ws, i, i, true);
    } else if (ws.is(i, 'medical') && i + 1 < ws.length && ws.is(i + 1, 'necessity') && !ws.stop(i)) {
      found = nominal(ws, i, i + 1);
    } else if (ws.is(i, 'necessity') && (i === 0 || ws.stop(i - 1) || !ws.is(i - 1, 'medical'))) {
      // "the necessity of the request has not been established", "the clinical necessity ..."
      found = nominal(ws, i, i);
    }
    if (found) return { conclusion: found, at: i };
  }
  return null;
}

/** A verb chain read by `chainBefore`: its first index, finite verb, modal, negation (-1: none) and
 *  the index before it. One object, filled by each reading: a reading is used before the next. */
interface Chain {
  first: number;
  finite: number;
  modal: number;
  negation: number;
  next: number;
}

const CHAIN_READ: Chain = { first: 0, finite: -1, modal: -1, negation: -1, next: 0 };

/** The verb chain before word `p` (in the one `CHAIN_READ`). */
function chainBefore(ws: Words, p: number): Readonly<Chain> {
  let k = p - 1;
  let finite = -1;
  let modal = -1;
  let negation = -1;
  let first = p;
  let opening = -1;
  while (k >= 0 && p - k <= 10 && !ws.stop(k)) {
    if (ws.comma(k) && k !== opening) {
      // "is, therefore, not": a parenthesis between commas, after a word of the chain.
      opening = parenthesisOpening(ws, k);
      if (opening < 0) break;
      k = opening;
      continue;
    }
    const w = word(ws, k);
    if (w === 'longer' && k > 0 && word(ws, k - 1) === 'no') {
      negation = k - 1;
      first = k - 1;
      k -= 2;
      continue;
    }
    if (FINITE.has(w)) finite = k;
    else if (MODALS.has(w)) modal = k;
    else if (!CHAIN.has(w) && !NEGATIONS.has(w) && !isAdverb(w)) break;
    if (NEGATIONS.has(w)) negation = k;
    first = k;
    k--;
  }
  const c = CHAIN_READ;
  c.first = first;
  c.finite = finite;
  c.modal = modal;
  c.negation = negation;
  c.next = k;
  return c;
}

/** What the clause around an outcome makes of it (`mainClause`; a denial is the index of its word). */
const PLAIN = -1;
const UNSTATED = -2;

/**
 * What the words before an outcome's subject (ending at word `k`) make of the outcome, back to its
 * clause's start: a denial (the index of the denying word) where the main clause before "that"
 * holds a negation ("does not establish that", "there is no evidence that", "the records lack
 * evidence that", "nothing shows that") or the clause opens with "neither"; UNSTATED where the
 * outcome is another's ("the provider argues that", "the physician believes the request is": a
 * verb of saying with a person other than the reviewer), doubted ("it is unclear that") or
 * explained ("why", "because"); PLAIN otherwise ("the records establish that", "I believe that").
 */
function mainClause(ws: Words, k: number): number {
  let that = -1;
  for (let m = k; m >= 0 && k - m <= 10; m--) {
    if (ws.stop(m) || (ws.comma(m) && m < k)) return PLAIN;
    const w = word(ws, m);
    if (w === 'neither') return m;
    if (EXPLAINING.has(w)) return UNSTATED;
    if (w === 'that') {
      that = m;
      break;
    }
    // "believes the request is ...": a verb of saying before the subject, without "that".
    if (m < k && REPORTING.has(w) && DETERMINERS.has(word(ws, m + 1)) && partyBefore(ws, m)) return UNSTATED;
  }
  if (that < 0) return PLAIN;
  let reported = false;
  let party = false;
  let reviewer = false;
  for (let m = that - 1; m >= 0 && that - m <= 12 && !ws.stop(m) && !ws.comma(m); m--) {
    const w = word(ws, m);
    // "there is no doubt that" affirms.
    if (DENYING.has(w) && !(w === 'no' && (ws.is(m + 1, 'doubt') || ws.is(m + 1, 'question')))) return m;
    if (UNSURE.has(w)) return UNSTATED;
    // "..., stating that ...": a participle of saying reports another's words.
    if (REPORTING_PARTICIPLES.has(w)) return UNSTATED;
    if (REPORTING.has(w)) reported = true;
    // "this reviewer" is the letter's; "the UR reviewer", "the prior reviewer" another.
    const other = w === 'reviewer' && m > 0 && OTHER_REVIEWER.has(word(ws, m - 1));
    if (PARTIES.has(w) || other) party = true;
    else if (w === 'i' || w === 'reviewer') reviewer = true;
  }
  // "The provider argues that ...": another person's; "the guidelines state that ...", "I believe
  // that ...": the reviewer's reading.
  return reported && party && !reviewer ? UNSTATED : PLAIN;
}

/** A predicate adjective from word `p` to word `q` ("medically necessary", or a bare "necessary"). */
function adjectival(ws: Words, p: number, q: number, bare: boolean): Conclusion | null {
  // "... medically necessary when ...", "necessary to ...": a condition or a purpose.
  if (!ws.stop(q) && !ws.comma(q) && q + 1 < ws.length && CONDITION.has(word(ws, q + 1))) return null;
  // "medically appropriate, but not as requested", "medically necessary before, but not now": a
  // qualified outcome states neither.
  if (butNotAfter(ws, q)) return null;
  // "reasonable and medically necessary", "medically reasonable, appropriate, and necessary": the
  // verb chain stands before the first of the coordinated adjectives.
  const head = coordinatedHead(ws, p);
  // Coordinated adjectives before a noun are attributive ("stable and necessary labs"): read only
  // where the predicate ends its clause or a phrase of time, place or basis follows it.
  if (head !== p && !ws.stop(q) && !ws.comma(q) && q + 1 < ws.length && !AFTER_PREDICATE.has(word(ws, q + 1))) return null;
  // "a medically necessary treatment": attributive, it says nothing of the request.
  if (head > 0 && DETERMINERS.has(word(ws, head - 1)) && !ws.stop(head - 1) && !ws.comma(head - 1)) return null;
  const c = chainBefore(ws, head);
  if (openQuestion(ws, c.next)) return null;
  const negation = c.negation;
  const chainFirst = c.first;
  let { finite, modal, next } = c;
  if (finite < 0 && modal < 0) {
    // "is medically appropriate, but not medically necessary": the verb of the first conjunct.
    const e = elidedVerb(ws, next, negation);
    if (e) ({ finite, modal, next } = e);
  }
  let negated = negation >= 0;
  let verb = finite >= 0 ? finite : modal;
  if (verb < 0) {
    // "deems the request medically necessary": a verb of judgement, its object, the predicate.
    const j = judgementBefore(ws, next, chainFirst);
    if (!j) return null;
    verb = j.at;
    negated = negated || j.negated;
  } else if (bare && finite < 0) {
    return null; // a bare "necessary" needs its copula: "the request is not necessary"
  }
  // A hedge states no outcome ("may also be medically necessary"); a negated modal does.
  if (!negated && finite < 0 && modal >= 0) return null;
  // "is medically unnecessary" states the negative itself; "does not establish that it is ..."
  // negates it, and so does a subject that opens with "no" (the outcome's span then starts there).
  const before = Math.min(next, verb - 1);
  const context = mainClause(ws, before);
  if (context === UNSTATED) return null;
  // The span starts at what denies the outcome: "no evidence that ...", "No further therapy is ...".
  const subject = finite >= 0 ? negativeSubject(ws, before) : -1;
  const denial = subject >= 0 ? subject : context;
  const denied = denial >= 0;
  const start = denied ? denial : negated && negation >= 0 ? negation : verb;
  const positive = !negated !== NEGATIVE.has(word(ws, q)) !== denied;
  return { polarity: positive ? 'necessary' : 'not-necessary', span: { start: ws.start(start), end: ws.end(q) } };
}

/**
 * The verb of the first conjunct when the predicate's own chain has none and follows a
 * conjunction: "is medically appropriate, but [not medically necessary]", "is indicated and [not
 * medically necessary]", "is reasonable, though [not medically necessary]", or after a comma
 * alone when the chain is its negation ("is medically indicated, [not medically necessary]"). `k`
 * is the word before the chain, `negation` the chain's negation (-1: none); the word before the
 * conjunction (or the comma) must look like an adjective (`adjectiveLike`). Without it the
 * sentence's earlier "is medically appropriate" would be read as its outcome.
 */
function elidedVerb(ws: Words, k: number, negation: number): { finite: number; modal: number; next: number } | null {
  if (k < 1 || ws.stop(k)) return null;
  let j: number;
  if (!ws.comma(k) && ELLIPSIS.has(word(ws, k))) j = k - 1;
  else if (ws.comma(k) && negation === k + 1) j = k; // "is medically indicated, not medically necessary"
  else return null;
  if (ws.stop(j) || !adjectiveLike(ws, j)) return null;
  const c = chainBefore(ws, coordinatedHead(ws, withMedically(ws, j)));
  if ((c.finite < 0 && c.modal < 0) || openQuestion(ws, c.next)) return null;
  return { finite: c.finite, modal: c.modal, next: c.next };
}

/**
 * The first word of the adjectives coordinated before the predicate at word `p`: "reasonable and
 * [necessary]", "medically reasonable or [necessary]", "appropriate, reasonable, and [medically
 * necessary]", "neither reasonable nor [necessary]"; `p` when there are none. Each is one word
 * that looks like an adjective (`adjectiveLike`), after "medically" or "clinically" or not; three
 * at most.
 */
function coordinatedHead(ws: Words, p: number): number {
  let head = p;
  let joined = false;
  for (let n = 0; n < 3; n++) {
    let j = head - 1;
    if (j < 0 || ws.stop(j)) break;
    if (COORDINATORS.has(word(ws, j)) && !ws.comma(j)) {
      // "reasonable and", "reasonable, and"
      j--;
      joined = true;
    } else if (!(joined && ws.comma(j))) {
      // Without a coordinator, only a comma after an adjective of a list already joined by one.
      break;
    }
    if (j < 0 || ws.stop(j) || !adjectiveLike(ws, j)) break;
    head = withMedically(ws, j);
  }
  return head;
}

/** A verb of judgement with an object of at most six words before index `k` (inclusive). */
function judgementBefore(ws: Words, k: number, chainStart: number): { at: number; negated: boolean } | null {
  // A chain that begins with "to be" right after the verb is a reduced clause, not an object
  // complement: "services deemed to be medically necessary".
  for (let m = k; m >= 0 && k - m <= 6; m--) {
    if (ws.stop(m) || (ws.comma(m) && m < k)) return null;
    if (JUDGEMENT.has(word(ws, m))) {
      if (m === k) return null; // no object between the verb and the chain
      if (chainStart < ws.length && word(ws, chainStart) === 'to' && m + 1 === chainStart) return null;
      let negated = false;
      for (let n = m - 1; n >= 0 && m - n <= 3 && !ws.stop(n); n--) if (NEGATING.has(word(ws, n))) negated = true;
      // "Guidelines recommend the therapy as medically necessary for ...": what a guideline
      // recommends is no outcome; the reviewer's "cannot recommend the request as ..." is.
      if (!negated && word(ws, m).startsWith('recommend')) return null;
      return { at: m, negated };
    }
  }
  return null;
}

/**
 * "medical necessity" (or a bare "necessity") from word `p` to word `last`: "is (not) a medical
 * necessity", "there is no medical necessity", "fail to establish medical necessity", "does not
 * meet the criteria for medical necessity", "medical necessity ... has not been established", "the
 * necessity of the request has not been established".
 */
function nominal(ws: Words, p: number, last: number): Conclusion | null {
  const end = ws.end(last);
  if (p > 0 && word(ws, p - 1) === 'no' && !ws.stop(p - 1) && !ws.comma(p - 1)) {
    // "There is no medical necessity for ...": a finite verb or a modal before "no".
    const c = chainBefore(ws, p - 1);
    if ((c.finite < 0 && c.modal < 0) || openQuestion(ws, c.next)) return null;
    return { polarity: 'not-necessary', span: { start: ws.start(p - 1), end } };
  }
  let k = p - 1;
  // "meet the criteria for": what is met or established is the criteria of the necessity.
  if (k >= 1 && (ws.is(k, 'for') || ws.is(k, 'of')) && CRITERIA.has(word(ws, k - 1)) && !ws.stop(k) && !ws.stop(k - 1)) k -= 2;
  if (k >= 0 && (word(ws, k) === 'the' || word(ws, k) === 'a') && !ws.stop(k)) k--;
  if (k >= 0 && !ws.stop(k) && !ws.comma(k)) {
    const v = word(ws, k);
    if (p > 0 && word(ws, p - 1) === 'a') {
      const c = chainBefore(ws, p - 1);
      if (c.finite >= 0 || (c.modal >= 0 && c.negation >= 0)) {
        const negated = c.negation >= 0;
        return { polarity: negated ? 'not-necessary' : 'necessary', span: { start: ws.start(negated ? c.negation : c.finite), end } };
      }
      return null;
    }
    if (ESTABLISH.has(v)) {
      // "fail to establish", "does not establish", "cannot demonstrate" the medical necessity.
      for (let n = k - 1; n >= 0 && k - n <= 3 && !ws.stop(n) && !ws.comma(n); n--) {
        // "fail to establish", "insufficient documentation to support", "is insufficient to establish"
        if (DENYING.has(word(ws, n))) return { polarity: 'not-necessary', span: { start: ws.start(n), end } };
      }
      // "The records establish the medical necessity": a finite verb, not "to establish".
      const before = k > 0 ? word(ws, k - 1) : '';
      if (!v.startsWith('support') && !v.startsWith('meet') && v !== 'met' && before !== 'to' && !MODALS.has(before)) {
        return { polarity: 'necessary', span: { start: ws.start(k), end } };
      }
      return null;
    }
  }
  // After: "medical necessity [for this request] has (not) been established".
  for (let m = last + 1; m < ws.length && m - p <= 30; m++) {
    if (ws.stop(m - 1)) return null;
    if (!ESTABLISHED.has(word(ws, m))) continue;
    const c = chainBefore(ws, m);
    let aux = c.finite >= 0;
    for (let x = c.first; !aux && x < m; x++) aux = ws.is(x, 'has') || ws.is(x, 'have') || ws.is(x, 'been');
    if (!aux) continue;
    if (word(ws, m) === 'supported' || word(ws, m) === 'met') {
      if (c.negation < 0) continue;
    }
    return { polarity: c.negation >= 0 ? 'not-necessary' : 'necessary', span: { start: ws.start(p), end: ws.end(m) } };
  }
  return null;
}
