import * as v8 from 'v8';
import * as vm from 'vm';

/**
 * Documents of a given size made of real letters (a merged case file), and timing helpers for the
 * linear-time tests. Timings on a shared machine are noisy: callers measure CPU time, take the
 * fastest of several runs and allow generous ratios.
 */

/**
 * Fixture letters concatenated (in order, repeated as needed) until `size` characters, cut at the
 * last line end at or before `size` (so a letter is cut between lines, never mid-line).
 */
export function concatenated(texts: readonly string[], size: number): string {
  const parts: string[] = [];
  let len = 0;
  for (let k = 0; len < size; k++) {
    const t = texts[k % texts.length];
    const piece = t.endsWith('\n') ? t : t + '\n';
    parts.push(piece);
    len += piece.length;
  }
  const all = parts.join('');
  const cut = all.lastIndexOf('\n', size - 1);
  return cut > 0 ? all.slice(0, cut + 1) : all.slice(0, size);
}

/** `unit` repeated to exactly `size` characters. */
export function repeated(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** CPU time (user + system) of this process, in milliseconds. */
export function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

let gcFn: (() => void) | null | undefined;

/**
 * The live heap in bytes: `heapUsed` after two full collections. One is not enough on a busy
 * machine: a collection forced while a concurrent marking is under way finishes that marking, in
 * which everything allocated since it began counts as live; the second collects it.
 */
export function liveHeap(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/** A full garbage collection, so that a timed run does not pay for the garbage of earlier ones. */
export function collectGarbage(): void {
  if (gcFn === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gcFn = vm.runInNewContext('gc') as () => void;
    } catch {
      gcFn = null;
    }
  }
  gcFn?.();
}

/**
 * The fastest of `runs` timings of `fn`, in CPU milliseconds of this process per call, each timing
 * after a full garbage collection and covering `perRun` calls (CPU time is accounted in scheduler
 * ticks of a few milliseconds, so a short call is timed in a batch). CPU time is not inflated by
 * other processes on a shared machine the way wall time is, and the fastest timing drops this
 * process's own pauses; what remains is the work the code does.
 */
export function fastestCpuMs(fn: () => void, runs: number, perRun = 1): number {
  let best = Infinity;
  for (let k = 0; k < runs; k++) {
    collectGarbage();
    const c0 = cpuNow();
    for (let j = 0; j < perRun; j++) fn();
    best = Math.min(best, (cpuNow() - c0) / perRun);
  }
  return best;
}

/**
 * CPU milliseconds per call of `fn`, repeated until at least `minMs` of CPU time has passed (and at
 * least `minCalls` times), after a full garbage collection: short calls measured well above the
 * few-millisecond ticks CPU time is accounted in.
 */
export function batchedCpuMs(fn: () => void, minMs: number, minCalls = 1): number {
  collectGarbage();
  const c0 = cpuNow();
  let calls = 0;
  while (calls < minCalls || cpuNow() - c0 < minMs) {
    fn();
    calls++;
  }
  return (cpuNow() - c0) / calls;
}
