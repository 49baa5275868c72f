/**
 * The F1b header table, read from whatever order a PDF tool wrote its cells in.
 *
 * The table is a fixed form: seven labels in two columns (Case Number, Date Assigned, Decision
 * Date, Priority; Date of Injury, UR Denial Date, Application Received), each with one value.
 * Tools write its cells in many orders: labels then values in runs (pdftotext), each label with
 * its value on one line separated by single spaces (pdf.js, PDFBox, pdftotext -raw, pypdf),
 * label and value on alternate lines (MuPDF), values before their labels and columns interleaved
 * (pdfminer), the two-word label split around its value ("Application" / date / "Received:"), a
 * label a re-wrap cut between its words ("... 11/23/2016 Date" / "of Injury: 10/16/2016").
 *
 * One mechanism reads them all: the lines before the first section heading are cut into tokens,
 * labels found by the fixed vocabulary wherever they stand (at a line start, after single spaces,
 * with their words broken by spaces), values typed (case number, date, other text) and split into
 * separate values wherever a typed value ends. Labels and values are then paired by type, in
 * reading order, twice: forwards (a value goes to the earliest label still waiting for one, else
 * waits for the next label of its type) and backwards (the same over the reversed tokens). A
 * pairing is kept only when it is certain:
 *  - both readings give it, and nothing in the table of that value type is out of place (a label
 *    out of its column's order or written twice, a value or label left over in either reading, a
 *    run of labels whose values come some before and some after them);
 *  - otherwise, only a value written right after its label on the same line, or the only value of
 *    its type beside the only label of that type.
 * A field whose value cannot be paired for sure is left empty, with a `header-value-uncertain`
 * problem saying why: never a neighbour's value. Lines of "label: value" above the table that
 * write its labels again (an e-mail's header) are another block, none of whose values is read.
 *
 * Linear: each line's content is capped, every token is queued and dequeued once per reading.
 */
import { letterInDate } from './dates';
import { mixedRuns, pair } from './header-pairing';
import { LABEL_DEF, PRIORITY_WORD, tokenize } from './header-tokens';
import type { HeaderLines, Token, ValueType } from './header-tokens';
import type { HeaderField, Problem } from './types';
import { HEADER_NAMES } from './vocabulary';

export type { HeaderLines, Token, ValueType };

/** Reads the header table; problems (values without a label, uncertain values) go to `problems`. */
export function readHeader(src: HeaderLines, problems: Problem[]): HeaderField[] {
  const { tokens, stray, repeated, misread } = tokenize(src);
  // Lines above the letter's table, each label in them with its value beside it, that write some
  // of its labels again (an e-mail's "Subject: ... Date of Injury: ..." and "Priority: High" right
  // above the letter): the table is read from the lines after the blank line below them, and none
  // of their values is read.
  const from = repeated && stray === null ? tableAfterBlock(src, tokens) : -1;
  if (from > 0) {
    const fields = readTokens(tokens.slice(from).map((t, i) => ({ ...t, i })), null, misread, problems);
    return aboveTable(tokens.slice(0, from), fields, problems);
  }
  return readTokens(tokens, stray, misread, problems);
}

/** The fields of the table `tokens` makes, paired as the file's comment says (`misread`: a date
 *  among them is read by OCR with a letter for a digit). */
