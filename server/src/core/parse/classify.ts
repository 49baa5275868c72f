/**
 * Step 1 of reading a letter: each line classified once (blank, text, section heading, block
 * label, the issues lead-in), directives and page markers taken out. Headings, labels and the
 * lead-in are only tried on lines whose first word can start one.
 */
import { matchSqueezed, mayOpenVocabulary } from '../squeezed';
import { BLOCK_LABELS, HEADINGS, ISSUES_LEAD_IN, ISSUES_LEAD_IN_FIRST } from '../vocabulary';
import { afterBullet, collapse, isAsciiLetter } from '../collapse';
import { DIRECTIVE_RE, FAX_HEADER, firstWord, MAX_FAX_HEADER, opensDirective, PAGE_MARKER, TRAILING_SUFFIXES } from './first-word';
import { blankClosing } from './closing';
import { blankPageFurniture } from './furniture';
import { blankRunningFurniture, noteLine, startNoting } from './running';
import { noteCounter, startCounters, trimGluedCounters } from './glued-counter';
import { ocrLetters, standsForLetter } from './partial';
import { opensCredentialLabel } from './people';
import { HeadingHit, Kind, LetterReader } from './reader';

export function classify(r: LetterReader): void {
  const { kinds, text } = r;
  const n = r.lines.length;
  const bullets = mayOpenWithBullet(r);
  startNoting();
  startCounters();
  for (let i = 0; i < n; i++) {
    // A bullet a word processor or an e-mail put before a line ("• Decision rationale:") is
    // no part of it: its content starts after the bullet.
    if (bullets) skipBullet(r, i);
    const cs = r.cs[i];
    const ce = r.ce[i];
    if (cs === ce) {
      kinds[i] = Kind.Blank;
      continue;
    }
    // Headings, labels and the lead-in are only tried on lines whose first word can start one;
    // most lines of a letter skip every matcher.
    const first = text.charCodeAt(cs);
    // A line starting or ending with a number (a running header's page counter, "(Page 2)") is
    // noted for blankRunningFurniture.
    const last = text.charCodeAt(ce - 1);
    if ((first >= 48 && first <= 57) || (last >= 48 && last <= 57) || last === 41 || last === 93) noteLine(text, i, cs, ce, first, last);
    // A page marker a tool writes between pages ("-- 1 of 2 --", "Page 1 of 2"): a page break.
    if ((first === 45 || first === 80 || first === 0x2013 || first === 0x2014) && ce - cs <= 32 && PAGE_MARKER.test(r.content(i))) {
      kinds[i] = Kind.Blank;
      r.hideLine(i, true);
      continue;
    }
    // A fax header, even once ("01/05/2017 10:15 FAX ... P.002/005"): no part of the letter.
    if (first >= 48 && first <= 57 && last >= 48 && last <= 57 && ce - cs <= MAX_FAX_HEADER && FAX_HEADER.test(r.content(i))) {
      kinds[i] = Kind.Blank;
      r.hideLine(i, false);
      continue;
    }
    // A page counter printed on a line of text ("... for moderate to   Page 3 of 5"), noted for
    // trimGluedCounters (the line is read as it stands: text, or the label it opens).
    if ((last >= 48 && last <= 57) || (first | 32) === 112) noteCounter(text, i, cs, ce, last);
    // A first word cut short by a space ("Decisi on rationale:") may still start one (`broken`).
    const { word, structural, broken } = firstWord(text, cs, ce);
    // A line is only tried as a directive when it reads "imr-disable", after a comment's opening
    // for a line starting with "#", "/" or "<": "#60 tablets" is not tried (such lines are so few
    // that the matchers would be compiled before meeting one, and compiled again for it).
    const directiveLike = (first === 105 || first === 35 || first === 47 || first === 60) && opensDirective(text, cs, ce);
    // Nor are they tried on a line whose opening, blanks taken out, opens none of them ("The
    // patient ...", most lines with such a first word).
    if (!directiveLike && (!(structural || broken) || !mayOpenVocabulary(text, cs, ce)) && !mayEndWithHeading(r, i)) {
      kinds[i] = Kind.Text;
      continue;
    }
    const c = r.content(i);
    const directive = directiveLike ? DIRECTIVE_RE.exec(c) : null;
    if (directive) {
      // A directive line is invisible to the structure: it reads as a blank line.
      kinds[i] = Kind.Blank;
      const codes = directive[1].split(/[\s,]+/).filter((x) => x.length > 0);
      r.directives.push({ codes, span: { start: cs, end: ce } });
      r.hideLine(i, false);
      continue;
    }
    const heading = matchHeading(r, i, c, word);
    if (heading) {
      kinds[i] = Kind.Heading;
      r.headings.push(heading);
      continue;
    }
    const label = structural ? blockLabel(word, c) : undefined;
    if (label) {
      kinds[i] = Kind.Label;
      r.setLabelKind(i, label.kind);
      // A blank before the label's colon ("MAXIMUS guideline :"): the tool puts blanks at glyph gaps.
      if (!r.spaced && blankBeforeColon(c)) r.spaced = true;
      continue;
    }
    if (structural && word === ISSUES_LEAD_IN_FIRST && ISSUES_LEAD_IN.test(c)) {
      kinds[i] = Kind.LeadIn;
      continue;
    }
    kinds[i] = Kind.Text;
    // The same vocabulary with the blanks taken out: words broken by spaces ("MAXIMUS gui deline :").
    if (structural || broken) {
      const sq = matchSqueezed(text, cs, ce);
      if (sq) r.spaced = true;
      if (sq?.kind === 'label') {
        kinds[i] = Kind.Label;
        r.setLabelKind(i, sq.label);
      } else if (sq?.kind === 'leadIn') kinds[i] = Kind.LeadIn;
      else if (sq?.kind === 'heading') {
        kinds[i] = Kind.Heading;
        r.headings.push({ line: i, kind: sq.def.kind, def: sq.def, span: { start: cs, end: ce }, title: c });
      }
    }
  }
  // Labels and headings read by OCR with digits for letters, among the lines left as text: looked
  // for only where the structure found has a gap they could fill.
  if (structureHasGap(r)) {
    classifyOcrLines(r);
    joinCutHeadings(r);
  }
  // A page counter printed on lines of text, that counts the pages: taken out of them.
  const cut = trimGluedCounters(r);
  if (cut) for (const i of cut) if (kinds[i] === Kind.Text) classifyAgain(r, i);
  // A running header or footer repeated through the text, where no page break shows its pages
  // (its page counter does), is no line of the letter; nor is one repeated at the pages' edges
  // (read after it: a running line that falls at a page's edge on some pages only is read whole).
  blankRunningFurniture(r);
  blankPageFurniture(r);
  // Nor is a closing and signature after the letter ("Thanks," and the sender's name).
  blankClosing(r);
}

