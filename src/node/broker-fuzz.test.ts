import fc from 'fast-check';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestBroker, type RunningBroker } from '../../server/broker-server.test-suite';
import { DEFAULT_RULES } from '../core/rules';
import { MESSAGE_ERROR_KIND } from '../network/broadcast-channel-transport';
import type { PeerId } from '../network/ids';
import { MQTT_PIECE_BYTES } from '../network/limits';
import { createMemoryHub } from '../network/memory-transport';
import { parsePeerMessage } from '../network/messages';
import { readPayload } from '../network/mqtt-pieces';
import { broadcastTopic, directTopic } from '../network/mqtt-topics';
import { createMqttTransport } from '../network/mqtt-transport';
import { peerMessageArbitraries } from '../network/peer-message-arbitraries.test-suite';
import { testPeerId } from '../network/test-peer-ids.test-suite';
import { peerVisibleState } from './fuzz.test-suite';
import type { TabNode } from './tab-node';
import { testNetwork, testNodes } from './test-nodes.test-suite';

/*
 * The peer fuzz of peer-fuzz.test.ts, through a real broker: four prankster clients, each
 * with its own peer id, publish 100,000 hostile payloads to an honest node over the project's
 * broker (aedes with its access rules) and the node's MQTT transport. Among them: messages
 * that claim another sender (the broker lets a client publish only on its own topics, so the
 * node must notice the lie), values that are no peer message, text that is no JSON, and
 * broken pieces of long messages. The node counts each kind exactly, changes nothing, and
 * still hands its chain to a newcomer and mines.
 */

const network = testNetwork('broker-fuzz-test');
const nodes = testNodes(network, 'f', DEFAULT_RULES);
let broker: RunningBroker;
const pranksters: MqttClient[] = [];

beforeAll(async () => {
  broker = await startTestBroker();
});
afterEach(async () => {
  nodes.closeAll();
  await Promise.all(pranksters.splice(0).map((client) => client.endAsync(true)));
});
afterAll(async () => {
  await broker.stop();
});

const PRANKSTERS = 4;
const HOSTILE_PAYLOADS = 100_000;
const BATCH = 500;
const encoder = new TextEncoder();

const pranksterId = (n: number): PeerId => testPeerId(`${n.toString(16).padStart(12, '0')}4${'d'.repeat(19)}`);

/** A node whose transport is the MQTT one, on the test broker. */
async function brokerNode(): Promise<TabNode> {
  const id = nodes.nextId();
  const transport = createMqttTransport({ url: broker.url, network, self: id });
  const node = await nodes.start(createMemoryHub(), { difficulty: 2 }, { id, transport });
  await expect.poll(() => node.status().link?.phase, { timeout: 10_000 }).toBe('connected');
  return node;
}

const TOO_LONG = new Error('longer than a publication may be');

/**
 * JSON text of `value`; text that is not JSON when it has none (a bigint, a function, a
 * cycle…); null when it holds a string longer than any publication (the arbitraries share one
 * of many megabytes, which the broker refuses anyway), found before it is written out.
 */
function textOf(value: unknown): string | null {
  try {
    // Typed as a string, but undefined for undefined, a function or a symbol.
    const text = JSON.stringify(value, (_key, field: unknown) => {
      if (typeof field === 'string' && field.length > MQTT_PIECE_BYTES) throw TOO_LONG;
      return field;
    }) as string | undefined;
    return text ?? 'undefined';
  } catch (error) {
    return error === TOO_LONG ? null : '{"not json';
  }
}

/** What the node's transport makes of a whole payload: the JSON value, or the stand-in for text that is none. */
function decoded(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { kind: MESSAGE_ERROR_KIND };
  }
}

type Verdict = 'forged' | 'malformed' | 'dropped';

interface Hostile {
  readonly payload: Uint8Array;
  readonly verdict: Verdict;
}

/**
 * What an honest transport and node must make of `payload` from `sender`: a `from` naming
 * anyone else is forged, anything else that is no peer message is malformed. Null for what
 * the broker refuses (too long) and for valid messages the prankster sends as itself, which
 * a node rightly takes in.
 */
function verdictOf(sender: PeerId, text: string | null): Hostile | null {
  if (text === null) return null;
  const payload = encoder.encode(text);
  if (payload.length > MQTT_PIECE_BYTES) return null;
  const value = decoded(text);
  const claims = typeof value === 'object' && value !== null && Object.hasOwn(value, 'from');
  if (claims && (value as { from: unknown }).from !== sender) return { payload, verdict: 'forged' };
  return parsePeerMessage(value).ok ? null : { payload, verdict: 'malformed' };
}

/** A broken piece of a long message: a `~` payload whose header is missing, no JSON, or wrong. */
function brokenPiece(header: string, data: string): Hostile | null {
  const payload = encoder.encode(`~${header}${data}`);
  return readPayload(payload).kind === 'unreadable' ? { payload, verdict: 'dropped' } : null;
}

