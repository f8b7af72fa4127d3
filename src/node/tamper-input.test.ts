import { describe, expect, it } from 'vitest';
import { createGenesisBlock, forgeBlock, rewardTransaction, type Block } from '../core/block';
import { isJsonObject } from '../core/json-value';
import { dumpsPython } from '../core/python-json';
import type { NodeMessage } from '../contract/node-messages';
import { applyTamperEdit } from './tamper-input';

const NODE = '0123456789ab4def8123456789abcdef';

function chain(): Block[] {
  const genesis = createGenesisBlock('tutorial', 1735689600.0);
  const block2 = forgeBlock({
    index: 2n,
    timestamp: 1735689601.5,
    transactions: [{ sender: 'alice', recipient: 'bob', amount: 3n }, { sender: 'carol', recipient: 'dave', amount: 2.5 }, rewardTransaction(NODE)],
    proof: 35293n,
    previousHash: 'a'.repeat(64),
  });
  return [genesis, block2];
}

function transactionOf(block: Block, position: number) {
  const list = block['transactions'];
  const tx = Array.isArray(list) ? list[position] : undefined;
  if (!isJsonObject(tx)) throw new Error(`no transaction ${position}`);
  return tx;
}

function edited(blocks: readonly Block[], edit: unknown): { block: Block; position: number } {
  const outcome = applyTamperEdit(blocks, edit);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.message));
  return outcome;
}

describe('applyTamperEdit', () => {
  it('an amount typed 5.0 stays the float 5.0, and 5 is the int 5, as Python would hash them', () => {
    const blocks = chain();
    const asFloat = edited(blocks, { block: 2, field: 'amount', transaction: 0, value: '5.0' });
    expect(asFloat.position).toBe(1);
    expect(transactionOf(asFloat.block, 0)['amount']).toBe(5);
    expect(typeof transactionOf(asFloat.block, 0)['amount']).toBe('number');
    expect(dumpsPython(transactionOf(asFloat.block, 0))).toBe('{"amount": 5.0, "recipient": "bob", "sender": "alice"}');

    const asInt = edited(blocks, { block: 2, field: 'amount', transaction: 0, value: '5' });
    expect(transactionOf(asInt.block, 0)['amount']).toBe(5n);
    expect(dumpsPython(transactionOf(asInt.block, 0))).toBe('{"amount": 5, "recipient": "bob", "sender": "alice"}');
    // Two different blocks: 5 and 5.0 hash differently.
    expect(dumpsPython(asFloat.block)).not.toBe(dumpsPython(asInt.block));

    expect(transactionOf(edited(blocks, { block: 2, field: 'amount', transaction: 1, value: '1e2' }).block, 1)['amount']).toBe(100);
    expect(transactionOf(edited(blocks, { block: 2, field: 'amount', transaction: 1, value: '100000000000000000000' }).block, 1)['amount']).toBe(
      100000000000000000000n,
    );
  });

  it('never mutates the blocks it is given, and copies only the edited block', () => {
    const blocks = chain();
    const snapshot = structuredClone(blocks);
    const text = dumpsPython(blocks);
    const originalTransactions = blocks[1]?.['transactions'];
    const edits = [
      { block: 2, field: 'amount', transaction: 0, value: '500' },
      { block: 2, field: 'sender', transaction: 1, value: 'mallory' },
      { block: 2, field: 'recipient', value: 'mallory' },
      { block: 1, field: 'timestamp', value: '0' },
      { block: 2, field: 'timestamp', value: '1735689999.25' },
    ];
    for (const edit of edits) {
      const outcome = edited(blocks, edit);
      expect(outcome.block).not.toBe(blocks[outcome.position]);
    }
    expect(blocks).toEqual(snapshot);
    expect(dumpsPython(blocks)).toBe(text);
    expect(blocks[1]?.['transactions']).toBe(originalTransactions);
  });

  it('edits exactly one field of one transaction; the default transaction is the first', () => {
    const blocks = chain();
    const outcome = edited(blocks, { block: 2, field: 'recipient', value: ' mallory ' });
    expect(outcome.block).toEqual({
      ...blocks[1],
      transactions: [{ sender: 'alice', recipient: 'mallory', amount: 3n }, { sender: 'carol', recipient: 'dave', amount: 2.5 }, rewardTransaction(NODE)],
    });
  });

  it('reads a timestamp as Python would: an int stays an int, a float a float', () => {
    const blocks = chain();
    expect(edited(blocks, { block: 2, field: 'timestamp', value: '1735689600' }).block['timestamp']).toBe(1735689600n);
    expect(edited(blocks, { block: 2, field: 'timestamp', value: '1735689600.5' }).block['timestamp']).toBe(1735689600.5);
    // Only the timestamp changed.
    expect(edited(blocks, { block: 2, field: 'timestamp', value: '7' }).block).toEqual({ ...blocks[1], timestamp: 7n });
  });

  it.each([
    ['block 0', { block: 0, field: 'amount', value: '1' }, { key: 'tamperNotAnEdit', values: {} }],
    ['a block beyond the chain', { block: 3, field: 'amount', value: '1' }, { key: 'tamperNoBlock', values: { block: 3, length: 2 } }],
    ['a transaction that does not exist', { block: 2, field: 'amount', transaction: 3, value: '1' }, { key: 'tamperNoTransaction', values: { block: 2, transaction: 4 } }],
    ['the genesis block’s (absent) transaction', { block: 1, field: 'sender', value: 'x' }, { key: 'tamperNoTransaction', values: { block: 1, transaction: 1 } }],
    ['amount NaN', { block: 2, field: 'amount', value: 'NaN' }, { key: 'amountNotNumber', values: {} }],
    ['amount five', { block: 2, field: 'amount', value: 'five' }, { key: 'amountNotNumber', values: {} }],
    ['timestamp x', { block: 2, field: 'timestamp', value: 'x' }, { key: 'timestampNotNumber', values: {} }],
    ['an empty timestamp', { block: 2, field: 'timestamp', value: ' ' }, { key: 'timestampRequired', values: {} }],
    ['an empty sender', { block: 2, field: 'sender', value: '  ' }, { key: 'senderRequired', values: {} }],
    ['a recipient too long', { block: 2, field: 'recipient', value: 'r'.repeat(201) }, { key: 'recipientTooLong', values: { max: 200 } }],
    ['an unknown field', { block: 2, field: 'proof', value: '1' }, { key: 'tamperNotAnEdit', values: {} }],
    ['a number as value', { block: 2, field: 'amount', value: 1 }, { key: 'tamperNotAnEdit', values: {} }],
    ['an extra key', { block: 2, field: 'amount', value: '1', previous_hash: 'x' }, { key: 'tamperNotAnEdit', values: {} }],
    ['null', null, { key: 'tamperNotAnEdit', values: {} }],
    ['text', 'amount', { key: 'tamperNotAnEdit', values: {} }],
  ] satisfies [string, unknown, NodeMessage][])('refuses %s', (_name, edit, message) => {
    const blocks = chain();
    const snapshot = structuredClone(blocks);
    const outcome = applyTamperEdit(blocks, edit);
    expect(outcome).toEqual({ ok: false, message });
    expect(blocks).toEqual(snapshot);
  });
});
