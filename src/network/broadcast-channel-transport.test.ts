import { describe, expect, it } from 'vitest';
import { createBroadcastChannelTransport, MESSAGE_ERROR_KIND } from './broadcast-channel-transport';
import { parsePeerMessage } from './messages';
import { runTransportContract } from './transport-contract.test-suite';

runTransportContract('BroadcastChannel', (channel) => ({
  a: createBroadcastChannelTransport(channel),
  b: createBroadcastChannelTransport(channel),
  c: createBroadcastChannelTransport(channel),
}));

describe('BroadcastChannel specifics', () => {
  it('hears raw BroadcastChannel posts as unknown data', async () => {
    const channel = `raw-${crypto.randomUUID()}`;
    const transport = createBroadcastChannelTransport(channel);
    const raw = new BroadcastChannel(channel);
    const got: unknown[] = [];
    transport.onMessage((data) => got.push(data));
    raw.postMessage({ kind: 'nonsense' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    raw.close();
    transport.close();
    expect(got).toEqual([{ kind: 'nonsense' }]);
  });

  it('the messageerror stand-in is rejected by the message parser with a clear reason', () => {
    const result = parsePeerMessage({ kind: MESSAGE_ERROR_KIND });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(MESSAGE_ERROR_KIND);
  });
});
