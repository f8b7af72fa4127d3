import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mosquittoSkipReason, startMosquitto, type RunningMosquitto } from '../../server/mosquitto-broker.test-suite';
import { networkNameSchema, newPeerId, type PeerId } from './ids';
import type { PeerMessage } from './messages';
import { PIECE_DATA_BYTES } from './mqtt-pieces';
import { createMqttTransport, type MqttTransport } from './mqtt-transport';
import { runTransportContract } from './transport-contract.test-suite';

/**
 * The same contract through Debian's mosquitto, with the shipped config and ACL. Its
 * WebSocket listener delivers to a subscriber at only about 40 KB/s (mosquitto 2.0.11 with
 * Debian's libwebsockets; publishing and TCP are fast): the payloads here stay small, and the
 * large-body test crosses in two pieces.
 */
const skip = mosquittoSkipReason();
if (skip !== null) console.warn(skip);

let mosquitto: RunningMosquitto | undefined;
const brokerUrl = (): string => {
  if (mosquitto === undefined) throw new Error('mosquitto is not running');
  return mosquitto.url;
};

function connected(transport: MqttTransport): Promise<void> {
  return vi.waitFor(() => { expect(transport.state()).toEqual({ phase: 'connected' }); }, { timeout: 5000 });
}

describe.skipIf(skip !== null)('through mosquitto', () => {
  beforeAll(async () => {
    mosquitto = await startMosquitto();
  });
  afterAll(async () => {
    await mosquitto?.stop();
  });

  runTransportContract(
    'MQTT through mosquitto',
    async (channel, ids) => {
      const network = networkNameSchema.parse(channel);
      // Each endpoint listens as a node does from its start: the transport subscribes only then.
      const make = (self: PeerId) => {
        const transport = createMqttTransport({ url: brokerUrl(), network, self });
        transport.onMessage(() => undefined);
        return transport;
      };
      const trio = { a: make(ids.a), b: make(ids.b), c: make(ids.c) };
      await Promise.all([connected(trio.a), connected(trio.b), connected(trio.c)]);
      return trio;
    },
    // Two pieces: (PIECE_DATA_BYTES + a little) of JSON, 14 characters a block.
    { json: true, largeBodyBlocks: Math.ceil(PIECE_DATA_BYTES / 14) + 100 },
  );

  it('a directed message reaches only its addressee; a forged sender is dropped and counted', async () => {
    const network = networkNameSchema.parse(`mosquitto-${crypto.randomUUID()}`);
    const ids = Array.from({ length: 3 }, () => newPeerId(() => crypto.randomUUID()));
    const [a, b, c] = ids.map((self) => createMqttTransport({ url: brokerUrl(), network, self }));
    const gotB: unknown[] = [];
    const gotC: unknown[] = [];
    a!.onMessage(() => undefined);
    b!.onMessage((data) => gotB.push(data));
    c!.onMessage((data) => gotC.push(data));
    try {
      await Promise.all([a, b, c].map((transport) => connected(transport!)));
      const welcome: PeerMessage = { kind: 'welcome', v: 1, from: ids[0]!, to: ids[1]! };
      a!.send(welcome);
      // The ACL pins a client to its own topics, so forging takes a lie in the message itself.
      a!.send({ kind: 'stats', v: 1, from: ids[2]!, pending: 1, mining: false });
      a!.send({ kind: 'stats', v: 1, from: ids[0]!, pending: 2, mining: false });
      await vi.waitFor(() => { expect(gotC).toHaveLength(1); });
      await vi.waitFor(() => { expect(gotB).toHaveLength(2); });
      expect(gotB).toEqual([welcome, { kind: 'stats', v: 1, from: ids[0], pending: 2, mining: false }]);
      expect(b!.forgedCount()).toBe(1);
      expect(c!.forgedCount()).toBe(1);
    } finally {
      for (const transport of [a, b, c]) transport!.close();
    }
  });
});
