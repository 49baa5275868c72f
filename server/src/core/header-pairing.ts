/**
 * The header table's labels and values paired (header.ts reads them as tokens in reading order):
 * each value goes to a label of its type, forward and backward, and runs of values whose types
 * mix are reported.
 */
import type { Token, ValueType } from './header-tokens';

interface Reading {
  /** Label token index -> its value token. */
  value: Map<number, Token>;
  leftover: Token[];
}

/**
 * Pairs labels and values in reading order (or reversed): a value goes to the earliest label of
 * its type still waiting, else waits for the next label of its type; a label takes the earliest
 * waiting value of its type, else waits.
 */
export function pair(tokens: readonly Token[], reversed: boolean): Reading {
  // One queue of waiting labels and one of waiting values per value type, by `TYPE_SLOT`.
  const labels: Token[][] = [[], [], [], []];
  const labelHead = [0, 0, 0, 0];
  const values: Token[][] = [[], [], [], []];
  const valueHead = [0, 0, 0, 0];
  // The order in which the value queues were first used (the order of the leftovers).
  const valueOrder: number[] = [];
  const useValues = (slot: number) => {
    if (!valueOrder.includes(slot)) valueOrder.push(slot);
    return values[slot];
  };
  const value = new Map<number, Token>();
  const n = tokens.length;
  for (let k = 0; k < n; k++) {
    const t = tokens[reversed ? n - 1 - k : k];
    const slot = TYPE_SLOT[t.type];
    if (t.key !== null) {
      const vq = useValues(slot);
      if (valueHead[slot] < vq.length) value.set(t.i, vq[valueHead[slot]++]);
      else labels[slot].push(t);
    } else {
      const lq = labels[slot];
      if (labelHead[slot] < lq.length) value.set(lq[labelHead[slot]++].i, t);
      else useValues(slot).push(t);
    }
  }
  const leftover: Token[] = [];
  for (const slot of valueOrder) for (let k = valueHead[slot]; k < values[slot].length; k++) leftover.push(values[slot][k]);
  return { value, leftover };
}

const TYPE_SLOT: Record<ValueType, number> = { case: 0, date: 1, text: 2, piece: 3 };

/**
 * A run of labels (labels with no value between them) whose values, in the forward reading, come
 * some before the run and some after it (values written right after their label on the same line
 * aside): no tool writes a table so, a damaged one may.
 */
export function mixedRuns(tokens: readonly Token[], value: ReadonlyMap<number, Token>, doubt: (t: ValueType, reason: string) => void): void {
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
      const v = value.get(tokens[j].i);
      if (!v) continue;
      if (v.afterLabel && v.i === tokens[j].i + 1 && v.line === tokens[j].line) continue;
      if (v.i < tokens[j].i) before = true;
      else after = true;
    }
    if (before && after) for (let j = k; j < end; j++) doubt(tokens[j].type, 'its values stand some before and some after their labels');
    k = end;
  }
}
