import { afterEach, describe, expect, it, vi } from 'vitest';
import { chainDocumentText } from '../core/chain-document';
import { DEFAULT_RULES } from '../core/rules';
import type { PeerId } from '../network/ids';
import {
  ARRIVAL_REPLIES_PER_SECOND,
  ARRIVAL_REPLY_BURST,
  GREETING_COALESCE_MS,
  MAX_REGISTERED_NODES,
  MAX_RESOLVE_REPORTS,
  PEER_FETCH_BURST,
  PEER_FETCH_INTERVAL_MS,
  PEER_PROVEN_AFTER_MS,
  RESOLVE_DEADLINE_MS,
} from '../network/limits';
import { createMemoryHub, type MemoryHub, type MemoryTransport } from '../network/memory-transport';
import { parsePeerMessage, type PeerMessage } from '../network/messages';
import { testPeerId } from '../network/test-peer-ids.test-suite';
import { linkedBlocks, mined, tx } from './node-parts.test-suite';
import { createMemoryNodeStore } from './storage/memory-node-store';
import { testNetwork, testNodes } from './test-nodes.test-suite';

const network = testNetwork('hostile-room-test');
const nodes = testNodes(network, 'b', { ...DEFAULT_RULES, difficulty: 2 });
const hostiles: MemoryTransport[] = [];
afterEach(() => {
  nodes.closeAll();
  for (const hostile of hostiles.splice(0)) hostile.close();
});

const FLOOD = 1100;
/** The messages of a greeting: tip, rules, place, figures. */
const GREETING_MESSAGES = 4;
const fakeId = (n: number): PeerId => testPeerId(`${n.toString(16).padStart(12, '0')}4${'e'.repeat(19)}`);

/** A hostile page on the channel: it sends anything under any id. */
function hostilePage(hub: MemoryHub): MemoryTransport {
  const page = hub.connect();
  hostiles.push(page);
  return page;
}

/** Every message `from` sends from now on, heartbeats aside. */
function sentBy(hub: MemoryHub, from: () => PeerId): PeerMessage[] {
  const sent: PeerMessage[] = [];
  const spy = hub.connect();
  hostiles.push(spy);
  spy.onMessage((data) => {
    const parsed = parsePeerMessage(data);
    if (parsed.ok && parsed.message.from === from() && parsed.message.kind !== 'heartbeat') sent.push(parsed.message);
  });
  return sent;
}

function flood(page: MemoryTransport, count = FLOOD, first = 0): void {
  for (let n = first; n < first + count; n++) page.sendUnknown({ kind: 'arrive', v: 1, from: fakeId(n), network });
}

