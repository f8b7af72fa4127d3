import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RULES, type NetworkRules } from '../core/rules';
import { createMemoryHub, type MemoryHub } from '../network/memory-transport';
import { NetworkObserver } from './network-observer';
import { NetworkAuthority } from './rules/network-authority';
import type { TabNode } from './tab-node';
import { nodeSha256, testNetwork, testNodes } from './test-nodes.test-suite';

/*
 * The network view's observer against real nodes on the in-memory hub: it lists every tab
 * with its figures, is no tab's peer, draws their chains, and sets the network's rules or
 * resets it for every tab. Node's synchronous SHA-256 and the fast engine, difficulty 1.
 */

const network = testNetwork('network-view-test');
const BASE: NetworkRules = { ...DEFAULT_RULES, difficulty: 1 };
const nodes = testNodes(network, 'e', BASE);
const observers: NetworkObserver[] = [];
afterEach(() => {
  nodes.closeAll();
  for (const observer of observers.splice(0)) observer.close();
});
const WAIT = { timeout: 5000, interval: 10 };

let teacher: NetworkAuthority;
beforeAll(async () => {
  teacher = await NetworkAuthority.of(network, nodes.key);
});

function startObserver(hub: MemoryHub, rules: Partial<NetworkRules> = {}, authority: NetworkAuthority = teacher): NetworkObserver {
  const observer = new NetworkObserver({
    authority,
    id: nodes.nextId(),
    network,
    rules: { ...BASE, ...rules },
    transport: hub.connect(),
    sha256: nodeSha256,
    fetchTimeoutMs: 500,
    eventIntervalMs: 10,
  });
  observers.push(observer);
  observer.start();
  return observer;
}

async function connected(tabs: readonly TabNode[]): Promise<void> {
  await vi.waitFor(() => {
    for (const tab of tabs) expect(tab.peers().filter((peer) => peer.status === 'online')).toHaveLength(tabs.length - 1);
  }, WAIT);
}

const tabOf = (observer: NetworkObserver, node: TabNode) => observer.tabs().find((tab) => tab.id === node.id);

