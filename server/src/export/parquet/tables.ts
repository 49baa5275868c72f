/**
 * The Parquet tables of `imr extract --format parquet --out DIR`: `letters.parquet` (one row per
 * letter), `items.parquet` (one row per disputed item) and `citations.parquet` (one row per cited
 * guideline locator), with the documented schema (README "Data out: Parquet"). Rows are built
 * from the extraction record and the letter's citations; the three files are written under
 * temporary names and renamed when complete, so a failed or cancelled run leaves nothing behind.
 */
import * as fs from 'fs';
import * as path from 'path';
import { findCitations, identityOf, Knowledge, Letter, LetterRecord, SCHEMA_VERSION } from '../../core';
import { citationTableRows } from '../citations';
import { ColumnDef, Cell, EncodedRows, encodeRows, ParquetFileWriter } from './writer';
import { createPartialSync, makeFolderSync, partialName } from '../output-file';
import { describeFsError } from '../../io';

const S = (name: string, description: string, optional = true): ColumnDef => ({ name, type: 'string', optional, description });
const I = (name: string, description: string, optional = true): ColumnDef => ({ name, type: 'int32', optional, description });
const D = (name: string, description: string): ColumnDef => ({ name, type: 'date', optional: true, description });

/** Columns every table starts with: which letter the row belongs to. */
const KEY: ColumnDef[] = [
  S('source', 'The letter file as given (path).', false),
  I('letter_in_file', 'Position of the letter in its file, 1-based (a merged case file holds several).', false),
  S('letter_key', 'The letter identity (case number | decision date | items hash): equal for the text, -layout text and PDF of one letter, so DISTINCT ON (letter_key) counts each letter once.', false),
];

export const LETTER_COLUMNS: readonly ColumnDef[] = [
  ...KEY,
  S('format', 'Letter format: F1b, F1a, F0, F2, F3 or unknown.', false),
  S('layout', 'Text shape: reading-order, columns, double-spaced or plain.', false),
  { name: 'is_letter', type: 'boolean', optional: false, description: 'True when letter structure was recognised.' },
  S('case_number', 'Case number as written, e.g. CM16-0239569.'),
  S('priority', 'Priority (Standard, Expedited).'),
  D('date_assigned', 'Date Assigned.'),
  D('decision_date', 'Decision Date.'),
  D('date_of_injury', 'Date of Injury.'),
  D('ur_denial_date', 'UR Denial Date.'),
  D('application_received', 'Application Received.'),
  I('days_to_decision', 'Days from Date Assigned to Decision Date.'),
  S('reviewer_licensure', "Reviewer's licensure states, joined with '; '."),
  S('reviewer_specialties', "Reviewer's specialties, joined with '; '."),
  I('patient_age', "Patient's age in years."),
  S('patient_sex', 'male or female.'),
  I('items', 'Number of disputed items.', false),
  I('upheld', 'Items decided Upheld.', false),
  I('overturned', 'Items decided Overturned.', false),
  I('problems', 'Problems the parser met reading the letter.', false),
];

export const ITEM_TABLE_COLUMNS: readonly ColumnDef[] = [
  ...KEY,
  S('case_number', 'Case number (repeated from letters for convenience).'),
  D('decision_date', 'Decision Date (repeated from letters).'),
  I('item_index', 'Position of the item in its letter, 1-based.', false),
  S('request', 'What was decided (for a partial authorization, the remainder).', false),
  S('decision', 'Upheld, Overturned, or null when none was read.'),
  S('decision_text', 'The decision as written when it is not exactly Upheld or Overturned.'),
  S('category', 'Request category (DWC style): pharmaceuticals, physical therapy, ... other.', false),
  S('drug', 'For pharmaceuticals: generic name(s), ingredients joined with /.'),
  S('drug_class', 'For pharmaceuticals: opioid, NSAID, muscle relaxant, topical/compound, ...'),
  S('body_part', "Body parts the request names, joined with '; '."),
  { name: 'quantity_count', type: 'double', optional: true, description: 'How many in all (visits, tablets, grams, days ...).' },
  S('quantity_unit', 'What quantity_count counts, when written.'),
  S('quantity_schedule', 'Frequency per week x weeks, e.g. 2x6.'),
  S('partial_original', 'Partial authorization: the original request.'),
  S('partial_authorized', 'Partial authorization: what the claims administrator authorized.'),
  S('partial_remainder', 'Partial authorization: the portion IMR decided.'),
  S('claims_administrator_guideline', 'The Claims Administrator guideline block.'),
  S('maximus_guideline', 'The MAXIMUS guideline block.'),
  S('rationale', 'The decision rationale.'),
  I('item_line', 'Line of the item heading in the text, 1-based.', false),
];

