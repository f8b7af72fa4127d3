import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestBroker, type RunningBroker } from '../../server/broker-server.test-suite';
import { networkNameSchema, newPeerId } from './ids';
import type { MqttTransport } from './mqtt-transport';
import { openTransport } from './open-transport';

let broker: RunningBroker;
beforeAll(async () => {
  broker = await startTestBroker();
});
afterAll(async () => {
  await broker.stop();
});

describe('openTransport', () => {
  const network = networkNameSchema.parse('room-12');
  const self = newPeerId(() => crypto.randomUUID());

  it('without a broker, the tabs of this browser over BroadcastChannel', async () => {
    const transport = await openTransport({ network, self, broker: undefined, pageHref: 'http://127.0.0.1:5173/', presence: true });
    expect(transport).not.toHaveProperty('state');
    transport.close();
  });

  it('with ?broker=/mqtt, an MQTT transport to the page\'s own origin', async () => {
    const transport = (await openTransport({ network, self, broker: '/mqtt', pageHref: `http://127.0.0.1:${broker.port}/?net=room-12`, presence: true })) as MqttTransport;
    try {
      // It subscribes once a node listens, as the tab's node does from its start.
      transport.onMessage(() => undefined);
      await vi.waitFor(() => { expect(transport.state()).toEqual({ phase: 'connected' }); });
    } finally {
      transport.close();
    }
  });
});
