/// <reference lib="webworker" />
// The network view's worker: the only file of the view that touches the worker's global scope.
import '../core/zod-without-eval';
import { expose } from 'comlink';
import { createBroadcastChannelTransport } from '../network/broadcast-channel-transport';
import { channelNameFor } from '../network/ids';
import { createNetworkViewApi } from './network-view-api';
import { randomUuid } from './platform';

expose(
  createNetworkViewApi({
    transportFor: (network) => createBroadcastChannelTransport(channelNameFor(network)),
    randomUUID: randomUuid,
  }),
);
