import { describe, expect, it } from 'vitest';
import { fakeTimers } from './fake-timers.test-suite';
import { createThrottle } from './throttle';

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
