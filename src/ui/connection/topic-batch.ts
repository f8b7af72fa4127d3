import { createThrottle, systemTimers, type ThrottleTimers } from '../../network/throttle';

/**
 * Hands on the node's changed topics: urgent ones (the chain, the status) at once and alone,
 * the others together, at most once per `intervalMs`. When a block spreads, the new chain is
 * fetched and drawn first, and the peers' tips, which every other tab announces within a few
 * milliseconds, cost the page one refetch and one render instead of one each.
 */
export function createTopicBatch<T>(
  flush: (topics: ReadonlySet<T>) => void,
  isUrgent: (topic: T) => boolean,
  intervalMs: number,
  timers: ThrottleTimers = systemTimers,
): (topics: Iterable<T>) => void {
  const waiting = new Set<T>();
  const throttle = createThrottle(
    () => {
      const due = new Set(waiting);
      waiting.clear();
      flush(due);
    },
    intervalMs,
    timers,
  );
  return (topics) => {
    const urgent = new Set<T>();
    for (const topic of topics) {
      if (isUrgent(topic)) urgent.add(topic);
      else waiting.add(topic);
    }
    if (urgent.size > 0) flush(urgent);
    if (waiting.size > 0) throttle.request();
  };
}
