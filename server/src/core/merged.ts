/**
 * Lines that some PDF tools merge: a block label standing after the end of the previous block's
 * text ("... for its decision.   MAXIMUS guideline : Decision based ..."), a decision word glued
 * before the label that follows it ("Upheld  Claims Administrator guideline: ..."), the
 * reviewer's licensure and specialty on one line, the issues lead-in glued to the first item
 * heading ("... set forth below: Acupuncture ... : Upheld"), an item heading glued to the end of
 * the previous item's rationale (found by `glued-heading.ts`).
 *
 * Such a line is cut into two lines where the label starts (or after the lead-in's
 * colon), so the parser reads each part as the line the letter printed. The cut lines keep source
 * offsets, so every span still points into the text. The labels are found by the fixed
 * vocabulary with the blanks taken out, so a label whose words are broken by spaces
 * ("MAXIMUS gui deline :") is found too.
 *
 * A form feed inside a line (pages joined by a form feed alone) cuts it too, as a page break.
 *
 * Linear: a line is only searched when it holds a colon (every label ends with one), character
 * by character over the part before its last colon, and each candidate is checked on at most 60
 * characters; the native searches for colons, form feeds and glued headings run over the
 * letter's or the line's own text, never to the end of a merged file.
 */
import { blankTable, isBlankCode, LineTable } from './lines';
import { squeeze } from './squeezed';
import { afterBullet, isLigature, isSqueezedOut, LIGATURES } from './collapse';
import { gluedHeadingAbove, headingStartIn } from './glued-heading';

/** Labels that open a line of their own, blanks removed. Case matters: "decision rationale:"
 *  inside a sentence is not the block label. Each ends with its colon, and is the only colon in
 *  it. The quick test below (`endsLikeLabel`) is made from this list. */
const LABELS: readonly string[] = [
  'ClaimsAdministratorguideline:', 'MAXIMUSguideline:', 'Decisionrationale:', 'Certification(s)/Specialty:', 'State(s)ofLicensure:',
];

/** The labels' last letters before their colon, by character code. */
const LABEL_LAST = new Uint8Array(128);
for (const l of LABELS) LABEL_LAST[l.charCodeAt(l.length - 2)] = 1;

/** A Latin ligature: letters whose text holds none pass over the search for them. */
const LIGATURE = /[\ufb00-\ufb06]/;

/** The issues lead-in, blanks removed; text after its colon on the same line is the first item. */
const LEAD_IN = /^TheFinalDeterminationwasbasedondecisionsforthedisputed/;

/** The lead-in's first letters: lines that do not start so, read as `squeeze` reads them, are not squeezed. */
const LEAD_IN_OPENING = 'TheFinal';

/** The case summary's lead-in, blanks removed ("The expert reviewer developed the following
 *  clinical case summary based on a review of the case file, including all medical records:");
 *  text after its colon on the same line is the summary's first sentence. */
const SUMMARY_LEAD_IN = /^Theexpertreviewerdevelopedthefollowingclinicalcasesummary/;

/** The summary lead-in's first letters, as `LEAD_IN_OPENING`. */
const SUMMARY_LEAD_IN_OPENING = 'Theexpert';

/**
 * Whether text[from, to), read as `squeeze` reads it, may start with `prefix`: false once a kept
 * character differs from the prefix's; true when the prefix is read whole, or at a ligature (which
 * reads as two or three letters: then the expression decides).
 */
function squeezedMayStartWith(text: string, from: number, to: number, prefix: string): boolean {
  let k = 0;
  for (let i = from; i < to && k < prefix.length; i++) {
    const c = text.charCodeAt(i);
    if (isSqueezedOut(c)) continue;
    if (isLigature(c)) return true;
    if (c !== prefix.charCodeAt(k)) return false;
    k++;
  }
  return k === prefix.length;
}

/** A line that holds only a decision word, blanks removed (the request on the lines above). */
const DECISION_ALONE = /^(?:Upheld|Overturned)\.?$/;
/** Longest line `DECISION_ALONE` is tried on. */
const DECISION_ALONE_CHARS = 24;
/** A line that ends an item heading: a decision word after a colon, blanks removed. */
const DECISION_END = /:(?:Upheld|Overturned)\.?$/;
/** How many characters after its first a mid-line label is checked on. */
const LABEL_REACH = 60;

