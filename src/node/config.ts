import { z } from 'zod';
import { PROOF_RULES, type ProofRule } from '../core/proof';
import { DEFAULT_RULES, MAX_DIFFICULTY, MIN_DIFFICULTY, type NetworkRules } from '../core/rules';
import { isBrokerAddress } from '../network/broker-address';
import { DEFAULT_NETWORK, parseNetworkName, type NetworkName } from '../network/ids';
import { isPublicKey, isSecretOf } from '../network/signing';
import type { NodeMessage } from '../contract/node-messages';
import type { MiningEngine } from '../contract/views';
import { MINING_ENGINES, miningEngineSchema } from './mining/range-search';


export interface PageParams {
  readonly network: NetworkName;
  readonly rules: NetworkRules;
  /** `?engine=` and `?threads=` when given (threads are capped by the node at its processors) */
  readonly mining: { readonly engine?: MiningEngine; readonly threads?: number };
  /** `?broker=`: a ws:// or wss:// URL, or a path on the page's own origin; none: BroadcastChannel */
  readonly broker?: string;
  /** `?teacher=`: the secret half of `networkKey`, which makes this browser the teacher's (npm start prints that link) */
  readonly teacherSecret?: string;
  /** `?key=`: the public key of the network's teacher, whose signature alone changes its rules; none: this browser's own network */
  readonly networkKey?: string;
  /** one sentence per ignored parameter, shown to the user */
  readonly warnings: readonly NodeMessage[];
}

/** More miner threads than this would only compete for the same processors. */
export const MAX_THREADS = 64;

/**
 * Each parameter's schema; a refusal's zod message is the key of the warning it gives
 * (checked by `isParamProblem`), its bounds and choices are the warning's values.
 */
const ruleParam = z.enum(PROOF_RULES as [ProofRule, ...ProofRule[]], { error: 'paramNotOneOf' });
const difficultyParam = z.coerce
  .number({ error: 'paramNotNumber' })
  .int({ error: 'paramNotWholeNumber' })
  .min(MIN_DIFFICULTY, { error: 'paramTooSmall' })
  .max(MAX_DIFFICULTY, { error: 'paramTooLarge' });
const engineParam = z.enum(miningEngineSchema.options, { error: 'paramNotOneOf' });
const threadsParam = z.coerce
  .number({ error: 'paramNotNumber' })
  .int({ error: 'paramNotWholeNumber' })
  .min(1, { error: 'paramTooSmall' })
  .max(MAX_THREADS, { error: 'paramTooLarge' });
const genesisParam = z.enum(['node', 'shared'], { error: 'paramGenesis' });
const switchParam = z.enum(['0', '1', 'true', 'false'], { error: 'paramNotSwitch' });
const brokerParam = z.string().refine(isBrokerAddress, { error: 'paramNotOneOf' });
/** What a refused `?broker=` is told to be instead. */
const BROKER_CHOICES = ['ws://…', 'wss://…', '/mqtt'];

const PARAM_PROBLEMS = ['paramNotOneOf', 'paramNotNumber', 'paramNotWholeNumber', 'paramTooSmall', 'paramTooLarge', 'paramGenesis', 'paramNotSwitch'] as const;
type ParamProblem = (typeof PARAM_PROBLEMS)[number];
const isParamProblem = (text: string | undefined): text is ParamProblem => PARAM_PROBLEMS.some((problem) => problem === text);

/** What a warning about parameter `name` may say besides its name and value. */
interface ParamLimits {
  readonly choices?: readonly string[];
  readonly min?: number;
  readonly max?: number;
}

/** The warning for `?name=value`, refused with `problem`. */
function paramWarning(problem: ParamProblem, name: string, value: string, limits: ParamLimits): NodeMessage {
  switch (problem) {
    case 'paramNotOneOf':
      return { key: problem, values: { name, value, choices: (limits.choices ?? []).join(', ') } };
    case 'paramTooSmall':
      return { key: problem, values: { name, value, min: limits.min ?? 0 } };
    case 'paramTooLarge':
      return { key: problem, values: { name, value, max: limits.max ?? 0 } };
    case 'paramGenesis':
      return { key: problem, values: { value } };
    case 'paramNotNumber':
    case 'paramNotWholeNumber':
    case 'paramNotSwitch':
      return { key: problem, values: { name, value } };
  }
}

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
  const warnings: NodeMessage[] = [];
  const pickOptional = <T>(name: string, schema: z.ZodType<T>, limits: ParamLimits = {}): T | undefined => {
    const raw = params.get(name);
    if (raw === null) return undefined;
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    const problem = parsed.error.issues[0]?.message;
    warnings.push(paramWarning(isParamProblem(problem) ? problem : 'paramNotOneOf', name, raw, limits));
    return undefined;
  };
  const pick = <T>(name: string, schema: z.ZodType<T>, fallback: T, limits: ParamLimits = {}): T => pickOptional(name, schema, limits) ?? fallback;

  let network: NetworkName = DEFAULT_NETWORK;
  const rawNet = params.get('net');
  if (rawNet !== null) {
    const parsed = parseNetworkName(rawNet);
    if (parsed.ok) network = parsed.name;
    else warnings.push({ key: 'paramNetwork', values: { value: rawNet } });
  }
  const rule = pick('rule', ruleParam, DEFAULT_RULES.rule, { choices: PROOF_RULES });
  const difficulty = pick('difficulty', difficultyParam, DEFAULT_RULES.difficulty, { min: MIN_DIFFICULTY, max: MAX_DIFFICULTY });
  const genesis = pick('genesis', genesisParam, DEFAULT_RULES.genesis);
  const strictParam = pickOptional('strict', switchParam);
  const strict = isOn(strictParam ?? asParam(DEFAULT_RULES.strict));
  const balances = isOn(pick('balances', switchParam, asParam(DEFAULT_RULES.balances)));
  // Spending only what you have builds on strict validation, so it turns strict on.
  if (balances && strictParam !== undefined && !strict) {
    warnings.push({ key: 'strictNeeded', values: { value: strictParam } });
  }
  const rules: NetworkRules = {
    rule,
    difficulty,
    genesis,
    strict: strict || balances,
    balances,
    autoResolve: isOn(pick('autoresolve', switchParam, asParam(DEFAULT_RULES.autoResolve))),
  };
  const engine = pickOptional('engine', engineParam, { choices: MINING_ENGINES });
  const threads = pickOptional('threads', threadsParam, { min: 1, max: MAX_THREADS });
  const mining = { ...(engine === undefined ? {} : { engine }), ...(threads === undefined ? {} : { threads }) };
  const broker = pickOptional('broker', brokerParam, { choices: BROKER_CHOICES });
  const rawKey = params.get('key');
  const networkKey = rawKey !== null && isPublicKey(rawKey) ? rawKey : undefined;
  if (rawKey !== null && networkKey === undefined) warnings.push({ key: 'paramKey', values: { value: rawKey.slice(0, 60) } });
  const rawSecret = params.get('teacher');
  const teacherSecret = rawSecret !== null && networkKey !== undefined && isSecretOf(rawSecret, networkKey) ? rawSecret : undefined;
  if (rawSecret !== null && teacherSecret === undefined) warnings.push({ key: 'paramTeacher', values: {} });
  return {
    network,
    rules,
    mining,
    warnings,
    ...(broker === undefined ? {} : { broker }),
    ...(networkKey === undefined ? {} : { networkKey }),
    ...(teacherSecret === undefined ? {} : { teacherSecret }),
  };
}
