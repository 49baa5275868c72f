/**
 * How bulk extraction hands batches of files to its workers (`inOrder`): results come back in the
 * files' order, a batch starts as soon as any running batch ends (a worker ahead of the others does
 * not wait for the slowest batch in flight), no more than `window` run at once, no more than
 * `ahead` are started past the first result not yet taken, and none starts once the reader stops.
 * The tasks here are promises the test settles by hand, so every step is decided, not timed.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inOrder } from '../../server/src/export/in-order';

/** Tasks whose promises the test resolves; `started` lists the task numbers in the order they began. */
function tasks() {
  const started: number[] = [];
  const finish = new Map<number, (v: string) => void>();
  const run = (i: number) =>
    new Promise<string>((resolve) => {
      started.push(i);
      finish.set(i, resolve);
    });
  return { started, finish: (i: number) => finish.get(i)!(`result ${i}`), run };
}

/** Lets every settled promise's callbacks run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('inOrder: batches of files to workers', () => {
  test('results come in order while the tasks end in any order', async () => {
    const t = tasks();
    const got: string[] = [];
    const reading = (async () => {
      for await (const r of inOrder(5, t.run, 5, 5)) got.push(r);
    })();
    await settle();
    assert.deepEqual(t.started, [0, 1, 2, 3, 4]);
    for (const i of [3, 1, 4, 0, 2]) {
      t.finish(i);
      await settle();
    }
    await reading;
    assert.deepEqual(got, ['result 0', 'result 1', 'result 2', 'result 3', 'result 4']);
  });

  test('a task starts when any running task ends, not only the first in order', async () => {
    const t = tasks();
    const got: string[] = [];
    const reading = (async () => {
      for await (const r of inOrder(6, t.run, 2, 6)) got.push(r);
    })();
    await settle();
    assert.deepEqual(t.started, [0, 1], 'two run at once');
    // Task 0 is slow: task 1 ends first, and its worker takes task 2 at once.
    t.finish(1);
    await settle();
    assert.deepEqual(t.started, [0, 1, 2]);
    t.finish(2);
    await settle();
    assert.deepEqual(t.started, [0, 1, 2, 3]);
    assert.deepEqual(got, [], 'nothing is given before task 0');
    t.finish(0);
    await settle();
    assert.deepEqual(got, ['result 0', 'result 1', 'result 2']);
    assert.deepEqual(t.started, [0, 1, 2, 3, 4]);
    for (const i of [3, 4]) t.finish(i);
    await settle();
    t.finish(5);
    await reading;
    assert.equal(got.length, 6);
  });

  test('no more than `ahead` tasks start past the first result not yet taken', async () => {
    const t = tasks();
    const reading = (async () => {
      const got: string[] = [];
      for await (const r of inOrder(10, t.run, 3, 4)) got.push(r);
      return got;
    })();
    await settle();
    assert.deepEqual(t.started, [0, 1, 2]);
    for (const i of [1, 2, 3]) {
      t.finish(i);
      await settle();
    }
    // Tasks 0 to 3 started; task 0 still runs: task 4 would be the fifth past it.
    assert.deepEqual(t.started, [0, 1, 2, 3]);
    t.finish(0);
    await settle();
    assert.deepEqual(t.started, [0, 1, 2, 3, 4, 5, 6]);
    for (let i = 4; i < 10; i++) {
      t.finish(i);
      await settle();
    }
    assert.equal((await reading).length, 10);
  });

  test('one at a time with a window of one', async () => {
    const t = tasks();
    const reading = (async () => {
      for await (const _ of inOrder(3, t.run, 1, 1));
    })();
    for (let i = 0; i < 3; i++) {
      await settle();
      assert.deepEqual(t.started, Array.from({ length: i + 1 }, (_, k) => k));
      t.finish(i);
    }
    await reading;
  });

  test('no task starts after the reader stops', async () => {
    const t = tasks();
    const reading = (async () => {
      for await (const r of inOrder(10, t.run, 2, 10)) if (r === 'result 0') break;
    })();
    await settle();
    t.finish(0);
    await reading;
    const before = [...t.started];
    t.finish(1);
    await settle();
    assert.deepEqual(t.started, before, 'a task that ends after the stop starts no other');
    assert.ok(before.length < 10);
  });
});
