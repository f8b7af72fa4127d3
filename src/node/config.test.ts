import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../core/rules';
import { parsePageParams } from './config';

describe('parsePageParams', () => {
  it('gives the default network and rules for an empty query string', () => {
    expect(parsePageParams('')).toEqual({ network: 'default', rules: DEFAULT_RULES, mining: {}, warnings: [] });
    expect(DEFAULT_RULES.autoResolve).toBe(false);
  });

  it.each([
    ['?autoresolve=1', true],
    ['?autoresolve=true', true],
    ['?autoresolve=0', false],
    ['?autoresolve=false', false],
  ])('reads %s', (search, autoResolve) => {
    const params = parsePageParams(search);
    expect(params.rules).toEqual({ ...DEFAULT_RULES, autoResolve });
    expect(params.warnings).toEqual([]);
  });

  it.each(['yes', 'on', '2', '', 'TRUE'])('ignores ?autoresolve=%s with a warning', (value) => {
    const params = parsePageParams(`?autoresolve=${value}`);
    expect(params.rules.autoResolve).toBe(false);
    expect(params.warnings).toEqual([{ key: 'paramNotSwitch', values: { name: 'autoresolve', value } }]);
  });

  it('reads autoresolve next to the other rules, and a bad value spoils nothing else', () => {
    expect(parsePageParams('?net=class-a&rule=bound&difficulty=2&genesis=shared&strict=1&autoresolve=1')).toEqual({
      network: 'class-a',
      rules: { rule: 'bound', difficulty: 2, genesis: 'shared', strict: true, balances: false, autoResolve: true },
      mining: {},
      warnings: [],
    });
    const params = parsePageParams('?rule=repo&autoresolve=maybe&difficulty=9');
    expect(params.rules).toEqual({ ...DEFAULT_RULES, rule: 'repo' });
    expect(params.warnings).toEqual([
      { key: 'paramTooLarge', values: { name: 'difficulty', value: '9', max: 6 } },
      { key: 'paramNotSwitch', values: { name: 'autoresolve', value: 'maybe' } },
    ]);
  });

  it('ignores a network name that is not safe in a URL and a channel name, with a warning', () => {
    expect(parsePageParams('?net=!!')).toMatchObject({ network: 'default', warnings: [{ key: 'paramNetwork', values: { value: '!!' } }] });
  });

  it('reads ?balances=1, which turns strict validation on with it', () => {
    expect(parsePageParams('?balances=1')).toMatchObject({ rules: { ...DEFAULT_RULES, strict: true, balances: true }, warnings: [] });
    expect(parsePageParams('?strict=1&balances=0').rules).toEqual({ ...DEFAULT_RULES, strict: true, balances: false });
    expect(parsePageParams('?strict=0&balances=1')).toMatchObject({
      rules: { strict: true, balances: true },
      warnings: [{ key: 'strictNeeded', values: { value: '0' } }],
    });
    expect(parsePageParams('?balances=yes')).toMatchObject({
      rules: DEFAULT_RULES,
      warnings: [{ key: 'paramNotSwitch', values: { name: 'balances', value: 'yes' } }],
    });
  });

  it('reads this tab\'s mining engine and threads, and ignores bad ones with a warning', () => {
    expect(parsePageParams('?engine=fast&threads=2').mining).toEqual({ engine: 'fast', threads: 2 });
    expect(parsePageParams('?engine=subtle').mining).toEqual({ engine: 'subtle' });
    const bad = parsePageParams('?engine=asic&threads=0&difficulty=3');
    expect(bad.mining).toEqual({});
    expect(bad.rules.difficulty).toBe(3);
    expect(bad.warnings).toEqual([
      { key: 'paramNotOneOf', values: { name: 'engine', value: 'asic', choices: 'subtle, fast' } },
      { key: 'paramTooSmall', values: { name: 'threads', value: '0', min: 1 } },
    ]);
    expect(parsePageParams('?threads=1.5').warnings).toEqual([{ key: 'paramNotWholeNumber', values: { name: 'threads', value: '1.5' } }]);
  });
});

describe('?broker=', () => {
  it.each(['/mqtt', 'ws://10.0.0.5:5173/mqtt', 'wss://broker.school.example/mqtt', 'ws://[fd00::2]:9001'])('reads %s', (broker) => {
    expect(parsePageParams(`?broker=${encodeURIComponent(broker)}`)).toMatchObject({ broker, warnings: [] });
  });

  it('is absent without the parameter: the tabs of this browser talk over BroadcastChannel', () => {
    expect(parsePageParams('?net=room-12')).not.toHaveProperty('broker');
  });

  it.each(['http://10.0.0.5/mqtt', 'https://x/mqtt', '//evil.example/mqtt', 'mqtt', 'javascript:alert(1)', 'ws://', '/mq tt', '/mqtt?x=1', `/${'m'.repeat(3000)}`])(
    'ignores ?broker=%s with a warning',
    (broker) => {
      const params = parsePageParams(`?broker=${encodeURIComponent(broker)}`);
      expect(params).not.toHaveProperty('broker');
      expect(params.warnings).toEqual([{ key: 'paramNotOneOf', values: { name: 'broker', value: broker, choices: 'ws://…, wss://…, /mqtt' } }]);
    },
  );
});
