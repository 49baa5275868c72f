/**
 * Guideline lines: "Decision based on MTUS <Guideline> <year>, Section(s): ..." chains joined by
 * ", and ", the older "<Guideline> <topic> Page(s): <pages>" form, "Decision based on Non-MTUS
 * Citation ..." (ODG, ACOEM 3rd edition, others). "Page(s):" and "Section(s):" elsewhere are read
 * by `scan-fallback.ts`.
 */
import { isDigitCode, isRegexSpace } from '../collapse';
import { documentForLabel, knownSectionKeys, nameKey } from '../knowledge';
import {
  ACOEM_CHAPTER_LABEL, AND_JOIN, DECISION_ANCHOR_AT, isTrimCode, LabelHit, MAX_LIST, MAX_NON_MTUS, MAX_TOPIC,
  NAMED_LABEL, NUMBERED_ITEM, PAGE_ITEM, PAGE_LIST, Scan, SECTIONS_INTRO, YEAR_LABEL,
} from './scan-state';
import type { CitationKind, Locator, PageLocator, SectionLocator } from './types';

/**
 * The guideline label at `at`, or null. A chain's next label is asked for up to three times at the
 * same place (the end of a section list, the ", and " after it, the chain's next turn): the last
 * answer is kept in the scan. A label is only read (a citation copies what it needs from it).
 */
export function matchLabel(sc: Scan, at: number): LabelHit | null {
  if (sc.labelAt !== at) {
    sc.label = readLabel(sc, at);
    sc.labelAt = at;
  }
  return sc.label;
}

function readLabel(sc: Scan, at: number): LabelHit | null {
  const s = sc.s;
  const acoem = sc.sticky(ACOEM_CHAPTER_LABEL, at);
  if (acoem) {
    const num = Number(acoem[1]);
    return {
      start: at, end: at + acoem[0].length, text: acoem[0], guideline: 'mtus-acoem', edition: '2004',
      basis: 'ACOEM chapters adopted in the MTUS are the 2nd edition (2004)',
      doc: sc.doc('mtus-acoem', '2004'), chapter: { number: num, name: null }, form: 'P',
    };
  }
  const yEnd = sc.stickyEnd(YEAR_LABEL, at);
  if (yEnd >= 0) {
    // The match is the name, blanks, the year, then blanks and "Guidelines" when they follow it:
    // its parts are read back from its end (a match array would copy each).
    let yearEnd = yEnd;
    if (s.startsWith('Guidelines', yEnd - 10) && isRegexSpace(s.charCodeAt(yEnd - 11))) {
      yearEnd = yEnd - 10;
      while (isRegexSpace(s.charCodeAt(yearEnd - 1))) yearEnd--;
    }
    let nameEnd = yearEnd - 4;
    while (nameEnd > at && isRegexSpace(s.charCodeAt(nameEnd - 1))) nameEnd--;
    const name = trimLabelEnd(s.slice(at, nameEnd));
    const year = s.slice(yearEnd - 4, yearEnd);
    const labelText = s.slice(at, yEnd);
    const hit = documentForLabel(sc.kb, `${name} ${year}`) ?? documentForLabel(sc.kb, `${name} ${year} Guidelines`);
    if (hit) {
      const ch = hit.entry
        ? { number: hit.entry.locator.chapter ?? null, name: hit.entry.locator.chapterName ?? hit.entry.topic }
        : null;
      return {
        start: at, end: yEnd, text: labelText, guideline: hit.doc.id, edition: hit.doc.edition,
        basis: `named in the letter ("${labelText}")`, doc: hit.doc, chapter: ch, form: 'S',
      };
    }
    if (!GUIDELINES_END.test(name)) {
      return {
        start: at, end: yEnd, text: labelText, guideline: 'mtus-unknown', edition: year,
        basis: `year written in the letter ("${labelText}")`, doc: null, chapter: null, form: 'S',
      };
    }
  }
  const named = sc.sticky(NAMED_LABEL, at);
  if (named) {
    const hit = documentForLabel(sc.kb, named[1]);
    if (hit) {
      let doc = hit.doc;
      let edition = doc.edition;
      let basis = `named in the letter ("${named[1]}")`;
      if (doc.id === 'mtus-cpmtg') {
        const pageForm = pageMarkerAhead(sc, at + named[0].length);
        const ed = sc.cpmtgEdition(pageForm);
        edition = ed.edition;
        basis = ed.basis;
        doc = sc.doc('mtus-cpmtg', edition) ?? doc;
      }
      return {
        start: at, end: at + named[0].length, text: named[1], guideline: doc.id, edition, basis, doc,
        chapter: null, form: 'P',
      };
    }
  }
  return null;
}

