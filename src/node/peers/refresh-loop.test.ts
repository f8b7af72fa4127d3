import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settle } from '../node-parts.test-suite';
import { RefreshLoop } from './refresh-loop';

/** A refresh a test lets finish when it wants: each call is one run, held until released. */
function heldRefreshes() {
  const releases: ((error?: Error) => void)[] = [];
  let runs = 0;
  let running = 0;
  let mostAtOnce = 0;
  const refresh = (): Promise<void> => {
    runs += 1;
    running += 1;
    mostAtOnce = Math.max(mostAtOnce, running);
    return new Promise<void>((resolve, reject) => {
      releases.push((error) => {
        running -= 1;
        if (error) reject(error);
        else resolve();
      });
    });
  };
  return {
    refresh,
    runs: () => runs,
    mostAtOnce: () => mostAtOnce,
    /** ends the oldest run still held */
    release: async (error?: Error) => {
      const next = releases.shift();
      if (!next) throw new Error('no run is held');
      next(error);
      await settle(0);
    },
    held: () => releases.length,
  };
}

/*
 * A refresh that throws rejects the loop's promise, which nobody awaits: the test collects
 * such rejections itself (instead of the test runner) so that it can say what became of them.
 */
let unhandled: unknown[] = [];
let runnerListeners: NodeJS.UnhandledRejectionListener[] = [];
const collect = (reason: unknown): void => {
  unhandled.push(reason);
};
beforeEach(() => {
  unhandled = [];
  runnerListeners = process.listeners('unhandledRejection');
  process.removeAllListeners('unhandledRejection');
  process.on('unhandledRejection', collect);
});
afterEach(() => {
  process.off('unhandledRejection', collect);
  for (const listener of runnerListeners) process.on('unhandledRejection', listener);
});

describe('RefreshLoop', () => {
  it('runs a request at once when nothing runs for its key', async () => {
    const loop = new RefreshLoop<string>();
    const held = heldRefreshes();
    loop.request('a', held.refresh);
    expect(held.runs()).toBe(1);
    await held.release();
    expect(held.held()).toBe(0);
  });

  it('runs one refresh at a time per key, and any number of requests during a run make exactly one more run', async () => {
    const loop = new RefreshLoop<string>();
    const held = heldRefreshes();
    loop.request('a', held.refresh);
    for (let i = 0; i < 10; i++) loop.request('a', held.refresh);
    expect(held.runs()).toBe(1);
    await held.release();
    expect(held.runs()).toBe(2);
    await held.release();
    await settle(0);
    expect(held.runs()).toBe(2);
    expect(held.mostAtOnce()).toBe(1);
  });

  it('runs again for a request made during the extra run, and stops when none came', async () => {
    const loop = new RefreshLoop<string>();
    const held = heldRefreshes();
    loop.request('a', held.refresh);
    loop.request('a', held.refresh);
    await held.release();
    loop.request('a', held.refresh);
    await held.release();
    expect(held.runs()).toBe(3);
    await held.release();
    expect(held.runs()).toBe(3);
    expect(held.held()).toBe(0);
  });

  it('starts afresh for a request after a run ended', async () => {
    const loop = new RefreshLoop<string>();
    const held = heldRefreshes();
    loop.request('a', held.refresh);
    await held.release();
    loop.request('a', held.refresh);
    expect(held.runs()).toBe(2);
    await held.release();
  });

  it('runs different keys side by side, each on its own', async () => {
    const loop = new RefreshLoop<string>();
    const a = heldRefreshes();
    const b = heldRefreshes();
    loop.request('a', a.refresh);
    loop.request('b', b.refresh);
    loop.request('b', b.refresh);
    expect([a.runs(), b.runs()]).toEqual([1, 1]);
    await a.release();
    expect(a.held()).toBe(0);
    expect(b.runs()).toBe(1);
    await b.release();
    expect(b.runs()).toBe(2);
    await b.release();
  });

  it('runs the refresh of the first request of a run, not those of later ones', async () => {
    const loop = new RefreshLoop<string>();
    const first = heldRefreshes();
    const later = heldRefreshes();
    loop.request('a', first.refresh);
    loop.request('a', later.refresh);
    await first.release();
    expect([first.runs(), later.runs()]).toEqual([2, 0]);
    await first.release();
  });

  it('does not block later requests after a refresh that throws', async () => {
    const loop = new RefreshLoop<string>();
    const held = heldRefreshes();
    loop.request('a', held.refresh);
    await held.release(new Error('fetch failed'));
    await settle();
    loop.request('a', held.refresh);
    expect(held.runs()).toBe(2);
    await held.release();
  });

  // Else a tip announced meanwhile would never be fetched.
  it('runs once more for a request made during a refresh that throws', async () => {
    const loop = new RefreshLoop<string>();
    const held = heldRefreshes();
    loop.request('a', held.refresh);
    loop.request('a', held.refresh);
    await held.release(new Error('fetch failed'));
    await settle();
    expect(held.runs()).toBe(2);
  });

  it('keeps the error of a refresh that throws from escaping as an unhandled rejection', async () => {
    const loop = new RefreshLoop<string>();
    const held = heldRefreshes();
    loop.request('a', held.refresh);
    await held.release(new Error('fetch failed'));
    await settle();
    expect(unhandled).toEqual([]);
  });
});