export const CITATION_TABLE_COLUMNS: readonly ColumnDef[] = [
  ...KEY,
  I('item_index', 'The item the citation belongs to, 1-based; null outside items.'),
  S('block', 'Where it is cited: Claims Administrator guideline, MAXIMUS guideline, Decision rationale, other.', false),
  S('kind', 'guideline, regulation or non-mtus.', false),
  S('guideline', 'Guideline id, e.g. mtus-cpmtg, mtus-acoem, ccr-9792, odg.', false),
  S('edition', 'Edition, e.g. 2009, 2016, 2004, current.'),
  S('cited_as', 'The guideline as the letter names it.'),
  S('locator', 'Page, section or regulation cited, e.g. p. 23, Physical Methods, §9792.20(f).'),
  S('topic_in_letter', 'The topic the letter writes beside the citation.'),
  S('knowledge_base_topic', 'What the knowledge base says the locator covers.'),
];

/** A citation row as export/citations.ts builds it for the Extract Citations command. */
export interface CitationRow {
  item: number | null;
  block: string;
  kind: string;
  guideline: string;
  edition: string | null;
  citedAs: string | null;
  locator: string | null;
  topicInLetter: string | null;
  knowledgeBaseTopic: string | null;
}

export interface TableSet {
  letters: ParquetFileWriter;
  items: ParquetFileWriter;
  citations: ParquetFileWriter;
}

const FILES = { letters: 'letters.parquet', items: 'items.parquet', citations: 'citations.parquet' } as const;

/** The three output files of a folder. */
export function parquetFiles(dir: string): string[] {
  return Object.values(FILES).map((f) => path.join(dir, f));
}

/**
 * The three tables of one output folder. Refuses (throws with a clear message, before writing
 * anything) when a table file exists and `overwrite` is not set.
 */
export class ParquetTables {
  private readonly writers: TableSet;
  private readonly temp: Record<keyof TableSet, string>;
  letters = 0;
  items = 0;
  citations = 0;

  constructor(
    readonly dir: string,
    options: { overwrite?: boolean; rowGroupRows?: number } = {},
  ) {
    const cannot = makeFolderSync(dir);
    if (cannot) throw new ParquetRefusal(cannot);
    const existing: string[] = [];
    for (const f of parquetFiles(dir)) {
      // lstat: a link at a table's name counts as a table there (a rename replaces the link, not what it points to).
      const st = fs.lstatSync(f, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) throw new ParquetRefusal(`${path.basename(f)} in ${dir} is a folder, not a table file; nothing is replaced`);
      existing.push(f);
    }
    if (existing.length && !options.overwrite) throw new ParquetRefusal(`${existing.map((f) => path.basename(f)).join(', ')} already in ${dir} (use --force to replace)`);
    const metadata = { 'imr.schemaVersion': String(SCHEMA_VERSION), 'imr.table': '' };
    // Each table is written under a temporary name no other program can guess, created exclusively
    // (never through a planted link) and readable by the user only: the tables hold health data.
    const temp: Partial<Record<keyof TableSet, string>> = {};
    const writers: Partial<TableSet> = {};
    const columns: Record<keyof TableSet, readonly ColumnDef[]> = { letters: LETTER_COLUMNS, items: ITEM_TABLE_COLUMNS, citations: CITATION_TABLE_COLUMNS };
    try {
      for (const k of Object.keys(FILES) as (keyof TableSet)[]) {
        const file = partialName(path.join(dir, FILES[k]));
        writers[k] = new ParquetFileWriter(file, columns[k], {
          rowGroupRows: options.rowGroupRows,
          metadata: { ...metadata, 'imr.table': k },
          createdBy: 'imr-letters (imr extract --format parquet)',
          create: createPartialSync,
        });
        temp[k] = file;
      }
    } catch (e) {
      for (const k of Object.keys(writers) as (keyof TableSet)[]) {
        writers[k]!.abort();
        fs.rmSync(temp[k]!, { force: true });
      }
      throw new ParquetRefusal(`a temporary file could not be created in ${dir} (${describeFsError(e)})`);
    }
    this.temp = temp as Record<keyof TableSet, string>;
    this.writers = writers as TableSet;
  }

  /** Adds one letter: its row, its items' rows and its citations' rows. `letterKey` is its identity key when already known. */
  add(r: LetterRecord, citations: readonly CitationRow[], letterKey: string = identityOf(r).key): void {
    this.addEncoded(encodeTables([{ record: r, citations, key: letterKey }]));
  }

  /** Adds letters encoded by `encodeTables` (on any thread), in order. */
  addEncoded(t: EncodedTables): void {
    this.writers.letters.addEncoded(t.letters);
    if (t.items) this.writers.items.addEncoded(t.items);
    if (t.citations) this.writers.citations.addEncoded(t.citations);
    this.letters += t.letters.rows;
    this.items += t.items?.rows ?? 0;
    this.citations += t.citations?.rows ?? 0;
  }

