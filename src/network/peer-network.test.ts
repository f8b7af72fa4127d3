import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_NETWORK, newPeerId, parseNetworkName, parsePeerId, type NetworkName, type PeerId } from './ids';
import { createMemoryHub, type MemoryHub, type MemoryTransport } from './memory-transport';
import { MAX_CHAIN_CHARS } from './limits';
import { parsePeerMessage, type PeerMessage } from './messages';
import { createPeerNetwork, type PeerNetwork, type PeerNetworkOptions } from './peer-network';
import { peerMessageArbitraries } from './peer-message-arbitraries.test-suite';
import { fakeTransport, manualClock } from './peer-network-harness.test-suite';
import type { Transport } from './transport';

function id(hex: string): PeerId {
  const parsed = parsePeerId(hex);
  if (parsed === null) throw new Error(`bad test peer id ${hex}`);
  return parsed;
}

function net(name: string): NetworkName {
  const parsed = parseNetworkName(name);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.name;
}

const A = id('aaaaaaaaaaaa4aaaaaaaaaaaaaaaaaaa');
const B = id('bbbbbbbbbbbb4bbbbbbbbbbbbbbbbbbb');
const C = id('cccccccccccc4ccccccccccccccccccc');
const X = id('eeeeeeeeeeee4eeeeeeeeeeeeeeeeeee');
const Y = id('ffffffffffff4fffffffffffffffffff');

const bodyOf = (peer: PeerId): string => `{"chain": [{"node": "${peer}"}], "length": 1}`;

/** Everything started in a test is stopped after it, so no timer or channel outlives it. */
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function node(
  transport: Transport,
  self: PeerId,
  extra: Partial<PeerNetworkOptions> = {},
): PeerNetwork & { logs: string[] } {
  const logs: string[] = [];
  const network = createPeerNetwork({
    self,
    network: DEFAULT_NETWORK,
    transport,
    chainBody: () => ({ body: bodyOf(self), skipped: 0 }),
    log: (message) => logs.push(message),
    ...extra,
  });
  cleanups.push(() => { network.stop(); });
  return Object.assign(network, { logs });
}

/** A raw endpoint on the hub: plays a hand-written peer and records what it hears. */
function spy(hub: MemoryHub): { raw: MemoryTransport; heard: PeerMessage[] } {
  const raw = hub.connect();
  const heard: PeerMessage[] = [];
  raw.onMessage((data) => {
    const parsed = parsePeerMessage(data);
    if (parsed.ok) heard.push(parsed.message);
  });
  cleanups.push(() => { raw.close(); });
  return { raw, heard };
}

const ids = (network: PeerNetwork): PeerId[] => network.peers().map((peer) => peer.id);

