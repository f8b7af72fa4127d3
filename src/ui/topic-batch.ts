import { createThrottle, systemTimers, type ThrottleTimers } from '../network/throttle';

/**
 * Collects the node's changed topics and hands them on in batches: an urgent topic (a new
 * chain) at once, with whatever else waits; the others at most once per `intervalMs`,
 * counted from the last batch of either kind. When
 * a block spreads, every other tab announces its new tip within a few milliseconds; without
 * this, each announcement would cost the page a refetch and a render of its peers.
 */
export function createTopicBatch<T>(
  flush: (topics: ReadonlySet<T>) => void,
  isUrgent: (topic: T) => boolean,
  intervalMs: number,
  timers: ThrottleTimers = systemTimers,
): (topics: Iterable<T>) => void {
  const waiting = new Set<T>();
  const flushWaiting = (): void => {
    if (waiting.size === 0) return;
    const due = new Set(waiting);
    waiting.clear();
    flush(due);
  };
  const throttle = createThrottle(flushWaiting, intervalMs, timers);
  return (topics) => {
    let urgent = false;
    for (const topic of topics) {
      waiting.add(topic);
      urgent ||= isUrgent(topic);
    }
    if (urgent) throttle.runNow();
    else throttle.request();
  };
}
