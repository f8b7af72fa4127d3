import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Block, Transaction } from './block';
import { jsonValue } from './json-arbitrary.test-suite';
import type { JsonValue } from './json-value';
import { blockPayments, isReward, reconcilePending, transactionKey, type ReconcileInput } from './mempool';
import { dumpsPython } from './python-json';

const tx = (sender: JsonValue, recipient: JsonValue, amount: JsonValue): Transaction => ({ sender, recipient, amount });
const block = (...transactions: JsonValue[]): Block => ({ index: 2n, transactions });
const reward = (nodeId: string): Transaction => tx('0', nodeId, 1n);

const A = tx('alice', 'bob', 5n);
const B = tx('bob', 'carol', 2n);
const C = tx('carol', 'alice', 1n);
const D = tx('dave', 'erin', 3n);

describe('isReward', () => {
  it('is sender "0" exactly', () => {
    expect(isReward(reward('n1'))).toBe(true);
    expect(isReward({ sender: '0' })).toBe(true);
    expect(isReward(tx(0n, 'n1', 1n))).toBe(false);
    expect(isReward(tx('00', 'n1', 1n))).toBe(false);
    expect(isReward(A)).toBe(false);
    expect(isReward('0')).toBe(false);
    expect(isReward(null)).toBe(false);
    expect(isReward(['0'])).toBe(false);
  });
});

describe('blockPayments', () => {
  it('drops only the closing reward, so a payment sent from "0" is still a payment', () => {
    const fromZero = tx('0', 'bob', 1n);
    expect(blockPayments(block(A, fromZero, reward('us')))).toEqual([A, fromZero]);
    expect(blockPayments(block(fromZero, B))).toEqual([fromZero, B]);
    expect(blockPayments(block(reward('us')))).toEqual([]);
  });

  it('skips entries that are not transactions and survives a block without a list', () => {
    expect(blockPayments(block(A, 'x', null, reward('us')))).toEqual([A]);
    expect(blockPayments({ index: 1n })).toEqual([]);
  });
});

describe('transactionKey', () => {
  it('is the canonical JSON: key order does not matter, number forms do', () => {
    expect(transactionKey({ amount: 5n, sender: 'alice', recipient: 'bob' })).toBe(transactionKey(A));
    expect(transactionKey(tx('alice', 'bob', 5))).not.toBe(transactionKey(A));
  });

  it('is null for a value outside JSON', () => {
    expect(transactionKey({ ...A, amount: undefined as unknown as JsonValue })).toBeNull();
  });
});

describe('reconcilePending', () => {
  it('returns a dropped payment sent from "0" like any other payment', () => {
    const fromZero = tx('0', 'bob', 1n);
    const result = reconcilePending({ pending: [], dropped: [block(fromZero, reward('us'))], adopted: [] });
    expect(result.returned).toEqual([fromZero]);
  });

  it('changes nothing when no block is dropped or adopted', () => {
    expect(reconcilePending({ pending: [A, B], dropped: [], adopted: [] })).toEqual({
      pending: [A, B],
      returned: [],
      confirmed: [],
    });
  });

  it('returns the dropped payments (not the rewards) ahead of the old pending, in chain order', () => {
    const result = reconcilePending({
      pending: [D],
      dropped: [block(A, B, reward('us')), block(C, reward('us'))],
      adopted: [block(reward('them'))],
    });
    expect(result).toEqual({ pending: [A, B, C, D], returned: [A, B, C], confirmed: [] });
  });

  it('does not return what the new chain holds, and confirms pending it holds', () => {
    const result = reconcilePending({
      pending: [C, D],
      dropped: [block(A, B, reward('us'))],
      adopted: [block(B, reward('them')), block(C, reward('them'))],
    });
    expect(result).toEqual({ pending: [A, D], returned: [A], confirmed: [C] });
  });

  it('counts copies: twice dropped and once adopted returns one; the oldest pending copy is confirmed', () => {
    expect(reconcilePending({ pending: [], dropped: [block(A), block(A)], adopted: [block(A)] })).toEqual({
      pending: [A],
      returned: [A],
      confirmed: [],
    });
    const first = { ...B };
    const second = { ...B };
    const result = reconcilePending({ pending: [first, D, second], dropped: [], adopted: [block(B)] });
    expect(result.confirmed[0]).toBe(first);
    expect(result.pending[1]).toBe(second);
    expect(result.pending).toEqual([D, B]);
  });

  it('cancels adopted copies against dropped ones before pending ones', () => {
    // A moved from our dropped block into theirs; the pending copy is a second payment.
    expect(reconcilePending({ pending: [A], dropped: [block(A)], adopted: [block(A)] })).toEqual({
      pending: [A],
      returned: [],
      confirmed: [],
    });
  });

  it('matches by canonical JSON: key order is the same transaction, 5.0 and 5 are not', () => {
    const reordered = { amount: 5n, recipient: 'bob', sender: 'alice' };
    const float = tx('alice', 'bob', 5);
    const result = reconcilePending({ pending: [float, A], dropped: [], adopted: [block(reordered)] });
    expect(result).toEqual({ pending: [float], returned: [], confirmed: [A] });
  });

  it('never confirms a pending "reward" and never returns a dropped one', () => {
    const fake = reward('mallory');
    expect(reconcilePending({ pending: [fake], dropped: [block(fake)], adopted: [block(fake)] })).toEqual({
      pending: [fake],
      returned: [],
      confirmed: [],
    });
  });

  it('skips odd blocks and odd entries without throwing', () => {
    const odd = [
      { index: 2n, transactions: 'not a list' },
      { index: 3n },
      { index: 4n, transactions: null },
      { index: 5n, transactions: [7n, 'A', null, [A], { sender: 'alice', recipient: 'bob' }, A] },
      { index: 6n, transactions: [{ ...B, amount: undefined as unknown as JsonValue }] },
      ...([null, 'block', 5n, [A]] as unknown as Block[]),
    ] as Block[];
    expect(reconcilePending({ pending: [B], dropped: odd, adopted: odd })).toEqual({
      pending: [B],
      returned: [],
      confirmed: [],
    });
    expect(reconcilePending({ pending: [], dropped: odd, adopted: [] })).toEqual({
      pending: [A],
      returned: [A],
      confirmed: [],
    });
  });
});

