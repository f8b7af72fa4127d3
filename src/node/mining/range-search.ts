import { z } from 'zod';
import { createFastProofSearcher } from './fast-sha256';
import type { RangeResult } from './range-result';
import { GuessBuffer, searchRangeSubtle } from './subtle-search';

/**
 * `subtle`: SubtleCrypto, the browser's own SHA-256 (the default, as the tutorial hashes with
 * hashlib). `fast`: a plain-JS SHA-256 specialised for the short PoW message, many times
 * faster: the lesson of specialised mining hardware. Its proofs are checked again with
 * SubtleCrypto before a block is forged.
 */
export const miningEngineSchema = z.enum(['subtle', 'fast']);
export type MiningEngine = z.infer<typeof miningEngineSchema>;
export const MINING_ENGINES: readonly MiningEngine[] = miningEngineSchema.options;

/** Searches one range of proofs `[from, from + count)` of one guess, in one thread. */
export type RangeSearch = (from: bigint, count: number, shouldStop: () => boolean) => Promise<RangeResult>;

export interface GuessShape {
  readonly prefix: string;
  readonly suffix: string;
  readonly difficulty: number;
}

const encoder = new TextEncoder();

export function createRangeSearch(engine: MiningEngine, shape: GuessShape): RangeSearch {
  if (engine === 'fast') {
    const searcher = createFastProofSearcher(encoder.encode(shape.prefix), encoder.encode(shape.suffix), shape.difficulty);
    // Synchronous: the caller yields between ranges, and a range is sized to a few milliseconds.
    return (from, count) => Promise.resolve(searcher.search(from, count));
  }
  const guess = new GuessBuffer(shape.prefix, shape.suffix);
  return (from, count, shouldStop) => searchRangeSubtle(guess, shape.difficulty, from, count, shouldStop);
}

/** Proofs per range: about 10-15 ms of work, so a stop or a new bound is seen quickly. */
export function rangeSize(engine: MiningEngine): number {
  return engine === 'fast' ? 65_536 : 4_096;
}
