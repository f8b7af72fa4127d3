import type { ThrottleTimers } from './throttle';

/** A hand-driven clock: timers fire only when the test advances it. */
export function fakeTimers() {
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
