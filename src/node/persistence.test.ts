import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dumpsPython } from '../core/python-json';
import { DEFAULT_RULES } from '../core/rules';
import { createMemoryHub, type MemoryHub } from '../network/memory-transport';
import { parsePeerMessage } from '../network/messages';
import { createMemoryNodeStore } from './storage/memory-node-store';
import type { NodeStore, NodeWrite } from './storage/node-store';
import { testNetwork, testNodes } from './test-nodes.test-suite';

const network = testNetwork('persistence-test');
const nodes = testNodes(network, 'c', { ...DEFAULT_RULES, difficulty: 1 });
afterEach(() => {
  nodes.closeAll();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/reference/${name}`, import.meta.url), 'utf8');

/** A memory store that lists every write, and can hold the next one until released. */
function watchedStore(inner: NodeStore = createMemoryNodeStore()) {
  const writes: NodeWrite[] = [];
  const events: string[] = [];
  let hold: { release: () => void } | null = null;
  let holdNext = false;
  const store: NodeStore = {
    kind: inner.kind,
    load: (key) => inner.load(key),
    save: async (key, write) => {
      if (holdNext) {
        holdNext = false;
        await new Promise<void>((resolve) => {
          hold = { release: resolve };
        });
      }
      await inner.save(key, write);
      writes.push(write);
      events.push(`stored ${write.height}`);
    },
    wipe: (key) => inner.wipe(key),
    close: () => {
      events.push('closed');
    },
  };
  return {
    store,
    writes,
    events,
    holdNextWrite: () => {
      holdNext = true;
    },
    held: () => hold !== null,
    release: () => {
      hold?.release();
      hold = null;
    },
  };
}

/** Lists the tips `from` announces, as another tab hears them. */
function listenToTips(hub: MemoryHub, from: string, into: string[]): void {
  hub.connect().onMessage((data) => {
    const parsed = parsePeerMessage(data);
    if (parsed.ok && parsed.message.kind === 'tip' && parsed.message.from === from) into.push(`announced ${parsed.message.height}`);
  });
}

describe('a node kept across reloads', () => {
  it('comes back with its chain (exact numbers), pending, registered nodes, rules and settings', async () => {
    const store = createMemoryNodeStore();
    const hub = createMemoryHub();
    const a = await nodes.start(hub, {}, { store });
    const b = await nodes.start(hub);
    await settle();
    // A chain from the Python node: floats stay floats, ints stay ints.
    expect(await a.importChain(fixture('tutorial_chain_short.json'))).toMatchObject({ adopted: true, length: 3 });
    a.addTransaction({ sender: 'alice', recipient: 'bob', amount: '5' });
    expect((await a.mine()).ok).toBe(true);
    a.newTransaction({ sender: 'carol', recipient: 'dave', amount: 5 });
    a.newTransaction({ sender: 'dave', recipient: 'erin', amount: 5n });
    a.setAutoRegister(false);
    a.register(['http://localhost:5001']);
    expect(a.setMiningSettings({ engine: 'subtle', threads: 1 })).toMatchObject({ ok: true });
    expect(await a.setRules({ ...DEFAULT_RULES, difficulty: 1, autoResolve: true })).toMatchObject({ ok: true });
    await settle();
    const before = {
      chain: a.chainBody(),
      pending: dumpsPython([...a.pending()]),
      registered: [...a.registeredNodes()],
      status: a.status(),
    };
    expect(before.registered).toEqual([b.id, 'localhost:5001']);
    a.close();

    // The same tab reloads: same id, same store, and a URL with other rules.
    const again = await nodes.start(createMemoryHub(), { difficulty: 5, rule: 'bound' }, { store, id: a.id });
    expect(again.chainBody()).toBe(before.chain);
    expect(dumpsPython([...again.pending()])).toBe(before.pending);
    expect(again.pending().map((transaction) => transaction.amount)).toEqual([5, 5n]);
    expect(again.registeredNodes()).toEqual(before.registered);
    expect(again.status()).toMatchObject({
      id: a.id,
      height: 4,
      rules: before.status.rules,
      rulesClock: before.status.rulesClock,
      autoRegister: false,
      miningSettings: { engine: 'subtle', threads: 1 },
      storage: { kind: 'memory', problem: null },
    });
    expect(again.journal()[0]).toMatchObject({ kind: 'restored', message: { key: 'restored', values: { blocks: 4, pending: 2 } } });
    expect((await again.chainView()).verdict.valid).toBe(true);
    // B is not on the new page's network: a resolve reports it closed at once instead of waiting.
    expect(again.peers().find((peer) => peer.id === b.id)).toMatchObject({ registered: true, status: 'left' });
    expect((await again.resolve()).reports).toContainEqual({ peerId: b.id, kind: 'no-answer', length: null, reason: 'the tab has closed' });
  });

  it('a network running newer rules still wins over the rules a node restored', async () => {
    const store = createMemoryNodeStore();
    const a = await nodes.start(createMemoryHub(), { difficulty: 2 }, { store });
    await settle();
    a.close();
    const hub = createMemoryHub();
    const running = await nodes.start(hub);
    expect(await running.setRules({ ...DEFAULT_RULES, difficulty: 3 })).toMatchObject({ ok: true });
    const restored = await nodes.start(hub, {}, { store, id: a.id });
    expect(restored.rules.difficulty).toBe(2);
    await vi.waitFor(() => {
      expect(restored.rules.difficulty).toBe(3);
    });
  });

  it('stores a change made just before the node closes, and writes nothing after', async () => {
    const watched = watchedStore();
    const node = await nodes.start(createMemoryHub(), {}, { store: watched.store });
    await settle();
    expect(node.addTransaction({ sender: 'alice', recipient: 'bob', amount: '5' })).toMatchObject({ ok: true });
    node.cancelMining();
    node.close();
    await settle();
    expect(watched.events.at(-1)).toBe('closed');
    expect(watched.writes.at(-1)?.state.pending).toHaveLength(1);
    const writes = watched.writes.length;
    node.addTransaction({ sender: 'bob', recipient: 'carol', amount: '1' });
    await settle();
    expect(watched.writes).toHaveLength(writes);
  });

  it('stores a mined block before announcing it', async () => {
    const watched = watchedStore();
    const hub = createMemoryHub();
    const miner = await nodes.start(hub, {}, { store: watched.store });
    listenToTips(hub, miner.id, watched.events);
    watched.holdNextWrite();
    const mining = miner.mine();
    await vi.waitFor(() => {
      expect(watched.held()).toBe(true);
    });
    await settle();
    // The block is mined and shown, but not yet stored: nobody has heard of it.
    expect(miner.status().height).toBe(2);
    expect(watched.events).not.toContain('announced 2');
    watched.release();
    expect((await mining).ok).toBe(true);
    await vi.waitFor(() => {
      expect(watched.events).toContain('announced 2');
    });
    expect(watched.events.indexOf('stored 2')).toBeLessThan(watched.events.indexOf('announced 2'));
  });

  it('greets a tab that arrives during that write with the stored tip, not the unstored one', async () => {
    const watched = watchedStore();
    const hub = createMemoryHub();
    const miner = await nodes.start(hub, {}, { store: watched.store });
    watched.holdNextWrite();
    const mining = miner.mine();
    await vi.waitFor(() => {
      expect(watched.held()).toBe(true);
    });
    const newcomer = await nodes.start(hub);
    await settle();
    expect(newcomer.peers().find((peer) => peer.id === miner.id)?.tip?.height).toBe(1);
    watched.release();
    await mining;
    await vi.waitFor(() => {
      expect(newcomer.peers().find((peer) => peer.id === miner.id)?.tip?.height).toBe(2);
    });
  });

  it('stores a replaced chain in one write', async () => {
    const watched = watchedStore();
    const node = await nodes.start(createMemoryHub(), {}, { store: watched.store });
    expect((await node.mine()).ok).toBe(true);
    watched.writes.length = 0;
    expect(await node.importChain(fixture('tutorial_chain_short.json'))).toMatchObject({ adopted: true, length: 3 });
    await settle();
    expect(watched.writes).toHaveLength(1);
    expect(watched.writes[0]).toMatchObject({ height: 3, changedBlocks: { from: 0, blocks: node.chain().blocks } });
  });

  it('writes only the new block when it mines', async () => {
    const watched = watchedStore();
    const node = await nodes.start(createMemoryHub(), {}, { store: watched.store });
    expect((await node.mine()).ok).toBe(true);
    expect((await node.mine()).ok).toBe(true);
    expect(watched.writes.at(-1)).toMatchObject({ height: 3, changedBlocks: { from: 2, blocks: [node.chain().blocks[2]] } });
  });
});

describe('when storage fails', () => {
  const quotaExceeded = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  it('goes on in memory, says why, and still announces its blocks', async () => {
    const inner = createMemoryNodeStore();
    let failing = false;
    const store: NodeStore = {
      ...inner,
      save: (key, write) => (failing ? Promise.reject(quotaExceeded()) : inner.save(key, write)),
    };
    const hub = createMemoryHub();
    const node = await nodes.start(hub, {}, { store });
    const peer = await nodes.start(hub);
    await settle();
    expect(node.status().storage).toEqual({ kind: 'memory', problem: null });
    failing = true;
    node.addTransaction({ sender: 'alice', recipient: 'bob', amount: '1' });
    expect((await node.mine()).ok).toBe(true);
    expect((await node.mine()).ok).toBe(true);
    expect(node.status()).toMatchObject({
      height: 3,
      storage: { kind: 'memory', problem: { key: 'savingFailed', values: { error: 'QuotaExceededError: The quota has been exceeded.' } } },
    });
    expect(node.journal()).toContainEqual(
      expect.objectContaining({ kind: 'storage', message: { key: 'savingFailed', values: { error: 'QuotaExceededError: The quota has been exceeded.' } } }),
    );
    await vi.waitFor(() => {
      expect(peer.peers().find((p) => p.id === node.id)?.tip?.height).toBe(3);
    });
  });

  it('starts in memory when the saved node cannot be read', async () => {
    const store: NodeStore = { ...createMemoryNodeStore(), load: () => Promise.reject(quotaExceeded()) };
    const node = await nodes.start(createMemoryHub(), {}, { store });
    expect(node.status()).toMatchObject({ height: 1, storage: { kind: 'memory', problem: { key: 'readingFailed', values: { error: 'QuotaExceededError: The quota has been exceeded.' } } } });
    expect((await node.mine()).ok).toBe(true);
  });

  it('discards a damaged saved node with a warning and starts a new chain', async () => {
    const store: NodeStore = {
      ...createMemoryNodeStore(),
      load: () => Promise.resolve({ kind: 'discarded', reason: 'block 2 is not a JSON object' }),
    };
    const node = await nodes.start(createMemoryHub(), {}, { store });
    expect(node.status().height).toBe(1);
    expect(node.status().warnings).toContainEqual({ key: 'savedNodeDiscarded', values: { reason: 'block 2 is not a JSON object' } });
  });
});

describe('Reset node', () => {
  it('starts again from a new genesis with no pending and no registered nodes, keeps its id, and wipes the store', async () => {
    const store = createMemoryNodeStore();
    const hub = createMemoryHub();
    const a = await nodes.start(hub, {}, { store, autoRegister: false });
    const b = await nodes.start(hub);
    await settle();
    a.register([`http://${b.id}`]);
    expect((await a.mine()).ok).toBe(true);
    expect((await a.mine()).ok).toBe(true);
    a.addTransaction({ sender: 'alice', recipient: 'bob', amount: '1' });
    const oldGenesis = a.chain().hashes[0];
    const mining = a.mine();

    await a.reset();
    expect(await mining).toEqual({ ok: false, text: 'Mining cancelled.', message: { key: 'miningCancelled', values: {} } });
    expect(a.status()).toMatchObject({ height: 1, pendingCount: 0, mining: null });
    expect(a.chain().hashes[0]).not.toBe(oldGenesis);
    expect(a.registeredNodes()).toEqual([]);
    expect(a.journal()[0]).toMatchObject({ kind: 'reset' });
    const stored = await store.load({ network, id: a.id });
    expect(stored).toMatchObject({ kind: 'found', node: { pending: [], registered: [], blocks: a.chain().blocks } });
    // Peers still know it by its id and hear its new tip.
    await vi.waitFor(() => {
      expect(b.peers().find((peer) => peer.id === a.id)?.tip).toEqual({ height: 1, hash: a.chain().hashes[0] });
    });
    expect(b.peers().find((peer) => peer.id === a.id)?.relation).toMatchObject({ kind: 'different-genesis' });
  });

  it('registers the tabs online again when registration is automatic', async () => {
    const hub = createMemoryHub();
    const a = await nodes.start(hub);
    const b = await nodes.start(hub);
    await settle();
    expect((await b.mine()).ok).toBe(true);
    await a.reset();
    expect(a.registeredNodes()).toEqual([b.id]);
    // B's tip is still known, judged against the new chain.
    await vi.waitFor(() => {
      expect(a.peers().find((peer) => peer.id === b.id)?.relation).toMatchObject({ kind: 'different-genesis' });
    });
  });
});
