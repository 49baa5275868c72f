/**
 * Bulk extraction: many letter files to one CSV / JSON Lines / JSON / Markdown stream, one file at
 * a time, so memory stays flat. Used by `imr extract` and by the editor's "extract all letters"
 * command. Failures are collected with their reason; they never stop the run.
 */
import { diagnose, ITEM_COLUMNS, itemRows, letterRecord, LetterRecord, LineIndex, parseDocument } from '../core';
import { readLetterFile } from '../io';
import { TableFormat, TableWriter } from './formats';

export interface BulkOptions {
  format: TableFormat | 'json-records';
  bom?: boolean;
  maxBytes?: number;
  /** Called after each file with the running counts. */
  onProgress?: (done: number, total: number, file: string) => void;
  /** Checked between files; when it returns true the run stops (and reports `cancelled`). */
  isCancelled?: () => boolean;
  /** Awaited after each file: lets a slow consumer (a pipe, a disk) push back, keeping memory flat. */
  drain?: () => Promise<void> | void;
}

export interface BulkResult {
  letters: number;
  items: number;
  failures: { file: string; reason: string }[];
  cancelled: boolean;
}

/**
 * `csv` and `md` write one row per item (ITEM_COLUMNS); `jsonl` writes one letter record per line;
 * `json` writes one array of letter records (`json-records` writes a lone record without the array
 * when there is exactly one file, as the CLI's single-file `--format json` does).
 */
export async function extractFiles(files: readonly string[], write: (chunk: string) => void, options: BulkOptions): Promise<BulkResult> {
  const result: BulkResult = { letters: 0, items: 0, failures: [], cancelled: false };
  const rowWriter =
    options.format === 'csv' || options.format === 'md' ? new TableWriter(options.format, ITEM_COLUMNS, write, { bom: options.bom }) : null;
  const single = options.format === 'json-records' && files.length === 1;
  const array = options.format === 'json' || (options.format === 'json-records' && !single);
  let records = 0;
  const emit = (rec: LetterRecord) => {
    if (rowWriter) rowWriter.add(itemRows(rec));
    else if (options.format === 'jsonl') write(JSON.stringify(rec) + '\n');
    else if (single) write(JSON.stringify(rec, null, 2) + '\n');
    else write((records === 0 ? '[\n' : ',\n') + JSON.stringify(rec, null, 2));
    records++;
  };
  for (let i = 0; i < files.length; i++) {
    if (options.isCancelled?.()) {
      result.cancelled = true;
      break;
    }
    const file = files[i];
    const read = await readLetterFile(file, options.maxBytes);
    if (!read.ok) {
      result.failures.push({ file, reason: read.reason });
    } else {
      // A merged case file holds several letters: one record each, numbered by letterInFile.
      const letters = parseDocument(read.text).filter((l) => l.isLetter);
      if (letters.length === 0) {
        const first = parseDocument(read.text)[0];
        result.failures.push({ file, reason: `not an IMR letter: ${first.problems[0]?.message ?? 'no letter structure recognised'}` });
      } else {
        const lines = new LineIndex(read.text);
        letters.forEach((letter, k) => {
          const rec = letterRecord(letter, read.text, file, diagnose(letter, read.text), lines);
          emit(letters.length > 1 ? { ...rec, letterInFile: k + 1 } : rec);
          result.letters++;
          result.items += rec.items.length;
        });
      }
    }
    options.onProgress?.(i + 1, files.length, file);
    await options.drain?.();
  }
  if (rowWriter) rowWriter.end();
  else if (array) write(records === 0 ? '[]\n' : '\n]\n');
  return result;
}
