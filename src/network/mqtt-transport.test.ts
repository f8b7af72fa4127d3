import { afterAll, beforeAll } from 'vitest';
import { startTestBroker, type RunningBroker } from '../../server/broker-server.test-suite';
import { networkNameSchema } from './ids';
import { createMqttTransport, type MqttTransport } from './mqtt-transport';
import { runTransportContract, type TrioIds } from './transport-contract.test-suite';

let broker: RunningBroker;
beforeAll(async () => {
  broker = await startTestBroker();
});
afterAll(async () => {
  await broker.stop();
});

/** Resolves once the transport is connected and subscribed. */
function connected(transport: MqttTransport): Promise<void> {
  return new Promise((resolve) => {
    if (transport.state().phase === 'connected') {
      resolve();
      return;
    }
    const off = transport.onStateChange((state) => {
      if (state.phase === 'connected') {
        off();
        resolve();
      }
    });
  });
}

runTransportContract(
  'MQTT through aedes',
  async (channel, ids: TrioIds) => {
    const network = networkNameSchema.parse(channel);
    const make = (self: TrioIds['a']) => createMqttTransport({ url: broker.url, network, self });
    const trio = { a: make(ids.a), b: make(ids.b), c: make(ids.c) };
    await Promise.all([connected(trio.a), connected(trio.b), connected(trio.c)]);
    return trio;
  },
  { json: true },
);
