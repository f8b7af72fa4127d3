import { z } from 'zod';
import { encodeUtf8, sha256Hex, type Sha256 } from '../../core/digest';
import { hasLeadingZeroNibbles } from '../../core/proof';
import type { ChainRules } from '../../core/rules';
import type { GuessSample, MiningSettings, MiningSettingsResult, MiningState, NodeMessage } from '../api';
import { miningSettingsRefusal } from '../refusals';
import { HashRateMeter, MIN_SAMPLE_MS } from './hash-rate';
import { MinerPool, type MinerThread } from './miner-pool';
import { miningEngineSchema } from './range-search';

/** Progress reaches the page a few times a second, never per attempt. */
const PROGRESS_INTERVAL_MS = 250;
/** A measurement of the hash rate while nothing mines: long enough to read steadily, short enough not to be noticed. */
const HASH_RATE_SAMPLE_MS = 1000;
/** A search's own rate is shown once it has run this long. */
const OWN_RATE_AFTER_MS = 500;
export const DEFAULT_MINING: MiningSettings = { engine: 'subtle', threads: 1 };

/** Why a search ended without a proof: the chain changed under it (search again), or Cancel. */
export type Stop = 'chain-changed' | 'cancelled';

/** The fixed parts around the proof: guess = prefix + decimal(proof) + suffix (core/proof guessParts). */
export interface GuessParts {
  readonly prefix: string;
  readonly suffix: string;
}

/** A proof search in progress: mining a block or repairing a tampered chain. */
export interface Work {
  readonly purpose: 'mine' | 'repair';
  /** fixed for the whole job: a change of settings applies to the next one */
  readonly settings: MiningSettings;
  /** the block whose proof is searched */
  index: number;
  /** the chain rules of that block: those in force at its height */
  rules: ChainRules;
  readonly startedAt: number;
  attempts: number;
  /** time spent searching in this job, the current search included as of its last report */
  searchMs: number;
  restarts: number;
  cancelled: boolean;
  /** a guess tried a moment ago, and its hash */
  sample: GuessSample | null;
  /** aborts the current search only; mining then starts again on the new tip */
  search: AbortController | null;
}

export interface MinerOptions {
  /** starts one miner thread: a worker in the browser */
  readonly spawn: () => MinerThread;
  /** the most miner threads (navigator.hardwareConcurrency in the browser) */
  readonly maxThreads: number;
  readonly settings: MiningSettings;
  /** the node's SHA-256 (SubtleCrypto, or JavaScript where the page has none): it checks every proof of the fast engine */
  readonly sha256: Sha256;
  /** whether SubtleCrypto exists here (a secure context): without it only the fast engine mines */
  readonly subtleCrypto: boolean;
  /** the job's progress or state changed: the page should hear of it */
  readonly changed: () => void;
  /** a proof of the fast engine that SubtleCrypto refused: a line of the journal */
  readonly fastProofRejected: (message: NodeMessage) => void;
}

/**
 * This tab's proof searches, one at a time (mining a block or repairing a chain): its engine
 * and threads, the job in progress with its attempts, its own rate and a guess a moment ago,
 * and the hash rates it measured. Mining must stop without killing the worker that holds the
 * node: searches run in miner threads and stop on an AbortSignal.
 */
export class Miner {
  private readonly pool: MinerPool;
  private readonly hashRates = new HashRateMeter();
  private job: Work | null = null;
  private measuring: { readonly controller: AbortController; readonly done: Promise<void> } | null = null;
  private lastProgress = 0;
  private current: MiningSettings;

  constructor(private readonly options: MinerOptions) {
    this.pool = new MinerPool(options.spawn);
    this.current = options.settings;
  }

  /**
   * The engine and threads asked for, within this computer's processors, and a warning when
   * the threads were lowered. Without SubtleCrypto the fast engine mines (it finds the same proofs).
   */
  static settingsFor(requested: Partial<MiningSettings>, maxThreads: number, subtleCrypto: boolean): { settings: MiningSettings; warning: NodeMessage | null } {
    const threads = requested.threads ?? DEFAULT_MINING.threads;
    const engine = subtleCrypto ? (requested.engine ?? DEFAULT_MINING.engine) : 'fast';
    const settings = { engine, threads: Math.max(1, Math.min(Math.floor(threads), maxThreads)) };
    return { settings, warning: threads > maxThreads ? { key: 'threadsLowered', values: { threads, max: maxThreads } } : null };
  }

