import { afterEach, describe, expect, it, vi } from 'vitest';
import { blockTransactions } from '../core/block';
import { isJsonObject } from '../core/json-value';
import type { ProofRule } from '../core/proof';
import { DEFAULT_RULES } from '../core/rules';
import { validateChain } from '../core/validate';
import { createMemoryHub } from '../network/memory-transport';
import type { TabNode } from './tab-node';
import { nodeSha256, testNetwork, testNodes } from './test-nodes.test-suite';

/*
 * The tamper lab under each proof rule: edit a mined block, see which block the validation
 * blames, see a peer refuse the chain, then repair it, which costs nothing under the
 * tutorial's rule and needs mining under 'repo' and 'bound'. In-memory hub, Node's
 * synchronous SHA-256 at difficulty 2; fixed ids and fake clocks make every chain, and so
 * every proof, the same on every run.
 */

const network = testNetwork('tamper-lab-test');

const nodes = testNodes(network, 'd', { ...DEFAULT_RULES, difficulty: 2 });
const startNode = nodes.start;
afterEach(() => {
  nodes.closeAll();
});
const WAIT = { timeout: 3000, interval: 10 };

async function connected(a: TabNode, b: TabNode): Promise<void> {
  await vi.waitFor(() => {
    expect(a.peers().find((peer) => peer.id === b.id)).toMatchObject({ status: 'online', registered: true });
    expect(b.peers().find((peer) => peer.id === a.id)).toMatchObject({ status: 'online', registered: true });
  }, WAIT);
}

/** Blocks 2, 3 and 4 mined; block 2 holds alice's payment of 5 before its reward. */
async function threeBlocks(node: TabNode): Promise<void> {
  expect(node.addTransaction({ sender: 'alice', recipient: 'bob', amount: '5' }).ok).toBe(true);
  for (let i = 0; i < 3; i++) expect((await node.mine()).ok).toBe(true);
  expect(node.chain().hashes).toHaveLength(4);
}

const amountIn = (node: TabNode, block: number, transaction: number) => {
  const tx = blockTransactions(node.chain().blocks[block - 1])[transaction];
  return isJsonObject(tx) ? tx['amount'] : undefined;
};

const EDIT = { block: 2, field: 'amount', transaction: 0, value: '500' } as const;

interface Expected {
  rule: ProofRule;
  /** the verdict once block 2 is tampered with */
  verdict: { code: 'previous-hash' | 'proof'; block: number; reason: RegExp };
  /** the verdict once the tip (block 4) is tampered with; null: still valid */
  tipVerdict: { code: 'proof'; block: number } | null;
}

const CASES: Expected[] = [
  // The proof covers neither the block nor the link: only block 3's previous_hash notices.
  { rule: 'tutorial', verdict: { code: 'previous-hash', block: 3, reason: /^previous_hash mismatch at block 3/ }, tipVerdict: null },
  // The proof covers the previous block's hash, but the link fails first (at block 3).
  { rule: 'repo', verdict: { code: 'previous-hash', block: 3, reason: /^previous_hash mismatch at block 3/ }, tipVerdict: null },
  // The proof covers the block's own content: block 2's proof fails.
  { rule: 'bound', verdict: { code: 'proof', block: 2, reason: /^Bad proof at block 2/ }, tipVerdict: { code: 'proof', block: 4 } },
];

