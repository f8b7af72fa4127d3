import { afterAll, describe, expect, it } from 'vitest';
import type { RulesSchedule } from '../../../core/rules';
import { loadLanguage, startI18n } from '../../i18n/i18n';
import { scheduleText } from './schedule-text';

const i18n = await startI18n('en');
await loadLanguage('zh-CN');
afterAll(async () => { await i18n.changeLanguage('en'); });

const step = (from: number, difficulty: number, rule: 'tutorial' | 'repo' | 'bound' = 'tutorial') => ({ from, rule, difficulty, strict: false, balances: false });

describe('the rules schedule in words', () => {
  it('says one step for every block', () => {
    expect(scheduleText([step(1, 4)])).toBe('rule tutorial and difficulty 4 for every block');
  });

  it('says only what changes, block range by block range', () => {
    const schedule: RulesSchedule = [step(1, 3), step(6, 4)];
    expect(scheduleText(schedule)).toBe('difficulty 3 for blocks 1–5, difficulty 4 from block 6');
    expect(scheduleText([step(1, 3), step(2, 3, 'bound'), step(9, 4, 'bound')])).toBe(
      'rule tutorial and difficulty 3 for block 1, rule bound and difficulty 3 for blocks 2–8, rule bound and difficulty 4 from block 9',
    );
  });

  it('reads naturally in Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(scheduleText([step(1, 3), step(6, 4)])).toBe('第 1–5 个区块难度 3，从第 6 个区块起难度 4');
    expect(scheduleText([step(1, 4)])).toBe('所有区块规则 tutorial、难度 4');
    await i18n.changeLanguage('en');
  });
});