describe('a room with a page that invents peers', () => {
  it(`after ${FLOOD} invented arrivals a real newcomer is still listed, and the honest tab's replies stay within their bound`, async () => {
    const hub = createMemoryHub();
    const honest = await nodes.start(hub);
    const replies = sentBy(hub, () => honest.id);
    const started = Date.now();
    flood(hostilePage(hub));
    const newcomer = await nodes.start(hub);
    await vi.waitFor(() => { expect(honest.peers().map((peer) => peer.id)).toContain(newcomer.id); }, { timeout: 6000 });
    await vi.waitFor(() => { expect(newcomer.peers().map((peer) => peer.id)).toContain(honest.id); }, { timeout: 6000 });
    const seconds = Math.ceil((Date.now() - started) / 1000);
    // Bounded replies to unproven peers, the coalesced greetings, and the newcomer's own welcome and greeting.
    const bound = ARRIVAL_REPLY_BURST + ARRIVAL_REPLIES_PER_SECOND * seconds + GREETING_MESSAGES * (1 + Math.ceil((seconds * 1000) / GREETING_COALESCE_MS)) + 2 * (1 + GREETING_MESSAGES);
    expect(replies.length).toBeLessThanOrEqual(bound);
    // Before these bounds, each arrival cost a welcome and a greeting: 5 × 1,100.
    expect(bound).toBeLessThan(FLOOD);
  });

  it('a resolve asks at most MAX_RESOLVE_REPORTS nodes, counts the others and ends before its deadline', async () => {
    const hub = createMemoryHub();
    const honest = await nodes.start(hub);
    const peer = await nodes.start(hub);
    await vi.waitFor(() => { expect(honest.registeredNodes()).toContain(peer.id); });
    flood(hostilePage(hub));
    const invented = Array.from({ length: FLOOD }, (_, n) => fakeId(10_000 + n));
    expect(honest.register(invented).ok).toBe(true);
    expect(honest.registeredNodes().length).toBe(MAX_REGISTERED_NODES);
    const started = Date.now();
    const result = await honest.resolve();
    expect(Date.now() - started).toBeLessThan(RESOLVE_DEADLINE_MS);
    expect(result.reports.length).toBe(MAX_RESOLVE_REPORTS);
    expect(result.unasked).toBe(MAX_REGISTERED_NODES - MAX_RESOLVE_REPORTS);
    // The peers online are asked first: the real one answers.
    expect(result.reports.find((report) => report.peerId === peer.id)?.kind).toMatch(/^(adopted|not-longer)$/);
  });

  it("keeps the honest tab's chain and pending transactions across a reload after a flood", async () => {
    const hub = createMemoryHub();
    const store = createMemoryNodeStore();
    const honest = await nodes.start(hub, {}, { store });
    expect(honest.addTransaction({ sender: 'alice', recipient: 'bob', amount: '5' }).ok).toBe(true);
    expect((await honest.mine()).ok).toBe(true);
    expect(honest.addTransaction({ sender: 'carol', recipient: 'dave', amount: '2' }).ok).toBe(true);
    flood(hostilePage(hub));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const chain = honest.chainBody();
    const pending = honest.pending();
    honest.close();
    const reloaded = await nodes.start(hub, {}, { store, id: honest.id });
    expect(reloaded.chainBody()).toBe(chain);
    expect(reloaded.pending()).toEqual(pending);
    expect(reloaded.status().warnings).toEqual([]);
  });

  it('judges a peer that keeps answering large near-valid chains only within its budget, and still mines and answers', async () => {
    const hub = createMemoryHub();
    const honest = await nodes.start(hub, { difficulty: 2 });
    // A long chain valid up to its last block, which has no valid proof: judging it reads it all.
    const payments = Array.from({ length: 150 }, (_, i) => tx(`sender-${i}`, `recipient-${i}`, i + 1));
    const valid = await mined({ difficulty: 2, blocks: Array.from({ length: 200 }, () => payments) });
    const [broken] = await linkedBlocks(valid.blocks.at(-1)!, 1, () => [], 'broken');
    const blocks = [...valid.blocks, broken!];
    const body = chainDocumentText(blocks);
    expect(body.length).toBeGreaterThan(1_000_000);

    const page = hostilePage(hub);
    const hostile = fakeId(99_999);
    const asker = fakeId(88_888);
    let requests = 0;
    const answers: string[] = [];
    page.onMessage((data) => {
      const parsed = parsePeerMessage(data);
      if (!parsed.ok) return;
      const { message } = parsed;
      if (message.kind === 'chain-response' && message.to === asker) answers.push(message.requestId);
      if (message.kind !== 'chain-request' || message.to !== hostile || message.from !== honest.id) return;
      requests += 1;
      page.sendUnknown({ kind: 'chain-response', v: 1, from: hostile, to: message.from, requestId: message.requestId, body });
    });
    // It stays a while first, as a tab does: proven, it is fetched within its own budget.
    page.sendUnknown({ kind: 'arrive', v: 1, from: hostile, network });
    await new Promise((resolve) => setTimeout(resolve, PEER_PROVEN_AFTER_MS + 100));
    page.sendUnknown({ kind: 'heartbeat', v: 1, from: hostile });
    let tips = 0;
    const chatter = setInterval(() => {
      tips += 1;
      // A new tip off our chain every 100 ms, each asking to be fetched again.
      page.sendUnknown({ kind: 'tip', v: 1, from: hostile, height: blocks.length + tips, hash: tips.toString(16).padStart(64, 'a') });
      if (tips % 5 === 0) page.sendUnknown({ kind: 'heartbeat', v: 1, from: hostile });
    }, 100);
    try {
      const started = Date.now();
      await vi.waitFor(() => { expect(requests).toBeGreaterThan(0); }, { timeout: 5000 });
      // Under attack the honest tab still mines a block and answers a chain request.
      expect(honest.addTransaction({ sender: 'alice', recipient: 'bob', amount: '1' }).ok).toBe(true);
      expect((await honest.mine()).ok).toBe(true);
      page.sendUnknown({ kind: 'arrive', v: 1, from: asker, network });
      page.sendUnknown({ kind: 'chain-request', v: 1, from: asker, to: honest.id, requestId: 'ask-1' });
      await vi.waitFor(() => { expect(answers).toContain('ask-1'); }, { timeout: 5000 });
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 8000 - (Date.now() - started))));
      const elapsed = Date.now() - started;
      // A burst, then one per interval (and fewer when judging its chains used up its share of time).
      const bound = PEER_FETCH_BURST + Math.ceil(elapsed / PEER_FETCH_INTERVAL_MS);
      // It sent a new tip off our chain every 100 ms: without the budget each would be fetched.
      expect(tips).toBeGreaterThan(bound);
      expect(requests).toBeLessThanOrEqual(bound);
    } finally {
      clearInterval(chatter);
    }
  }, 30_000);
});
