import type { Sha256 } from '../core/digest';
import { newPeerId, type NetworkName } from '../network/ids';
import type { Transport } from '../network/transport';
import type { HttpMethod, NodeApi, NodeEvent } from './api';
import { parsePageParams } from './config';
import { handleRequest } from './endpoints';
import type { MinerThread } from './mining/miner-pool';
import { TabNode } from './tab-node';

export interface NodeApiDeps {
  readonly transportFor: (network: NetworkName) => Transport;
  readonly randomUUID: () => string;
  readonly sha256?: Sha256;
  readonly fetchTimeoutMs?: number;
  /** starts one miner thread (a nested worker in the browser) */
  readonly minerThread?: () => MinerThread;
  readonly maxThreads?: number;
}

/**
 * The object the worker exposes to the page. It owns one TabNode, created by `init` from the
 * page's query string; every other call fails clearly until then.
 */
export function createNodeApi(deps: NodeApiDeps): NodeApi {
  let started: Promise<TabNode> | null = null;

  const node = async (): Promise<TabNode> => {
    if (!started) throw new Error('The node has not been started: call init() first.');
    return started;
  };

  return {
    async init(search) {
      started ??= (async () => {
        const params = parsePageParams(typeof search === 'string' ? search : '');
        const created = await TabNode.create({
          id: newPeerId(deps.randomUUID),
          network: params.network,
          rules: params.rules,
          transport: deps.transportFor(params.network),
          warnings: params.warnings,
          mining: params.mining,
          ...(deps.minerThread ? { minerThread: deps.minerThread } : {}),
          ...(deps.maxThreads === undefined ? {} : { maxThreads: deps.maxThreads }),
          ...(deps.sha256 ? { sha256: deps.sha256 } : {}),
          ...(deps.fetchTimeoutMs === undefined ? {} : { fetchTimeoutMs: deps.fetchTimeoutMs }),
        });
        created.start();
        return created;
      })();
      return (await started).status();
    },
    status: async () => (await node()).status(),
    chain: async () => (await node()).chainView(),
    pending: async () => (await node()).pending(),
    peers: async () => (await node()).peers(),
    mine: async () => (await node()).mine(),
    cancelMining: async () => {
      (await node()).cancelMining();
    },
    addTransaction: async (form) => (await node()).addTransaction(form),
    balances: async () => (await node()).balances(),
    explainBlock: async (number, hash) => (await node()).explainBlock(number, hash),
    resolve: async () => (await node()).resolve(),
    register: async (addresses) => (await node()).register(addresses),
    setAutoRegister: async (enabled) => {
      (await node()).setAutoRegister(enabled === true);
    },
    forks: async () => (await node()).forks(),
    journal: async () => (await node()).journal(),
    setRules: async (rules) => (await node()).setRules(rules),
    measureHashRate: async () => (await node()).measureHashRate(),
    setMiningSettings: async (settings) => (await node()).setMiningSettings(settings),
    tamper: async (edit) => (await node()).tamper(edit),
    repair: async () => (await node()).repair(),
    exportChain: async () => (await node()).exportChain(),
    importChain: async (text) => (await node()).importChain(text),
    request: async (method: HttpMethod, path: string, body?: string) =>
      handleRequest(await node(), method, path, body),
    subscribe: async (listener: (event: NodeEvent) => void) => {
      (await node()).subscribe(listener);
    },
    close: async () => {
      (await node()).close();
    },
  };
}