/** Longest line part searched for labels. */
const MAX_SEARCH = 20000;

/** The lines with merged lines cut where a label or the first item starts, and at each form feed
 *  inside a line: the same table when no line is cut, else a table of its own. */
export function splitMergedLines(text: string, lines: LineTable): LineTable {
  const n = lines.length;
  if (n === 0) return lines;
  const { start, end, cs, ce, pageBreak } = lines;
  // The searches below run over these lines' own text (a slice shares the text's characters), so
  // that a search finding nothing stops at the last line, not at the end of a merged file.
  const base = start[0];
  const own = text.slice(base, end[n - 1]);
  // Found at once in text of one-byte characters, which cannot hold one.
  const ligatures = LIGATURE.test(own);
  // The next colon at or after the line being read (relative to `base`): found natively, never
  // searched twice (every cut is at or before a colon of its line).
  let colon = -2;
  // The next form feed, likewise.
  let formFeed = -2;
  // The lines cut, and where: line index then its cuts, in pairs.
  let found: (number | number[])[] | null = null;
  let added = 0;
  for (let li = 0; li < n; li++) {
    const s = cs[li];
    const e = ce[li];
    let cuts: number[] | null = null;
    if (s !== e && colon !== -1) {
      if (colon < s - base) colon = own.indexOf(':', s - base);
      if (colon >= 0 && base + colon < Math.min(e, s + MAX_SEARCH)) cuts = cutsIn(text, s, e, base + colon, ligatures, e - s >= GLUED_HEADING_LINE);
    }
    // A decision line whose heading starts on a line above, glued there to the previous
    // rationale's last sentence: that line is cut where the heading starts.
    const last = text.charCodeAt(e - 1);
    const alone = !cuts && e - s <= DECISION_ALONE_CHARS && (last === 100 || last === 46) && DECISION_ALONE.test(squeeze(text, s, e, DECISION_ALONE_CHARS));
    if (!cuts && s !== e && e - s < GLUED_HEADING_LINE && (alone || (colon >= 0 && base + colon < e && endsLikeDecision(text, s, e, ligatures) && endsWithDecision(text, Math.max(s, e - 40), e, ligatures)))) {
      const above = gluedHeadingAbove(text, lines, li, !alone);
      if (above && addCut((found ??= []), above.line, above.at)) added++;
    }
    // A form feed inside a line (pages joined with a form feed and no line break): a page break.
    if (s !== e && formFeed !== -1) {
      if (formFeed < s - base) formFeed = own.indexOf('\f', s - base);
      if (formFeed >= 0 && base + formFeed < e) {
        cuts ??= [];
        let f = formFeed;
        for (; f >= 0 && base + f < e; f = own.indexOf('\f', f + 1)) cuts.push(base + f);
        formFeed = f;
        cuts = [...new Set(cuts)].sort((a, b) => a - b);
      }
    }
    // A long line cut at the section headings inside it: its parts are read again (the issues
    // lead-in, an item's decision ending), as lines of their own are.
    if (cuts && e - s >= GLUED_HEADING_LINE) cuts = partCuts(text, start[li], end[li], cuts, ligatures);
    if (!cuts) continue;
    (found ??= []).push(li, cuts);
    added += cuts.length;
  }
  if (!found) return lines;
  const out = blankTable(n + added);
  let k = 0;
  const copy = (li: number) => {
    out.start[k] = start[li];
    out.end[k] = end[li];
    out.cs[k] = cs[li];
    out.ce[k] = ce[li];
    out.pageBreak[k] = pageBreak[li];
    k++;
  };
  let li = 0;
  for (let f = 0; f < found.length; f += 2) {
    const cut = found[f] as number;
    for (; li < cut; li++) copy(li);
    let from = start[cut];
    let pb = pageBreak[cut] === 1;
    for (const at of found[f + 1] as number[]) {
      setRow(out, k++, text, from, at, pb);
      from = at;
      pb = text.charCodeAt(at) === 12;
    }
    setRow(out, k++, text, from, end[cut], pb);
    li = cut + 1;
  }
  for (; li < n; li++) copy(li);
  return out;
}

/** Adds cut `at` to line `line` in `found` (line index then its cuts, in pairs, in line order);
 *  false when the line has that cut already. */
