import { describe, expect, it } from 'vitest';
import type { ThrottleTimers } from '../network/throttle';
import { createTopicBatch } from './topic-batch';

function fakeTimers() {
  let now = 0;
  let due: { at: number; fn: () => void } | null = null;
  const timers: ThrottleTimers = {
    now: () => now,
    setTimeout: (fn, ms) => (due = { at: now + ms, fn }),
    clearTimeout: () => {
      due = null;
    },
  };
  const advance = (ms: number) => {
    now += ms;
    if (due && due.at <= now) {
      const { fn } = due;
      due = null;
      fn();
    }
  };
  return { timers, advance };
}

const urgent = (topic: string) => topic === 'chain';

describe('createTopicBatch', () => {
  it('hands on the first topics at once and the ones that follow within the interval once, at its end', () => {
    const { timers, advance } = fakeTimers();
    const flushed: string[][] = [];
    const add = createTopicBatch<string>((topics) => flushed.push([...topics]), urgent, 100, timers);
    add(['peers']);
    expect(flushed).toEqual([['peers']]);
    advance(10);
    add(['peers', 'forks']);
    advance(10);
    add(['forks', 'status']);
    expect(flushed).toHaveLength(1);
    advance(80);
    expect(flushed).toEqual([['peers'], ['peers', 'forks', 'status']]);
  });

  it('hands on an urgent topic at once, with everything that waits, and nothing twice', () => {
    const { timers, advance } = fakeTimers();
    const flushed: string[][] = [];
    const add = createTopicBatch<string>((topics) => flushed.push([...topics]), urgent, 100, timers);
    add(['peers']);
    advance(5);
    add(['forks']);
    add(['chain', 'status']);
    expect(flushed).toEqual([['peers'], ['forks', 'chain', 'status']]);
    advance(200);
    expect(flushed).toHaveLength(2);
  });
});
