import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { subtleSha256, type Sha256 } from '../core/digest';
import { parsePeerId, type PeerId } from '../network/ids';
import { createMemoryHub, type MemoryHub } from '../network/memory-transport';
import { DEFAULT_RULES, type NetworkRules } from '../core/rules';
import { dumpsPython } from '../core/python-json';
import type { NodeMessage } from '../contract/node-messages';
import { createMemoryNodeStore } from './storage/memory-node-store';
import { nodeAddress } from './peers/consensus';
import { TabNode } from './tab-node';
import { testNetwork, testNodes } from './test-nodes.test-suite';

const network = testNetwork('tab-node-test');
let counter = 0;
const nextId = () => parsePeerId(`${(++counter).toString(16).padStart(12, '0')}4${'0'.repeat(19)}`) as PeerId;

async function startNode(hub: MemoryHub, rules: Partial<NetworkRules> = {}, sha256?: Sha256) {
  const node = await TabNode.create({
    id: nextId(),
    network,
    rules: { ...DEFAULT_RULES, ...rules },
    transport: hub.connect(),
    fetchTimeoutMs: 300,
    ...(sha256 ? { sha256 } : {}),
  });
  node.start();
  return node;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/reference/${name}`, import.meta.url), 'utf8');

describe('TabNode', () => {
  it('drops and counts malformed peer messages without changing its state', async () => {
    const hub = createMemoryHub();
    const node = await startNode(hub, { difficulty: 1 });
    const hostile = hub.connect();
    await settle();
    const before = { chain: node.chainBody(), peers: node.peers(), pending: node.pending() };
    const garbage: unknown[] = [
      null,
      42,
      'leave',
      { kind: 'leave' },
      { v: 1, kind: 'chain-response', from: 'nope', to: node.id, requestId: 'x', body: '{}' },
      { v: 1, kind: 'arrive', from: nextId(), network, extra: true },
      JSON.parse('{"__proto__": {"polluted": true}, "v": 1, "kind": "leave"}'),
    ];
    for (const data of garbage) hostile.sendUnknown(data);
    await settle();
    expect(node.status().malformedMessages).toBe(garbage.length);
    expect({ chain: node.chainBody(), peers: node.peers(), pending: node.pending() }).toEqual(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    // Still a working node afterwards.
    expect((await node.mine()).ok).toBe(true);
    node.close();
  });

  it('starts mining again on the new tip when its chain is replaced, until cancelled', async () => {
    // A deliberately slow hash keeps the miner busy long enough to be interrupted.
    const slowSha256: Sha256 = async (data) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return subtleSha256(data);
    };
    const miner = await startNode(createMemoryHub(), {}, slowSha256);
    const mining = miner.mine();
    await settle();
    expect(miner.status().mining).toMatchObject({ purpose: 'mine', index: 2, restarts: 0 });
    const imported = await miner.importChain(fixture('tutorial_chain_short.json'));
    expect(imported).toMatchObject({ adopted: true, length: 3 });
    await vi.waitFor(() => { expect(miner.status().mining).toMatchObject({ index: 4, restarts: 1 }); });
    expect(miner.journal()[0]).toMatchObject({ kind: 'restart', message: { key: 'minerRestarted', values: { index: 4 } } });
    miner.cancelMining();
    expect(await mining).toEqual({ ok: false, text: 'Mining cancelled.', message: { key: 'miningCancelled', values: {} } });
    expect(miner.status()).toMatchObject({ height: 3, mining: null });
    miner.close();
  });

  it('refuses a second Mine while one runs', async () => {
    const node = await startNode(createMemoryHub(), { difficulty: 6 });
    const first = node.mine();
    expect(await node.mine()).toEqual({ ok: false, text: 'Already mining block 2.', message: { key: 'busyMining', values: { index: 2 } } });
    node.close();
    expect((await first).ok).toBe(false);
  });

  it('refuses to import a chain whose blocks are not all objects, and files over the size limit', async () => {
    const node = await startNode(createMemoryHub());
    const before = node.chainBody();
    expect(await node.importChain('[5]')).toMatchObject({ adopted: false, verdict: { code: 'not-an-object', block: 1 } });
    expect(await node.importChain(' '.repeat(32 * 1024 * 1024 + 1))).toMatchObject({ adopted: false, verdict: null });
    expect(node.chainBody()).toBe(before);
    node.close();
  });

  it('a chain that claims 999 blocks but has 3 never replaces a longer one', async () => {
    const hub = createMemoryHub();
    const liar = await startNode(hub, { rule: 'repo' });
    const honest = await startNode(hub, { rule: 'repo', difficulty: 1 });
    await settle();
    expect(await liar.importChain(fixture('valid_length_lie.json'))).toMatchObject({ adopted: true, length: 3 });
    for (let i = 0; i < 3; i++) expect((await honest.mine()).ok).toBe(true);
    // Under difficulty 1 the liar's chain (mined at 4) is still valid; it is just shorter.
    const result = await honest.resolve();
    expect(result.replaced).toBe(false);
    expect(result.reports).toEqual([{ peerId: liar.id, kind: 'not-longer', length: 3 }]);
    liar.close();
    honest.close();
  });

  it('a replaced chain loses nothing and doubles nothing: dropped transactions return to pending', async () => {
    const hub = createMemoryHub();
    const rules = { genesis: 'shared', difficulty: 1 } as const;
    const a = await startNode(hub, rules);
    const b = await startNode(hub, rules);
    await settle();
    // Both know the shared transaction; only B mined it, A keeps it pending.
    const shared = { sender: 'carol', recipient: 'dave', amount: '3' };
    for (const node of [a, b]) expect(node.addTransaction(shared).ok).toBe(true);
    expect(b.addTransaction({ sender: 'bob', recipient: 'eve', amount: '2' }).ok).toBe(true);
    expect((await b.mine()).ok).toBe(true);
    expect(a.addTransaction({ sender: 'alice', recipient: 'bob', amount: '1' }).ok).toBe(true);
    expect((await a.mine()).ok).toBe(true);
    expect((await a.mine()).ok).toBe(true);
    expect(b.addTransaction({ sender: 'zoe', recipient: 'yan', amount: '9' }).ok).toBe(true);

    const result = await b.resolve();
    expect(result).toMatchObject({ replaced: true, winner: a.id, ourLength: 2 });
    expect(result.replacement).toMatchObject({ fork: 1, dropped: [expect.any(String)], adopted: [expect.any(String), expect.any(String)] });
    // bob→eve was only in B's dropped block: back to pending. carol→dave is in A's chain: not doubled.
    expect(result.replacement?.returned).toEqual([{ sender: 'bob', recipient: 'eve', amount: 2n }]);
    expect(b.pending()).toEqual([
      { sender: 'bob', recipient: 'eve', amount: 2n },
      { sender: 'zoe', recipient: 'yan', amount: 9n },
    ]);
    expect(b.chainBody()).toBe(a.chainBody());
    a.close();
    b.close();
  });

  it('reads node addresses as Python’s urlparse does', () => {
    expect(nodeAddress('http://127.0.0.1:5000')).toBe('127.0.0.1:5000');
    expect(nodeAddress('127.0.0.1:5000')).toBe('127.0.0.1:5000');
    expect(nodeAddress('https://abc/path?q')).toBe('abc');
    expect(nodeAddress('')).toBeNull();
    expect(nodeAddress('http://')).toBeNull();
    expect(nodeAddress(5n)).toBeNull();
  });

  it('answers a registration as the tutorial does, and tells the page the same by key', async () => {
    const node = await startNode(createMemoryHub());
    expect(node.register('localhost:5001')).toEqual({
      ok: false,
      text: 'Error: Please supply a valid list of nodes',
      message: { key: 'registerNotAList', values: {} },
      registered: [],
    });
    expect(node.register(['http://', 7])).toEqual({
      ok: false,
      text: 'Invalid URL: "http://"',
      message: { key: 'registerInvalidUrl', values: { address: '"http://"' } },
      registered: [],
    });
    expect(node.register(['http://localhost:5001'])).toEqual({
      ok: true,
      text: 'New nodes have been added',
      message: { key: 'nodesAdded', values: {} },
      registered: ['localhost:5001'],
    });
    node.close();
  });
});

describe('a resolve that lands while the miner hashes its new block', () => {
  it('mines again on the adopted tip instead of forging on the old one', async () => {
    // B's SHA-256 holds back one block hash, as a slow SubtleCrypto digest can.
    let hold = false;
    let release = (): void => undefined;
    const gated: Sha256 = async (data) => {
      const digest = await subtleSha256(data);
      if (hold && new TextDecoder().decode(data).startsWith('{"index"')) {
        hold = false;
        return new Promise((resolve) => { release = () => { resolve(digest); }; });
      }
      return digest;
    };
    const hub = createMemoryHub();
    const a = await startNode(hub, { difficulty: 1, genesis: 'shared' });
    const b = await startNode(hub, { difficulty: 1, genesis: 'shared' }, gated);
    await settle();
    b.addTransaction({ sender: 'bob', recipient: 'eve', amount: '2' });
    await b.mine();
    await a.mine();
    await a.mine();
    // Let B finish fetching A's announced chain, so that the held hash is the miner's.
    await settle();
    b.addTransaction({ sender: 'zoe', recipient: 'yan', amount: '9' });
    hold = true;
    const mining = b.mine();
    await vi.waitFor(() => { expect(hold).toBe(false); });
    const resolved = await b.resolve();
    expect(resolved.replacement?.returned).toEqual([{ sender: 'bob', recipient: 'eve', amount: 2n }]);
    release();
    expect(await mining).toMatchObject({ ok: true, block: { index: 4n } });
    expect(b.chain().blocks.map((block) => block['index'])).toEqual([1n, 2n, 3n, 4n]);
    expect((await b.chainView()).verdict.valid).toBe(true);
    expect(b.chain().blocks[3]?.['transactions']).toEqual([
      { sender: 'bob', recipient: 'eve', amount: 2n },
      { sender: 'zoe', recipient: 'yan', amount: 9n },
      { sender: '0', recipient: b.id, amount: 1n },
    ]);
    expect(b.pending()).toEqual([]);
    a.close();
    b.close();
  });

});

describe('TabNode engines, threads and incremental transfer', () => {
  it('mines the same block with SubtleCrypto on one thread and the fast engine on two threads', async () => {
    const hub = createMemoryHub();
    const blocks = [];
    for (const settings of [{ engine: 'subtle', threads: 1 }, { engine: 'fast', threads: 2 }] as const) {
      const node = await TabNode.create({
        id: parsePeerId('0123456789ab4def8123456789abcdef') as PeerId,
        network,
        rules: { ...DEFAULT_RULES, rule: 'repo', difficulty: 3, genesis: 'shared' },
        transport: hub.connect(),
        now: () => 1_800_000_000.5,
        maxThreads: 2,
        mining: settings,
      });
      const mined = await node.mine();
      if (!mined.ok) throw new Error(mined.text);
      blocks.push(mined.block);
      node.close();
    }
    expect(blocks[1]).toEqual(blocks[0]);
  });

  it('takes engine and threads from the page, within this computer\'s processors, and refuses bad settings', async () => {
    const node = await TabNode.create({
      id: nextId(),
      network,
      rules: DEFAULT_RULES,
      transport: createMemoryHub().connect(),
      maxThreads: 2,
      mining: { engine: 'fast', threads: 8 },
    });
    expect(node.status()).toMatchObject({ miningSettings: { engine: 'fast', threads: 2 }, maxThreads: 2 });
    expect(node.status().warnings).toEqual([{ key: 'threadsLowered', values: { threads: 8, max: 2 } }]);
    expect(node.setMiningSettings({ engine: 'subtle', threads: 1 })).toEqual({ ok: true, settings: { engine: 'subtle', threads: 1 } });
    const refusals: [unknown, NodeMessage][] = [
      [{ engine: 'asic', threads: 1 }, { key: 'miningEngineNotOneOf', values: { choices: 'subtle, fast' } }],
      [{ engine: 'fast', threads: 3 }, { key: 'miningThreads', values: { max: 2 } }],
      [{ engine: 'fast', threads: 0 }, { key: 'miningThreads', values: { max: 2 } }],
      [{ engine: 'fast' }, { key: 'miningThreads', values: { max: 2 } }],
      [null, { key: 'miningSettingsNotAnObject', values: {} }],
      ['fast', { key: 'miningSettingsNotAnObject', values: {} }],
    ];
    for (const [bad, message] of refusals) expect(node.setMiningSettings(bad)).toEqual({ ok: false, message });
    expect(node.status().miningSettings).toEqual({ engine: 'subtle', threads: 1 });
    node.close();
  });

  it('cuts a hash-rate measurement short when Mine is clicked, and mines', async () => {
    const node = await startNode(createMemoryHub(), { difficulty: 2 });
    const measuring = node.measureHashRate();
    const mined = await node.mine();
    expect(mined.ok).toBe(true);
    expect(await measuring).toBeGreaterThanOrEqual(0);
    node.close();
  });

  it('sends a peer whose chain extends ours only the new blocks, and adopts the same chain as a full transfer would', async () => {
    const hub = createMemoryHub();
    const a = await startNode(hub, { difficulty: 1, genesis: 'shared' });
    const b = await startNode(hub, { difficulty: 1, genesis: 'shared' });
    await settle();
    for (let i = 0; i < 3; i++) await a.mine();
    await b.resolve();
    expect(b.chainBody()).toBe(a.chainBody());
    const sent: unknown[] = [];
    const spy = hub.connect();
    spy.onMessage((data) => { sent.push(data); });
    await a.mine();
    const resolved = await b.resolve();
    expect(resolved.replaced).toBe(true);
    expect(b.chainBody()).toBe(a.chainBody());
    await settle();
    const answer = sent.findLast((m): m is { kind: string; skipped: number; body: string } => (m as { kind?: string }).kind === 'chain-response');
    expect(answer).toMatchObject({ skipped: 4 });
    expect(answer?.body).toMatch(/^\{"chain":\[\{"index":5,/);
    expect((await b.chainView()).verdict.valid).toBe(true);
    a.close();
    b.close();
    spy.close();
  });

  it('extends its chain from a peer\'s tip block without asking, and asks when the block does not fit', async () => {
    const hub = createMemoryHub();
    const a = await startNode(hub, { difficulty: 1, genesis: 'shared', autoResolve: true });
    const b = await startNode(hub, { difficulty: 1, genesis: 'shared', autoResolve: true });
    await settle();
    const sent: { kind?: string; from?: string }[] = [];
    const spy = hub.connect();
    spy.onMessage((data) => { sent.push(data as { kind?: string; from?: string }); });
    await a.mine();
    await vi.waitFor(() => { expect(b.chainBody()).toBe(a.chainBody()); });
    await settle();
    expect(sent.filter((m) => m.kind === 'chain-request')).toEqual([]);

    // A forged tip block (right height, wrong content) is not adopted: B asks A's chain instead.
    const tip = a.chain();
    const forged = { ...tip.blocks[1], proof: 999_999n };
    spy.send({ kind: 'tip', v: 1, from: a.id, height: 3, hash: 'ab'.repeat(32), block: dumpsPython(forged, { compact: true }) });
    await vi.waitFor(() => { expect(sent.some((m) => m.kind === 'chain-request' && m.from === b.id)).toBe(true); });
    expect(b.chain().blocks).toHaveLength(2);
    a.close();
    b.close();
    spy.close();
  });

  it('reports a miner thread that cannot start as a failed Mine, and still answers', async () => {
    const node = await TabNode.create({
      id: nextId(),
      network,
      rules: { ...DEFAULT_RULES, difficulty: 1 },
      transport: createMemoryHub().connect(),
      minerThread: () => ({
        send: () => undefined,
        listen: (_onMessage, onError) => { queueMicrotask(() => { onError('the miner thread failed to run: it could not be loaded'); }); },
        terminate: () => undefined,
      }),
    });
    const error = 'Mining failed: the miner thread failed to run: it could not be loaded.';
    expect(await node.mine()).toEqual({ ok: false, text: error, message: { key: 'minerFailed', values: { error } } });
    expect(node.status().mining).toBeNull();
    expect(node.addTransaction({ sender: 'a', recipient: 'b', amount: '1' }).ok).toBe(true);
    node.close();
  });
});


describe('what a class watches', () => {
  const nodes = testNodes(testNetwork('class-picture-test'), 'e', { ...DEFAULT_RULES, difficulty: 6 });

  it('a search reports its own rate and a guess it tried with that guess’s hash; the tab’s rate comes from it', async () => {
    const a = await nodes.start(createMemoryHub(), {}, { mining: { engine: 'subtle', threads: 1 } });
    expect(a.status().hashRate).toBeNull();
    // At difficulty 6 a block takes millions of attempts: the search is watched, then cancelled
    // (should it find a block meanwhile, the next one is watched).
    let state = null;
    for (let search = 0; search < 3 && state === null; search++) {
      const mining = a.mine();
      await vi.waitFor(() => {
        const now = a.status().mining;
        expect(now === null || (now.sample !== null && now.rate !== null)).toBe(true);
      }, { timeout: 5000, interval: 20 });
      state = a.status().mining;
      a.cancelMining();
      await mining;
    }
    if (!state?.sample || state.rate === null) throw new Error('expected a sample and a rate');
    expect(state).toMatchObject({ rule: 'tutorial', difficulty: 6, purpose: 'mine', engine: 'subtle', threads: 1 });
    // The guess is the tutorial's f"{last_proof}{proof}" and its hash is real SHA-256.
    const lastProof = dumpsPython(a.chain().blocks.at(-1)?.['proof'] ?? null);
    expect(state.sample.guess).toBe(`${lastProof}${state.sample.proof}`);
    expect(state.sample.hash).toBe(createHash('sha256').update(state.sample.guess).digest('hex'));
    expect(state.sample.hash.startsWith('000000')).toBe(false);
    expect(state.rate).toBeGreaterThan(0);
    expect(a.status().mining).toBeNull();
    // The tab's rate stays (measured with these settings), for the expected time per block.
    expect(a.status().hashRate).toBeGreaterThan(0);
    // Another engine has a rate of its own, unknown until it searched.
    expect(a.setMiningSettings({ engine: 'fast', threads: 1 }).ok).toBe(true);
    expect(a.status().hashRate).toBeNull();
    nodes.closeAll();
  });

  it('gives every tab online its own place; a tab that comes back takes its place again', async () => {
    const hub = createMemoryHub();
    const store = createMemoryNodeStore();
    const tabs: TabNode[] = [];
    for (let i = 0; i < 8; i++) tabs.push(await nodes.start(hub, {}, i === 2 ? { store } : {}));
    const slots = () => tabs.map((tab) => tab.status().slot);
    await vi.waitFor(() => {
      expect(new Set(slots()).size).toBe(8);
      expect(slots().every((slot) => slot !== null && slot < 8)).toBe(true);
      // Every tab knows every other tab's place.
      for (const tab of tabs) {
        for (const peer of tab.peers()) expect(peer.slot).toBe(tabs.find((other) => other.id === peer.id)?.status().slot);
      }
    }, { timeout: 3000, interval: 10 });
    const third = tabs[2];
    if (!third) throw new Error('expected eight tabs');
    const place = third.status().slot;
    third.close();
    const back = await nodes.start(hub, {}, { store, id: third.id });
    tabs[2] = back;
    await vi.waitFor(() => {
      expect(back.status().slot).toBe(place);
      expect(new Set(slots()).size).toBe(8);
    }, { timeout: 3000, interval: 10 });
    nodes.closeAll();
  });
});
