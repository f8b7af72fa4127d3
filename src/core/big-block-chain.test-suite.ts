// Test data: a valid chain whose blocks hold many transactions between many addresses.
import { createGenesisBlock, forgeBlock, rewardTransaction, type Block, type Transaction } from './block';
import { encodeUtf8, type Sha256 } from './digest';
import { hashBlock } from './hash';
import { guessParts, hasLeadingZeroNibbles } from './proof';
import { dumpsPython } from './python-json';

export interface BigBlockChain {
  readonly blocks: readonly Block[];
  /** hashes[i] is the hash of block i + 1 */
  readonly hashes: readonly string[];
  /** the file a tab imports: the tutorial's GET /chain body, `{"chain": [...], "length": N}` */
  readonly text: string;
  /** how many payments (rewards aside) the chain holds */
  readonly payments: number;
}

export interface BigBlockChainShape {
  /** payments of each block after the genesis block, which also ends with its reward */
  readonly paymentsPerBlock: readonly number[];
  /** distinct senders; each payment goes to a recipient of its own */
  readonly senders: number;
  /** the length of the names of every thousandth payment (the form allows up to 200 characters) */
  readonly longName?: number;
  readonly difficulty?: number;
  readonly miner?: string;
}

const GENESIS_TIME = 1735689600.25;

/** Payment `i` of the whole chain: to a recipient of its own, so a chain of n payments has n addresses and more. */
function payment(i: number, senders: number, longName: number): Transaction {
  if (longName > 0 && i % 1000 === 999) {
    return { sender: `s${i % senders}`.padEnd(longName, 's'), recipient: `r${i}`.padEnd(longName, 'r'), amount: 1n };
  }
  return { sender: `s${i % senders}`, recipient: `r${i}`, amount: BigInt(1 + (i % 9)) };
}

/**
 * A chain valid under the tutorial rule at `difficulty` (1 by default): a genesis block, then
 * one block per entry of `paymentsPerBlock`, each holding that many payments and its reward.
 */
export async function generateBigBlockChain(shape: BigBlockChainShape, sha256: Sha256): Promise<BigBlockChain> {
  const { paymentsPerBlock, senders, longName = 0, difficulty = 1, miner = 'big-block-miner' } = shape;
  const blocks: Block[] = [createGenesisBlock('tutorial', GENESIS_TIME)];
  const hashes: string[] = [await hashBlock(blocks[0]!, sha256)];
  let next = 0;
  for (const [k, count] of paymentsPerBlock.entries()) {
    const number = k + 2;
    const previous = blocks[number - 2]!;
    const parts = guessParts({ rule: 'tutorial', lastProof: previous['proof'], lastHash: hashes[number - 2]! });
    if (!parts.ok) throw new Error(`Block ${number}: ${parts.reason}`);
    let proof = 0n;
    while (!hasLeadingZeroNibbles(await sha256(encodeUtf8(`${parts.prefix}${proof}${parts.suffix}`)), difficulty)) proof++;
    const transactions: Transaction[] = [];
    for (let i = 0; i < count; i++) transactions.push(payment(next++, senders, longName));
    transactions.push(rewardTransaction(miner));
    const block = forgeBlock({ index: BigInt(number), timestamp: GENESIS_TIME + (number - 1) * 60.5, transactions, proof, previousHash: hashes[number - 2]! });
    blocks.push(block);
    hashes.push(await hashBlock(block, sha256));
  }
  const text = `${dumpsPython({ chain: blocks, length: BigInt(blocks.length) }, { compact: true })}\n`;
  return { blocks, hashes, text, payments: next };
}
