/**
 * CSV text for spreadsheets and data tools (through csv-stringify: quoting, embedded newlines,
 * optional UTF-8 byte order mark). Every CSV `imr` and the editor write goes through `csvText`.
 * Imports only csv-stringify, so the client's Insights bundle stays small.
 */
import { stringify } from 'csv-stringify/sync';

/**
 * A text cell as a spreadsheet may read it: one that begins with `=`, `+`, `-` or `@` (or a tab or
 * carriage return before one) is a formula to Excel, LibreOffice and Google Sheets, which would run
 * it on opening (`=HYPERLINK(...)`, `=cmd|...`); letter text and file names come from outside, so
 * such a cell gets a leading apostrophe, which spreadsheets show as text and do not display. A
 * cell that is a plain number ("-5", "+1.5") is left as it is: it is a number, not a formula.
 */
export function spreadsheetSafe(s: string): string {
  const c = s.charCodeAt(0);
  // = + - @ tab carriage return
  if (c !== 0x3d && c !== 0x2b && c !== 0x2d && c !== 0x40 && c !== 0x09 && c !== 0x0d) return s;
  if ((c === 0x2b || c === 0x2d) && s.length > 1 && s.trim() === s && Number.isFinite(Number(s))) return s;
  return `'${s}`;
}

/** Rows (the header first, when there is one) as CSV, text cells made spreadsheet-safe. */
export function csvText(rows: readonly (readonly unknown[])[], options: { bom?: boolean } = {}): string {
  return stringify(rows as unknown[][], { bom: options.bom === true, cast: { string: (v: string) => spreadsheetSafe(v) } });
}
