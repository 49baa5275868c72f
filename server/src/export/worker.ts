/**
 * Worker thread for bulk extraction: receives batches of file paths with the run's options,
 * answers each batch with the files' serialized records (or encoded Parquet rows, or statistics
 * facts, or diagnostics), in order (see one.ts). Bundled as dist/extract-worker.js.
 */
import { parentPort, workerData } from 'worker_threads';
import { bundledKnowledge, bundledVocabulary } from '../core';
import type { FilePath } from '../io';
import { ExtractAnswer, ExtractTask, ExtractWorkerData, extractOne, FileResult, OneOptions } from './one';

// A worker started before its run's files are listed (bulk.ts startWorkers) has time to spare:
// it loads the knowledge base and the request vocabulary the runs read while it waits.
const preload = (workerData as ExtractWorkerData | null)?.preload;
if (preload) {
  setImmediate(() => {
    if (preload.knowledge) bundledKnowledge();
    if (preload.vocabulary) bundledVocabulary();
  });
}

/** One file's result; an unexpected error fails that file only. */
function extract(file: FilePath, options: OneOptions): Promise<FileResult> {
  return extractOne(file, options).catch((e: unknown) => ({
    letters: 0,
    items: 0,
    failure: `extraction failed: ${e instanceof Error ? e.message : String(e)}`,
    body: '',
    units: 0,
  }));
}

parentPort?.on('message', async (task: ExtractTask) => {
  const results: FileResult[] = [];
  for (const file of task.files) results.push(await extract(typeof file === 'string' ? file : Buffer.from(file.buffer, file.byteOffset, file.length), task.options));
  // Encoded Parquet rows are moved to the main thread, not copied.
  const transfer: ArrayBuffer[] = [];
  for (const r of results) {
    for (const t of r.tables ? [r.tables.letters, r.tables.items, r.tables.citations] : []) if (t) transfer.push(t.data.buffer as ArrayBuffer, t.index.buffer as ArrayBuffer);
  }
  const answer: ExtractAnswer = { id: task.id, results };
  parentPort!.postMessage(answer, transfer);
});
