/**
 * Documents of a given size made of real letters (a merged case file), and timing helpers for the
 * linear-time tests. Timings on a shared machine are noisy: callers take the median of several runs
 * and allow generous ratios.
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

/** Median wall time of `runs` calls of `fn`, in milliseconds (after `warmup` untimed calls). */
export function medianMs(fn: () => void, runs: number, warmup = 1): number {
  for (let k = 0; k < warmup; k++) fn();
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}
