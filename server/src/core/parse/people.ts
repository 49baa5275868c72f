/**
 * The reviewer's credentials (a labelled block, or a sentence of the HOW section) and the patient's
 * age and sex from the opening of the case summary.
 */
import { objectList } from '../lists';
import { brokenPhrase, rejoinWords, wordsOf } from '../split-words';
import { nextSentenceStart } from '../sentences';
import { Joined, joinLines, withoutFinalPeriod } from '../text';
import type { Patient, Reviewer } from '../types';
import { SUMMARY_LEAD_IN } from '../vocabulary';
import { Kind, LetterReader } from './reader';

// The credentials labels, their words perhaps broken by a blank ("Certification(s)/Spec ialty:").
const LICENSURE_LABEL = new RegExp(`^${brokenPhrase('State(s) of Licensure')}\\s*:`, 'i');
const SPECIALTY_LABEL = new RegExp(`^${brokenPhrase('Certification(s)')}\\s*/\\s*${brokenPhrase('Specialty')}\\s*:`, 'i');
const CREDENTIALS_SENTENCE = /Board Certified in (.{1,200}?) and (?:is )?licensed to practice in (.{1,200}?)\./i;

/**
 * The words of medical specialties' names (the specialty boards' and their common subspecialties')
 * and of the states' names: a credentials value broken by spaces is joined against them.
 */
const CREDENTIAL_WORDS: ReadonlySet<string> = wordsOf(
  [
    'medicine surgery surgeon practice family internal emergency preventive occupational physical rehabilitation pain',
    'management anesthesiology orthopedic orthopaedic sports hospice palliative neurology neurological neurosurgery',
    'psychiatry psychology psychologist chiropractic chiropractor acupuncture acupuncturist podiatry podiatric',
    'rheumatology cardiology gastroenterology pulmonary pulmonology nephrology oncology endocrinology toxicology',
    'medical addiction dermatology ophthalmology otolaryngology pathology pediatrics pediatric radiology diagnostic',
    'interventional urology obstetrics gynecology plastic hand spine spinal general public health geriatric',
    'geriatrics infectious disease critical care clinical vascular thoracic nuclear allergy immunology hematology',
    'electrodiagnostic physiatry osteopathic dentistry oral maxillofacial',
    'alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho illinois',
    'indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri',
    'montana nebraska nevada hampshire jersey mexico york north carolina dakota ohio oklahoma oregon pennsylvania',
    'rhode island south tennessee texas utah vermont virginia washington west wisconsin wyoming district columbia',
  ].join(' '),
);

/** Whether `c` opens with one of the credentials block's labels. */
export function opensCredentialLabel(c: string): boolean {
  return LICENSURE_LABEL.test(c) || SPECIALTY_LABEL.test(c);
}

export function parseReviewer(r: LetterReader): Reviewer {
  const { lines, text } = r;
  // Labelled block (F1b and some seeds).
  const cred = r.headings.find((h) => h.kind === 'credentials');
  const licensure: string[] = [];
  const specialties: string[] = [];
  if (cred) {
    const next = r.headings[r.headings.indexOf(cred) + 1];
    const to = next ? next.line : Math.min(lines.length, cred.line + 10);
    let current: string[] | null = null;
    let start = -1;
    let end = -1;
    const parts: { target: string[]; first: number; last: number; labelEnd: number }[] = [];
    for (let i = cred.line + 1; i < to && i < cred.line + 12; i++) {
      if (r.kinds[i] === Kind.Blank) continue;
      const c = r.content(i);
      const cs = r.cs[i];
      const ce = r.ce[i];
      const lic = LICENSURE_LABEL.test(c);
      if (lic || SPECIALTY_LABEL.test(c)) {
        current = lic ? licensure : specialties;
        // The label's colon, the first on its line (the label ends with it).
        const labelEnd = r.text.indexOf(':', cs) + 1;
        parts.push({ target: current, first: i, last: i, labelEnd });
        if (start < 0) start = cs;
        end = ce;
      } else if (current && parts.length) {
        parts[parts.length - 1].last = i;
        end = ce;
      }
    }
    for (const p of parts) {
      const v = joinLines(text, lines, p.first, p.last + 1, p.labelEnd).text;
      // Words broken by spaces joined where the letter writes them whole ("Medi cine") or they
      // are words of the specialties' and states' names ("Occupa tional", "Califor nia").
      p.target.push(...splitList(r.spaced ? rejoinWords(v, '', [CREDENTIAL_WORDS], [r.letterWords()]).text : v));
    }
    if (start >= 0) return { licensure, specialties, span: { start, end } };
  }
  // Inline: "... is Board Certified in X and is licensed to practice in Y."
  const how = r.headings.find((h) => h.kind === 'how' || h.kind === 'qualifications');
  if (how) {
    const next = r.headings[r.headings.indexOf(how) + 1];
    const to = Math.min(next ? next.line : lines.length, how.line + 30);
    const joined = joinLines(text, lines, how.line + 1, to);
    const s = joined.text.slice(0, 4000);
    const m = CREDENTIALS_SENTENCE.exec(s);
    if (m) {
      const from = m.index;
      return {
        licensure: splitList(m[2]),
        specialties: splitList(m[1]),
        span: joined.span(from, from + m[0].length),
      };
    }
  }
  return { licensure, specialties, span: null };
}

