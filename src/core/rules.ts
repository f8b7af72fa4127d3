import { z } from 'zod';
import { DEFAULT_DIFFICULTY, DEFAULT_RULE, PROOF_RULES, type ProofRule } from './proof';

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

export const proofRuleSchema = z.enum(PROOF_RULES as [ProofRule, ...ProofRule[]]);
export const genesisModeSchema = z.enum(GENESIS_MODES as [GenesisMode, ...GenesisMode[]]);

/** Read after the field's name: "balances needs strict validation on …". */
export const BALANCES_NEED_STRICT = 'needs strict validation on (spending only what you have builds on it)';

export const networkRulesSchema = z
  .strictObject({
    rule: proofRuleSchema,
    difficulty: z.number().int().min(MIN_DIFFICULTY).max(MAX_DIFFICULTY),
    genesis: genesisModeSchema,
    strict: z.boolean(),
    balances: z.boolean(),
    autoResolve: z.boolean(),
  })
  .refine((rules) => rules.strict || !rules.balances, { error: BALANCES_NEED_STRICT, path: ['balances'] });

/** The rules that decide whether a chain is valid; auto-resolve only decides when to adopt one. */
export function sameChainRules(a: NetworkRules, b: NetworkRules): boolean {
  return a.rule === b.rule && a.difficulty === b.difficulty && a.genesis === b.genesis && a.strict === b.strict && a.balances === b.balances;
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

export const rulesClockSchema = z.strictObject({
  epoch: z.number().int().min(0).max(2 ** 31),
  at: z.number().min(0),
  by: z.string().min(1).max(64),
});

/** True when `a` beats `b`: the network must run the rules stamped with `a`. */
export function rulesClockWins(a: RulesClock, b: RulesClock): boolean {
  if (a.epoch !== b.epoch) return a.epoch > b.epoch;
  if (a.at !== b.at) return a.at < b.at;
  return a.by < b.by;
}