/** True when "Page(s):" follows within the topic window, in the same sentence. */
export function pageMarkerAhead(sc: Scan, at: number): boolean {
  const w = sc.s.slice(at, at + MAX_TOPIC);
  const p = w.indexOf('Page(s):');
  if (p < 0) return false;
  const stop = w.search(/\.\s(?:Decision|The|MAXIMUS)\b/);
  return stop < 0 || p < stop;
}

export function scanDecisionLines(sc: Scan): void {
  const s = sc.s;
  // The literal is found natively; the anchor expression is tried only where it occurs.
  let pos = 0;
  for (;;) {
    const i = s.indexOf('Decision based on', pos);
    if (i < 0) return;
    pos = i + 1;
    const after = sc.stickyEnd(DECISION_ANCHOR_AT, i);
    if (after < 0) continue;
    // The anchor names "Non-MTUS Citation" or "MTUS": "Non" is in it only in the first. Searched in
    // the anchor alone (a search of the text from it would read to the end for every anchor).
    const resume = s.slice(i, after).includes('Non') ? nonMtus(sc, after) : chain(sc, after);
    pos = Math.max(after, resume);
  }
}

/** Parses `<label>[...][, and <label>...]` from `at`; returns where scanning may resume. */
export function chain(sc: Scan, at: number): number {
  const s = sc.s;
  let p = at;
  for (let guard = 0; guard < 16; guard++) {
    const label = matchLabel(sc, p);
    if (!label) return p;
    let q = label.end;
    // The list the locators were read into is the citation's own (not copied into a new one).
    let locators: Locator[] = NO_LOCATORS;
    let topic: string | null = null;
    let kind: CitationKind = 'guideline';
    if (label.form === 'S') {
      const listStart = sc.stickyEnd(SECTIONS_INTRO, q);
      if (listStart >= 0) {
        const listEnd = sectionListEnd(sc, listStart);
        locators = sections(sc, listStart, listEnd, label);
        const a = sc.trimStart(listStart, listEnd);
        const b = sc.trimEnd(a, listEnd);
        topic = b > a ? s.slice(a, b) : null;
        kind = 'section';
        q = Math.max(listEnd, listStart);
      }
    } else {
      const r = pageForm(sc, q);
      topic = r.topic;
      locators = r.locators;
      kind = locators.some((l) => l.kind === 'page') ? 'page' : locators.length ? 'section' : 'guideline';
      q = r.end;
    }
    sc.push(
      {
        kind, from: label.start, to: q, guideline: label.guideline, edition: label.edition, editionBasis: label.basis,
        label: trimLabelEnd(label.text), chapter: label.chapter, topic, locators: locators === NO_LOCATORS ? [] : locators, date: null,
      },
      true,
    );
    const and = sc.stickyEnd(AND_JOIN, q);
    if (and >= 0 && matchLabel(sc, and)) {
      p = and;
      continue;
    }
    return q;
  }
  return p;
}