describe.each(CASES)('the tamper lab under rule $rule', ({ rule, verdict: expected, tipVerdict }) => {
  it(`editing block 2 changes its hash and makes the chain invalid at block ${expected.block}; a peer refuses it`, async () => {
    const hub = createMemoryHub();
    const a = await startNode(hub, { rule });
    const b = await startNode(hub, { rule });
    await connected(a, b);
    await threeBlocks(a);
    const before = await a.chainView();
    expect(before.verdict).toMatchObject({ valid: true });
    expect(before.tampered).toEqual([]);
    expect(amountIn(a, 2, 0)).toBe(5n);

    const result = await a.tamper(EDIT);
    const after = await a.chainView();
    expect(result).toMatchObject({ ok: true, hash: after.hashes[1], verdict: { valid: false, ...expected } });
    expect(after.hashes[1]).not.toBe(before.hashes[1]);
    // Only the edited block's hash changes: nothing else was rewritten.
    expect([after.hashes[0], ...after.hashes.slice(2)]).toEqual([before.hashes[0], ...before.hashes.slice(2)]);
    expect(amountIn(a, 2, 0)).toBe(500n);
    expect(after.verdict).toEqual(result.ok ? result.verdict : null);
    expect(after.verdict).toMatchObject({ valid: false, ...expected });
    expect(after.tampered).toEqual([2]);
    expect(a.journal()[0]).toMatchObject({ kind: 'tamper', message: { values: { block: 2 } } });
    // What the tab reports is what the validation of its /chain answer says.
    expect(await validateChain([...a.chain().blocks], a.rules, nodeSha256)).toEqual(after.verdict);

    // A peer asking for the chain judges it the same way and keeps its own.
    const ownChain = b.chainBody();
    const resolved = await b.resolve();
    expect(resolved.replaced).toBe(false);
    expect(resolved.reports).toEqual([
      {
        peerId: a.id,
        kind: 'invalid',
        length: 4,
        code: expected.code,
        block: expected.block,
        reason: expect.stringMatching(expected.reason) as unknown,
        values: after.verdict.valid ? null : after.verdict.values,
      },
    ]);
    expect(b.chainBody()).toBe(ownChain);
    await vi.waitFor(() => {
      expect(b.peers().find((peer) => peer.id === a.id)?.relation).toEqual({
        kind: 'invalid',
        code: expected.code,
        block: expected.block,
        reason: expect.stringMatching(expected.reason) as unknown,
        values: after.verdict.valid ? null : after.verdict.values,
      });
    }, WAIT);
  });

  it(`repair makes the chain valid again, ${rule === 'tutorial' ? 'without mining' : 'mining again'}, and a peer then adopts it`, async () => {
    const hub = createMemoryHub();
    const a = await startNode(hub, { rule });
    const b = await startNode(hub, { rule });
    await connected(a, b);
    await threeBlocks(a);
    expect((await a.tamper(EDIT)).ok).toBe(true);

    const repaired = await a.repair();
    expect(repaired).toMatchObject({ ok: true, verdict: { valid: true, length: 4 } });
    if (!repaired.ok) return;
    if (rule === 'tutorial') {
      // Nothing covers a block's content or its link: history is rewritten for free.
      expect(repaired).toMatchObject({ relinked: 2, remined: 0, attempts: 0 });
    } else {
      expect(repaired.relinked).toBeGreaterThanOrEqual(1);
      expect(repaired.remined).toBeGreaterThanOrEqual(1);
      expect(repaired.attempts).toBeGreaterThanOrEqual(repaired.remined);
    }
    const view = await a.chainView();
    expect(view.verdict).toMatchObject({ valid: true });
    expect(view.tampered).toEqual([]);
    expect(await validateChain([...a.chain().blocks], a.rules, nodeSha256)).toMatchObject({ valid: true, hashes: view.hashes });
    // The forged amount stays: the repair made the lie valid.
    expect(amountIn(a, 2, 0)).toBe(500n);
    expect(a.journal()[0]).toMatchObject({ kind: 'repair', message: { key: 'repaired', values: { rule } } });
    expect(a.status().mining).toBeNull();

    const resolved = await b.resolve();
    expect(resolved).toMatchObject({ replaced: true, winner: a.id });
    expect(b.chainBody()).toBe(a.chainBody());
  });

  it(`editing the tip block ${tipVerdict === null ? 'leaves the chain valid: nothing covers the newest block' : 'breaks its own proof'}`, async () => {
    const a = await startNode(createMemoryHub(), { rule });
    await threeBlocks(a);
    // Block 4's only transaction is its reward: 1 becomes 500.
    const result = await a.tamper({ block: 4, field: 'amount', transaction: 0, value: '500' });
    const view = await a.chainView();
    expect(view.tampered).toEqual([4]);
    expect(amountIn(a, 4, 0)).toBe(500n);
    if (tipVerdict === null) {
      expect(result).toMatchObject({ ok: true, verdict: { valid: true, length: 4 } });
      expect(view.verdict).toMatchObject({ valid: true });
      expect(a.journal()[0]?.message).toEqual({ key: 'tamperedStillValid', values: { block: 4 } });
    } else {
      expect(result).toMatchObject({ ok: true, verdict: { valid: false, ...tipVerdict } });
      expect(view.verdict).toMatchObject({ valid: false, ...tipVerdict });
    }
  });

  it('repair refuses while mining, and mining refuses while repairing', async () => {
    const a = await startNode(createMemoryHub(), { rule });
    await threeBlocks(a);
    expect((await a.tamper(EDIT)).ok).toBe(true);
    const tampered = a.chainBody();

    const mining = a.mine();
    expect(await a.repair()).toMatchObject({ ok: false, text: expect.stringMatching(/^Already mining/) as unknown, message: { key: 'busyMining' } });
    expect((await mining).ok).toBe(true);
    expect(a.chain().hashes).toHaveLength(5);
    expect((await a.chainView()).tampered).toEqual([2]);
    expect(a.chainBody()).not.toBe(tampered);

    const repairing = a.repair();
    expect(await a.mine()).toMatchObject({ ok: false, text: expect.stringMatching(/^Already repairing/) as unknown, message: { key: 'busyRepairing' } });
    expect(await repairing).toMatchObject({ ok: true, verdict: { valid: true, length: 5 } });
  });
});

