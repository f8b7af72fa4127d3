import { z } from 'zod';
import { balanceSheet, selectForNextBlock, ZERO, type Ledger } from '../core/balances';
import { blockPreviousHash, blockProof, blockTransactions, type Block, type Transaction } from '../core/block';
import type { Sha256 } from '../core/digest';
import { explainBlock, type BlockExplanation } from '../core/explain';
import { rulesAt, type RulesSchedule } from '../core/rules';
import type { Verdict } from '../core/validate';
import type { JsonValue } from '../core/json-value';
import { dumpsPython } from '../core/python-json';
import type { BalanceRow, BalancesView, BlockSummary, TransactionPage } from '../contract/views';
import { waitReasonMessage } from './refusals';
import { BALANCE_PAGE, pageOf, transactionPage, WAITING_SHOWN } from './view-pages';

/*
 * What the node shows a class beyond the tutorial: balances and block explanations, read
 * from the node's chain. Kept apart from TabNode, which only hands over its state.
 */

/** The last sheet counted: paging through the Balances panel does not count and sort every address again. */
let lastSheet: { readonly ledger: Ledger; readonly pending: readonly Transaction[]; readonly length: number; readonly ownId: string; readonly rows: readonly BalanceRow[] } | null = null;

/** Every address with its balance, ours listed (and marked) even when it has none. */
function allBalanceRows(ledger: Ledger, pending: readonly Transaction[], ownId: string): readonly BalanceRow[] {
  // The pending list only grows in place; any other change makes a new list.
  if (lastSheet?.ledger === ledger && lastSheet.pending === pending && lastSheet.length === pending.length && lastSheet.ownId === ownId) return lastSheet.rows;
  const sheet = balanceSheet(ledger, pending);
  const rows = (sheet.some((row) => row.address === ownId)
    ? sheet
    : [...sheet, { address: ownId, confirmed: ZERO, pendingOut: ZERO, pendingIn: ZERO, available: ZERO }]
  ).map((row) => ({ ...row, own: row.address === ownId }));
  lastSheet = { ledger, pending, length: pending.length, ownId, rows };
  return rows;
}

/**
 * A page of the addresses with their balances, from `offset` on (see view-pages); ours is
 * always on it (first when its own place is on another page). `enforced`: whether the next
 * block is under "spend only what you have".
 */
export function balancesView(ledger: Ledger, pending: readonly Transaction[], enforced: boolean, ownId: string, offset?: unknown): BalancesView {
  const page = pageOf(allBalanceRows(ledger, pending, ownId), offset, BALANCE_PAGE);
  const own = page.items.some((row) => row.own) ? [] : allBalanceRows(ledger, pending, ownId).filter((row) => row.own);
  const waiting = enforced ? selectForNextBlock(ledger, pending).waiting : [];
  return {
    enforced,
    rows: [...own, ...page.items],
    offset: page.offset,
    totalRows: page.total,
    waiting: waiting.slice(0, WAITING_SHOWN).map(({ transaction, reason }) => ({ transaction, reason: waitReasonMessage(reason) })),
    totalWaiting: waiting.length,
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

/** A page of the transactions of our block `number` if it still has `hash`, from `offset` on; otherwise null. */
export function ownBlockTransactions(
  chain: { readonly blocks: readonly Block[]; readonly hashes: readonly string[] },
  number: unknown,
  hash: unknown,
  offset: unknown,
): TransactionPage | null {
  const parsed = blockReferenceSchema.safeParse({ number, hash });
  if (!parsed.success) return null;
  const position = parsed.data.number - 1;
  const block = chain.blocks[position];
  if (block === undefined || chain.hashes[position] !== parsed.data.hash) return null;
  return transactionPage(block, offset);
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