/** The age: "52 year old", "52-year-old", its hyphens also as a word processor's dashes
 *  ("52–year–old"), and the short "52 y/o", "52 y.o.", "52yo". Global: `patientAge` reads its
 *  matches in turn. */
const AGE_RE = /\b(\d{1,3})[\s\-\u2010-\u2015\u2212]*(?:(?:year|yr)s?[\s\-\u2010-\u2015\u2212]*old\b|y\/o\b|y\.o\.|yo\b)/gi;
/** Right before an age, a word that makes it another's ("her 4-year-old son", "whose 12 year old
 *  daughter", "the patient's 3 year old"). */
const OWNER_BEFORE = /\b(?:her|his|their|whose|its|my|our|your|[A-Za-z]+'s)\s+(?:now\s+)?$/i;
/** Right after it, a noun that is never the patient: a child or a grandchild, how old a condition
 *  is ("a 10 year old history of diabetes", "a 5 year old fracture"). Not a word that may name
 *  the patient's work or role ("a 52 year old truck driver", "a 34 year old mother of two"). */
const NOT_PATIENT_AFTER = /^[\s\-\u2010-\u2015\u2212]*(?:son|sons|daughters?|child|children|kids?|grand(?:child|children|son|sons|daughters?)|baby|infant|toddler|nephew|niece|history|injury|injuries|fracture|scar|surgery|tear|lesion|condition|complaints?)\b/i;
/** Most age phrases read in a summary before giving up. */
const MAX_AGES = 8;

/** An age phrase read: where it starts and ends in the text read, its value, and the length of
 *  its number as written (the digits of "52 year old"). */
interface AgeMatch {
  readonly index: number;
  readonly end: number;
  readonly value: number;
  readonly written: number;
}

/** Blanks and hyphens (a word processor's dashes too) between the words of an age phrase. */
const AGE_GAP = '[\\s\\-\\u2010-\\u2015\\u2212]';
/** The age in words ("a fifty-two-year-old male", "Forty five year old"): 16 to 99. */
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const UNITS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS = ['sixteen', 'seventeen', 'eighteen', 'nineteen'];
const WORDED_AGE_RE = new RegExp(
  `\\b(?:(${TENS.join('|')})(?:${AGE_GAP}+(${UNITS.join('|')}))?|(${TEENS.join('|')}))${AGE_GAP}+(?:year|yr)s?${AGE_GAP}*old\\b`,
  'gi',
);
/** "52 years of age". */
const YEARS_OF_AGE_RE = /\b(\d{1,3})\s+years\s+of\s+age\b/gi;
/** "aged 52", ", age 52" right after a word that names the patient ("a female, aged 52"). */
const AGED_RE = /\b(?:male|female|man|woman|gentleman|lady|worker|employee|patient|claimant|applicant|individual)(?:\s*,\s*|\s+)aged?\s+(\d{1,3})\b/gi;
/** Right before "N years of age", a word that makes it another time's age or a bound ("injured at
 *  52 years of age", "over 50 years of age") or an estimate ("approximately 50 years of age"). */
const NOT_NOW_BEFORE = /\b(?:at|since|by|until|before|after|from|when|over|under|than|about|around|approximately|nearly|almost)\s+$/i;

/**
 * The patient's age written in a form other than `AGE_RE`'s, in the summary's opening sentence
 * only (read when `AGE_RE` finds none): the number in words, "52 years of age", "aged 52". Never
 * an age of someone else (`OWNER_BEFORE`, `NOT_PATIENT_AFTER`) or of another time.
 */
function otherAge(s: string): AgeMatch | null {
  const opening = openingSentence(s);
  WORDED_AGE_RE.lastIndex = 0;
  for (let m = WORDED_AGE_RE.exec(opening); m; m = WORDED_AGE_RE.exec(opening)) {
    if (!patientsAge(opening, m.index, m.index + m[0].length)) continue;
    const value = m[3] ? TEENS.indexOf(m[3].toLowerCase()) + 16 : (TENS.indexOf(m[1].toLowerCase()) + 2) * 10 + (m[2] ? UNITS.indexOf(m[2].toLowerCase()) + 1 : 0);
    return { index: m.index, end: m.index + m[0].length, value, written: m[0].length };
  }
  YEARS_OF_AGE_RE.lastIndex = 0;
  for (let m = YEARS_OF_AGE_RE.exec(opening); m; m = YEARS_OF_AGE_RE.exec(opening)) {
    if (NOT_NOW_BEFORE.test(opening.slice(Math.max(0, m.index - 20), m.index)) || !patientsAge(opening, m.index, m.index + m[0].length)) continue;
    return { index: m.index, end: m.index + m[0].length, value: Number(m[1]), written: m[1].length };
  }
  AGED_RE.lastIndex = 0;
  const m = AGED_RE.exec(opening);
  if (!m) return null;
  const at = m.index + m[0].length - m[1].length;
  return { index: at, end: at + m[1].length, value: Number(m[1]), written: m[1].length };
}

/** Whether the age phrase s[from, to) is the patient's: no owner before it, no child or condition after. */
function patientsAge(s: string, from: number, to: number): boolean {
  return !OWNER_BEFORE.test(s.slice(Math.max(0, from - 30), from)) && !NOT_PATIENT_AFTER.test(s.slice(to, to + 30));
}

/** The first age phrase in `s` that is the patient's (`OWNER_BEFORE`, `NOT_PATIENT_AFTER`), or null. */
function patientAge(s: string): RegExpExecArray | null {
  AGE_RE.lastIndex = 0;
  for (let n = 0; n < MAX_AGES; n++) {
    const m = AGE_RE.exec(s);
    if (!m) return null;
    if (patientsAge(s, m.index, m.index + m[0].length)) return m;
  }
  return null;
}
const SEX_RE = /\b(male|female|man|woman|gentleman|lady)\b/i;
/** Between the age and a sex word that belongs to it ("52 year old Hispanic female"): no clause
 *  word or sentence stop ("52 year old who is treated for male erectile disorder"). */
const CLAUSE_BETWEEN = /[.;:!?]|\b(?:who|whom|whose|with|that|which|was|were|is|are|has|had|have|for|from|by|of|in|on|at|to)\b/i;
/** Before a sex word read without an age: "a" or "an" and at most two words ("is a female", "is a
 *  right-handed female"). */
const ARTICLE_BEFORE = /\b(?:a|an)\s+(?:[A-Za-z][A-Za-z-]*\s+){0,2}$/i;
/** After it: the sentence goes on about the person ("a female who", "a female injured worker"),
 *  not a noun the word describes ("a female physician", "male pattern baldness"). */
const PERSON_AFTER = /^(?:\s*(?:[,.;:)]|$)|\s+(?:who|whose|with|that|was|is|has|had|and|in|of|aged?|born|injured|worker|employee|patient|claimant|applicant|individual|person)\b)/i;

