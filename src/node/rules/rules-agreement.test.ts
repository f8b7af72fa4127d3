import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROOF_RULES } from '../../core/proof';
import { initialSchedule, MAX_RULES_STEPS, rulesAt, sameStepRules, type NetworkRules, type RulesSchedule, type RulesStep } from '../../core/rules';
import { TEST_RULES } from '../node-parts.test-suite';
import { firstDifferentStep, RulesAgreement } from './rules-agreement';

const SELF = 'bbbbbbbb';
const agreement = (rules: NetworkRules = TEST_RULES, at = 5_000): RulesAgreement => new RulesAgreement(rules, SELF, () => at);
const changed = (change: Partial<NetworkRules>): NetworkRules => ({ ...TEST_RULES, ...change });

describe('RulesAgreement versions and clocks', () => {
  it('starts at epoch 0 with the rules it was given, from block 1, stamped with its start and id', () => {
    const rules = agreement(changed({ rule: 'bound', difficulty: 2 }));
    expect(rules.clock).toEqual({ epoch: 0, at: 5_000, by: SELF });
    expect(rules.schedule).toEqual(initialSchedule(changed({ rule: 'bound', difficulty: 2 })));
    expect(rules.at(1)).toMatchObject({ rule: 'bound', difficulty: 2 });
    expect(rules.current).toEqual({ rules: rules.rules, schedule: rules.schedule, clock: rules.clock, signature: null });
  });

  it('lets a tab that joins adopt the older version at the same epoch, and not a younger one', () => {
    const rules = agreement();
    expect(rules.hear({ epoch: 0, at: 4_000, by: 'zzzzzzzz' }).wins).toBe(true);
    expect(rules.hear({ epoch: 0, at: 6_000, by: 'aaaaaaaa' }).wins).toBe(false);
    // An exact tie goes to the lower id.
    expect(rules.hear({ epoch: 0, at: 5_000, by: 'aaaaaaaa' }).wins).toBe(true);
    expect(rules.hear({ epoch: 0, at: 5_000, by: 'cccccccc' }).wins).toBe(false);
  });

  it('lets a later epoch win whatever its time', () => {
    const rules = agreement();
    expect(rules.hear({ epoch: 1, at: 9_999_999, by: 'zzzzzzzz' }).wins).toBe(true);
    rules.apply({ ...rules.current, clock: { epoch: 3, at: 1, by: 'aaaaaaaa' } });
    expect(rules.hear({ epoch: 2, at: 0, by: 'aaaaaaaa' }).wins).toBe(false);
  });

  it('lets a signed version win over its own unsigned start, and then only by its clock', () => {
    const rules = agreement();
    expect(rules.hearSigned({ epoch: 0, at: 6_000, by: 'x' })).toEqual({ wins: true, joining: true });
    rules.restore({ ...rules.current, signature: 'signed' });
    expect(rules.hearSigned({ epoch: 0, at: 6_000, by: 'x' }).wins).toBe(false);
    expect(rules.hearSigned({ epoch: 1, at: 6_000, by: 'x' }).wins).toBe(true);
  });

  it('says it is joining for the first version it hears only, winning or not', () => {
    const rules = agreement();
    expect(rules.hear({ epoch: 0, at: 6_000, by: 'x' })).toEqual({ wins: false, joining: true });
    expect(rules.hear({ epoch: 5, at: 6_000, by: 'x' })).toEqual({ wins: true, joining: false });
    expect(rules.hear({ epoch: 0, at: 1, by: 'x' }).joining).toBe(false);
  });

  it('proposes a change that beats every version seen: the epoch after ours, stamped now by its maker', () => {
    const rules = agreement();
    rules.apply({ ...rules.current, clock: { epoch: 4, at: 1, by: 'x' } });
    const change = rules.change(changed({ difficulty: 3 }), 1);
    if (!change.ok) throw new Error('a valid change');
    const version = rules.propose(change, SELF, () => 7_000);
    expect(version).toEqual({ rules: changed({ difficulty: 3 }), schedule: change.change.schedule, clock: { epoch: 5, at: 7_000, by: SELF }, signature: null });
    expect(rules.hear(version.clock).wins).toBe(true);
  });

  it('restores the version a stored node ran', () => {
    const rules = agreement();
    const stored = { rules: changed({ difficulty: 2 }), schedule: initialSchedule(changed({ difficulty: 2 })), clock: { epoch: 7, at: 3, by: 'x' }, signature: null };
    rules.restore(stored);
    expect(rules.current).toBe(stored);
  });

  it('makes a reset a version that starts the schedule over under its rules', () => {
    const rules = agreement();
    const clock = { epoch: 9, at: 1, by: 'view' };
    expect(rules.resetVersion(changed({ rule: 'repo' }), clock)).toEqual({ rules: changed({ rule: 'repo' }), schedule: initialSchedule(changed({ rule: 'repo' })), clock, signature: null });
  });
});

