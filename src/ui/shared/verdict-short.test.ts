import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLanguage, startI18n } from '../i18n/i18n';
import { SAMPLES } from './verdict-samples.test-suite';
import { verdictShort } from './verdict-short';

const i18n = await startI18n('en');
await loadLanguage('zh-CN');
afterAll(async () => { await i18n.changeLanguage('en'); });

/** Short enough to read on one line of a card from the back of the room. */
const MAX_CHARS = 52;

describe('verdictShort in English', () => {
  it('says every code in a few words that name the block, with no hash and no chain[i]', () => {
    for (const [code, verdict] of Object.entries(SAMPLES)) {
      const text = verdictShort(verdict);
      expect(text.length, `${code}: ${text}`).toBeLessThanOrEqual(MAX_CHARS);
      expect(text, code).not.toContain('{{');
      expect(text, code).not.toMatch(/chain\[|[0-9a-f]{16}/);
      if (verdict.block !== null && code !== 'genesis') expect(text, code).toContain(`block ${verdict.block}`);
    }
  });

  it('words a broken link as the lesson says it', () => {
    expect(verdictShort(SAMPLES['previous-hash'])).toBe('block 4: previous hash ≠ hash of block 3');
    expect(verdictShort(SAMPLES.proof)).toBe('block 4: proof fails (4 zeros needed)');
    expect(verdictShort(SAMPLES.overspend)).toBe('block 4, payment 1: alice spends more than it has');
  });
});

describe('verdictShort in Chinese', () => {
  beforeAll(async () => { await i18n.changeLanguage('zh-CN'); });

  it('says every code in a few Chinese words that name the block', () => {
    for (const [code, verdict] of Object.entries(SAMPLES)) {
      const text = verdictShort(verdict);
      expect(text, code).toMatch(/[\u4e00-\u9fff]/);
      expect(text.length, `${code}: ${text}`).toBeLessThanOrEqual(MAX_CHARS);
      expect(text, code).not.toContain('{{');
      if (verdict.block !== null && code !== 'genesis') expect(text, code).toContain(String(verdict.block));
    }
    expect(verdictShort(SAMPLES['previous-hash'])).toBe('第 4 个区块：前一个哈希 ≠ 第 3 个区块的哈希');
  });
});
