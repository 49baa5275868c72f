/**
 * Citations in free text: regulation references (`8 C.C.R. §§9792.20 - 9792.26`, `MTUS 9792.20f`,
 * `9792.20(ef)`, ...), "ACOEM Chapter 12, Table 12-8, page 309" and "page 82 of the MTUS Chronic
 * Pain Medical Treatment Guidelines (July 28, 2016)".
 */
import { longDateToIso } from '../dates';
import { cpmtgEditionFor } from '../knowledge';
import {
  CPMTG_ANCHOR, FREE_ACOEM, FREE_PAGE_D, LONG_DATE_PAREN, PAGE_BEFORE_D, REG_PREFIX, REGULATION, Scan, SUPPLEMENT_PAGE, TABLE,
  UNDER_SECTION,
} from './scan-state';
import type { PageLocator, RegulationLocator } from './types';

export function scanRegulations(sc: Scan): void {
  const s = sc.s;
  let pos = 0;
  for (;;) {
    const i = s.indexOf('9792.', pos);
    if (i < 0) return;
    pos = i + 5;
    const m = sc.sticky(REGULATION, i);
    if (!m) continue;
    let end = i + m[0].length;
    const section = `9792.${m[1]}${m[2]}`;
    const subdivision = m[3] ?? m[4] ?? null;
    const paragraph = m[5] ?? null;
    const through = m[6] ? `9792.${m[6]}${m[7]}` : null;
    const prefix = REG_PREFIX.exec(s.slice(Math.max(0, i - 30), i));
    const start = prefix ? i - prefix[0].length : i;
    let date: string | null = null;
    const d = sc.sticky(LONG_DATE_PAREN, end);
    if (d) {
      date = longDateToIso(d[1].replace('.', ''));
      if (date) end += d[0].length;
    }
    const locator: RegulationLocator = {
      kind: 'regulation', text: s.slice(i, i + m[0].length), section, subdivision, paragraph, through,
      span: sc.span(i, i + m[0].length),
    };
    const era = sc.regEra(date);
    sc.push({
      kind: 'regulation', from: start, to: end, guideline: 'ccr-9792', edition: era.edition, editionBasis: era.basis,
      label: s.slice(start, i).trim() || null, chapter: null, topic: null, locators: [locator], date,
    });
    if (section === '9792.24.4') {
      const sp = sc.sticky(SUPPLEMENT_PAGE, end);
      if (sp) {
        const a = end + sp[0].length - sp[1].length;
        sc.push({
          kind: 'page', from: start, to: a + sp[1].length, guideline: 'mtus-opioids', edition: '2016',
          editionBasis: date ? `the date written in the citation (${date})` : 'section 9792.24.4 is the 2016 opioid guideline',
          label: s.slice(start, end).trim(), chapter: null, topic: null, date,
          locators: [{ kind: 'page', text: sp[1], from: null, to: null, table: null, span: sc.span(a, a + sp[1].length) }],
        });
      }
    }
    pos = Math.max(pos, i + m[0].length);
  }
}

// ---------------------------------------------------------------- free text

/** "ACOEM Chapter 12, Table 12-8, page 309" and similar, outside guideline lines. */
export function scanFreeAcoem(sc: Scan): void {
  const s = sc.s;
  let pos = 0;
  for (;;) {
    const i = s.indexOf('ACOEM', pos);
    if (i < 0) return;
    pos = i + 5;
    if (sc.covered(i)) continue;
    const m = sc.sticky(FREE_ACOEM, i);
    if (!m) continue;
    const chapter = Number(m[1]);
    const chapterEnd = i + m[0].length;
    const third = /\b(?:Third|3rd)\s+[Ee]dition\s?(?:of\s)?(?:the\s)?$/.test(s.slice(Math.max(0, i - 30), i));
    const locators: PageLocator[] = [];
    let q = chapterEnd;
    let topicEnd = -1;
    for (let guard = 0; guard < 6; guard++) {
      let table: string | null = null;
      let tableSpan: [number, number] | null = null;
      const t = sc.sticky(TABLE, q);
      if (t) {
        table = t[1];
        tableSpan = [q + t[0].indexOf('Table'), q + t[0].length];
        if (topicEnd < 0) topicEnd = q;
        q += t[0].length;
      }
      const w = s.slice(q, sc.sentenceEnd(q, 100));
      FREE_PAGE_D.lastIndex = 0;
      const pm = FREE_PAGE_D.exec(w);
      const gap = pm ? w.slice(0, pm.index) : '';
      if (!pm || /Chapter\s\d|ACOEM/.test(gap) || (locators.length > 0 && gap.length > 60)) {
        if (tableSpan) {
          locators.push({ kind: 'page', text: s.slice(tableSpan[0], tableSpan[1]), from: null, to: null, table, span: sc.span(tableSpan[0], tableSpan[1]) });
        }
        break;
      }
      if (topicEnd < 0) topicEnd = q + pm.index;
      const idx = pm.indices!;
      const a = q + idx[1][0];
      const b = q + (idx[2] ? idx[2][1] : idx[1][1]);
      locators.push(sc.pageLocator(a, b, Number(pm[1]), pm[2] ? Number(pm[2]) : Number(pm[1]), table));
      q = b;
    }
    let topic: string | null = null;
    if (topicEnd > chapterEnd) {
      const ta = sc.trimStart(chapterEnd, topicEnd);
      const tb = sc.trimEnd(ta, topicEnd);
      if (tb > ta && tb - ta <= 80 && !/\.\s/.test(s.slice(ta, tb))) topic = s.slice(ta, tb);
    }
    if (locators.length > 0) {
      const trailing = /^,\s([A-Z][A-Za-z ]{2,60}?)\s[Ss]ection\b/.exec(s.slice(q, q + 80));
      if (trailing) {
        topic = topic ?? trailing[1];
        q += trailing[0].length;
      }
    } else {
      q = chapterEnd;
    }
    sc.push(
      {
        kind: locators.length ? 'page' : 'guideline', from: i, to: q, guideline: third ? 'acoem-3' : 'mtus-acoem',
        edition: third ? '3rd' : '2004',
        editionBasis: third ? 'named in the letter (third edition)' : 'ACOEM chapters cited as MTUS are the 2nd edition (2004)',
        label: s.slice(i, chapterEnd), chapter: { number: chapter, name: null }, topic, locators, date: null,
      },
      true,
    );
    pos = Math.max(pos, q);
  }
}

