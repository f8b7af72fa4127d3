import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../core/rules';
import { createMemoryHub, type MemoryTransport } from '../network/memory-transport';
import { parsePeerMessage } from '../network/messages';
import { peerMessageArbitraries } from '../network/peer-message-arbitraries.test-suite';
import type { Transport } from '../network/transport';
import { peerVisibleState } from './fuzz.test-suite';
import { testNetwork, testNodes } from './test-nodes.test-suite';

/*
 * Fuzzing a real node with peer messages: 100,000 per run, arbitrary values and mutations of
 * valid messages (wrong types, huge strings, deep nesting, __proto__ keys, NaN, bigints,
 * missing and extra fields). They are handed straight to the node's transport listener, in
 * batches, as a BroadcastChannel would hand them over, so that any throw would surface here.
 */

const network = testNetwork('peer-fuzz-test');
const nodes = testNodes(network, 'c', DEFAULT_RULES);
afterEach(() => {
  nodes.closeAll();
});

/** A hub endpoint whose listener the test can also call directly, synchronously. */
function tapped(inner: MemoryTransport): { transport: Transport; deliver: (data: unknown) => void } {
  const listeners: ((data: unknown) => void)[] = [];
  return {
    transport: {
      send: (message) => { inner.send(message); },
      onMessage: (listener) => {
        listeners.push(listener);
        return inner.onMessage(listener);
      },
      close: () => { inner.close(); },
    },
    deliver: (data) => {
      for (const listener of listeners) listener(data);
    },
  };
}

const BATCH = 50;
const INVALID_BATCHES = 2000;

async function fuzzedNode() {
  const hub = createMemoryHub();
  const tap = tapped(hub.connect());
  const node = await nodes.start(hub, { difficulty: 2 }, { transport: tap.transport });
  return { hub, node, deliver: tap.deliver };
}

describe('a node fed 100,000 hostile peer messages', () => {
  it('never throws, counts every invalid message, changes nothing, and still answers and mines', async () => {
    const { hub, node, deliver } = await fuzzedNode();
    const arbitraries = peerMessageArbitraries(node.id, { network, maxDifficulty: 2 });
    const mutated = fc.tuple(arbitraries.validMessage, arbitraries.mutation).map(([message, { apply }]) => apply(message));
    const invalid = fc.oneof(arbitraries.anything, mutated, mutated).filter((data) => !parsePeerMessage(data).ok);
    expect(node.addTransaction({ sender: 'alice', recipient: 'bob', amount: '5' }).ok).toBe(true);
    expect(await node.mine()).toMatchObject({ ok: true });
    const before = peerVisibleState(node);
    let sent = 0;

    fc.assert(
      fc.property(fc.array(invalid, { minLength: BATCH, maxLength: BATCH }), (batch) => {
        const malformed = node.status().malformedMessages;
        for (const data of batch) deliver(data);
        sent += batch.length;
        expect(node.status().malformedMessages).toBe(malformed + batch.length);
        expect(peerVisibleState(node)).toEqual(before);
        expect(Reflect.get({}, 'kind')).toBeUndefined();
      }),
      { numRuns: INVALID_BATCHES },
    );
    expect(sent).toBeGreaterThanOrEqual(100_000);
    expect(node.status().droppedMessages).toBe(0);

    // Still a node: a new tab gets its chain, and it mines.
    const peer = await nodes.start(hub, { difficulty: 2 });
    await expect.poll(() => peer.registeredNodes(), { timeout: 10_000 }).toContain(node.id);
    const resolved = await peer.resolve();
    expect(resolved.reports.find((report) => report.peerId === node.id)?.kind).toBe('adopted');
    expect(peer.exportChain()).toBe(before.chain);
    expect(await node.mine()).toMatchObject({ ok: true });
  });

  it('never throws on valid messages from fake peers in any order, and still answers and mines', async () => {
    const { hub, node, deliver } = await fuzzedNode();
    const { validMessage } = peerMessageArbitraries(node.id, { network, maxDifficulty: 2 });
    fc.assert(
      fc.property(fc.array(validMessage, { minLength: BATCH, maxLength: BATCH }), (batch) => {
        for (const data of batch) expect(() => { deliver(data); }).not.toThrow();
        const peers = node.peers().map((peer) => peer.id);
        expect(new Set(peers).size).toBe(peers.length);
        expect(peers).not.toContain(node.id);
      }),
      { numRuns: 200 },
    );
    expect(node.status().malformedMessages).toBe(0);
    const peer = await nodes.start(hub, { difficulty: 2 });
    await expect.poll(() => peer.registeredNodes(), { timeout: 10_000 }).toContain(node.id);
    // The node asked each fake peer that announced a tip for its chain: the channel is busy until those fetches end.
    const answer = async () => (await peer.resolve()).reports.find((report) => report.peerId === node.id)?.kind;
    await expect.poll(answer, { timeout: 10_000 }).toMatch(/^(adopted|not-longer)$/);
    expect(await node.mine()).toMatchObject({ ok: true });
  });
});
