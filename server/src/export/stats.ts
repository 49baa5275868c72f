/**
 * `imr stats` and the Insights panel's data: read many letter files (in worker threads, as bulk
 * extraction does), keep what the statistics need of each letter, and count. Also the text, JSON
 * and CSV forms of the result.
 */
import { computeStats, InsightLetter, Stats } from '../core';
import { extractFiles } from './bulk';
import type { FilePath } from '../io';
import { loadVocabularyFile } from './vocabulary-file';

export { statsCsv, statsJson, statsText, STATS_CSV_COLUMNS } from './stats-format';

export interface StatsRun {
  stats: Stats;
  failures: { file: string; reason: string }[];
  cancelled: boolean;
}

export interface CollectOptions {
  maxBytes?: number;
  /** Longest time to read one PDF, in ms. */
  pdfTimeLimitMs?: number;
  /** A folder keeping the text of the PDFs read, for the next run (`--cache`). */
  pdfCacheDir?: string;
  jobs?: number;
  vocabularyFile?: string;
  withItems?: boolean;
  onProgress?: (done: number, total: number, file: string) => void;
  isCancelled?: () => boolean;
  /** Letters already read (open editors), counted with the files. */
  extra?: readonly InsightLetter[];
}

/** Reads the files and counts their letters, each letter once. */
export async function collectStats(files: readonly FilePath[], options: CollectOptions = {}): Promise<StatsRun> {
  const letters: InsightLetter[] = [...(options.extra ?? [])];
  // extractFiles starts the workers and sends them the first files before it waits: the
  // vocabulary the counting needs is loaded (validated, compiled) then, while they start.
  const reading = extractFiles(files, () => undefined, {
    format: 'facts',
    maxBytes: options.maxBytes,
    pdfTimeLimitMs: options.pdfTimeLimitMs,
    pdfCacheDir: options.pdfCacheDir,
    jobs: options.jobs,
    vocabularyFile: options.vocabularyFile,
    onProgress: options.onProgress,
    isCancelled: options.isCancelled,
    onFacts: (facts) => {
      for (const f of facts) letters.push(f);
    },
  });
  const { vocabulary } = loadVocabularyFile(options.vocabularyFile);
  const result = await reading;
  return { stats: computeStats(letters, { vocabulary, withItems: options.withItems }), failures: result.failures, cancelled: result.cancelled };
}

