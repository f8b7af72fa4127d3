import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, MAX_RULES_STEPS, initialSchedule, nextSchedule, rulesAt, sameSchedule, type NetworkRules, type RulesSchedule } from './rules';
import { rulesScheduleSchema } from './rules-schemas';

const BASE: NetworkRules = { ...DEFAULT_RULES, difficulty: 3 };
const step = (from: number, changes: Partial<NetworkRules> = {}) => {
  const { rule, difficulty, strict, balances } = { ...BASE, ...changes };
  return { from, rule, difficulty, strict, balances };
};

describe('rules by height', () => {
  it('gives every block the step that holds its number', () => {
    const schedule: RulesSchedule = [step(1), step(4, { difficulty: 4 }), step(9, { rule: 'bound' })];
    expect([1, 2, 3].map((height) => rulesAt(schedule, height).difficulty)).toEqual([3, 3, 3]);
    expect(rulesAt(schedule, 4)).toEqual(step(4, { difficulty: 4 }));
    expect(rulesAt(schedule, 8).rule).toBe('tutorial');
    expect(rulesAt(schedule, 9).rule).toBe('bound');
    expect(rulesAt(schedule, 2 ** 31).rule).toBe('bound');
  });

  it('starts a new chain rule at the block after the network’s highest', () => {
    const start = initialSchedule(BASE);
    expect(nextSchedule(start, BASE, { ...BASE, difficulty: 4 }, 5)).toEqual({
      kind: 'from-height',
      from: 6,
      schedule: [step(1), step(6, { difficulty: 4 })],
    });
  });

  it('never starts before the last step: a newer version cannot rewrite the history it knows', () => {
    const schedule: RulesSchedule = [step(1), step(8, { difficulty: 4 })];
    // A tab at height 3 (behind) changes the rules: they start at block 8 too, replacing that step.
    expect(nextSchedule(schedule, { ...BASE, difficulty: 4 }, { ...BASE, difficulty: 5 }, 3)).toEqual({
      kind: 'from-height',
      from: 8,
      schedule: [step(1), step(8, { difficulty: 5 })],
    });
    // Going back to the rules before that step, before any block was mined under it, drops the step.
    expect(nextSchedule(schedule, { ...BASE, difficulty: 4 }, BASE, 7)).toEqual({ kind: 'from-height', from: 8, schedule: [step(1)] });
  });

  it('leaves the schedule alone when only auto-resolve changes, and restarts it for a new genesis mode', () => {
    const schedule: RulesSchedule = [step(1), step(4, { rule: 'repo' })];
    const rules: NetworkRules = { ...BASE, rule: 'repo' };
    expect(nextSchedule(schedule, rules, { ...rules, autoResolve: true }, 10)).toEqual({ kind: 'same', schedule });
    expect(nextSchedule(schedule, rules, { ...rules, genesis: 'shared' }, 10)).toEqual({
      kind: 'restart',
      schedule: [step(1, { rule: 'repo' })],
    });
  });

  it('holds at most MAX_RULES_STEPS steps', () => {
    let schedule = initialSchedule(BASE);
    let rules = BASE;
    for (let height = 1; schedule.length < MAX_RULES_STEPS; height++) {
      const next = { ...rules, difficulty: rules.difficulty === 3 ? 4 : 3 };
      const change = nextSchedule(schedule, rules, next, height);
      if (change.kind !== 'from-height') throw new Error(`expected a step, got ${change.kind}`);
      schedule = change.schedule;
      rules = next;
    }
    expect(nextSchedule(schedule, rules, { ...rules, rule: 'bound' }, 100)).toEqual({ kind: 'too-many-steps' });
  });

  it('every change keeps the rules of every block already mined (property)', () => {
    const rulesArbitrary = fc
      .record({
        rule: fc.constantFrom('tutorial', 'repo', 'bound'),
        difficulty: fc.integer({ min: 1, max: 6 }),
        strict: fc.boolean(),
        balances: fc.boolean(),
        autoResolve: fc.boolean(),
      })
      .map((rules): NetworkRules => ({ ...rules, genesis: 'node', balances: rules.strict && rules.balances }));
    fc.assert(
      fc.property(fc.array(fc.tuple(rulesArbitrary, fc.integer({ min: 0, max: 5 })), { maxLength: 20 }), (changes) => {
        let schedule = initialSchedule(BASE);
        let rules = BASE;
        let height = 1;
        for (const [next, mined] of changes) {
          height += mined;
          const change = nextSchedule(schedule, rules, next, height);
          if (change.kind === 'too-many-steps' || change.kind === 'restart') return;
          for (let block = 1; block <= height; block++) expect(rulesAt(change.schedule, block)).toMatchObject(rulesAt(schedule, block));
          expect(rulesAt(change.schedule, height + 1)).toMatchObject({ rule: next.rule, difficulty: next.difficulty, strict: next.strict, balances: next.balances });
          expect(rulesScheduleSchema.safeParse(change.schedule).success).toBe(true);
          schedule = change.schedule;
          rules = next;
        }
      }),
    );
  });

  it('compares schedules by their steps', () => {
    expect(sameSchedule([step(1), step(3)], [step(1), step(3)])).toBe(true);
    expect(sameSchedule([step(1)], [step(1), step(3)])).toBe(false);
    expect(sameSchedule([step(1), step(3)], [step(1), step(4)])).toBe(false);
    expect(sameSchedule([step(1)], [step(1, { strict: true })])).toBe(false);
  });

  it.each([
    ['no step', []],
    ['a first step after block 1', [step(2)]],
    ['steps out of order', [step(1), step(5), step(4)]],
    ['two steps at one block', [step(1), step(5), step(5)]],
    ['balances without strict', [step(1, { balances: true })]],
    ['a difficulty out of range', [step(1, { difficulty: 9 })]],
    ['too many steps', Array.from({ length: MAX_RULES_STEPS + 1 }, (_, i) => step(i + 1))],
  ])('refuses a schedule with %s', (_name, schedule) => {
    expect(rulesScheduleSchema.safeParse(schedule).success).toBe(false);
  });
});
