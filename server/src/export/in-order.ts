/**
 * Runs tasks 0 to count - 1 on a pool of workers and gives their results in order. A task starts
 * as soon as one finishes (at most `window` run at once), not when the task to be given next
 * finishes: a worker ahead of the others goes on instead of waiting for the slowest task in
 * flight. At most `ahead` tasks are started past the first whose result is not yet taken, so the
 * results held stay few. Stopping the loop that reads the results (break, throw) starts no more.
 */
export async function* inOrder<T>(count: number, run: (i: number) => Promise<T>, window: number, ahead: number): AsyncGenerator<T, void, undefined> {
  const started = new Map<number, Promise<T>>();
  let next = 0;
  let running = 0;
  let head = 0;
  let stopped = false;
  const pump = (): void => {
    while (!stopped && next < count && running < window && next - head < ahead) {
      const i = next++;
      running++;
      started.set(
        i,
        run(i).finally(() => {
          running--;
          pump();
        }),
      );
    }
  };
  try {
    for (; head < count; head++) {
      pump();
      const result = await started.get(head)!;
      started.delete(head);
      yield result;
    }
  } finally {
    stopped = true;
  }
}
