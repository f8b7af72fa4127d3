import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createGenesisBlock, forgeBlock, rewardTransaction, type Block, type Transaction } from '../../core/block';
import { chainDocumentText } from '../../core/chain-document';
import { hashBlock } from '../../core/hash';
import { blockPayments } from '../../core/mempool';
import { initialSchedule, type NetworkRules } from '../../core/rules';
import { SHARED_GENESIS_TIMESTAMP, type JudgeContext } from '../chain-judge';
import { hashed, linkedBlocks, mined, nodeSha256, paymentCounts, TEST_RULES, tx } from '../node-parts.test-suite';
import { ChainState } from './chain-state';
import type { HashedChain } from './hashed-chain';

/*
 * "Nothing lost, nothing doubled", one change at a time. A transaction has no id: two are
 * the same when their canonical JSON is (core/mempool), and they are counted as a multiset
 * over the user payments of the chain (the closing reward aside) plus the pending list. For
 * every key k:
 *   - mined:   after(k) = before(k)                       (the block took them from pending)
 *   - replace: after(k) = max(before(k), newChain(k))     (returned unless the new chain holds them)
 *   - cut:     after(k) = before(k)                       (the cut blocks' payments back to pending)
 *   - restart: after(k) = before(k)
 *   - addPending: after(k) = before(k) + 1 for the one added
 */

const NOW = 1_760_000_000;

function judgeContext(rules: NetworkRules = TEST_RULES): () => JudgeContext {
  const context: JudgeContext = { rules, schedule: initialSchedule(rules), sha256: nodeSha256, now: () => NOW };
  return () => context;
}

/** Few distinct payments, so that the same one often appears twice (5 and 5.0 are different payments). */
const POOL: readonly Transaction[] = [
  tx('alice', 'bob', 5n),
  tx('alice', 'bob', 5),
  tx('bob', 'carol', 2n),
  tx('carol', 'alice', 1.5),
  tx('dave', 'erin', 100000000000000000000n),
];
const payment = fc.constantFrom(...POOL);
const payments = (maxLength: number) => fc.array(payment, { maxLength });

function counts(chain: HashedChain, pending: readonly Transaction[]): Map<string, number> {
  return paymentCounts(chain.blocks, pending);
}

const keysOf = (...maps: Map<string, number>[]): Set<string> => new Set(maps.flatMap((map) => [...map.keys()]));

function expectCounts(actual: Map<string, number>, expected: (key: string) => number, ...others: Map<string, number>[]): void {
  for (const key of keysOf(actual, ...others)) expect(actual.get(key) ?? 0, key).toBe(expected(key));
}

/** A chain: a genesis at `time`, then one linked block per payment list (no proofs: ChainState does not judge on these paths). */
async function chainOf(time: number, blockPayments: readonly (readonly Transaction[])[], tag = 'ours'): Promise<HashedChain> {
  const genesis = createGenesisBlock('tutorial', time);
  return hashed([genesis, ...(await linkedBlocks(genesis, blockPayments.length, (i) => blockPayments[i] ?? [], tag))]);
}

/** `base`'s first `keep` blocks and then new blocks (a fork), or a chain of another genesis when keep is 0. */
async function forkOf(base: HashedChain, keep: number, blockPayments: readonly (readonly Transaction[])[], tag: string): Promise<HashedChain> {
  if (keep === 0) return chainOf(NOW + 7, blockPayments, tag);
  const kept = base.cut(keep);
  const last = kept.blocks.at(-1)!;
  return kept.replaceFrom(keep, await linkedBlocks(last, blockPayments.length, (i) => blockPayments[i] ?? [], tag), nodeSha256);
}

