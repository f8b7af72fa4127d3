import { connectAsync, type MqttClient } from 'mqtt';
import type { AedesPublishPacket, Client } from 'aedes';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { startTestBroker, type RunningBroker } from '../../server/broker-server.test-suite';
import { MESSAGE_ERROR_KIND } from './broadcast-channel-transport';
import { fakeTimers } from './fake-timers.test-suite';
import { networkNameSchema, newPeerId, type NetworkName, type PeerId } from './ids';
import { MAX_CHAIN_CHARS, MAX_QUEUED_BYTES, MAX_QUEUED_MESSAGES, MQTT_PIECE_BYTES, PARTIAL_MESSAGE_IDLE_MS } from './limits';
import { parsePeerMessage, type PeerMessage } from './messages';
import { PIECE_DATA_BYTES, payloadsOf } from './mqtt-pieces';
import { broadcastTopic, directTopic, presenceTopic } from './mqtt-topics';
import { backoffMs, createMqttTransport, type MqttConnectionState, type MqttTransport, type MqttTransportOptions } from './mqtt-transport';
import { runTransportContract, type TrioIds } from './transport-contract.test-suite';

let broker: RunningBroker;
beforeAll(async () => {
  broker = await startTestBroker();
});
afterAll(async () => {
  await broker.stop();
});

const newId = (): PeerId => newPeerId(() => crypto.randomUUID());
const newNetwork = (): NetworkName => networkNameSchema.parse(`mqtt-${crypto.randomUUID()}`);

/** Resolves with the first state that `accept` takes, the current one included. */
function stateWhere(transport: MqttTransport, accept: (state: MqttConnectionState) => boolean, timeout = 5000): Promise<MqttConnectionState> {
  return new Promise((resolve, reject) => {
    if (accept(transport.state())) {
      resolve(transport.state());
      return;
    }
    const timer = setTimeout(() => { reject(new Error(`state still ${JSON.stringify(transport.state())}`)); }, timeout);
    const off = transport.onStateChange((state) => {
      if (!accept(state)) return;
      clearTimeout(timer);
      off();
      resolve(state);
    });
  });
}

const connected = (transport: MqttTransport, timeout?: number) => stateWhere(transport, (state) => state.phase === 'connected', timeout);

function record(transport: MqttTransport): unknown[] {
  const got: unknown[] = [];
  transport.onMessage((data) => got.push(data));
  return got;
}

const stats = (from: PeerId, pending: number): PeerMessage => ({ kind: 'stats', v: 1, from, pending, mining: false });

runTransportContract(
  'MQTT through aedes',
  async (channel, ids: TrioIds) => {
    const network = networkNameSchema.parse(channel);
    // Each endpoint listens as a node does from its start: the transport subscribes only then.
    const make = (self: PeerId) => {
      const transport = createMqttTransport({ url: broker.url, network, self });
      transport.onMessage(() => undefined);
      return transport;
    };
    const trio = { a: make(ids.a), b: make(ids.b), c: make(ids.c) };
    await Promise.all([connected(trio.a), connected(trio.b), connected(trio.c)]);
    return trio;
  },
  { json: true },
);

interface Node {
  readonly id: PeerId;
  readonly transport: MqttTransport;
  readonly got: unknown[];
}

/** Every publication the broker routes from a client until the test ends: what went over the wire. */
function wire(): { topic: string; bytes: number }[] {
  const seen: { topic: string; bytes: number }[] = [];
  const watch = (packet: AedesPublishPacket, client: Client | null): void => {
    if (client !== null) seen.push({ topic: packet.topic, bytes: packet.payload.length });
  };
  broker.broker.aedes.on('publish', watch);
  onTestFinished(() => { broker.broker.aedes.off('publish', watch); });
  return seen;
}