/** Line i read again as a heading or a block label, once a page counter is cut from it. */
function classifyAgain(r: LetterReader, i: number): void {
  const { word, structural } = firstWord(r.text, r.cs[i], r.ce[i]);
  if (!structural) return;
  const c = r.content(i);
  const heading = matchHeading(r, i, c, word);
  const label = heading ? undefined : blockLabel(word, c);
  if (heading) {
    r.kinds[i] = Kind.Heading;
    let at = r.headings.length;
    while (at > 0 && r.headings[at - 1].line > i) at--;
    r.headings.splice(at, 0, heading);
  } else if (label) {
    r.kinds[i] = Kind.Label;
    r.setLabelKind(i, label.kind);
  }
}

/** Whether a line of the letter opens with a character a bullet may be (most letters have none,
 *  and their lines are not read for one). */
function mayOpenWithBullet(r: LetterReader): boolean {
  const { text, cs, ce } = r;
  for (let i = 0; i < r.lines.length; i++) {
    if (cs[i] === ce[i]) continue;
    const c = text.charCodeAt(cs[i]);
    if (c === 0x2d || c === 0x2a || c === 0xb7 || c >= 0x2000) return true;
  }
  return false;
}

/** Line i's content made to start after a bullet before it: one that is always a bullet ("• "),
 *  or a dash or an asterisk before a block label or a heading. */
function skipBullet(r: LetterReader, i: number): void {
  const { text } = r;
  const after = afterBullet(text, r.cs[i], r.ce[i], true);
  if (after > 0 && (afterBullet(text, r.cs[i], r.ce[i]) > 0 || opensLabel(r, after, r.ce[i]))) {
    r.cs[i] = after;
    r.blanked = true;
  }
}

/** The sections every F1 letter has: a letter without one of them may have its heading misread. */
const F1_SECTIONS: readonly string[] = ['how', 'credentials', 'summary', 'issues'];

/**
 * Whether the labels and headings classified leave a gap a misread one could fill: no block
 * label, labels of one kind more often than of another (each item has one of each), or one of
 * the sections every F1 letter has missing. A letter read whole has none.
 */
function structureHasGap(r: LetterReader): boolean {
  let claims = 0;
  let maximus = 0;
  let rationale = 0;
  for (let i = 0; i < r.lines.length; i++) {
    if (r.kinds[i] !== Kind.Label) continue;
    const kind = r.labelKind(i);
    if (kind === 'claimsAdministrator') claims++;
    else if (kind === 'maximus') maximus++;
    else if (kind === 'rationale') rationale++;
  }
  if (rationale === 0 || claims !== rationale || maximus !== rationale) return true;
  for (const kind of F1_SECTIONS) if (!r.headings.some((h) => h.kind === kind)) return true;
  return false;
}

