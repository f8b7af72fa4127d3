import { afterAll, describe, expect, it } from 'vitest';
import { englishReason, VERDICT_SHORT, VERDICT_TEXT, wordVerdict, type VerdictCode, type VerdictValues } from '../../core/verdicts';
import { sectionTranslate } from '../shared/verdict-text';
import { leaves, type Tree } from './catalogue-leaves.test-suite';
import { en } from './en';
import { loadLanguage, startI18n } from './i18n';
import { zhCN } from './zh-cn';


/** Every placeholder's name, formatted ones (`{{block, position}}`) too. */
const names = (text: string): string[] => [...new Set([...text.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1] ?? ''))].sort();
const pluralBase = (key: string) => key.replace(/_(one|other)$/, '');

describe('the verdict catalogue', () => {
  it('is core’s English itself, not a copy', () => {
    expect(en.verdict).toBe(VERDICT_TEXT);
    expect(en.verdictShort).toBe(VERDICT_SHORT);
  });

  it.each([
    ['verdict', VERDICT_TEXT, zhCN.verdict],
    ['verdictShort', VERDICT_SHORT, zhCN.verdictShort],
  ] as const)('%s: every English key has a Chinese one with the same placeholders', (_, english, chinese) => {
    const zh = leaves(chinese);
    for (const [key, text] of leaves(english)) {
      const translated = zh.get(key) ?? zh.get(`${pluralBase(key)}_other`);
      expect(translated, key).toBeDefined();
      expect(names(translated ?? ''), key).toEqual(names(text));
    }
    const englishBases = new Set([...leaves(english as Tree).keys()].map(pluralBase));
    for (const key of zh.keys()) expect(englishBases.has(pluralBase(key)), `${key} has no English`).toBe(true);
  });
});

const i18n = await startI18n('en');
await loadLanguage('zh-CN');
afterAll(async () => { await i18n.changeLanguage('en'); });

describe('the page’s English', () => {
  const verdicts: [VerdictCode, number | null, VerdictValues][] = [
    ['previous-hash', 3, { stated: '"ab"', expected: 'f00d' }],
    ['proof', 2, { rule: 'tutorial', difficulty: 1, guess: '"1"', digest: 'abc…' }],
    ['length-mismatch', null, { declared: '9', length: 3 }],
    ['overspend', 4, { transaction: 1, sender: 'alice', amount: '5', balance: '0' }],
    ['genesis', 1, { rule: 'repo', previousHash: '"1"', expected: '"1"', proof: '7', transactions: 2 }],
  ];

  it.each(verdicts)('words %s through i18next exactly as the node writes its reason', (code, block, values) => {
    expect(wordVerdict({ code, block, reason: '', values }, sectionTranslate('verdict'))).toBe(englishReason(code, block, values));
  });
});
