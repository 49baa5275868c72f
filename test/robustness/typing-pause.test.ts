/**
 * The pause before a large document's whole-document answers (server/src/lsp/typing.ts): only
 * while the user types fast, as long as the answer last took (at least TYPING_PAUSE_MS, at most
 * MAX_TYPING_PAUSE_MS); none after a lone change. typing-burst.test.ts checks what it is for: hovers
 * stay quick while 50 edits a second reach a merged file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_TYPING_PAUSE_MS, TYPING_PAUSE_MS, typingPause } from '../../server/src/lsp/typing';

test('no pause for a document not changed since it was opened', () => {
  assert.equal(typingPause(undefined, 500, 1000), 0);
  assert.equal(typingPause({ at: 1000, gap: Infinity }, 40, 1001), 0);
});

test('no pause after a lone change: the one before came long before', () => {
  // A keystroke 400 ms after the previous one, asked about at once.
  assert.equal(typingPause({ at: 10_000, gap: 400 }, 20, 10_001), 0);
  // An answer that takes 60 ms, after keystrokes 100 ms apart: it is made before the next one.
  assert.equal(typingPause({ at: 10_000, gap: 100 }, 60, 10_002), 0);
});

test('fast typing: the answer waits TYPING_PAUSE_MS, or what it last took when that is longer', () => {
  // 50 keystrokes a second (20 ms apart), a cheap answer: the shortest pause.
  assert.equal(typingPause({ at: 10_000, gap: 20 }, 5, 10_001), TYPING_PAUSE_MS);
  // Keystrokes 100 ms apart and an answer that took 250 ms: they pile up, so it waits 250 ms.
  assert.equal(typingPause({ at: 10_000, gap: 100 }, 250, 10_010), 250);
  // Never longer than MAX_TYPING_PAUSE_MS, however slow the answer was.
  assert.equal(typingPause({ at: 10_000, gap: 100 }, 60_000, 10_010), MAX_TYPING_PAUSE_MS);
});

test('a burst that has ended: no pause for a request long after the last change', () => {
  // Keystrokes were 20 ms apart, but the last one was 2 s ago (an outline asked for later).
  assert.equal(typingPause({ at: 10_000, gap: 20 }, 40, 12_000), 0);
  // Asked for within the answer's cost of the last fast change: still typing.
  assert.equal(typingPause({ at: 10_000, gap: 20 }, 40, 10_039), 40);
  assert.equal(typingPause({ at: 10_000, gap: 20 }, 40, 10_040), 0);
});