  get settings(): MiningSettings {
    return this.current;
  }

  /** This computer's logical processors: the most threads. */
  get maxThreads(): number {
    return this.options.maxThreads;
  }

  /** Whether SubtleCrypto exists here: without it only the fast engine mines. */
  get subtleCrypto(): boolean {
    return this.options.subtleCrypto;
  }

  /** Engine and threads of the next search: a setting of this tab only. */
  setSettings(input: unknown): MiningSettingsResult {
    const parsed = miningSettingsSchema(this.options.maxThreads).safeParse(input);
    if (!parsed.success) return { ok: false, message: miningSettingsRefusal(parsed.error, this.options.maxThreads) };
    if (parsed.data.engine === 'subtle' && !this.options.subtleCrypto) return { ok: false, message: { key: 'noSubtleEngine', values: {} } };
    this.current = parsed.data;
    this.options.changed();
    return { ok: true, settings: this.current };
  }

  /** The settings a stored node had, within this computer's processors. */
  restoreSettings(settings: MiningSettings): void {
    const engine = this.options.subtleCrypto ? settings.engine : 'fast';
    this.current = { engine, threads: Math.min(settings.threads, this.options.maxThreads) };
  }

  /** The job in progress, or null. */
  get work(): Work | null {
    return this.job;
  }

  /** Attempts per second with the current settings, from real searches; null until known. */
  rate(): number | null {
    return this.hashRates.rate(this.current);
  }

  state(): MiningState | null {
    const work = this.job;
    return (
      work && {
        purpose: work.purpose,
        index: work.index,
        startedAt: work.startedAt,
        elapsedMs: Date.now() - work.startedAt,
        attempts: work.attempts,
        restarts: work.restarts,
        engine: work.settings.engine,
        threads: work.settings.threads,
        rule: work.rules.rule,
        difficulty: work.rules.difficulty,
        rate: work.searchMs >= OWN_RATE_AFTER_MS ? Math.round((work.attempts * 1000) / work.searchMs) : null,
        sample: work.sample,
      }
    );
  }

  /** Starts a job for block `index`; null while another runs. */
  begin(purpose: Work['purpose'], index: number, rules: ChainRules): Work | null {
    if (this.job) return null;
    this.job = {
      purpose,
      settings: this.current,
      index,
      rules,
      startedAt: Date.now(),
      attempts: 0,
      searchMs: 0,
      restarts: 0,
      cancelled: false,
      sample: null,
      search: null,
    };
    this.options.changed();
    return this.job;
  }

  /** The job moves on to another block (a new tip, the next block of a repair). */
  target(work: Work, index: number, rules: ChainRules): void {
    work.index = index;
    work.rules = rules;
    work.sample = null;
    this.options.changed();
  }

  end(work: Work): void {
    if (this.job === work) this.job = null;
    this.options.changed();
  }

  /** Stops the current job, mining or repair: its search ends as cancelled. */
  cancel(): void {
    if (!this.job) return;
    this.job.cancelled = true;
    this.job.search?.abort();
  }

  /** The chain changed under the search: it ends as `chain-changed` (and mining starts again on the new tip). */
  chainChanged(): void {
    this.job?.search?.abort();
  }

