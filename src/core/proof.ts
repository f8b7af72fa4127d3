import { sha256Hex, toHex, encodeUtf8, type Sha256 } from './digest';
import type { JsonObject, JsonValue } from './json-value';
import { dumpsPythonOmitting, pythonFloatRepr } from './python-json';

/**
 * Proof-of-work rules. The guess string is hashed with SHA-256 and must start with
 * `difficulty` hex zeros.
 *
 * - `tutorial`: guess = f"{last_proof}{proof}" (the blog post; the block's contents are
 *   not covered at all).
 * - `repo`: guess = f"{last_proof}{proof}{last_hash}" (dvf/blockchain today; the previous
 *   block is covered, the new block's own contents are not).
 * - `bound` (ours): guess = f"{last_proof}{proof}{last_hash}{content_hash}" where
 *   `content_hash` = sha256 hex of `json.dumps(block without its "proof" key,
 *   sort_keys=True)` — the same canonical bytes as the block hash, minus the proof. The
 *   block's own index, timestamp, transactions and previous_hash (and any extra field) are
 *   therefore committed to: nothing in a block can change without re-mining it.
 *
 * `{x}` is Python's str(x) (see pythonStr).
 */
export type ProofRule = 'tutorial' | 'repo' | 'bound';

export const PROOF_RULES: readonly ProofRule[] = ['tutorial', 'repo', 'bound'];
export const DEFAULT_RULE: ProofRule = 'tutorial';
export const DEFAULT_DIFFICULTY = 4;

export function isProofRule(value: unknown): value is ProofRule {
  return value === 'tutorial' || value === 'repo' || value === 'bound';
}

/**
 * Python's str() of a scalar, as an f-string formats it: int digits, float repr
 * (`5.0`, `1e-05`, but `nan`/`inf`/`-inf` — str() is not json.dumps), the string itself,
 * `True`/`False`, `None`. Containers give null: we do not reproduce Python's container
 * repr, so a container proof is simply invalid for us.
 */
export function pythonStr(value: JsonValue): string | null {
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'number':
      if (value !== value) return 'nan';
      if (value === Infinity) return 'inf';
      if (value === -Infinity) return '-inf';
      return pythonFloatRepr(value);
    case 'string':
      return value;
    case 'boolean':
      return value ? 'True' : 'False';
    default:
      return value === null ? 'None' : null;
  }
}

export interface GuessInput {
  rule: ProofRule;
  /** The previous block's proof; undefined (missing) gives a reason, not a guess. */
  lastProof: JsonValue | undefined;
  /** Hash of the previous block (ignored by `tutorial`). */
  lastHash: string;
  /** `blockContentHash` of the block being proved; required by `bound` only. */
  contentHash?: string;
}

export type GuessParts = { ok: true; prefix: string; suffix: string } | { ok: false; reason: string };

/** The fixed parts around the proof: guess = prefix + pythonStr(proof) + suffix. */
export function guessParts(input: GuessInput): GuessParts {
  if (input.lastProof === undefined) return { ok: false, reason: 'the previous block has no proof' };
  const prefix = pythonStr(input.lastProof);
  if (prefix === null) {
    return { ok: false, reason: `the previous proof is ${containerName(input.lastProof)}, not a number or string` };
  }
  switch (input.rule) {
    case 'tutorial':
      return { ok: true, prefix, suffix: '' };
    case 'repo':
      return { ok: true, prefix, suffix: input.lastHash };
    case 'bound':
      if (input.contentHash === undefined) {
        return { ok: false, reason: "the 'bound' rule needs the block's content hash" };
      }
      return { ok: true, prefix, suffix: input.lastHash + input.contentHash };
  }
}

/** sha256 hex of the block's canonical JSON without its `proof` key (the `bound` rule). */
export async function blockContentHash(block: JsonObject, sha256: Sha256): Promise<string> {
  return sha256Hex(dumpsPythonOmitting(block, 'proof'), sha256);
}

/** True if the first `difficulty` hex digits of the digest are 0; reads only those bytes. */
export function hasLeadingZeroNibbles(digest: Uint8Array, difficulty: number): boolean {
  if (difficulty <= 0) return true;
  if (difficulty > digest.length * 2) return false;
  const fullBytes = difficulty >> 1;
  for (let i = 0; i < fullBytes; i++) {
    if (digest[i] !== 0) return false;
  }
  return (difficulty & 1) === 0 || ((digest[fullBytes] as number) & 0xf0) === 0;
}

// Python's str.encode() raises on lone surrogates (TextEncoder would write U+FFFD instead).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export interface ProofCheckInput extends GuessInput {
  proof: JsonValue | undefined;
  difficulty: number;
}

export interface ProofCheck {
  ok: boolean;
  /** The hashed string ('' if none could be formed). */
  guess: string;
  /** Its sha256 hex ('' if not hashed). */
  digestHex: string;
  /** Why it failed, as a sentence fragment; null when ok. */
  reason: string | null;
}

export async function checkProof(input: ProofCheckInput, sha256: Sha256): Promise<ProofCheck> {
  const parts = guessParts(input);
  if (!parts.ok) return { ok: false, guess: '', digestHex: '', reason: parts.reason };
  if (input.proof === undefined) return { ok: false, guess: '', digestHex: '', reason: 'the block has no proof' };
  const proofText = pythonStr(input.proof);
  if (proofText === null) {
    return { ok: false, guess: '', digestHex: '', reason: `the proof is ${containerName(input.proof)}, not a number or string` };
  }
  const guess = parts.prefix + proofText + parts.suffix;
  if (LONE_SURROGATE.test(guess)) {
    return { ok: false, guess, digestHex: '', reason: 'the guess contains a lone surrogate and cannot be encoded as UTF-8' };
  }
  const digest = await sha256(encodeUtf8(guess));
  const digestHex = toHex(digest);
  const difficulty = input.difficulty;
  if (hasLeadingZeroNibbles(digest, difficulty)) return { ok: true, guess, digestHex, reason: null };
  return {
    ok: false,
    guess,
    digestHex,
    reason: `sha256(${JSON.stringify(guess)}) = ${digestHex.slice(0, 16)}... does not start with ${zeros(difficulty)} (rule=${input.rule})`,
  };
}

function zeros(difficulty: number): string {
  return difficulty <= 64 ? `'${'0'.repeat(Math.max(0, difficulty))}'` : `${difficulty} zeros`;
}

function containerName(value: JsonValue): string {
  return Array.isArray(value) ? 'a list' : 'an object';
}
