import { describe, expect, it } from 'vitest';
import { fakeTimers } from '../../network/fake-timers.test-suite';
import { createTopicBatch } from './topic-batch';

const urgent = (topic: string) => topic === 'chain' || topic === 'status';

function batch() {
  const clock = fakeTimers();
  const flushed: string[][] = [];
  const add = createTopicBatch<string>((topics) => flushed.push([...topics]), urgent, 100, clock.api);
  return { add, flushed, advance: clock.advance };
}

describe('createTopicBatch', () => {
  it('hands on the first topics at once and the ones that follow within the interval once, at its end', () => {
    const { add, flushed, advance } = batch();
    add(['peers']);
    expect(flushed).toEqual([['peers']]);
    advance(10);
    add(['peers', 'forks']);
    advance(10);
    add(['forks', 'journal']);
    expect(flushed).toHaveLength(1);
    advance(80);
    expect(flushed).toEqual([['peers'], ['peers', 'forks', 'journal']]);
    advance(500);
    expect(flushed).toHaveLength(2);
  });

  it('hands on urgent topics at once and alone; the others keep their interval', () => {
    const { add, flushed, advance } = batch();
    add(['peers']);
    advance(5);
    add(['forks']);
    add(['chain', 'status', 'balances']);
    expect(flushed).toEqual([['peers'], ['chain', 'status']]);
    advance(95);
    expect(flushed).toEqual([['peers'], ['chain', 'status'], ['forks', 'balances']]);
    add(['status']);
    expect(flushed.at(-1)).toEqual(['status']);
    advance(500);
    expect(flushed).toHaveLength(4);
  });
});
