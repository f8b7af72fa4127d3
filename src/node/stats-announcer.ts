import type { Announcement } from '../network/peer-network';
import { createThrottle, systemTimers, type ThrottleTimers } from '../network/throttle';

export type StatsAnnouncement = Extract<Announcement, { kind: 'stats' }>;

/** At most four stats a second per tab: as often as the miner reports its progress. */
export const STATS_INTERVAL_MS = 250;

export interface StatsAnnouncer {
  /** Something the stats show may have changed: the figures of that moment go out soon. */
  changed(): void;
  /** Final: nothing is sent after it. */
  stop(): void;
}

/**
 * Sends a tab's stats when they change, throttled. Figures equal to the last ones sent still
 * go out: a greeting may have told one peer newer figures in between.
 */
export function createStatsAnnouncer(
  read: () => StatsAnnouncement,
  send: (stats: StatsAnnouncement) => void,
  timers: ThrottleTimers = systemTimers,
): StatsAnnouncer {
  let stopped = false;
  const throttle = createThrottle(() => { send(read()); }, STATS_INTERVAL_MS, timers);
  return {
    changed: () => {
      if (!stopped) throttle.request();
    },
    stop: () => {
      stopped = true;
      throttle.cancel();
    },
  };
}
