import { blockTransactions, isTransaction, type Block, type Transaction } from './block';
import { isJsonObject, type JsonValue } from './json-value';
import { dumpsPython } from './python-json';

/*
 * Pending transactions across a chain replacement. The tutorial's transactions carry no id,
 * so two transactions are the same when their canonical JSON (the form that is hashed) is,
 * and they are counted as a multiset: paying Bob 5 twice is two payments.
 */

/** The tutorial marks the mining reward with sender "0". */
export function isReward(tx: JsonValue): boolean {
  return isJsonObject(tx) && Object.hasOwn(tx, 'sender') && tx.sender === '0';
}

/** The canonical key of a transaction, or null if it cannot be written as JSON (never a crash). */
export function transactionKey(tx: Transaction): string | null {
  try {
    return dumpsPython(tx);
  } catch {
    // A peer's structured clone can carry values outside JsonValue (undefined, functions).
    return null;
  }
}

export interface ReconcileInput {
  /** Our pending transactions before the replacement. */
  pending: readonly Transaction[];
  /** Our blocks after the fork point, which the new chain drops. */
  dropped: readonly Block[];
  /** The new chain's blocks after the fork point. */
  adopted: readonly Block[];
}

export interface ReconcileResult {
  /** The new pending list: returned transactions first, then the old pending ones still unconfirmed. */
  pending: Transaction[];
  /** Transactions of dropped blocks that the new chain does not hold, back in pending (chain order). */
  returned: Transaction[];
  /** Old pending transactions that the new chain holds, no longer pending. */
  confirmed: Transaction[];
}

interface Keyed {
  tx: Transaction;
  key: string;
}

/**
 * A block's payments: its transactions without the mining reward. The reward is the block's
 * last transaction (mining appends it after the pending ones), so a payment that a user
 * happens to send from "0" earlier in the block still counts as a payment. Odd entries are
 * skipped.
 */
export function blockPayments(block: Block): Transaction[] {
  const list = blockTransactions(block);
  const last = list.at(-1);
  const payments = last !== undefined && isReward(last) ? list.slice(0, -1) : list;
  return payments.filter(isTransaction);
}

/** The payments of the blocks, in chain order, with their keys. */
function userTransactions(blocks: readonly Block[]): Keyed[] {
  const out: Keyed[] = [];
  for (const block of blocks) {
    for (const tx of blockPayments(block)) {
      const key = transactionKey(tx);
      if (key !== null) out.push({ tx, key });
    }
  }
  return out;
}

/** Takes one copy of `key` from the multiset if there is one. */
function take(counts: Map<string, number>, key: string): boolean {
  const n = counts.get(key) ?? 0;
  if (n === 0) return false;
  counts.set(key, n - 1);
  return true;
}

/**
 * What becomes of pending transactions when our chain is replaced. Per key:
 * pending_after = max(0, pending_before + dropped − adopted), rewards excluded on both chain
 * sides (a dropped reward was minted by a block that no longer exists; it is not a payment).
 * Adopted copies first cancel dropped copies (the transaction merely moved to another block),
 * then the oldest pending copies (those are confirmed). Never throws on odd blocks.
 */
export function reconcilePending(input: ReconcileInput): ReconcileResult {
  const held = new Map<string, number>();
  for (const { key } of userTransactions(input.adopted)) held.set(key, (held.get(key) ?? 0) + 1);

  const returned: Transaction[] = [];
  for (const { tx, key } of userTransactions(input.dropped)) {
    if (!take(held, key)) returned.push(tx);
  }

  const confirmed: Transaction[] = [];
  const stillPending: Transaction[] = [];
  for (const tx of input.pending) {
    // `held` has only keys of payments: a pending transaction is never confirmed by a reward.
    const key = transactionKey(tx);
    if (key !== null && take(held, key)) confirmed.push(tx);
    else stillPending.push(tx);
  }

  return { pending: [...returned, ...stillPending], returned, confirmed };
}
