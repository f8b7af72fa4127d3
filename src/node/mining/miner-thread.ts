import { createRangeSearch } from './range-search';
import { toThreadSchema, type FromThread, type SearchOrder } from './miner-protocol';

/** The part of a worker's global scope (or a MessagePort) a miner thread talks through. */
export interface ThreadEndpoint {
  postMessage(message: FromThread): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

type Ended = Extract<FromThread, { type: 'done' }>['ended'];

/** Progress goes to the node a few times a second per thread, never per attempt. */
const PROGRESS_INTERVAL_MS = 100;

/**
 * Serves one miner thread: searches its lane of ranges for the order it was given until it
 * finds a proof, passes the bound, or is stopped. One search at a time; a new order replaces
 * the current one.
 */
export function serveMinerThread(endpoint: ThreadEndpoint, yieldToMessages: Yield = createMessageChannelYield()): () => void {
  let current: { id: number; stopped: boolean; limit: bigint | null } | null = null;

  const run = async (order: SearchOrder): Promise<void> => {
    const state = { id: order.id, stopped: false, limit: null as bigint | null };
    current = state;
    // Read through a function: the flag changes while the awaits below run.
    const stopped = (): boolean => state.stopped;
    const search = createRangeSearch(order.engine, order);
    const size = BigInt(order.rangeSize);
    let attempts = 0;
    let lastReport = performance.now();
    const searchLane = async (): Promise<{ ended: Ended; found: bigint | null }> => {
      for (let range = BigInt(order.lane); ; range += BigInt(order.lanes)) {
        const from = order.start + range * size;
        if (state.limit !== null && from >= state.limit) return { ended: 'bound', found: null };
        const count = state.limit !== null && state.limit - from < size ? Number(state.limit - from) : order.rangeSize;
        const result = await search(from, count, stopped);
        attempts += result.attempts;
        if (result.found !== null) return { ended: 'found', found: result.found };
        if (performance.now() - lastReport >= PROGRESS_INTERVAL_MS) {
          lastReport = performance.now();
          endpoint.postMessage({ type: 'progress', id: order.id, attempts });
        }
        if (!stopped()) await yieldToMessages();
        if (stopped()) return { ended: 'stopped', found: null };
      }
    };
    try {
      const { ended, found } = await searchLane();
      endpoint.postMessage({ type: 'done', id: order.id, attempts, found, ended });
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      endpoint.postMessage({ type: 'done', id: order.id, attempts, found: null, ended: 'failed', error: message });
    }
  };

  endpoint.onmessage = (event) => {
    const parsed = toThreadSchema.safeParse(event.data);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'search') {
      if (current) current.stopped = true;
      void run(message);
    } else if (current?.id === message.id) {
      if (message.type === 'stop') current.stopped = true;
      else if (current.limit === null || message.limit < current.limit) current.limit = message.limit;
    }
  };
  return () => {
    if (current) current.stopped = true;
    endpoint.onmessage = null;
    yieldToMessages.close();
  };
}

/** Waits for a macrotask, so that `stop` and `bound` messages are handled between two ranges. */
export type Yield = (() => Promise<void>) & { close(): void };

/**
 * A worker yields through a MessageChannel: setTimeout would be clamped to 4 ms once nested.
 * (Not for a thread that shares its event loop with others: Node's ports can starve each other.)
 */
function createMessageChannelYield(): Yield {
  const channel = new MessageChannel();
  let wake: (() => void) | null = null;
  channel.port1.onmessage = () => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  const yieldOnce = () =>
    new Promise<void>((resolve) => {
      wake = resolve;
      channel.port2.postMessage(null);
    });
  return Object.assign(yieldOnce, {
    close: () => {
      channel.port1.close();
      channel.port2.close();
      wake?.();
    },
  });
}

/** A yield for a thread that shares its event loop: a plain timeout, clamps and all. */
export function createTimeoutYield(): Yield {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const yieldOnce = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, 0);
      timers.add(timer);
    });
  return Object.assign(yieldOnce, {
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  });
}
