import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../core/block';
import { hashBlock } from '../../core/hash';
import { jsonValue, pyInt } from '../../core/json-arbitrary.test-suite';
import type { JsonValue } from '../../core/json-value';
import { validateChain } from '../../core/validate';
import { hashed, mined, nodeSha256 } from '../node-parts.test-suite';
import { HashedChain } from './hashed-chain';

/** A block nested deeper than Python's json.dumps (and ours) can write. */
function tooDeep(): Block {
  let value: JsonValue = [];
  for (let i = 0; i < 200_000; i++) value = [value];
  return { index: 2n, transactions: [], proof: value };
}

const block = (index: bigint, extra: JsonValue = null): Block => ({ index, transactions: [], proof: 0n, previous_hash: '1', extra });

async function expectHashesMatch(chain: HashedChain): Promise<void> {
  expect(chain.hashes).toHaveLength(chain.blocks.length);
  const expected = await Promise.all(chain.blocks.map((b) => hashBlock(b, nodeSha256)));
  expect(chain.hashes).toEqual(expected);
}

describe('HashedChain.of', () => {
  it('holds the blocks with hashes[i] = hashBlock(blocks[i])', async () => {
    const { blocks } = await mined({ blocks: [[], []] });
    const chain = await HashedChain.of(blocks, nodeSha256);
    expect(chain).not.toBeNull();
    expect(chain?.blocks).toEqual(blocks);
    await expectHashesMatch(chain!);
  });

  it('is null when a block is nested too deep to be written as JSON', async () => {
    const { blocks } = await mined();
    expect(await HashedChain.of([...blocks, tooDeep()], nodeSha256)).toBeNull();
  });

  it('copies the list it is given: pushing to it later does not change the chain', async () => {
    const blocks = [block(1n), block(2n)];
    const chain = await hashed(blocks);
    blocks.push(block(3n));
    expect(chain.height).toBe(2);
    expect(chain.hashes).toHaveLength(2);
  });

  it('hashes any JSON value a peer may send as a block field, as Python writes it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ index: pyInt, proof: jsonValue, transactions: fc.array(jsonValue, { maxLength: 3 }) }), { maxLength: 4 }), async (blocks) => {
        const chain = await HashedChain.of(blocks, nodeSha256);
        expect(chain).not.toBeNull();
        await expectHashesMatch(chain!);
      }),
      { numRuns: 50 },
    );
  });
});

describe('HashedChain.validated', () => {
  it('takes the hashes of a valid verdict as they are', async () => {
    const { blocks } = await mined({ blocks: [[]] });
    const verdict = await validateChain(blocks, { rule: 'tutorial', difficulty: 1, strict: false }, nodeSha256);
    if (!verdict.valid) throw new Error('the mined chain is valid');
    const chain = HashedChain.validated(blocks, verdict);
    expect(chain.hashes).toEqual(verdict.hashes);
    await expectHashesMatch(chain);
  });

  it('refuses a verdict whose hashes do not number the blocks', async () => {
    const { blocks, hashes } = await mined({ blocks: [[]] });
    expect(() => HashedChain.validated(blocks, { valid: true, hashes: hashes.slice(0, 1) })).toThrow(/hash of every block/);
    expect(() => HashedChain.validated(blocks.slice(0, 1), { valid: true, hashes })).toThrow(/hash of every block/);
  });
});

describe('HashedChain tip and height', () => {
  it('has no tip without blocks', async () => {
    const empty = await hashed([]);
    expect(empty.tip).toBeNull();
    expect(empty.height).toBe(0);
  });

  it('tips at its last block: its 1-based height and its hash', async () => {
    const chain = await mined({ blocks: [[], []] });
    expect(chain.height).toBe(3);
    expect(chain.tip).toEqual({ height: 3, hash: chain.hashes[2] });
  });
});