function hostiles(honest: PeerId, sender: PeerId): fc.Arbitrary<Hostile | null> {
  const arbitraries = peerMessageArbitraries(honest, { network, maxDifficulty: 2 });
  const mutated = fc.tuple(arbitraries.validMessage, arbitraries.mutation).map(([message, { apply }]) => apply(message));
  // Valid messages in the honest node's name or a made-up one's: what a prankster would most like to pass.
  const speakingForOthers = fc
    .tuple(arbitraries.validMessage, fc.constantFrom(honest, pranksterId(99)))
    .map(([message, from]) => ({ ...message, from }));
  const message = fc.oneof(arbitraries.anything, mutated, arbitraries.validMessage, speakingForOthers).map((value) => verdictOf(sender, textOf(value)));
  const header = fc.oneof(
    fc.constant(''),
    fc.string({ maxLength: 80 }).map((text) => `${text.replaceAll('\n', '')}\n`),
    fc.anything().map((value) => `${(textOf(value) ?? '').replaceAll('\n', '')}\n`),
    fc
      .record({ id: fc.string({ maxLength: 8 }), index: fc.integer({ min: -2, max: 4 }), count: fc.integer({ min: 0, max: 4 }), bytes: fc.nat() })
      .map((fields) => `${JSON.stringify(fields)}\n`),
  );
  const piece = fc.tuple(header, fc.string({ maxLength: 200 })).map(([head, data]) => brokenPiece(head, data));
  return fc.oneof({ arbitrary: message, weight: 4 }, { arbitrary: piece, weight: 1 });
}

/** Publishes `payloads` on the prankster's topics, broadcast and addressed to `honest` by turns, and waits until they are written out. */
async function publishAll(client: MqttClient, sender: PeerId, honest: PeerId, payloads: readonly Uint8Array[]): Promise<void> {
  const [broadcast, direct] = [broadcastTopic(network, sender), directTopic(network, honest, sender)];
  await Promise.all(payloads.map((payload, n) => client.publishAsync(n % 2 === 0 ? broadcast : direct, Buffer.from(payload), { qos: 0 })));
}

describe('a node on the broker fed 100,000 hostile publications by four pranksters', () => {
  it('counts every forged, malformed and broken one exactly, changes nothing, and still answers and mines', { timeout: 180_000 }, async () => {
    const honest = await brokerNode();
    expect(honest.addTransaction({ sender: 'alice', recipient: 'bob', amount: '5' }).ok).toBe(true);
    expect(await honest.mine()).toMatchObject({ ok: true });
    const before = peerVisibleState(honest);
    const seen = () => {
      const { link, malformedMessages } = honest.status();
      return { forged: link?.forged ?? 0, malformed: malformedMessages, dropped: link?.dropped ?? 0 };
    };
    const counted = seen();
    const expected = { ...counted };

    const senders = Array.from({ length: PRANKSTERS }, (_, n) => pranksterId(n + 1));
    for (const id of senders) pranksters.push(await connectAsync(broker.url, { clientId: id, reconnectPeriod: 0 }));
    const generators = senders.map((id) => hostiles(honest.id, id));

    let sent = 0;
    for (let round = 0; sent < HOSTILE_PAYLOADS; round++) {
      const slot = round % PRANKSTERS;
      const [client, sender, generator] = [pranksters[slot], senders[slot], generators[slot]];
      if (client === undefined || sender === undefined || generator === undefined) throw new Error('no such prankster');
      const batch = fc.sample(generator, { numRuns: BATCH, seed: round }).filter((hostile) => hostile !== null);
      for (const { verdict } of batch) expected[verdict] += 1;
      await publishAll(client, sender, honest.id, batch.map((hostile) => hostile.payload));
      sent += batch.length;
      // One batch in flight at a time: a count that is off names the batch that made it so.
      await expect.poll(seen, { timeout: 10_000, interval: 20 }).toEqual(expected);
    }

    expect(sent).toBeGreaterThanOrEqual(HOSTILE_PAYLOADS);
    // Every kind was tried many times over, and no valid message was dropped for its sender's pace.
    for (const verdict of ['forged', 'malformed', 'dropped'] as const) expect(expected[verdict] - counted[verdict]).toBeGreaterThan(5_000);
    expect(honest.status().droppedMessages).toBe(0);
    expect(peerVisibleState(honest)).toEqual(before);
    expect(honest.peers().map((peer) => peer.id)).not.toContain(pranksterId(99));

    // Still a node on the broker: a newcomer gets its chain, and it mines.
    const newcomer = await brokerNode();
    await expect.poll(() => newcomer.registeredNodes(), { timeout: 10_000 }).toContain(honest.id);
    const resolved = await newcomer.resolve();
    expect(resolved.reports.find((report) => report.peerId === honest.id)?.kind).toBe('adopted');
    expect(newcomer.exportChain()).toBe(before.chain);
    expect(await honest.mine()).toMatchObject({ ok: true });
  });
});
