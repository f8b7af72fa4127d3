/// <reference lib="webworker" />
// The only file that touches the worker's global scope: it exposes the node to the page.
import '../core/zod-without-eval';
import { expose } from 'comlink';
import { openTransport } from '../network/open-transport';
import { createWorkerThread } from './mining/worker-thread';
import { createNodeApi } from './node-api';
import { randomUuid } from './platform';
import { openIndexedDbNodeStore } from './storage/idb-node-store';
import { openIndexedDbNetworkKeys } from './storage/network-keys';

const api = createNodeApi({
  transportFor: (network, id, broker) => openTransport({ network, self: id, broker, pageHref: self.location.href, presence: true }),
  randomUUID: randomUuid,
  minerThread: createWorkerThread,
  maxThreads: self.navigator.hardwareConcurrency,
  openStore: () => openIndexedDbNodeStore(),
  openNetworkKeys: () => openIndexedDbNetworkKeys(),
});

expose(api);
