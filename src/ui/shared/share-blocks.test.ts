import { describe, expect, it } from 'vitest';
import type { Block } from '../../core/block';
import type { ChainView } from '../../contract/views';
import { shareBlocksByHash } from './share-blocks';

const block = (index: number, proof: number): Block => ({ index: BigInt(index), proof: BigInt(proof), previous_hash: 'x', timestamp: 1, transactions: [] });
const view = (blocks: Block[], hashes: string[]): ChainView => ({ blocks, hashes, verdict: { valid: true, length: blocks.length, hashes }, tampered: [] });

describe('shareBlocksByHash', () => {
  it('keeps the earlier objects of blocks whose hash is unchanged and takes the new ones', () => {
    const before = view([block(1, 100), block(2, 7)], ['h1', 'h2']);
    const after = view([block(1, 100), block(2, 8), block(3, 9)], ['h1', 'h2b', 'h3']);
    const shared = shareBlocksByHash(before, after);
    expect(shared.blocks[0]).toBe(before.blocks[0]);
    expect(shared.blocks[1]).toBe(after.blocks[1]);
    expect(shared.blocks[2]).toBe(after.blocks[2]);
    expect(shared).toEqual(after);
    expect(shared.verdict).toBe(after.verdict);
  });

  it('returns the new chain itself when nothing is shared or nothing came before', () => {
    const after = view([block(1, 100)], ['h1']);
    expect(shareBlocksByHash(undefined, after)).toBe(after);
    expect(shareBlocksByHash(view([block(1, 5)], ['other']), after)).toBe(after);
  });
});
