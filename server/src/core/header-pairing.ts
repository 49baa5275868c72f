/**
 * The header table's labels and values paired (header.ts reads them as tokens in reading order):
 * each value goes to a label of its type, forward and backward, and runs of values whose types
 * mix are reported.
 */
import type { Token, ValueType } from './header-tokens';

interface Reading {
  /** Label token position `i` -> its value token (undefined: no value). */
  value: readonly (Token | undefined)[];
  leftover: Token[];
}

/** The queues `pair` keeps, reused from call to call (it calls nothing that pairs): for `n`
 *  tokens, the waiting labels of slot s at [s * n, ...), the waiting values at [(4 + s) * n, ...),
 *  as token positions in the array read. */
let queues = new Int32Array(0);
/** Per slot s: label queue head [s] and tail [4 + s], value queue head [8 + s] and tail [12 + s]. */
const ends = new Int32Array(16);

/**
 * Pairs labels and values in reading order (or reversed): a value goes to the earliest label of
 * its type still waiting, else waits for the next label of its type; a label takes the earliest
 * waiting value of its type, else waits.
 */
export function pair(tokens: readonly Token[], reversed: boolean): Reading {
  const n = tokens.length;
  if (queues.length < 8 * n) queues = new Int32Array(8 * Math.max(n, 64));
  const q = queues;
  ends.fill(0);
  // The order in which the value queues were first used (the order of the leftovers): slots
  // two bits each, and a bit per slot used.
  let order = 0;
  let orderCount = 0;
  let used = 0;
  const value: (Token | undefined)[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const at = reversed ? n - 1 - k : k;
    const t = tokens[at];
    const slot = TYPE_SLOT[t.type];
    if (t.key !== null) {
      if ((used & (1 << slot)) === 0) {
        used |= 1 << slot;
        order |= slot << (2 * orderCount++);
      }
      if (ends[8 + slot] < ends[12 + slot]) value[t.i] = tokens[q[(4 + slot) * n + ends[8 + slot]++]];
      else q[slot * n + ends[4 + slot]++] = at;
    } else if (ends[slot] < ends[4 + slot]) value[tokens[q[slot * n + ends[slot]++]].i] = t;
    else {
      if ((used & (1 << slot)) === 0) {
        used |= 1 << slot;
        order |= slot << (2 * orderCount++);
      }
      q[(4 + slot) * n + ends[12 + slot]++] = at;
    }
  }
  const leftover: Token[] = [];
  for (let o = 0; o < orderCount; o++) {
    const slot = (order >> (2 * o)) & 3;
    for (let k = ends[8 + slot]; k < ends[12 + slot]; k++) leftover.push(tokens[q[(4 + slot) * n + k]]);
  }
  return { value, leftover };
}

const TYPE_SLOT: Record<ValueType, number> = { case: 0, date: 1, text: 2, piece: 3 };

/**
 * A run of labels (labels with no value between them) whose values, in the forward reading, come
 * some before the run and some after it (values written right after their label on the same line
 * aside): no tool writes a table so, a damaged one may.
 */
export function mixedRuns(tokens: readonly Token[], value: readonly (Token | undefined)[], doubt: (t: ValueType, reason: string) => void): void {
  let k = 0;
  while (k < tokens.length) {
    if (tokens[k].key === null) {
      k++;
      continue;
    }
    let end = k;
    while (end < tokens.length && tokens[end].key !== null) end++;
    let before = false;
    let after = false;
    for (let j = k; j < end; j++) {
      const v = value[tokens[j].i];
      if (!v) continue;
      if (v.afterLabel && v.i === tokens[j].i + 1 && v.line === tokens[j].line) continue;
      if (v.i < tokens[j].i) before = true;
      else after = true;
    }
    if (before && after) for (let j = k; j < end; j++) doubt(tokens[j].type, 'its values stand some before and some after their labels');
    k = end;
  }
}
