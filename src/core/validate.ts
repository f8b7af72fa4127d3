import { readLedger, showAmount } from './balances';
import { sha256Hex, type Sha256 } from './digest';
import { isJsonObject, type JsonObject, type JsonValue } from './json-value';
import { blockContentHash, checkProof, isProofRule, type ProofCheck, type ProofRule } from './proof';
import { dumpsPython } from './python-json';
import { rulesAt, type RulesSchedule } from './rules';

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
 * Every reason is one plain sentence that says what is wrong and where.
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

export type VerdictCode =
  // normal mode
  | 'options'
  | 'not-json'
  | 'not-a-list'
  | 'empty'
  | 'unhashable'
  | 'not-an-object'
  | 'missing-field'
  | 'previous-hash'
  | 'proof'
  // strict mode
  | 'length-mismatch'
  | 'fields'
  | 'non-finite'
  | 'index'
  | 'proof-type'
  | 'timestamp'
  | 'transactions'
  | 'genesis'
  | 'reward'
  // balances
  | 'negative-amount'
  | 'overspend';

/**
 * The details of an invalid verdict that its reason holds only as text (values shown, field
 * names, the transaction within the block), so that the page can say the same in another language.
 */
export type VerdictValues = Readonly<Record<string, string | number>>;

export type Verdict =
  | { valid: true; length: number; hashes: readonly string[] }
  | { valid: false; code: VerdictCode; block: number | null; reason: string; values?: VerdictValues };

export type InvalidVerdict = Extract<Verdict, { valid: false }>;

/** What the page needs of an invalid verdict to word it: a chain's verdict, a peer's invalid relation, a resolve report, an unexplainable proof. */
export type VerdictReason = Pick<InvalidVerdict, 'code' | 'block' | 'reason' | 'values'>;
type Invalid = InvalidVerdict;

// Digests are started in batches: enough to keep WebCrypto busy, bounded memory.
const BATCH = 512;

const BLOCK_KEYS: readonly string[] = ['index', 'previous_hash', 'proof', 'timestamp', 'transactions'];
const TX_KEYS: readonly string[] = ['amount', 'recipient', 'sender'];

function invalid(code: VerdictCode, block: number | null, reason: string, values?: VerdictValues): Invalid {
  return values === undefined ? { valid: false, code, block, reason } : { valid: false, code, block, reason, values };
}

/** "block 3 (chain[2])", as refcheck names blocks. */
function where(pos: number): string {
  return `block ${pos + 1} (chain[${pos}])`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

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
): { ok: true; chain: JsonValue; declaredLength: JsonValue | undefined } | { ok: false; reason: string } {
  if (Array.isArray(doc)) return { ok: true, chain: doc, declaredLength: undefined };
  if (isJsonObject(doc)) {
    for (const key of ['chain', 'new_chain']) {
      if (Object.hasOwn(doc, key)) {
        const chain = doc[key] as JsonValue;
        if (!Array.isArray(chain)) return { ok: false, reason: `The document's '${key}' is not a list.` };
        return { ok: true, chain, declaredLength: Object.hasOwn(doc, 'length') ? doc['length'] : undefined };
      }
    }
    return { ok: false, reason: "The document is an object without a 'chain' list." };
  }
  return { ok: false, reason: 'The document is neither a list nor an object.' };
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
    return invalid('unhashable', null, `The chain could not be hashed: ${errorMessage(e)}.`);
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
  if (schedule.length === 0) return invalid('options', null, 'The rules schedule has no step.', { rule: '—', difficulty: '—' });
  for (const { rule, difficulty } of schedule) {
    const optionValues = { rule, difficulty: String(difficulty) };
    if (!isProofRule(rule)) return invalid('options', null, `Unknown proof rule ${JSON.stringify(String(rule))}.`, optionValues);
    if (!Number.isInteger(difficulty) || difficulty < 0 || difficulty > 64) {
      return invalid('options', null, `Difficulty ${String(difficulty)} is not an integer from 0 to 64.`, optionValues);
    }
  }
  // Balances build on strict: a step with balances is strict too.
  const strictAt = (pos: number): boolean => {
    const step = rulesAt(schedule, pos + 1);
    return step.strict || step.balances;
  };
  const balancesAt = (pos: number): boolean => rulesAt(schedule, pos + 1).balances;
  if (!Array.isArray(chain)) return invalid('not-a-list', null, 'The chain is not a list.');
  if (chain.length === 0) {
    return invalid('empty', null, 'The chain is empty: it has not even a genesis block (the reference would crash with IndexError).');
  }

  // The trusted blocks are a strict prefix: the last one is always checked with its successor.
  const trusted = Math.min(validPrefix.length, chain.length - 1);
  const texts: string[] = [];
  for (let pos = trusted; pos < chain.length; pos++) {
    try {
      texts.push(dumpsPython(chain[pos] as JsonValue));
    } catch (e: unknown) {
      return invalid('unhashable', pos + 1, `${capitalised(where(pos))} cannot be written as JSON: ${errorMessage(e)}.`);
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
    const fail = (code: VerdictCode, at: number, reason: string, values?: VerdictValues) => ({ pos, verdict: invalid(code, at + 1, reason, values) });
    if (!isJsonObject(block)) return fail('not-an-object', pos, notAnObject(pos));
    if (!isJsonObject(prev)) return fail('not-an-object', pos - 1, notAnObject(pos - 1));
    if (!Object.hasOwn(block, 'previous_hash')) {
      return fail(
        'missing-field',
        pos,
        `Missing field 'previous_hash' at ${where(pos)}, so nothing links it to the block before (the reference would crash with KeyError).`,
        { field: 'previous_hash' },
      );
    }
    const prevHash = hashes[pos - 1] as string;
    if (block['previous_hash'] !== prevHash) {
      return fail(
        'previous-hash',
        pos,
        `previous_hash mismatch at ${where(pos)}: it holds ${show(block['previous_hash'])}, but the hash of ${where(pos - 1)} is ` +
          `"${prevHash}", so the link between them is broken.`,
        { stated: show(block['previous_hash']), expected: prevHash },
      );
    }
    if (!Object.hasOwn(prev, 'proof')) {
      return fail(
        'missing-field',
        pos - 1,
        `Missing field 'proof' at ${where(pos - 1)}, so the proof of the block after it cannot be checked (the reference would crash with KeyError).`,
        { field: 'proof' },
      );
    }
    if (!Object.hasOwn(block, 'proof')) {
      return fail(
        'missing-field',
        pos,
        `Missing field 'proof' at ${where(pos)}, so its proof of work cannot be checked (the reference would crash with KeyError).`,
        { field: 'proof' },
      );
    }
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
        return invalid('proof', pos + 1, `Bad proof at ${where(pos)}: ${proofFailure(result, rule, difficulty)}.`, proofValues(result, rule, difficulty));
      }
    }
  }
  return null;
}

