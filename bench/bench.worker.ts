// Measurements of `npm run bench` that run in a worker: hash rates and validation.
import { expose } from 'comlink';
import { subtleSha256 } from '../src/core/digest';
import { jsSha256 } from '../src/core/js-sha256.test-suite';
import { generateLongChain, type LongChain } from '../src/core/long-chain.test-suite';
import { validateChain } from '../src/core/validate';
import { MinerPool } from '../src/node/mining/miner-pool';
import type { MiningEngine } from '../src/contract/views';
import { createWorkerThread } from '../src/node/mining/worker-thread';
import { tutorialProofOfWork } from './tutorial-loop';

/** Attempts and the milliseconds they took. */
export interface Sample {
  readonly attempts: number;
  readonly ms: number;
}

const pools = new Map<string, MinerPool>();
const chains = new Map<number, Promise<LongChain>>();

/** One pool per engine and thread count, kept across repetitions: starting threads is not mining. */
function poolFor(engine: MiningEngine, threads: number): MinerPool {
  const key = `${engine}/${threads}`;
  let pool = pools.get(key);
  if (!pool) {
    pool = new MinerPool(createWorkerThread);
    pools.set(key, pool);
  }
  return pool;
}

function chainOf(length: number): Promise<LongChain> {
  let chain = chains.get(length);
  if (!chain) {
    chain = generateLongChain(length, 1, jsSha256, 'bench-miner');
    chains.set(length, chain);
  }
  return chain;
}

const api = {
  /** The tutorial-faithful loop for `ms` on a search that cannot succeed. */
  async tutorialRate(ms: number): Promise<Sample> {
    const started = performance.now();
    const result = await tutorialProofOfWork(35293n, 64, () => performance.now() - started >= ms);
    return { attempts: result.attempts, ms: performance.now() - started };
  },

  /** The app's miner for `ms` on a search that cannot succeed. */
  async poolRate(engine: MiningEngine, threads: number, ms: number): Promise<Sample> {
    const started = performance.now();
    const result = await poolFor(engine, threads).search({ prefix: '35293', suffix: '', difficulty: 64, engine, threads, signal: AbortSignal.timeout(ms) });
    if (!result.found && result.error !== undefined) throw new Error(result.error);
    return { attempts: result.attempts, ms: performance.now() - started };
  },

  /** The proofs of the first blocks after the genesis, from each miner: they must all agree. */
  async sameProofs(difficulty: number): Promise<Record<string, string>> {
    const never = new AbortController().signal;
    const found: Record<string, string> = {};
    const tutorial = await tutorialProofOfWork(100n, difficulty);
    found['tutorial loop'] = String(tutorial.proof);
    for (const [engine, threads] of [['subtle', 1], ['subtle', 2], ['fast', 1], ['fast', 2]] as const) {
      const result = await poolFor(engine, threads).search({ prefix: '100', suffix: '', difficulty, engine, threads, signal: never });
      found[`${engine} × ${threads}`] = result.found ? String(result.proof) : 'none';
    }
    return found;
  },

  /** Validation of a `length`-block chain, as the node validates a peer's chain. */
  async validation(length: number, sha: 'subtle' | 'js'): Promise<{ ms: number; valid: boolean }> {
    const { blocks } = await chainOf(length);
    const started = performance.now();
    const verdict = await validateChain(blocks, { rule: 'tutorial', difficulty: 1, strict: false }, sha === 'js' ? jsSha256 : subtleSha256);
    return { ms: performance.now() - started, valid: verdict.valid };
  },

  /** The /chain body of a `length`-block chain, for a tab to import. */
  async chainText(length: number): Promise<string> {
    return (await chainOf(length)).text;
  },
};

export type BenchWorker = typeof api;

expose(api);