describe('RulesAgreement change', () => {
  it.each([
    ['not an object', 'fast', 'rulesNotAnObject'],
    ['a difficulty out of range', { ...TEST_RULES, difficulty: 9 }, 'rulesDifficulty'],
    ['balances without strict', { ...TEST_RULES, balances: true }, 'balancesNeedStrict'],
    ['an unknown field', { ...TEST_RULES, speed: 1 }, 'rulesUnknown'],
    ['an unknown rule', { ...TEST_RULES, rule: 'fast' }, 'rulesNotOneOf'],
  ])('refuses %s', (_, input, key) => {
    expect(agreement().change(input, 1)).toMatchObject({ ok: false, message: { key } });
  });

  it('keeps the schedule for the same chain rules, auto-resolve aside', () => {
    const rules = agreement();
    expect(rules.change({ ...TEST_RULES }, 4)).toEqual({ ok: true, rules: TEST_RULES, change: { kind: 'same', schedule: rules.schedule } });
    expect(rules.change(changed({ autoResolve: true }), 4)).toMatchObject({ ok: true, rules: changed({ autoResolve: true }), change: { kind: 'same' } });
  });

  it('applies new chain rules from the block after the network’s height', () => {
    const change = agreement().change(changed({ rule: 'bound' }), 4);
    expect(change).toEqual({
      ok: true,
      rules: changed({ rule: 'bound' }),
      change: { kind: 'from-height', from: 5, schedule: [...initialSchedule(TEST_RULES), { from: 5, rule: 'bound', difficulty: 1, strict: false, balances: false }] },
    });
  });

  it('starts a new schedule when the genesis mode changes', () => {
    expect(agreement().change(changed({ genesis: 'shared', difficulty: 2 }), 4)).toEqual({
      ok: true,
      rules: changed({ genesis: 'shared', difficulty: 2 }),
      change: { kind: 'restart', schedule: initialSchedule(changed({ genesis: 'shared', difficulty: 2 })) },
    });
  });

  it('refuses a change past the most steps a schedule holds', () => {
    const rules = agreement();
    const schedule: RulesStep[] = Array.from({ length: MAX_RULES_STEPS }, (_, i) => ({ from: i + 1, rule: 'tutorial', difficulty: 1 + (i % 2), strict: false, balances: false }));
    rules.restore({ rules: changed({ difficulty: 2 }), schedule, clock: rules.clock, signature: null });
    expect(rules.change(changed({ difficulty: 5 }), 100)).toEqual({ ok: false, message: { key: 'rulesTooManySteps', values: { max: MAX_RULES_STEPS } } });
  });
});

