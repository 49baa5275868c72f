/**
 * Output formats shared by the CLI and the editor commands: CSV (through csv-stringify: quoting,
 * embedded newlines, optional UTF-8 BOM), TSV (for the clipboard: pastes into spreadsheet cells),
 * JSON, JSON Lines and Markdown tables (pipes escaped). CSV, TSV and Markdown head their columns
 * with titles for people (export/columns.ts); JSON keeps the schema's names.
 * `TableWriter` streams: rows go out as they come, so memory stays flat over thousands of letters.
 */
import { csvText, spreadsheetSafe } from './csv';

export type TableFormat = 'csv' | 'md' | 'json' | 'jsonl';
/** Formats of the one-letter extractions: the table formats plus TSV for the clipboard. */
export type LetterFormat = TableFormat | 'tsv';

export const TABLE_FORMATS: readonly TableFormat[] = ['csv', 'md', 'json', 'jsonl'];

export type Cell = string | number | boolean | null | undefined;
export type Row = Record<string, Cell>;

export interface TableOptions {
  /** Start CSV output with a UTF-8 byte order mark (for spreadsheet programs). */
  bom?: boolean;
  /** Header of each column in CSV, TSV and Markdown (default: the column names). */
  titles?: Readonly<Record<string, string>>;
}

/** Editor language of each format's output. */
export const FORMAT_LANGUAGE: Record<LetterFormat, string> = { csv: 'csv', md: 'markdown', json: 'json', jsonl: 'jsonl', tsv: 'plaintext' };

/**
 * A TSV cell: tabs and line breaks would start another cell or row, so they become spaces; text
 * pasted into a spreadsheet is made spreadsheet-safe as CSV is (export/csv.ts).
 */
export function tsvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  const text = String(v).replace(/[\t\r\n]+/g, ' ');
  return typeof v === 'string' ? spreadsheetSafe(text) : text;
}

/** The columns that hold a value in at least one row (all of them when there are no rows). */
export function nonEmptyColumns(columns: readonly string[], rows: readonly Row[]): string[] {
  if (rows.length === 0) return [...columns];
  return columns.filter((c) => rows.some((r) => r[c] !== null && r[c] !== undefined && r[c] !== ''));
}

/** A Markdown table cell: pipes and backslashes escaped, line breaks as <br>. */
export function markdownCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  return String(v).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r\n|\r|\n/g, '<br>');
}

function csvCell(v: Cell): string | number | boolean {
  return v === null || v === undefined ? '' : v;
}

/** Writes rows in one format to a sink as they arrive. */
export class TableWriter {
  private rows = 0;
  private readonly header: string[];
  constructor(
    private readonly format: LetterFormat,
    private readonly columns: readonly string[],
    private readonly write: (chunk: string) => void,
    private readonly options: TableOptions = {},
  ) {
    this.header = columns.map((c) => options.titles?.[c] ?? c);
  }

  private markdownHead(): string {
    return `| ${this.header.map(markdownCell).join(' | ')} |\n|${this.columns.map(() => ' --- |').join('')}\n`;
  }

  add(rows: readonly Row[]): void {
    if (rows.length === 0) return;
    const first = this.rows === 0;
    switch (this.format) {
      case 'csv': {
        const cells = rows.map((r) => this.columns.map((c) => csvCell(r[c])));
        this.write(csvText(first ? [this.header, ...cells] : cells, { bom: first && this.options.bom === true }));
        break;
      }
      case 'tsv':
        if (first) this.write(this.header.map(tsvCell).join('\t') + '\n');
        this.write(rows.map((r) => this.columns.map((c) => tsvCell(r[c])).join('\t') + '\n').join(''));
        break;
      case 'md':
        if (first) this.write(this.markdownHead());
        this.write(rows.map((r) => `| ${this.columns.map((c) => markdownCell(r[c])).join(' | ')} |\n`).join(''));
        break;
      case 'jsonl':
        this.write(rows.map((r) => JSON.stringify(pick(r, this.columns)) + '\n').join(''));
        break;
      case 'json':
        this.write((first ? '[\n' : ',\n') + rows.map((r) => '  ' + JSON.stringify(pick(r, this.columns))).join(',\n'));
        break;
    }
    this.rows += rows.length;
  }

  /** Closes the output (JSON arrays need their bracket; an empty table still gets its header). */
  end(): void {
    if (this.format === 'json') this.write(this.rows === 0 ? '[]\n' : '\n]\n');
    else if (this.rows === 0 && this.format === 'csv') this.write(csvText([this.header], { bom: this.options.bom }));
    else if (this.rows === 0 && this.format === 'tsv') this.write(this.header.map(tsvCell).join('\t') + '\n');
    else if (this.rows === 0 && this.format === 'md') this.write(this.markdownHead());
  }
}

function pick(r: Row, columns: readonly string[]): Record<string, Cell> {
  const o: Record<string, Cell> = {};
  for (const c of columns) o[c] = r[c] ?? null;
  return o;
}

/** A whole table as one string. */
export function renderTable(format: LetterFormat, columns: readonly string[], rows: readonly Row[], options: TableOptions = {}): string {
  let out = '';
  const w = new TableWriter(format, columns, (s) => (out += s), options);
  w.add(rows);
  w.end();
  return out;
}
