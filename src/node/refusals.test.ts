import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_RULES } from '../core/rules';
import { networkRulesSchema } from '../core/rules-schemas';
import type { NodeMessage } from '../contract/node-messages';
import { miningEngineSchema } from './mining/range-search';
import { miningSettingsRefusal, rulesRefusal, waitReasonMessage } from './refusals';

const refusalOf = (input: unknown): NodeMessage => {
  const parsed = networkRulesSchema.safeParse(input);
  if (parsed.success) throw new Error('expected a refusal');
  return rulesRefusal(parsed.error);
};

describe('rulesRefusal', () => {
  it.each([
    ['difficulty 9', { ...DEFAULT_RULES, difficulty: 9 }, { key: 'rulesDifficulty', values: { min: 1, max: 6 } }],
    ['an unknown rule', { ...DEFAULT_RULES, rule: 'sha3' }, { key: 'rulesNotOneOf', values: { name: 'rule', choices: 'tutorial, repo, bound' } }],
    ['an unknown genesis', { ...DEFAULT_RULES, genesis: 'mine' }, { key: 'rulesNotOneOf', values: { name: 'genesis', choices: 'node, shared' } }],
    ['a switch as text', { ...DEFAULT_RULES, strict: 'yes' }, { key: 'rulesNotSwitch', values: { name: 'strict' } }],
    ['balances as text', { ...DEFAULT_RULES, balances: 1 }, { key: 'rulesNotSwitch', values: { name: 'balances' } }],
    ['balances without strict', { ...DEFAULT_RULES, strict: false, balances: true }, { key: 'balancesNeedStrict', values: {} }],
    ['an extra field', { ...DEFAULT_RULES, reward: 50 }, { key: 'rulesUnknown', values: { name: 'reward' } }],
    ['a number', 5, { key: 'rulesNotAnObject', values: {} }],
  ] satisfies [string, unknown, NodeMessage][])('names what is wrong with %s', (_name, input, message) => {
    expect(refusalOf(input)).toEqual(message);
  });
});

describe('miningSettingsRefusal', () => {
  const schema = z.object({ engine: miningEngineSchema, threads: z.number().int().min(1).max(4) });
  it.each([
    [{ engine: 'gpu', threads: 1 }, { key: 'miningEngineNotOneOf', values: { choices: 'subtle, fast' } }],
    [{ engine: 'fast', threads: 5 }, { key: 'miningThreads', values: { max: 4 } }],
    [[], { key: 'miningSettingsNotAnObject', values: {} }],
  ] satisfies [unknown, NodeMessage][])('names what is wrong with %j', (input, message) => {
    const parsed = schema.safeParse(input);
    if (parsed.success) throw new Error('expected a refusal');
    expect(miningSettingsRefusal(parsed.error, 4)).toEqual(message);
  });
});

describe('waitReasonMessage', () => {
  it('carries every value of the reason', () => {
    expect(waitReasonMessage({ kind: 'unaffordable', sender: 'bob', balance: '0.5', amount: '1' })).toEqual({
      key: 'waitUnaffordable',
      values: { sender: 'bob', balance: '0.5', amount: '1' },
    });
    expect(waitReasonMessage({ kind: 'negative', amount: '-2' })).toEqual({ key: 'waitNegative', values: { amount: '-2' } });
    expect(waitReasonMessage({ kind: 'reward' })).toEqual({ key: 'waitReward', values: {} });
    expect(waitReasonMessage({ kind: 'uncountable' })).toEqual({ key: 'waitUncountable', values: {} });
  });
});