/** The sex word that follows the age ending at `ageEnd` as part of its phrase, or null. */
function sexAfterAge(s: string, ageEnd: number): RegExpExecArray | null {
  const near = SEX_RE.exec(s.slice(ageEnd, ageEnd + 40));
  return near && !CLAUSE_BETWEEN.test(s.slice(ageEnd, ageEnd + near.index)) ? near : null;
}

/** The summary's opening sentence (in its first 300 characters). */
function openingSentence(s: string): string {
  const head = s.slice(0, Math.min(s.length, 300));
  for (let i = 0; i < head.length; i++) {
    if (nextSentenceStart(head, i) >= 0) return head.slice(0, i + 1);
  }
  return head;
}

/** A sex word of the summary's opening sentence that names the patient ("The injured worker is a
 *  female who ..."), when no age phrase holds one; or null. */
function sexInOpening(s: string): RegExpExecArray | null {
  const opening = openingSentence(s);
  const m = SEX_RE.exec(opening);
  if (!m) return null;
  const before = opening.slice(Math.max(0, m.index - 40), m.index);
  const after = opening.slice(m.index + m[0].length, m.index + m[0].length + 20);
  return ARTICLE_BEFORE.test(before) && PERSON_AFTER.test(after) ? m : null;
}
/** A digit and a blank right before the age: digits broken by a space ("5 4 year old"). */
const DIGIT_BLANK_END = /\d[ \u00a0]$/;
/** Up to three letters and a space right before the sex word ("fe male", a word broken by a space). */
const PIECE_BEFORE = /([A-Za-z]{1,3}) $/;
const FEMALE_WORD = /^(?:female|woman)$/i;

