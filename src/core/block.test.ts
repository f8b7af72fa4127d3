import { describe, expect, it } from 'vitest';
import {
  blockIndex,
  blockPreviousHash,
  blockProof,
  blockTimestamp,
  blockTransactions,
  createGenesisBlock,
  forgeBlock,
  genesisPreviousHash,
  isTransaction,
  rewardTransaction,
} from './block';
import { subtleSha256 } from './digest';
import { readFixtureJson } from './fixtures.test-suite';
import { hashBlock } from './hash';
import { dumpsPython } from './python-json';

describe('blocks', () => {
  it('creates the genesis block of each rule', () => {
    expect(genesisPreviousHash('tutorial')).toBe(1n);
    expect(genesisPreviousHash('repo')).toBe('1');
    expect(genesisPreviousHash('bound')).toBe('1');
    expect(dumpsPython(createGenesisBlock('repo', 1795511867.1580122))).toBe(
      '{"index": 1, "previous_hash": "1", "proof": 100, "timestamp": 1795511867.1580122, "transactions": []}',
    );
  });

  it('hashes genesis blocks exactly as Python does (canonical_json_vectors.json)', async () => {
    const vectors = readFixtureJson('reference/canonical_json_vectors.json') as { name: string; sha256: string }[];
    const sha = (name: string) => vectors.find((v) => v.name === name)?.sha256;
    expect(await hashBlock(createGenesisBlock('repo', 1795511867.1580122), subtleSha256)).toBe(sha('genesis_repo'));
    expect(await hashBlock(createGenesisBlock('tutorial', 1795511867.1580122), subtleSha256)).toBe(sha('genesis_tutorial_int_prev'));
  });

  it('forges blocks with the reward the reference appends', () => {
    const reward = rewardTransaction('abc');
    expect(reward).toEqual({ sender: '0', recipient: 'abc', amount: 1n });
    const txs = [{ sender: 'a', recipient: 'b', amount: 2.5 }, reward];
    const block = forgeBlock({ index: 2n, timestamp: 10, transactions: txs, proof: 7n, previousHash: 'h' });
    expect(dumpsPython(block)).toBe(
      '{"index": 2, "previous_hash": "h", "proof": 7, "timestamp": 10.0, "transactions": [{"amount": 2.5, "recipient": "b", "sender": "a"}, {"amount": 1, "recipient": "abc", "sender": "0"}]}',
    );
    expect(block['transactions']).not.toBe(txs);
  });

  it('reads fields safely', () => {
    const block = forgeBlock({ index: 2n, timestamp: 10.5, transactions: [], proof: 7n, previousHash: 'h' });
    expect(blockIndex(block)).toBe(2n);
    expect(blockProof(block)).toBe(7n);
    expect(blockPreviousHash(block)).toBe('h');
    expect(blockTimestamp(block)).toBe(10.5);
    expect(blockTimestamp({ timestamp: 3n })).toBe(3);
    expect(blockTransactions(block)).toEqual([]);
    for (const odd of [null, 5n, 'x', [], {}, { index: 2.0, transactions: 'x', timestamp: 'now' }, undefined]) {
      expect(blockIndex(odd)).toBeNull();
      expect(blockProof(odd)).toBeUndefined();
      expect(blockTimestamp(odd)).toBeNull();
      expect(blockTransactions(odd)).toEqual([]);
    }
    expect(isTransaction({ sender: 'a', recipient: 'b', amount: 1n })).toBe(true);
    expect(isTransaction({ sender: 'a', recipient: 'b' })).toBe(false);
  });
});
