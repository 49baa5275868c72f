/**
 * "Page(s):" and "Section(s):" wherever they occur outside a guideline line: the guideline is then
 * read from the words just before them (a label, a chapter, a name and year).
 */
import { matchLabel, pageList, sectionListEnd, sections, trimLabelEnd } from './scan-guidelines';
import { isDigitCode } from '../collapse';
import { LABEL_CHAR, LabelHit, Scan } from './scan-state';
import type { Citation } from './types';

/** "Page(s):" not inside a guideline line: guideline guessed from the words just before. */
export function scanPagesFallback(sc: Scan): void {
  const s = sc.s;
  let pos = 0;
  for (;;) {
    const i = s.indexOf('Page(s):', pos);
    if (i < 0) return;
    pos = i + 8;
    if (sc.covered(i)) continue;
    const before = s.slice(Math.max(0, i - 200), i);
    let guideline = 'unknown';
    let edition = 'unknown';
    let basis = 'no guideline named before "Page(s):"';
    let chapter: Citation['chapter'] = null;
    const ac = /ACOEM(?:\s+Practice\s+Guidelines)?,?\s+Chapter\s+(\d{1,2})\b(?![\s\S]*ACOEM)/.exec(before);
    if (ac) {
      guideline = 'mtus-acoem';
      edition = '2004';
      basis = 'ACOEM chapters adopted in the MTUS are the 2nd edition (2004)';
      chapter = { number: Number(ac[1]), name: null };
    } else if (/Chronic Pain/.test(before)) {
      guideline = 'mtus-cpmtg';
      const ed = sc.cpmtgEdition(true);
      edition = ed.edition;
      basis = ed.basis;
    }
    const pages = pageList(sc, i + 8, null);
    sc.push(
      { kind: 'page', from: i, to: Math.max(pages.end, i + 8), guideline, edition, editionBasis: basis, label: null, chapter, topic: null, locators: pages.locators, date: null },
      true,
    );
    pos = Math.max(pos, pages.end);
  }
}

/** "Section(s):" not inside a guideline line: the label is read backwards from it. */
export function scanSectionsFallback(sc: Scan): void {
  const s = sc.s;
  let pos = 0;
  for (;;) {
    const i = s.indexOf('Section(s):', pos);
    if (i < 0) return;
    pos = i + 11;
    if (sc.covered(i)) continue;
    const labelStart = labelStartBefore(sc, i);
    let label: LabelHit | null = labelStart >= 0 ? matchLabel(sc, labelStart) : null;
    if (label && label.end < i - 2) label = null;
    const listStart = i + 11 + (s[i + 11] === ' ' ? 1 : 0);
    const listEnd = sectionListEnd(sc, listStart);
    const hit: LabelHit = label ?? {
      start: i, end: i, text: '', guideline: 'mtus-unknown', edition: 'unknown', basis: 'no guideline named before "Section(s):"',
      doc: null, chapter: null, form: 'S',
    };
    const locators = sections(sc, listStart, listEnd, hit);
    const a = sc.trimStart(listStart, listEnd);
    const b = sc.trimEnd(a, listEnd);
    sc.push(
      {
        kind: 'section', from: label ? label.start : i, to: listEnd, guideline: hit.guideline, edition: hit.edition,
        editionBasis: hit.basis, label: label ? trimLabelEnd(label.text) : null, chapter: hit.chapter,
        topic: b > a ? s.slice(a, b) : null, locators, date: null,
      },
      true,
    );
    pos = Math.max(pos, listEnd);
  }
}

/** Start of "<Name> <year>[ Guidelines]," that ends just before `i`, or -1 (bounded scan back). */
export function labelStartBefore(sc: Scan, i: number): number {
  const s = sc.s;
  let k = i - 1;
  while (k >= 0 && (s[k] === ' ' || s[k] === ',')) k--;
  if (k >= 9 && s.slice(k - 9, k + 1) === 'Guidelines') {
    k -= 10;
    while (k >= 0 && s[k] === ' ') k--;
  }
  let digits = 0;
  while (k >= 0 && isDigitCode(s.charCodeAt(k)) && digits < 5) {
    k--;
    digits++;
  }
  if (digits !== 4) return -1;
  const floor = Math.max(0, k - 80);
  let start = -1;
  while (k >= floor && LABEL_CHAR.test(s[k])) {
    const c = s.charCodeAt(k);
    if (c >= 65 && c <= 90 && (k === 0 || s[k - 1] === ' ' || s[k - 1] === ',')) start = k;
    k--;
  }
  // Prefer the start right after "MTUS " or ", and " when one is in reach.
  const seg = s.slice(Math.max(0, floor), i);
  const mtus = Math.max(seg.lastIndexOf('MTUS '), -1);
  const and = seg.lastIndexOf(', and ');
  const anchor = Math.max(mtus >= 0 ? mtus + 5 : -1, and >= 0 ? and + 6 : -1);
  if (anchor >= 0) return Math.max(0, floor) + anchor;
  return start;
}
