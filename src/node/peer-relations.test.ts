import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RULES } from '../core/rules';
import type { PeerId } from '../network/ids';
import { createMemoryHub, type MemoryHub } from '../network/memory-transport';
import { parsePeerMessage } from '../network/messages';
import type { PeerView } from '../contract/views';
import type { TabNode } from './tab-node';
import { testNetwork, testNodes } from './test-nodes.test-suite';

/*
 * Tips and relations: what every tab knows of its peers' chains without a resolve, the
 * fork view built from it, and auto-resolve. Nodes run on an in-memory hub with Node's
 * synchronous SHA-256 at difficulty 1, so mining is instant; every node has its own fake
 * clock, so no two nodes make the same genesis block under `genesis: 'node'`.
 */

const network = testNetwork('peer-relations-test');

const nodes = testNodes(network, 'e', { ...DEFAULT_RULES, difficulty: 1 });
const startNode = nodes.start;
const nextId = nodes.nextId;
afterEach(() => {
  nodes.closeAll();
});

const SHARED = { genesis: 'shared' } as const;
const WAIT = { timeout: 3000, interval: 10 };

function peerOf(node: TabNode, other: TabNode | PeerId): PeerView | undefined {
  const id = typeof other === 'string' ? other : other.id;
  return node.peers().find((peer) => peer.id === id);
}

/** Every node lists every other one as online, with a tip. */
async function connected(nodes: readonly TabNode[]): Promise<void> {
  await vi.waitFor(() => {
    for (const node of nodes) {
      for (const other of nodes) {
        if (other === node) continue;
        expect(peerOf(node, other)).toMatchObject({ status: 'online', tip: expect.anything() as unknown });
      }
    }
  }, WAIT);
}

const tipOf = (node: TabNode) => ({ height: node.chain().hashes.length, hash: node.chain().hashes.at(-1) });