/** The anchor expression of `scanFreeCpmtg`, its own copy (a scan sets its lastIndex first). */
const CPMTG_RE = new RegExp(CPMTG_ANCHOR.source, 'g');

/** "page 82 of the MTUS Chronic Pain Medical Treatment Guidelines (July 28, 2016)" and similar. */
export function scanFreeCpmtg(sc: Scan): void {
  const s = sc.s;
  if (s.indexOf('Chronic Pain') < 0) return; // most rationales never name the guideline
  const re = CPMTG_RE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const i = m.index;
    if (sc.covered(i)) continue;
    const anchorEnd = i + m[0].length;
    let from = i;
    let to = anchorEnd;
    let page: PageLocator | null = null;
    let topic: string | null = null;
    let year: string | null = null;
    const w0 = Math.max(0, i - 40);
    const before = PAGE_BEFORE_D.exec(s.slice(w0, i));
    if (before) {
      const idx = before.indices!;
      from = w0 + before.index;
      const a = w0 + idx[1][0];
      const b = w0 + (idx[2] ? idx[2][1] : idx[1][1]);
      page = sc.pageLocator(a, b, Number(before[1]), before[2] ? Number(before[2]) : Number(before[1]), null);
      year = before[3] ?? null;
    }
    const yearBefore = /\b(2009|2016),?\s?$/.exec(s.slice(Math.max(0, i - 12), i));
    if (!year && yearBefore) year = yearBefore[1];
    // Look ahead in the same sentence for a version date and a page.
    const w = s.slice(anchorEnd, sc.sentenceEnd(anchorEnd, 160));
    const dm = /\(([A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})\)/.exec(w);
    const date = dm ? longDateToIso(dm[1].replace('.', '')) : null;
    if (!page) {
      FREE_PAGE_D.lastIndex = 0;
      const pm = FREE_PAGE_D.exec(w);
      if (pm && !/ACOEM|Chapter\s\d/.test(w.slice(0, pm.index))) {
        const idx = pm.indices!;
        const a = anchorEnd + idx[1][0];
        const b = anchorEnd + (idx[2] ? idx[2][1] : idx[1][1]);
        page = sc.pageLocator(a, b, Number(pm[1]), pm[2] ? Number(pm[2]) : Number(pm[1]), null);
        to = b;
        const cleaned = w
          .slice(0, pm.index)
          .replace(/^\s?(?:MTUS\s?[-–]?\s?)?(?:8\s?C\.?\s?C\.?\s?R\.?\s?§{0,2}\s?9792[\d.\s\-–§]*)?(?:\([^)]{0,30}\))?/, '')
          .replace(/^[\s,;:]+|[\s,;:]+$/g, '');
        if (cleaned.length > 1 && cleaned.length <= 80 && !/\s(?:is|are|has|have|states?|notes?|of|the)\s/.test(` ${cleaned} `)) topic = cleaned;
      }
    } else if (dm) {
      to = anchorEnd + dm.index + dm[0].length;
    }
    if (!page) continue;
    const under = sc.sticky(UNDER_SECTION, to);
    if (!topic && under) {
      topic = under[1];
      to += under[0].length;
    }
    let edition: string;
    let basis: string;
    if (date) {
      edition = cpmtgEditionFor(date);
      basis = `the date written in the citation (${date})`;
    } else if (year) {
      edition = year;
      basis = `the year written in the citation (${year})`;
    } else {
      const ed = sc.cpmtgEdition(false);
      edition = ed.edition;
      basis = ed.basis;
    }
    sc.push({
      kind: 'page', from, to, guideline: 'mtus-cpmtg', edition, editionBasis: basis, label: m[0], chapter: null,
      topic, locators: [page], date,
    });
    re.lastIndex = Math.max(re.lastIndex, to);
  }
}
