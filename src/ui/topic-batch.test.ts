import { describe, expect, it } from 'vitest';
import { fakeTimers } from '../network/fake-timers.test-suite';
import { createTopicBatch } from './topic-batch';

const urgent = (topic: string) => topic === 'chain';

describe('createTopicBatch', () => {
  it('hands on the first topics at once and the ones that follow within the interval once, at its end', () => {
    const { api: timers, advance } = fakeTimers();
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
    const { api: timers, advance } = fakeTimers();
    const flushed: string[][] = [];
    const add = createTopicBatch<string>((topics) => flushed.push([...topics]), urgent, 100, timers);
    add(['peers']);
    advance(5);
    add(['forks']);
    add(['chain', 'status']);
    expect(flushed).toEqual([['peers'], ['forks', 'chain', 'status']]);
    // What follows an urgent batch waits for the interval from it.
    advance(10);
    add(['peers']);
    expect(flushed).toHaveLength(2);
    advance(90);
    expect(flushed).toEqual([['peers'], ['forks', 'chain', 'status'], ['peers']]);
    advance(200);
    expect(flushed).toHaveLength(3);
  });
});