describe('edits typed key by key', () => {
  it('each keystroke changes the chain; the journal keeps one line per block', async () => {
    const a = await startNode(createMemoryHub(), { rule: 'tutorial' });
    await threeBlocks(a);
    const hashes = new Set<string>();
    for (const value of ['5', '50', '500']) {
      const result = await a.tamper({ ...EDIT, value });
      expect(result.ok).toBe(true);
      hashes.add(a.chain().hashes[1] ?? '');
    }
    expect(hashes.size).toBe(3);
    expect(amountIn(a, 2, 0)).toBe(500n);
    expect(a.journal().filter((entry) => entry.kind === 'tamper')).toHaveLength(1);
    expect((await a.tamper({ block: 3, field: 'timestamp', value: '1700000999' })).ok).toBe(true);
    expect(a.journal().filter((entry) => entry.kind === 'tamper').map((entry) => entry.message.values)).toMatchObject([{ block: 3 }, { block: 2 }]);
  });
});

describe('bad tamper edits', () => {
  const BAD: [string, unknown][] = [
    ['block 0', { ...EDIT, block: 0 }],
    ['a negative block', { ...EDIT, block: -1 }],
    ['a fractional block', { ...EDIT, block: 1.5 }],
    ['a block beyond the chain', { ...EDIT, block: 5 }],
    ['the genesis block’s (absent) transaction', { ...EDIT, block: 1 }],
    ['a transaction that does not exist', { ...EDIT, transaction: 2 }],
    ['a negative transaction index', { ...EDIT, transaction: -1 }],
    ['amount NaN', { ...EDIT, value: 'NaN' }],
    ['amount Infinity', { ...EDIT, value: 'Infinity' }],
    ['amount five', { ...EDIT, value: 'five' }],
    ['an empty amount', { ...EDIT, value: '' }],
    ['an empty sender', { ...EDIT, field: 'sender', value: '   ' }],
    ['timestamp x', { block: 2, field: 'timestamp', value: 'x' }],
    ['an unknown field', { block: 2, field: 'proof', value: '1' }],
    ['an extra key', { ...EDIT, previous_hash: '00' }],
    ['a value that is not text', { ...EDIT, value: 500 }],
    ['a missing value', { block: 2, field: 'amount', transaction: 0 }],
    ['null', null],
    ['text', 'block 2 amount 500'],
    ['a list', [EDIT]],
  ];

  it.each(BAD)('%s is refused with a message and changes nothing', async (_name, edit) => {
    const a = await startNode(createMemoryHub(), { rule: 'tutorial' });
    await threeBlocks(a);
    const before = { body: a.chainBody(), view: await a.chainView(), journal: a.journal().length };

    const result = await a.tamper(edit);
    expect(result).toEqual({ ok: false, message: { key: expect.any(String) as unknown, values: expect.any(Object) as unknown } });
    expect(a.chainBody()).toBe(before.body);
    expect(await a.chainView()).toEqual(before.view);
    expect(a.journal()).toHaveLength(before.journal);
  });
});

describe('the tamper lab on a chain that switched to bound', () => {
  it('forges the blocks mined under the tutorial rule for free and must mine again those mined under bound', async () => {
    const a = await startNode(createMemoryHub(), { rule: 'tutorial' });
    await threeBlocks(a);
    expect(await a.setRules({ ...a.rules, rule: 'bound' })).toMatchObject({ ok: true, from: 5 });
    expect(a.addTransaction({ sender: 'carol', recipient: 'dave', amount: '3' }).ok).toBe(true);
    for (let i = 0; i < 2; i++) expect((await a.mine()).ok).toBe(true);
    expect(a.chain().hashes).toHaveLength(6);
    expect((await a.chainView()).verdict).toMatchObject({ valid: true });

    // Block 2 (tutorial): only the links after it need rewriting, block 5 (bound) onwards must be mined again.
    expect((await a.tamper(EDIT)).ok).toBe(true);
    const oldHistory = await a.repair();
    expect(oldHistory).toMatchObject({ ok: true, relinked: 4, verdict: { valid: true, length: 6 } });
    const boundBlocks = oldHistory.ok ? oldHistory.remined : -1;
    expect(boundBlocks).toBe(2);

    // Block 3 (tutorial) alone in a chain whose later blocks are bound: still only the bound blocks cost.
    expect((await a.tamper({ block: 3, field: 'timestamp', value: '1700000999' })).ok).toBe(true);
    expect(await a.repair()).toMatchObject({ ok: true, remined: 2 });
    // Block 5 (bound): its own proof breaks, and every bound block from it is mined again.
    expect((await a.tamper({ block: 5, field: 'amount', transaction: 0, value: '300' })).ok).toBe(true);
    expect((await a.chainView()).verdict).toMatchObject({ valid: false, code: 'proof', block: 5 });
    expect(await a.repair()).toMatchObject({ ok: true, remined: 2, verdict: { valid: true } });
  });
});
