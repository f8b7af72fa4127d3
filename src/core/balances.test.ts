import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addAmounts,
  availableTo,
  balanceSheet,
  readLedger,
  selectForNextBlock,
  spendRefusal,
  spendRefusalText,
  type SpendRefusal,
  subtractAmounts,
  type Amount,
} from './balances';
import { forgeBlock, rewardTransaction, type Block, type Transaction } from './block';
import { readPythonFixture } from './fixtures.test-suite';
import { isJsonObject } from './json-value';
import { transactionKey } from './mempool';

const MINER = 'miner';
const pay = (sender: string, recipient: string, amount: Amount): Transaction => ({ sender, recipient, amount });

/** A chain whose blocks hold these payments, each block ending with a reward (proofs are not checked here). */
function chainOf(blocks: readonly (readonly Transaction[])[], miner: (position: number) => string = () => MINER): Block[] {
  const genesis = forgeBlock({ index: 1n, timestamp: 0, transactions: [], proof: 100n, previousHash: '1' });
  return [
    genesis,
    ...blocks.map((transactions, i) =>
      forgeBlock({
        index: BigInt(i + 2),
        timestamp: i + 1,
        transactions: [...transactions, rewardTransaction(miner(i))],
        proof: 0n,
        previousHash: 'x',
      }),
    ),
  ];
}

const balancesOf = (chain: readonly Block[]) => {
  const { accounts } = readLedger(chain);
  return Object.fromEntries(accounts.addresses().map((address) => [address, accounts.balanceOf(address)]));
};

describe('amounts add as Python adds int and float', () => {
  it('keeps ints exact at any size and turns to float as soon as a float takes part', () => {
    expect(addAmounts(2n ** 64n, 1n)).toBe(18446744073709551617n);
    expect(subtractAmounts(5n, 7n)).toBe(-2n);
    expect(addAmounts(1n, 2.5)).toBe(3.5);
    expect(addAmounts(0.1, 0.2)).toBe(0.30000000000000004); // Python: 0.1 + 0.2
    expect(addAmounts(2n ** 53n + 1n, 0.0)).toBe(2 ** 53); // Python: float(2**53 + 1) rounds to 2**53
    expect(typeof addAmounts(5n, 0.0)).toBe('number'); // Python: 5 + 0.0 == 5.0, a float
  });
});

describe('readLedger', () => {
  it('counts rewards and payments in chain order', () => {
    const chain = chainOf([[], [pay(MINER, 'bob', 1n)], [pay('bob', 'carol', 0.5)]]);
    expect(balancesOf(chain)).toEqual({ bob: 0.5, carol: 0.5, [MINER]: 2n });
    expect(readLedger(chain).firstProblem).toBeNull();
  });

  it('finds the overspend of the reference chain: alice pays 5 she never earned', () => {
    const doc = readPythonFixture('reference/python_chain_short.json');
    const chain = (isJsonObject(doc) && Array.isArray(doc['chain']) ? doc['chain'] : []).filter(isJsonObject);
    expect(chain).toHaveLength(3);
    expect(readLedger(chain).firstProblem).toEqual({
      position: 1,
      transaction: 0,
      payment: { sender: 'alice', recipient: 'bob', amount: 5n },
      problem: { kind: 'overspend', balance: 0n },
    });
  });

  it('finds a negative payment, and counts what it cannot read without throwing', () => {
    const chain = chainOf([[pay(MINER, 'bob', -1n)]]);
    chain.push({ index: 3n, transactions: [{ sender: 5n, recipient: 'x', amount: 1n }, 'odd', { sender: 'a', recipient: 'b', amount: 'lots' }] });
    const ledger = readLedger(chain);
    expect(ledger.firstProblem).toMatchObject({ position: 1, transaction: 0, problem: { kind: 'negative' } });
    expect(ledger.uncounted).toBe(3);
  });

  const address = fc.constantFrom('alice', 'bob', 'carol', MINER, '0');
  const payment = fc.record({ sender: fc.constantFrom('alice', 'bob', 'carol', MINER), recipient: address, amount: fc.bigInt({ min: 0n, max: 3n }) });
  const blocks = fc.array(fc.array(payment, { maxLength: 4 }), { maxLength: 8 });
  const miners = fc.array(address, { minLength: 8, maxLength: 8 });

  it('gives every address what it received less what it sent, rewards included (property)', () => {
    fc.assert(
      fc.property(blocks, miners, (payments, minerOf) => {
        const chain = chainOf(payments, (i) => minerOf[i] ?? MINER);
        const expected = new Map<string, bigint>();
        const move = (who: string, amount: bigint) => expected.set(who, (expected.get(who) ?? 0n) + amount);
        payments.forEach((block, i) => {
          for (const tx of block) {
            move(tx.sender, -tx.amount);
            move(tx.recipient, tx.amount);
          }
          move(minerOf[i] ?? MINER, 1n);
        });
        const { accounts } = readLedger(chain);
        for (const [who, amount] of expected) expect(accounts.balanceOf(who)).toBe(amount);
      }),
    );
  });

  it('keeps the sum of all balances equal to the number of rewards (property)', () => {
    fc.assert(
      fc.property(blocks, (payments) => {
        const { accounts } = readLedger(chainOf(payments));
        const total = accounts.addresses().reduce<Amount>((sum, who) => addAmounts(sum, accounts.balanceOf(who)), 0n);
        expect(total).toBe(BigInt(payments.length));
      }),
    );
  });

  it('judges by the order of blocks: a spend before the income that covers it is an overspend (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.bigInt({ min: 1n, max: 5n }), (earned, spent) => {
        fc.pre(spent <= BigInt(earned));
        // alice mines `earned` blocks, then pays `spent`: fine; the payment first: an overspend.
        const earning = Array.from({ length: earned }, (): Transaction[] => []);
        const alice = () => 'alice';
        expect(readLedger(chainOf([...earning, [pay('alice', 'bob', spent)]], alice)).firstProblem).toBeNull();
        expect(readLedger(chainOf([[pay('alice', 'bob', spent)], ...earning], alice)).firstProblem).toMatchObject({
          position: 1,
          problem: { kind: 'overspend', balance: 0n },
        });
      }),
    );
  });
});

