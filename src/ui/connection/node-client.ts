import { proxy, wrap, type Remote } from 'comlink';
import type { NodeEvent } from '../../contract/views';
import type { NodeApi } from '../../contract/worker-api';
import { closeOnPageHide } from './close-on-page-hide';
import { claimNodeIdentity } from './node-identity';

export type NodeClient = Remote<NodeApi>;

/** Starts this tab's node in its worker and forwards its change events to `onEvent`. */
export async function startNode(search: string, onEvent: (event: NodeEvent) => void): Promise<NodeClient> {
  const identity = await claimNodeIdentity(search);
  const worker = new Worker(new URL('../../node/node.worker.ts', import.meta.url), { type: 'module', name: 'tabchain-node' });
  const client = wrap<NodeApi>(worker);
  await client.init(search, identity);
  await client.subscribe(proxy(onEvent));
  closeOnPageHide(() => client.close());
  return client;
}
