/**
 * Step 3 (formats F1 and F2): the issues section cut into disputed items, anchored on the decision
 * word that ends each item heading and on the block labels that follow it.
 */
import { isBulletCode, isRegexSpace } from '../collapse';
import { joinLines } from '../text';
import { rejoinWords, requestWords } from '../split-words';
import type { Block, Item, PartialAuthorization } from '../types';
import { buildBlock } from './blocks';
import { parsePartial } from './partial';
import { DecisionEnding, decisionEnding, tailColons } from './decision-ending';
import { Kind, LetterReader } from './reader';
import { headingStart, MAX_HEADING_CHARS } from './heading';

/**
 * Lines holding the disputed items: after the issues heading up to the next heading. When that
 * heading is missing (a damaged or edited letter), after the fixed lead-in line, or else after
 * the last section heading before the first Claims Administrator label.
 */
export function issuesRegion(r: LetterReader): { from: number; to: number } | null {
  const { lines, kinds, headings } = r;
  const endAfter = (line: number) => headings.find((h) => h.line > line)?.line ?? lines.length;
  const issues = headings.find((h) => h.kind === 'issues' && h.def.formats.includes('F1b'));
  if (issues) return { from: issues.line + 1, to: endAfter(issues.line) };
  let firstLabel = -1;
  for (let i = 0; i < lines.length; i++) {
    if (kinds[i] === Kind.LeadIn) return { from: i, to: endAfter(i) };
    if (firstLabel < 0 && r.labelKind(i) === 'claimsAdministrator') firstLabel = i;
  }
  if (firstLabel < 0) return null;
  let from = 0;
  for (const h of headings) if (h.line < firstLabel) from = h.line + 1;
  return { from, to: endAfter(firstLabel) };
}

// Expressions of the heading reading, made once (a literal in a function makes a new object each
// time it runs).
const LEAD_IN_REST = /^(?:set forth below|below)\s*:?$/i;
const TRAILING_IS_COLON = /\s*(?:\bis)?\s*:?\s*$/i;

export function parseItems(r: LetterReader, regionStart: number, sectionEnd: number): Item[] {
  const { kinds } = r;
  let first = regionStart;
  // Skip the fixed lead-in sentence, however its lines wrap; else a lead-in line (worded otherwise)
  // and the end of the sentence on the next line.
  for (let i = first; i < sectionEnd && i < first + 3; i++) {
    const end = leadInEnd(r, i, sectionEnd);
    if (end >= 0) {
      first = end;
      break;
    }
    if (kinds[i] === Kind.LeadIn) {
      first = i + 1;
      if (first < sectionEnd && kinds[first] === Kind.Text && LEAD_IN_REST.test(r.content(first))) first++;
      break;
    }
  }

  // 1. Heading endings: decision words, or the last line before a Claims Administrator label.
  const endings: { line: number; ending: DecisionEnding | null }[] = [];
  const colons = tailColons(r, first, sectionEnd);
  // A heading ended with its decision and no block label since: a line of text before the next
  // Claims Administrator label is its stray (a running header a page break left between them),
  // no heading of its own.
  let decided = false;
  for (let i = first; i < sectionEnd; i++) {
    if (kinds[i] === Kind.Label) decided = false;
    if (kinds[i] !== Kind.Text) continue;
    const ending = decisionEnding(r, i, colons[i - first] === 1);
    if (ending && (ending.kind === 'exact' || (ending.kind === 'lone' && !proseDecision(r, i, ending, sectionEnd)))) {
      endings.push({ line: i, ending });
      decided = true;
      continue;
    }
    const next = r.firstNonBlank(i + 1, sectionEnd);
    if (!decided && next >= 0 && r.labelKind(next) === 'claimsAdministrator') {
      endings.push({ line: i, ending });
    }
  }

  // 2. Heading starts: walk back from each ending.
  const items: Item[] = [];
  let floor = first;
  const starts: number[] = [];
  for (const e of endings) {
    starts.push(headingStart(r, e.line, e.ending, floor));
    floor = e.line + 1;
  }

  // 3. Items: heading, then blocks up to the next heading.
  for (let k = 0; k < endings.length; k++) {
    const hs = starts[k];
    const he = endings[k].line;
    const regionEnd = k + 1 < endings.length ? starts[k + 1] : sectionEnd;
    items.push(buildItem(r, items.length, hs, he, endings[k].ending, regionEnd));
  }
  return items;
}

