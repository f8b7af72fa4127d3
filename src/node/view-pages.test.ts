import { randomUUID } from 'node:crypto';
import { expose, wrap } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { generateBigBlockChain } from '../core/big-block-chain.test-suite';
import { DEFAULT_RULES } from '../core/rules';
import { createMemoryHub } from '../network/memory-transport';
import type { NodeApi } from '../contract/worker-api';
import { createNodeApi } from './node-api';
import { nodeSha256, testNetwork, testNodes } from './test-nodes.test-suite';
import { BALANCE_PAGE, CHAIN_VIEW_TRANSACTIONS, pageOf, pageStart, PENDING_PAGE, TRANSACTION_PAGE, WAITING_SHOWN } from './view-pages';

const nodes = testNodes(testNetwork('view-pages-test'), 'e', DEFAULT_RULES);
const channels: MessageChannel[] = [];
afterEach(() => {
  nodes.closeAll();
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
});

/** Two blocks of many payments: 6,000 addresses and more. */
const SHAPE = { paymentsPerBlock: [5_000, 1_000], senders: 700, longName: 200 } as const;

describe('pages of a long list', () => {
  it('start on a page boundary, within the list; anything but a whole number from 0 is the first page', () => {
    expect(pageStart(undefined, 1000, 100)).toBe(0);
    expect(pageStart(250, 1000, 100)).toBe(200);
    expect(pageStart(5000, 1000, 100)).toBe(900);
    expect(pageStart(999, 1000, 100)).toBe(900);
    expect(pageStart(1000, 1001, 100)).toBe(1000);
    for (const bad of [-1, 1.5, '100', null, Number.NaN, Infinity, {}]) expect(pageStart(bad, 1000, 100)).toBe(0);
    expect(pageStart(300, 50, 100)).toBe(0);
    expect(pageOf([], 7, 10)).toEqual({ offset: 0, total: 0, items: [] });
    expect(pageOf([1, 2, 3, 4, 5], 3, 2)).toEqual({ offset: 2, total: 5, items: [3, 4] });
  });
});

