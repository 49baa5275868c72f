/**
 * Worker thread for bulk extraction: receives batches of file paths, answers each batch with the
 * files' serialized records, in order (see one.ts). Bundled as dist/extract-worker.js.
 */
import { parentPort, workerData } from 'worker_threads';
import { extractOne, FileResult, OneOptions } from './one';

const options = workerData as OneOptions;

/** One file's result; an unexpected error fails that file only. */
function extract(file: string): Promise<FileResult> {
  return extractOne(file, options).catch((e: unknown) => ({
    letters: 0,
    items: 0,
    failure: `extraction failed: ${e instanceof Error ? e.message : String(e)}`,
    body: '',
    units: 0,
  }));
}

parentPort?.on('message', async (task: { id: number; files: string[] }) => {
  const results: FileResult[] = [];
  for (const file of task.files) results.push(await extract(file));
  parentPort!.postMessage({ id: task.id, results });
});