/** Most characters of a line that is the first part of a cut heading: the longest F1 heading
 *  has 53 (`joinCutHeadings`). */
const CUT_HEADING_PART = 60;

/**
 * Section headings a line break cut (text re-wrapped at a width: "The Expert Reviewer has the
 * following" / "credentials:"), of the F1 sections the letter has no heading of: a line of text whose
 * first word opens a heading, joined with the next one or two lines of text (a blank line between
 * them at most), is that heading when the joined text is one; the lines joined to it are blank.
 */
function joinCutHeadings(r: LetterReader): void {
  const { text, kinds } = r;
  const missing = HEADINGS.filter((d) => d.formats.includes('F1b') && F1_SECTIONS.includes(d.kind) && !r.headings.some((h) => h.kind === d.kind));
  if (missing.length === 0) return;
  const headings = r.headings.length;
  for (let i = 0; i < r.lines.length; i++) {
    if (kinds[i] !== Kind.Text || r.ce[i] - r.cs[i] > CUT_HEADING_PART) continue;
    const { word, structural } = firstWord(text, r.cs[i], r.ce[i]);
    if (!structural || !missing.some((d) => d.first === word)) continue;
    let c = r.content(i);
    for (let j = i + 1, joined = 0; j < r.lines.length && j <= i + 4 && joined < 2 && c.length <= 160; j++) {
      if (kinds[j] === Kind.Blank && kinds[j - 1] !== Kind.Blank) continue;
      if (kinds[j] !== Kind.Text) break;
      c = collapse(`${c} ${r.content(j)}`);
      joined++;
      const def = missing.find((d) => d.first === word && d.re.test(c));
      if (!def || r.headings.some((h) => h.kind === def.kind)) continue;
      kinds[i] = Kind.Heading;
      r.headings.push({ line: i, kind: def.kind, def, span: { start: r.cs[i], end: r.ce[j] }, title: c });
      for (let k = i + 1; k <= j; k++) {
        kinds[k] = Kind.Blank;
        r.blankLine(k, false);
      }
      i = j;
      break;
    }
  }
  if (r.headings.length > headings) r.headings.sort((a, b) => a.line - b.line);
}

/**
 * The lines classified as text that are a block label or section heading read by OCR with digits
 * for letters (`ocrLabelOrHeading`), in a pass of their own after the others: a heading found so
 * is put among the others in line order.
 */
function classifyOcrLines(r: LetterReader): void {
  const { text, kinds } = r;
  const digits = new NextDigit01(text);
  const headings = r.headings.length;
  for (let i = 0; i < r.lines.length; i++) {
    if (kinds[i] === Kind.Text && mayBeOcrStructural(text, r.cs[i], r.ce[i], digits)) ocrLabelOrHeading(r, i);
  }
  if (r.headings.length > headings) r.headings.sort((a, b) => a.line - b.line);
}

/** Whether `c` holds a blank before a colon within its first 40 characters: its colons are few,
 *  and found natively. */
function blankBeforeColon(c: string): boolean {
  for (let k = c.indexOf(':', 1); k >= 0 && k <= 39; k = c.indexOf(':', k + 1)) if (c.charCodeAt(k - 1) === 32) return true;
  return false;
}

function blockLabel(word: string, c: string): (typeof BLOCK_LABELS)[number] | undefined {
  for (const b of BLOCK_LABELS) if (b.first === word && b.re.test(c)) return b;
  return undefined;
}

/** The section heading `c` (first word `word`) is, if it is one. */
function headingDef(word: string, c: string): (typeof HEADINGS)[number] | undefined {
  for (const def of HEADINGS) if (def.first === word && def.re.test(c)) return def;
  return undefined;
}

/** The last character of each of `TRAILING_SUFFIXES`: a line ending otherwise ends with none. */
const TRAILING_LAST_CODES: readonly number[] = TRAILING_SUFFIXES.map((sfx) => sfx.charCodeAt(sfx.length - 1));

/** 1 at each of `TRAILING_LAST_CODES` below 128 (read for most lines, before the list). */
const TRAILING_LAST = new Uint8Array(128);
for (const c of TRAILING_LAST_CODES) if (c < 128) TRAILING_LAST[c] = 1;

/** Whether a heading may be glued to the end of line i (only headings with a `trailing` form). */
export function mayEndWithHeading(r: LetterReader, i: number): boolean {
  const cs = r.cs[i];
  const ce = r.ce[i];
  const end = r.text.charCodeAt(ce - 1) === 58 ? ce - 1 : ce; // before a final colon
  const last = r.text.charCodeAt(end - 1);
  if (last < 128 ? TRAILING_LAST[last] === 0 : !TRAILING_LAST_CODES.includes(last)) return false;
  for (const sfx of TRAILING_SUFFIXES) if (end - sfx.length >= cs && r.text.startsWith(sfx, end - sfx.length)) return true;
  return false;
}