function addCut(found: (number | number[])[], line: number, at: number): boolean {
  let f = found.length - 2;
  while (f >= 0 && (found[f] as number) > line) f -= 2;
  if (f >= 0 && found[f] === line) {
    const cuts = found[f + 1] as number[];
    if (cuts.includes(at)) return false;
    cuts.push(at);
    cuts.sort((a, b) => a - b);
    return true;
  }
  found.splice(f + 2, 0, line, [at]);
  return true;
}

/** Lines at least this long are searched for section headings written inside them. */
const GLUED_HEADING_LINE = 200;
/**
 * Lines at least this long are searched for the headings in capitals, found after one blank too:
 * a text reflowed into paragraphs glues a heading to the line before it by a single blank
 * ("... Family Practice CLINICAL CASE SUMMARY The expert reviewer ..."), on lines shorter than a
 * page written as one line. A letter's own lines of that length are rare, and its prose writes no
 * heading in capitals.
 */
const GLUED_CAPITALS_LINE = 100;

/**
 * The section headings of the F1 letters as they are written, searched for inside long lines: a
 * heading found there with two blanks (or the line's start, or one blank after a sentence's end)
 * before it and a blank (or the line's end) after it is made a line of its own. A heading in
 * capitals needs one blank before it, and is looked for on shorter lines too (`GLUED_CAPITALS_LINE`).
 */
const GLUED_HEADINGS: readonly string[] = [
  'HOW THE IMR FINAL DETERMINATION WAS MADE',
  'The Expert Reviewer has the following credentials:',
  'CLINICAL CASE SUMMARY',
  'IMR ISSUES, DECISIONS AND RATIONALES',
];

/** The headings of `GLUED_HEADINGS` written in capitals. */
const CAPITAL_HEADINGS: ReadonlySet<string> = new Set(GLUED_HEADINGS.filter((h) => h === h.toUpperCase()));

/** At `at`, the line's content starts (`cs`), or `blanks` blanks stand before it. */
function gapBefore(text: string, cs: number, at: number, blanks = 2): boolean {
  if (at === cs) return true;
  if (at - blanks < cs) return false;
  for (let k = 1; k <= blanks; k++) if (!isBlankCode(text.charCodeAt(at - k))) return false;
  return true;
}

/** At `at`, a blank stands after the end of a sentence (".", "!" or "?", a closing quote or
 *  bracket perhaps after it): a heading glued to the sentence before it by one blank. */
function afterSentence(text: string, cs: number, at: number): boolean {
  if (at - 2 < cs || !isBlankCode(text.charCodeAt(at - 1))) return false;
  let k = at - 2;
  const q = text.charCodeAt(k);
  if ((q === 34 || q === 0x201d || q === 41) && k > cs) k--;
  const c = text.charCodeAt(k);
  return c === 46 || c === 33 || c === 63;
}

/**
 * `cuts` of the line [lineStart, lineEnd) with the cuts of each part between them added, read again as a line of its
 * own, until no part gives a new cut (at most `PART_ROUNDS` rounds: each round reads the line once).
 */
function partCuts(text: string, lineStart: number, lineEnd: number, cuts: number[], ligatures: boolean): number[] {
  let all = cuts;
  // Colons are searched for in the line's own text, each part's from where the last search ended.
  const own = text.slice(lineStart, lineEnd);
  for (let round = 0; round < PART_ROUNDS; round++) {
    const found = new Set(all);
    let added = false;
    let from = lineStart;
    let next = -2;
    for (const at of [...all, lineEnd]) {
      const partStart = from;
      from = at;
      const cs = contentStart(text, partStart, at);
      const ce = contentEnd(text, cs, at);
      if (cs === ce || next === -1) continue;
      if (next < cs - lineStart) next = own.indexOf(':', cs - lineStart);
      const colon = next < 0 ? -1 : lineStart + next;
      if (colon < 0 || colon >= Math.min(ce, cs + MAX_SEARCH)) continue;
      for (const c of cutsIn(text, cs, ce, colon, ligatures, true) ?? []) {
        if (c > partStart && c < at && !found.has(c)) {
          found.add(c);
          added = true;
        }
      }
    }
    all = [...found].sort((a, b) => a - b);
    if (!added) break;
  }
  return all;
}

/** Rounds of `partCuts`. */
const PART_ROUNDS = 4;

