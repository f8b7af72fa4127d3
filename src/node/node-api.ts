import { z } from 'zod';
import type { Sha256 } from '../core/digest';
import { newPeerId, peerIdSchema, type NetworkName, type PeerId } from '../network/ids';
import type { Transport } from '../network/transport';
import type { HttpMethod, NodeApi, NodeEvent } from './api';
import { parsePageParams } from './config';
import { handleRequest } from './endpoints';
import type { MinerThread } from './mining/miner-pool';
import { createMemoryNodeStore, type NodeStore } from './storage/node-store';
import { storageErrorText } from './storage/node-storage';
import { TabNode } from './tab-node';

export interface NodeApiDeps {
  readonly transportFor: (network: NetworkName) => Transport;
  readonly randomUUID: () => string;
  readonly sha256?: Sha256;
  readonly fetchTimeoutMs?: number;
  /** starts one miner thread (a nested worker in the browser) */
  readonly minerThread?: () => MinerThread;
  readonly maxThreads?: number;
  /** opens the browser's storage (IndexedDB); the node runs in memory without it or when it fails */
  readonly openStore?: () => Promise<NodeStore>;
}

const identitySchema = z.strictObject({ id: peerIdSchema, duplicatedFrom: peerIdSchema.optional() });

/** The page's choice of node id, parsed; a new id when there is none or it is not valid. */
function nodeIdentity(identity: unknown, randomUUID: () => string): { id: PeerId; warnings: string[] } {
  if (identity === undefined) return { id: newPeerId(randomUUID), warnings: [] };
  const parsed = identitySchema.safeParse(identity);
  if (!parsed.success) {
    const id = newPeerId(randomUUID);
    return { id, warnings: [`The page asked for a node id that is not valid, so this tab became a new node ${id.slice(0, 8)}.`] };
  }
  const { id, duplicatedFrom } = parsed.data;
  return {
    id,
    warnings:
      duplicatedFrom === undefined
        ? []
        : [`This tab was duplicated from node ${duplicatedFrom.slice(0, 8)}, which is still open; it became a new node ${id.slice(0, 8)}.`],
  };
}

async function openStore(open: NodeApiDeps['openStore']): Promise<{ store: NodeStore; storageProblem?: string }> {
  if (!open) return { store: createMemoryNodeStore() };
  try {
    return { store: await open() };
  } catch (error: unknown) {
    return { store: createMemoryNodeStore(), storageProblem: `This browser refused to open its storage (${storageErrorText(error)}).` };
  }
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
    async init(search, identity) {
      started ??= (async () => {
        const params = parsePageParams(typeof search === 'string' ? search : '');
        const who = nodeIdentity(identity, deps.randomUUID);
        const created = await TabNode.create({
          id: who.id,
          network: params.network,
          rules: params.rules,
          transport: deps.transportFor(params.network),
          warnings: [...who.warnings, ...params.warnings],
          ...(await openStore(deps.openStore)),
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
    resetNode: async () => (await node()).reset(),
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
