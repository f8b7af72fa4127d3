/**
 * SHA-256 specialised for the proof-of-work guess `prefix + decimal(proof) + suffix`.
 *
 * Written by hand because no library offers a SHA-256 that keeps a midstate and counts a
 * decimal nonce in place: general ones re-encode and re-pad the whole message for every
 * proof, and SubtleCrypto costs a promise per hash. What is specialised:
 * - the 64-byte blocks wholly before the digits are hashed once (the midstate);
 * - the digits are ASCII bytes inside the padded message words, incremented there with their
 *   carries: no string, bigint or padding is made per attempt;
 * - in the block holding the last digit, the rounds before that digit's word are computed once
 *   (again only when a carry reaches an earlier word), and so is the part of that word's round
 *   that does not depend on it;
 * - the blocks after the digits never change for a digit count, so their message schedule,
 *   with the round constants added, is computed once;
 * - the compression is unrolled over local variables, and only the first state word is looked
 *   at before the others (difficulty <= 8 needs no other).
 * In the unrolled rounds the eight working variables are not shifted: round t names them
 * rotated by t (the `h` written by round t is the `a` of round t + 1).
 */

import { DigitLayout, GuessTemplate } from './digit-layout';
import { runAttempts } from './fast-sha256-rounds';
import { stateToBytes, zeroNibbleMasks } from './sha256-words';

/** Searches proofs start, start+1, … start+count-1 in order; returns the FIRST (smallest) proof whose guess digest has `difficulty` leading zero nibbles. */
export interface FastProofSearcher {
  search(start: bigint, count: number): { found: bigint | null; attempts: number };
}

export function createFastProofSearcher(prefix: Uint8Array, suffix: Uint8Array, difficulty: number): FastProofSearcher {
  const template = new GuessTemplate(prefix, suffix);
  const masks = zeroNibbleMasks(difficulty);
  // The digits left by the last search, kept when the next search starts where it stopped.
  let kept: DigitLayout | null = null;
  let keptProof = -1n;
  return {
    search(start, count) {
      if (start < 0n) throw new RangeError(`proof start must be non-negative, got ${start.toString()}`);
      if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
      let proof = start;
      let layout = kept !== null && keptProof === start ? kept : null;
      kept = null;
      let attempts = 0;
      while (attempts < count) {
        layout ??= new DigitLayout(template, proof, masks);
        // A run stops at the last proof with this many digits: the next one may need another block.
        const beforeMoreDigits = layout.digitLimit - proof;
        const left = count - attempts;
        const run = beforeMoreDigits < BigInt(left) ? Number(beforeMoreDigits) : left;
        const hit = runAttempts(layout, run);
        if (hit >= 0) return { found: proof + BigInt(hit), attempts: attempts + hit + 1 };
        attempts += run;
        proof += BigInt(run);
        if (proof === layout.digitLimit) layout = null;
      }
      kept = layout;
      keptProof = proof;
      return { found: null, attempts };
    },
  };
}

/** The digest the searcher computes for one proof (same specialised code path), for bit-exactness tests. */
export function fastProofDigest(prefix: Uint8Array, proof: bigint, suffix: Uint8Array): Uint8Array {
  if (proof < 0n) throw new RangeError(`proof must be non-negative, got ${proof.toString()}`);
  const layout = new DigitLayout(new GuessTemplate(prefix, suffix), proof, zeroNibbleMasks(0));
  runAttempts(layout, 1); // difficulty 0: the first attempt matches and leaves its digest
  return stateToBytes(layout.digest);
}
