import type { Block } from '../../core/block';
import type { Sha256 } from '../../core/digest';
import { hashBlock } from '../../core/hash';

/** A block of a chain: its 1-based height and its hash. */
export interface ChainTip {
  readonly height: number;
  readonly hash: string;
}

/**
 * A chain and the hash of each of its blocks, kept together by construction: `hashes[i]` is
 * always the SHA-256 of `blocks[i]` as Python computes it, because the only ways to make or
 * change one hash what they add. Immutable: every change is a new chain, so "did the chain
 * change across this await?" is `node.chain !== before`.
 */
export class HashedChain {
  private constructor(
    readonly blocks: readonly Block[],
    readonly hashes: readonly string[],
  ) {}

  /** Hashes every block; null when one cannot be written as JSON (nested too deep). */
  static async of(blocks: readonly Block[], sha256: Sha256): Promise<HashedChain | null> {
    try {
      return new HashedChain([...blocks], await Promise.all(blocks.map((block) => hashBlock(block, sha256))));
    } catch {
      return null;
    }
  }

  /** A chain validation found valid: its verdict holds the hash of every block. */
  static validated(blocks: readonly Block[], verdict: { readonly valid: true; readonly hashes: readonly string[] }): HashedChain {
    if (verdict.hashes.length !== blocks.length) throw new Error('A valid verdict has the hash of every block of its chain.');
    return new HashedChain([...blocks], [...verdict.hashes]);
  }

  get height(): number {
    return this.blocks.length;
  }

  /** The newest block, null for a chain without blocks. */
  get tip(): ChainTip | null {
    const hash = this.hashes.at(-1);
    return hash === undefined ? null : { height: this.hashes.length, hash };
  }

  async append(block: Block, sha256: Sha256): Promise<HashedChain> {
    return new HashedChain([...this.blocks, block], [...this.hashes, await hashBlock(block, sha256)]);
  }

  /** The chain with its block at `position` (0-based) replaced: that block's hash changes, no other. */
  async edit(position: number, block: Block, sha256: Sha256): Promise<HashedChain> {
    if (position < 0 || position >= this.blocks.length) throw new Error(`No block at position ${position}.`);
    const blocks = [...this.blocks];
    const hashes = [...this.hashes];
    blocks[position] = block;
    hashes[position] = await hashBlock(block, sha256);
    return new HashedChain(blocks, hashes);
  }

  /** The chain with its blocks from `position` on replaced by `blocks`, each hashed again. */
  async replaceFrom(position: number, blocks: readonly Block[], sha256: Sha256): Promise<HashedChain> {
    const kept = this.cut(position);
    const hashes = await Promise.all(blocks.map((block) => hashBlock(block, sha256)));
    return new HashedChain([...kept.blocks, ...blocks], [...kept.hashes, ...hashes]);
  }

  /** Its first `length` blocks. */
  cut(length: number): HashedChain {
    return new HashedChain(this.blocks.slice(0, length), this.hashes.slice(0, length));
  }
}
