import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerdictCode, VerdictReason } from '../../core/validate';
import { loadLanguage, startI18n } from '../i18n/i18n';
import { verdictText } from './verdict-text';

/** One verdict per code, with the values validation gives it (the record makes the type checker require every code). */
const SAMPLES: Readonly<Record<VerdictCode, VerdictReason>> = {
  options: { code: 'options', block: null, reason: 'Unknown proof rule "x".', values: { rule: 'x', difficulty: '4' } },
  'not-json': { code: 'not-json', block: null, reason: 'It is not JSON: Unexpected end.', values: { error: 'Unexpected end' } },
  'not-a-list': { code: 'not-a-list', block: null, reason: 'The chain is not a list.' },
  empty: { code: 'empty', block: null, reason: 'The chain is empty.' },
  unhashable: { code: 'unhashable', block: 4, reason: 'Block 4 (chain[3]) cannot be written as JSON: too deep.' },
  'not-an-object': { code: 'not-an-object', block: 4, reason: 'Block 4 is not an object.' },
  'missing-field': { code: 'missing-field', block: 4, reason: "Missing field 'proof' at block 4.", values: { field: 'proof' } },
  'previous-hash': { code: 'previous-hash', block: 4, reason: 'previous_hash mismatch at block 4.', values: { stated: '"abc"', expected: 'f00d' } },
  proof: {
    code: 'proof',
    block: 4,
    reason: 'Bad proof at block 4.',
    values: { rule: 'tutorial', difficulty: 4, guess: '"100353"', digest: '1234abcd…' },
  },
  'length-mismatch': { code: 'length-mismatch', block: null, reason: 'The document claims a length of 9.', values: { declared: '9', length: 3 } },
  fields: { code: 'fields', block: 4, reason: "Block 4 lacks 'proof'.", values: { missing: 'proof', extra: '—' } },
  'non-finite': { code: 'non-finite', block: 4, reason: 'Block 4 contains NaN.' },
  index: { code: 'index', block: 4, reason: 'Block 4 has index 7.', values: { index: '7' } },
  'proof-type': { code: 'proof-type', block: 4, reason: 'Block 4 has proof -1.', values: { proof: '-1' } },
  timestamp: { code: 'timestamp', block: 4, reason: 'Block 4 has timestamp 5.', values: { timestamp: '5', previous: '9' } },
  transactions: { code: 'transactions', block: 4, reason: 'Transaction 2 of block 4 has amount "x".', values: { transaction: 2 } },
  genesis: {
    code: 'genesis',
    block: 1,
    reason: 'The genesis block has previous_hash "1".',
    values: { rule: 'tutorial', previousHash: '"1"', expected: '1', proof: '100', transactions: 0 },
  },
  reward: { code: 'reward', block: 4, reason: 'Block 4 has 2 mining rewards.', values: { rewards: 2 } },
  'negative-amount': {
    code: 'negative-amount',
    block: 4,
    reason: 'Transaction 1 of block 4 pays bob a negative amount, -1.',
    values: { transaction: 1, recipient: 'bob', amount: '-1' },
  },
  overspend: {
    code: 'overspend',
    block: 4,
    reason: 'Transaction 1 of block 4 spends more than its sender has.',
    values: { transaction: 1, sender: 'alice', amount: '5', balance: '0' },
  },
};

const i18n = await startI18n('en');
await loadLanguage('zh-CN');
afterAll(async () => { await i18n.changeLanguage('en'); });

describe('verdictText in English', () => {
  it('is the reason the node wrote, for every code', () => {
    for (const verdict of Object.values(SAMPLES)) expect(verdictText(verdict)).toBe(verdict.reason);
  });
});

describe('verdictText in Chinese', () => {
  beforeAll(async () => { await i18n.changeLanguage('zh-CN'); });

  it('words every code in a Chinese sentence that names the block and fills every detail', () => {
    for (const [code, verdict] of Object.entries(SAMPLES)) {
      const text = verdictText(verdict);
      expect(text, code).toMatch(/[\u4e00-\u9fff]/);
      expect(text, code).not.toContain('{{');
      expect(text, code).not.toBe(verdict.reason);
      if (verdict.block !== null) expect(text, code).toContain(String(verdict.block));
      // A genesis verdict carries the details of all its sentences; the next test checks each.
      const details = code === 'genesis' ? {} : (verdict.values ?? {});
      for (const value of Object.values(details)) {
        // A count is worded ("2 笔"), a dash means none; every other detail appears as it is.
        if (typeof value === 'string' && value !== '—') expect(text, `${code}: ${value}`).toContain(value);
      }
    }
  });

  it('points at the transaction within the block when the verdict names one', () => {
    expect(verdictText(SAMPLES.overspend)).toBe('第 4 个区块的第 1 笔交易花的比发送方拥有的多：alice 付出 5，但在链上的这个位置只有 0。');
  });

  it('tells the genesis problems apart: the previous hash, the proof and transactions, another network', () => {
    const genesis = SAMPLES.genesis;
    expect(verdictText(genesis)).toContain('previous_hash 是 "1"');
    expect(verdictText({ ...genesis, values: { ...genesis.values, previousHash: '1', proof: '7', transactions: 2 } })).toContain('proof 是 7，并且有 2 笔交易');
    expect(verdictText({ code: 'genesis', block: 1, reason: "Block 1 is not the network's shared genesis block." })).toContain('另一个网络');
  });

  it('tells a proof that fails the difficulty from one that cannot be checked', () => {
    expect(verdictText(SAMPLES.proof)).toContain('4 个零');
    expect(verdictText({ code: 'proof', block: 4, reason: 'Bad proof.', values: { rule: 'repo', difficulty: 4 } })).toContain('无法检查');
  });
});
