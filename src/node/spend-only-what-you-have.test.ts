import { afterEach, describe, expect, it, vi } from 'vitest';
import { hashBlock } from '../core/hash';
import { DEFAULT_RULES, type NetworkRules } from '../core/rules';
import { validateChain } from '../core/validate';
import { createMemoryHub } from '../network/memory-transport';
import { handleRequest } from './endpoints';
import type { TabNode } from './tab-node';
import { nodeSha256, testNetwork, testNodes } from './test-nodes.test-suite';

/*
 * The balances rule in a node: the form and the HTTP endpoint refuse an overspend, the
 * Balances view follows the chain and the pending list, mining never forges an overspend,
 * and a payment that a chain replacement made unaffordable waits in pending instead of
 * being lost. In-memory hub, difficulty 1, Node's synchronous SHA-256.
 */

const BALANCES: NetworkRules = { ...DEFAULT_RULES, difficulty: 1, strict: true, balances: true };
const nodes = testNodes(testNetwork('balances-test'), 'b', BALANCES);
afterEach(() => {
  nodes.closeAll();
});

const pay = (sender: string, recipient: string, amount: string) => ({ sender, recipient, amount });

async function mine(node: TabNode): Promise<void> {
  expect((await node.mine()).ok).toBe(true);
}

const row = (node: TabNode, address: string) => node.balances().rows.find((entry) => entry.address === address);