async function mine(node: TabNode): Promise<void> {
  const result = await node.mine();
  expect(result.ok).toBe(true);
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

const fixtureText = (name: string) => readFileSync(new URL(`../../fixtures/reference/${name}`, import.meta.url), 'utf8');

interface ManifestEntry {
  file: string;
  proof_rule: 'repo' | 'tutorial';
  difficulty: number;
  expected: 'valid' | 'invalid';
  fail_block: number | null;
  fail_kind: 'previous_hash' | 'proof' | 'missing_field' | 'empty' | null;
}
const manifest = JSON.parse(fixtureText('manifest.json')) as { fixtures: ManifestEntry[] };
const invalidFixtures = manifest.fixtures.filter((entry) => entry.expected === 'invalid' && entry.fail_block !== null);

const REASONS = {
  previous_hash: /^previous_hash mismatch at block \d+/,
  proof: /^Bad proof at block \d+/,
  missing_field: /^Missing field 'proof' at block \d+/,
} as const;

/**
 * A peer that is not a tabchain node, played by a raw hub endpoint: it announces a tip and
 * answers every chain request addressed to it with a fixed body.
 */
function fakePeer(hub: MemoryHub, id: PeerId, body: string) {
  const transport = hub.connect();
  let requests = 0;
  transport.onMessage((data) => {
    const parsed = parsePeerMessage(data);
    if (!parsed.ok || parsed.message.kind !== 'chain-request' || parsed.message.to !== id) return;
    requests += 1;
    transport.send({ v: 1, kind: 'chain-response', from: id, to: parsed.message.from, requestId: parsed.message.requestId, body });
  });
  return {
    announceTip(height: number) {
      transport.send({ v: 1, kind: 'tip', from: id, height, hash: 'ab'.repeat(32) });
    },
    requests: () => requests,
    close() {
      transport.send({ v: 1, kind: 'leave', from: id });
      transport.close();
    },
  };
}

describe('tips and relations, without any resolve', () => {
  it('same before anybody mines; ahead and behind once one node mines', async () => {
    const hub = createMemoryHub();
    const a = await startNode(hub, SHARED);
    const b = await startNode(hub, SHARED);
    await connected([a, b]);
    const genesis = a.chain().hashes[0];
    expect(b.chain().hashes[0]).toBe(genesis);
    expect(peerOf(a, b)).toMatchObject({ tip: { height: 1, hash: genesis }, relation: { kind: 'same' } });
    expect(peerOf(b, a)).toMatchObject({ tip: { height: 1, hash: genesis }, relation: { kind: 'same' } });

    await mine(a);
    await vi.waitFor(() => {
      expect(peerOf(b, a)).toMatchObject({ tip: tipOf(a), relation: { kind: 'ahead', by: 1 } });
    }, WAIT);
    expect(peerOf(a, b)).toMatchObject({ tip: { height: 1, hash: genesis }, relation: { kind: 'behind', by: 1 } });

    await mine(a);
    await vi.waitFor(() => {
      expect(peerOf(b, a)).toMatchObject({ tip: tipOf(a), relation: { kind: 'ahead', by: 2 } });
    }, WAIT);
    expect(peerOf(a, b)?.relation).toEqual({ kind: 'behind', by: 2 });
    // Nobody resolved: B still holds its one block.
    expect(b.chain().hashes).toEqual([genesis]);
  });

  it('a node that catches up by resolving is `same` again for everybody', async () => {
    const hub = createMemoryHub();
    const a = await startNode(hub, SHARED);
    const b = await startNode(hub, SHARED);
    await connected([a, b]);
    await mine(a);
    await mine(a);
    expect((await b.resolve()).replaced).toBe(true);
    await vi.waitFor(() => {
      expect(peerOf(a, b)).toMatchObject({ tip: tipOf(a), relation: { kind: 'same' } });
      expect(peerOf(b, a)).toMatchObject({ tip: tipOf(a), relation: { kind: 'same' } });
    }, WAIT);
  });

  it('a peer that edits a block under the same tip is invalid for everybody, and the same again once repaired', async () => {
    const hub = createMemoryHub();
    const a = await startNode(hub, SHARED);
    const b = await startNode(hub, SHARED);
    await connected([a, b]);
    expect(a.addTransaction({ sender: 'alice', recipient: 'bob', amount: '5' }).ok).toBe(true);
    for (let i = 0; i < 3; i++) await mine(a);
    expect((await b.resolve()).replaced).toBe(true);
    await vi.waitFor(() => {
      expect(peerOf(b, a)).toMatchObject({ relation: { kind: 'same' } });
    }, WAIT);
    // Block 2 edited: A's tip hash is unchanged, but block 3 no longer links to block 2.
    const tip = tipOf(a);
    expect((await a.tamper({ block: 2, field: 'amount', transaction: 0, value: '500' })).ok).toBe(true);
    expect(tipOf(a)).toEqual(tip);
    await vi.waitFor(() => {
      expect(peerOf(b, a)).toMatchObject({ tip, relation: { kind: 'invalid', code: 'previous-hash', block: 3 } });
    }, WAIT);
    // A resolve asks A for its whole chain, not only the blocks after a tip both hold.
    expect((await b.resolve()).reports).toContainEqual(expect.objectContaining({ peerId: a.id, kind: 'invalid' }));
    expect(await a.repair()).toMatchObject({ ok: true });
    await vi.waitFor(() => {
      expect(peerOf(b, a)).toMatchObject({ relation: { kind: 'diverged' } });
    }, WAIT);
  });

  it('diverged: chains that share block 1 and differ from block 2 on', async () => {
    const hub = createMemoryHub();
    const a = await startNode(hub, SHARED);
    const b = await startNode(hub, SHARED);
    await connected([a, b]);
    await mine(a);
    await mine(b);
    await vi.waitFor(() => {
      expect(peerOf(a, b)).toMatchObject({ tip: tipOf(b), relation: { kind: 'diverged', atBlock: 2, ours: 2, theirs: 2 } });
      expect(peerOf(b, a)).toMatchObject({ tip: tipOf(a), relation: { kind: 'diverged', atBlock: 2, ours: 2, theirs: 2 } });
    }, WAIT);
    await mine(a);
    await vi.waitFor(() => {
      expect(peerOf(b, a)).toMatchObject({ tip: tipOf(a), relation: { kind: 'diverged', atBlock: 2, ours: 2, theirs: 3 } });
    }, WAIT);
    expect(peerOf(a, b)?.relation).toEqual({ kind: 'diverged', atBlock: 2, ours: 3, theirs: 2 });
  });

  it('different-genesis: every node made its own block 1 (genesis "node")', async () => {
    const hub = createMemoryHub();
    const a = await startNode(hub, { genesis: 'node' });
    const b = await startNode(hub, { genesis: 'node' });
    expect(a.chain().hashes[0]).not.toBe(b.chain().hashes[0]);
    await vi.waitFor(() => {
      expect(peerOf(a, b)).toMatchObject({ tip: tipOf(b), relation: { kind: 'different-genesis' } });
      expect(peerOf(b, a)).toMatchObject({ tip: tipOf(a), relation: { kind: 'different-genesis' } });
    }, WAIT);
    await mine(a);
    await vi.waitFor(() => {
      expect(peerOf(b, a)).toMatchObject({ tip: { height: 2, hash: a.chain().hashes[1] }, relation: { kind: 'different-genesis' } });
    }, WAIT);
  });

  describe.each(invalidFixtures)('invalid: a peer that serves $file', (entry) => {
    it(`is invalid at block ${String(entry.fail_block)} (${String(entry.fail_kind)}), and never adopted`, async () => {
      const hub = createMemoryHub();
      // The fixture's own rules; nothing is mined, so difficulty 4 costs nothing.
      const node = await startNode(hub, { rule: entry.proof_rule, difficulty: entry.difficulty });
      const body = fixtureText(entry.file);
      const liar = nextId();
      const peer = fakePeer(hub, liar, body);
      const length = (JSON.parse(body) as { chain: unknown[] }).chain.length;
      peer.announceTip(length);
      const kind = entry.fail_kind as keyof typeof REASONS;
      await vi.waitFor(() => {
        expect(peerOf(node, liar)).toMatchObject({
          status: 'online',
          registered: true,
          relation: { kind: 'invalid', block: entry.fail_block, reason: expect.stringMatching(REASONS[kind]) as unknown },
        });
      }, WAIT);
      // The tip shown is the one of the chain it actually sent.
      expect(peerOf(node, liar)?.tip?.height).toBe(length);
      const forks = await node.forks();
      expect(forks.chains[0]).toMatchObject({ owner: node.id, valid: true });
      expect(forks.chains.find((chain) => chain.owner === liar)).toMatchObject({ valid: false });
      expect(forks.chains.find((chain) => chain.owner === liar)?.hashes).toHaveLength(length);

      const before = node.chainBody();
      const result = await node.resolve();
      expect(result.replaced).toBe(false);
      expect(result.reports).toEqual([
        expect.objectContaining({ peerId: liar, kind: 'invalid', length, block: entry.fail_block }),
      ]);
      expect(node.chainBody()).toBe(before);
      peer.close();
    });
  });

  it('invalid: a fake peer whose chain is fine under another rule is judged under ours', async () => {
    const hub = createMemoryHub();
    // tutorial_chain_short.json is valid under the tutorial rule only.
    const node = await startNode(hub, { rule: 'repo', difficulty: 4 });
    const liar = nextId();
    const peer = fakePeer(hub, liar, fixtureText('tutorial_chain_short.json'));
    peer.announceTip(3);
    await vi.waitFor(() => {
      expect(peerOf(node, liar)?.relation).toEqual({
        kind: 'invalid',
        code: 'proof',
        block: 2,
        reason: expect.stringMatching(/^Bad proof at block 2/) as unknown,
        values: expect.objectContaining({ rule: 'repo', difficulty: 4 }) as unknown,
      });
    }, WAIT);
    peer.close();
  });

  // BUG (src/node/tab-node.ts, fetchChain): when a fetched chain has no block hashes (an
  // empty chain, or a body that is not JSON), the announced tip is kept and `known.chain`
  // holds `hashes: []`, so relationTo() never matches the chain to the tip and falls back to
  // relationFromTip(): the peer shows as `unknown-fork` (documented as "not fetched yet")
  // although its chain was fetched and failed validation. Expected `invalid` with block null.
  it.each([
    ['an empty chain', 'invalid_empty_chain.json'],
    ['a body that is not JSON', null],
  ])('invalid: a peer that serves %s is invalid with no block', async (_name, file) => {
    const hub = createMemoryHub();
    const node = await startNode(hub, { rule: 'repo', difficulty: 4 });
    const liar = nextId();
    const peer = fakePeer(hub, liar, file === null ? '<html>Internal Server Error</html>' : fixtureText(file));
    peer.announceTip(3);
    await vi.waitFor(() => {
      expect(peer.requests()).toBeGreaterThan(0);
    }, WAIT);
    await settle();
    expect(peerOf(node, liar)?.relation).toMatchObject({ kind: 'invalid', block: null });
    peer.close();
  });

  it('a newcomer learns every tip from the greeting, without anybody mining after it arrived', async () => {
    const hub = createMemoryHub();
    const a = await startNode(hub, SHARED);
    const b = await startNode(hub, SHARED);
    await connected([a, b]);
    await mine(a);
    await mine(a);
    await vi.waitFor(() => {
      expect(peerOf(b, a)?.relation).toEqual({ kind: 'ahead', by: 2 });
    }, WAIT);
    const heights = [a, b].map((node) => node.chain().hashes.length);

    const c = await startNode(hub, SHARED);
    await vi.waitFor(() => {
      expect(peerOf(c, a)).toMatchObject({ status: 'online', tip: tipOf(a), relation: { kind: 'ahead', by: 2 } });
      expect(peerOf(c, b)).toMatchObject({ status: 'online', tip: tipOf(b), relation: { kind: 'same' } });
      // And the old tabs learn the newcomer's tip the same way.
      expect(peerOf(a, c)).toMatchObject({ tip: tipOf(c), relation: { kind: 'behind', by: 2 } });
      expect(peerOf(b, c)).toMatchObject({ tip: tipOf(c), relation: { kind: 'same' } });
    }, WAIT);
    expect([a, b].map((node) => node.chain().hashes.length)).toEqual(heights);
    expect(c.chain().hashes).toHaveLength(1);
  });
});

describe('forks()', () => {
  it('lists our chain first, then every online peer’s; a resolve that drops blocks keeps our former chain as orphaned; a peer that leaves disappears', async () => {
    const hub = createMemoryHub();
    const a = await startNode(hub, SHARED);
    const b = await startNode(hub, SHARED);
    const c = await startNode(hub, SHARED);
    await connected([a, b, c]);
    expect(b.addTransaction({ sender: 'bob', recipient: 'eve', amount: '2' }).ok).toBe(true);
    await mine(b);
    await mine(a);
    await mine(a);
    const former = [...b.chain().hashes];
    const chainsOf = async (node: TabNode) =>
      Object.fromEntries((await node.forks()).chains.map((chain) => [chain.owner, chain.hashes]));
    await vi.waitFor(async () => {
      const forks = await b.forks();
      expect(forks.chains[0]).toEqual({ owner: b.id, hashes: former, valid: true });
      expect(forks.chains).toHaveLength(3);
      expect(await chainsOf(b)).toEqual({ [b.id]: former, [a.id]: a.chain().hashes, [c.id]: c.chain().hashes });
      expect(forks.chains.every((chain) => chain.valid)).toBe(true);
      expect(forks.orphaned).toEqual([]);
    }, WAIT);
    await vi.waitFor(async () => {
      expect((await a.forks()).chains[0]?.owner).toBe(a.id);
      expect(await chainsOf(a)).toEqual({ [a.id]: a.chain().hashes, [b.id]: former, [c.id]: c.chain().hashes });
    }, WAIT);

    const result = await b.resolve();
    expect(result).toMatchObject({ replaced: true, winner: a.id, replacement: { fork: 1, dropped: [former[1]] } });
    expect(b.pending()).toEqual([{ sender: 'bob', recipient: 'eve', amount: 2n }]);
    const forks = await b.forks();
    expect(forks.chains[0]).toEqual({ owner: b.id, hashes: a.chain().hashes, valid: true });
    expect(forks.orphaned).toEqual([former]);

    c.close();
    await vi.waitFor(async () => {
      expect((await b.forks()).chains.map((chain) => chain.owner)).toEqual([b.id, a.id]);
      expect((await a.forks()).chains.map((chain) => chain.owner)).not.toContain(c.id);
    }, WAIT);
    expect(peerOf(b, c)).toMatchObject({ status: 'left', tip: null, relation: null });
  });

  it('a resolve that only extends our chain orphans nothing', async () => {
    const hub = createMemoryHub();
    const a = await startNode(hub, SHARED);
    const b = await startNode(hub, SHARED);
    await connected([a, b]);
    await mine(a);
    expect((await b.resolve()).replacement).toMatchObject({ fork: 1, dropped: [] });
    expect((await b.forks()).orphaned).toEqual([]);
  });
});

describe('auto-resolve', () => {
  it('with autoResolve on, when A mines, B and C adopt its chain without a resolve', async () => {
    const hub = createMemoryHub();
    const rules = { ...SHARED, autoResolve: true };
    const a = await startNode(hub, rules);
    const b = await startNode(hub, rules);
    const c = await startNode(hub, rules);
    await connected([a, b, c]);
    await mine(a);
    await vi.waitFor(() => {
      expect(b.chain().hashes).toEqual(a.chain().hashes);
      expect(c.chain().hashes).toEqual(a.chain().hashes);
    }, WAIT);
    for (const node of [b, c]) {
      expect(node.journal()[0]).toMatchObject({ kind: 'auto-resolve', message: { key: 'autoResolved', values: { peer: a.id.slice(0, 8) } } });
    }
    expect(a.journal().filter((entry) => entry.kind === 'auto-resolve')).toEqual([]);

    // And again: they keep following.
    await mine(a);
    await vi.waitFor(() => {
      expect(b.chain().hashes).toEqual(a.chain().hashes);
      expect(c.chain().hashes).toEqual(a.chain().hashes);
    }, WAIT);
    expect(a.chain().hashes).toHaveLength(3);
    expect(b.journal().filter((entry) => entry.kind === 'auto-resolve')).toHaveLength(2);
    await vi.waitFor(() => {
      for (const [node, other] of [[a, b], [b, c], [c, a]] as const) expect(peerOf(node, other)?.relation).toEqual({ kind: 'same' });
    }, WAIT);
  });

  it('a dropped block’s payment returns to pending; a chain only as long as ours is not adopted', async () => {
    const hub = createMemoryHub();
    const rules = { ...SHARED, autoResolve: true };
    // Registration by hand, so that B's block survives until B registers A.
    const a = await startNode(hub, rules, { autoRegister: false });
    const b = await startNode(hub, rules, { autoRegister: false });
    await connected([a, b]);
    const payment = { sender: 'bob', recipient: 'eve', amount: '2' };
    expect(b.addTransaction(payment).ok).toBe(true);
    await mine(b);
    const former = [...b.chain().hashes];
    expect(b.register([`http://${a.id}`]).ok).toBe(true);

    await mine(a);
    await vi.waitFor(() => {
      expect(peerOf(b, a)?.relation).toEqual({ kind: 'diverged', atBlock: 2, ours: 2, theirs: 2 });
    }, WAIT);
    await settle();
    expect(b.chain().hashes).toEqual(former);

    await mine(a);
    await vi.waitFor(() => {
      expect(b.chain().hashes).toEqual(a.chain().hashes);
    }, WAIT);
    expect(b.pending()).toEqual([{ sender: 'bob', recipient: 'eve', amount: 2n }]);
    expect(b.journal()[0]).toMatchObject({
      kind: 'auto-resolve',
      message: { key: 'autoResolved', values: { dropped: 1, adopted: 2, returned: 1 } },
    });
    expect((await b.forks()).orphaned).toEqual([former]);
    // A never registered B: it kept its own chain all along.
    expect(a.journal().filter((entry) => entry.kind === 'auto-resolve')).toEqual([]);
  });

  it('with autoResolve off (the default) nothing is adopted and the relation shows ahead', async () => {
    const hub = createMemoryHub();
    const a = await startNode(hub, SHARED);
    const b = await startNode(hub, SHARED);
    expect(b.status().rules.autoResolve).toBe(false);
    await connected([a, b]);
    const genesis = b.chain().hashes;
    await mine(a);
    await mine(a);
    await vi.waitFor(() => {
      expect(peerOf(b, a)).toMatchObject({ registered: true, relation: { kind: 'ahead', by: 2 } });
    }, WAIT);
    await settle();
    expect(b.chain().hashes).toEqual(genesis);
    expect(b.journal().filter((entry) => entry.kind === 'auto-resolve')).toEqual([]);
  });

  it('never adopts from a peer it has not registered (auto-registration off before it appeared)', async () => {
    const hub = createMemoryHub();
    const rules = { ...SHARED, autoResolve: true };
    const b = await startNode(hub, rules);
    b.setAutoRegister(false);
    const a = await startNode(hub, rules);
    const c = await startNode(hub, rules);
    await connected([a, b, c]);
    expect(peerOf(b, a)?.registered).toBe(false);
    await mine(a);
    await mine(a);
    // C registered A automatically and follows it; B does not.
    await vi.waitFor(() => {
      expect(c.chain().hashes).toEqual(a.chain().hashes);
      expect(peerOf(b, a)).toMatchObject({ registered: false, tip: tipOf(a), relation: { kind: 'ahead', by: 2 } });
      expect(peerOf(b, c)).toMatchObject({ registered: false, tip: tipOf(a), relation: { kind: 'ahead', by: 2 } });
    }, WAIT);
    await settle();
    expect(b.chain().hashes).toHaveLength(1);
    expect(b.journal().filter((entry) => entry.kind === 'auto-resolve')).toEqual([]);

    // Registered by hand, A's next block is adopted at once.
    expect(b.register([a.id]).ok).toBe(true);
    await mine(a);
    await vi.waitFor(() => {
      expect(b.chain().hashes).toEqual(a.chain().hashes);
    }, WAIT);
    expect(b.journal()[0]?.kind).toBe('auto-resolve');
  });
});