describe('pending transactions', () => {
  const chain = chainOf([[], []]); // the miner has 2
  const ledger = readLedger(chain);

  it('are shown as spends and receipts; only confirmed coins are available', () => {
    const pending = [pay(MINER, 'bob', 1n), pay('bob', 'carol', 1n), pay(MINER, 'carol', 0.5)];
    expect(availableTo(ledger, pending, MINER)).toBe(0.5);
    expect(balanceSheet(ledger, pending)).toEqual([
      { address: 'bob', confirmed: 0n, pendingOut: 1n, pendingIn: 1n, available: -1n },
      { address: 'carol', confirmed: 0n, pendingOut: 0n, pendingIn: 1.5, available: 0n },
      { address: MINER, confirmed: 2n, pendingOut: 1.5, pendingIn: 0n, available: 0.5 },
    ]);
  });

  it('refuse a new spend above what the sender can still spend, with its details', () => {
    const pending = [pay(MINER, 'bob', 1n)];
    expect(spendRefusal(ledger, pending, pay(MINER, 'carol', 1n))).toBeNull();
    expect(spendRefusal(ledger, pending, pay(MINER, 'carol', 1.5))).toEqual({
      kind: 'overspend-held',
      sender: MINER,
      available: '1',
      balance: '2',
      amount: '1.5',
    });
    expect(spendRefusal(ledger, [], pay('bob', 'carol', 1n))).toEqual({ kind: 'overspend', sender: 'bob', available: '0', amount: '1' });
    expect(spendRefusal(ledger, [], pay(MINER, 'carol', -1n))).toEqual({ kind: 'negative', amount: '-1', recipient: 'carol' });
    expect(spendRefusal(ledger, [], pay('0', 'carol', 1n))).toEqual({ kind: 'reward' });
    expect(spendRefusal(ledger, [], { sender: 'a', recipient: null, amount: 1n })).toEqual({ kind: 'uncountable' });
  });

  it.each([
    [{ kind: 'overspend-held', sender: 'bob', available: '1', balance: '2', amount: '1.5' }, 'bob can spend only 1 (balance 2 less pending spends), so 1.5 is too much.'],
    [{ kind: 'overspend', sender: 'bob', available: '0', amount: '1' }, 'bob can spend only 0, so 1 is too much.'],
    [{ kind: 'negative', amount: '-1', recipient: 'carol' }, 'The amount -1 is negative, which would take coins from carol instead of paying them.'],
    [{ kind: 'reward' }, 'Sender "0" stands for the mining reward: it creates new coins and has no balance to spend.'],
    [{ kind: 'uncountable' }, 'Sender and recipient must be text and the amount a number, so that balances can be counted.'],
  ] satisfies [SpendRefusal, string][])('word a refusal in English: %j', (refusal, text) => {
    expect(spendRefusalText(refusal)).toBe(text);
  });

  it('that became unaffordable wait for a later block, nothing dropped', () => {
    const pending = [pay(MINER, 'bob', 2n), pay(MINER, 'carol', 1n), pay('bob', 'carol', 2n), pay('0', 'x', 1n)];
    const { included, waiting } = selectForNextBlock(ledger, pending);
    expect(included).toEqual([pay(MINER, 'bob', 2n), pay('bob', 'carol', 2n)]);
    expect(waiting.map((entry) => entry.transaction)).toEqual([pay(MINER, 'carol', 1n), pay('0', 'x', 1n)]);
    expect(waiting.map((entry) => entry.reason)).toEqual([{ kind: 'unaffordable', sender: MINER, balance: '0', amount: '1' }, { kind: 'reward' }]);
  });

  it('that no block may hold wait too, with why', () => {
    const pending = [pay('alice', 'bob', -1n), { sender: 'alice', recipient: 7n, amount: 1n }];
    expect(selectForNextBlock(ledger, pending).waiting.map((entry) => entry.reason)).toEqual([
      { kind: 'negative', amount: '-1' },
      { kind: 'uncountable' },
    ]);
  });

  const anyPayment = fc.record({
    sender: fc.constantFrom('alice', 'bob', MINER, '0'),
    recipient: fc.constantFrom('alice', 'bob', MINER),
    amount: fc.oneof(fc.bigInt({ min: -1n, max: 3n }), fc.double({ min: -1, max: 3, noNaN: true })),
  });

  it('leave a next block that never overspends, and lose or add nothing (property)', () => {
    fc.assert(
      fc.property(fc.array(anyPayment, { maxLength: 10 }), (pending) => {
        const { included, waiting } = selectForNextBlock(ledger, pending);
        expect(readLedger(chainOf([[], [], included])).firstProblem).toBeNull();
        const keys = (txs: readonly Transaction[]) => txs.map(transactionKey).sort();
        expect(keys([...included, ...waiting.map((entry) => entry.transaction)])).toEqual(keys(pending));
      }),
    );
  });
});
