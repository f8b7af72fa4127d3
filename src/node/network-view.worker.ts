/// <reference lib="webworker" />
// The network view's worker: the only file of the view that touches the worker's global scope.
import '../core/zod-without-eval';
import { expose } from 'comlink';
import { openTransport } from '../network/open-transport';
import { createNetworkViewApi } from './network-view-api';
import { randomUuid } from './platform';
import { openIndexedDbNetworkKeys } from './storage/network-keys';

expose(
  createNetworkViewApi({
    transportFor: (network, id, broker) => openTransport({ network, self: id, broker, pageHref: self.location.href, presence: false }),
    randomUUID: randomUuid,
    openNetworkKeys: () => openIndexedDbNetworkKeys(),
  }),
);
