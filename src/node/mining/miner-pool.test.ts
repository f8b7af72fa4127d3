import { afterEach, describe, expect, it } from 'vitest';
import { createInProcessThread } from './in-process-thread';
import { MinerPool, type MinerThread } from './miner-pool';
import type { MiningEngine } from '../../contract/views';

const REPO_LAST_HASH = '4ed4f41bc077732364e22d31395cffa56ff624e9489a3ac3dcd073602e4dca46';
const pools: MinerPool[] = [];

function pool(spawn: () => MinerThread = createInProcessThread): MinerPool {
  const created = new MinerPool(spawn);
  pools.push(created);
  return created;
}

afterEach(() => {
  for (const created of pools.splice(0)) created.close();
});

const never = new AbortController().signal;

describe.each<MiningEngine>(['subtle', 'fast'])('MinerPool, %s engine', (engine) => {
  it('finds the proof the Python node found (tutorial rule after proof 100: 35293), in as many attempts as its loop', async () => {
    const result = await pool().search({ prefix: '100', suffix: '', difficulty: 4, engine, threads: 1, signal: never });
    expect(result).toEqual({ found: true, proof: 35293n, attempts: 35294 });
  });

  it('finds the same proof with three threads splitting the proofs', async () => {
    const result = await pool().search({ prefix: '100', suffix: '', difficulty: 4, engine, threads: 3, signal: never });
    expect(result).toMatchObject({ found: true, proof: 35293n });
    expect(result.attempts).toBeGreaterThanOrEqual(35294);
  });

  it('repo rule: the previous hash follows the proof (74666), with two threads', async () => {
    const result = await pool().search({ prefix: '100', suffix: REPO_LAST_HASH, difficulty: 4, engine, threads: 2, signal: never });
    expect(result).toMatchObject({ found: true, proof: 74666n });
  });

  it('counts up from a start across a power of ten', async () => {
    const result = await pool().search({ prefix: '100', suffix: '', difficulty: 4, start: 9_990n, engine, threads: 1, signal: never });
    expect(result).toEqual({ found: true, proof: 35293n, attempts: 35293 - 9990 + 1 });
  });

  it('stops every thread when aborted, reporting progress on the way', async () => {
    const controller = new AbortController();
    const progress: number[] = [];
    const result = await pool().search({
      prefix: 'no proof here',
      suffix: '',
      difficulty: 64,
      engine,
      threads: 2,
      signal: controller.signal,
      onProgress: (attempts) => {
        progress.push(attempts);
        controller.abort();
      },
    });
    expect(result.found).toBe(false);
    expect(progress.length).toBeGreaterThan(0);
    expect(result.attempts).toBeGreaterThanOrEqual(progress[0] ?? 0);
  });

  it('keeps its threads between searches and answers the next one', async () => {
    const spawned: MinerThread[] = [];
    const counting = pool(() => {
      const thread = createInProcessThread();
      spawned.push(thread);
      return thread;
    });
    await counting.search({ prefix: '100', suffix: '', difficulty: 3, engine, threads: 2, signal: never });
    const second = await counting.search({ prefix: '35293', suffix: '', difficulty: 4, engine, threads: 2, signal: never });
    expect(second).toMatchObject({ found: true, proof: 35089n });
    expect(spawned).toHaveLength(2);
  });
});

describe('MinerPool, the smallest proof wins', () => {
  // Under 'lane-test-118:' at difficulty 3 the first proofs are 3975 (lane 0's first range of
  // 4096) and 4169 (lane 1's, found after 74 attempts): lane 1 finds its proof long before
  // lane 0, and the pool must still answer 3975, as a single loop would.
  it('a proof found later in a lower range beats one found first in a higher range', async () => {
    const result = await pool().search({ prefix: 'lane-test-118:', suffix: '', difficulty: 3, engine: 'subtle', threads: 2, signal: never });
    expect(result).toMatchObject({ found: true, proof: 3975n });
  });

  it('a thread that fails ends the search with the reason, and the pool answers again afterwards', async () => {
    let first = true;
    const failing = pool(() => {
      if (!first) return createInProcessThread();
      first = false;
      return {
        send: () => undefined,
        listen: (_onMessage, onError) => {
          queueMicrotask(() => {
            onError('the miner thread failed to run: it could not be loaded');
          });
        },
        terminate: () => undefined,
      };
    });
    const result = await failing.search({ prefix: '100', suffix: '', difficulty: 2, engine: 'subtle', threads: 2, signal: never });
    expect(result).toEqual({ found: false, attempts: expect.any(Number) as number, error: 'the miner thread failed to run: it could not be loaded' });
  });

  it('an aborted signal before the start answers at once, with no attempt', async () => {
    const result = await pool().search({ prefix: '100', suffix: '', difficulty: 4, engine: 'subtle', threads: 2, signal: AbortSignal.abort() });
    expect(result).toEqual({ found: false, attempts: 0 });
  });

  it('ignores messages that are not of the protocol', async () => {
    let deliver: ((data: unknown) => void) | null = null;
    const noisy = pool(() => {
      const real = createInProcessThread();
      return {
        ...real,
        listen: (onMessage, onError) => {
          deliver = onMessage;
          real.listen(onMessage, onError);
        },
      };
    });
    const search = noisy.search({ prefix: '100', suffix: '', difficulty: 4, engine: 'subtle', threads: 1, signal: never });
    const inject = deliver as ((data: unknown) => void) | null;
    inject?.({ type: 'done', id: 1, attempts: 1, found: 5n, ended: 'found', extra: '<script>' });
    inject?.({ type: 'done', id: 1, attempts: -1, found: 5n, ended: 'found' });
    inject?.('garbage');
    inject?.({ type: 'done', id: 99, attempts: 1, found: 1n, ended: 'found' });
    expect(await search).toEqual({ found: true, proof: 35293n, attempts: 35294 });
  });
});

describe('MinerPool.close', () => {
  it('ends a running search as stopped, and a later search starts new threads', async () => {
    let spawned = 0;
    const closing = pool(() => {
      spawned++;
      return createInProcessThread();
    });
    const running = closing.search({ prefix: 'no proof here', suffix: '', difficulty: 64, engine: 'fast', threads: 2, signal: never });
    closing.close();
    expect(await running).toMatchObject({ found: false });
    expect(await closing.search({ prefix: '100', suffix: '', difficulty: 4, engine: 'fast', threads: 1, signal: never })).toMatchObject({ proof: 35293n });
    expect(spawned).toBe(3);
  });
});