describe('ChainState mined', () => {
  it('moves the payments the block took from the head of pending into the chain, whatever came after staying pending', async () => {
    await fc.assert(
      fc.asyncProperty(payments(6), fc.nat(6), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), payments(3), async (pending, seenAsked, takes, later) => {
        const chain = await chainOf(NOW, [[POOL[0]!]]);
        const state = new ChainState(chain, pending, judgeContext());
        const seen = Math.min(seenAsked, pending.length);
        const head = pending.slice(0, seen);
        const included = head.filter((_, i) => takes[i]);
        const left = head.filter((_, i) => !takes[i]);
        const before = counts(chain, pending);
        // Payments queued while the proof was searched.
        for (const added of later) expect(state.addPending(added, false)).toBeNull();
        const block = forgeBlock({ index: 3n, timestamp: NOW + 1, transactions: [...included, rewardTransaction('me')], proof: 0n, previousHash: chain.hashes.at(-1)! });
        const next = await chain.append(block, nodeSha256);
        state.mined(next, seen, left);
        expect(state.chain).toBe(next);
        expect(state.pending).toEqual([...left, ...pending.slice(seen), ...later]);
        const addedLater = paymentCounts([], later);
        expectCounts(counts(state.chain, state.pending), (key) => (before.get(key) ?? 0) + (addedLater.get(key) ?? 0), before);
      }),
      { numRuns: 80 },
    );
  });
});

describe('ChainState replace', () => {
  it('holds after = max(before, new chain) for every payment: nothing lost, nothing doubled', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(payments(3), { minLength: 0, maxLength: 4 }),
        fc.nat(4),
        fc.array(payments(3), { minLength: 0, maxLength: 5 }),
        payments(5),
        async (ourBlocks, keepAsked, theirBlocks, pending) => {
          const ours = await chainOf(NOW, ourBlocks);
          const keep = keepAsked % (ours.height + 1);
          const theirs = await forkOf(ours, keep, theirBlocks, 'theirs');
          const state = new ChainState(ours, pending, judgeContext());
          const before = counts(ours, pending);
          const adopted = paymentCounts(theirs.blocks);
          const replacement = state.replace(theirs);
          expect(state.chain).toBe(theirs);
          expectCounts(counts(state.chain, state.pending), (key) => Math.max(before.get(key) ?? 0, adopted.get(key) ?? 0), before, adopted);
          // The fork is where the chains part (none shared: another genesis); returned and confirmed are what moved.
          expect(replacement.fork).toBe(keep);
          expect(replacement.dropped).toEqual(ours.hashes.slice(replacement.fork));
          expect(replacement.adopted).toEqual(theirs.hashes.slice(replacement.fork));
          expect(state.pending.slice(0, replacement.returned.length)).toEqual(replacement.returned);
          const droppedPayments = ours.blocks.slice(replacement.fork).flatMap(blockPayments);
          for (const returned of replacement.returned) expect(droppedPayments).toContainEqual(returned);
          for (const confirmed of replacement.confirmed) expect(pending).toContainEqual(confirmed);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('returns the payments of the dropped blocks that the new chain lacks, and confirms the pending ones it holds', async () => {
    const ours = await chainOf(NOW, [[POOL[0]!, POOL[2]!]]);
    const theirs = await forkOf(ours, 1, [[POOL[2]!, POOL[3]!], []], 'theirs');
    const state = new ChainState(ours, [POOL[3]!, POOL[4]!], judgeContext());
    const replacement = state.replace(theirs);
    expect(replacement).toMatchObject({ fork: 1, returned: [POOL[0]], confirmed: [POOL[3]] });
    expect(state.pending).toEqual([POOL[0], POOL[4]]);
  });

  it('keeps our former chain for the fork tree when it drops blocks after a shared genesis, newest first, at most 8', async () => {
    let state = new ChainState(await chainOf(NOW, [[]]), [], judgeContext());
    const former: (readonly string[])[] = [];
    for (let round = 1; round <= 10; round++) {
      former.unshift(state.chain.hashes);
      state.replace(await forkOf(state.chain, 1, Array.from({ length: round + 1 }, () => []), `fork${round}`));
      expect(state.orphans).toEqual(former.slice(0, 8));
    }
    expect(state.orphans).toHaveLength(8);
    state = new ChainState(await chainOf(NOW, [[]]), [], judgeContext());
    // An extension drops nothing; a chain of another genesis shares no trunk to hang a branch on.
    state.replace(await forkOf(state.chain, 2, [[]], 'longer'));
    state.replace(await forkOf(state.chain, 0, [[], [], []], 'foreign'));
    expect(state.orphans).toEqual([]);
  });

  it('trusts the adopted chain as valid: its blocks are not judged again', async () => {
    const state = new ChainState(await mined(), [], judgeContext());
    const adopted = await mined({ blocks: [[], []] });
    state.replace(adopted);
    expect(state.trustedPrefix(adopted.blocks)).toEqual(adopted.hashes);
  });
});

describe('ChainState cut and restart', () => {
  it('cut keeps the first blocks and returns every payment of the others to pending, in chain order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(payments(3), { minLength: 1, maxLength: 5 }), fc.nat(6), payments(4), async (ourBlocks, lengthAsked, pending) => {
        const ours = await chainOf(NOW, ourBlocks);
        const length = 1 + (lengthAsked % ours.height);
        const state = new ChainState(ours, pending, judgeContext());
        const before = counts(ours, pending);
        const dropped = state.cut(length);
        expect(state.chain.hashes).toEqual(ours.hashes.slice(0, length));
        expect(dropped.blocks).toBe(ours.height - length);
        expect(dropped.returned).toEqual(ours.blocks.slice(length).flatMap(blockPayments));
        expect(state.pending).toEqual([...dropped.returned, ...pending]);
        expectCounts(counts(state.chain, state.pending), (key) => before.get(key) ?? 0, before);
        // The blocks kept were found valid on their own.
        expect(state.trustedPrefix(state.chain.blocks)).toEqual(state.chain.hashes);
      }),
      { numRuns: 60 },
    );
  });

  it('restart starts from the new genesis and returns every payment of the old chain to pending', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(payments(3), { maxLength: 5 }), payments(4), async (ourBlocks, pending) => {
        const ours = await chainOf(NOW, ourBlocks);
        const genesis = await chainOf(NOW + 99, []);
        const state = new ChainState(ours, pending, judgeContext());
        const before = counts(ours, pending);
        const dropped = state.restart(genesis);
        expect(state.chain).toBe(genesis);
        expect(dropped.blocks).toBe(ours.height);
        expect(state.pending).toEqual([...dropped.returned, ...pending]);
        expectCounts(counts(state.chain, state.pending), (key) => before.get(key) ?? 0, before);
      }),
      { numRuns: 60 },
    );
  });

  // The tutorial's validation never looks at block 1, so a chain adopted from a peer may hold payments there.
  it('restart returns the payments a genesis block held too (nothing lost)', async () => {
    const genesis: Block = { ...createGenesisBlock('tutorial', NOW), transactions: [POOL[0]!] };
    const ours = await hashed([genesis, ...(await linkedBlocks(genesis, 1, () => [POOL[2]!]))]);
    const state = new ChainState(ours, [], judgeContext());
    const dropped = state.restart(await chainOf(NOW + 99, []));
    expect(dropped.returned).toEqual([POOL[0], POOL[2]]);
  });
});

