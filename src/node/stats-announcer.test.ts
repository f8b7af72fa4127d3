import { describe, expect, it } from 'vitest';
import type { ThrottleTimers } from '../network/throttle';
import { createStatsAnnouncer, STATS_INTERVAL_MS, type StatsAnnouncement } from './stats-announcer';

function manualTimers() {
  let now = 0;
  const due: { at: number; fn: () => void }[] = [];
  const timers: ThrottleTimers = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const timer = { at: now + ms, fn };
      due.push(timer);
      return timer;
    },
    clearTimeout: (handle) => {
      const index = due.findIndex((timer) => timer === handle);
      if (index >= 0) due.splice(index, 1);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const timer of due.filter((t) => t.at <= now)) {
      due.splice(due.indexOf(timer), 1);
      timer.fn();
    }
  };
  return { timers, advance };
}

describe('createStatsAnnouncer', () => {
  it('sends a change at once and folds a burst of progress into one send per interval, with the latest figures', () => {
    const { timers, advance } = manualTimers();
    let stats: StatsAnnouncement = { kind: 'stats', pending: 0, mining: false };
    const sent: StatsAnnouncement[] = [];
    const announcer = createStatsAnnouncer(() => stats, (s) => sent.push(s), timers);

    announcer.changed();
    expect(sent).toEqual([{ kind: 'stats', pending: 0, mining: false }]);

    // Mining: progress every 25 ms for one second, the rate moving each time.
    for (let t = 1; t <= 40; t++) {
      stats = { kind: 'stats', pending: 0, mining: true, hashRate: 1000 + t };
      announcer.changed();
      advance(25);
    }
    advance(STATS_INTERVAL_MS);
    expect(sent.length).toBeGreaterThan(2);
    expect(sent.length).toBeLessThanOrEqual(1 + 1000 / STATS_INTERVAL_MS + 1);
    expect(sent.at(-1)).toEqual({ kind: 'stats', pending: 0, mining: true, hashRate: 1040 });
  });

  it('sends nothing after stop, not even a send it had scheduled', () => {
    const { timers, advance } = manualTimers();
    let pending = 0;
    const sent: StatsAnnouncement[] = [];
    const announcer = createStatsAnnouncer(() => ({ kind: 'stats', pending, mining: false }), (s) => sent.push(s), timers);
    announcer.changed();
    pending = 1;
    announcer.changed();
    announcer.stop();
    advance(STATS_INTERVAL_MS * 4);
    announcer.changed();
    expect(sent).toEqual([{ kind: 'stats', pending: 0, mining: false }]);
  });
});