// Expressions read in a guideline line, made once (a literal in a function makes a new object
// each time it runs).
const GUIDELINES_END = /Guidelines$/;
/** What opens the sentence after a section list. */
const NEXT_SENTENCE = /^(?:Decision|The |MAXIMUS|Claims)/;
/** Where the topic of the older "Page(s):" form stops. */
const TOPIC_STOP = /\.\s(?:Decision|The|MAXIMUS)\b|\.$/;
const ODG_NAME = /Official Disability Guidelines|\bODG\b/;
/** ODG's name as a non-MTUS citation writes it, and the punctuation after it. */
const ODG_LABEL = /^(?:Official Disability Guidelines\s?(?:\(ODG\))?|ODG)\s?[,:\-–/]?\s?(?:\(ODG\)\s?)?[,:]?\s?/;
const ACOEM_NAME = /ACOEM|American College of Occupational and Environmental Medicine/;
const THIRD_EDITION = /\b(?:3rd|Third)\s+[Ee]d/;
const ACOEM3_PAGE = /\b(?:pg\.?|pages?)\s?(\d{1,3})\b/;
const THIRD_EDITION_NAME = /\b(?:3rd|Third)\s[Ee]d(?:ition|\.)?,?\s?/;
const ACOEM_WORD = /ACOEM\)?,?\s?/;

/** A label with no list after it: a new empty list is made for its citation (`chain`). */
const NO_LOCATORS: Locator[] = [];

/** End of a "Section(s):" list starting at `at` (exclusive, before the closing period). */
export function sectionListEnd(sc: Scan, at: number): number {
  const s = sc.s;
  const n = s.length;
  const lim = Math.min(n, at + MAX_LIST);
  let depth = 0;
  for (let q = at; q < lim; q++) {
    const ch = s.charCodeAt(q);
    if (ch === 40 || ch === 91) depth++;
    else if ((ch === 41 || ch === 93) && depth > 0) depth--;
    else if (ch === 46) {
      if (q + 1 >= n) return q;
      if (s.charCodeAt(q + 1) === 32) {
        const rest = s.slice(q + 2, q + 12);
        if (NEXT_SENTENCE.test(rest)) return q;
        const next = s.charCodeAt(q + 2);
        if (depth === 0 && next >= 65 && next <= 90 && !itemNumberBefore(sc, q, at)) return q;
      }
    } else if (ch === 44 && depth === 0 && s.startsWith(', and ', q)) {
      if (matchLabel(sc, q + 6)) return q;
    }
  }
  return lim;
}

/** True when the period at `q` closes an item number ("3." in "Section(s): 3. Opioids ..."). */
export function itemNumberBefore(sc: Scan, q: number, listStart: number): boolean {
  const s = sc.s;
  let k = q - 1;
  while (k >= listStart && (isDigitCode(s.charCodeAt(k)) || s.charCodeAt(k) === 46)) k--;
  if (k === q - 1) return false;
  return k + 1 === listStart || (s[k] === ' ' && (s[k - 1] === ',' || s[k - 1] === ':'));
}

/** Splits a section list into locators: commas inside parentheses do not split, known titles
 *  that contain commas are kept whole, numbered items (Opioids 2016) start new sections. */
