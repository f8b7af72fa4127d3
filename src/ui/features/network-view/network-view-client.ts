import { proxy, wrap, type Remote } from 'comlink';
import type { NetworkViewEvent } from '../../../contract/views';
import type { NetworkViewApi } from '../../../contract/worker-api';
import { closeOnPageHide } from '../../connection/close-on-page-hide';

export type NetworkViewClient = Remote<NetworkViewApi>;

/** Starts the network view's observer in its worker and forwards its change events to `onEvent`. */
export async function startNetworkView(search: string, onEvent: (event: NetworkViewEvent) => void): Promise<NetworkViewClient> {
  const worker = new Worker(new URL('../../../node/network-view.worker.ts', import.meta.url), { type: 'module', name: 'tabchain-network-view' });
  const client = wrap<NetworkViewApi>(worker);
  await client.init(search);
  await client.subscribe(proxy(onEvent));
  closeOnPageHide(() => client.close());
  return client;
}
