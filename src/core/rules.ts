import { DEFAULT_DIFFICULTY, DEFAULT_RULE, type ProofRule } from './proof';

export const MIN_DIFFICULTY = 1;
export const MAX_DIFFICULTY = 6;

export type GenesisMode = 'node' | 'shared';
export const GENESIS_MODES: readonly GenesisMode[] = ['node', 'shared'];

/** The rules every tab of one network shares. */
export interface NetworkRules {
  readonly rule: ProofRule;
  readonly difficulty: number;
  /** `node`: every node makes its own genesis, as in the tutorial; `shared`: one fixed genesis. */
  readonly genesis: GenesisMode;
  readonly strict: boolean;
  /**
   * Spend only what you have: a transaction may not spend more than its sender's balance.
   * It builds on strict validation (numeric amounts, one reward of 1 per block, which is what
   * makes a balance mean anything), so it is only on together with `strict`.
   */
  readonly balances: boolean;
  /** Adopt a longer valid chain as soon as a peer announces it (the tutorial waits for a resolve). */
  readonly autoResolve: boolean;
}

export const DEFAULT_RULES: NetworkRules = {
  rule: DEFAULT_RULE,
  difficulty: DEFAULT_DIFFICULTY,
  genesis: 'node',
  strict: false,
  balances: false,
  autoResolve: false,
};


/** The rules that decide whether a chain is valid; auto-resolve only decides when to adopt one. */
export function sameChainRules(a: NetworkRules, b: NetworkRules): boolean {
  return a.rule === b.rule && a.difficulty === b.difficulty && a.genesis === b.genesis && a.strict === b.strict && a.balances === b.balances;
}

/**
 * Rules by height. Like Bitcoin's target, which is set per block, a version of the rules takes
 * effect from a block number on: blocks are judged under the rules in force at their height,
 * so raising the difficulty or switching to `bound` keeps every block already mined and
 * applies to the next ones. A schedule is the list of those steps, the first from block 1;
 * only the genesis mode cannot change from a height (it decides block 1 itself).
 */
export interface ChainRules {
  readonly rule: ProofRule;
  readonly difficulty: number;
  readonly strict: boolean;
  readonly balances: boolean;
}

/** The chain rules from block `from` (1-based) on, until the next step. */
export interface RulesStep extends ChainRules {
  readonly from: number;
}

export type RulesSchedule = readonly RulesStep[];

/**
 * The most steps a schedule holds: a class changes its rules a few times a lesson. A change
 * past it is refused (a reset of the network starts a new schedule).
 */
export const MAX_RULES_STEPS = 32;

/** The highest block number a step may start from (a height of the protocol). */
export const MAX_STEP_HEIGHT = 2 ** 31;

export const chainRulesOf = (rules: ChainRules): ChainRules => ({
  rule: rules.rule,
  difficulty: rules.difficulty,
  strict: rules.strict,
  balances: rules.balances,
});

export function sameStepRules(a: ChainRules, b: ChainRules): boolean {
  return a.rule === b.rule && a.difficulty === b.difficulty && a.strict === b.strict && a.balances === b.balances;
}

/** The schedule of a network that starts under `rules`: one step, from the genesis on. */
export const initialSchedule = (rules: ChainRules): RulesSchedule => [{ from: 1, ...chainRulesOf(rules) }];

/** The step that holds block `height` (1-based): the chain rules that block is judged by. */
export function rulesAt(schedule: RulesSchedule, height: number): RulesStep {
  let found = schedule[0];
  for (const step of schedule) {
    if (step.from > height) break;
    found = step;
  }
  if (found === undefined) throw new Error('A rules schedule has at least one step.');
  return found;
}

export function sameSchedule(a: RulesSchedule, b: RulesSchedule): boolean {
  return a.length === b.length && a.every((step, i) => {
    const other = b[i];
    return other !== undefined && other.from === step.from && sameStepRules(step, other);
  });
}

/**
 * What a change of the network's rules does to its schedule: `from` a height (every block
 * below it keeps the rules it was mined under), or a restart when the genesis changes.
 */
export type ScheduleChange =
  | { readonly kind: 'same'; readonly schedule: RulesSchedule }
  | { readonly kind: 'from-height'; readonly from: number; readonly schedule: RulesSchedule }
  | { readonly kind: 'restart'; readonly schedule: RulesSchedule }
  | { readonly kind: 'too-many-steps' };

/**
 * The schedule after `after` replaces `before`. `height` is the highest block the network is
 * known to hold: the new chain rules apply from the block after it (and never before the last
 * step, which a newer version of the schedule cannot rewrite).
 */
export function nextSchedule(schedule: RulesSchedule, before: NetworkRules, after: NetworkRules, height: number): ScheduleChange {
  if (before.genesis !== after.genesis) return { kind: 'restart', schedule: initialSchedule(after) };
  const last = schedule.at(-1);
  if (last === undefined) return { kind: 'restart', schedule: initialSchedule(after) };
  if (sameStepRules(last, after)) return { kind: 'same', schedule };
  const from = Math.min(MAX_STEP_HEIGHT, Math.max(last.from, Math.floor(height) + 1));
  const earlier = last.from === from ? schedule.slice(0, -1) : schedule;
  const previous = earlier.at(-1);
  // Back to the rules of the step before: that step simply goes on.
  if (previous !== undefined && sameStepRules(previous, after)) return { kind: 'from-height', from, schedule: earlier };
  if (earlier.length >= MAX_RULES_STEPS) return { kind: 'too-many-steps' };
  return { kind: 'from-height', from, schedule: [...earlier, { from, ...chainRulesOf(after) }] };
}


/** The names of the fields that differ, in declaration order. */
export function changedRuleFields(before: NetworkRules, after: NetworkRules): (keyof NetworkRules)[] {
  const fields: (keyof NetworkRules)[] = ['rule', 'difficulty', 'genesis', 'strict', 'balances', 'autoResolve'];
  return fields.filter((field) => before[field] !== after[field]);
}

/*
 * Which rules a network runs is agreed without a leader: every version of the rules carries
 * a clock, and every tab keeps the version whose clock wins. A change takes the highest epoch
 * seen plus one, so it beats everything before it. At equal epochs the older version wins:
 * every tab starts at epoch 0 with the rules of its URL, so a tab that joins a running
 * network adopts the network's rules instead of imposing its own. The id breaks exact ties.
 */
export interface RulesClock {
  readonly epoch: number;
  /** when this version was set, in ms since the epoch */
  readonly at: number;
  /** the node that set it */
  readonly by: string;
}


/** True when `a` beats `b`: the network must run the rules stamped with `a`. */
export function rulesClockWins(a: RulesClock, b: RulesClock): boolean {
  if (a.epoch !== b.epoch) return a.epoch > b.epoch;
  if (a.at !== b.at) return a.at < b.at;
  return a.by < b.by;
}
