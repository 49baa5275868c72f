/**
 * One letter file to output text: read it (text or PDF), parse every letter in it, build the
 * records, and serialize them for the chosen format, without the format's header or framing
 * (`Framing` adds those once for the whole output). Runs in the main thread or in a worker.
 */
import { csvText } from './csv';
import {
  bundledKnowledge, CALENDAR_HEAD, CALENDAR_END, calendarEvents, diagnose, identityOf, insightLetters, InsightLetter, ITEM_COLUMNS, itemRows, Letter, letterRecord, LetterIdentity, LetterRecord,
  letterDeadlines, LineIndex, parseDocument, problemRecords, ProblemRecord, SourceKind, sourceKindOf, Vocabulary,
} from '../core';
import { EncodedTables, encodeTables, tableLetter } from './parquet/tables';
import { displayPath, FilePath, readLetterFile } from '../io';
import { ITEM_COLUMN_TITLES, titlesOf } from './columns';
import { loadVocabularyFile } from './vocabulary-file';
import { markdownCell, TableFormat } from './formats';

/**
 * `records`: the rows of the Parquet tables, encoded for the writer (parquet/tables.ts);
 * `facts`: what the statistics need of each letter; `check`: every diagnostic of each letter
 * (`imr check`), nothing else; `ics`: the dates each letter sets running, as the events of one
 * iCalendar file (core/deadlines.ts).
 */
export type BulkFormat = TableFormat | 'json-records' | 'records' | 'facts' | 'check' | 'ics';

export interface OneOptions {
  format: BulkFormat;
  maxBytes?: number;
  /** Longest time to read one PDF, in ms (default: the PDF reader's). */
  pdfTimeLimitMs?: number;
  /** A folder keeping the text of the PDFs read, for the next run (`--cache`). */
  pdfCacheDir?: string;
  /** Put every diagnostic in each record's `problems` (as `imr check` reports them), not only
   *  the problems the parser met. Slower: the rules read every rationale and citation. */
  check?: boolean;
  /** `json-records` for exactly one file: the record alone, not in an array. */
  single?: boolean;
  /** A user's request vocabulary file (absolute path), merged over the bundled one. */
  vocabularyFile?: string;
  /** Also give each record on its own with the letter's identity (`parts`), so that the caller
   *  can write each letter once however many files hold it. */
  perLetter?: boolean;
}

/** One record of a file, serialized alone, with what tells which letter it is. */
export interface RecordPart {
  body: string;
  units: number;
  items: number;
  identity: LetterIdentity;
  kind: SourceKind;
  letterInFile?: number;
}

/**
 * The messages of an extraction worker (worker.ts), written by bulk.ts: a batch of files with its
 * run's options, and the batch's results in order. A Buffer path (a name that is not valid UTF-8)
 * arrives in the worker as a Uint8Array.
 */
export interface ExtractTask {
  id: number;
  files: readonly (string | Uint8Array)[];
  options: OneOptions;
}

export interface ExtractAnswer {
  id: number;
  results: FileResult[];
}

/** What a worker started before its run (bulk.ts startWorkers) loads while it waits: what the run will read. */
export interface WorkerPreload {
  knowledge: boolean;
  vocabulary: boolean;
}

/** The worker's start data: `preload` when it is started before its run (bulk.ts startWorkers). */
export interface ExtractWorkerData {
  preload: WorkerPreload | null;
}

export interface FileResult {
  letters: number;
  items: number;
  /** Why the file gave nothing, when it did. */
  failure?: string;
  /** The serialized records or rows, joined by the format's separator. */
  body: string;
  /** How many records (json, jsonl) or rows (csv, md) `body` holds. */
  units: number;
  /** With `perLetter`: each record alone (and `body` empty). */
  parts?: RecordPart[];
  /** For the `records` format: the letters' rows of the Parquet tables, encoded. */
  tables?: EncodedTables;
  /** For the `facts` format: what the statistics need of each letter. */
  facts?: InsightLetter[];
  /** For the `check` format: every diagnostic of the file's letters, in order. */
  problems?: ProblemRecord[];
}

