import { z } from 'zod';
import { PROOF_RULES, type ProofRule } from '../core/proof';
import { DEFAULT_RULES, MAX_DIFFICULTY, MIN_DIFFICULTY, type NetworkRules } from '../core/rules';
import { DEFAULT_NETWORK, parseNetworkName, type NetworkName } from '../network/ids';
import { MINING_ENGINES, miningEngineSchema, type MiningEngine } from './mining/range-search';


export interface PageParams {
  readonly network: NetworkName;
  readonly rules: NetworkRules;
  /** `?engine=` and `?threads=` when given (threads are capped by the node at its processors) */
  readonly mining: { readonly engine?: MiningEngine; readonly threads?: number };
  /** one sentence per ignored parameter, shown to the user */
  readonly warnings: readonly string[];
}

/** More miner threads than this would only compete for the same processors. */
export const MAX_THREADS = 64;

const ruleParam = z.enum(PROOF_RULES as [ProofRule, ...ProofRule[]], {
  error: `rule must be one of ${PROOF_RULES.join(', ')}`,
});
const difficultyParam = z.coerce
  .number({ error: 'difficulty must be a number' })
  .int({ error: 'difficulty must be a whole number' })
  .min(MIN_DIFFICULTY, { error: `difficulty must be at least ${MIN_DIFFICULTY}` })
  .max(MAX_DIFFICULTY, { error: `difficulty must be at most ${MAX_DIFFICULTY}` });
const engineParam = z.enum(miningEngineSchema.options, {
  error: `engine must be one of ${MINING_ENGINES.join(', ')}`,
});
const threadsParam = z.coerce
  .number({ error: 'threads must be a number' })
  .int({ error: 'threads must be a whole number' })
  .min(1, { error: 'threads must be at least 1' })
  .max(MAX_THREADS, { error: `threads must be at most ${MAX_THREADS}` });
const genesisParam = z.enum(['node', 'shared'], { error: 'genesis must be node or shared' });
const switchParam = (name: string) => z.enum(['0', '1', 'true', 'false'], { error: `${name} must be 0 or 1` });
const isOn = (value: string): boolean => value === '1' || value === 'true';
const asParam = (on: boolean): string => (on ? '1' : '0');

/**
 * Reads `?net=`, `?rule=`, `?difficulty=`, `?genesis=`, `?strict=`, `?balances=` and `?autoresolve=` from
 * a page's query string: the rules a new network starts with (a tab joining a running network
 * adopts that network's rules), and this tab's `?engine=` and `?threads=`. A bad value is
 * ignored with a warning instead of breaking the page.
 */
export function parsePageParams(search: string): PageParams {
  const params = new URLSearchParams(search);
  const warnings: string[] = [];
  const pickOptional = <T>(name: string, schema: z.ZodType<T>): T | undefined => {
    const raw = params.get(name);
    if (raw === null) return undefined;
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    warnings.push(`?${name}=${raw} ignored: ${parsed.error.issues[0]?.message ?? 'invalid value'}.`);
    return undefined;
  };
  const pick = <T>(name: string, schema: z.ZodType<T>, fallback: T): T => pickOptional(name, schema) ?? fallback;

  let network: NetworkName = DEFAULT_NETWORK;
  const rawNet = params.get('net');
  if (rawNet !== null) {
    const parsed = parseNetworkName(rawNet);
    if (parsed.ok) network = parsed.name;
    else warnings.push(`?net=${rawNet} ignored: ${parsed.error}`);
  }
  const rule = pick('rule', ruleParam, DEFAULT_RULES.rule);
  const difficulty = pick('difficulty', difficultyParam, DEFAULT_RULES.difficulty);
  const genesis = pick('genesis', genesisParam, DEFAULT_RULES.genesis);
  const strictParam = pickOptional('strict', switchParam('strict'));
  const strict = isOn(strictParam ?? asParam(DEFAULT_RULES.strict));
  const balances = isOn(pick('balances', switchParam('balances'), asParam(DEFAULT_RULES.balances)));
  // Spending only what you have builds on strict validation, so it turns strict on.
  if (balances && strictParam !== undefined && !strict) {
    warnings.push(`?strict=${strictParam} ignored: ?balances=1 needs strict validation on.`);
  }
  const rules: NetworkRules = {
    rule,
    difficulty,
    genesis,
    strict: strict || balances,
    balances,
    autoResolve: isOn(pick('autoresolve', switchParam('autoresolve'), asParam(DEFAULT_RULES.autoResolve))),
  };
  const engine = pickOptional('engine', engineParam);
  const threads = pickOptional('threads', threadsParam);
  const mining = { ...(engine === undefined ? {} : { engine }), ...(threads === undefined ? {} : { threads }) };
  return { network, rules, mining, warnings };
}