describe('MQTT transport', () => {
  const opened: MqttTransport[] = [];
  const raws: MqttClient[] = [];
  const start = (network: NetworkName, options: Partial<MqttTransportOptions> = {}, url = broker.url): Node => {
    const id = newId();
    const transport = createMqttTransport({ url, network, self: id, ...options });
    opened.push(transport);
    return { id, transport, got: record(transport) };
  };
  const open = async (network: NetworkName, options: Partial<MqttTransportOptions> = {}): Promise<Node> => {
    const node = start(network, options);
    await connected(node.transport);
    return node;
  };
  /** A client that speaks MQTT without the transport: a hostile or foreign node. */
  const raw = async (clientId: PeerId): Promise<MqttClient> => {
    const client = await connectAsync(broker.url, { clientId, reconnectPeriod: 0 });
    raws.push(client);
    return client;
  };

  afterEach(async () => {
    for (const transport of opened.splice(0)) transport.close();
    await Promise.all(raws.splice(0).map((client) => client.endAsync(true)));
  });

  it('says who is online: a node that connects hears every node present at once, and when one leaves or dies', async () => {
    const network = newNetwork();
    const a = await open(network);
    const watcher = await open(network, { presence: false });
    const b = start(network);
    const seen: [PeerId, boolean][] = [];
    b.transport.onPresence?.((peer, present) => seen.push([peer, present]));
    await connected(b.transport);
    // A's retained record reached B as soon as B subscribed; the watching view left none.
    await vi.waitFor(() => { expect(seen).toContainEqual([a.id, true]); });
    expect(seen.some(([peer]) => peer === watcher.id)).toBe(false);
    // A says goodbye: its record is cleared.
    a.transport.close();
    await vi.waitFor(() => { expect(seen).toContainEqual([a.id, false]); });
    // A node whose connection dies without a goodbye: the broker's last will says it is gone.
    const crashed = newId();
    const client = await connectAsync(broker.url, {
      clientId: crashed,
      reconnectPeriod: 0,
      will: { topic: presenceTopic(network, crashed), payload: Buffer.alloc(0), qos: 0, retain: true },
    });
    await client.publishAsync(presenceTopic(network, crashed), JSON.stringify({ present: true }), { retain: true });
    await vi.waitFor(() => { expect(seen).toContainEqual([crashed, true]); });
    client.stream.destroy();
    await vi.waitFor(() => { expect(seen).toContainEqual([crashed, false]); }, { timeout: 5000 });
    // Presence is not a message: nothing of it reached B's message listeners.
    expect(b.got).toEqual([]);
  });

  it('a directed message reaches only its addressee', async () => {
    const network = newNetwork();
    const [a, b, c] = [await open(network), await open(network), await open(network)];
    const welcome: PeerMessage = { kind: 'welcome', v: 1, from: a.id, to: b.id };
    a.transport.send(welcome);
    a.transport.send(stats(a.id, 1));
    await vi.waitFor(() => { expect(b.got).toHaveLength(2); });
    await vi.waitFor(() => { expect(c.got).toHaveLength(1); });
    expect(b.got).toEqual([welcome, stats(a.id, 1)]);
    expect(c.got).toEqual([stats(a.id, 1)]);
  });

  it('drops its own messages, which the broker sends back, without counting them', async () => {
    const network = newNetwork();
    const seen = wire();
    const [a, b] = [await open(network), await open(network)];
    for (let n = 0; n < 3; n++) a.transport.send(stats(a.id, n));
    await vi.waitFor(() => { expect(b.got).toHaveLength(3); });
    expect(seen.filter((publication) => publication.topic === broadcastTopic(network, a.id))).toHaveLength(3);
    expect(a.got).toEqual([]);
    expect(a.transport.droppedCount()).toBe(0);
    expect(a.transport.forgedCount()).toBe(0);
  });

  it('drops and counts a message whose `from` is not the node whose topic it came on', async () => {
    const network = newNetwork();
    const b = await open(network);
    const forged: [number, string][] = [];
    b.transport.onForged((count, reason) => forged.push([count, reason]));
    let linkChanges = 0;
    b.transport.onLinkChange(() => { linkChanges += 1; });
    const mallory = newId();
    const victim = newId();
    const client = await raw(mallory);
    await client.publishAsync(broadcastTopic(network, mallory), JSON.stringify(stats(victim, 1)));
    await client.publishAsync(directTopic(network, b.id, mallory), JSON.stringify({ kind: 'welcome', v: 1, from: 7, to: b.id }));
    await client.publishAsync(broadcastTopic(network, mallory), JSON.stringify(stats(mallory, 2)));
    await vi.waitFor(() => { expect(b.got).toHaveLength(1); });
    expect(b.got).toEqual([stats(mallory, 2)]);
    expect(b.transport.forgedCount()).toBe(2);
    expect(forged).toEqual([
      [1, `a message from ${mallory} claimed to come from ${victim}`],
      [2, `a message from ${mallory} claimed to come from number`],
    ]);
    expect(b.transport.link()).toMatchObject({ phase: 'connected', problem: null, forged: 2, dropped: 0, lost: 0 });
    expect(linkChanges).toBe(2);
  });

  it('hands bytes that are not JSON on as a stand-in that the message parser refuses', async () => {
    const network = newNetwork();
    const b = await open(network);
    const mallory = newId();
    const client = await raw(mallory);
    await client.publishAsync(broadcastTopic(network, mallory), Buffer.from([0x7b, 0xff, 0xfe]));
    await client.publishAsync(broadcastTopic(network, mallory), 'not json');
    await vi.waitFor(() => { expect(b.got).toHaveLength(2); });
    expect(b.got).toEqual([{ kind: MESSAGE_ERROR_KIND }, { kind: MESSAGE_ERROR_KIND }]);
    expect(parsePeerMessage(b.got[0]).ok).toBe(false);
  });

  it('a 5 MiB chain answer crosses in pieces of at most 256 KiB and is put back together', async () => {
    const network = newNetwork();
    const seen = wire();
    const [a, b] = [await open(network), await open(network)];
    const body = `{"chain": [${'{"index": 1, "proof": 35293}, '.repeat(5 * 1024 * 1024 / 30)}], "length": 1}`;
    const answer: PeerMessage = { kind: 'chain-response', v: 1, from: a.id, to: b.id, requestId: 'r1', body };
    a.transport.send(answer);
    await vi.waitFor(() => { expect(b.got).toHaveLength(1); }, { timeout: 10_000 });
    expect(b.got[0]).toEqual(answer);
    const pieces = seen.filter((publication) => publication.topic === directTopic(network, b.id, a.id));
    const bytes = new TextEncoder().encode(JSON.stringify(answer)).length;
    expect(pieces).toHaveLength(Math.ceil(bytes / PIECE_DATA_BYTES));
    expect(Math.max(...pieces.map((piece) => piece.bytes))).toBeLessThanOrEqual(MQTT_PIECE_BYTES);
  });

  it('a chain answer at the limit crosses too', async () => {
    const network = newNetwork();
    const [a, b] = [await open(network), await open(network)];
    const block = '{"index": 1, "proof": 35293}, ';
    const head = '{"chain": [';
    const tail = '], "length": 1}';
    const body = `${head}${block.repeat(Math.floor((MAX_CHAIN_CHARS - head.length - tail.length) / block.length))}${tail}`.padEnd(MAX_CHAIN_CHARS, ' ');
    expect(body).toHaveLength(MAX_CHAIN_CHARS);
    a.transport.send({ kind: 'chain-response', v: 1, from: a.id, to: b.id, requestId: 'r1', body });
    await vi.waitFor(() => { expect(b.got).toHaveLength(1); }, { timeout: 20_000 });
    const parsed = parsePeerMessage(b.got[0]);
    expect(parsed.ok && parsed.message.kind === 'chain-response' && parsed.message.body === body).toBe(true);
  });

  it('a message too large for any piece count is not sent, and is counted as lost', async () => {
    const network = newNetwork();
    const a = await open(network);
    const lost: string[] = [];
    a.transport.onLost((_, reason) => lost.push(reason));
    // Every quote doubles in JSON: 34 Mi quotes pass the largest message's 64 MiB.
    a.transport.send({ kind: 'chain-response', v: 1, from: a.id, to: newId(), requestId: 'r1', body: '"'.repeat(34 * 1024 * 1024) });
    expect(a.transport.lostCount()).toBe(1);
    expect(lost[0]).toMatch(/larger than the \d+ bytes any message may have/);
  });

  it('drops the pieces of a message that never completes, once idle, and of one over the bounds of a sender', async () => {
    const network = newNetwork();
    const timers = fakeTimers();
    // Real sockets, a hand-driven clock for the reassembly only.
    const b = await open(network, { timers: { ...timers.api, setTimeout: (fn, ms) => (ms === PARTIAL_MESSAGE_IDLE_MS ? timers.api.setTimeout(fn, ms) : setTimeout(fn, ms)) } });
    const dropped: string[] = [];
    b.transport.onDropped((_, reason) => dropped.push(reason));
    const mallory = newId();
    const client = await raw(mallory);
    const firstPieces = ['m1', 'm2', 'm3'].map((id) => payloadsOf(JSON.stringify({ body: 'x'.repeat(PIECE_DATA_BYTES * 2) }), id)![0]!);
    for (const payload of firstPieces) await client.publishAsync(broadcastTopic(network, mallory), Buffer.from(payload));
    await vi.waitFor(() => { expect(dropped).toHaveLength(1); });
    expect(dropped[0]).toMatch(/this sender already has 2 messages under way/);
    timers.advance(PARTIAL_MESSAGE_IDLE_MS);
    expect(dropped).toHaveLength(3);
    expect(dropped.slice(1)).toEqual([expect.stringMatching(new RegExp(`no piece for ${PARTIAL_MESSAGE_IDLE_MS} ms after piece 0`)), expect.stringMatching(new RegExp(`no piece for ${PARTIAL_MESSAGE_IDLE_MS} ms after piece 0`))]);
    expect(b.got).toEqual([]);
    expect(b.transport.droppedCount()).toBe(3);
  });

  it('subscribes and says it is present only once its node listens: a greeting of its presence is never lost', async () => {
    const network = newNetwork();
    const a = await open(network);
    // A greets every node it hears present, on that node's own topic, as a tab node does.
    a.transport.onPresence?.((peer, present) => {
      if (present) a.transport.send({ kind: 'welcome', v: 1, from: a.id, to: peer });
    });
    const bId = newId();
    const b = createMqttTransport({ url: broker.url, network, self: bId });
    opened.push(b);
    // B's node is still starting (its store, its keys): nobody listens on B yet.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(b.state()).toEqual({ phase: 'connecting' });
    const got = record(b);
    const present: PeerId[] = [];
    b.onPresence?.((peer, isPresent) => { if (isPresent) present.push(peer); });
    await connected(b);
    await vi.waitFor(() => { expect(got).toEqual([{ kind: 'welcome', v: 1, from: a.id, to: bId }]); });
    await vi.waitFor(() => { expect(present).toContain(a.id); });
  });

  it('waits for the first connection: what was sent before goes out in order once subscribed', async () => {
    const network = newNetwork();
    const b = await open(network);
    const a = start(network);
    expect(a.transport.state()).toEqual({ phase: 'connecting' });
    a.transport.send({ kind: 'arrive', v: 1, from: a.id, network });
    a.transport.send(stats(a.id, 1));
    await connected(a.transport);
    await vi.waitFor(() => { expect(b.got).toHaveLength(2); });
    expect(b.got).toEqual([{ kind: 'arrive', v: 1, from: a.id, network }, stats(a.id, 1)]);
  });

  it('close ends the connection cleanly: no more states, no reconnection', async () => {
    const network = newNetwork();
    const a = await open(network);
    const states: MqttConnectionState[] = [];
    a.transport.onStateChange((state) => states.push(state));
    const before = broker.broker.aedes.connectedClients;
    a.transport.close();
    await vi.waitFor(() => { expect(broker.broker.aedes.connectedClients).toBe(before - 1); });
    expect(states).toEqual([{ phase: 'closed' }]);
    expect(a.transport.state()).toEqual({ phase: 'closed' });
    a.transport.send(stats(a.id, 1));
    expect(a.transport.lostCount()).toBe(0);
  });

  it('backs off exponentially, capped, with jitter', () => {
    const backoff = { firstMs: 500, maxMs: 10_000 };
    expect([1, 2, 3, 4, 5, 6, 40].map((attempt) => backoffMs(attempt, backoff, () => 0.999999))).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(backoffMs(3, backoff, () => 0)).toBe(1000);
  });
});

