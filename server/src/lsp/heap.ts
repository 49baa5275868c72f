/**
 * How the server's heap grows between full garbage collections.
 *
 * The server's heap is mostly what it keeps of each open document (letters, and what each feature
 * made of them), which a keystroke changes little: it promotes a few hundred kilobytes to the old
 * generation. V8 sets the next full collection at a small margin above the live heap when the
 * process allocates slowly, as a language server does between keystrokes: after a 10 MB merged
 * case file was opened, a full collection (which pauses the answer for 20-40 ms) came every six
 * keystrokes. Growing the heap to twice its live size before collecting (Go's default, GOGC=100)
 * makes that one in about 150, and bounds the garbage held by the size of what is kept.
 */
import { setFlagsFromString } from 'v8';

/** The heap may grow by this percentage of its live size before a full collection. */
export const HEAP_GROWING_PERCENT = 100;

/** Sets the heap's growth (read by V8 at each collection, so it applies from the next one). */
export function setHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