/**
 * How much of the case summary is joined first (see `readableIn`): the join stops at the end of
 * the line that reaches it. Over the corpus 203 of 206 letters are read from it (the rest join up
 * to 3,000); at 600 the joins made three times the text (130,504 characters against 47,091).
 */
const PATIENT_PREFIX = 200;

/** The length of the first join (`PATIENT_PREFIX`); only the test that holds the prefix's readings
 *  to the whole join's changes it. */
export const patientJoin = { prefix: PATIENT_PREFIX };

/**
 * Whether `parsePatient` reads the same age and sex from `t`, the summary joined to
 * `PATIENT_PREFIX` characters, as from the summary joined to 3,000: `t` is the whole summary, or
 * everything read from it (the first age, the 40 characters after it, the first 300 characters
 * when no sex word follows the age) ends well before its end, where the longer join could differ
 * (a line end joined to the next line). A match found there is also the first in the longer text:
 * an earlier match would cross the found one's digits.
 */
function readableIn(t: string): boolean {
  if (t.length < patientJoin.prefix) return true;
  const safe = t.length - 50;
  const age = patientAge(t);
  if (!age) return false;
  const ageEnd = age.index + age[0].length;
  if (ageEnd + 40 > safe) return false;
  return sexAfterAge(t, ageEnd) !== null || 300 <= safe;
}

export function parsePatient(r: LetterReader): Patient {
  const { lines, text } = r;
  const summary = r.headings.find((h) => h.kind === 'summary');
  if (!summary) return { age: null, sex: null, span: null };
  const next = r.headings[r.headings.indexOf(summary) + 1];
  const to = Math.min(next ? next.line : lines.length, summary.line + 40);
  let from = summary.line + 1;
  if (from < to && SUMMARY_LEAD_IN.test(r.content(from))) from++;
  // Only its first 3,000 characters are read (`s` below); most letters give the age and sex in
  // their first sentence, so the first 200 are joined first and the rest only when needed.
  let joined = r.spaced ? null : joinLines(text, lines, from, to, undefined, undefined, patientJoin.prefix);
  if (!joined || !readableIn(joined.text)) joined = joinLines(text, lines, from, to, undefined, undefined, 3000);
  const problems = r.problems.length;
  const read = readPatient(r, joined, r.spaced);
  // A letter with few words broken by spaces may not be known for one ("a 45-ye ar-old ma le"):
  // when the opening as written gives no age or no sex and nothing uncertain, it is read again
  // with broken words joined, and that reading kept when it gives more.
  if (r.spaced || (read.age !== null && read.sex !== null) || r.problems.length !== problems) return read;
  const again = readPatient(r, joinLines(text, lines, from, to, undefined, undefined, 3000), true);
  const more = (again.age !== null ? 1 : 0) + (again.sex !== null ? 1 : 0) > (read.age !== null ? 1 : 0) + (read.sex !== null ? 1 : 0);
  if (!more) r.problems.length = problems;
  return more ? again : read;
}

