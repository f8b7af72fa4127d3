// Test and benchmark data: long valid chains, made with the real core functions.
import { createGenesisBlock, forgeBlock, rewardTransaction, type Block, type Transaction } from './block';
import { encodeUtf8, type Sha256 } from './digest';
import { hashBlock } from './hash';
import { guessParts, hasLeadingZeroNibbles } from './proof';
import { dumpsPython } from './python-json';

export interface LongChain {
  readonly blocks: readonly Block[];
  /** hashes[i] is the hash of block i + 1 */
  readonly hashes: readonly string[];
  /** the file a tab imports: the tutorial's GET /chain body, `{"chain": [...], "length": N}` */
  readonly text: string;
}

const GENESIS_TIME = 1735689600.25;
const SECONDS_PER_BLOCK = 61.5;

/** A few blocks carry payments besides the reward, so that cards differ in height. */
function paymentsOf(number: number): Transaction[] {
  if (number % 13 === 0) {
    return [
      { sender: 'alice', recipient: 'bob', amount: 5n },
      { sender: 'bob', recipient: 'carol', amount: 2.5 },
    ];
  }
  if (number % 7 === 0) return [{ sender: 'carol', recipient: 'dave', amount: BigInt(number % 50) }];
  return [];
}

/**
 * A chain of `length` blocks valid under the tutorial rule at `difficulty` (strict mode too):
 * each proof is searched from 0 as the tutorial's miner does, each block ends with its reward,
 * and the timestamps are floats that never decrease.
 */
export async function generateLongChain(length: number, difficulty: number, sha256: Sha256, miner = 'long-chain-miner'): Promise<LongChain> {
  const blocks: Block[] = [createGenesisBlock('tutorial', GENESIS_TIME)];
  const hashes: string[] = [await hashBlock(blocks[0]!, sha256)];
  for (let number = 2; number <= length; number++) {
    const previous = blocks[number - 2]!;
    const previousHash = hashes[number - 2]!;
    const parts = guessParts({ rule: 'tutorial', lastProof: previous['proof'], lastHash: previousHash });
    if (!parts.ok) throw new Error(`Block ${number}: ${parts.reason}`);
    let proof = 0n;
    while (!hasLeadingZeroNibbles(await sha256(encodeUtf8(`${parts.prefix}${proof}${parts.suffix}`)), difficulty)) proof++;
    const block = forgeBlock({
      index: BigInt(number),
      timestamp: GENESIS_TIME + (number - 1) * SECONDS_PER_BLOCK,
      transactions: [...paymentsOf(number), rewardTransaction(miner)],
      proof,
      previousHash,
    });
    blocks.push(block);
    hashes.push(await hashBlock(block, sha256));
  }
  const text = `${dumpsPython({ chain: blocks, length: BigInt(blocks.length) }, { compact: true })}\n`;
  return { blocks, hashes, text };
}
