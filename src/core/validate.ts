import { readLedger, showAmount } from './balances';
import { sha256Hex, type Sha256 } from './digest';
import { isJsonObject, type JsonObject, type JsonValue } from './json-value';
import { blockContentHash, checkProof, isProofRule, type ProofCheck, type ProofRule } from './proof';
import { dumpsPython } from './python-json';
import { rulesAt, type RulesSchedule } from './rules';
import { invalidVerdict, type InvalidVerdict, type Verdict, type VerdictCode, type VerdictValues } from './verdicts';

/*
 * Chain validation with verdicts instead of exceptions.
 *
 * Normal mode is the reference's valid_chain (as reproduced by refcheck.py): for each
 * block after the first, in order: block is an object, previous block is an object,
 * 'previous_hash' present and equal to the previous block's hash, 'proof' present in both,
 * proof rule holds. The genesis block is not checked. Where the reference would raise
 * (empty chain, missing field, non-object block) we return a verdict instead.
 *
 * Strict mode (refcheck --strict) runs only once normal mode has passed, and adds the
 * checks the reference never makes; see checkStrict.
 *
 * Balances ("spend only what you have") builds on strict mode, which it implies: once the
 * strict checks pass, no payment may be negative or spend more than its sender holds at
 * that point of the chain (see balances.ts).
 *
 * Every reason is one plain sentence that says what is wrong and where, written from the
 * templates of verdicts.ts with the verdict's values: the page words the same values in its language.
 */

/** One set of rules for every block of the chain. */
export interface ValidationOptions {
  rule: ProofRule;
  /** Leading hex zeros required, an integer in 0..64. */
  difficulty: number;
  strict: boolean;
  /** Spend only what you have; implies `strict`. */
  balances?: boolean;
}

/**
 * What a chain is judged by: one set of rules for every block, or rules by height (a
 * schedule), where each block is judged under the step that holds its number.
 */
export type ChainJudgement = ValidationOptions | RulesSchedule;

function scheduleOf(rules: ChainJudgement): RulesSchedule {
  if (isSchedule(rules)) return rules;
  return [{ from: 1, rule: rules.rule, difficulty: rules.difficulty, strict: rules.strict, balances: rules.balances === true }];
}

const isSchedule = (rules: ChainJudgement): rules is RulesSchedule => Array.isArray(rules);

export type { InvalidVerdict, Verdict, VerdictCode, VerdictReason, VerdictValues } from './verdicts';
type Invalid = InvalidVerdict;

// Digests are started in batches: enough to keep WebCrypto busy, bounded memory.
const BATCH = 512;

const BLOCK_KEYS: readonly string[] = ['index', 'previous_hash', 'proof', 'timestamp', 'transactions'];
const TX_KEYS: readonly string[] = ['amount', 'recipient', 'sender'];

const invalid = invalidVerdict;