// ---------------------------------------------------------------------------------------
// Properties over random chains with few distinct transactions, so that copies are common.

const smallTx: fc.Arbitrary<Transaction> = fc
  .tuple(fc.constantFrom<JsonValue>('0', 'a', 'b'), fc.constantFrom<JsonValue>('a', 'b'), fc.constantFrom<JsonValue>(1n, 5n, 5), fc.boolean())
  .map(([sender, recipient, amount, reversed]) =>
    // Both insertion orders, to check that matching does not depend on it.
    reversed ? { amount, recipient, sender } : { sender, recipient, amount },
  );

const oddEntry = fc.constantFrom<JsonValue>(7n, 'tx', null, [], { sender: 'a', recipient: 'b' });

const smallBlock: fc.Arbitrary<Block> = fc.oneof(
  { weight: 8, arbitrary: fc.array(fc.oneof({ weight: 6, arbitrary: smallTx }, oddEntry), { maxLength: 4 }).map((txs) => block(...txs)) },
  { weight: 1, arbitrary: fc.constantFrom<Block>({ index: 9n }, { transactions: 'x' }, { transactions: { sender: 'a' } }) },
);

/**
 * Our chain and theirs share `fork` leading blocks; the blocks after it are ours (dropped)
 * and theirs (adopted). Only those reach reconcilePending, so the shared part is not built.
 */
const scenario = fc.record({
  pending: fc.array(smallTx, { maxLength: 6 }),
  dropped: fc.array(smallBlock, { maxLength: 5 }),
  adopted: fc.array(smallBlock, { maxLength: 5 }),
});

type Counts = Map<string, number>;

function counts(txs: readonly JsonValue[]): Counts {
  const m: Counts = new Map();
  for (const t of txs) m.set(dumpsPython(t), (m.get(dumpsPython(t)) ?? 0) + 1);
  return m;
}

function nonRewardTxs(blocks: readonly Block[]): Transaction[] {
  return blocks.flatMap(blockPayments);
}

function allKeys(...ms: Counts[]): Set<string> {
  return new Set(ms.flatMap((m) => [...m.keys()]));
}

const n = (m: Counts, key: string): number => m.get(key) ?? 0;

/** `sub` is `whole` with some items removed, order kept (by identity). */
function isSubsequence<T>(sub: readonly T[], whole: readonly T[]): boolean {
  let i = 0;
  for (const item of whole) if (i < sub.length && sub[i] === item) i++;
  return i === sub.length;
}

/** Per-key counts of pending before and after a reconcile, and of the blocks' non-rewards. */
function tallies(input: ReconcileInput) {
  return {
    after: counts(reconcilePending(input).pending),
    before: counts(input.pending),
    dropped: counts(nonRewardTxs(input.dropped)),
    adopted: counts(nonRewardTxs(input.adopted)),
  };
}

describe('reconcilePending (properties)', () => {
  it('pending_after = max(0, pending_before + dropped − adopted) per key, rewards left out', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { after, before, dropped, adopted } = tallies(input);
        for (const key of allKeys(after, before, dropped, adopted)) {
          expect(n(after, key)).toBe(Math.max(0, n(before, key) + n(dropped, key) - n(adopted, key)));
        }
      }),
    );
  });

  it('loses nothing: every transaction held before is pending or in the new blocks', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { after, before, dropped, adopted } = tallies(input);
        for (const key of allKeys(before, dropped)) {
          expect(n(after, key) + n(adopted, key)).toBeGreaterThanOrEqual(n(before, key) + n(dropped, key));
        }
      }),
    );
  });

  it('explains itself: pending = returned (in chain order) + old pending minus confirmed (in order)', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { pending, returned, confirmed } = reconcilePending(input);
        expect(isSubsequence(returned, nonRewardTxs(input.dropped))).toBe(true);
        expect(isSubsequence(confirmed, input.pending)).toBe(true);
        const kept = input.pending.filter((t) => !confirmed.includes(t));
        expect(pending).toEqual([...returned, ...kept]);
        expect(pending.slice(0, returned.length).every((t, i) => t === returned[i])).toBe(true);
      }),
    );
  });

  it('is stable: reconciling the result again with no blocks changes nothing', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const once = reconcilePending(input);
        const twice = reconcilePending({ pending: once.pending, dropped: [], adopted: [] });
        expect(twice).toEqual({ pending: once.pending, returned: [], confirmed: [] });
      }),
    );
  });

  it('never throws, whatever the blocks hold', () => {
    const anyBlocks = fc.array(
      fc.oneof(jsonValue, fc.array(jsonValue, { maxLength: 4 }).map((transactions) => ({ transactions }))),
      { maxLength: 4 },
    ) as fc.Arbitrary<Block[]>;
    fc.assert(
      fc.property(fc.array(smallTx, { maxLength: 3 }), anyBlocks, anyBlocks, (pending, dropped, adopted) => {
        const result = reconcilePending({ pending, dropped, adopted });
        expect(result.pending.length).toBeGreaterThanOrEqual(pending.length - result.confirmed.length);
      }),
    );
  });
});
