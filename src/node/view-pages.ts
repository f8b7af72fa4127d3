import { z } from 'zod';
import { blockTransactions, type Block } from '../core/block';
import type { JsonValue } from '../core/json-value';
import type { ListPage } from '../contract/views';

/*
 * What the page receives of the node's long lists, a page at a time. A valid chain may hold
 * a block of 400,000 transactions and as many addresses: sent whole, each change would cost
 * the page seconds of structured cloning and drawing. Every list crosses in pages with its
 * total, and the page says how many more there are.
 */

/** The transactions a block carries in the chain view: more than a card shows before it is expanded. */
export const CHAIN_VIEW_TRANSACTIONS = 50;
/** Transactions of one block per page, once its card shows more than the chain view carries. */
export const TRANSACTION_PAGE = 50;
/** Pending transactions per page. */
export const PENDING_PAGE = 100;
/** Addresses per page of the Balances panel. */
export const BALANCE_PAGE = 100;
/** Pending transactions the next block leaves out that the Balances panel lists (and says how many more). */
export const WAITING_SHOWN = 50;

const offsetSchema = z.number().int().min(0);

/**
 * The start of the page asked for: a whole number from 0, cut to a page boundary and to the
 * last page, so any input reads a real page. Anything else (nothing, a fraction, text) is the first.
 */
export function pageStart(input: unknown, total: number, size: number): number {
  const parsed = offsetSchema.safeParse(input);
  if (!parsed.success || total <= size) return 0;
  const last = Math.floor((total - 1) / size) * size;
  return Math.min(Math.floor(parsed.data / size) * size, last);
}

/** The page of `list` from `input` on (see pageStart). */
export function pageOf<T>(list: readonly T[], input: unknown, size: number): ListPage<T> {
  const offset = pageStart(input, list.length, size);
  return { offset, total: list.length, items: list.slice(offset, offset + size) };
}

const cutBlocks = new WeakMap<Block, Block>();

/**
 * A block as the chain view carries it: its first CHAIN_VIEW_TRANSACTIONS transactions only
 * (with its real count beside it). Blocks are immutable, so each is cut once.
 */
export function viewBlock(block: Block): Block {
  const transactions = blockTransactions(block);
  if (transactions.length <= CHAIN_VIEW_TRANSACTIONS) return block;
  let cut = cutBlocks.get(block);
  if (cut === undefined) {
    cut = { ...block, transactions: transactions.slice(0, CHAIN_VIEW_TRANSACTIONS) };
    cutBlocks.set(block, cut);
  }
  return cut;
}

/** A page of the transactions of `block`, from `input` on. */
export function transactionPage(block: Block, input: unknown): ListPage<JsonValue> {
  return pageOf(blockTransactions(block), input, TRANSACTION_PAGE);
}