/** Lets every queued delivery (and the ones they trigger) run. */
async function drain(): Promise<void> {
  for (let round = 0; round < 5; round += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

describe('discovery', () => {
  it('three nodes discover each other, in discovery order', async () => {
    const hub = createMemoryHub();
    const a = node(hub.connect(), A);
    const b = node(hub.connect(), B);
    const c = node(hub.connect(), C);
    a.start();
    await drain();
    b.start();
    await drain();
    c.start();
    await vi.waitFor(() => {
      expect(ids(a)).toEqual([B, C]);
      expect(ids(b)).toEqual([A, C]);
      expect(ids(c)).toHaveLength(2);
    });
    expect(new Set(ids(c))).toEqual(new Set([A, B]));
  });

  it('nodes starting at the same moment still find each other', async () => {
    const hub = createMemoryHub();
    const all = [A, B, C].map((self) => node(hub.connect(), self));
    for (const network of all) network.start();
    await vi.waitFor(() => {
      for (const network of all) expect(network.peers()).toHaveLength(2);
    });
  });

  it('answers an arrive with a welcome addressed to the newcomer', async () => {
    const hub = createMemoryHub();
    const a = node(hub.connect(), A);
    a.start();
    const { raw, heard } = spy(hub);
    raw.send({ kind: 'arrive', v: 1, from: X, network: DEFAULT_NETWORK });
    await vi.waitFor(() => { expect(heard).toEqual([{ kind: 'welcome', v: 1, from: A, to: X }]); });
    expect(ids(a)).toEqual([X]);
  });

  it('sends arrive on start, only once', async () => {
    const hub = createMemoryHub();
    const { heard } = spy(hub);
    const a = node(hub.connect(), A);
    a.start();
    a.start();
    await drain();
    expect(heard).toEqual([{ kind: 'arrive', v: 1, from: A, network: DEFAULT_NETWORK }]);
    expect(a.logs.join('\n')).toMatch(/start\(\) ignored/);
  });

  it('tracks firstSeen and lastSeen with the injected clock; lastSeen moves silently', async () => {
    const hub = createMemoryHub();
    let time = 100;
    const a = node(hub.connect(), A, { now: () => time });
    const changes: number[] = [];
    a.onPeersChanged((peers) => changes.push(peers.length));
    a.start();
    const { raw } = spy(hub);
    raw.send({ kind: 'arrive', v: 1, from: X, network: DEFAULT_NETWORK });
    await vi.waitFor(() => { expect(a.peers()).toEqual([{ id: X, firstSeen: 100, lastSeen: 100 }]); });
    const before = a.peers();
    time = 250;
    raw.send({ kind: 'chain-request', v: 1, from: X, to: A, requestId: 'q' });
    await vi.waitFor(() => { expect(a.peers()).toEqual([{ id: X, firstSeen: 100, lastSeen: 250 }]); });
    expect(before).toEqual([{ id: X, firstSeen: 100, lastSeen: 100 }]);
    expect(Object.isFrozen(a.peers())).toBe(true);
    expect(changes).toEqual([1]);
  });

  it('leave removes the peer and notifies', async () => {
    const hub = createMemoryHub();
    const a = node(hub.connect(), A);
    const b = node(hub.connect(), B);
    const c = node(hub.connect(), C);
    const seenByA: PeerId[][] = [];
    a.onPeersChanged((peers) => seenByA.push(peers.map((peer) => peer.id)));
    for (const network of [a, b, c]) network.start();
    await vi.waitFor(() => { expect(a.peers()).toHaveLength(2); });
    b.stop();
    await vi.waitFor(() => {
      expect(ids(a)).not.toContain(B);
      expect(ids(c)).not.toContain(B);
    });
    expect(ids(a)).toEqual([C]);
    expect(seenByA.at(-1)).toEqual([C]);
    expect(b.peers()).toEqual([]);
  });

  it('ignores arrives of another network, messages from itself and messages to others', async () => {
    const hub = createMemoryHub();
    const a = node(hub.connect(), A);
    a.start();
    const { raw, heard } = spy(hub);
    raw.send({ kind: 'arrive', v: 1, from: X, network: net('other-class') });
    raw.send({ kind: 'arrive', v: 1, from: A, network: DEFAULT_NETWORK });
    raw.send({ kind: 'welcome', v: 1, from: X, to: Y });
    raw.send({ kind: 'chain-request', v: 1, from: X, to: Y, requestId: 'q' });
    raw.send({ kind: 'chain-response', v: 1, from: X, to: Y, requestId: 'r1', body: '{}' });
    raw.send({ kind: 'leave', v: 1, from: Y });
    await drain();
    expect(a.peers()).toEqual([]);
    expect(heard).toEqual([]);
    expect(a.malformedCount()).toBe(0);
  });

  it('a valid message from an unknown peer of ours marks it seen', async () => {
    const hub = createMemoryHub();
    const a = node(hub.connect(), A);
    a.start();
    const { raw } = spy(hub);
    raw.send({ kind: 'welcome', v: 1, from: X, to: A });
    raw.send({ kind: 'heartbeat', v: 1, from: Y });
    await vi.waitFor(() => { expect(ids(a)).toEqual([X, Y]); });
  });

  it('drops an answer to no request of ours unread, and takes it for no sign of a peer', async () => {
    const hub = createMemoryHub();
    const a = node(hub.connect(), A);
    a.start();
    const { raw } = spy(hub);
    const reasons: string[] = [];
    a.onDropped((_, reason) => reasons.push(reason));
    raw.send({ kind: 'chain-response', v: 1, from: Y, to: A, requestId: 'unknown', body: '{}' });
    await vi.waitFor(() => { expect(a.droppedCount()).toBe(1); });
    expect(reasons).toEqual([`an answer from ${Y.slice(0, 8)} to no request of ours`]);
    expect(ids(a)).toEqual([]);
  });

  it('caps the number of peers so that fake arrivals cannot grow memory without bound', () => {
    const fake = fakeTransport();
    const a = node(fake.transport, A);
    a.start();
    for (let n = 0; n < 1100; n += 1) {
      fake.deliver({ kind: 'arrive', v: 1, from: newPeerId(() => crypto.randomUUID()), network: 'default' });
    }
    expect(a.peers()).toHaveLength(1024);
  });
});

describe('requestChain', () => {
  it('returns the body of the peer asked, for sync and async chainBody', async () => {
    const hub = createMemoryHub();
    const a = node(hub.connect(), A);
    const b = node(hub.connect(), B);
    const c = node(hub.connect(), C, { chainBody: async () => Promise.resolve({ body: bodyOf(C), skipped: 0 }) });
    for (const network of [a, b, c]) network.start();
    await vi.waitFor(() => { expect(a.peers()).toHaveLength(2); });
    const [fromB, fromC] = await Promise.all([a.requestChain(B, 2000), a.requestChain(C, 2000)]);
    expect(fromB).toMatchObject({ ok: true, body: bodyOf(B), skipped: 0 });
    expect(fromC).toMatchObject({ ok: true, body: bodyOf(C), skipped: 0 });
    expect(fromB.ms).toBeGreaterThanOrEqual(0);
  });

  it('passes the requester\'s tip to the answering node, and its answer\'s skipped blocks back', async () => {
    const hub = createMemoryHub();
    const asked: unknown[] = [];
    const a = node(hub.connect(), A);
    const b = node(hub.connect(), B, {
      chainBody: (since) => {
        asked.push(since);
        return since === null ? { body: 'all', skipped: 0 } : { body: 'tail', skipped: since.height };
      },
    });
    a.start();
    b.start();
    await vi.waitFor(() => { expect(ids(a)).toEqual([B]); });
    const since = { height: 3, hash: 'ab'.repeat(32) };
    expect(await a.requestChain(B, 2000, since)).toMatchObject({ ok: true, body: 'tail', skipped: 3 });
    expect(await a.requestChain(B, 2000)).toMatchObject({ ok: true, body: 'all', skipped: 0 });
    expect(asked).toEqual([since, null]);
  });

  it('a silent peer (transport closed without leave) times out within the timeout', async () => {
    const hub = createMemoryHub();
    const a = node(hub.connect(), A);
    const bTransport = hub.connect();
    const b = node(bTransport, B);
    a.start();
    b.start();
    await vi.waitFor(() => { expect(ids(a)).toEqual([B]); });
    bTransport.close();
    const started = Date.now();
    const fetch = await a.requestChain(B, 60);
    const elapsed = Date.now() - started;
    expect(fetch).toMatchObject({ ok: false, reason: 'timeout' });
    expect(elapsed).toBeGreaterThanOrEqual(55);
    expect(elapsed).toBeLessThan(60 + 500);
    // A timeout is not a departure: the node decides what to do with silent peers.
    expect(ids(a)).toEqual([B]);
  });

  it('with injected timers: settles exactly at the timeout, with its duration', async () => {
    const clock = manualClock();
    const fake = fakeTransport();
    const a = node(fake.transport, A, clock);
    a.start();
    let settled = false;
    const fetch = a.requestChain(X, 100).then((result) => {
      settled = true;
      return result;
    });
    expect(clock.armed()).toEqual([100]);
    clock.advance(99);
    await Promise.resolve();
    expect(settled).toBe(false);
    clock.advance(1);
    expect(await fetch).toEqual({ ok: false, reason: 'timeout', ms: 100 });
    expect(clock.armed()).toEqual([]);
  });

  it('clears its timer once answered, and ignores a late duplicate answer', async () => {
    const clock = manualClock();
    const fake = fakeTransport();
    const a = node(fake.transport, A, clock);
    a.start();
    const fetch = a.requestChain(X, 100);
    const request = fake.sent.at(-1);
    if (request?.kind !== 'chain-request') throw new Error('no chain-request sent');
    expect(request).toEqual({ kind: 'chain-request', v: 1, from: A, to: X, requestId: request.requestId });
    clock.advance(30);
    const answer = { kind: 'chain-response', v: 1, from: X, to: A, requestId: request.requestId, body: 'B' };
    fake.deliver(answer);
    fake.deliver({ ...answer, body: 'late duplicate' });
    expect(await fetch).toEqual({ ok: true, body: 'B', skipped: 0, ms: 30 });
    expect(clock.armed()).toEqual([]);
    expect(a.malformedCount()).toBe(0);
  });

  it('treats NaN, negative and infinite timeouts safely', async () => {
    const clock = manualClock();
    const a = node(fakeTransport().transport, A, clock);
    a.start();
    const fetches = [a.requestChain(X, Number.NaN), a.requestChain(X, -5), a.requestChain(X, Infinity)];
    expect(clock.armed()).toEqual([0, 0, 2 ** 31 - 1]);
    clock.advance(0);
    await expect(fetches[0]).resolves.toMatchObject({ reason: 'timeout' });
    await expect(fetches[1]).resolves.toMatchObject({ reason: 'timeout' });
  });

  it('asks with request ids nobody can guess: 128 random bits each, never a counter', () => {
    const fake = fakeTransport();
    const a = node(fake.transport, A);
    a.start();
    for (let n = 0; n < 50; n++) void a.requestChain(X, 1000);
    const requestIds = fake.sent.flatMap((message) => (message.kind === 'chain-request' ? [message.requestId] : []));
    expect(requestIds).toHaveLength(50);
    expect(new Set(requestIds).size).toBe(50);
    for (const requestId of requestIds) expect(requestId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    a.stop();
  });

  it('ignores an answer from a different peer than the one asked', async () => {
    const hub = createMemoryHub();
    const a = node(hub.connect(), A);
    a.start();
    const { raw, heard } = spy(hub);
    const fetch = a.requestChain(X, 2000);
    await vi.waitFor(() => { expect(heard.some((message) => message.kind === 'chain-request')).toBe(true); });
    const request = heard.find((message) => message.kind === 'chain-request');
    if (request?.kind !== 'chain-request') throw new Error('unreachable');
    raw.send({ kind: 'chain-response', v: 1, from: Y, to: A, requestId: request.requestId, body: 'forged' });
    raw.send({ kind: 'chain-response', v: 1, from: X, to: A, requestId: request.requestId, body: 'real' });
    expect(await fetch).toMatchObject({ ok: true, body: 'real' });
    expect(a.malformedCount()).toBe(0);
  });

  it('a peer that leaves resolves its pending fetches with left', async () => {
    const hub = createMemoryHub();
    const a = node(hub.connect(), A);
    // B never finishes computing its body.
    const b = node(hub.connect(), B, { chainBody: () => new Promise<never>(() => undefined) });
    a.start();
    b.start();
    await vi.waitFor(() => { expect(ids(a)).toEqual([B]); });
    const fetch = a.requestChain(B, 10_000);
    await drain();
    b.stop();
    expect(await fetch).toMatchObject({ ok: false, reason: 'left' });
    expect(ids(a)).toEqual([]);
  });

  it('stop resolves pending fetches with closed; before start and after stop it is closed at once', async () => {
    const hub = createMemoryHub();
    const a = node(hub.connect(), A);
    expect(await a.requestChain(B, 1000)).toEqual({ ok: false, reason: 'closed', ms: 0 });
    a.start();
    const fetch = a.requestChain(B, 10_000);
    a.stop();
    expect(await fetch).toMatchObject({ ok: false, reason: 'closed' });
    expect(await a.requestChain(B, 1000)).toEqual({ ok: false, reason: 'closed', ms: 0 });
  });

  it('when chainBody throws, rejects or oversteps the limit, logs and answers nothing', async () => {
    const hub = createMemoryHub();
    const a = node(hub.connect(), A);
    const thrower = node(hub.connect(), B, {
      chainBody: () => {
        throw new Error('storage broken');
      },
    });
    const rejecter = node(hub.connect(), C, { chainBody: () => Promise.reject(new Error('gone')) });
    const huge = node(hub.connect(), X, { chainBody: () => ({ body: 'x'.repeat(MAX_CHAIN_CHARS + 1), skipped: 0 }) });
    for (const network of [a, thrower, rejecter, huge]) network.start();
    await vi.waitFor(() => { expect(a.peers()).toHaveLength(3); });
    const results = await Promise.all([B, C, X].map((peer) => a.requestChain(peer, 80)));
    for (const result of results) expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    expect(thrower.logs.join('\n')).toMatch(/chainBody failed: Error: storage broken/);
    expect(rejecter.logs.join('\n')).toMatch(/chainBody failed: Error: gone/);
    expect(huge.logs.join('\n')).toMatch(/size limit/);
  });
});

describe('announcements', () => {
  const tip = (height: number) => ({ kind: 'tip', height, hash: height.toString(16).padStart(64, '0') }) as const;
  const rules = {
    kind: 'rules',
    rules: { rule: 'bound', difficulty: 3, genesis: 'shared', strict: false, balances: false, autoResolve: true },
    schedule: [
      { from: 1, rule: 'tutorial', difficulty: 3, strict: false, balances: false },
      { from: 4, rule: 'bound', difficulty: 3, strict: false, balances: false },
    ],
    clock: { epoch: 1, at: 5, by: A },
  } as const;

  it('broadcasts a tip to every peer, which hears it with its sender', async () => {
    const hub = createMemoryHub();
    const a = node(hub.connect(), A);
    const b = node(hub.connect(), B);
    const c = node(hub.connect(), C);
    const heardByB: unknown[] = [];
    const heardByC: unknown[] = [];
    b.onAnnouncement((from, announcement) => heardByB.push([from, announcement]));
    c.onAnnouncement((from, announcement) => heardByC.push([from, announcement]));
    for (const network of [a, b, c]) network.start();
    await drain();
    a.announce(tip(2));
    await vi.waitFor(() => {
      expect(heardByB).toEqual([[A, tip(2)]]);
      expect(heardByC).toEqual([[A, tip(2)]]);
    });
  });

  it('greets each newly discovered peer, and only that peer, with the greeting', async () => {
    const hub = createMemoryHub();
    const a = node(hub.connect(), A, { greeting: () => [tip(7), rules] });
    a.start();
    const { raw, heard } = spy(hub);
    raw.send({ kind: 'arrive', v: 1, from: X, network: DEFAULT_NETWORK });
    await vi.waitFor(() => {
      expect(heard).toEqual([
        { ...tip(7), v: 1, from: A, to: X },
        { ...rules, v: 1, from: A, to: X },
        { kind: 'welcome', v: 1, from: A, to: X },
      ]);
    });
    raw.send({ kind: 'arrive', v: 1, from: X, network: DEFAULT_NETWORK });
    await drain();
    expect(heard.filter((message) => message.kind === 'tip')).toHaveLength(1);
  });

  it('ignores announcements addressed to another node and its own', async () => {
    const hub = createMemoryHub();
    const a = node(hub.connect(), A);
    const heard: unknown[] = [];
    a.onAnnouncement((from, announcement) => heard.push([from, announcement]));
    a.start();
    const { raw } = spy(hub);
    raw.send({ ...tip(3), v: 1, from: X, to: Y });
    raw.send({ ...tip(4), v: 1, from: A });
    raw.send({ ...rules, v: 1, from: X, to: A });
    await drain();
    expect(heard).toEqual([[X, rules]]);
  });

  it('a throwing greeting is logged and discovery still works', async () => {
    const hub = createMemoryHub();
    const a = node(hub.connect(), A, {
      greeting: () => {
        throw new Error('boom');
      },
    });
    a.start();
    const { raw } = spy(hub);
    raw.send({ kind: 'arrive', v: 1, from: X, network: DEFAULT_NETWORK });
    await vi.waitFor(() => { expect(ids(a)).toEqual([X]); });
    expect(a.logs.some((line) => line.includes('greeting failed: Error: boom'))).toBe(true);
  });

  it('announces nothing before start or after stop', async () => {
    const hub = createMemoryHub();
    const { heard } = spy(hub);
    const a = node(hub.connect(), A);
    a.announce(tip(2));
    a.start();
    a.stop();
    a.announce(tip(3));
    await drain();
    expect(heard.map((message) => message.kind)).toEqual(['arrive', 'leave']);
  });
});

describe('observers (the network view)', () => {
  const tip = (height: number) => ({ kind: 'tip', height, hash: height.toString(16).padStart(64, '0') }) as const;

  /** An observer: it holds no chain, and asks each tab it discovers to tell it its state. */
  function observer(transport: Transport, self: PeerId): PeerNetwork {
    const network = createPeerNetwork({
      self,
      network: DEFAULT_NETWORK,
      transport,
      role: 'observer',
      greeting: () => [{ kind: 'observe' }],
    });
    cleanups.push(() => { network.stop(); });
    return network;
  }

  it('a tab answers an observe with its greeting, to the observer only, and never counts it as a peer', async () => {
    const hub = createMemoryHub();
    const a = node(hub.connect(), A, { greeting: () => [tip(7)] });
    const heardByA: unknown[] = [];
    a.onAnnouncement((from, announcement) => heardByA.push([from, announcement]));
    a.start();
    const { raw, heard } = spy(hub);
    raw.send({ kind: 'observe', v: 1, from: X });
    await vi.waitFor(() => { expect(heard).toEqual([{ ...tip(7), v: 1, from: A, to: X }]); });

    // Asking for the chain, announcing rules or a reset: heard and answered, still not a peer.
    raw.send({ kind: 'chain-request', v: 1, from: X, to: A, requestId: 'r1' });
    const reset = {
      kind: 'reset',
      rules: { rule: 'tutorial', difficulty: 4, genesis: 'node', strict: false, balances: false, autoResolve: false },
      clock: { epoch: 1, at: 5, by: X },
    } as const;
    raw.send({ ...reset, v: 1, from: X });
    await vi.waitFor(() => { expect(heard.map((message) => message.kind)).toEqual(['tip', 'chain-response']); });
    await vi.waitFor(() => { expect(heardByA).toEqual([[X, reset]]); });
    expect(ids(a)).toEqual([]);

    // An observe addressed to another tab is not for A.
    raw.send({ kind: 'observe', v: 1, from: Y, to: B });
    await drain();
    expect(heard).toHaveLength(2);
  });

  it('a tab knows whether an observer listens, until it leaves', async () => {
    const hub = createMemoryHub();
    const a = node(hub.connect(), A);
    a.start();
    expect(a.observed()).toBe(false);
    const o = observer(hub.connect(), X);
    o.start();
    await vi.waitFor(() => { expect(a.observed()).toBe(true); });
    o.stop();
    await vi.waitFor(() => { expect(a.observed()).toBe(false); });
  });

  it('watches every tab without becoming a peer of any, hears their announcements and fetches their chains', async () => {
    const hub = createMemoryHub();
    const a = node(hub.connect(), A, { greeting: () => [tip(2)] });
    const b = node(hub.connect(), B, { greeting: () => [tip(3)] });
    a.start();
    b.start();
    await drain();
    const o = observer(hub.connect(), X);
    const heardByO: unknown[] = [];
    o.onAnnouncement((from, announcement) => heardByO.push([from, announcement]));
    o.start();
    await vi.waitFor(() => {
      expect(ids(o)).toEqual([A, B]);
      expect(heardByO).toEqual(expect.arrayContaining([[A, tip(2)], [B, tip(3)]]));
    });
    const fetched = await o.requestChain(B, 1000);
    expect(fetched).toMatchObject({ ok: true, body: bodyOf(B) });
    a.announce(tip(4));
    await vi.waitFor(() => { expect(heardByO).toContainEqual([A, tip(4)]); });
    expect(ids(a)).toEqual([B]);
    expect(ids(b)).toEqual([A]);
  });

  it('asks a tab that arrives after it for its state, without welcoming it, and drops it when it leaves', async () => {
    const hub = createMemoryHub();
    const o = observer(hub.connect(), X);
    const heardByO: unknown[] = [];
    o.onAnnouncement((from, announcement) => heardByO.push([from, announcement]));
    o.start();
    await drain();
    const a = node(hub.connect(), A, { greeting: () => [tip(5)] });
    a.start();
    await vi.waitFor(() => { expect(heardByO).toEqual([[A, tip(5)]]); });
    expect(ids(o)).toEqual([A]);
    expect(ids(a)).toEqual([]);
    a.stop();
    await vi.waitFor(() => { expect(ids(o)).toEqual([]); });
  });

  it('overhears announcements addressed to other tabs, and never lists another observer', async () => {
    const hub = createMemoryHub();
    const o = observer(hub.connect(), X);
    const heardByO: unknown[] = [];
    o.onAnnouncement((from, announcement) => heardByO.push([from, announcement]));
    o.start();
    const other = observer(hub.connect(), Y);
    other.start();
    const { raw } = spy(hub);
    raw.send({ ...tip(9), v: 1, from: B, to: C });
    await vi.waitFor(() => { expect(heardByO).toEqual([[B, tip(9)]]); });
    expect(ids(o)).toEqual([B]);
    expect(ids(other)).toEqual([B]);
  });
});

describe('stop', () => {
  it('sends leave, closes the transport, forgets peers and notifies once', async () => {
    const hub = createMemoryHub();
    const { heard } = spy(hub);
    const transport = hub.connect();
    const a = node(transport, A);
    a.start();
    const { raw } = spy(hub);
    raw.send({ kind: 'arrive', v: 1, from: X, network: DEFAULT_NETWORK });
    await vi.waitFor(() => { expect(ids(a)).toEqual([X]); });
    const changes: number[] = [];
    a.onPeersChanged((peers) => changes.push(peers.length));
    a.stop();
    a.stop();
    await drain();
    expect(heard.filter((message) => message.kind === 'leave')).toEqual([{ kind: 'leave', v: 1, from: A }]);
    expect(a.peers()).toEqual([]);
    expect(changes).toEqual([0]);
    // The transport is closed: sending through it is a no-op.
    const before = heard.length;
    transport.send({ kind: 'leave', v: 1, from: A });
    await drain();
    expect(heard).toHaveLength(before);
  });
});

const malformedCorpus: readonly [string, unknown][] = [
  ['null', null],
  ['undefined', undefined],
  ['a number', 42],
  ['NaN', Number.NaN],
  ['a bigint', 10n],
  ['a string', 'arrive'],
  ['JSON text of a valid message', JSON.stringify({ kind: 'arrive', v: 1, from: X, network: 'default' })],
  ['an array', [{ kind: 'arrive', v: 1, from: X, network: 'default' }]],
  ['an empty object', {}],
  ['a wrong kind', { kind: 'hello', v: 1, from: X }],
  ['a kind with other case', { kind: 'Arrive', v: 1, from: X, network: 'default' }],
  ['a missing from', { kind: 'arrive', v: 1, network: 'default' }],
  ['a missing network', { kind: 'arrive', v: 1, from: X }],
  ['a missing v', { kind: 'arrive', from: X, network: 'default' }],
  ['v: 2', { kind: 'arrive', v: 2, from: X, network: 'default' }],
  ['an extra field', { kind: 'arrive', v: 1, from: X, network: 'default', admin: true }],
  ['a numeric from', { kind: 'welcome', v: 1, from: 7, to: A }],
  ['a dashed to', { kind: 'welcome', v: 1, from: X, to: 'aaaaaaaa-aaaa-4aaa-aaaa-aaaaaaaaaaaa' }],
  ['a network that is not a name', { kind: 'arrive', v: 1, from: X, network: '../etc' }],
  ['an object body', { kind: 'chain-response', v: 1, from: X, to: A, requestId: 'r1', body: { chain: [] } }],
  ['a huge body', { kind: 'chain-response', v: 1, from: X, to: A, requestId: 'r1', body: 'x'.repeat(MAX_CHAIN_CHARS + 1) }],
  ['a huge requestId', { kind: 'chain-request', v: 1, from: X, to: A, requestId: 'r'.repeat(10_000) }],
  ['a Map', new Map([['kind', 'arrive']])],
  ['a Date', new Date(0)],
  ['a typed array', new Uint8Array(16)],
  ['a function', () => ({ kind: 'leave', v: 1, from: X })],
  ['a symbol', Symbol('arrive')],
  ['__proto__ from JSON', JSON.parse(`{"__proto__": {"kind": "leave", "v": 1, "from": "${X}"}}`) as unknown],
  ['__proto__ beside a valid message', JSON.parse(`{"kind": "arrive", "v": 1, "from": "${X}", "network": "default", "__proto__": {"isAdmin": true}}`) as unknown],
  ['constructor.prototype', { kind: 'leave', v: 1, from: X, constructor: { prototype: { isAdmin: true } } }],
  ['an inherited valid message', Object.create({ kind: 'arrive', v: 1, from: X, network: 'default' }) as unknown],
];

describe('malformed input', () => {
  it.each(malformedCorpus)('%s: counted, reported, no throw, no state change, no reply', (_, data) => {
    const fake = fakeTransport();
    const a = node(fake.transport, A);
    const reports: [number, string][] = [];
    a.onMalformed((count, error) => reports.push([count, error]));
    a.start();
    fake.deliver({ kind: 'arrive', v: 1, from: B, network: 'default' });
    const peersBefore = a.peers();
    const sentBefore = fake.sent.length;
    expect(() => { fake.deliver(data); }).not.toThrow();
    expect(a.malformedCount()).toBe(1);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.[0]).toBe(1);
    expect(reports[0]?.[1]).toMatch(/^[^\n]{1,300}$/);
    expect(a.peers()).toBe(peersBefore);
    expect(fake.sent).toHaveLength(sentBefore);
    expect(Reflect.get({}, 'isAdmin')).toBeUndefined();
    expect(Reflect.get({}, 'kind')).toBeUndefined();
  });

  it('the cloneable part of the corpus, sent over the memory hub, is counted the same way', async () => {
    const hub = createMemoryHub();
    const a = node(hub.connect(), A);
    a.start();
    const { raw } = spy(hub);
    const cloneable = malformedCorpus.filter(([, data]) => {
      try {
        structuredClone(data);
        return true;
      } catch {
        return false;
      }
    });
    for (const [, data] of cloneable) raw.sendUnknown(data);
    await vi.waitFor(() => { expect(a.malformedCount()).toBe(cloneable.length); });
    expect(a.peers()).toEqual([]);
  });

  it('a throwing onMalformed or onPeersChanged listener is logged, not thrown', () => {
    const fake = fakeTransport();
    const a = node(fake.transport, A);
    a.onMalformed(() => {
      throw new Error('bad malformed listener');
    });
    a.onPeersChanged(() => {
      throw new Error('bad peers listener');
    });
    a.start();
    expect(() => { fake.deliver(null); }).not.toThrow();
    expect(() => { fake.deliver({ kind: 'arrive', v: 1, from: B, network: 'default' }); }).not.toThrow();
    expect(ids(a)).toEqual([B]);
    expect(a.logs.join('\n')).toMatch(/bad malformed listener[\s\S]*bad peers listener/);
  });

  it('unsubscribed listeners are not called', () => {
    const fake = fakeTransport();
    const a = node(fake.transport, A);
    const calls: number[] = [];
    const off = a.onMalformed((count) => calls.push(count));
    a.start();
    fake.deliver(1);
    off();
    fake.deliver(2);
    expect(calls).toEqual([1]);
    expect(a.malformedCount()).toBe(2);
  });
});

describe('properties', () => {
  const { validMessage, mutation, anything } = peerMessageArbitraries(A);

  /** One network fed synchronously; checks the invariants around a single delivery. */
  function harness(): { check: (data: unknown) => void; network: PeerNetwork; counted: () => number } {
    const fake = fakeTransport();
    const network = node(fake.transport, A);
    let reported = 0;
    network.onMalformed(() => {
      reported += 1;
    });
    network.start();
    fake.deliver({ kind: 'arrive', v: 1, from: B, network: 'default' });
    return {
      network,
      counted: () => reported,
      check(data) {
        const peersBefore = network.peers();
        const malformedBefore = network.malformedCount();
        const sentBefore = fake.sent.length;
        expect(() => { fake.deliver(data); }).not.toThrow();
        if (parsePeerMessage(data).ok) {
          expect(network.malformedCount()).toBe(malformedBefore);
        } else {
          expect(network.malformedCount()).toBe(malformedBefore + 1);
          expect(network.peers()).toBe(peersBefore);
          expect(fake.sent.length).toBe(sentBefore);
        }
        expect(Reflect.get({}, 'kind')).toBeUndefined();
      },
    };
  }

  it('fc.anything(): never throws; invalid data is counted and changes nothing', () => {
    const { check, network, counted } = harness();
    fc.assert(fc.property(anything, (data) => { check(data); }), { numRuns: 3000 });
    expect(counted()).toBe(network.malformedCount());
    expect(network.malformedCount()).toBeGreaterThan(2900);
  });

  it('mutated valid messages: never throw; structural breakage is always counted', () => {
    const { check, network, counted } = harness();
    fc.assert(
      fc.property(validMessage, mutation, (message, { guaranteedInvalid, apply }) => {
        expect(parsePeerMessage(message).ok).toBe(true);
        const mutated = apply(message);
        if (guaranteedInvalid) expect(parsePeerMessage(mutated).ok).toBe(false);
        check(mutated);
      }),
      { numRuns: 3000 },
    );
    expect(counted()).toBe(network.malformedCount());
    expect(network.peers().length).toBeLessThanOrEqual(1024);
  });

  it('valid messages in any order never throw and keep peers() consistent', () => {
    const fake = fakeTransport();
    const other = node(fake.transport, A);
    other.start();
    fc.assert(
      fc.property(fc.array(validMessage, { maxLength: 50 }), (messages) => {
        for (const message of messages) expect(() => { fake.deliver(message); }).not.toThrow();
        const list = ids(other);
        expect(new Set(list).size).toBe(list.length);
        expect(list).not.toContain(A);
        expect(other.malformedCount()).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('heartbeats', () => {
  /** Timers and clock driven by hand; message deliveries still run on the hub's own queue. */
  function timed() {
    let now = 0;
    let timers: { at: number; fn: () => void; handle: number }[] = [];
    let handles = 0;
    const extra: Partial<PeerNetworkOptions> = {
      now: () => now,
      setTimeout: (fn, ms) => {
        handles += 1;
        timers.push({ at: now + ms, fn, handle: handles });
        return handles;
      },
      clearTimeout: (handle) => {
        timers = timers.filter((timer) => timer.handle !== handle);
      },
      heartbeat: { everyMs: 2000, goneAfterMs: 7000 },
    };
    const advance = async (ms: number) => {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((timer) => timer !== due);
        now = due.at;
        due.fn();
        await drain();
      }
      now = until;
    };
    return { extra, advance };
  }

  it('a node says it is here every few seconds, and takes a silent peer for gone', async () => {
    const hub = createMemoryHub();
    const clock = timed();
    const a = node(hub.connect(), A, clock.extra);
    a.start();
    const { raw, heard } = spy(hub);
    raw.send({ kind: 'arrive', v: 1, from: X, network: DEFAULT_NETWORK });
    await drain();
    expect(ids(a)).toEqual([X]);
    await clock.advance(2000);
    expect(heard.filter((message) => message.kind === 'heartbeat' && message.from === A)).toHaveLength(1);
    // X keeps beating: it stays.
    for (let i = 0; i < 4; i++) {
      raw.send({ kind: 'heartbeat', v: 1, from: X });
      await drain();
      await clock.advance(2000);
    }
    expect(ids(a)).toEqual([X]);
    // X falls silent (a crashed tab, a laptop asleep): gone within the bound.
    await clock.advance(8000);
    expect(ids(a)).toEqual([]);
  });

  it('a peer heard again after it was taken for gone is asked for its state, and told ours', async () => {
    const hub = createMemoryHub();
    const clock = timed();
    const a = node(hub.connect(), A, { ...clock.extra, greeting: () => [{ kind: 'tip', height: 3, hash: 'ab'.repeat(32) }] });
    a.start();
    const { raw, heard } = spy(hub);
    raw.send({ kind: 'heartbeat', v: 1, from: X });
    await drain();
    expect(ids(a)).toEqual([X]);
    // Met through a broadcast, not an arrival: A greets X and asks X alone for its state.
    expect(heard).toContainEqual({ kind: 'tip', v: 1, from: A, to: X, height: 3, hash: 'ab'.repeat(32) });
    expect(heard).toContainEqual({ kind: 'arrive', v: 1, from: A, network: DEFAULT_NETWORK, to: X });
    heard.length = 0;
    // A peer asked that way greets again even though it knows the asker already.
    raw.send({ kind: 'arrive', v: 1, from: X, network: DEFAULT_NETWORK, to: A });
    await drain();
    expect(heard.map((message) => message.kind)).toEqual(['tip', 'welcome']);
    // An arrival addressed to another node is not ours to answer.
    heard.length = 0;
    raw.send({ kind: 'arrive', v: 1, from: Y, network: DEFAULT_NETWORK, to: X });
    await drain();
    expect(heard).toEqual([]);
    expect(ids(a)).toEqual([X]);
  });

  it('an observer that falls silent is forgotten: stats are no longer sent for it', async () => {
    const hub = createMemoryHub();
    const clock = timed();
    const a = node(hub.connect(), A, clock.extra);
    a.start();
    const { raw } = spy(hub);
    raw.send({ kind: 'observe', v: 1, from: X });
    await drain();
    expect(a.observed()).toBe(true);
    await clock.advance(10_000);
    expect(a.observed()).toBe(false);
    expect(ids(a)).toEqual([]);
  });
});

describe('a link to a broker that comes back', () => {
  function linkedTransport(hub: MemoryHub): {
    transport: Transport;
    setPhase: (phase: 'connected' | 'reconnecting') => void;
    countForged: () => void;
  } {
    const inner = hub.connect();
    let phase: 'connecting' | 'connected' | 'reconnecting' = 'connecting';
    let forged = 0;
    const changed = new Set<() => void>();
    return {
      transport: {
        send: (message) => { inner.send(message); },
        onMessage: (listener) => inner.onMessage(listener),
        link: () => ({ url: 'ws://broker/mqtt', phase, problem: null, forged, dropped: 0, lost: 0 }),
        onLinkChange: (listener) => {
          changed.add(listener);
          return () => { changed.delete(listener); };
        },
        close: () => { inner.close(); },
      },
      setPhase: (next) => {
        phase = next;
        for (const listener of changed) listener();
      },
      countForged: () => {
        forged += 1;
        for (const listener of changed) listener();
      },
    };
  }

  it('after a loss, says its greeting to everyone again and asks each peer it knows for its state; the first connection does neither', async () => {
    const hub = createMemoryHub();
    const { transport, setPhase } = linkedTransport(hub);
    const a = node(transport, A, { greeting: () => [{ kind: 'tip', height: 3, hash: 'ab'.repeat(32) }] });
    a.start();
    const { raw, heard } = spy(hub);
    raw.send({ kind: 'arrive', v: 1, from: X, network: DEFAULT_NETWORK });
    raw.send({ kind: 'arrive', v: 1, from: Y, network: DEFAULT_NETWORK });
    await drain();
    expect(ids(a).sort()).toEqual([X, Y]);
    setPhase('connected');
    await drain();
    heard.length = 0;

    // Within the heartbeat's grace, X and Y are still known: only this tells them, and us, what was missed.
    setPhase('reconnecting');
    setPhase('connected');
    await drain();
    expect(heard.filter((message) => message.kind === 'tip')).toEqual([{ kind: 'tip', v: 1, from: A, height: 3, hash: 'ab'.repeat(32) }]);
    expect(heard.filter((message) => message.kind === 'arrive')).toEqual([
      { kind: 'arrive', v: 1, from: A, network: DEFAULT_NETWORK, to: X },
      { kind: 'arrive', v: 1, from: A, network: DEFAULT_NETWORK, to: Y },
    ]);

    // Stopped, a link that comes back says nothing.
    a.stop();
    heard.length = 0;
    setPhase('reconnecting');
    setPhase('connected');
    await drain();
    expect(heard.filter((message) => message.kind !== 'leave')).toEqual([]);
  });

  it('a forged or dropped message counted on a link that stays connected is no return: the node says nothing for it', async () => {
    const hub = createMemoryHub();
    const { transport, setPhase, countForged } = linkedTransport(hub);
    const a = node(transport, A, { greeting: () => [{ kind: 'tip', height: 3, hash: 'ab'.repeat(32) }] });
    a.start();
    const { raw, heard } = spy(hub);
    raw.send({ kind: 'arrive', v: 1, from: X, network: DEFAULT_NETWORK });
    setPhase('connected');
    await drain();
    heard.length = 0;
    // A prankster's lies change the link's counts, a thousand times: none of them may cost a greeting.
    for (let n = 0; n < 1000; n++) countForged();
    await drain();
    expect(heard).toEqual([]);
  });
});

describe('presence a transport knows', () => {
  it('a peer present is asked for its state; one gone is forgotten at once, whatever it last said', async () => {
    const hub = createMemoryHub();
    const inner = hub.connect();
    let tell: (peer: PeerId, present: boolean) => void = () => undefined;
    const transport: Transport = {
      send: (message) => { inner.send(message); },
      onMessage: (listener) => inner.onMessage(listener),
      onPresence: (listener) => {
        tell = listener;
        return () => { tell = () => undefined; };
      },
      close: () => { inner.close(); },
    };
    const a = node(transport, A);
    a.start();
    const { heard } = spy(hub);
    tell(X, true);
    await drain();
    expect(ids(a)).toEqual([X]);
    expect(heard).toContainEqual({ kind: 'arrive', v: 1, from: A, network: DEFAULT_NETWORK, to: X });
    tell(X, false);
    expect(ids(a)).toEqual([]);
    // Its own presence is no news.
    tell(A, true);
    expect(ids(a)).toEqual([]);
  });
});
