/**
 * Runs `run` at most once per `intervalMs`: a request after a quiet interval runs at once,
 * requests within the interval run once at its end. Hand-written rather than lodash's
 * throttle because the tests inject the clock and timers, as everywhere in this layer.
 */
export interface Throttle {
  request(): void;
  /** drops a pending run; later requests work again */
  cancel(): void;
}

export interface ThrottleTimers {
  readonly now: () => number;
  readonly setTimeout: (fn: () => void, ms: number) => unknown;
  readonly clearTimeout: (handle: unknown) => void;
}

export const systemTimers: ThrottleTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => {
    globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>);
  },
};

export function createThrottle(run: () => void, intervalMs: number, timers: ThrottleTimers = systemTimers): Throttle {
  let lastRun = Number.NEGATIVE_INFINITY;
  let timer: unknown = null;
  const fire = (): void => {
    timer = null;
    lastRun = timers.now();
    run();
  };
  return {
    request() {
      if (timer !== null) return;
      const wait = lastRun + intervalMs - timers.now();
      if (wait <= 0) fire();
      else timer = timers.setTimeout(fire, wait);
    },
    cancel() {
      if (timer === null) return;
      timers.clearTimeout(timer);
      timer = null;
    },
  };
}