/** Told before each letter of a file is checked (a merged case file holds thousands). */
export type LetterProgress = (done: number, total: number) => void;

export async function extractOne(file: FilePath, options: OneOptions, onLetter?: LetterProgress): Promise<FileResult> {
  const read = await readLetterFile(file, options.maxBytes, undefined, { timeLimitMs: options.pdfTimeLimitMs, cacheDir: options.pdfCacheDir });
  if (!read.ok) return failed(read.reason);
  return extractText(read.text, typeof file === 'string' ? file : displayPath(file), options, onLetter);
}

function failed(reason: string): FileResult {
  return { letters: 0, items: 0, failure: reason, body: '', units: 0 };
}

/**
 * One file's text to its result. Each format's work is a function of its own, so that the
 * optimising compiler, which compiles this function for every file format alike, compiles only
 * the format the run uses.
 */
function extractText(text: string, name: string, options: OneOptions, onLetter?: LetterProgress): FileResult {
  const all = parseDocument(text);
  const letters = all.filter((l) => l.isLetter);
  if (letters.length === 0) return failed(`not an IMR letter: ${all[0].problems[0]?.message ?? 'no letter structure recognised'}`);
  if (options.format === 'check') return checked(all, text, letters.length, onLetter);
  if (options.format === 'ics') return deadlinesOf(letters, name, options);
  const lines = new LineIndex(text);
  const { vocabulary } = loadVocabularyFile(options.vocabularyFile);
  if (options.format === 'facts') return factsOf(letters, text, name, vocabulary, lines);
  // A merged case file holds several letters: one record each, numbered by letterInFile.
  const records: LetterRecord[] = [];
  let items = 0;
  for (let k = 0; k < letters.length; k++) {
    const letter = letters[k];
    const rec = letterRecord(letter, text, name, options.check ? diagnose(letter, text) : letter.problems, lines, vocabulary);
    items += rec.items.length;
    records.push(letters.length > 1 ? { ...rec, letterInFile: k + 1 } : rec);
  }
  if (options.format === 'records') return tablesOf(letters, text, records, items);
  if (options.perLetter) return partsOf(letters, name, records, items, options);
  const { body, units } = serialize(records, options);
  return { letters: records.length, items, body, units };
}

/**
 * Every diagnostic of every part of the text, and where it is: no record is built (no request
 * categories, no block texts), and the text's lines are indexed only when there is a problem to place.
 */
function checked(all: readonly Letter[], text: string, letters: number, onLetter?: LetterProgress): FileResult {
  let lines: LineIndex | null = null;
  const problems = all.flatMap((letter, k) => {
    if (all.length > 1) onLetter?.(k, all.length);
    const found = diagnose(letter, text);
    if (found.length === 0) return [];
    lines ??= new LineIndex(text);
    return problemRecords(found, lines);
  });
  return { letters, items: 0, body: '', units: letters, problems };
}

function factsOf(letters: readonly Letter[], text: string, name: string, vocabulary: Vocabulary, lines: LineIndex): FileResult {
  const facts = insightLetters(letters, text, name, vocabulary, bundledKnowledge(), lines);
  return { letters: facts.length, items: facts.reduce((n, l) => n + l.items.length, 0), body: '', units: facts.length, facts };
}

/** Each letter's dates as calendar events (with `perLetter`, each letter a part of its own). */
function deadlinesOf(letters: readonly Letter[], name: string, options: OneOptions): FileResult {
  const kb = bundledKnowledge();
  const stamp = new Date();
  const each = letters.map((l) => letterDeadlines(l, kb));
  const items = letters.reduce((n, l) => n + l.items.length, 0);
  if (!options.perLetter) {
    const all = each.flat();
    return { letters: letters.length, items, body: calendarEvents(all, stamp), units: all.length };
  }
  const parts = letters.map((letter, k): RecordPart => ({
    body: calendarEvents(each[k], stamp),
    units: each[k].length,
    items: letter.items.length,
    identity: identityOf(letter),
    kind: sourceKindOf(name, letter.layout),
    letterInFile: letters.length > 1 ? k + 1 : undefined,
  }));
  return { letters: letters.length, items, body: '', units: 0, parts };
}

