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
  it('hands on the topics that come within an interval once, at the end of the interval that the first of them began', () => {
    const { add, flushed, advance } = batch();
    add(['peers']);
    expect(flushed).toEqual([]);
    advance(10);
    add(['peers', 'forks']);
    advance(10);
    add(['forks', 'journal']);
    advance(79);
    expect(flushed).toEqual([]);
    advance(1);
    expect(flushed).toEqual([['peers', 'forks', 'journal']]);
    advance(500);
    expect(flushed).toHaveLength(1);
    add(['journal']);
    advance(100);
    expect(flushed).toEqual([['peers', 'forks', 'journal'], ['journal']]);
  });

  it('hands on urgent topics at once and alone, ahead of the others waiting', () => {
    const { add, flushed, advance } = batch();
    add(['peers']);
    advance(5);
    add(['forks']);
    add(['chain', 'status', 'balances']);
    expect(flushed).toEqual([['chain', 'status']]);
    advance(95);
    expect(flushed).toEqual([['chain', 'status'], ['peers', 'forks', 'balances']]);
    add(['status']);
    expect(flushed.at(-1)).toEqual(['status']);
    advance(500);
    expect(flushed).toHaveLength(3);
  });
});
