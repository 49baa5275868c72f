/**
 * Output formats shared by the CLI and the editor commands: CSV (through csv-stringify: quoting,
 * embedded newlines, optional UTF-8 BOM), JSON, JSON Lines and Markdown tables (pipes escaped).
 * `TableWriter` streams: rows go out as they come, so memory stays flat over thousands of letters.
 */
import { stringify } from 'csv-stringify/sync';

export type TableFormat = 'csv' | 'md' | 'json' | 'jsonl';

export const TABLE_FORMATS: readonly TableFormat[] = ['csv', 'md', 'json', 'jsonl'];

export type Cell = string | number | boolean | null | undefined;
export type Row = Record<string, Cell>;

export interface TableOptions {
  /** Start CSV output with a UTF-8 byte order mark (for spreadsheet programs). */
  bom?: boolean;
}

/** Editor language of each format's output. */
export const FORMAT_LANGUAGE: Record<TableFormat, string> = { csv: 'csv', md: 'markdown', json: 'json', jsonl: 'jsonl' };

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
  constructor(
    private readonly format: TableFormat,
    private readonly columns: readonly string[],
    private readonly write: (chunk: string) => void,
    private readonly options: TableOptions = {},
  ) {}

  add(rows: readonly Row[]): void {
    if (rows.length === 0) return;
    const first = this.rows === 0;
    switch (this.format) {
      case 'csv':
        this.write(
          stringify(
            rows.map((r) => this.columns.map((c) => csvCell(r[c]))),
            { header: first, columns: [...this.columns], bom: first && this.options.bom === true },
          ),
        );
        break;
      case 'md':
        if (first) this.write(`| ${this.columns.map(markdownCell).join(' | ')} |\n|${this.columns.map(() => ' --- |').join('')}\n`);
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
    else if (this.rows === 0 && this.format === 'csv') this.write(stringify([], { header: true, columns: [...this.columns], bom: this.options.bom === true }));
    else if (this.rows === 0 && this.format === 'md') this.write(`| ${this.columns.map(markdownCell).join(' | ')} |\n|${this.columns.map(() => ' --- |').join('')}\n`);
  }
}

function pick(r: Row, columns: readonly string[]): Record<string, Cell> {
  const o: Record<string, Cell> = {};
  for (const c of columns) o[c] = r[c] ?? null;
  return o;
}

/** A whole table as one string. */
export function renderTable(format: TableFormat, columns: readonly string[], rows: readonly Row[], options: TableOptions = {}): string {
  let out = '';
  const w = new TableWriter(format, columns, (s) => (out += s), options);
  w.add(rows);
  w.end();
  return out;
}