type Command =
  | { readonly kind: 'add'; readonly transaction: Transaction }
  | { readonly kind: 'mine'; readonly seen: number; readonly takes: readonly boolean[] }
  | { readonly kind: 'replace'; readonly keep: number; readonly blocks: readonly (readonly Transaction[])[] }
  | { readonly kind: 'cut'; readonly length: number }
  | { readonly kind: 'restart' };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), transaction: payment }),
  fc.record({ kind: fc.constant('mine' as const), seen: fc.nat(5), takes: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }) }),
  fc.record({ kind: fc.constant('replace' as const), keep: fc.nat(6), blocks: fc.array(payments(3), { maxLength: 4 }) }),
  fc.record({ kind: fc.constant('cut' as const), length: fc.nat(6) }),
  fc.record({ kind: fc.constant('restart' as const) }),
);

describe('ChainState over any sequence of changes', () => {
  it('never loses a payment and never counts one twice: each change moves the counts exactly as it says', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 14 }), async (commands) => {
        const state = new ChainState(await chainOf(NOW, [[POOL[1]!]]), [], judgeContext());
        let round = 0;
        for (const c of commands) {
          round += 1;
          const before = counts(state.chain, state.pending);
          const same = (key: string): number => before.get(key) ?? 0;
          switch (c.kind) {
            case 'add': {
              state.addPending(c.transaction, false);
              const added = paymentCounts([], [c.transaction]);
              expectCounts(counts(state.chain, state.pending), (key) => same(key) + (added.get(key) ?? 0), added);
              break;
            }
            case 'mine': {
              const seen = Math.min(c.seen, state.pending.length);
              const head = state.pending.slice(0, seen);
              const block = forgeBlock({
                index: BigInt(state.chain.height + 1),
                timestamp: NOW + round,
                transactions: [...head.filter((_, i) => c.takes[i]), rewardTransaction('me')],
                proof: 0n,
                previousHash: state.chain.hashes.at(-1)!,
              });
              state.mined(await state.chain.append(block, nodeSha256), seen, head.filter((_, i) => !c.takes[i]));
              expectCounts(counts(state.chain, state.pending), same);
              break;
            }
            case 'replace': {
              const theirs = await forkOf(state.chain, c.keep % (state.chain.height + 1), c.blocks, `round${round}`);
              const adopted = paymentCounts(theirs.blocks);
              state.replace(theirs);
              expectCounts(counts(state.chain, state.pending), (key) => Math.max(same(key), adopted.get(key) ?? 0), before, adopted);
              break;
            }
            case 'cut':
              state.cut(1 + (c.length % state.chain.height));
              expectCounts(counts(state.chain, state.pending), same, before);
              break;
            case 'restart':
              state.restart(await chainOf(NOW + 1000 + round, []));
              expectCounts(counts(state.chain, state.pending), same, before);
              break;
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('ChainState edits', () => {
  async function editedState(): Promise<{ state: ChainState; chain: HashedChain }> {
    const chain = await chainOf(NOW, [[], [], [], []]);
    const state = new ChainState(chain, [], judgeContext());
    const first = await chain.edit(3, { ...chain.blocks[3]!, timestamp: 1 }, nodeSha256);
    state.edit(first, 4);
    const second = await first.edit(1, { ...first.blocks[1]!, timestamp: 2 }, nodeSha256);
    state.edit(second, 2);
    state.edit(await second.edit(1, { ...second.blocks[1]!, timestamp: 3 }, nodeSha256), 2);
    return { state, chain };
  }

  it('marks each edited block once, in chain order, and counts every edit', async () => {
    const { state } = await editedState();
    expect(state.edited).toEqual([2, 4]);
    expect(state.firstEdited()).toBe(2);
    expect(state.edits).toBe(3);
  });

  it('has no edited block before the first edit', async () => {
    const state = new ChainState(await chainOf(NOW, [[]]), [], judgeContext());
    expect(state.edited).toEqual([]);
    expect(state.firstEdited()).toBeNull();
    expect(state.edits).toBe(0);
  });

  it('a cut forgets the edited blocks it removes and keeps the others', async () => {
    const { state } = await editedState();
    state.cut(3);
    expect(state.edited).toEqual([2]);
  });

  it('a replacement, a restart, a repair and a reset each clear the edited blocks; the count of edits stays', async () => {
    for (const clear of [
      async (state: ChainState) => { state.replace(await chainOf(NOW + 5, [[], [], [], [], []])); },
      async (state: ChainState) => { state.restart(await chainOf(NOW + 5, [])); },
      (state: ChainState) => { state.repaired(state.chain); return Promise.resolve(); },
      async (state: ChainState) => { state.reset(await chainOf(NOW + 5, [])); },
    ]) {
      const { state } = await editedState();
      await clear(state);
      expect(state.edited).toEqual([]);
      expect(state.firstEdited()).toBeNull();
      expect(state.edits).toBe(3);
    }
  });
});

describe('ChainState reset and rules', () => {
  it('reset starts from the genesis with nothing pending, no former chains and nothing trusted', async () => {
    const ours = await mined({ blocks: [[]] });
    const state = new ChainState(ours, [POOL[0]!], judgeContext());
    await state.verdict();
    state.replace(await forkOf(ours, 1, [[], []], 'theirs'));
    expect(state.orphans).toHaveLength(1);
    const genesis = await chainOf(NOW + 3, []);
    state.reset(genesis);
    expect(state.chain).toBe(genesis);
    expect(state.pending).toEqual([]);
    expect(state.orphans).toEqual([]);
    expect(state.trustedPrefix(ours.blocks)).toEqual([]);
  });

  it('rulesChanged forgets the former chains of the fork tree and judges our chain again', async () => {
    let rules: NetworkRules = TEST_RULES;
    const state = new ChainState(await mined({ blocks: [[], []] }), [], () => ({ rules, schedule: initialSchedule(rules), sha256: nodeSha256, now: () => NOW }));
    expect(await state.verdict()).toMatchObject({ valid: true });
    state.replace(await forkOf(state.chain, 1, [[], [], []], 'theirs'));
    rules = { ...TEST_RULES, difficulty: 6 };
    state.rulesChanged();
    expect(state.orphans).toEqual([]);
    expect(await state.verdict()).toMatchObject({ valid: false, code: 'proof' });
  });

  it('makes a genesis as the network does: the shared one at its fixed time, else one at the clock', async () => {
    const shared = new ChainState(await mined(), [], judgeContext({ ...TEST_RULES, genesis: 'shared' }));
    expect((await shared.genesis()).blocks).toEqual([createGenesisBlock('tutorial', SHARED_GENESIS_TIMESTAMP)]);
    const own = new ChainState(await mined(), [], judgeContext({ ...TEST_RULES, rule: 'bound' }));
    const genesis = await own.genesis();
    expect(genesis.blocks).toEqual([createGenesisBlock('bound', NOW)]);
    expect(genesis.hashes).toEqual([await hashBlock(genesis.blocks[0]!, nodeSha256)]);
  });

  it('judges a chain answer that left out our blocks as our blocks followed by the ones it sent', async () => {
    const longer = await mined({ blocks: [[], [], []] });
    const ours = longer.cut(2);
    const state = new ChainState(ours, [], judgeContext());
    const judged = await state.judgeText(chainDocumentText(longer.blocks.slice(2), 4), { chain: ours, skipped: 2 });
    expect(judged.verdict).toMatchObject({ valid: true, length: 4, hashes: longer.hashes });
    expect(judged.chain).toEqual(longer.blocks);
    const wrongBase = await state.judgeText(chainDocumentText(longer.blocks.slice(1), 4), { chain: ours, skipped: 1 });
    expect(wrongBase.verdict).toMatchObject({ valid: false, code: 'not-a-list' });
  });
});

describe('ChainState addPending', () => {
  it('queues any payment when spending only what one has is not enforced', async () => {
    const state = new ChainState(await mined(), [], judgeContext());
    expect(state.addPending(tx('alice', 'bob', 1_000_000n), false)).toBeNull();
    expect(state.pending).toEqual([tx('alice', 'bob', 1_000_000n)]);
  });

  it('refuses, when enforced, a payment its sender cannot afford and queues one it can', async () => {
    const strict: NetworkRules = { ...TEST_RULES, strict: true, balances: true };
    const state = new ChainState(await mined({ blocks: [[], []], nodeId: 'miner' }), [], judgeContext(strict));
    expect(state.addPending(tx('alice', 'bob', 1n), true)).toEqual({ kind: 'overspend', sender: 'alice', available: '0', amount: '1' });
    expect(state.addPending(tx('miner', 'bob', 1n), true)).toBeNull();
    expect(state.addPending(tx('miner', 'bob', 2n), true)).toEqual({ kind: 'overspend-held', sender: 'miner', available: '1', balance: '2', amount: '2' });
    expect(state.addPending(tx('0', 'bob', 1n), true)).toEqual({ kind: 'reward' });
    expect(state.pending).toEqual([tx('miner', 'bob', 1n)]);
  });
});
