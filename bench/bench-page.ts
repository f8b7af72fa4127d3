// The benchmark page: the measurements run in a worker, as the node does; `npm run bench`
// calls them through `window.tabchainBench`.
import { wrap } from 'comlink';
import type { BenchWorker } from './bench.worker';

const worker = wrap<BenchWorker>(new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' }));

declare global {
  interface Window {
    tabchainBench: BenchWorker;
  }
}

window.tabchainBench = {
  tutorialRate: (ms) => worker.tutorialRate(ms),
  poolRate: (engine, threads, ms) => worker.poolRate(engine, threads, ms),
  sameProofs: (difficulty) => worker.sameProofs(difficulty),
  validation: (length, sha) => worker.validation(length, sha),
  chainText: (length) => worker.chainText(length),
};