function readTokens(tokens: readonly Token[], stray: string | null, misread: boolean, problems: Problem[]): HeaderField[] {
  const labels = tokens.filter((t) => t.key !== null);
  if (labels.length === 0) return [];
  const forward = pair(tokens, false);
  const backward = pair(tokens, true);

  // Types whose pairing is in doubt, each with the first reason found.
  const why = new Map<ValueType, string>();
  const doubt = (t: ValueType, reason: string) => {
    if (!why.has(t)) why.set(t, reason);
  };
  // A label written twice; labels of one column in another order than the form's.
  let seen = 0;
  let repeated = false;
  const lastRank = [-1, -1];
  for (const l of labels) {
    const def = LABEL_DEF.get(l.key!)!;
    const bit = 1 << (def.column * 4 + def.row);
    if (seen & bit) {
      doubt(l.type, `the label "${HEADER_NAMES[l.key!]}" is written twice`);
      repeated = true;
    }
    seen |= bit;
    const prev = lastRank[def.column];
    if (def.row < prev) doubt(l.type, `the labels are out of their order on the form (${HEADER_NAMES[l.key!]})`);
    lastRank[def.column] = Math.max(prev, def.row);
  }
  for (let k = 0; k < 2; k++) {
    const r = k === 0 ? forward : backward;
    for (const t of r.leftover) doubt(t.type, `"${t.text}" has no label`);
    for (const l of labels) if (r.value[l.i] === undefined) doubt(l.type, `"${HEADER_NAMES[l.key!]}" has no value of its kind`);
  }
  mixedRuns(tokens, forward.value, doubt);
  // A reading that gives a label another value than the one written right after it on its line.
  for (const l of labels) {
    const next = besideValue(tokens, l);
    if (!next) continue;
    for (let k = 0; k < 2; k++) {
      const v = (k === 0 ? forward : backward).value[l.i];
      if (v && v !== next) doubt(l.type, `"${HEADER_NAMES[l.key!]}" is written beside one value and read with another`);
    }
  }
  // A piece of a two-line label without its other piece: a label of the table is damaged.
  if (stray) doubt('date', `"${stray}" stands without the rest of its label`);

  // A label written more than once whose occurrences are given different values (an e-mail's
  // "Subject: ... Case Number: CM17-..." above the letter's own table, a running header): which
  // one is the letter's cannot be told, so none is read.
  const conflicting = repeated ? labelsWithTwoValues(labels, tokens, forward.value, backward.value) : null;

  const fields: HeaderField[] = [];
  const used = new Uint8Array(tokens.length);
  const typeCount = (t: ValueType, isLabel: boolean) => tokens.filter((x) => x.type === t && (x.key !== null) === isLabel).length;
  for (const l of labels) {
    const f = forward.value[l.i];
    const b = backward.value[l.i];
    let chosen: Token | undefined;
    let reason: string | null = null;
    if (f && f === b && !why.has(l.type)) chosen = f;
    else {
      const next = besideValue(tokens, l);
      if (next) chosen = next;
      else if (typeCount(l.type, true) === 1 && typeCount(l.type, false) === 1) chosen = tokens.find((x) => x.key === null && x.type === l.type);
      else if (f || b) reason = why.get(l.type) ?? 'the table can be read in two ways';
    }
    if (conflicting?.has(l.key!)) {
      chosen = undefined;
      reason = `the label "${HEADER_NAMES[l.key!]}" is written twice, with different values`;
    }
    // A case number with a letter among its digits ("CM16-024O259", OCR's O for a 0): not the
    // letter's case number, which is all digits after "CM" (other odd shapes, "cm160240259", are
    // kept for the case-number-shape rule to report and repair).
    if (chosen && l.type === 'case' && letterAmongDigits(chosen.text)) {
      reason = `"${chosen.text}" is not a case number: it has a letter among its digits`;
      chosen = undefined;
    }
    // A date read by OCR with a letter for a digit ("11/23/2O16"): its cell, not its value, is
    // known; the digit the letter stands for is not read in (the letters around it are the table's).
    if (misread && chosen && l.type === 'date' && letterInDate(chosen.text)) {
      reason = `"${chosen.text}" is not a date: it has a letter among its digits`;
      chosen = undefined;
    }
    if (chosen && used[chosen.i] === 1) chosen = undefined; // a value pairs with one label only
    if (chosen) used[chosen.i] = 1;
    if (!chosen && reason) {
      problems.push({
        code: 'header-value-uncertain',
        severity: 'warning',
        message: `${HEADER_NAMES[l.key!]} is left empty: its value cannot be told for sure (${reason}).`,
        span: l.span,
      });
    }
    // A priority word broken by a space ("Stan dard"): one of the few words a priority is, read whole.
    const text = chosen && l.key === 'priority' ? priorityWord(chosen.text) : chosen?.text;
    fields.push({ key: l.key!, label: { text: l.text, span: l.span }, value: chosen ? { text: text!, span: chosen.span } : null });
  }
  // Values the forward reading (the order a reader takes) leaves without a label.
  for (const t of forward.leftover) {
    if (used[t.i] === 1) continue;
    problems.push({ code: 'header-value-without-label', severity: 'warning', message: `"${t.text}" in the header table has no label.`, span: t.span });
  }
  return fields;
}