export function sections(sc: Scan, a: number, b: number, label: LabelHit): SectionLocator[] {
  const s = sc.s;
  while (a < b && isTrimCode(s.charCodeAt(a))) a++;
  while (b > a && isTrimCode(s.charCodeAt(b - 1))) b--;
  if (b <= a) return [];
  // The parts and the groups made of them, as flat lists of (start, end) pairs.
  const parts: number[] = [];
  let depth = 0;
  let start = a;
  for (let q = a; q < b; q++) {
    const ch = s.charCodeAt(q);
    if (ch === 40 || ch === 91) depth++;
    else if ((ch === 41 || ch === 93) && depth > 0) depth--;
    else if (ch === 44 && depth === 0 && (s.charCodeAt(q + 1) === 32 || q + 1 === b)) {
      addTrimmed(s, parts, start, q);
      start = q + 1;
    }
  }
  addTrimmed(s, parts, start, b);

  let numbered = false;
  for (let p = 0; p < parts.length && !numbered; p += 2) numbered = numberedAt(s, parts[p], parts[p + 1]);
  // The groups are written over the parts they are made of, from the start: a group takes one part
  // or more, so none is written over before it is read. `w` is where the next group goes.
  let w = 0;
  if (numbered) {
    for (let p = 0; p < parts.length; p += 2) {
      if (w === 0 || numberedAt(s, parts[p], parts[p + 1])) {
        parts[w] = parts[p];
        parts[w + 1] = parts[p + 1];
        w += 2;
      } else parts[w - 1] = parts[p + 1];
    }
  } else {
    const count = parts.length / 2;
    // Known titles join two or more parts: a list of one part needs none.
    const known = label.doc && count > 1 ? knownSectionKeys(sc.kb, label.doc.id, label.doc.edition) : NO_KEYS;
    for (let i = 0; i < count; ) {
      let take = 1;
      for (let k = Math.min(4, count - i); k >= 2; k--) {
        if (known.has(nameKey(s.slice(parts[2 * i], parts[2 * (i + k - 1) + 1])))) {
          take = k;
          break;
        }
      }
      const end = parts[2 * (i + take - 1) + 1];
      parts[w] = parts[2 * i];
      parts[w + 1] = end;
      w += 2;
      i += take;
    }
  }
  // One section (most lists): a list made at its length (pushed to, a list grows to seventeen slots).
  if (w === 2) return [sectionLocator(sc, parts[0], parts[1])];
  const out: SectionLocator[] = [];
  for (let g = 0; g < w; g += 2) out.push(sectionLocator(sc, parts[g], parts[g + 1]));
  return out;
}

/** The section written at s[x, y), with its item number when it opens with one ("3. Opioids"). */
function sectionLocator(sc: Scan, x: number, y: number): SectionLocator {
  const s = sc.s;
  const text = s.slice(x, y);
  const m = isDigitCode(s.charCodeAt(x)) ? NUMBERED_ITEM.exec(text) : null;
  let number = m ? m[1] : null;
  let name = m ? text.slice(m[0].length) : text;
  // A section number a tool broke by a space after one of its dots ("3. 3.1.2 Opioids ..."): the
  // name would open with the rest of it, a number with a dot of its own.
  if (m && text.charCodeAt(m[1].length) === 0x2e && isDigitCode(name.charCodeAt(0))) {
    const rest = NUMBERED_ITEM.exec(name);
    if (rest && rest[1].includes('.')) {
      number = `${m[1]}.${rest[1]}`;
      name = name.slice(rest[0].length);
    }
  }
  return { kind: 'section', text, name: name || text, number, span: sc.span(x, y) };
}

/** Adds s[a, b) without the blanks and punctuation at its ends to `parts`, unless nothing is left. */
function addTrimmed(s: string, parts: number[], a: number, b: number): void {
  while (a < b && isTrimCode(s.charCodeAt(a))) a++;
  while (b > a && isTrimCode(s.charCodeAt(b - 1))) b--;
  if (b > a) parts.push(a, b);
}

/** True when s[x, y) starts with an item number ("3. ", "3.3.9 "); `NUMBERED_ITEM` needs a digit first. */
function numberedAt(s: string, x: number, y: number): boolean {
  return isDigitCode(s.charCodeAt(x)) && NUMBERED_ITEM.test(s.slice(x, Math.min(y, x + 20)));
}

const NO_KEYS: ReadonlySet<string> = new Set();

/** `label` without the blanks and commas it ends with (as `.replace(/[\s,]+$/, '')`). */
export function trimLabelEnd(label: string): string {
  const c = label.charCodeAt(label.length - 1);
  // A printable ASCII character other than a comma is not a blank: nothing to take off.
  if (c > 32 && c < 127 && c !== 44) return label;
  return label.replace(/[\s,]+$/, '');
}

