import { newPeerId } from '../network/ids';
import type { NetworkViewEvent } from '../contract/views';
import type { NetworkViewApi } from '../contract/worker-api';
import { parsePageParams } from './config';
import { NetworkObserver } from './network-observer';
import { networkKeyFor, type NodeApiDeps } from './node-api';
import { NetworkAuthority } from './rules/network-authority';
import { StartedOnce } from './started-once';

export type NetworkViewApiDeps = Pick<NodeApiDeps, 'transportFor' | 'randomUUID' | 'sha256' | 'fetchTimeoutMs' | 'openNetworkKeys'>;

/**
 * The object the network view's worker exposes to its page. It owns one NetworkObserver,
 * created by `init` from the page's query string; every other call fails clearly until then.
 */
export function createNetworkViewApi(deps: NetworkViewApiDeps): NetworkViewApi {
  const started = new StartedOnce<NetworkObserver>('The network view');
  const observer = (): Promise<NetworkObserver> => started.get();

  return {
    async init(search) {
      // Made in a promise: a throw while starting reaches the page as a rejected init().
      const view = await started.start(async () => {
        const params = parsePageParams(typeof search === 'string' ? search : '');
        const id = newPeerId(deps.randomUUID);
        const created = new NetworkObserver({
          id,
          network: params.network,
          rules: params.rules,
          transport: await deps.transportFor(params.network, id, params.broker),
          authority: await NetworkAuthority.of(params.network, await networkKeyFor(deps.openNetworkKeys, params.network, params)),
          warnings: params.warnings,
          ...(deps.sha256 ? { sha256: deps.sha256 } : {}),
          ...(deps.fetchTimeoutMs === undefined ? {} : { fetchTimeoutMs: deps.fetchTimeoutMs }),
        });
        created.start();
        return created;
      });
      return view.status();
    },
    status: async () => (await observer()).status(),
    tabs: async () => (await observer()).tabs(),
    forks: async () => (await observer()).forks(),
    previewRules: async (rules) => (await observer()).previewRules(rules),
    setRules: async (rules) => (await observer()).setRules(rules),
    resetNetwork: async () => (await observer()).resetNetwork(),
    subscribe: async (listener: (event: NetworkViewEvent) => void) => {
      (await observer()).subscribe(listener);
    },
    close: async () => {
      (await observer()).close();
    },
  };
}