describe('the network view', () => {
  it('lists every tab with its height, tip and pending count, and no tab lists the view as a peer', async () => {
    const hub = createMemoryHub();
    const a = await nodes.start(hub);
    const b = await nodes.start(hub);
    await connected([a, b]);
    const observer = startObserver(hub);
    const c = await nodes.start(hub);
    await connected([a, b, c]);

    a.addTransaction({ sender: 'alice', recipient: 'bob', amount: '5' });
    expect((await b.mine()).ok).toBe(true);
    await vi.waitFor(() => {
      expect(observer.tabs().map((tab) => tab.id).sort()).toEqual([a.id, b.id, c.id].sort());
      expect(tabOf(observer, a)).toMatchObject({ status: 'online', height: 1, pendingCount: 1, mining: false, chainValid: true });
      expect(tabOf(observer, b)).toMatchObject({ height: 2, tipHash: b.chain().hashes[1], pendingCount: 0 });
      expect(tabOf(observer, c)).toMatchObject({ height: 1, pendingCount: 0 });
    }, WAIT);
    for (const tab of [a, b, c]) expect(tab.peers().map((peer) => peer.id)).not.toContain(observer.id);
  });

  it('lists the tabs by their place in the class, A first, not in the order it heard them', async () => {
    const hub = createMemoryHub();
    const observer = startObserver(hub);
    const [first, second, third] = [await nodes.start(hub), await nodes.start(hub), await nodes.start(hub)];
    await connected([first, second, third]);
    await vi.waitFor(() => {
      expect(observer.tabs().map((tab) => [tab.id, tab.slot])).toEqual([[first.id, 0], [second.id, 1], [third.id, 2]]);
    }, WAIT);
    // The first tab leaves; one that joins last takes its free place A and is listed first.
    first.close();
    const latest = await nodes.start(hub);
    await connected([second, third, latest]);
    await vi.waitFor(() => {
      expect(observer.tabs().map((tab) => [tab.id, tab.slot])).toEqual([[latest.id, 0], [second.id, 1], [third.id, 2], [first.id, null]]);
    }, WAIT);
  });

  it('tabs send their stats only while a network view listens', async () => {
    const hub = createMemoryHub();
    const a = await nodes.start(hub);
    const b = await nodes.start(hub);
    await connected([a, b]);
    const kinds: string[] = [];
    hub.connect().onMessage((data) => kinds.push((data as { kind: string }).kind));
    a.addTransaction({ sender: 'alice', recipient: 'bob', amount: '5' });
    expect((await a.mine()).ok).toBe(true);
    await vi.waitFor(() => { expect(b.peers()[0]?.tip?.height).toBe(2); }, WAIT);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(kinds).toContain('tip');
    expect(kinds).not.toContain('stats');

    const observer = startObserver(hub);
    await vi.waitFor(() => { expect(tabOf(observer, a)).toMatchObject({ pendingCount: 0 }); }, WAIT);
    b.addTransaction({ sender: 'carol', recipient: 'dave', amount: '1' });
    await vi.waitFor(() => { expect(tabOf(observer, b)).toMatchObject({ pendingCount: 1 }); }, WAIT);
    expect(kinds).toContain('stats');
  });

  it('shows a tab mining with its hash rate, and not mining once it stops', async () => {
    const hub = createMemoryHub();
    const a = await nodes.start(hub, { difficulty: 6 });
    const observer = startObserver(hub);
    const mined = a.mine();
    await vi.waitFor(() => {
      expect(tabOf(observer, a)).toMatchObject({ mining: true, hashRate: expect.any(Number) as unknown });
    }, WAIT);
    a.cancelMining();
    expect(await mined).toEqual({ ok: false, text: 'Mining cancelled.', message: { key: 'miningCancelled', values: {} } });
    await vi.waitFor(() => {
      expect(tabOf(observer, a)).toMatchObject({ mining: false, hashRate: null });
    }, WAIT);
  });

  it('draws two tabs that mined apart as two branches of one tree, and marks a closed tab', async () => {
    const hub = createMemoryHub();
    const a = await nodes.start(hub, { genesis: 'shared' });
    const b = await nodes.start(hub, { genesis: 'shared' });
    await connected([a, b]);
    const observer = startObserver(hub);
    expect((await a.mine()).ok).toBe(true);
    expect((await a.mine()).ok).toBe(true);
    expect((await b.mine()).ok).toBe(true);
    await vi.waitFor(() => {
      const { chains } = observer.forks();
      expect(chains.map((chain) => chain.owner)).toEqual([a.id, b.id]);
      expect(chains[0]?.hashes).toEqual(a.chain().hashes);
      expect(chains[1]?.hashes).toEqual(b.chain().hashes);
    }, WAIT);
    expect(a.chain().hashes[0]).toBe(b.chain().hashes[0]);
    expect(a.chain().hashes[1]).not.toBe(b.chain().hashes[1]);

    b.close();
    await vi.waitFor(() => {
      expect(tabOf(observer, b)).toMatchObject({ status: 'left' });
      expect(observer.forks().chains.map((chain) => chain.owner)).toEqual([a.id]);
    }, WAIT);
  });

  it('sets the rules of every tab, and a tab that joins later adopts them', async () => {
    const hub = createMemoryHub();
    const a = await nodes.start(hub);
    const observer = startObserver(hub);
    await vi.waitFor(() => { expect(observer.status().rulesKnown).toBe(true); }, WAIT);
    expect(observer.status().rulesClock).toEqual(a.status().rulesClock);

    const rules: NetworkRules = { ...BASE, rule: 'bound', difficulty: 2 };
    expect(await observer.setRules(rules)).toEqual({ ok: true, rules, from: 2, chainReset: false });
    expect(await observer.setRules({ ...rules, difficulty: 9 })).toEqual({ ok: false, message: { key: 'rulesDifficulty', values: { min: 1, max: 6 } } });
    await vi.waitFor(() => {
      expect(a.status().rules).toEqual(rules);
      expect(a.status().rulesClock).toMatchObject({ epoch: 1, by: observer.id });
    }, WAIT);
    const b = await nodes.start(hub, { rule: 'tutorial', difficulty: 1 });
    await vi.waitFor(() => { expect(b.status().rules).toEqual(rules); }, WAIT);
    expect(a.peers().map((peer) => peer.id)).toEqual([b.id]);
  });

  it('resets every tab to a new genesis with nothing pending; a replayed reset changes nothing', async () => {
    const hub = createMemoryHub();
    const a = await nodes.start(hub);
    const b = await nodes.start(hub);
    await connected([a, b]);
    const observer = startObserver(hub);
    expect((await a.mine()).ok).toBe(true);
    b.addTransaction({ sender: 'carol', recipient: 'dave', amount: '2' });
    await vi.waitFor(() => { expect(tabOf(observer, a)?.height).toBe(2); }, WAIT);
    const genesisOfA = a.chain().hashes[0];

    // A hostile tab records the reset to replay it later.
    const recorder = hub.connect();
    const recorded: unknown[] = [];
    recorder.onMessage((data) => recorded.push(data));

    expect(await observer.resetNetwork()).toEqual({ ok: true, epoch: 1, tabs: 2 });
    await vi.waitFor(() => {
      for (const tab of [a, b]) {
        expect(tab.status()).toMatchObject({ height: 1, pendingCount: 0, rulesClock: { epoch: 1, by: observer.id } });
        expect(tab.journal()[0]).toMatchObject({ kind: 'network-reset', message: { key: 'networkReset', values: {} } });
      }
      expect(observer.tabs().map((tab) => [tab.height, tab.pendingCount])).toEqual([[1, 0], [1, 0]]);
    }, WAIT);
    expect(a.chain().hashes[0]).not.toBe(genesisOfA);
    // Both still register each other, so Resolve works as before.
    for (const tab of [a, b]) expect(tab.registeredNodes()).toHaveLength(1);

    expect((await a.mine()).ok).toBe(true);
    const reset = recorded.find((data) => (data as { kind?: unknown }).kind === 'reset');
    expect(reset).toBeDefined();
    recorder.sendUnknown(reset);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(a.status().height).toBe(2);
    expect(a.journal().filter((entry) => entry.kind === 'network-reset')).toHaveLength(1);
    recorder.close();
  });

  it('a reset older than the rules in force is ignored', async () => {
    const hub = createMemoryHub();
    const a = await nodes.start(hub);
    const observer = startObserver(hub);
    await vi.waitFor(() => { expect(observer.status().rulesKnown).toBe(true); }, WAIT);
    expect((await a.mine()).ok).toBe(true);
    // A tab changed the rules twice (epoch 2) before a late reset of epoch 1 arrives.
    await a.setRules({ ...BASE, strict: true });
    await a.setRules({ ...BASE, strict: false });
    const late = hub.connect();
    late.send({ kind: 'reset', v: 1, from: observer.id, rules: BASE, clock: { epoch: 1, at: Date.now(), by: observer.id } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(a.status()).toMatchObject({ height: 2, rulesClock: { epoch: 2 } });
    late.close();
  });
});

describe('the network view’s picture of each tab', () => {
  it('shows each tab’s place and its newest blocks, and where new rules would start', async () => {
    const hub = createMemoryHub();
    const a = await nodes.start(hub);
    const b = await nodes.start(hub);
    await connected([a, b]);
    const observer = startObserver(hub);
    for (let i = 0; i < 9; i++) expect((await a.mine()).ok).toBe(true);
    await vi.waitFor(() => {
      expect(tabOf(observer, a)).toMatchObject({ slot: a.status().slot, height: 10 });
      expect(tabOf(observer, b)).toMatchObject({ slot: b.status().slot, height: 1 });
      expect(tabOf(observer, a)?.recent).toHaveLength(8);
    }, WAIT);
    expect(a.status().slot).not.toBe(b.status().slot);
    const recent = tabOf(observer, a)?.recent ?? [];
    expect(recent.map((block) => block.number)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(recent.map((block) => block.hash)).toEqual(a.chain().hashes.slice(2));
    expect(recent.every((block) => block.linked && block.valid && block.transactions === 1)).toBe(true);
    expect(recent[0]?.previousHash).toBe(a.chain().hashes[1]);
    expect(tabOf(observer, b)?.recent.map((block) => block.number)).toEqual([1]);

    // The highest tab holds 10 blocks: a change starts at block 11; a new genesis mode erases 9 blocks on 2 tabs.
    expect(observer.previewRules({ ...BASE, difficulty: 2 })).toEqual({ ok: true, change: 'from-height', from: 11 });
    expect(observer.previewRules({ ...BASE, genesis: 'shared' })).toEqual({ ok: true, change: 'restart', blocks: 9, tabs: 2 });
    expect(await observer.setRules({ ...BASE, difficulty: 2 })).toMatchObject({ ok: true, from: 11 });
    await vi.waitFor(() => {
      expect(a.status().schedule).toEqual(observer.status().schedule);
    }, WAIT);
    expect(a.chain().hashes).toHaveLength(10);
  });

  it('marks a tampered tab’s blocks from the broken link on', async () => {
    const hub = createMemoryHub();
    const a = await nodes.start(hub);
    const observer = startObserver(hub);
    a.addTransaction({ sender: 'alice', recipient: 'bob', amount: '5' });
    for (let i = 0; i < 3; i++) expect((await a.mine()).ok).toBe(true);
    expect((await a.tamper({ block: 2, field: 'amount', transaction: 0, value: '500' })).ok).toBe(true);
    await vi.waitFor(() => {
      expect(tabOf(observer, a)?.recent.map((block) => [block.number, block.linked, block.valid])).toEqual([
        [1, true, true],
        [2, true, true],
        [3, false, false],
        [4, true, false],
      ]);
    }, WAIT);
  });
});
