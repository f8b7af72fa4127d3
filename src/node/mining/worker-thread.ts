import type { MinerThread } from './miner-pool';

/** A miner thread in its own worker, started by the node's worker (nested workers). */
export function createWorkerThread(): MinerThread {
  const worker = new Worker(new URL('./miner.worker.ts', import.meta.url), { type: 'module', name: 'tabchain miner' });
  return {
    send: (message) => {
      worker.postMessage(message);
    },
    listen: (onMessage, onError) => {
      worker.onmessage = (event: MessageEvent) => {
        onMessage(event.data);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        onError(`the miner thread failed to run: ${event.message || 'it could not be loaded'}`);
      };
    },
    terminate: () => {
      worker.terminate();
    },
  };
}
