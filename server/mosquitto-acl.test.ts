import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { networkNameSchema, newPeerId, type PeerId } from '../src/network/ids';
import { MQTT_PIECE_BYTES } from '../src/network/limits';
import { broadcastFilter, broadcastTopic, directFilter, directTopic, presenceTopic } from '../src/network/mqtt-topics';
import { mosquittoSkipReason, startMosquitto, type RunningMosquitto } from './mosquitto-broker.test-suite';

const skip = mosquittoSkipReason();
if (skip !== null) console.warn(skip);

const NET = networkNameSchema.parse('room-12');
const newId = (): PeerId => newPeerId(() => crypto.randomUUID());
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The shipped mosquitto.conf and acl hold a client to the rules of the embedded broker (broker.test.ts). */
describe.skipIf(skip !== null)('the shipped mosquitto config and ACL', () => {
  let mosquitto: RunningMosquitto;
  const clients: MqttClient[] = [];
  beforeAll(async () => {
    mosquitto = await startMosquitto();
  });
  afterAll(async () => {
    await mosquitto.stop();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.endAsync(true)));
  });

  async function client(clientId: PeerId): Promise<{ client: MqttClient; got: string[] }> {
    const connected = await connectAsync(mosquitto.url, { clientId, reconnectPeriod: 0 });
    clients.push(connected);
    const got: string[] = [];
    connected.on('message', (topic) => got.push(topic));
    return { client: connected, got };
  }

  it('a client that subscribes to everything hears only broadcasts, presence and its own directed messages', async () => {
    // mosquitto grants any filter and checks read access on each delivery.
    const [alice, bob, mallory] = [newId(), newId(), newId()];
    const m = await client(mallory);
    await m.client.subscribeAsync(['#', 'tabchain/v1/room-12/to/+/+', directFilter(NET, bob)]);
    const a = await client(alice);
    await a.client.publishAsync(broadcastTopic(NET, alice), '{}');
    await a.client.publishAsync(directTopic(NET, bob, alice), '{}');
    await a.client.publishAsync(directTopic(NET, mallory, alice), '{}');
    await a.client.publishAsync(presenceTopic(NET, alice), 'online', { retain: true });
    await pause(300);
    expect([...new Set(m.got)].sort()).toEqual([broadcastTopic(NET, alice), directTopic(NET, mallory, alice), presenceTopic(NET, alice)].sort());
  });

  it('delivers what a client publishes on its own topics, and nothing it publishes on another', async () => {
    const [alice, bob, mallory] = [newId(), newId(), newId()];
    const b = await client(bob);
    await b.client.subscribeAsync([broadcastFilter(NET), directFilter(NET, bob)]);
    const a = await client(alice);
    const m = await client(mallory);
    // mosquitto acknowledges a refused publication and drops it (MQTT 3.1.1 lets it choose).
    await m.client.publishAsync(broadcastTopic(NET, alice), '{}');
    await m.client.publishAsync(directTopic(NET, bob, alice), '{}');
    await a.client.publishAsync(broadcastTopic(NET, alice), '{}');
    await a.client.publishAsync(directTopic(NET, bob, alice), '{}');
    await pause(300);
    expect(b.got).toEqual([broadcastTopic(NET, alice), directTopic(NET, bob, alice)]);
  });

  it('disconnects a client of its TCP listener that publishes more than a piece and its topic', async () => {
    // mosquitto 2.0.11 checks max_packet_size on TCP only: over its WebSocket listener such a
    // payload goes through, and the receiving pages refuse it unread (mqtt-pieces.ts).
    const self = newId();
    const mqtt = await connectAsync(mosquitto.tcpUrl, { clientId: self, reconnectPeriod: 0 });
    clients.push(mqtt);
    const gone = new Promise<void>((resolve) => { mqtt.once('close', () => { resolve(); }); });
    mqtt.on('error', () => undefined);
    mqtt.publish(broadcastTopic(NET, self), Buffer.alloc(MQTT_PIECE_BYTES + 2048));
    await gone;
    expect(mqtt.connected).toBe(false);
  });
});