/** A short printable form of any value for reasons (canonical JSON, cut if long). */
function show(value: JsonValue | undefined): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = dumpsPython(value);
  } catch {
    return 'an unprintable value';
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Accepts what refcheck accepts: `{"chain": [...], "length": N}` (GET /chain), a
 * /nodes/resolve answer `{"new_chain": [...]}` or a bare list. `declaredLength` is the
 * document's `length` when present (only strict mode compares it).
 */
export function extractChain(
  doc: JsonValue,
): { ok: true; chain: JsonValue; declaredLength: JsonValue | undefined } | { ok: false; verdict: InvalidVerdict; reason: string } {
  const refuse = (values: VerdictValues) => {
    const verdict = invalid('not-a-list', null, values);
    return { ok: false as const, verdict, reason: verdict.reason };
  };
  if (Array.isArray(doc)) return { ok: true, chain: doc, declaredLength: undefined };
  if (isJsonObject(doc)) {
    for (const key of ['chain', 'new_chain']) {
      if (Object.hasOwn(doc, key)) {
        const chain = doc[key] as JsonValue;
        if (!Array.isArray(chain)) return refuse({ field: key });
        return { ok: true, chain, declaredLength: Object.hasOwn(doc, 'length') ? doc['length'] : undefined };
      }
    }
    return refuse({ variant: 'object' });
  }
  return refuse({ variant: 'other' });
}

async function digestAll(texts: readonly string[], sha256: Sha256): Promise<string[]> {
  const out: string[] = [];
  for (let start = 0; start < texts.length; start += BATCH) {
    const batch = texts.slice(start, start + BATCH);
    out.push(...(await Promise.all(batch.map((text) => sha256Hex(text, sha256)))));
  }
  return out;
}

/**
 * Validates a chain. Never throws (a failing `sha256` is reported as 'unhashable').
 * On success `hashes[i]` is the hash of chain[i], each computed once.
 *
 * `validPrefix`: the hashes of the chain's first blocks when the caller already found those
 * blocks valid under the same options (our own chain, which a peer's chain extends). They
 * are neither hashed nor checked again: only the blocks after them, and their link to the
 * last of them. Long chains then cost what their new blocks cost.
 */
export async function validateChain(
  chain: JsonValue | readonly JsonValue[],
  options: ChainJudgement,
  sha256: Sha256,
  declaredLength?: JsonValue,
  validPrefix: readonly string[] = [],
): Promise<Verdict> {
  try {
    return await validate(chain, options, sha256, declaredLength, validPrefix);
  } catch (e: unknown) {
    return invalid('unhashable', null, { error: errorMessage(e) });
  }
}

async function validate(
  chain: JsonValue | readonly JsonValue[],
  options: ChainJudgement,
  sha256: Sha256,
  declaredLength: JsonValue | undefined,
  validPrefix: readonly string[],
): Promise<Verdict> {
  const schedule = scheduleOf(options);
  if (schedule.length === 0) return invalid('options', null, { variant: 'no-step', rule: '—', difficulty: '—' });
  for (const { rule, difficulty } of schedule) {
    const optionValues = { rule, difficulty: String(difficulty) };
    if (!isProofRule(rule)) return invalid('options', null, { ...optionValues, variant: 'rule' });
    if (!Number.isInteger(difficulty) || difficulty < 0 || difficulty > 64) {
      return invalid('options', null, { ...optionValues, variant: 'difficulty' });
    }
  }
  // Balances build on strict: a step with balances is strict too.
  const strictAt = (pos: number): boolean => {
    const step = rulesAt(schedule, pos + 1);
    return step.strict || step.balances;
  };
  const balancesAt = (pos: number): boolean => rulesAt(schedule, pos + 1).balances;
  if (!Array.isArray(chain)) return invalid('not-a-list', null);
  if (chain.length === 0) {
    return invalid('empty', null);
  }

  // The trusted blocks are a strict prefix: the last one is always checked with its successor.
  const trusted = Math.min(validPrefix.length, chain.length - 1);
  const texts: string[] = [];
  for (let pos = trusted; pos < chain.length; pos++) {
    try {
      texts.push(dumpsPython(chain[pos] as JsonValue));
    } catch (e: unknown) {
      return invalid('unhashable', pos + 1, { error: errorMessage(e) });
    }
  }
  const hashes = [...validPrefix.slice(0, trusted), ...(await digestAll(texts, sha256))];

  const first = Math.max(1, trusted);
  const linkFailure = checkLinks(chain, hashes, first);
  // Proof checks come last within a block, so only blocks before the first link failure
  // need them; whichever failure comes first in the chain wins.
  const proofFailure = await checkProofs(chain, hashes, first, linkFailure?.pos ?? chain.length, schedule, sha256);
  if (proofFailure !== null) return proofFailure;
  if (linkFailure !== null) return linkFailure.verdict;

  if (schedule.some((step) => step.strict || step.balances)) {
    const strictFailure = checkStrict(chain, schedule, strictAt, declaredLength, trusted);
    if (strictFailure !== null) return strictFailure;
  }
  if (schedule.some((step) => step.balances)) {
    // The whole chain, trusted blocks too: a balance carries every payment since the genesis.
    const balanceFailure = checkBalances(chain, balancesAt);
    if (balanceFailure !== null) return balanceFailure;
  }
  return { valid: true, length: chain.length, hashes };
}

/** Every check of the reference except the proof, in its order, from block `first` (0-based); the first failure. */
function checkLinks(chain: readonly JsonValue[], hashes: readonly string[], first: number): { pos: number; verdict: Invalid } | null {
  for (let pos = first; pos < chain.length; pos++) {
    const prev = chain[pos - 1];
    const block = chain[pos];
    const fail = (code: VerdictCode, at: number, values?: VerdictValues) => ({ pos, verdict: invalid(code, at + 1, values) });
    if (!isJsonObject(block)) return fail('not-an-object', pos);
    if (!isJsonObject(prev)) return fail('not-an-object', pos - 1);
    if (!Object.hasOwn(block, 'previous_hash')) return fail('missing-field', pos, { field: 'previous_hash' });
    const prevHash = hashes[pos - 1] as string;
    if (block['previous_hash'] !== prevHash) {
      return fail('previous-hash', pos, { stated: show(block['previous_hash']), expected: prevHash });
    }
    // The previous block's proof is missing: the proof of the block after it cannot be checked.
    if (!Object.hasOwn(prev, 'proof')) return fail('missing-field', pos - 1, { field: 'proof', next: pos + 1 });
    if (!Object.hasOwn(block, 'proof')) return fail('missing-field', pos, { field: 'proof' });
  }
  return null;
}

/** Proof of blocks first..end-1 (0-based), each under the step of its height, digests in parallel batches; the first failure. */
async function checkProofs(
  chain: readonly JsonValue[],
  hashes: readonly string[],
  first: number,
  end: number,
  schedule: RulesSchedule,
  sha256: Sha256,
): Promise<Invalid | null> {
  const checkOne = async (pos: number): Promise<ProofCheck> => {
    // checkLinks has established that both are objects holding a proof.
    const prev = chain[pos - 1] as JsonObject;
    const block = chain[pos] as JsonObject;
    const { rule, difficulty } = rulesAt(schedule, pos + 1);
    const contentHash = rule === 'bound' ? await blockContentHash(block, sha256) : undefined;
    return checkProof(
      {
        rule,
        difficulty,
        lastProof: prev['proof'],
        proof: block['proof'],
        lastHash: hashes[pos - 1] as string,
        ...(contentHash === undefined ? {} : { contentHash }),
      },
      sha256,
    );
  };
  for (let start = first; start < end; start += BATCH) {
    const positions: number[] = [];
    for (let pos = start; pos < Math.min(end, start + BATCH); pos++) positions.push(pos);
    const results = await Promise.all(positions.map(checkOne));
    for (let k = 0; k < results.length; k++) {
      const result = results[k] as ProofCheck;
      if (!result.ok) {
        const pos = positions[k] as number;
        const { rule, difficulty } = rulesAt(schedule, pos + 1);
        return invalid('proof', pos + 1, proofValues(result, rule, difficulty));
      }
    }
  }
  return null;
}

/** The proof failure's details; the guess and digest only when the proof could be hashed at all. */
function proofValues(result: ProofCheck, rule: ProofRule, difficulty: number): VerdictValues {
  if (result.digestHex === '') return { rule, difficulty, problem: result.reason ?? 'it cannot be checked' };
  return { rule, difficulty, guess: JSON.stringify(result.guess), digest: `${result.digestHex.slice(0, 16)}…` };
}

function isNumeric(value: JsonValue | undefined): value is bigint | number {
  return typeof value === 'bigint' || typeof value === 'number';
}

/** No NaN/Infinity anywhere inside (iterative: depth is not bounded by the types). */
function finiteEverywhere(root: JsonValue): boolean {
  const stack: JsonValue[] = [root];
  while (stack.length > 0) {
    const value = stack.pop() as JsonValue;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return false;
    } else if (Array.isArray(value)) {
      stack.push(...value);
    } else if (isJsonObject(value)) {
      for (const key of Object.keys(value)) stack.push(value[key] as JsonValue);
    }
  }
  return true;
}