describe('spend only what you have', () => {
  it('refuses an overspend next to Amount, accepts a spend within the balance and confirms it by mining', async () => {
    const a = await nodes.start(createMemoryHub());
    expect(row(a, a.id)).toEqual({ address: a.id, confirmed: 0n, pendingOut: 0n, pendingIn: 0n, available: 0n, own: true });
    expect(a.addTransaction(pay(a.id, 'bob', '1'))).toEqual({
      ok: false,
      texts: { amount: `${a.id} can spend only 0, so 1 is too much.` },
      messages: { amount: { key: 'spendTooMuch', values: { sender: a.id, available: '0', amount: '1' } } },
    });

    await mine(a);
    expect(row(a, a.id)).toMatchObject({ confirmed: 1n, available: 1n });
    expect(a.addTransaction(pay(a.id, 'bob', '0.75'))).toMatchObject({ ok: true, blockIndex: 3 });
    expect(a.addTransaction(pay(a.id, 'carol', '0.5'))).toEqual({
      ok: false,
      texts: { amount: `${a.id} can spend only 0.25 (balance 1 less pending spends), so 0.5 is too much.` },
      messages: { amount: { key: 'spendTooMuchHeld', values: { sender: a.id, available: '0.25', balance: '1', amount: '0.5' } } },
    });
    expect(row(a, a.id)).toMatchObject({ confirmed: 1n, pendingOut: 0.75, available: 0.25 });
    expect(row(a, 'bob')).toMatchObject({ confirmed: 0n, pendingIn: 0.75, own: false });

    await mine(a);
    expect(a.pending()).toEqual([]);
    expect(row(a, 'bob')).toMatchObject({ confirmed: 0.75, pendingIn: 0n });
    expect(row(a, a.id)).toMatchObject({ confirmed: 1.25, available: 1.25 });
    expect((await a.chainView()).verdict.valid).toBe(true);
  });

  it('answers POST /transactions/new with 400 and the reason, and keeps the tutorial\'s "Missing values"', async () => {
    const a = await nodes.start(createMemoryHub());
    const post = (body: object) => handleRequest(a, 'POST', '/transactions/new', JSON.stringify(body));
    expect(await post({ sender: 'alice', recipient: 'bob', amount: 5 })).toEqual({
      status: 400,
      kind: 'json',
      body: { message: 'alice can spend only 0, so 5 is too much.' },
    });
    expect(await post({ sender: 'alice', recipient: 'bob' })).toEqual({ status: 400, kind: 'text', body: 'Missing values' });
    expect(await post({ sender: 'alice', recipient: 'bob', amount: 'five' })).toMatchObject({ status: 400, body: { message: expect.stringMatching(/number/) as unknown } });
    expect(a.pending()).toEqual([]);
  });

  it('lets every transaction in when the rule is off, as the tutorial does', async () => {
    const a = await nodes.start(createMemoryHub(), { strict: false, balances: false });
    expect(a.addTransaction(pay('alice', 'bob', '5')).ok).toBe(true);
    await mine(a);
    expect(a.balances()).toMatchObject({ enforced: false, waiting: [] });
    expect(row(a, 'alice')).toMatchObject({ confirmed: -5n });
  });

  it('keeps a payment that a chain replacement made unaffordable pending, with why, until it can be mined', async () => {
    const hub = createMemoryHub();
    // B's fake clock runs behind A's, so that A's blocks on B's chain keep time going forward (strict).
    const b = await nodes.start(hub);
    const a = await nodes.start(hub);
    await vi.waitFor(() => {
      expect(a.registeredNodes()).toContain(b.id);
    });
    await mine(a);
    expect(a.addTransaction(pay(a.id, 'bob', '1')).ok).toBe(true);
    await mine(b);
    await mine(b);
    expect((await a.resolve()).replaced).toBe(true);

    // A's reward went with its dropped block: the payment is pending, but A has nothing.
    expect(a.pending()).toEqual([{ sender: a.id, recipient: 'bob', amount: 1n }]);
    expect(a.balances().waiting).toEqual([
      { transaction: { sender: a.id, recipient: 'bob', amount: 1n }, reason: { key: 'waitUnaffordable', values: { sender: a.id, balance: '0', amount: '1' } } },
    ]);
    await mine(a);
    expect(a.chain().blocks.at(-1)?.['transactions']).toEqual([{ sender: '0', recipient: a.id, amount: 1n }]);
    expect(a.pending()).toHaveLength(1);
    await mine(a);
    expect(a.pending()).toEqual([]);
    expect(row(a, 'bob')).toMatchObject({ confirmed: 1n });
    expect((await a.chainView()).verdict.valid).toBe(true);
  });

  it('needs strict validation; turned on, it keeps the blocks mined before and refuses the next overspend', async () => {
    const a = await nodes.start(createMemoryHub(), { strict: false, balances: false });
    expect(await a.setRules({ ...a.rules, balances: true })).toEqual({
      ok: false,
      message: { key: 'balancesNeedStrict', values: {} },
    });
    expect(a.addTransaction(pay('alice', 'bob', '5')).ok).toBe(true);
    await mine(a);
    const enforced = { ...a.rules, strict: true, balances: true };
    // Judged as a whole under the rule, block 2 (mined before it) holds an overspend.
    expect(await validateChain([...a.chain().blocks], enforced, nodeSha256)).toMatchObject({ valid: false, code: 'overspend', block: 2 });
    const chain = a.chainBody();

    expect(await a.setRules(enforced)).toMatchObject({ ok: true, from: 3, chainReset: false });
    expect(a.chainBody()).toBe(chain);
    expect((await a.chainView()).verdict).toMatchObject({ valid: true });
    expect(a.balances().enforced).toBe(true);
    expect(row(a, 'alice')).toMatchObject({ confirmed: -5n });
    // From block 3 on, alice cannot pay what she does not have.
    expect(a.addTransaction(pay('alice', 'carol', '1'))).toMatchObject({ ok: false, messages: { amount: { key: 'spendTooMuch' } } });
    expect(a.addTransaction(pay('bob', 'carol', '2')).ok).toBe(true);
    await mine(a);
    expect((await a.chainView()).verdict).toMatchObject({ valid: true });
    expect(row(a, 'carol')).toMatchObject({ confirmed: 2n });
  });
});

describe('explainBlock', () => {
  it('explains our block with the hash the page shows, and nothing for a stale or odd reference', async () => {
    const a = await nodes.start(createMemoryHub(), { strict: false, balances: false });
    await mine(a);
    const [genesis, block] = a.chain().blocks;
    const hash = a.chain().hashes[1] ?? '';
    const explained = await a.explainBlock(2, hash);
    expect(explained).toMatchObject({ number: 2, hashed: { sha256: hash }, proof: { kind: 'checked', rule: 'tutorial', difficulty: 1, ok: true } });
    expect(explained?.hashed.sha256).toBe(await hashBlock(block ?? {}, nodeSha256));
    expect(await a.explainBlock(1, await hashBlock(genesis ?? {}, nodeSha256))).toMatchObject({ proof: { kind: 'genesis' } });
    for (const [number, reference] of [[2, 'f'.repeat(64)], [3, hash], ['2', hash], [2, null], [0, hash]] as const) {
      expect(await a.explainBlock(number, reference)).toBeNull();
    }
  });
});
