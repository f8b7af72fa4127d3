import { z } from 'zod';
import { balanceSheet, selectForNextBlock, ZERO, type Ledger } from '../core/balances';
import type { Block, Transaction } from '../core/block';
import type { Sha256 } from '../core/digest';
import { explainBlock, type BlockExplanation, type ExplainRules } from '../core/explain';
import type { NetworkRules } from '../core/rules';
import type { BalancesView } from './api';
import { waitReasonMessage } from './refusals';

/*
 * What the node shows a class beyond the tutorial: balances and block explanations, read
 * from the node's chain. Kept apart from TabNode, which only hands over its state.
 */

/** Every address with its balance; ours is always listed (it receives our mining rewards) and marked. */
export function balancesView(ledger: Ledger, pending: readonly Transaction[], rules: NetworkRules, ownId: string): BalancesView {
  const sheet = balanceSheet(ledger, pending);
  const rows = sheet.some((row) => row.address === ownId)
    ? sheet
    : [...sheet, { address: ownId, confirmed: ZERO, pendingOut: ZERO, pendingIn: ZERO, available: ZERO }];
  return {
    enforced: rules.balances,
    rows: rows.map((row) => ({ ...row, own: row.address === ownId })),
    waiting: rules.balances
      ? selectForNextBlock(ledger, pending).waiting.map(({ transaction, reason }) => ({ transaction, reason: waitReasonMessage(reason) }))
      : [],
    uncounted: ledger.uncounted,
  };
}

/** The pending transactions the next block takes, and those it leaves pending (under `balances`, what cannot be afforded). */
export interface NextBlockBatch {
  readonly included: Transaction[];
  readonly left: Transaction[];
  /** how many pending transactions were looked at: the head of the pending list */
  readonly seen: number;
}

export function nextBlockBatch(ledger: Ledger, pending: readonly Transaction[], rules: NetworkRules): NextBlockBatch {
  if (!rules.balances) return { included: [...pending], left: [], seen: pending.length };
  const { included, waiting } = selectForNextBlock(ledger, pending);
  return { included, left: waiting.map((entry) => entry.transaction), seen: pending.length };
}

const blockReferenceSchema = z.strictObject({
  number: z.number().int().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});

/** The explanation of our block `number` if it still has `hash` (the page may show an older chain); otherwise null. */
export async function explainOwnBlock(
  chain: { readonly blocks: readonly Block[]; readonly hashes: readonly string[] },
  number: unknown,
  hash: unknown,
  rules: ExplainRules,
  sha256: Sha256,
): Promise<BlockExplanation | null> {
  const parsed = blockReferenceSchema.safeParse({ number, hash });
  if (!parsed.success) return null;
  const position = parsed.data.number - 1;
  if (chain.hashes[position] !== parsed.data.hash) return null;
  return explainBlock(chain.blocks, position, rules, sha256);
}