  /** One proof search inside a job; the job's attempts add up over its searches. */
  async search(work: Work, parts: GuessParts, difficulty: number): Promise<bigint | Stop> {
    if (work.cancelled) return 'cancelled';
    const controller = new AbortController();
    work.search = controller;
    const before = work.attempts;
    const msBefore = work.searchMs;
    let start = 0n;
    let searched = 0;
    try {
      await this.stopMeasuring();
      // Each stretch between two reports counts towards the hash rate of these settings.
      const started = performance.now();
      let reported = { attempts: 0, at: started };
      const report = (attempts: number): void => {
        const at = performance.now();
        this.hashRates.record(work.settings, attempts - reported.attempts, at - reported.at);
        reported = { attempts, at };
        work.attempts = before + attempts;
        work.searchMs = msBefore + (at - started);
      };
      for (;;) {
        const from = start;
        const result = await this.pool.search({
          prefix: parts.prefix,
          suffix: parts.suffix,
          difficulty,
          start,
          ...work.settings,
          signal: controller.signal,
          onProgress: (attempts) => {
            report(searched + attempts);
            this.progress(work, parts, from + BigInt(attempts));
          },
        });
        searched += result.attempts;
        report(searched);
        if (!result.found) {
          if (result.error !== undefined) throw new Error(`Mining failed: ${result.error}.`);
          return stopReason(work);
        }
        if (work.settings.engine === 'subtle' || (await provenIndependently(parts, result.proof, difficulty, this.options.sha256))) return result.proof;
        this.options.fastProofRejected({ key: 'fastProofRejected', values: { proof: String(result.proof) } });
        start = result.proof + 1n;
      }
    } finally {
      if (work.search === controller) work.search = null;
    }
  }

  /**
   * This tab's hash rate with its engine and threads, measured with a search that cannot
   * succeed, for a moment while nothing else searches. While a search runs, its rate is the
   * answer (measuring would halve both).
   */
  async measure(self: string): Promise<number> {
    if (this.job || this.measuring) return this.rate() ?? 0;
    const settings = this.current;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      controller.abort();
    }, HASH_RATE_SAMPLE_MS);
    const started = performance.now();
    let reported = { attempts: 0, at: started };
    const record = (attempts: number): void => {
      const at = performance.now();
      // Too short a first stretch says more about the threads starting than about the rate.
      if (at - started >= MIN_SAMPLE_MS) this.hashRates.record(settings, attempts - reported.attempts, at - reported.at);
      reported = { attempts, at };
    };
    const search = this.pool.search({ prefix: `${self}:`, suffix: '', difficulty: 64, ...settings, signal: controller.signal, onProgress: record });
    this.measuring = { controller, done: search.then(() => undefined) };
    try {
      record((await search).attempts);
    } finally {
      clearTimeout(timer);
      this.measuring = null;
    }
    this.options.changed();
    return this.hashRates.rate(settings) ?? 0;
  }

  /** Ends every thread; a search in progress ends as cancelled. */
  close(): void {
    this.cancel();
    this.pool.close();
  }

  /** Mining wins over a measurement: it is cut short (its sample still counts). */
  private async stopMeasuring(): Promise<void> {
    const { measuring } = this;
    if (!measuring) return;
    measuring.controller.abort();
    await measuring.done;
  }

  /** A few times a second: the page hears the attempts so far and sees a guess of the search and its hash. */
  private progress(work: Work, parts: GuessParts, proof: bigint): void {
    const now = Date.now();
    if (now - this.lastProgress < PROGRESS_INTERVAL_MS) return;
    this.lastProgress = now;
    void this.sampleGuess(work, parts, proof);
    this.options.changed();
  }

  /** One real guess of the search, hashed here once: the class watches hashes that miss the target. */
  private async sampleGuess(work: Work, parts: GuessParts, proof: bigint): Promise<void> {
    const guess = `${parts.prefix}${proof}${parts.suffix}`;
    const hash = await sha256Hex(guess, this.options.sha256);
    if (this.job === work && work.search !== null) work.sample = { proof: String(proof), guess, hash };
  }
}

/**
 * Every proof of the fast engine (a SHA-256 written for this one message) is checked by
 * another SHA-256 before a block is forged: the browser's own, or a JavaScript one where the
 * page has none.
 */
async function provenIndependently(parts: GuessParts, proof: bigint, difficulty: number, sha256: Sha256): Promise<boolean> {
  const digest = await sha256(encodeUtf8(`${parts.prefix}${proof}${parts.suffix}`));
  return hasLeadingZeroNibbles(digest, difficulty);
}

const miningSettingsSchema = (maxThreads: number) =>
  z.object({
    engine: miningEngineSchema,
    threads: z.number().int().min(1).max(maxThreads),
  });

// Read through a function: the flag changes while the awaits in between run, which control-flow narrowing cannot see.
const stopReason = (work: Work): Stop => (work.cancelled ? 'cancelled' : 'chain-changed');
