import { z } from 'zod';
import { balanceSheet, selectForNextBlock, ZERO, type Ledger } from '../core/balances';
import { blockPreviousHash, blockProof, blockTransactions, type Block, type Transaction } from '../core/block';
import type { Sha256 } from '../core/digest';
import { explainBlock, type BlockExplanation } from '../core/explain';
import { rulesAt, type RulesSchedule } from '../core/rules';
import type { Verdict } from '../core/validate';
import type { JsonValue } from '../core/json-value';
import { dumpsPython } from '../core/python-json';
import type { BalancesView, BlockSummary } from '../contract/views';
import { waitReasonMessage } from './refusals';

/*
 * What the node shows a class beyond the tutorial: balances and block explanations, read
 * from the node's chain. Kept apart from TabNode, which only hands over its state.
 */

/**
 * Every address with its balance; ours is always listed (it receives our mining rewards) and
 * marked. `enforced`: whether the next block is under "spend only what you have".
 */
export function balancesView(ledger: Ledger, pending: readonly Transaction[], enforced: boolean, ownId: string): BalancesView {
  const sheet = balanceSheet(ledger, pending);
  const rows = sheet.some((row) => row.address === ownId)
    ? sheet
    : [...sheet, { address: ownId, confirmed: ZERO, pendingOut: ZERO, pendingIn: ZERO, available: ZERO }];
  return {
    enforced,
    rows: rows.map((row) => ({ ...row, own: row.address === ownId })),
    waiting: enforced
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

/** `enforced`: whether the next block is under "spend only what you have". */
export function nextBlockBatch(ledger: Ledger, pending: readonly Transaction[], enforced: boolean): NextBlockBatch {
  if (!enforced) return { included: [...pending], left: [], seen: pending.length };
  const { included, waiting } = selectForNextBlock(ledger, pending);
  return { included, left: waiting.map((entry) => entry.transaction), seen: pending.length };
}

const blockReferenceSchema = z.strictObject({
  number: z.number().int().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});

/**
 * The explanation of our block `number` if it still has `hash` (the page may show an older
 * chain), under the rules of its height; otherwise null.
 */
export async function explainOwnBlock(
  chain: { readonly blocks: readonly Block[]; readonly hashes: readonly string[] },
  number: unknown,
  hash: unknown,
  schedule: RulesSchedule,
  sha256: Sha256,
): Promise<BlockExplanation | null> {
  const parsed = blockReferenceSchema.safeParse({ number, hash });
  if (!parsed.success) return null;
  const position = parsed.data.number - 1;
  if (chain.hashes[position] !== parsed.data.hash) return null;
  return explainBlock(chain.blocks, position, rulesAt(schedule, parsed.data.number), sha256);
}

/** A field as the page shows it: text as it is, anything else as Python's JSON writes it. */
function shown(value: JsonValue | undefined): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  try {
    return dumpsPython(value);
  } catch {
    return '?';
  }
}

/** The last `count` blocks of a chain as the network view's strip draws them, oldest first. */
export function recentBlocks(blocks: readonly Block[], hashes: readonly string[], verdict: Verdict, count: number): BlockSummary[] {
  const firstInvalid = verdict.valid ? Infinity : (verdict.block ?? 1);
  const summaries: BlockSummary[] = [];
  for (let position = Math.max(0, blocks.length - count); position < blocks.length; position++) {
    const block = blocks[position];
    const previousHash = shown(blockPreviousHash(block));
    summaries.push({
      number: position + 1,
      hash: hashes[position] ?? '',
      previousHash,
      proof: shown(blockProof(block)),
      transactions: blockTransactions(block).length,
      linked: position === 0 || previousHash === hashes[position - 1],
      valid: position + 1 < firstInvalid,
    });
  }
  return summaries;
}
