/**
 * Worker thread for bulk extraction: receives file paths, answers each with its serialized
 * records (see one.ts). Bundled as dist/extract-worker.js.
 */
import { parentPort, workerData } from 'worker_threads';
import { extractOne, OneOptions } from './one';

const options = workerData as OneOptions;

parentPort?.on('message', (task: { id: number; file: string }) => {
  extractOne(task.file, options).then(
    (result) => parentPort!.postMessage({ id: task.id, result }),
    (e) =>
      parentPort!.postMessage({
        id: task.id,
        result: { letters: 0, items: 0, failure: `extraction failed: ${e instanceof Error ? e.message : String(e)}`, body: '', units: 0 },
      }),
  );
});
