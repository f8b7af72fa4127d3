import { describe, expect, it } from 'vitest';
import { rulesAt } from '../../../core/rules';
import { blockRules, stepAt } from './block-rules';

const step = (from: number, rule: 'tutorial' | 'repo' | 'bound') => ({ from, rule, difficulty: 2, strict: false, balances: false });

describe('the rules of one block', () => {
  it('are those of the step that holds its height', () => {
    const schedule = [step(1, 'tutorial'), step(4, 'repo'), step(7, 'bound')];
    expect(blockRules(schedule, 1)).toEqual({ rule: 'tutorial', boundFrom: 7 });
    expect(blockRules(schedule, 5)).toEqual({ rule: 'repo', boundFrom: 7 });
    expect(blockRules(schedule, 7)).toEqual({ rule: 'bound', boundFrom: null });
  });

  it('find the step core/rules finds, at every height', () => {
    const schedule = [step(1, 'tutorial'), step(4, 'repo'), step(7, 'bound'), step(9, 'tutorial')];
    for (let height = 1; height <= 12; height++) expect(stepAt(schedule, height)).toBe(rulesAt(schedule, height));
  });

  it('name no bound step when none comes later', () => {
    expect(blockRules([step(1, 'tutorial')], 3)).toEqual({ rule: 'tutorial', boundFrom: null });
    expect(blockRules(undefined, 3)).toEqual({ rule: 'tutorial', boundFrom: null });
  });
});