/** The patient's age and sex from the case summary's opening (`joined`), with words broken by
 *  spaces joined first when `rejoin` is set. */
function readPatient(r: LetterReader, joined: Joined, rejoin: boolean): Patient {
  // The opening sentence with words broken by spaces joined ("a 36 y ear old").
  const firstPart = rejoin ? rejoinWords(joined.text.slice(0, 400), joined.text.slice(400, 2000)) : { text: joined.text.slice(0, 400), from: null };
  // Without joined words, the same characters cut out in one piece (a regular expression reads
  // a piece of a string as it is; two pieces joined would be copied into a new string first).
  const s = firstPart.from ? firstPart.text + joined.text.slice(400, 3000) : joined.text.slice(0, 3000);
  const back = (k: number) => (!firstPart.from ? k : k < firstPart.text.length ? firstPart.from[k] : k - firstPart.text.length + 400);
  const found = patientAge(s);
  const age: AgeMatch | null = found
    ? { index: found.index, end: found.index + found[0].length, value: Number(found[1]), written: found[1].length }
    : otherAge(s);
  // The sex is usually the word after the age ("52 year old female"); otherwise a sex word of
  // the opening sentence that names the patient ("The injured worker is a female who ...").
  const near = age ? sexAfterAge(s, age.end) : null;
  const sexFrom = near ? age!.end + near.index : -1;
  const opening = sexFrom < 0 ? sexInOpening(s) : null;
  const sexAt = sexFrom >= 0 ? sexFrom : opening ? opening.index : -1;
  const sexWord = near?.[1] ?? opening?.[1] ?? '';
  if (!age && sexAt < 0) return { age: null, sex: null, span: null };
  let ageValue = age ? age.value : null;
  // "5 4 year old": digits broken by a space; the age cannot be told for sure.
  if (age && DIGIT_BLANK_END.test(s.slice(Math.max(0, age.index - 2), age.index))) {
    ageValue = null;
    const from = back(Math.max(0, s.lastIndexOf(' ', age.index - 2) + 1));
    r.problems.push({
      code: 'patient-uncertain',
      severity: 'warning',
      message: `The patient's age is left empty: "${s.slice(Math.max(0, s.lastIndexOf(' ', age.index - 2) + 1), age.index + age.written)}" may be one number broken by a space or two.`,
      span: joined.span(from, back(age.index + age.written - 1) + 1),
    });
  }
  const w = sexWord.toLowerCase();
  let sex: Patient['sex'] = w === '' ? null : w === 'male' || w === 'man' || w === 'gentleman' ? 'male' : 'female';
  // "fe male", "wo man": a piece before the word that makes it the other sex word. Neither piece
  // is a word, nor can a tool that breaks words by spaces add one: the word is read whole.
  const piece = sexAt > 0 ? PIECE_BEFORE.exec(s.slice(Math.max(0, sexAt - 5), sexAt)) : null;
  let sexStart = sexAt;
  if (sex && piece && FEMALE_WORD.test(piece[1] + sexWord)) {
    sex = 'female';
    sexStart = sexAt - piece[0].length;
  }
  const at = Math.min(age ? age.index : Infinity, sexStart >= 0 ? sexStart : Infinity);
  const until = Math.max(age ? age.end : 0, sexAt >= 0 ? sexAt + sexWord.length : 0);
  return { age: ageValue !== null && ageValue > 0 && ageValue < 120 ? ageValue : null, sex, span: joined.span(back(at), back(until - 1) + 1) };
}

/** Between the entries of a list: a comma or a semicolon, or "and" before a capital. */
const LIST_SEPARATOR = /\s*[,;]\s*|\s+and\s+(?=[A-Z])/;

/** Splits "California,North Carolina", "A, B and C" or "A; B" into entries. */
function splitList(v: string): string[] {
  const out = objectList<string>();
  for (const piece of withoutFinalPeriod(v).split(LIST_SEPARATOR)) {
    const s = piece.trim();
    if (s.length > 0) out.push(s);
  }
  return out;
}