/**
 * Where the letter's table starts when lines above it write some of its labels again: the first
 * token after a blank line that follows the last label written again later, when every label
 * before it has its value beside it on its line (a block of "label: value" lines, as an e-mail's
 * header or a note has them, not a column of labels); -1 when there is no such token. Read only
 * when a label is written twice (`tokenize` says so).
 */
function tableAfterBlock(src: HeaderLines, tokens: readonly Token[]): number {
  // The last label whose key is written again after it: the tokens read backwards, a bit per key.
  let later = 0;
  let last = -1;
  for (let k = tokens.length - 1; k >= 0 && last < 0; k--) {
    const key = tokens[k].key;
    if (key === null) continue;
    const def = LABEL_DEF.get(key)!;
    const bit = 1 << (def.column * 4 + def.row);
    if (later & bit) last = k;
    later |= bit;
  }
  if (last < 0) return -1;
  for (let k = last + 1; k < tokens.length; k++) {
    for (let li = tokens[k - 1].line + 1; li < tokens[k].line; li++) {
      if (!src.isBlank(li)) continue;
      for (let j = 0; j < k; j++) if (tokens[j].key !== null && !besideValue(tokens, tokens[j])) return -1;
      return k;
    }
  }
  return -1;
}

/**
 * The labels of the lines above the letter's table (`tableAfterBlock`), none of whose values is
 * read: a `header-value-uncertain` warning at each one given there another value than the table
 * gives it, and an empty field, with the warning, for each one the table does not write (before
 * the table's fields, in reading order).
 */
function aboveTable(above: readonly Token[], fields: HeaderField[], problems: Problem[]): HeaderField[] {
  let out = fields;
  for (const l of above) {
    if (l.key === null) continue;
    const field = fields.find((f) => f.key === l.key);
    const there = besideValue(above, l)!;
    let message: string;
    if (field) {
      if (!field.value || there.text === field.value.text) continue;
      message =
        `${HEADER_NAMES[l.key]} is read from the letter's table ("${field.value.text}"), not from these lines above it: ` +
        `the label is written twice, with different values ("${there.text}" here).`;
    } else {
      if (out === fields) out = [];
      out.push({ key: l.key, label: { text: l.text, span: l.span }, value: null });
      message =
        `${HEADER_NAMES[l.key]} is left empty: it is written only in lines above the letter's table, which are no part of it ` +
        `(they write other labels of the table again, with values beside them, as an e-mail's header does).`;
    }
    problems.push({ code: 'header-value-uncertain', severity: 'warning', message, span: l.span });
  }
  return out === fields ? fields : out.concat(fields);
}

/**
 * The keys of the labels written more than once whose occurrences are given different values
 * (by either reading, or beside them on their line); null when none is.
 */
function labelsWithTwoValues(
  labels: readonly Token[],
  tokens: readonly Token[],
  forward: readonly (Token | undefined)[],
  backward: readonly (Token | undefined)[],
): Set<string> | null {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const l of labels) {
    if (seen.has(l.key!)) twice.add(l.key!);
    else seen.add(l.key!);
  }
  const values = new Map<string, Set<string>>();
  for (const l of labels) {
    if (!twice.has(l.key!)) continue;
    let set = values.get(l.key!);
    if (!set) values.set(l.key!, (set = new Set()));
    for (const v of [forward[l.i], backward[l.i], besideValue(tokens, l)]) if (v) set.add(v.text);
  }
  const out = new Set<string>();
  for (const [key, set] of values) if (set.size > 1) out.add(key);
  return out;
}

/** The value written right after label `l` on its line, of the label's type; undefined if none. */
function besideValue(tokens: readonly Token[], l: Token): Token | undefined {
  const next = tokens[l.i + 1];
  return next && next.key === null && next.afterLabel && next.line === l.line && next.type === l.type ? next : undefined;
}

/** Whether a case number has a letter after its two-letter prefix ("CM16-024O259"). */
function letterAmongDigits(s: string): boolean {
  for (let k = 2; k < s.length; k++) {
    const c = s.charCodeAt(k) | 32;
    if (c >= 97 && c <= 122) return true;
  }
  return false;
}

/** `value` with its blanks taken out when that makes it a priority word ("Stan dard"), else as written. */
function priorityWord(value: string): string {
  if (!/\s/.test(value)) return value;
  const whole = value.replace(/\s+/g, '');
  return PRIORITY_WORD.test(whole) ? whole : value;
}
