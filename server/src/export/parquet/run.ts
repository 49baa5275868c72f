/**
 * `imr extract --format parquet --out DIR`: letter files to the three Parquet tables, through the
 * same bulk extraction (worker threads, input order) as the other formats.
 */
import { extractFiles } from '../bulk';
import type { FilePath } from '../../io';
import { parquetFiles, ParquetRefusal, ParquetTables } from './tables';
import { removeStalePartials } from '../output-file';

export interface ParquetRunOptions {
  force?: boolean;
  check?: boolean;
  jobs?: number;
  maxBytes?: number;
  /** Longest time to read one PDF, in ms. */
  pdfTimeLimitMs?: number;
  /** A folder keeping the text of the PDFs read, for the next run (`--cache`). */
  pdfCacheDir?: string;
  vocabularyFile?: string;
  rowGroupRows?: number;
  onProgress?: (done: number, total: number) => void;
  isCancelled?: () => boolean;
}

export type ParquetRunResult =
  | { letters: number; items: number; citations: number; files: string[]; failures: { file: string; reason: string }[]; cancelled: boolean }
  | { refused: string };

export async function extractParquet(files: readonly FilePath[], dir: string, options: ParquetRunOptions = {}): Promise<ParquetRunResult> {
  let tables: ParquetTables;
  try {
    tables = new ParquetTables(dir, { overwrite: options.force, rowGroupRows: options.rowGroupRows });
  } catch (e) {
    if (e instanceof ParquetRefusal) return { refused: e.message };
    return { refused: `cannot write in ${dir}: ${e instanceof Error ? e.message : String(e)}` };
  }
  // What runs writing these tables left when they were killed (their process gone).
  for (const f of parquetFiles(dir)) await removeStalePartials(f);
  try {
    const result = await extractFiles(files, () => undefined, {
      format: 'records',
      check: options.check,
      jobs: options.jobs,
      maxBytes: options.maxBytes,
      pdfTimeLimitMs: options.pdfTimeLimitMs,
      pdfCacheDir: options.pdfCacheDir,
      vocabularyFile: options.vocabularyFile,
      onProgress: options.onProgress,
      isCancelled: options.isCancelled,
      onTables: (t) => tables.addEncoded(t),
    });
    if (result.cancelled) {
      tables.abort();
      return { letters: 0, items: 0, citations: 0, files: [], failures: result.failures, cancelled: true };
    }
    const written = tables.finish();
    return { letters: tables.letters, items: tables.items, citations: tables.citations, files: written, failures: result.failures, cancelled: false };
  } catch (e) {
    tables.abort();
    throw e;
  }
}