/** Whether the last 40 characters of text[from, to), read as `squeeze` reads them, can be a
 *  decision ending (`DECISION_END`): they hold a colon, and their last kept character is "d" or
 *  "." (of "Upheld", "Overturned" or a period after them). A ligature among them reads as two
 *  letters and may push the last characters out of the 40 read: then the expression decides.
 *  `ligatures`: the text may hold one; when it does not, only a line ending so is read further. */
function endsLikeDecision(text: string, from: number, to: number, ligatures: boolean): boolean {
  const stop = Math.max(from, to - 40);
  let i = to - 1;
  while (i >= stop && isSqueezedOut(text.charCodeAt(i))) i--;
  if (i < stop) return false; // nothing kept, so no colon
  const last = text.charCodeAt(i);
  let ending = last === 100 || last === 46 || isLigature(last);
  if (!ending && !ligatures) return false;
  let colon = false;
  for (; i >= stop; i--) {
    const c = text.charCodeAt(i);
    if (c === 58) colon = true;
    else if (isLigature(c)) ending = true;
    if (colon && ending) return true;
  }
  return false;
}

/**
 * Whether text[from, to) (at most 40 characters), read as `squeeze` reads it, ends with a decision
 * word after a colon (`DECISION_END`). Read in place, backwards, when the text holds no ligature
 * (then what `squeeze` keeps is the characters themselves, never more than 40); else by the
 * expression on the squeezed copy.
 */
function endsWithDecision(text: string, from: number, to: number, ligatures: boolean): boolean {
  if (ligatures) return DECISION_END.test(squeeze(text, from, to, 40));
  let end = to;
  let i = to - 1;
  while (i >= from && isSqueezedOut(text.charCodeAt(i))) i--;
  if (i >= from && text.charCodeAt(i) === 46) end = i; // an optional period after the word
  return squeezedEndsWith(text, from, end, ':Upheld') || squeezedEndsWith(text, from, end, ':Overturned');
}

/** Whether text[from, to), the characters `squeeze` leaves out skipped, ends with `suffix`. */
function squeezedEndsWith(text: string, from: number, to: number, suffix: string): boolean {
  let i = to - 1;
  for (let k = suffix.length - 1; k >= 0; k--, i--) {
    while (i >= from && isSqueezedOut(text.charCodeAt(i))) i--;
    if (i < from || text.charCodeAt(i) !== suffix.charCodeAt(k)) return false;
  }
  return true;
}

/** Whether text[from, colon), read as `squeeze` reads it, can be the end of a mid-line label: its
 *  last kept character is the last letter of one ("e" of guideline, "y" of Specialty). A
 *  ligature is not passed over: it reads as letters no label ends with. */
function endsLikeLabel(text: string, from: number, colon: number): boolean {
  let i = colon - 1;
  while (i >= from && isSqueezedOut(text.charCodeAt(i))) i--;
  const c = i >= from ? text.charCodeAt(i) : 0;
  return c < 128 && LABEL_LAST[c] === 1;
}

/**
 * Where a mid-line label ending at `colon` starts: at its first letter, after a blank, not before
 * `lo`; -1 when none ends there. Each label is read backwards from the colon as `squeeze` reads
 * text[at, colon] (blanks and soft hyphens passed over, ligatures spelt out), so that squeezed
 * text equals the label: at most one label can, and the colon is the first after its start.
 */
function labelStart(text: string, lo: number, colon: number): number {
  for (const label of LABELS) {
    let k = label.length - 2; // the letter before the label's colon
    let i = colon - 1;
    while (k >= 0 && i >= lo) {
      const c = text.charCodeAt(i);
      if (isLigature(c)) {
        const letters = LIGATURES[c - 0xfb00];
        if (k + 1 < letters.length || !label.startsWith(letters, k + 1 - letters.length)) break;
        k -= letters.length;
      } else if (c === label.charCodeAt(k)) k--;
      else if (!isSqueezedOut(c)) break;
      i--;
    }
    if (k >= 0) continue;
    const at = i + 1;
    const b = text.charCodeAt(at - 1);
    return text.charCodeAt(at) === label.charCodeAt(0) && (b === 32 || b === 9 || b === 0xa0) ? at : -1;
  }
  return -1;
}

/** Where the content of text[start, end) starts: its first character that is not blank. */
function contentStart(text: string, start: number, end: number): number {
  let cs = start;
  while (cs < end && isBlankCode(text.charCodeAt(cs))) cs++;
  return cs;
}