/**
 * A decision word alone on line `i` as a rationale's sentence wraps onto it ("... the prior
 * denial is" / "upheld."): written in lower case or with a full stop, and no block label on the
 * next line with content. A heading's decision that wrapped is the form's word ("Upheld") with a
 * block label below it; one followed by other text (a running header a page break left there)
 * is read as a decision when written as the form writes it.
 */
function proseDecision(r: LetterReader, i: number, ending: DecisionEnding, to: number): boolean {
  const first = ending.word.charCodeAt(0);
  if (!(first >= 97 && first <= 122) && r.text.charCodeAt(r.ce[i] - 1) !== 0x2e /* . */) return false;
  const next = r.firstNonBlank(i + 1, to);
  return next < 0 || r.labelKind(next) === undefined;
}

/** The issues section's lead-in sentence in lower case, its blanks and closing colon left out. */
const LEAD_IN_LETTERS = 'thefinaldeterminationwasbasedondecisionsforthedisputeditems/servicessetforthbelow';
/** Lines the lead-in sentence may be wrapped onto (blank lines between them not counted). */
const LEAD_IN_LINES = 6;

/**
 * The line after the issues section's lead-in sentence ("The Final Determination was based on
 * decisions for the disputed items/services set forth below:") when it starts line `i`, wherever
 * its lines break (a text wrapped at 72 columns puts "items/services set forth below:" on a line
 * of its own, which read as the start of the first item's heading); -1 when the lines from `i` do
 * not hold the whole sentence, ending a line (then nothing is skipped on its account). Its
 * characters are compared where they stand, blanks passed over (nothing is sliced or split).
 */
function leadInEnd(r: LetterReader, i: number, to: number): number {
  const { kinds, text, cs, ce } = r;
  if (kinds[i] !== Kind.Text && kinds[i] !== Kind.LeadIn) return -1;
  let w = 0;
  for (let line = i, used = 0; line < to && used < LEAD_IN_LINES; line++) {
    if (kinds[line] === Kind.Blank) continue;
    if (kinds[line] !== Kind.Text && kinds[line] !== Kind.LeadIn) return -1;
    used++;
    for (let k = cs[line]; k < ce[line]; k++) {
      const c = text.charCodeAt(k);
      if (isRegexSpace(c)) continue;
      if (w === LEAD_IN_LETTERS.length) {
        if (c === 0x3a /* : */) continue;
        return -1;
      }
      const lower = c >= 65 && c <= 90 ? c + 32 : c;
      if (lower !== LEAD_IN_LETTERS.charCodeAt(w)) return -1;
      w++;
    }
    if (w === LEAD_IN_LETTERS.length) return line + 1;
  }
  return -1;
}

