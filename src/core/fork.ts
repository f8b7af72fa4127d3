/*
 * Where two chains part, from their block-hash lists (hashes[i] = hash of block i+1, as
 * validateChain returns them). Pure and cheap: it runs on every peer tip change.
 */

/**
 * The number of leading blocks `a` and `b` share (0 if even the genesis differs).
 *
 * Binary search, O(log n) comparisons: block k's hash covers its previous_hash, which is
 * block k-1's hash, so (barring a SHA-256 collision) equal hashes at position k imply equal
 * blocks at every position up to k. "a[i] === b[i]" is therefore true for every i below the
 * fork point and false from it on — monotone, which is what binary search needs. This holds
 * for linked chains (validated ones); for lists that are not, the answer is some position
 * where they agree followed by one where they differ, not necessarily the first difference.
 */
export function forkPoint(a: readonly string[], b: readonly string[]): number {
  let lo = 0;
  let hi = Math.min(a.length, b.length);
  // Invariant: positions < lo are shared, position hi (if < min length) differs.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] === b[mid]) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The peer's chain relative to ours. */
export type ChainRelation =
  | { kind: 'same' }
  /** The peer has our chain plus `by` more blocks. */
  | { kind: 'ahead'; by: number }
  /** The peer's chain is a prefix of ours, `by` blocks shorter. */
  | { kind: 'behind'; by: number }
  /** Both chains share blocks 1..atBlock-1 and differ from block `atBlock` (1-based) on. */
  | { kind: 'diverged'; atBlock: number; ours: number; theirs: number }
  /** Block 1 differs: nothing is shared. */
  | { kind: 'different-genesis' };

/** Told from the tip alone, the peer's chain may be ahead, diverged or foreign: fetch it to know. */
export type TipRelation = ChainRelation | { kind: 'unknown-fork'; height: number };

export function relationOf(ours: readonly string[], theirs: readonly string[]): ChainRelation {
  const shared = forkPoint(ours, theirs);
  // Prefix cases first: an empty chain is a prefix of every chain, not a different genesis.
  if (shared === ours.length && shared === theirs.length) return { kind: 'same' };
  if (shared === ours.length) return { kind: 'ahead', by: theirs.length - shared };
  if (shared === theirs.length) return { kind: 'behind', by: ours.length - shared };
  if (shared === 0) return { kind: 'different-genesis' };
  return { kind: 'diverged', atBlock: shared + 1, ours: ours.length, theirs: theirs.length };
}

/**
 * The relation when all we know of the peer is its height and tip hash. Its tip being one
 * of our blocks means its chain is that prefix of ours (hashes link the whole chain).
 * Anything else needs its chain, except when ours is empty: every chain extends nothing.
 */
export function relationFromTip(ours: readonly string[], peer: { height: number; tipHash: string }): TipRelation {
  const { height, tipHash } = peer;
  if (!Number.isSafeInteger(height) || height < 0) return { kind: 'unknown-fork', height };
  // Height 0 is the empty chain, whatever tipHash says.
  const onOurChain = height === 0 || (height <= ours.length && ours[height - 1] === tipHash);
  if (onOurChain) {
    return height === ours.length ? { kind: 'same' } : { kind: 'behind', by: ours.length - height };
  }
  if (ours.length === 0) return { kind: 'ahead', by: height };
  return { kind: 'unknown-fork', height };
}
