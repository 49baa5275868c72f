/**
 * How long a large document's whole-document answer (outline, folding, code lenses, inlay hints,
 * diagnostics) waits before it is made, so that fast typing does not make one after every
 * keystroke only to discard it.
 *
 * Made and written after every keystroke of fast typing, those answers took more than the server's
 * whole time, and a hover waited behind them for a second or more (50 edits a second into a 1.2 MB
 * merged file: hover p95 1.3-2.0 s before the pause, 16-91 ms after). The pause only pays while the
 * changes come faster than it: a change that comes later than the pause would have lasted finds the
 * answer made anyway. So the answer waits only while the user is typing fast, which is while the
 * last change came soon after the one before it and the request soon after that change ("soon":
 * within TYPING_PAUSE_MS, or within what this answer last took to make, whichever is longer). Then
 * it waits that long, up to MAX_TYPING_PAUSE_MS: under heavy load (six busy processes on two cores)
 * growing the pause with the answer's cost halved the hover p95 of the same burst (233-301 ms to
 * 113-144 ms). After a lone keystroke the answer is made at once.
 */

/** The shortest pause (ms), and the gap between changes below which the user is typing fast. */
export const TYPING_PAUSE_MS = 30;
/** The longest pause (ms): a 10 MB file's outline takes a second or more on a busy machine. */
export const MAX_TYPING_PAUSE_MS = 1000;

/** When a document last changed, and the time between that change and the one before (ms). */
export interface TypingState {
  readonly at: number;
  readonly gap: number;
}

/**
 * The pause (ms) before a whole-document answer that last took `cost` ms to make, asked for at
 * `now`, the document's changes being `typing` (undefined: none since it was opened).
 */
export function typingPause(typing: TypingState | undefined, cost: number, now: number): number {
  if (!typing) return 0;
  const soon = Math.max(TYPING_PAUSE_MS, Math.min(MAX_TYPING_PAUSE_MS, cost));
  return typing.gap < soon && now - typing.at < soon ? soon : 0;
}
