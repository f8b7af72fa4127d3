import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES } from './verdict-samples.test-suite';
import { loadLanguage, startI18n } from '../i18n/i18n';
import { verdictText } from './verdict-text';

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
