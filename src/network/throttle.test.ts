import { describe, expect, it } from 'vitest';
import { createThrottle, type ThrottleTimers } from './throttle';

/** A hand-driven clock: timers fire only when the test advances it. */
function fakeTimers() {
  let now = 0;
  let timers: { at: number; fn: () => void; handle: number }[] = [];
  let handles = 0;
  const api: ThrottleTimers = {
    now: () => now,
    setTimeout: (fn, ms) => {
      handles += 1;
      timers.push({ at: now + ms, fn, handle: handles });
      return handles;
    },
    clearTimeout: (handle) => {
      timers = timers.filter((timer) => timer.handle !== handle);
    },
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((timer) => timer !== due);
      now = due.at;
      due.fn();
    }
    now = until;
  };
  return { api, advance, pending: () => timers.length };
}

describe('createThrottle', () => {
  it('runs the first request at once and folds a burst into one run at the end of the interval', () => {
    const clock = fakeTimers();
    const runs: number[] = [];
    const throttle = createThrottle(() => runs.push(clock.api.now()), 250, clock.api);
    throttle.request();
    expect(runs).toEqual([0]);
    for (let i = 0; i < 10; i++) {
      clock.advance(20);
      throttle.request();
    }
    expect(runs).toEqual([0]);
    clock.advance(100);
    expect(runs).toEqual([0, 250]);
    expect(clock.pending()).toBe(0);
  });

  it('never runs more often than once per interval under a steady stream of requests', () => {
    const clock = fakeTimers();
    const runs: number[] = [];
    const throttle = createThrottle(() => runs.push(clock.api.now()), 250, clock.api);
    for (let t = 0; t < 2000; t += 10) {
      throttle.request();
      clock.advance(10);
    }
    clock.advance(250);
    expect(runs.length).toBeLessThanOrEqual(2000 / 250 + 1);
    for (let i = 1; i < runs.length; i++) expect(runs[i]! - runs[i - 1]!).toBeGreaterThanOrEqual(250);
  });

  it('runs at once again after a quiet interval, and cancel drops a pending run', () => {
    const clock = fakeTimers();
    let runs = 0;
    const throttle = createThrottle(() => (runs += 1), 100, clock.api);
    throttle.request();
    clock.advance(500);
    throttle.request();
    expect(runs).toBe(2);
    throttle.request();
    throttle.cancel();
    clock.advance(500);
    expect(runs).toBe(2);
    throttle.request();
    expect(runs).toBe(3);
  });
});