function tablesOf(letters: readonly Letter[], text: string, records: LetterRecord[], items: number): FileResult {
  const kb = bundledKnowledge();
  return { letters: records.length, items, body: '', units: records.length, tables: encodeTables(records.map((record, k) => tableLetter(letters[k], text, record, kb))) };
}

/** Each record on its own, with what tells which letter it is. */
function partsOf(letters: readonly Letter[], name: string, records: LetterRecord[], items: number, options: OneOptions): FileResult {
  const parts = records.map((rec, k): RecordPart => {
    const { body, units } = serialize([rec], { ...options, single: false });
    return { body, units, items: rec.items.length, identity: identityOf(letters[k]), kind: sourceKindOf(name, letters[k].layout), letterInFile: rec.letterInFile };
  });
  return { letters: records.length, items, body: '', units: 0, parts };
}

function serialize(records: LetterRecord[], options: OneOptions): { body: string; units: number } {
  switch (options.format) {
    case 'records':
    case 'facts':
    case 'check':
    case 'ics':
      return { body: '', units: records.length };
    case 'jsonl':
      return { body: records.map((r) => JSON.stringify(r) + '\n').join(''), units: records.length };
    case 'json':
      return { body: records.map((r) => JSON.stringify(r, null, 2)).join(',\n'), units: records.length };
    case 'json-records':
      return options.single && records.length === 1
        ? { body: JSON.stringify(records[0], null, 2) + '\n', units: 1 }
        : { body: records.map((r) => JSON.stringify(r, null, 2)).join(',\n'), units: records.length };
    case 'csv': {
      const rows = records.flatMap(itemRows);
      const cells = rows.map((r) => ITEM_COLUMNS.map((c) => r[c] ?? ''));
      return { body: csvText(cells), units: rows.length };
    }
    case 'md': {
      const rows = records.flatMap(itemRows);
      return { body: rows.map((r) => `| ${ITEM_COLUMNS.map((c) => markdownCell(r[c])).join(' | ')} |\n`).join(''), units: rows.length };
    }
  }
}

/** The header and framing of the whole output, written around the bodies of every file. */
export class Framing {
  private units = 0;
  constructor(
    private readonly format: BulkFormat,
    private readonly write: (chunk: string) => void,
    private readonly options: { bom?: boolean; single?: boolean },
  ) {}

  private head(): string {
    switch (this.format) {
      case 'csv':
        return csvText([titlesOf(ITEM_COLUMNS, ITEM_COLUMN_TITLES)], { bom: this.options.bom });
      case 'md':
        return `| ${titlesOf(ITEM_COLUMNS, ITEM_COLUMN_TITLES).map(markdownCell).join(' | ')} |\n|${ITEM_COLUMNS.map(() => ' --- |').join('')}\n`;
      case 'json':
        return '[\n';
      case 'json-records':
        return this.options.single ? '' : '[\n';
      case 'jsonl':
      case 'records':
      case 'facts':
      case 'check':
        return '';
      case 'ics':
        return CALENDAR_HEAD;
    }
  }

  private get joined(): boolean {
    return this.format === 'json' || (this.format === 'json-records' && !this.options.single);
  }

  add(r: { body: string; units: number }): void {
    if (r.units === 0) return;
    if (this.units === 0) this.write(this.head());
    else if (this.joined) this.write(',\n');
    this.write(r.body);
    this.units += r.units;
  }

  end(): void {
    // A calendar is a calendar even with no event in it.
    if (this.format === 'ics') this.write((this.units === 0 ? CALENDAR_HEAD : '') + CALENDAR_END);
    else if (this.joined) this.write(this.units === 0 ? '[]\n' : '\n]\n');
    // One file asked for as a lone JSON record, and it failed: an empty array, not nothing.
    else if (this.format === 'json-records' && this.units === 0) this.write('[]\n');
    else if (this.units === 0 && (this.format === 'csv' || this.format === 'md')) this.write(this.head());
  }
}