export function buildItem(r: LetterReader, index: number, hs: number, he: number, ending: DecisionEnding | null, regionEnd: number): Item {
  const { lines, text, cs, ce } = r;
  // Heading text: from the first heading line to where the request stops.
  const isLone = ending?.alone === true;
  const lastReqLine = isLone ? he - 1 : he;
  const reqEnd = ending ? (isLone ? ce[Math.max(hs, he - 1)] : ending.requestEnd) : ce[he];
  let joined = joinLines(text, lines, hs, Math.max(hs, lastReqLine) + 1, undefined, reqEnd);
  if (isLone && hs === he) joined = joinLines(text, lines, hs, hs, undefined, undefined);
  let reqText = joined.text;
  let reqFrom = 0;
  let reqTo = reqText.length;
  // Drop a trailing colon and " is" (wrapped headings keep them on the line before the word).
  const trail = TRAILING_IS_COLON.exec(reqText.slice(Math.max(0, reqTo - 10)));
  if (trail && trail[0].length) reqTo -= trail[0].length;

  // Blocks.
  // Each label line's block runs to the next label line. The first block of each kind is the
  // item's; the others, in order, are its duplicates (a list made only when there is one: most
  // items have none).
  let ca: Block | null = null;
  let mx: Block | null = null;
  let dr: Block | null = null;
  let duplicates: Block[] | null = null;
  let blocksEnd = -1;
  let li = -1;
  for (let i = he + 1; i <= regionEnd; i++) {
    if (i < regionEnd && (r.kinds[i] !== Kind.Label || r.labelKind(i) === undefined)) continue;
    if (li >= 0) {
      const b = buildBlock(r, li, i);
      if (b.kind === 'claimsAdministrator' && !ca) ca = b;
      else if (b.kind === 'maximus' && !mx) mx = b;
      else if (b.kind === 'rationale' && !dr) dr = b;
      else (duplicates ??= []).push(b);
      blocksEnd = Math.max(blocksEnd, b.span.end);
    }
    li = i;
  }
  // Words broken by spaces are joined against the form's words, the request vocabulary's and the
  // item's own text (its rationale restates the request); offsets map back to the heading as written.
  const heading = reqText.slice(0, reqTo);
  const rejoined = r.spaced && reqTo <= MAX_HEADING_CHARS ? rejoinWords(heading, dr ? dr.text.slice(-1500) : '', [requestWords()], [r.letterWords()]) : null;
  const h = rejoined ? rejoined.text : heading;
  const back = (k: number) => (rejoined?.from && k < rejoined.from.length ? rejoined.from[k] : k);
  // A list marker a word processor or an e-mail added before the heading ("• ", "- ", "1. ",
  // "2) ") is no part of the request.
  const marker = listMarkerEnd(h);
  reqFrom = marker;
  let partial: PartialAuthorization | null = null;
  if (h.length <= MAX_HEADING_CHARS) {
    const pa = parsePartial(marker ? h.slice(marker) : h);
    if (pa) {
      partial = pa.partial;
      reqFrom = marker + pa.remainderFrom;
    }
  }
  const request = h.slice(reqFrom).trim();
  const requestSpan = request ? joined.span(back(reqFrom), reqTo) : { start: cs[hs], end: cs[hs] };
  reqText = request;

  const duplicateBlocks = duplicates ?? [];

  const headingSpan = { start: cs[hs], end: ce[he] };
  const itemEnd = Math.max(headingSpan.end, blocksEnd);
  return {
    index,
    span: { start: headingSpan.start, end: itemEnd },
    heading: headingSpan,
    request: reqText,
    requestSpan,
    decision: ending?.decision ?? null,
    decisionText: ending && ending.word ? { text: ending.word, span: ending.wordSpan } : null,
    partialAuthorization: partial,
    claimsAdministrator: ca,
    maximus: mx,
    rationale: dr,
    duplicateBlocks,
  };
}

/**
 * Where the text after a list marker at the start of `h` begins: a bullet, or a number of one or
 * two digits with "." or ")" (or in brackets), then blanks; 0 when `h` opens with none.
 */
export function listMarkerEnd(h: string): number {
  let k = 0;
  while (k < h.length && isRegexSpace(h.charCodeAt(k))) k++;
  let end = -1;
  if (k < h.length && isBulletCode(h.charCodeAt(k), true)) end = k + 1;
  else {
    const open = h[k] === '(' ? 1 : 0;
    let d = k + open;
    while (d < h.length && d - k - open < 3 && h.charCodeAt(d) >= 48 && h.charCodeAt(d) <= 57) d++;
    const digits = d - k - open;
    if (digits >= 1 && digits <= 2 && (h[d] === ')' || (!open && h[d] === '.'))) end = d + 1;
  }
  if (end < 0 || end >= h.length || !isRegexSpace(h.charCodeAt(end))) return 0;
  while (end < h.length && isRegexSpace(h.charCodeAt(end))) end++;
  return end < h.length ? end : 0;
}
