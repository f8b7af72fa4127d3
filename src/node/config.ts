import { z } from 'zod';
import { PROOF_RULES, type ProofRule } from '../core/proof';
import { DEFAULT_RULES, MAX_DIFFICULTY, MIN_DIFFICULTY, type NetworkRules } from '../core/rules';
import { DEFAULT_NETWORK, parseNetworkName, type NetworkName } from '../network/ids';


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
const switchParam = (name: string) => z.enum(['0', '1', 'true', 'false'], { error: `${name} must be 0 or 1` });
const isOn = (value: string): boolean => value === '1' || value === 'true';
const asParam = (on: boolean): string => (on ? '1' : '0');

/**
 * Reads `?net=`, `?rule=`, `?difficulty=`, `?genesis=`, `?strict=` and `?autoresolve=` from
 * a page's query string: the rules a new network starts with (a tab joining a running network
 * adopts that network's rules). A bad value is ignored with a warning instead of breaking the page.
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
  const rules: NetworkRules = {
    rule: pick('rule', ruleParam, DEFAULT_RULES.rule),
    difficulty: pick('difficulty', difficultyParam, DEFAULT_RULES.difficulty),
    genesis: pick('genesis', genesisParam, DEFAULT_RULES.genesis),
    strict: isOn(pick('strict', switchParam('strict'), asParam(DEFAULT_RULES.strict))),
    autoResolve: isOn(pick('autoresolve', switchParam('autoresolve'), asParam(DEFAULT_RULES.autoResolve))),
  };
  return { network, rules, warnings };
}
