import { isJsonObject, type JsonObject, type JsonValue } from './json-value';
import type { ProofRule } from './proof';

/**
 * A transaction as the tutorial stores it. The reference accepts any JSON value in each
 * field (it only checks that the keys exist), so peers may send anything; blocks are
 * therefore kept as the exact JSON they arrived as, and only our own forms restrict input.
 */
export interface Transaction extends JsonObject {
  sender: JsonValue;
  recipient: JsonValue;
  amount: JsonValue;
}

/**
 * A block, kept verbatim: unknown extra fields and the exact number forms are preserved so
 * that its hash never changes. Fields are read through the helpers below, never assumed.
 */
export type Block = JsonObject;
export type Chain = readonly Block[];

/**
 * The genesis previous_hash: the tutorial wrote the INT 1, dvf/blockchain today the STRING
 * "1" (they hash differently); `bound` follows the repo.
 */
export function genesisPreviousHash(rule: ProofRule): JsonValue {
  return rule === 'tutorial' ? 1n : '1';
}

/** Genesis as the reference creates it; `timestamp` is Python's time() (a float). */
export function createGenesisBlock(rule: ProofRule, timestamp: number): Block {
  return forgeBlock({ index: 1n, timestamp, transactions: [], proof: 100n, previousHash: genesisPreviousHash(rule) });
}

/** The mining reward the reference appends: sender "0", amount the int 1. */
export function rewardTransaction(nodeId: string): Transaction {
  return { sender: '0', recipient: nodeId, amount: 1n };
}

export interface ForgeInput {
  index: bigint;
  timestamp: number;
  transactions: readonly Transaction[];
  proof: bigint;
  previousHash: JsonValue;
}

/** A new block, fields in the reference's order (the order does not affect the hash). */
export function forgeBlock(input: ForgeInput): Block {
  return {
    index: input.index,
    timestamp: input.timestamp,
    transactions: [...input.transactions],
    proof: input.proof,
    previous_hash: input.previousHash,
  };
}

// Safe readers: peers may send anything, so nothing is assumed about a block's fields.

function field(block: JsonValue | undefined, key: string): JsonValue | undefined {
  return isJsonObject(block) && Object.hasOwn(block, key) ? block[key] : undefined;
}

/** The index if it is an int, else null. */
export function blockIndex(block: JsonValue | undefined): bigint | null {
  const v = field(block, 'index');
  return typeof v === 'bigint' ? v : null;
}

/** The proof as stored (any JSON value), undefined if absent. */
export function blockProof(block: JsonValue | undefined): JsonValue | undefined {
  return field(block, 'proof');
}

/** The previous_hash as stored, undefined if absent. */
export function blockPreviousHash(block: JsonValue | undefined): JsonValue | undefined {
  return field(block, 'previous_hash');
}

/** The timestamp in seconds as a JS number (for display), null if not numeric. */
export function blockTimestamp(block: JsonValue | undefined): number | null {
  const v = field(block, 'timestamp');
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return null;
}

/** The transactions list, or [] when it is missing or not a list. */
export function blockTransactions(block: JsonValue | undefined): readonly JsonValue[] {
  const v = field(block, 'transactions');
  return Array.isArray(v) ? v : [];
}

/** A transaction object with all three fields present (values unchecked). */
export function isTransaction(value: JsonValue | undefined): value is Transaction {
  return (
    isJsonObject(value) &&
    Object.hasOwn(value, 'sender') &&
    Object.hasOwn(value, 'recipient') &&
    Object.hasOwn(value, 'amount')
  );
}