/** Where the content of text[cs, end) ends, `cs` being where it starts. */
function contentEnd(text: string, cs: number, end: number): number {
  let ce = end;
  while (ce > cs && isBlankCode(text.charCodeAt(ce - 1))) ce--;
  return ce;
}

/** Row k of `t` made the line text[start, end). */
function setRow(t: LineTable, k: number, text: string, start: number, end: number, pageBreak: boolean): void {
  const cs = contentStart(text, start, end);
  t.start[k] = start;
  t.end[k] = end;
  t.cs[k] = cs;
  t.ce[k] = contentEnd(text, cs, end);
  t.pageBreak[k] = pageBreak ? 1 : 0;
}

/** Offsets inside the line whose content is text[cs, ce) where a new line should start,
 *  ascending; null for none. `firstColon` is the line's first colon; `long`: the line, or the
 *  line it is a part of, is long (`GLUED_HEADING_LINE`). */
function cutsIn(text: string, cs: number, ce: number, firstColon: number, ligatures: boolean, long: boolean): number[] | null {
  const end = Math.min(ce, cs + MAX_SEARCH);
  let cuts: number[] | null = null;
  // The issues lead-in, with the first item after its colon; the case summary's lead-in, with the
  // summary's first sentence after its colon (a tool that writes a page on one line).
  if (
    (squeezedMayStartWith(text, cs, end, LEAD_IN_OPENING) && LEAD_IN.test(squeeze(text, cs, end, 60))) ||
    (squeezedMayStartWith(text, cs, end, SUMMARY_LEAD_IN_OPENING) && SUMMARY_LEAD_IN.test(squeeze(text, cs, end, 60)))
  ) {
    let next = firstColon + 1;
    while (next < ce && isBlankCode(text.charCodeAt(next))) next++;
    if (next < ce) (cuts ??= []).push(next);
  }
  // An item heading glued after the previous item's last sentence (`headingStartIn`).
  // Its colon lies among the last 40 characters read, and they end like a decision.
  if (endsLikeDecision(text, cs, end, ligatures) && endsWithDecision(text, Math.max(cs, end - 40), end, ligatures)) {
    const cut = headingStartIn(text.slice(cs, end), long);
    if (cut > 0) (cuts ??= []).push(cs + cut);
  }
  // Where a label starts: after a blank, after the line's first character and the colon before,
  // and close enough before its colon for that colon to be among the `LABEL_REACH` characters it
  // is checked on. A label ends at the first colon after its start, after one of the labels' last
  // letters: other colons are skipped.
  // A bullet before the line's first label ("• Decision rationale:") is no text glued to it.
  let from = (afterBullet(text, cs, ce, true) || cs) + 1;
  for (let colon = firstColon; colon >= 0 && colon < end; colon = text.indexOf(':', colon + 1)) {
    if (endsLikeLabel(text, from, colon)) {
      const at = labelStart(text, Math.max(from, colon - LABEL_REACH + 1), colon);
      if (at >= 0 && (!cuts || cuts[cuts.length - 1] < at)) (cuts ??= []).push(at);
    }
    from = Math.max(from, colon);
  }
  // Section headings inside a long line (a tool that writes a whole page on one line, a text
  // reflowed into paragraphs): each one a line of its own, cut where it starts and where it ends.
  // Searched for in the line's own text (a slice shares the text's characters): a heading the
  // line does not hold is not looked for to the end of the text.
  if (end - cs >= GLUED_CAPITALS_LINE) {
    const own = text.slice(cs, end);
    const long = end - cs >= GLUED_HEADING_LINE;
    for (const h of GLUED_HEADINGS) {
      const capitals = CAPITAL_HEADINGS.has(h);
      if (!long && !capitals) continue;
      for (let k = own.indexOf(h); k >= 0; k = own.indexOf(h, k + h.length)) {
        const at = cs + k;
        const after = at + h.length;
        const gap = gapBefore(text, cs, at, capitals ? 1 : 2) || afterSentence(text, cs, at);
        if (!gap || (after < end && !isBlankCode(text.charCodeAt(after)))) continue;
        if (at > cs) (cuts ??= []).push(at);
        if (after < end) (cuts ??= []).push(after);
      }
    }
  }
  return cuts ? [...new Set(cuts)].sort((a, b) => a - b) : null;
}