/** Why a proof fails, as the end of a sentence. */
function proofFailure(result: ProofCheck, rule: ProofRule, difficulty: number): string {
  if (result.digestHex === '') return result.reason ?? 'it cannot be checked';
  const zeros = difficulty === 1 ? 'a zero' : `${difficulty} zeros`;
  return `sha256(${JSON.stringify(result.guess)}) = ${result.digestHex.slice(0, 16)}… does not start with ${zeros}, as the ${rule} rule requires`;
}

/** The proof failure's details; the guess and digest only when the proof could be hashed at all. */
function proofValues(result: ProofCheck, rule: ProofRule, difficulty: number): VerdictValues {
  if (result.digestHex === '') return { rule, difficulty };
  return { rule, difficulty, guess: JSON.stringify(result.guess), digest: `${result.digestHex.slice(0, 16)}…` };
}

function notAnObject(pos: number): string {
  return `${capitalised(where(pos))} is not a JSON object with fields, so it cannot be a block (the reference would crash).`;
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

/** "'a' and 'b'", for the fields a reason names. */
function fieldNames(keys: readonly string[]): string {
  const names = keys.map((key) => show(key).replace(/^"|"$/g, "'"));
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/** Field names as a plain comma-separated list, or a dash for none: a detail any language can show. */
const fieldList = (keys: readonly string[]): string => (keys.length === 0 ? '—' : keys.join(', '));

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

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
    return invalid(
      'length-mismatch',
      null,
      `The document claims a length of ${show(declaredLength)}, but it holds ${plural(chain.length, 'block')}, and strict rules count them.`,
      { declared: show(declaredLength), length: chain.length },
    );
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
    const W = capitalised(where(pos));
    const fail = (code: VerdictCode, reason: string, values?: VerdictValues) => invalid(code, pos + 1, reason, values);
    if (!isJsonObject(block)) return fail('not-an-object', notAnObject(pos));

    const keys = Object.keys(block);
    const missing = BLOCK_KEYS.filter((k) => !Object.hasOwn(block, k));
    if (missing.length > 0 || keys.length !== BLOCK_KEYS.length) {
      const extra = keys.filter((k) => !BLOCK_KEYS.includes(k)).sort();
      const wrong = [
        ...(missing.length > 0 ? [`lacks ${fieldNames(missing)}`] : []),
        ...(extra.length > 0 ? [`has the extra ${fieldNames(extra)}`] : []),
      ].join(' and ');
      return fail('fields', `${W} ${wrong}, but strict rules require exactly the fields ${fieldNames(BLOCK_KEYS)}.`, {
        missing: fieldList(missing),
        extra: fieldList(extra),
      });
    }
    if (!finiteEverywhere(block)) {
      return fail('non-finite', `${W} contains NaN or Infinity, which JSON cannot hold and strict rules refuse.`);
    }

    const index = block['index'];
    if (typeof index !== 'bigint' || index !== BigInt(pos + 1)) {
      return fail('index', `${W} has index ${show(index)}, but strict rules require its position, ${pos + 1}.`, { index: show(index) });
    }
    const proof = block['proof'];
    if (typeof proof !== 'bigint' || proof < 0n) {
      return fail('proof-type', `${W} has proof ${show(proof)}, but strict rules require a whole number of 0 or more.`, { proof: show(proof) });
    }
    const timestamp = block['timestamp'];
    const timestampValues = { timestamp: show(timestamp), previous: lastTimestamp === null ? '—' : show(lastTimestamp) };
    if (!isNumeric(timestamp)) {
      return fail('timestamp', `${W} has timestamp ${show(timestamp)}, but strict rules require a number.`, timestampValues);
    }
    // bigint/number comparison is exact in JS, as int/float comparison is in Python.
    if (lastTimestamp !== null && timestamp < lastTimestamp) {
      return fail(
        'timestamp',
        `${W} has timestamp ${show(timestamp)}, earlier than the block before it (${show(lastTimestamp)}), but strict rules require time to go forward.`,
        timestampValues,
      );
    }
    lastTimestamp = timestamp;

    const txs = block['transactions'];
    if (!Array.isArray(txs)) return fail('transactions', `${W} has transactions that are not a list, which strict rules refuse.`);
    for (let t = 0; t < txs.length; t++) {
      const tx = txs[t];
      const T = `Transaction ${t + 1} of ${where(pos)}`;
      const inTransaction = { transaction: t + 1 };
      if (!isJsonObject(tx) || Object.keys(tx).length !== TX_KEYS.length || !TX_KEYS.every((k) => Object.hasOwn(tx, k))) {
        return fail('transactions', `${T} does not have exactly the fields sender, recipient and amount, which strict rules require.`, inTransaction);
      }
      if (typeof tx['sender'] !== 'string' || typeof tx['recipient'] !== 'string') {
        return fail('transactions', `${T} has a sender or recipient that is not text, which strict rules refuse.`, inTransaction);
      }
      if (!isNumeric(tx['amount'])) {
        return fail('transactions', `${T} has amount ${show(tx['amount'])}, but strict rules require a number.`, inTransaction);
      }
    }

    if (pos === 0) {
      const { rule } = rulesAt(schedule, 1);
      const previousHash = block['previous_hash'];
      const expected = rule === 'tutorial' ? 1n : '1';
      const genesisValues = { rule, previousHash: show(previousHash), expected: show(expected), proof: show(proof), transactions: txs.length };
      if (previousHash !== expected) {
        return fail(
          'genesis',
          `The genesis block has previous_hash ${show(previousHash)}, but strict rules under the ${rule} rule require ${show(expected)}.`,
          genesisValues,
        );
      }
      if (proof !== 100n || txs.length > 0) {
        return fail(
          'genesis',
          `The genesis block has proof ${show(proof)} and ${plural(txs.length, 'transaction')}, but strict rules require proof 100 and none.`,
          genesisValues,
        );
      }
    } else {
      const problem = rewardProblem(txs);
      if (problem !== null) {
        return fail('reward', `${W} ${problem}, but strict rules require exactly one mining reward of 1 as its last transaction.`, {
          rewards: rewardCount(txs),
        });
      }
    }
  }
  return null;
}

