import { z } from 'zod';
import { PROOF_RULES, type ProofRule } from './proof';
import { GENESIS_MODES, MAX_DIFFICULTY, MAX_RULES_STEPS, MAX_STEP_HEIGHT, MIN_DIFFICULTY, type GenesisMode } from './rules';

/*
 * The network's rules as they come from outside (a peer, the store, the page), parsed with
 * zod. Apart from rules.ts so that the page, which reads schedules but parses none of them,
 * does not load all of zod for them.
 */

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

const rulesStepSchema = z.strictObject({
  from: z.number().int().min(1).max(MAX_STEP_HEIGHT),
  rule: proofRuleSchema,
  difficulty: z.number().int().min(MIN_DIFFICULTY).max(MAX_DIFFICULTY),
  strict: z.boolean(),
  balances: z.boolean(),
});

/** A schedule from outside (a peer, the store): from block 1, heights rising, balances only with strict. */
export const rulesScheduleSchema = z
  .array(rulesStepSchema)
  .min(1)
  .max(MAX_RULES_STEPS)
  .refine((steps) => steps[0]?.from === 1, { error: 'the first step starts at block 1' })
  .refine((steps) => steps.every((step, i) => i === 0 || step.from > (steps[i - 1]?.from ?? 0)), {
    error: 'the steps start at rising block numbers',
  })
  .refine((steps) => steps.every((step) => step.strict || !step.balances), { error: `balances ${BALANCES_NEED_STRICT}` })
  .readonly();

export const rulesClockSchema = z.strictObject({
  epoch: z.number().int().min(0).max(2 ** 31),
  at: z.number().min(0),
  by: z.string().min(1).max(64),
});
