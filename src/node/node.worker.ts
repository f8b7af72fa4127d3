/// <reference lib="webworker" />
// The only file that touches the worker's global scope: it exposes the node to the page.
import '../core/zod-without-eval';
import { expose } from 'comlink';
import { channelNameFor } from '../network/ids';
import { createBroadcastChannelTransport } from '../network/broadcast-channel-transport';
import { createWorkerThread } from './mining/worker-thread';
import { createNodeApi } from './node-api';
import { randomUuid } from './platform';
import { openIndexedDbNodeStore } from './storage/idb-node-store';

const api = createNodeApi({
  transportFor: (network) => createBroadcastChannelTransport(channelNameFor(network)),
  randomUUID: randomUuid,
  minerThread: createWorkerThread,
  maxThreads: self.navigator.hardwareConcurrency,
  openStore: () => openIndexedDbNodeStore(),
});

expose(api);
