// Test-only: mines small chains under any rule, with the real core functions.
import { createGenesisBlock, forgeBlock, rewardTransaction, type Block, type Transaction } from './block';
import type { Sha256 } from './digest';
import { encodeUtf8 } from './digest';
import { hashBlock } from './hash';
import { blockContentHash, guessParts, hasLeadingZeroNibbles, type ProofRule } from './proof';
import { rulesAt, type RulesSchedule } from './rules';

/** Smallest non-negative int proof that makes `block` valid after `prev`. */
export async function mineProof(prev: Block, block: Block, rule: ProofRule, difficulty: number, sha256: Sha256): Promise<bigint> {
  const lastHash = await hashBlock(prev, sha256);
  const contentHash = rule === 'bound' ? await blockContentHash(block, sha256) : undefined;
  const parts = guessParts({ rule, lastProof: prev['proof'], lastHash, ...(contentHash === undefined ? {} : { contentHash }) });
  if (!parts.ok) throw new Error(parts.reason);
  for (let proof = 0n; ; proof++) {
    const digest = await sha256(encodeUtf8(parts.prefix + proof.toString() + parts.suffix));
    if (hasLeadingZeroNibbles(digest, difficulty)) return proof;
  }
}

export interface MineOptions {
  rule: ProofRule;
  difficulty: number;
  sha256: Sha256;
  nodeId?: string;
  /** Transactions of blocks 2, 3, ... (the reward is appended). */
  blocks: readonly (readonly Transaction[])[];
  startTime?: number;
  /** rules by height: each block mined under the step of its number (then `rule` and `difficulty` are ignored) */
  schedule?: RulesSchedule;
}

export async function mineChain(options: MineOptions): Promise<Block[]> {
  const { sha256, schedule } = options;
  const rulesOf = (height: number) => (schedule ? rulesAt(schedule, height) : options);
  const { rule } = rulesOf(1);
  const nodeId = options.nodeId ?? '665b59dac26d46649ee74d6bac0b5e1f';
  let time = options.startTime ?? 1795511867.1580122;
  const chain: Block[] = [createGenesisBlock(rule, time)];
  for (const txs of options.blocks) {
    const prev = chain[chain.length - 1] as Block;
    time += 0.75;
    const block = forgeBlock({
      index: BigInt(chain.length + 1),
      timestamp: time,
      transactions: [...txs, rewardTransaction(nodeId)],
      proof: 0n,
      previousHash: await hashBlock(prev, sha256),
    });
    const { rule: blockRule, difficulty } = rulesOf(chain.length + 1);
    block['proof'] = await mineProof(prev, block, blockRule, difficulty, sha256);
    chain.push(block);
  }
  return chain;
}
