import { z } from 'zod';
import { DEFAULT_DIFFICULTY, DEFAULT_RULE, PROOF_RULES, type ProofRule } from '../core/proof';
import { DEFAULT_NETWORK, parseNetworkName, type NetworkName } from '../network/ids';

export const MIN_DIFFICULTY = 1;
export const MAX_DIFFICULTY = 6;

export type GenesisMode = 'node' | 'shared';

/** The rules every tab of one network shares. */
export interface NetworkRules {
  readonly rule: ProofRule;
  readonly difficulty: number;
  /** `node`: every node makes its own genesis, as in the tutorial; `shared`: one fixed genesis. */
  readonly genesis: GenesisMode;
  readonly strict: boolean;
}

export const DEFAULT_RULES: NetworkRules = {
  rule: DEFAULT_RULE,
  difficulty: DEFAULT_DIFFICULTY,
  genesis: 'node',
  strict: false,
};

export const networkRulesSchema = z.strictObject({
  rule: z.enum(PROOF_RULES as [ProofRule, ...ProofRule[]]),
  difficulty: z.number().int().min(MIN_DIFFICULTY).max(MAX_DIFFICULTY),
  genesis: z.enum(['node', 'shared']),
  strict: z.boolean(),
});

export interface PageParams {
  readonly network: NetworkName;
  readonly rules: NetworkRules;
  /** one sentence per ignored parameter, shown to the user */
  readonly warnings: readonly string[];
}

const ruleParam = z.enum(PROOF_RULES as [ProofRule, ...ProofRule[]], {
  error: `rule must be one of ${PROOF_RULES.join(', ')}`,
});
const difficultyParam = z.coerce
  .number({ error: 'difficulty must be a number' })
  .int({ error: 'difficulty must be a whole number' })
  .min(MIN_DIFFICULTY, { error: `difficulty must be at least ${MIN_DIFFICULTY}` })
  .max(MAX_DIFFICULTY, { error: `difficulty must be at most ${MAX_DIFFICULTY}` });
const genesisParam = z.enum(['node', 'shared'], { error: 'genesis must be node or shared' });
const strictParam = z.enum(['0', '1', 'true', 'false'], { error: 'strict must be 0 or 1' });

/**
 * Reads `?net=`, `?rule=`, `?difficulty=`, `?genesis=` and `?strict=` from a page's query
 * string. A bad value is ignored with a warning instead of breaking the page.
 */
export function parsePageParams(search: string): PageParams {
  const params = new URLSearchParams(search);
  const warnings: string[] = [];
  const pick = <T>(name: string, schema: z.ZodType<T>, fallback: T): T => {
    const raw = params.get(name);
    if (raw === null) return fallback;
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    warnings.push(`?${name}=${raw} ignored: ${parsed.error.issues[0]?.message ?? 'invalid value'}.`);
    return fallback;
  };

  let network: NetworkName = DEFAULT_NETWORK;
  const rawNet = params.get('net');
  if (rawNet !== null) {
    const parsed = parseNetworkName(rawNet);
    if (parsed.ok) network = parsed.name;
    else warnings.push(`?net=${rawNet} ignored: ${parsed.error}`);
  }
  const strict = pick('strict', strictParam, DEFAULT_RULES.strict ? '1' : '0');
  const rules: NetworkRules = {
    rule: pick('rule', ruleParam, DEFAULT_RULES.rule),
    difficulty: pick('difficulty', difficultyParam, DEFAULT_RULES.difficulty),
    genesis: pick('genesis', genesisParam, DEFAULT_RULES.genesis),
    strict: strict === '1' || strict === 'true',
  };
  return { network, rules, warnings };
}
