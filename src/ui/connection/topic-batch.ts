import { systemTimers, type ThrottleTimers } from '../../network/throttle';

/**
 * Hands on the node's changed topics: urgent ones (the chain, the status) at once and alone,
 * the others together, `intervalMs` after the first of them. When a block spreads, every tab
 * first fetches and draws its new chain; the peers' tips, which every other tab announces
 * within a few hundred milliseconds, then cost the page one refetch and one render instead of
 * one each, and none of them runs ahead of the new chain.
 */
export function createTopicBatch<T>(
  flush: (topics: ReadonlySet<T>) => void,
  isUrgent: (topic: T) => boolean,
  intervalMs: number,
  timers: ThrottleTimers = systemTimers,
): (topics: Iterable<T>) => void {
  const waiting = new Set<T>();
  let timer: unknown = null;
  const flushWaiting = () => {
    timer = null;
    const due = new Set(waiting);
    waiting.clear();
    flush(due);
  };
  return (topics) => {
    const urgent = new Set<T>();
    for (const topic of topics) {
      if (isUrgent(topic)) urgent.add(topic);
      else waiting.add(topic);
    }
    if (urgent.size > 0) flush(urgent);
    if (waiting.size > 0 && timer === null) timer = timers.setTimeout(flushWaiting, intervalMs);
  };
}
