import { describe, expect, it } from 'vitest';
import { blockRules } from './block-rules';

const step = (from: number, rule: 'tutorial' | 'repo' | 'bound') => ({ from, rule, difficulty: 2, strict: false, balances: false });

describe('the rules of one block', () => {
  it('are those of the step that holds its height', () => {
    const schedule = [step(1, 'tutorial'), step(4, 'repo'), step(7, 'bound')];
    expect(blockRules(schedule, 1)).toEqual({ rule: 'tutorial', boundFrom: 7 });
    expect(blockRules(schedule, 5)).toEqual({ rule: 'repo', boundFrom: 7 });
    expect(blockRules(schedule, 7)).toEqual({ rule: 'bound', boundFrom: null });
  });

  it('follow the schedule back and forth: a later tutorial step has no bound after it', () => {
    const schedule = [step(1, 'tutorial'), step(4, 'bound'), step(9, 'tutorial')];
    expect(blockRules(schedule, 3)).toEqual({ rule: 'tutorial', boundFrom: 4 });
    expect(blockRules(schedule, 10)).toEqual({ rule: 'tutorial', boundFrom: null });
  });

  it('name no bound step when none comes later', () => {
    expect(blockRules([step(1, 'tutorial')], 3)).toEqual({ rule: 'tutorial', boundFrom: null });
    expect(blockRules(undefined, 3)).toEqual({ rule: 'tutorial', boundFrom: null });
  });
});