describe('a valid chain of big blocks crosses to the page in pages, with totals', () => {
  it('the chain view carries the first transactions of each block and its real count; the rest come a page at a time', async () => {
    const chain = await generateBigBlockChain(SHAPE, nodeSha256);
    const node = await nodes.start(createMemoryHub(), { difficulty: 1 });
    expect(await node.importChain(chain.text)).toMatchObject({ adopted: true, length: 3 });

    const view = await node.chainView();
    expect(view.hashes).toEqual(chain.hashes);
    expect(view.transactionCounts).toEqual([0, 5_001, 1_001]);
    expect(view.blocks.map((block) => (block['transactions'] as unknown[]).length)).toEqual([0, CHAIN_VIEW_TRANSACTIONS, CHAIN_VIEW_TRANSACTIONS]);
    expect(view.blocks[1]!['transactions']).toEqual((chain.blocks[1]!['transactions'] as unknown[]).slice(0, CHAIN_VIEW_TRANSACTIONS));
    // Every field but the transactions is the block's own.
    expect({ ...view.blocks[1], transactions: null }).toEqual({ ...chain.blocks[1], transactions: null });
    // The same cut block each time: the page keeps its cards.
    expect((await node.chainView()).blocks[1]).toBe(view.blocks[1]);
    // The node's own chain is whole.
    expect(node.chain().blocks[1]).toBe(node.chain().blocks[1]);
    expect(node.exportChain()).toBe(chain.text);

    const all = chain.blocks[1]!['transactions'] as unknown[];
    const page = node.blockTransactions(2, chain.hashes[1], 4_990);
    expect(page).toEqual({ offset: 4_950, total: 5_001, items: all.slice(4_950, 4_950 + TRANSACTION_PAGE) });
    expect(node.blockTransactions(2, chain.hashes[1], 10_000)?.items.at(-1)).toEqual({ sender: '0', recipient: 'big-block-miner', amount: 1n });
    // A block that no longer has that hash, or no such block, gives nothing.
    expect(node.blockTransactions(2, chain.hashes[2], 0)).toBeNull();
    expect(node.blockTransactions(9, chain.hashes[1], 0)).toBeNull();
    expect(node.blockTransactions('2', chain.hashes[1], 0)).toBeNull();
  });

  it('balances come a page at a time in address order, ours always on the page, with the number of addresses', async () => {
    const chain = await generateBigBlockChain(SHAPE, nodeSha256);
    const node = await nodes.start(createMemoryHub(), { difficulty: 1 });
    await node.importChain(chain.text);
    // 6,000 recipients, 700 senders and 6 long-named ones (every thousandth payment), the miner and our own address.
    const total = 6_000 + 700 + 6 + 1 + 1;
    const first = node.balances();
    expect(first.totalRows).toBe(total);
    expect(first.offset).toBe(0);
    expect(first.rows).toHaveLength(BALANCE_PAGE + 1);
    expect(first.rows[0]).toMatchObject({ address: node.id, own: true, confirmed: 0n });
    const addresses = first.rows.slice(1).map((row) => row.address);
    expect(addresses).toEqual([...addresses].sort());
    const second = node.balances(BALANCE_PAGE);
    expect(second.offset).toBe(BALANCE_PAGE);
    expect(second.rows[1]!.address > addresses.at(-1)!).toBe(true);
    const last = node.balances(total + 500);
    expect(last.offset).toBe(Math.floor((total - 1) / BALANCE_PAGE) * BALANCE_PAGE);
    // Every page together is every address once, ours among them.
    const seen = new Set<string>();
    for (let offset = 0; offset < total; offset += BALANCE_PAGE) {
      for (const row of node.balances(offset).rows) if (!row.own) seen.add(row.address);
    }
    expect(seen.size).toBe(total - 1);
    const miner = [...Array(Math.ceil(total / BALANCE_PAGE)).keys()]
      .flatMap((k) => node.balances(k * BALANCE_PAGE).rows)
      .find((row) => row.address === 'big-block-miner');
    expect(miner?.confirmed).toBe(2n);
  });

  it('the pending list and the payments the next block leaves out come capped, with totals', async () => {
    const node = await nodes.start(createMemoryHub(), { difficulty: 1 });
    for (let i = 0; i < 2 * PENDING_PAGE + 30; i++) node.newTransaction({ sender: `p${i}`, recipient: 'q', amount: 1n });
    expect(node.pendingView()).toMatchObject({ offset: 0, total: 230 });
    expect(node.pendingView().items).toHaveLength(PENDING_PAGE);
    expect(node.pendingView(200)).toEqual({ offset: 200, total: 230, items: node.pending().slice(200) });
    // Under "spend only what you have" none of them can be paid: the panel lists a few and counts the rest.
    expect(await node.setRules({ ...node.rules, strict: true, balances: true })).toMatchObject({ ok: true });
    const balances = node.balances();
    expect(balances.enforced).toBe(true);
    expect(balances.totalWaiting).toBe(230);
    expect(balances.waiting).toHaveLength(WAITING_SHOWN);
  });

  it('the worker API sends pages: pending, balances and a block’s transactions', async () => {
    const chain = await generateBigBlockChain({ paymentsPerBlock: [3_000], senders: 3_000 }, nodeSha256);
    const channel = new MessageChannel();
    channels.push(channel);
    const hub = createMemoryHub();
    expose(createNodeApi({ transportFor: () => hub.connect(), randomUUID, sha256: nodeSha256, fetchTimeoutMs: 500 }), channel.port1);
    const api = wrap<NodeApi>(channel.port2);
    await api.init('?net=view-pages-api&difficulty=1');
    // The page hands over the file itself; the worker reads it.
    expect(await api.importChain(new Blob([chain.text]))).toMatchObject({ adopted: true, length: 2 });
    const view = await api.chain();
    expect(view.transactionCounts).toEqual([0, 3_001]);
    expect(view.blocks[1]!['transactions']).toHaveLength(CHAIN_VIEW_TRANSACTIONS);
    expect(await api.blockTransactions(2, chain.hashes[1], 2_990)).toMatchObject({ offset: 2_950, total: 3_001 });
    expect((await api.balances(BALANCE_PAGE)).totalRows).toBe(6_002);
    expect(await api.pending()).toEqual({ offset: 0, total: 0, items: [] });
    await api.close();
  });
});
