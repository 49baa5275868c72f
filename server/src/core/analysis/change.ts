/**
 * Where a text changed between two versions, as editors report it: one change or several in a row,
 * composed into one region that bounds them all (what `parseDocumentAgain` needs).
 */
import type { TextChange } from '../parse';

/**
 * Two changes one after the other as one: `a` took a text of `oldLength` to one of `midLength`, `b`
 * (offsets in that text) took it to `newLength`. What is unchanged is the shorter of the two
 * unchanged beginnings and the shorter of the two unchanged ends.
 */
export function compose(a: TextChange, oldLength: number, midLength: number, b: TextChange, newLength: number): TextChange {
  const tail = Math.min(midLength - a.newEnd, midLength - b.oldEnd);
  const oldEnd = oldLength - tail;
  const newEnd = newLength - tail;
  const start = Math.min(a.start, b.start, oldEnd, newEnd);
  return { start, oldEnd, newEnd };
}