export function matchHeading(r: LetterReader, i: number, c: string, word: string): HeadingHit | null {
  const cs = r.cs[i];
  const ce = r.ce[i];
  if (c.length <= 160) {
    const def = headingDef(word, c);
    if (def) return { line: i, kind: def.kind, def, span: { start: cs, end: ce }, title: c };
  }
  // A heading glued to the end of a line of other text ("... appropriate. INDEPENDENT MEDICAL ...").
  if (!mayEndWithHeading(r, i)) return null;
  const tail = r.text.slice(Math.max(cs, ce - 80), ce);
  for (const def of HEADINGS) {
    if (!def.trailing) continue;
    const m = def.trailing.exec(tail);
    if (m) {
      const start = ce - tail.length + m.index;
      return { line: i, kind: def.kind, def, span: { start, end: ce }, title: collapse(m[0]) };
    }
  }
  return null;
}

/** Whether text[cs, ce) opens with a block label or a credentials label ("State(s) of
 *  Licensure:") or is a section heading (after a dash or an asterisk that may be a list's bullet). */
function opensLabel(r: LetterReader, cs: number, ce: number): boolean {
  const { word, structural } = firstWord(r.text, cs, ce);
  if (!structural) return opensCredentialLabel(r.text.slice(cs, Math.min(ce, cs + 40)));
  const c = collapse(r.text.slice(cs, Math.min(ce, cs + 400)));
  return blockLabel(word, c) !== undefined || headingDef(word, c) !== undefined;
}

/** Characters at a line's start looked at for OCR's digits for letters in a label or heading. */
const OCR_REACH = 40;

/**
 * Whether line [cs, ce) may be a block label or section heading read by OCR with a digit for a
 * look-alike letter (`ocrLabelOrHeading`): a "0" or "1" beside a letter among its first
 * `OCR_REACH` characters, and a first word that is a structural one already (the digit
 * elsewhere) or that holds the digit itself. Most lines have no "0" or "1" in that reach
 * (`digits` says so without reading them).
 */
function mayBeOcrStructural(text: string, cs: number, ce: number, digits: NextDigit01): boolean {
  const to = Math.min(ce, cs + OCR_REACH);
  let k = digits.from(cs);
  if (k >= to) return false;
  if (!firstWordHasDigit01(text, cs, ce) && !firstWord(text, cs, ce).structural) return false;
  for (; k < to; k++) if (standsForLetter(text, k, cs, ce)) return true;
  return false;
}

/**
 * The next "0" or "1" of a text at or after a position, asked of positions that never decrease
 * (the lines in order): each is found by a native search once, so a letter's lines cost one pass
 * over the text together, however many ask.
 */
class NextDigit01 {
  private zero = -1;
  private one = -1;
  constructor(private readonly text: string) {}

  /** The position of the first "0" or "1" at or after `pos`; the text's length when none. */
  from(pos: number): number {
    const { text } = this;
    if (this.zero < pos) {
      const z = text.indexOf('0', pos);
      this.zero = z < 0 ? text.length : z;
    }
    if (this.one < pos) {
      const o = text.indexOf('1', pos);
      this.one = o < 0 ? text.length : o;
    }
    return this.zero < this.one ? this.zero : this.one;
  }
}

/**
 * A block label or section heading read by OCR with a digit for a look-alike letter ("Decision
 * rationa1e:", "C1aims Administrator guideline:", "CLINICAL CASE SUMMARY" with "0" for "O"):
 * line i, classified as text, is classified again with each "0" and "1" inside a word read as
 * "o" and "l". Only a line that `mayBeOcrStructural` passes is read again.
 */
function ocrLabelOrHeading(r: LetterReader, i: number): boolean {
  const c = ocrLetters(r.content(i));
  const { word, structural } = firstWord(c, 0, c.length);
  if (!structural) return false;
  const label = blockLabel(word, c);
  if (label) {
    r.kinds[i] = Kind.Label;
    r.setLabelKind(i, label.kind);
    return true;
  }
  // The line as written was tried as a heading glued to the end of other text already (or cannot
  // end with one): `matchHeading` finds the same here, or the heading the line is.
  const heading = matchHeading(r, i, c, word);
  if (!heading) return false;
  r.kinds[i] = Kind.Heading;
  r.headings.push(heading);
  return true;
}

/** Whether the run of letters, "0"s and "1"s at cs (as far as a first word is read) holds a "0" or a "1". */
function firstWordHasDigit01(text: string, cs: number, ce: number): boolean {
  const to = Math.min(ce, cs + 16);
  for (let k = cs; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 48 || c === 49) return true;
    if (!isAsciiLetter(c)) return false;
  }
  return false;
}
