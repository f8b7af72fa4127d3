import { describe, expect, it } from 'vitest';
import { createMemoryHub, type MemoryHub } from './memory-transport';
import { runTransportContract } from './transport-contract.test-suite';

// One hub per channel name, as BroadcastChannel names are.
const hubs = new Map<string, MemoryHub>();
runTransportContract('memory hub', (channel) => {
  let hub = hubs.get(channel);
  if (hub === undefined) {
    hub = createMemoryHub();
    hubs.set(channel, hub);
  }
  return { a: hub.connect(), b: hub.connect(), c: hub.connect() };
});

describe('memory hub specifics', () => {
  it('sendUnknown delivers any cloneable value, for hostile-peer tests', async () => {
    const hub = createMemoryHub();
    const a = hub.connect();
    const b = hub.connect();
    const got: unknown[] = [];
    b.onMessage((data) => got.push(data));
    a.sendUnknown([1, 'two', { three: 3n }]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(got).toEqual([[1, 'two', { three: 3n }]]);
    a.close();
    b.close();
  });

  it('throws on uncloneable data even with no other endpoint, as postMessage does', () => {
    const a = createMemoryHub().connect();
    expect(() => { a.sendUnknown({ fn: () => 1 }); }).toThrow();
    a.close();
  });

  it('a custom schedule steps deliveries deterministically', () => {
    const queue: (() => void)[] = [];
    const hub = createMemoryHub({ schedule: (deliver) => queue.push(deliver) });
    const a = hub.connect();
    const b = hub.connect();
    const got: unknown[] = [];
    b.onMessage((data) => got.push(data));
    a.sendUnknown('one');
    a.sendUnknown('two');
    expect(got).toEqual([]);
    queue.shift()?.();
    expect(got).toEqual(['one']);
    queue.shift()?.();
    expect(got).toEqual(['one', 'two']);
  });

  it('reports listener errors to onListenerError', async () => {
    const hub = createMemoryHub();
    const a = hub.connect();
    const errors: unknown[] = [];
    const b = hub.connect({ onListenerError: (error) => errors.push(error) });
    b.onMessage(() => {
      throw new Error('boom');
    });
    a.sendUnknown(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(errors).toHaveLength(1);
    a.close();
    b.close();
  });
});