/** The older form after a label: topic words, then "Page(s): <list>". */
export function pageForm(sc: Scan, at: number): { topic: string | null; locators: Locator[]; end: number } {
  const s = sc.s;
  const w = s.slice(at, Math.min(s.length, at + MAX_TOPIC));
  const stopM = TOPIC_STOP.exec(w);
  const stop = stopM ? stopM.index : w.length;
  const p = w.indexOf('Page(s):');
  if (p >= 0 && p < stop) {
    const ta = sc.trimStart(at, at + p);
    const tb = sc.trimEnd(ta, at + p);
    const pages = pageList(sc, at + p + 'Page(s):'.length, null);
    return { topic: tb > ta ? s.slice(ta, tb) : null, locators: pages.locators, end: pages.end };
  }
  const ta = sc.trimStart(at, at + stop);
  const tb = sc.trimEnd(ta, at + stop);
  if (tb > ta) {
    const name = s.slice(ta, tb);
    return { topic: name, locators: [{ kind: 'section', text: name, name, number: null, span: sc.span(ta, tb) }], end: tb };
  }
  return { topic: null, locators: [], end: at };
}

/** Parses "23, 100-102" at `at`. */
export function pageList(sc: Scan, at: number, table: string | null): { locators: PageLocator[]; end: number } {
  const m = sc.sticky(PAGE_LIST, at);
  if (!m || m[1].length === 0) return { locators: [], end: at };
  const listStart = at + m[0].length - m[1].length;
  const locators: PageLocator[] = [];
  PAGE_ITEM.lastIndex = 0;
  let pm: RegExpExecArray | null;
  while ((pm = PAGE_ITEM.exec(m[1]))) {
    const from = Number(pm[1]);
    const to = pm[2] ? Number(pm[2]) : from;
    const a = listStart + pm.index;
    locators.push({ kind: 'page', text: pm[0], from: Math.min(from, to), to: Math.max(from, to), table, span: sc.span(a, a + pm[0].length) });
  }
  return { locators, end: at + m[0].length };
}

export function nonMtus(sc: Scan, at: number): number {
  const s = sc.s;
  const lim = Math.min(s.length, at + MAX_NON_MTUS);
  const stop = s.slice(at, lim).indexOf('. Decision based on');
  const end = stop < 0 ? lim : at + stop;
  const a = sc.trimStart(at, end);
  const b = sc.trimEnd(a, end);
  if (b <= a) return at;
  const body = s.slice(a, b);
  let guideline = 'non-mtus-other';
  let edition = 'any';
  let rest = a;
  let topicEnd = b;
  const locators: Locator[] = [];
  const odg = ODG_NAME.exec(body);
  if (odg) {
    guideline = 'odg';
    edition = 'current';
    const after = ODG_LABEL.exec(body.slice(odg.index, odg.index + 60));
    rest = a + odg.index + (after ? after[0].length : odg[0].length);
  } else if (ACOEM_NAME.test(body)) {
    if (THIRD_EDITION.test(body)) {
      guideline = 'acoem-3';
      edition = '3rd';
      const pg = ACOEM3_PAGE.exec(body);
      if (pg) {
        const x = a + pg.index + pg[0].length - pg[1].length;
        const n = Number(pg[1]);
        locators.push({ kind: 'page', text: pg[1], from: n, to: n, table: null, span: sc.span(x, x + pg[1].length) });
        topicEnd = a + pg.index;
      }
    } else {
      guideline = 'acoem-other';
      edition = 'unknown';
    }
    const name = THIRD_EDITION_NAME.exec(body) ?? ACOEM_WORD.exec(body);
    rest = name ? a + name.index + name[0].length : a;
  }
  const ra = sc.trimStart(rest, topicEnd);
  const rb = sc.trimEnd(ra, topicEnd);
  if (rb > ra && guideline !== 'non-mtus-other') {
    const name = s.slice(ra, rb);
    locators.unshift({ kind: 'topic', text: name, name, span: sc.span(ra, rb) });
  }
  sc.push(
    {
      kind: 'non-mtus', from: a, to: b, guideline, edition,
      editionBasis: guideline === 'odg' ? 'ODG is cited without an edition; letters use the version current at the time' : guideline === 'acoem-3' ? 'named in the letter (3rd edition)' : 'no edition stated',
      label: body.slice(0, Math.min(body.length, 120)), chapter: null, topic: body, locators, date: null,
    },
    true,
  );
  return b;
}

// ---------------------------------------------------------------- fallbacks
