/**
 * Worker thread of the workspace index: receives batches of text files, answers each batch with
 * their library entries (or why a file could not be read), in order. Bundled as
 * dist/index-worker.js. The entries are plain data; the index shares their repeated strings again
 * (`shareStrings`) when it takes them.
 */
import { parentPort } from 'worker_threads';
import { bundledKnowledge } from '../core';
import { readTextEntries, TextEntries } from './read-text';

export interface IndexTask {
  id: number;
  maxBytes: number;
  /** Keep each letter's diagnostics (the library's problems setting). */
  problems: boolean;
  files: { path: string; size: number }[];
}

export interface IndexTaskResult {
  id: number;
  results: TextEntries[];
}

parentPort?.on('message', (task: IndexTask) => {
  const kb = bundledKnowledge();
  const results: TextEntries[] = task.files.map((f) => {
    try {
      return readTextEntries(f.path, f.size, task.maxBytes, kb, task.problems);
    } catch (e) {
      return { ok: false as const, reason: `could not be indexed (${e instanceof Error ? e.message : String(e)})` };
    }
  });
  parentPort!.postMessage({ id: task.id, results } satisfies IndexTaskResult);
});