describe('HashedChain changes', () => {
  it('append hashes the new block and leaves the old chain as it was', async () => {
    const before = await mined();
    const after = await before.append(block(2n), nodeSha256);
    expect(after).not.toBe(before);
    expect(before.height).toBe(1);
    expect(after.blocks.slice(0, 1)).toEqual(before.blocks);
    expect(after.hashes[1]).toBe(await hashBlock(block(2n), nodeSha256));
  });

  it('edit changes the hash of the edited block and of no other', async () => {
    const before = await hashed([block(1n), block(2n), block(3n)]);
    const after = await before.edit(1, block(2n, 'tampered'), nodeSha256);
    expect(after.hashes[0]).toBe(before.hashes[0]);
    expect(after.hashes[2]).toBe(before.hashes[2]);
    expect(after.hashes[1]).not.toBe(before.hashes[1]);
    expect(before.blocks[1]).toEqual(block(2n));
    await expectHashesMatch(after);
  });

  it('edit refuses a position outside the chain', async () => {
    const chain = await hashed([block(1n)]);
    await expect(chain.edit(1, block(2n), nodeSha256)).rejects.toThrow(/No block at position 1/);
    await expect(chain.edit(-1, block(2n), nodeSha256)).rejects.toThrow(/No block at position -1/);
  });

  it('append of a block that cannot be written as JSON fails and changes nothing', async () => {
    const chain = await hashed([block(1n)]);
    await expect(chain.append(tooDeep(), nodeSha256)).rejects.toThrow();
    expect(chain.height).toBe(1);
  });

  it('replaceFrom keeps the blocks before the position, the very same objects, and hashes the new ones', async () => {
    const before = await hashed([block(1n), block(2n), block(3n)]);
    const after = await before.replaceFrom(1, [block(2n, 'b'), block(3n, 'b'), block(4n, 'b')], nodeSha256);
    expect(after.height).toBe(4);
    expect(after.blocks[0]).toBe(before.blocks[0]);
    expect(after.hashes[0]).toBe(before.hashes[0]);
    expect(before.height).toBe(3);
    await expectHashesMatch(after);
  });

  it('cut keeps the first blocks with their hashes and is a new chain even when it keeps them all', async () => {
    const before = await hashed([block(1n), block(2n), block(3n)]);
    const cut = before.cut(2);
    expect(cut.blocks).toEqual(before.blocks.slice(0, 2));
    expect(cut.hashes).toEqual(before.hashes.slice(0, 2));
    expect(before.height).toBe(3);
    const whole = before.cut(3);
    expect(whole).not.toBe(before);
    expect(whole.hashes).toEqual(before.hashes);
  });

  type Step =
    | { readonly kind: 'append'; readonly extra: JsonValue }
    | { readonly kind: 'edit'; readonly at: number; readonly extra: JsonValue }
    | { readonly kind: 'replaceFrom'; readonly at: number; readonly extras: readonly JsonValue[] }
    | { readonly kind: 'cut'; readonly at: number };

  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('append' as const), extra: jsonValue }),
    fc.record({ kind: fc.constant('edit' as const), at: fc.nat(20), extra: jsonValue }),
    fc.record({ kind: fc.constant('replaceFrom' as const), at: fc.nat(20), extras: fc.array(jsonValue, { maxLength: 3 }) }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat(20) }),
  );

  it('keeps hashes[i] = hashBlock(blocks[i]) over any sequence of changes, each a new chain that leaves the one before unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 12 }), async (steps) => {
        let chain = await hashed([block(1n)]);
        for (const s of steps) {
          const blocksBefore = [...chain.blocks];
          const hashesBefore = [...chain.hashes];
          const height = chain.height;
          let next: HashedChain;
          switch (s.kind) {
            case 'append':
              next = await chain.append(block(BigInt(height + 1), s.extra), nodeSha256);
              expect(next.height).toBe(height + 1);
              break;
            case 'edit':
              if (height === 0) continue;
              next = await chain.edit(s.at % height, block(BigInt((s.at % height) + 1), s.extra), nodeSha256);
              expect(next.height).toBe(height);
              break;
            case 'replaceFrom': {
              const at = s.at % (height + 1);
              next = await chain.replaceFrom(at, s.extras.map((extra, i) => block(BigInt(at + i + 1), extra)), nodeSha256);
              expect(next.height).toBe(at + s.extras.length);
              break;
            }
            case 'cut': {
              const at = s.at % (height + 1);
              next = chain.cut(at);
              expect(next.height).toBe(at);
              break;
            }
          }
          expect(next).not.toBe(chain);
          expect(chain.blocks).toEqual(blocksBefore);
          expect(chain.hashes).toEqual(hashesBefore);
          await expectHashesMatch(next);
          chain = next;
        }
      }),
      { numRuns: 60 },
    );
  });
});
