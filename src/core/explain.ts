import { blockProof, type Block } from './block';
import { sha256Hex, type Sha256 } from './digest';
import { checkProof, guessParts, pythonStr, type ProofRule } from './proof';
import { dumpsPython, dumpsPythonOmitting } from './python-json';
import type { VerdictReason } from './validate';

/*
 * What a class sees when it opens a block: the exact text that is hashed and its SHA-256,
 * and the proof of work as the guess string, piece by piece, with its SHA-256. Everything is
 * computed by the same functions that mine and validate, so the explanation cannot disagree
 * with the chain.
 */

/** A text and the SHA-256 of its UTF-8 bytes. */
export interface HashedText {
  readonly text: string;
  readonly sha256: string;
}

/**
 * What a piece of the guess string is, named by the page: a block's proof (`lastProof`, `proof`),
 * the hash of the block before (`lastHash`), or the SHA-256 of a block without its proof (`content`).
 */
export type GuessPieceKind = 'lastProof' | 'proof' | 'lastHash' | 'content';

/** One piece of the guess string and the block it comes from (1-based). */
export interface GuessPiece {
  readonly piece: GuessPieceKind;
  readonly block: number;
  readonly text: string;
}

export type ProofExplanation =
  | {
      readonly kind: 'checked';
      readonly rule: ProofRule;
      readonly difficulty: number;
      /** the guess string, in order: guess = every piece's text joined */
      readonly pieces: readonly GuessPiece[];
      readonly guess: string;
      readonly digestHex: string;
      /** how many hex zeros the digest starts with */
      readonly leadingZeros: number;
      readonly ok: boolean;
      /** `bound` only: the block without its proof, whose SHA-256 is one of the pieces */
      readonly content: HashedText | null;
    }
  /** the genesis block: no block before it, so no proof rule applies */
  | { readonly kind: 'genesis' }
  /**
   * no guess can be formed (a missing proof, a list as proof): why, as validation words it
   * per code (`missing-field`, `proof`); `reason` is the English sentence of this panel
   */
  | { readonly kind: 'unavailable'; readonly why: VerdictReason };

export interface BlockExplanation {
  /** 1-based block number */
  readonly number: number;
  /** `json.dumps(block, sort_keys=True)` and its SHA-256: the block's hash */
  readonly hashed: HashedText;
  readonly proof: ProofExplanation;
}

export interface ExplainRules {
  readonly rule: ProofRule;
  readonly difficulty: number;
}

async function hashed(text: string, sha256: Sha256): Promise<HashedText> {
  return { text, sha256: await sha256Hex(text, sha256) };
}

function leadingZeroDigits(hex: string): number {
  const match = /^0*/.exec(hex);
  return match ? match[0].length : 0;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Explains chain[position]; the previous block's hash is computed again, as validation does. */
export async function explainBlock(
  chain: readonly Block[],
  position: number,
  rules: ExplainRules,
  sha256: Sha256,
): Promise<BlockExplanation | null> {
  const block = chain[position];
  if (block === undefined) return null;
  const number = position + 1;
  const text = await hashed(dumpsPython(block), sha256);
  const previous = chain[position - 1];
  if (previous === undefined) return { number, hashed: text, proof: { kind: 'genesis' } };
  return { number, hashed: text, proof: await explainProof(previous, block, number, rules, sha256) };
}

async function explainProof(previous: Block, block: Block, number: number, rules: ExplainRules, sha256: Sha256): Promise<ProofExplanation> {
  const { rule, difficulty } = rules;
  const lastHash = await sha256Hex(dumpsPython(previous), sha256);
  const content = rule === 'bound' ? await hashed(dumpsPythonOmitting(block, 'proof'), sha256) : null;
  const input = {
    rule,
    lastProof: blockProof(previous),
    lastHash,
    ...(content === null ? {} : { contentHash: content.sha256 }),
  };
  const proof = blockProof(block);
  const unavailable = (problem: string): ProofExplanation => {
    const reason = `${capitalised(problem)}, so no guess can be formed.`;
    // A missing proof is what validation calls a missing field; any other unreadable proof, a bad proof it cannot check.
    const missingAt = input.lastProof === undefined ? number - 1 : proof === undefined ? number : null;
    const why: VerdictReason =
      missingAt === null
        ? { code: 'proof', block: number, reason, values: { rule, difficulty } }
        : { code: 'missing-field', block: missingAt, reason, values: { field: 'proof' } };
    return { kind: 'unavailable', why };
  };
  const parts = guessParts(input);
  if (!parts.ok) return unavailable(parts.reason);
  const check = await checkProof({ ...input, proof, difficulty }, sha256);
  const proofText = proof === undefined ? null : pythonStr(proof);
  if (check.digestHex === '' || proofText === null) return unavailable(check.reason ?? 'the proof cannot be read');
  const pieces: GuessPiece[] = [
    { piece: 'lastProof', block: number - 1, text: parts.prefix },
    { piece: 'proof', block: number, text: proofText },
    ...(rule === 'tutorial' ? [] : [{ piece: 'lastHash', block: number - 1, text: lastHash } as const]),
    ...(content === null ? [] : [{ piece: 'content', block: number, text: content.sha256 } as const]),
  ];
  return {
    kind: 'checked',
    rule,
    difficulty,
    pieces,
    guess: check.guess,
    digestHex: check.digestHex,
    leadingZeros: leadingZeroDigits(check.digestHex),
    ok: check.ok,
    content,
  };
}