  /** Writes the footers and moves the files to their names. */
  finish(): string[] {
    const out: string[] = [];
    for (const k of Object.keys(this.writers) as (keyof TableSet)[]) {
      this.writers[k].close();
      const target = path.join(this.dir, FILES[k]);
      fs.renameSync(this.temp[k], target);
      out.push(target);
    }
    return out;
  }

  /** Stops and deletes the partial files. */
  abort(): void {
    for (const k of Object.keys(this.writers) as (keyof TableSet)[]) {
      this.writers[k].abort();
      fs.rmSync(this.temp[k], { force: true });
    }
  }
}

export class ParquetRefusal extends Error {}

/** Letters' rows of the three tables, encoded (`encodeRows`); a table without rows is null. */
export interface EncodedTables {
  letters: EncodedRows;
  items: EncodedRows | null;
  citations: EncodedRows | null;
}

/** A letter as the tables take it: its record, its citation rows and its identity key. */
export interface TableLetter {
  record: LetterRecord;
  citations: readonly CitationRow[];
  key: string;
}

/** A parsed letter of `text` as the tables take it, with its extraction record. */
export function tableLetter(letter: Letter, text: string, record: LetterRecord, kb: Knowledge): TableLetter {
  return { record, citations: citationTableRows(letter, findCitations(letter, text, kb), kb), key: identityOf(letter).key };
}

/** The rows of some letters in the three tables, encoded for the writers. */
export function encodeTables(letters: readonly TableLetter[]): EncodedTables {
  const rows = { letters: [] as Cell[][], items: [] as Cell[][], citations: [] as Cell[][] };
  for (const { record: r, citations, key: letterKey } of letters) {
    const key: Cell[] = [r.source, r.letterInFile ?? 1, letterKey];
    const decided = (d: string) => r.items.filter((it) => it.decision === d).length;
    const days = r.dates.assigned && r.dates.decision ? Math.round((Date.parse(r.dates.decision) - Date.parse(r.dates.assigned)) / 86_400_000) : null;
    const list = (xs: readonly string[]) => (xs.length ? xs.join('; ') : null);
    rows.letters.push([
      ...key, r.format, r.layout, r.isLetter, r.caseNumber, r.priority,
      r.dates.assigned, r.dates.decision, r.dates.injury, r.dates.urDenial, r.dates.applicationReceived, days,
      list(r.reviewer.licensure), list(r.reviewer.specialties), r.patient.age, r.patient.sex,
      r.items.length, decided('Upheld'), decided('Overturned'), r.problems.length,
    ]);
    for (const it of r.items) {
      rows.items.push([
        ...key, r.caseNumber, r.dates.decision, it.index + 1, it.request, it.decision, it.decisionText,
        it.category, it.drug, it.drugClass, it.bodyPart, it.quantity?.count ?? null, it.quantity?.unit ?? null, it.quantity?.schedule ?? null,
        it.partialAuthorization?.original ?? null, it.partialAuthorization?.authorized ?? null, it.partialAuthorization?.remainder ?? null,
        it.claimsAdministratorGuideline, it.maximusGuideline, it.rationale, it.range.start.line + 1,
      ]);
    }
    for (const c of citations) {
      rows.citations.push([...key, c.item, c.block, c.kind, c.guideline, c.edition, c.citedAs, c.locator, c.topicInLetter, c.knowledgeBaseTopic]);
    }
  }
  return {
    letters: encodeRows(LETTER_COLUMNS, rows.letters),
    items: rows.items.length ? encodeRows(ITEM_TABLE_COLUMNS, rows.items) : null,
    citations: rows.citations.length ? encodeRows(CITATION_TABLE_COLUMNS, rows.citations) : null,
  };
}

/** The documented schema as Markdown tables (the README's section is checked against it by a test). */
export function schemaMarkdown(): string {
  const table = (name: string, cols: readonly ColumnDef[]) =>
    [`**${name}**`, '', '| Column | Type | Null | Meaning |', '| --- | --- | --- | --- |', ...cols.map((c) => `| \`${c.name}\` | ${c.type === 'int32' ? 'INT32' : c.type === 'double' ? 'DOUBLE' : c.type === 'boolean' ? 'BOOLEAN' : c.type === 'date' ? 'DATE' : 'STRING'} | ${c.optional ? 'yes' : 'no'} | ${c.description ?? ''} |`)].join('\n');
  return [table('letters.parquet', LETTER_COLUMNS), table('items.parquet', ITEM_TABLE_COLUMNS), table('citations.parquet', CITATION_TABLE_COLUMNS)].join('\n\n');
}
