/** The first (smallest) proof of a range that meets the difficulty, and the proofs tried. */
export interface RangeResult {
  readonly found: bigint | null;
  readonly attempts: number;
}