/** Python's `declared != len(chain)` for a declared length that is not None. */
function sameLength(declared: JsonValue, length: number): boolean {
  if (typeof declared === 'bigint') return declared === BigInt(length);
  if (typeof declared === 'number') return declared === length;
  if (typeof declared === 'boolean') return (declared ? 1 : 0) === length;
  return false;
}

/** "'a', 'b'", the fields a reason names, or a dash for none. */
function fieldNames(keys: readonly string[]): string {
  return keys.length === 0 ? '—' : keys.map((key) => show(key).replace(/^"|"$/g, "'")).join(', ');
}

/**
 * refcheck --strict, in its order: declared length, then per block: object, exact field
 * set, finite numbers, index = position (int), proof a non-negative int, numeric
 * non-decreasing timestamp, transactions a list of exactly {sender, recipient, amount} with
 * string sender/recipient and numeric amount (bigint or number, never a boolean), then the
 * genesis shape for the rule, or for later blocks exactly one reward (sender "0") which is
 * the last transaction and has the int amount 1.
 *
 * Under rules by height only the blocks of strict steps are checked (`strictAt`); the
 * declared length is checked when the step of the newest block is strict, and a timestamp
 * is compared with the block before it whatever that block's step.
 */
function checkStrict(
  chain: readonly JsonValue[],
  schedule: RulesSchedule,
  strictAt: (pos: number) => boolean,
  declaredLength: JsonValue | undefined,
  trusted: number,
): Invalid | null {
  const tipStrict = strictAt(chain.length - 1);
  if (tipStrict && declaredLength !== undefined && declaredLength !== null && !sameLength(declaredLength, chain.length)) {
    return invalid('length-mismatch', null, { declared: show(declaredLength), length: chain.length });
  }
  // Trusted blocks passed these checks already; the last one's timestamp bounds the next.
  const before = trusted > 0 ? chain[trusted - 1] : undefined;
  const trustedTimestamp = isJsonObject(before) ? before['timestamp'] : undefined;
  let lastTimestamp: bigint | number | null = isNumeric(trustedTimestamp) ? trustedTimestamp : null;
  for (let pos = trusted; pos < chain.length; pos++) {
    const block = chain[pos];
    if (!strictAt(pos)) {
      const timestamp = isJsonObject(block) ? block['timestamp'] : undefined;
      lastTimestamp = isNumeric(timestamp) ? timestamp : null;
      continue;
    }
    const fail = (code: VerdictCode, values?: VerdictValues) => invalid(code, pos + 1, values);
    if (!isJsonObject(block)) return fail('not-an-object');

    const keys = Object.keys(block);
    const missing = BLOCK_KEYS.filter((k) => !Object.hasOwn(block, k));
    if (missing.length > 0 || keys.length !== BLOCK_KEYS.length) {
      const extra = keys.filter((k) => !BLOCK_KEYS.includes(k)).sort();
      return fail('fields', { missing: fieldNames(missing), extra: fieldNames(extra) });
    }
    if (!finiteEverywhere(block)) return fail('non-finite');

    const index = block['index'];
    if (typeof index !== 'bigint' || index !== BigInt(pos + 1)) return fail('index', { index: show(index) });
    const proof = block['proof'];
    if (typeof proof !== 'bigint' || proof < 0n) return fail('proof-type', { proof: show(proof) });
    const timestamp = block['timestamp'];
    const timestampValues = { timestamp: show(timestamp), previous: lastTimestamp === null ? '—' : show(lastTimestamp) };
    if (!isNumeric(timestamp)) return fail('timestamp', { ...timestampValues, variant: 'not-number' });
    // bigint/number comparison is exact in JS, as int/float comparison is in Python.
    if (lastTimestamp !== null && timestamp < lastTimestamp) return fail('timestamp', timestampValues);
    lastTimestamp = timestamp;

    const txs = block['transactions'];
    if (!Array.isArray(txs)) return fail('transactions');
    for (let t = 0; t < txs.length; t++) {
      const tx = txs[t];
      const inTransaction = { transaction: t + 1 };
      if (!isJsonObject(tx) || Object.keys(tx).length !== TX_KEYS.length || !TX_KEYS.every((k) => Object.hasOwn(tx, k))) {
        return fail('transactions', inTransaction);
      }
      if (typeof tx['sender'] !== 'string' || typeof tx['recipient'] !== 'string') {
        return fail('transactions', { ...inTransaction, variant: 'parties' });
      }
      if (!isNumeric(tx['amount'])) return fail('transactions', { ...inTransaction, amount: show(tx['amount']) });
    }

    if (pos === 0) {
      const { rule } = rulesAt(schedule, 1);
      const previousHash = block['previous_hash'];
      const expected = rule === 'tutorial' ? 1n : '1';
      const genesisValues = { rule, previousHash: show(previousHash), expected: show(expected), proof: show(proof), transactions: txs.length };
      if (previousHash !== expected || proof !== 100n || txs.length > 0) return fail('genesis', genesisValues);
    } else {
      const problem = rewardProblem(txs);
      if (problem !== null) return fail('reward', problem);
    }
  }
  return null;
}

