import { blockProof, type Block } from '../../core/block';
import type { Sha256 } from '../../core/digest';
import { hashBlock } from '../../core/hash';
import { blockContentHash, checkProof, guessParts } from '../../core/proof';
import { rulesAt, type ChainRules, type RulesSchedule } from '../../core/rules';
import type { StoppedWork } from '../api';
import type { GuessParts, Stop } from '../mining/miner';
import { cannotRepair, chainChangedDuringRepair, repairCancelled } from '../refusals';
import type { HashedChain } from './hashed-chain';

/** How a repair searches a proof it needs, and tells whether our chain is still the one it repairs. */
export interface RepairSearch {
  /** the proof of block `index` (1-based) under `rules`, or why the search stopped */
  readonly search: (parts: GuessParts, index: number, rules: ChainRules) => Promise<bigint | Stop>;
  readonly stillCurrent: () => boolean;
}

export type Repaired =
  | {
      readonly ok: true;
      readonly chain: HashedChain;
      /** blocks whose previous_hash was rewritten */
      readonly relinked: number;
      /** blocks whose proof had to be searched again */
      readonly remined: number;
    }
  | StoppedWork;

/**
 * Makes a chain valid again: every previous_hash rewritten to the hash of the block before,
 * and every proof that no longer holds searched again, each block under the rules of its
 * height. Under the tutorial rule the proof covers neither the block nor the previous hash,
 * so no proof needs mining: history is rewritten for free, which is the lesson.
 */
export async function repairChain(chain: HashedChain, schedule: RulesSchedule, sha256: Sha256, steps: RepairSearch): Promise<Repaired> {
  const blocks = [...chain.blocks];
  let lastHash = chain.hashes[0];
  let relinked = 0;
  let remined = 0;
  let firstChanged: number | null = null;
  for (let i = 1; i < blocks.length && lastHash !== undefined; i++) {
    const previous = blocks[i - 1] as Block;
    let block = blocks[i] as Block;
    const rules = rulesAt(schedule, i + 1);
    if (block['previous_hash'] !== lastHash) {
      block = { ...block, previous_hash: lastHash };
      relinked += 1;
    }
    const contentHash = rules.rule === 'bound' ? await blockContentHash(block, sha256) : undefined;
    const input = { rule: rules.rule, lastProof: blockProof(previous), lastHash, ...(contentHash === undefined ? {} : { contentHash }) };
    const check = await checkProof({ ...input, proof: blockProof(block), difficulty: rules.difficulty }, sha256);
    if (!check.ok) {
      const parts = guessParts(input);
      if (!parts.ok) return cannotRepair(i + 1, parts.reason);
      const proof = await steps.search(parts, i + 1, rules);
      if (proof === 'cancelled') return repairCancelled();
      if (proof === 'chain-changed' || !steps.stillCurrent()) return chainChangedDuringRepair();
      block = { ...block, proof };
      remined += 1;
    }
    if (block !== blocks[i]) {
      blocks[i] = block;
      firstChanged ??= i;
    }
    lastHash = block === chain.blocks[i] ? chain.hashes[i] : await hashBlock(block, sha256);
  }
  if (!steps.stillCurrent()) return chainChangedDuringRepair();
  const repaired = firstChanged === null ? chain : await chain.replaceFrom(firstChanged, blocks.slice(firstChanged), sha256);
  return { ok: true, chain: repaired, relinked, remined };
}
