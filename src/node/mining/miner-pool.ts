import type { MiningEngine } from '../../contract/views';
import { rangeSize } from './range-search';
import { parseFromThread, type ToThread } from './miner-protocol';

/** One miner thread as the pool sees it: a Worker in the browser, a MessagePort in tests. */
export interface MinerThread {
  send(message: ToThread): void;
  /** `onError`: the thread itself failed (a worker that did not load) */
  listen(onMessage: (data: unknown) => void, onError: (reason: string) => void): void;
  terminate(): void;
}

export interface PoolSearch {
  /** guess = prefix + decimal(proof) + suffix, as core/proof guessParts gives it */
  readonly prefix: string;
  readonly suffix: string;
  readonly difficulty: number;
  /** the first proof; the tutorial counts up from 0 */
  readonly start?: bigint;
  readonly engine: MiningEngine;
  readonly threads: number;
  readonly signal: AbortSignal;
  /** attempts so far, summed over the threads, a few times a second */
  readonly onProgress?: (attempts: number) => void;
}

export type PoolResult =
  | { readonly found: true; readonly proof: bigint; readonly attempts: number }
  | { readonly found: false; readonly attempts: number; readonly error?: string };

interface ThreadHandler {
  message(data: unknown): void;
  error(reason: string): void;
}

interface Lane {
  attempts: number;
  done: boolean;
}

/**
 * Miner threads that split the proofs of one search. Thread k of n searches ranges k, k+n,
 * k+2n, … so they advance side by side. When one finds a proof, the others search on only
 * up to it, and the smallest proof wins: the pool finds exactly the proof the tutorial's
 * single loop finds, however many threads run. Threads are kept between searches.
 */
export class MinerPool {
  private readonly threads: MinerThread[] = [];
  private readonly handlers = new Map<MinerThread, ThreadHandler>();
  private nextId = 1;
  private busy = false;
  /** ends the running search at once, as stopped (its threads are going away) */
  private endCurrent: (() => void) | null = null;

  constructor(private readonly spawn: () => MinerThread) {}

  async search(request: PoolSearch): Promise<PoolResult> {
    if (this.busy) throw new Error('The miner pool runs one search at a time.');
    this.busy = true;
    try {
      return await this.runSearch(request);
    } finally {
      this.busy = false;
    }
  }

  /** Ends every thread, and the running search as stopped; the next search starts new ones. */
  close(): void {
    this.endCurrent?.();
    for (const thread of this.threads.splice(0)) thread.terminate();
    this.handlers.clear();
  }

  private runSearch(request: PoolSearch): Promise<PoolResult> {
    const id = this.nextId++;
    const threads = this.threadsFor(request.threads);
    const lanes: Lane[] = threads.map(() => ({ attempts: 0, done: false }));
    const total = (): number => lanes.reduce((sum, lane) => sum + lane.attempts, 0);
    let best: bigint | null = null;
    let failure: string | null = null;

    return new Promise<PoolResult>((resolve) => {
      const finishIfDone = (): void => {
        if (!lanes.every((lane) => lane.done)) return;
        this.endCurrent = null;
        request.signal.removeEventListener('abort', stopAll);
        for (const thread of threads) this.handlers.delete(thread);
        if (failure !== null) resolve({ found: false, attempts: total(), error: failure });
        else if (best !== null) resolve({ found: true, proof: best, attempts: total() });
        else resolve({ found: false, attempts: total() });
      };
      const stopAll = (): void => {
        for (const thread of threads) thread.send({ type: 'stop', id });
      };
      threads.forEach((thread, index) => {
        const lane = lanes[index] as Lane;
        const fail = (reason: string): void => {
          lane.done = true;
          failure ??= reason;
          stopAll();
          finishIfDone();
        };
        this.handlers.set(thread, {
          message: (data) => {
            const message = parseFromThread(data);
            if (message?.id !== id || lane.done) return;
            lane.attempts = message.attempts;
            if (message.type === 'progress') {
              request.onProgress?.(total());
            } else if (message.ended === 'failed') {
              fail(message.error ?? 'a miner thread failed');
            } else {
              lane.done = true;
              if (message.found !== null && (best === null || message.found < best)) {
                best = message.found;
                for (const other of threads) other.send({ type: 'bound', id, limit: best });
              }
              finishIfDone();
            }
          },
          error: (reason) => {
            if (!lane.done) fail(reason);
          },
        });
      });
      const endNow = (): void => {
        for (const lane of lanes) lane.done = true;
        finishIfDone();
      };
      if (request.signal.aborted) {
        endNow();
        return;
      }
      this.endCurrent = endNow;
      request.signal.addEventListener('abort', stopAll, { once: true });
      const size = rangeSize(request.engine);
      threads.forEach((thread, lane) => {
        thread.send({
          type: 'search',
          id,
          engine: request.engine,
          prefix: request.prefix,
          suffix: request.suffix,
          difficulty: request.difficulty,
          start: request.start ?? 0n,
          lane,
          lanes: threads.length,
          rangeSize: size,
        });
      });
    });
  }

  private threadsFor(count: number): MinerThread[] {
    const wanted = Math.max(1, Math.floor(count));
    while (this.threads.length > wanted) {
      const extra = this.threads.pop();
      if (extra) {
        this.handlers.delete(extra);
        extra.terminate();
      }
    }
    while (this.threads.length < wanted) {
      const thread = this.spawn();
      thread.listen(
        (data) => this.handlers.get(thread)?.message(data),
        (reason) => this.handlers.get(thread)?.error(reason),
      );
      this.threads.push(thread);
    }
    return this.threads.slice(0, wanted);
  }
}