function rewardCount(txs: readonly JsonValue[]): number {
  return txs.filter((tx) => isJsonObject(tx) && tx['sender'] === '0').length;
}

/** What is wrong with a mined block's reward (sender "0"), or null. */
function rewardProblem(txs: readonly JsonValue[]): string | null {
  const rewards = rewardCount(txs);
  const last = txs.at(-1);
  if (rewards === 0) return 'has no mining reward (a transaction from sender "0")';
  if (rewards > 1) return `has ${rewards} mining rewards (transactions from sender "0")`;
  if (!isJsonObject(last) || last['sender'] !== '0') return 'does not end with its mining reward';
  if (last['amount'] !== 1n) return `has a mining reward of ${show(last['amount'])}`;
  return null;
}

/** Spend only what you have: the chain's first negative payment or overspend in a block where the rule holds, in chain order. */
function checkBalances(chain: readonly JsonValue[], balancesAt: (pos: number) => boolean): Invalid | null {
  const problem = readLedger(chain, balancesAt).firstProblem;
  if (problem === null) return null;
  const { position, transaction, payment } = problem;
  const T = `Transaction ${transaction + 1} of ${where(position)}`;
  if (problem.problem.kind === 'negative') {
    return invalid(
      'negative-amount',
      position + 1,
      `${T} pays ${payment.recipient} a negative amount, ${showAmount(payment.amount)}, which would take coins instead of giving them.`,
      { transaction: transaction + 1, recipient: payment.recipient, amount: showAmount(payment.amount) },
    );
  }
  return invalid(
    'overspend',
    position + 1,
    `${T} spends more than its sender has: ${payment.sender} pays ${showAmount(payment.amount)} but has only ` +
      `${showAmount(problem.problem.balance)} at that point of the chain.`,
    {
      transaction: transaction + 1,
      sender: payment.sender,
      amount: showAmount(payment.amount),
      balance: showAmount(problem.problem.balance),
    },
  );
}
