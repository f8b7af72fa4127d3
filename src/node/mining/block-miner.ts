import { blockProof, forgeBlock, rewardTransaction, type Transaction } from '../../core/block';
import { blockContentHash, guessParts } from '../../core/proof';
import type { MineResult } from '../api';
import { nextBlockBatch } from '../classroom-views';
import type { NodeContext } from '../node-context';
import { busyWith, cannotMine, chainEmpty, minerFailed, miningCancelled } from '../refusals';
import type { Stop, Work } from './miner';

/**
 * The tutorial's `/mine`: find the proof, append the reward, forge the block. When the chain
 * changes under the miner (a peer's chain adopted, a block tampered with, new rules) the proof
 * would be for a tip that is gone, so the search starts again on the new tip; only Cancel (or
 * closing the node) ends it without a block.
 */
export async function mineBlock(node: NodeContext): Promise<MineResult> {
  const busy = node.miner.work;
  if (busy) return busyWith(busy.purpose, busy.index);
  const index = node.state.chain.height + 1;
  const work = node.miner.begin('mine', index, node.rules.at(index));
  if (!work) return busyWith('mine', index);
  try {
    for (;;) {
      const outcome = await mineOnTip(node, work);
      if (outcome === 'cancelled') return miningCancelled();
      if (outcome !== 'chain-changed') return outcome;
      work.restarts += 1;
      node.record('restart', { key: 'minerRestarted', values: { index: node.state.chain.height + 1 } });
    }
  } catch (error: unknown) {
    // A miner thread that cannot start (a blocked worker, a broken build) ends the job, not the node.
    return minerFailed(error);
  } finally {
    node.miner.end(work);
  }
}

/** One block on the tip as it is now; `chain-changed` when the tip moved meanwhile. */
async function mineOnTip(node: NodeContext, work: Work): Promise<MineResult | Stop> {
  const tip = node.state.chain;
  const lastBlock = tip.blocks.at(-1);
  const lastHash = tip.hashes.at(-1);
  if (!lastBlock || lastHash === undefined) return chainEmpty();
  const index = tip.height + 1;
  // The rules in force at the new block's height: a change from a later height does not apply yet.
  const rules = node.rules.at(index);
  node.miner.target(work, index, rules);
  const batch = (): ReturnType<typeof nextBlockBatch> => nextBlockBatch(node.state.ledger(), node.state.pending, rules.balances);
  // Under the bound rule the proof covers the block's content, so fix it first.
  const boundBatch = rules.rule === 'bound' ? batch() : null;
  const bound = boundBatch ? blockTemplate(node, index, boundBatch.included) : null;
  const contentHash = bound ? await blockContentHash(bound, node.sha256) : undefined;
  if (node.state.chain !== tip) return 'chain-changed';
  const parts = guessParts({ rule: rules.rule, lastProof: blockProof(lastBlock), lastHash, ...(contentHash === undefined ? {} : { contentHash }) });
  if (!parts.ok) return cannotMine(tip.height, parts.reason);
  const found = await node.miner.search(work, parts, rules.difficulty);
  if (typeof found === 'string') return found;
  // A change between the last check of the signal and here would forge on a stale tip.
  if (node.state.chain !== tip) return 'chain-changed';

  const taken = boundBatch ?? batch();
  const template = bound ?? blockTemplate(node, index, taken.included);
  const block = forgeBlock({ index: BigInt(index), timestamp: template.timestamp, transactions: template.transactions, proof: found, previousHash: lastHash });
  const mined = await tip.append(block, node.sha256);
  if (node.state.chain !== tip) return 'chain-changed';
  node.state.mined(mined, taken.seen, taken.left);
  await node.chainChanged(['pending']);
  const hash = mined.hashes.at(-1) ?? '';
  performance.mark('tabchain:mined', { detail: { hash, height: mined.height } });
  return { ok: true, block, hash, attempts: work.attempts, ms: Date.now() - work.startedAt };
}

/** The new block without its proof: its transactions, our reward last, and the link to our tip. */
function blockTemplate(node: NodeContext, index: number, transactions: readonly Transaction[]) {
  return {
    index: BigInt(index),
    timestamp: node.now(),
    transactions: [...transactions, rewardTransaction(node.id)],
    previous_hash: node.state.chain.hashes.at(-1) ?? '',
  };
}