describe('MQTT transport and a broker that comes and goes', () => {
  const quick = { backoff: { firstMs: 50, maxMs: 200 } };
  const opened: MqttTransport[] = [];
  afterEach(() => {
    for (const transport of opened.splice(0)) transport.close();
  });
  const start = (url: string, network: NetworkName, options: Partial<MqttTransportOptions> = {}): Node => {
    const id = newId();
    const transport = createMqttTransport({ url, network, self: id, ...quick, ...options });
    opened.push(transport);
    return { id, transport, got: record(transport) };
  };

  it('says it is refused while nothing answers, and connects once a broker listens there', async () => {
    const spare = await startTestBroker();
    const { port } = spare;
    await spare.stop();
    const network = newNetwork();
    const a = start(`ws://127.0.0.1:${port}/mqtt`, network);
    const refused = await stateWhere(a.transport, (state) => state.phase === 'refused' && state.attempt >= 2);
    expect(refused).toMatchObject({ phase: 'refused', problem: 'unreachable' });
    if (refused.phase === 'refused') {
      expect(refused.detail).toMatch(/ECONNREFUSED/);
      expect(refused.retryInMs).toBeGreaterThanOrEqual(25);
      expect(refused.retryInMs).toBeLessThanOrEqual(200);
    }
    a.transport.send(stats(a.id, 1));
    const back = await startTestBroker(port);
    try {
      const b = start(back.url, network);
      await connected(b.transport);
      await connected(a.transport);
      await vi.waitFor(() => { expect(b.got).toEqual([stats(a.id, 1)]); });
    } finally {
      for (const transport of opened.splice(0)) transport.close();
      await back.stop();
    }
  });

  it('says it reconnects when the broker drops, queues within bounds meanwhile, and delivers in order once back', async () => {
    let running = await startTestBroker();
    const { port, url } = running;
    const network = newNetwork();
    // a retries on a hand-driven clock, so that b is back first and hears what a queued.
    const clock = fakeTimers();
    const [a, b] = [start(url, network, { timers: clock.api }), start(url, network)];
    await Promise.all([connected(a.transport), connected(b.transport)]);
    const lost: string[] = [];
    a.transport.onLost((_, reason) => lost.push(reason));
    try {
      await running.stop();
      const down = await stateWhere(a.transport, (state) => state.phase === 'reconnecting');
      expect(down).toMatchObject({ phase: 'reconnecting', problem: 'lost', attempt: 1 });
      expect(a.transport.link()).toMatchObject({ url, phase: 'reconnecting', problem: { cause: 'lost', attempt: 1 } });
      await stateWhere(b.transport, (state) => state.phase === 'reconnecting');
      // Past the queue's bound the oldest are dropped: the newest MAX_QUEUED_MESSAGES wait.
      const extra = 5;
      for (let n = 0; n < MAX_QUEUED_MESSAGES + extra; n++) a.transport.send(stats(a.id, n));
      // One message larger than the queue may hold is lost at once.
      a.transport.send({ kind: 'chain-response', v: 1, from: a.id, to: b.id, requestId: 'r1', body: 'x'.repeat(MAX_QUEUED_BYTES) });
      expect(a.transport.lostCount()).toBe(extra + 1);
      expect(a.transport.link().lost).toBe(extra + 1);
      expect(lost.at(-1)).toMatch(/more than the 4194304 that may wait/);
      running = await startTestBroker(port);
      await connected(b.transport);
      expect(a.transport.state()).toMatchObject({ phase: 'reconnecting' });
      clock.advance(quick.backoff.maxMs);
      await connected(a.transport);
      await vi.waitFor(() => { expect(b.got).toHaveLength(MAX_QUEUED_MESSAGES); });
      expect(b.got).toEqual(Array.from({ length: MAX_QUEUED_MESSAGES }, (_, n) => stats(a.id, n + extra)));
    } finally {
      for (const transport of opened.splice(0)) transport.close();
      await running.stop();
    }
  });

  it('says the broker refused it, and why, when the broker answers no', async () => {
    const running = await startTestBroker();
    running.broker.aedes.authenticate = (_client, _username, _password, done) => {
      done(Object.assign(new Error('not today'), { returnCode: 5 }), false);
    };
    try {
      const a = start(running.url, newNetwork());
      const refused = await stateWhere(a.transport, (state) => state.phase === 'refused');
      expect(refused).toMatchObject({ phase: 'refused', problem: 'refused-by-broker' });
      if (refused.phase === 'refused') expect(refused.detail).toMatch(/Not authorized/i);
    } finally {
      for (const transport of opened.splice(0)) transport.close();
      await running.stop();
    }
  });

  it('says the broker refused its subscriptions', async () => {
    const running = await startTestBroker();
    running.broker.aedes.authorizeSubscribe = (_client, _subscription, done) => {
      done(null, null);
    };
    try {
      const a = start(running.url, newNetwork());
      const refused = await stateWhere(a.transport, (state) => state.phase === 'refused');
      expect(refused).toMatchObject({ phase: 'refused', problem: 'subscriptions-refused' });
    } finally {
      for (const transport of opened.splice(0)) transport.close();
      await running.stop();
    }
  });
});