/** What is wrong with a mined block's reward (sender "0"), or null. */
function rewardProblem(txs: readonly JsonValue[]): VerdictValues | null {
  const rewards = txs.filter((tx) => isJsonObject(tx) && tx['sender'] === '0').length;
  const last = txs.at(-1);
  if (rewards !== 1) return { rewards };
  if (!isJsonObject(last) || last['sender'] !== '0') return { rewards, variant: 'not-last' };
  if (last['amount'] !== 1n) return { rewards, variant: 'amount', amount: show(last['amount']) };
  return null;
}

/** Spend only what you have: the chain's first negative payment or overspend in a block where the rule holds, in chain order. */
function checkBalances(chain: readonly JsonValue[], balancesAt: (pos: number) => boolean): Invalid | null {
  const problem = readLedger(chain, balancesAt).firstProblem;
  if (problem === null) return null;
  const { position, transaction, payment } = problem;
  if (problem.problem.kind === 'negative') {
    return invalid('negative-amount', position + 1, { transaction: transaction + 1, recipient: payment.recipient, amount: showAmount(payment.amount) });
  }
  return invalid('overspend', position + 1, {
    transaction: transaction + 1,
    sender: payment.sender,
    amount: showAmount(payment.amount),
    balance: showAmount(problem.problem.balance),
  });
}