describe('RulesAgreement preview', () => {
  it('says a change keeps the chain rules, starts from a block, or erases the mined blocks of every tab online', () => {
    const rules = agreement();
    expect(rules.preview(changed({ autoResolve: true }), [3, 5])).toEqual({ ok: true, change: 'same' });
    expect(rules.preview(changed({ difficulty: 2 }), [3, 5])).toEqual({ ok: true, change: 'from-height', from: 6 });
    expect(rules.preview(changed({ difficulty: 2 }), [])).toEqual({ ok: true, change: 'from-height', from: 2 });
    expect(rules.preview(changed({ genesis: 'shared' }), [3, 5, 1])).toEqual({ ok: true, change: 'restart', blocks: 6, tabs: 3 });
    expect(rules.preview({ rule: 'bound' }, [3])).toMatchObject({ ok: false });
  });
});

describe('RulesAgreement apply', () => {
  it('switches to a version and says which fields changed, from which block, and whether the genesis did', () => {
    const rules = agreement();
    const bound = rules.change(changed({ rule: 'bound', autoResolve: true }), 3);
    if (!bound.ok) throw new Error('a valid change');
    const version = rules.propose(bound, SELF);
    expect(rules.apply(version)).toEqual({ changedFields: ['rule', 'autoResolve'], chainRulesChanged: true, genesisChanged: false, fromBlock: 4 });
    expect(rules.current).toBe(version);
    expect(rules.at(3).rule).toBe('tutorial');
    expect(rules.at(4).rule).toBe('bound');
  });

  it('changes no chain rule when only auto-resolve changes', () => {
    const rules = agreement();
    expect(rules.apply({ ...rules.current, rules: changed({ autoResolve: true }) })).toEqual({
      changedFields: ['autoResolve'],
      chainRulesChanged: false,
      genesisChanged: false,
      fromBlock: null,
    });
  });

  it('changes the chain rules of every block with the genesis mode, even under the same schedule', () => {
    const rules = agreement();
    expect(rules.apply({ ...rules.current, rules: changed({ genesis: 'shared' }) })).toEqual({
      changedFields: ['genesis'],
      chainRulesChanged: true,
      genesisChanged: true,
      fromBlock: null,
    });
  });

  it('applies a version equal to ours as no change at all', () => {
    const rules = agreement();
    expect(rules.apply({ ...rules.current, clock: { epoch: 2, at: 1, by: 'x' } })).toEqual({ changedFields: [], chainRulesChanged: false, genesisChanged: false, fromBlock: null });
  });
});

describe('firstDifferentStep', () => {
  const step = fc.record({
    rule: fc.constantFrom(...PROOF_RULES),
    difficulty: fc.integer({ min: 1, max: 3 }),
    strict: fc.boolean(),
  });
  const schedule: fc.Arbitrary<RulesSchedule> = fc
    .tuple(step, fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), step), { maxLength: 4 }))
    .map(([first, rest]) => {
      let from = 1;
      return [
        { from: 1, ...first, balances: false },
        ...rest.map(([gap, next]) => {
          from += gap;
          return { from, ...next, balances: false };
        }),
      ];
    });

  it('is the first height whose chain rules differ, null when every height agrees', () => {
    fc.assert(
      fc.property(schedule, schedule, (a, b) => {
        const last = Math.max(...a.map((s) => s.from), ...b.map((s) => s.from)) + 1;
        let expected: number | null = null;
        for (let height = 1; height <= last && expected === null; height++) {
          if (!sameStepRules(rulesAt(a, height), rulesAt(b, height))) expected = height;
        }
        expect(firstDifferentStep(a, b)).toBe(expected);
        expect(firstDifferentStep(b, a)).toBe(expected);
      }),
    );
  });

  it('sees a schedule split into two equal steps as the same schedule', () => {
    const one: RulesSchedule = [{ from: 1, rule: 'tutorial', difficulty: 2, strict: false, balances: false }];
    const split: RulesSchedule = [...one, { from: 4, rule: 'tutorial', difficulty: 2, strict: false, balances: false }];
    expect(firstDifferentStep(one, split)).toBeNull();
    expect(firstDifferentStep(one, [...one, { from: 4, rule: 'tutorial', difficulty: 2, strict: true, balances: false }])).toBe(4);
  });
});
