import { request } from 'node:http';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { networkNameSchema, newPeerId, type PeerId } from '../src/network/ids';
import { MQTT_PIECE_BYTES } from '../src/network/limits';
import { broadcastFilter, broadcastTopic, directFilter, directTopic, presenceFilter, presenceTopic } from '../src/network/mqtt-topics';
import { startTestBroker, type RunningBroker } from './broker-server.test-suite';

let running: RunningBroker;
const refusals: string[] = [];
beforeAll(async () => {
  running = await startTestBroker(0, (line) => refusals.push(line));
});
afterAll(async () => {
  await running.stop();
});

const NET = networkNameSchema.parse('room-12');
const newId = (): PeerId => newPeerId(() => crypto.randomUUID());

const clients: MqttClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.endAsync(true)));
  refusals.length = 0;
});

async function client(clientId: string): Promise<{ client: MqttClient; got: string[] }> {
  const connected = await connectAsync(running.url, { clientId, reconnectPeriod: 0 });
  clients.push(connected);
  const got: string[] = [];
  connected.on('message', (topic) => got.push(topic));
  return { client: connected, got };
}

/** Resolves once the broker closed this client's connection. */
const closed = (mqtt: MqttClient): Promise<void> =>
  new Promise((resolve) => {
    if (!mqtt.connected) resolve();
    else mqtt.once('close', () => { resolve(); });
  });

describe('the broker of npm start and vite preview', () => {
  it('takes a 32-character peer id as client id, and refuses any other', async () => {
    await expect(client(newId())).resolves.toBeDefined();
    await expect(connectAsync(running.url, { clientId: 'alice', reconnectPeriod: 0 })).rejects.toThrow(/Identifier rejected/i);
    expect(refusals).toEqual([expect.stringMatching(/refused a client whose id is not a peer id: "alice"/)]);
  });

  it('grants broadcasts, presence and the own directed topic; refuses other filters with 0x80', async () => {
    const self = newId();
    const { client: mqtt } = await client(self);
    const granted = await mqtt.subscribeAsync([broadcastFilter(NET), presenceFilter(NET), directFilter(NET, self)]);
    expect(granted.map((grant) => grant.qos)).toEqual([0, 0, 0]);
    for (const filter of ['#', 'tabchain/v1/room-12/#', directFilter(NET, newId()), 'tabchain/v1/room-12/to/+/+']) {
      await expect(mqtt.subscribeAsync(filter), filter).rejects.toThrow(/Subscribe error/);
    }
    expect(mqtt.connected).toBe(true);
  });

  it('delivers what a client publishes on its own topics', async () => {
    const [alice, bob] = [newId(), newId()];
    const a = await client(alice);
    const b = await client(bob);
    await b.client.subscribeAsync([broadcastFilter(NET), directFilter(NET, bob), presenceFilter(NET)]);
    await a.client.publishAsync(broadcastTopic(NET, alice), '{}');
    await a.client.publishAsync(directTopic(NET, bob, alice), '{}');
    await a.client.publishAsync(presenceTopic(NET, alice), 'online', { retain: true });
    await vi.waitFor(() => { expect(b.got).toHaveLength(3); });
    expect(b.got).toEqual([broadcastTopic(NET, alice), directTopic(NET, bob, alice), presenceTopic(NET, alice)]);
  });

  it.each([
    ['a topic that ends with another id', (_self: PeerId, other: PeerId) => ({ topic: broadcastTopic(NET, other), retain: false })],
    ['a directed topic that ends with the addressee', (self: PeerId, other: PeerId) => ({ topic: directTopic(NET, self, other), retain: false })],
    ['a topic outside tabchain/v1/', (self: PeerId) => ({ topic: `chat/${self}`, retain: false })],
    ['a retained broadcast', (self: PeerId) => ({ topic: broadcastTopic(NET, self), retain: true })],
  ])('closes the connection of a client that publishes on %s, and delivers nothing', async (_, publication) => {
    const [self, other] = [newId(), newId()];
    const listener = await client(other);
    await listener.client.subscribeAsync([broadcastFilter(NET), directFilter(NET, other)]);
    const { client: mqtt } = await client(self);
    const { topic, retain } = publication(self, other);
    const gone = closed(mqtt);
    mqtt.publish(topic, '{}', { retain });
    await gone;
    expect(refusals).toEqual([expect.stringContaining(`refused a publication of ${self}: topic`)]);
    expect(listener.got).toEqual([]);
  });

  it('closes the connection of a client that publishes a payload larger than a piece', async () => {
    const self = newId();
    const { client: mqtt } = await client(self);
    const gone = closed(mqtt);
    mqtt.publish(broadcastTopic(NET, self), Buffer.alloc(MQTT_PIECE_BYTES + 1));
    await gone;
    expect(refusals).toEqual([expect.stringMatching(/a payload of 262145 bytes, more than 262144/)]);
  });

  it('refuses a WebSocket whose Origin is another site, and leaves other paths to the server', async () => {
    const upgrade = (path: string, origin: string): Promise<number> =>
      new Promise((resolve, reject) => {
        const req = request({
          host: '127.0.0.1',
          port: running.port,
          path,
          headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Protocol': 'mqtt', Origin: origin },
        });
        req.on('upgrade', (response, socket) => { socket.destroy(); resolve(response.statusCode ?? 0); });
        req.on('response', (response) => { resolve(response.statusCode ?? 0); });
        req.on('error', reject);
        req.end();
      });
    expect(await upgrade('/mqtt', `http://127.0.0.1:${running.port}`)).toBe(101);
    expect(await upgrade('/mqtt', 'https://evil.example')).toBe(403);
    expect(refusals).toEqual([expect.stringMatching(/refused a WebSocket from another origin: https:\/\/evil.example/)]);
  });
});
