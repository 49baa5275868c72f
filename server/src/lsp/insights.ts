/**
 * The Insights panel's data: the statistics of a set of letters (files on disk and open documents),
 * with work-done progress and cancellation. Files are read as `imr stats` reads them.
 */
import type { CancellationToken, WorkDoneProgressReporter } from 'vscode-languageserver';
import { InsightLetter, insightLetters, Vocabulary } from '../core';
import { collectInputs } from '../export/inputs';
import { collectStats } from '../export/stats';
import type { InsightsParams, InsightsResult } from '../insights-protocol';
import type { ParsedLetter } from './letters';

export async function insights(
  p: InsightsParams,
  token: CancellationToken,
  progress: WorkDoneProgressReporter,
  options: { vocabularyFile?: string; pdfCacheDir?: string; vocabulary: Vocabulary; open: (uri: string) => ParsedLetter | null },
): Promise<InsightsResult> {
  const started = Date.now();
  const extra: InsightLetter[] = [];
  for (const uri of p.open ?? []) {
    const parsed = options.open(uri);
    if (parsed) extra.push(...insightLetters(parsed.letters, parsed.text, uri, options.vocabulary, undefined, parsed.lines));
  }
  const { files, missing } = await collectInputs(p.inputs ?? []);
  progress.begin('Counting IMR decisions', 0, `0 of ${files.length} files`, true);
  try {
    const run = await collectStats(files, {
      vocabularyFile: options.vocabularyFile,
      pdfCacheDir: options.pdfCacheDir,
      withItems: true,
      extra,
      isCancelled: () => token.isCancellationRequested,
      onProgress: (done, total) => progress.report(Math.floor((done / Math.max(1, total)) * 100), `${done} of ${total} files`),
    });
    return {
      stats: run.stats,
      files: files.length + extra.length,
      failures: [...missing.map((m) => ({ file: m.input, reason: m.reason })), ...run.failures],
      cancelled: run.cancelled,
      ms: Date.now() - started,
    };
  } finally {
    progress.done();
  }
}
