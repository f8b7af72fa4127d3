import type { Sha256 } from '../core/digest';
import { hasLeadingZeroNibbles } from '../core/proof';

export interface ProofSearch {
  /** guess = prefix + decimal proof + suffix (see core/proof guessParts) */
  readonly prefix: string;
  readonly suffix: string;
  readonly difficulty: number;
  /** first proof tried; the tutorial starts at 0 and counts up */
  readonly start?: bigint;
  readonly signal: AbortSignal;
  /** SubtleCrypto in the browser (see core/digest); it must copy its input before returning */
  readonly sha256: Sha256;
  /** attempts between two checks of the signal and two progress reports */
  readonly batchSize?: number;
  readonly onProgress?: (attempts: number) => void;
}

export type ProofSearchResult =
  | { readonly found: true; readonly proof: bigint; readonly attempts: number }
  | { readonly found: false; readonly attempts: number };

const MAX_PROOF_DIGITS = 20;
const ASCII_ZERO = 48;
const encoder = new TextEncoder();

/**
 * Counts proofs up from `start` like the tutorial's `while valid_proof(...) is False: proof += 1`,
 * so it finds the same proof as the Python node for the same block. Written by hand because
 * no library offers a PoW loop: the guess is assembled as bytes in one reused buffer (the
 * decimal digits are written in place) and only the needed leading nibbles of each digest
 * are checked. SubtleCrypto copies its input when called, so reusing the buffer is safe.
 */
export async function searchProof(search: ProofSearch): Promise<ProofSearchResult> {
  const { difficulty, signal, onProgress } = search;
  const batchSize = search.batchSize ?? 1024;
  const prefix = encoder.encode(search.prefix);
  const suffix = encoder.encode(search.suffix);
  let proof = search.start ?? 0n;
  // Decimal digits of the current proof, most significant first, incremented in place.
  const digits = Array.from(proof.toString(), (c) => c.charCodeAt(0));
  const maxDigits = Math.max(MAX_PROOF_DIGITS, digits.length + 1);
  const buffer = new Uint8Array(prefix.length + maxDigits + suffix.length);
  buffer.set(prefix, 0);
  let attempts = 0;

  while (digits.length <= maxDigits) {
    for (let i = 0; i < batchSize; i++) {
      if (signal.aborted) return { found: false, attempts };
      let end = prefix.length;
      for (const digit of digits) buffer[end++] = digit;
      buffer.set(suffix, end);
      end += suffix.length;
      const digest = await search.sha256(buffer.subarray(0, end));
      attempts++;
      if (hasLeadingZeroNibbles(digest, difficulty)) return { found: true, proof, attempts };
      proof++;
      incrementDecimal(digits);
    }
    onProgress?.(attempts);
    // Let queued messages (a resolve, a cancel) run between batches.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return { found: false, attempts };
}

function incrementDecimal(digits: number[]): void {
  for (let i = digits.length - 1; i >= 0; i--) {
    const digit = digits[i] ?? ASCII_ZERO;
    if (digit < ASCII_ZERO + 9) {
      digits[i] = digit + 1;
      return;
    }
    digits[i] = ASCII_ZERO;
  }
  digits.unshift(ASCII_ZERO + 1);
}
