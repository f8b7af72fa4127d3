import { randomUUID } from 'node:crypto';
import { expose, proxy, wrap } from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHub } from '../network/memory-transport';
import type { NetworkViewEvent } from '../contract/views';
import type { NetworkViewApi, NodeApi } from '../contract/worker-api';
import { createNetworkViewApi } from './network-view-api';
import { createNodeApi } from './node-api';
import { createMemoryNetworkKeys } from './storage/network-keys';

// The network view's worker API and a tab's node API over real MessageChannels, as the pages get them.
const channels: MessageChannel[] = [];
afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
});

function over<T extends object>(api: T) {
  const channel = new MessageChannel();
  channels.push(channel);
  expose(api, channel.port1);
  return wrap<T>(channel.port2);
}

describe('the network view API over comlink', () => {
  it('fails clearly before init, then watches the network of its query string', async () => {
    const hub = createMemoryHub();
    // The view and the tab are of one browser: they share its network keys, as the teacher's do.
    const keys = createMemoryNetworkKeys();
    const openNetworkKeys = () => Promise.resolve(keys);
    const view = over<NetworkViewApi>(createNetworkViewApi({ transportFor: () => hub.connect(), randomUUID, fetchTimeoutMs: 500, openNetworkKeys }));
    await expect(view.tabs()).rejects.toThrow('call init() first');

    const status = await view.init('?net=class-2&view=network&difficulty=zero');
    expect(status).toMatchObject({ network: 'class-2', rulesKnown: false });
    expect(status.warnings).toEqual([{ key: 'paramNotNumber', values: { name: 'difficulty', value: 'zero' } }]);
    const events: NetworkViewEvent[] = [];
    await view.subscribe(proxy((event: NetworkViewEvent) => events.push(event)));

    const tab = over<NodeApi>(createNodeApi({ transportFor: () => hub.connect(), randomUUID, fetchTimeoutMs: 500, openNetworkKeys }));
    const tabStatus = await tab.init('?net=class-2&difficulty=1');
    await vi.waitFor(async () => {
      expect(await view.tabs()).toMatchObject([{ id: tabStatus.id, height: 1, pendingCount: 0, chainValid: true }]);
      expect((await view.status()).rules.difficulty).toBe(1);
    });
    await vi.waitFor(() => {
      expect(events.flatMap((event) => event.topics)).toEqual(expect.arrayContaining(['tabs', 'status', 'forks']));
    });
    expect(await tab.peers()).toEqual([]);

    expect(await view.resetNetwork()).toEqual({ ok: true, epoch: 1, tabs: 1 });
    await vi.waitFor(async () => {
      expect((await tab.journal())[0]?.kind).toBe('network-reset');
    });
    await tab.close();
    await view.close();
  });
});
