import { z } from 'zod';
import type { Sha256 } from '../core/digest';
import type { JsonValue } from '../core/json-value';
import { dumpsPython } from '../core/python-json';
import { newPeerId, peerIdSchema, type NetworkName, type PeerId } from '../network/ids';
import { MAX_CHAIN_CHARS } from '../network/limits';
import type { Transport } from '../network/transport';
import type { NodeMessage } from '../contract/node-messages';
import type { NodeEvent } from '../contract/views';
import type { NodeApi } from '../contract/worker-api';
import { parsePageParams, type PageParams } from './config';
import {
  addTransactionResponse,
  badRequest,
  handleRequest,
  httpResponse,
  mineResponse,
  registerResponse,
  resolveResponse,
} from './endpoints';
import { ExchangeLog } from './exchange-log';
import type { MinerThread } from './mining/miner-pool';
import { createMemoryNodeStore } from './storage/memory-node-store';
import type { NodeStore } from './storage/node-store';
import { storageErrorText } from './storage/node-storage';
import { StartedOnce } from './started-once';
import { TabNode } from './tab-node';
import type { NetworkKey } from './rules/network-authority';
import { createMemoryNetworkKeys, type NetworkKeys } from './storage/network-keys';

export interface NodeApiDeps {
  /** `broker` is the page's `?broker=`; a network over a broker loads its transport on demand */
  readonly transportFor: (network: NetworkName, self: PeerId, broker: string | undefined) => Transport | Promise<Transport>;
  readonly randomUUID: () => string;
  readonly sha256?: Sha256;
  readonly fetchTimeoutMs?: number;
  /** starts one miner thread (a nested worker in the browser) */
  readonly minerThread?: () => MinerThread;
  readonly maxThreads?: number;
  /** opens the browser's storage (IndexedDB); the node runs in memory without it or when it fails */
  readonly openStore?: () => Promise<NodeStore>;
  /** opens where the browser keeps its networks' keys (IndexedDB); in memory without it or when it fails */
  readonly openNetworkKeys?: () => Promise<NetworkKeys>;
}

/** The network's key: the link's, or this browser's own for a network it created. */
export async function networkKeyFor(open: NodeApiDeps['openNetworkKeys'], network: NetworkName, params: Pick<PageParams, 'networkKey' | 'teacherSecret'>): Promise<NetworkKey> {
  let keys: NetworkKeys;
  try {
    keys = open ? await open() : createMemoryNetworkKeys();
  } catch {
    // No IndexedDB: this page's key lives as long as it does; the storage banner says why.
    keys = createMemoryNetworkKeys();
  }
  return keys.keyFor(network, params.networkKey, params.teacherSecret);
}

const identitySchema = z.strictObject({ id: peerIdSchema, duplicatedFrom: z.optional(peerIdSchema) });

/** The page's choice of node id, parsed; a new id when there is none or it is not valid. */
function nodeIdentity(identity: unknown, randomUUID: () => string): { id: PeerId; warnings: NodeMessage[] } {
  if (identity === undefined) return { id: newPeerId(randomUUID), warnings: [] };
  const parsed = identitySchema.safeParse(identity);
  if (!parsed.success) {
    const id = newPeerId(randomUUID);
    return { id, warnings: [{ key: 'invalidNodeId', values: { id: id.slice(0, 8) } }] };
  }
  const { id, duplicatedFrom } = parsed.data;
  return {
    id,
    warnings:
      duplicatedFrom === undefined
        ? []
        : [{ key: 'duplicatedTab', values: { from: duplicatedFrom.slice(0, 8), id: id.slice(0, 8) } }],
  };
}

async function openStore(open: NodeApiDeps['openStore']): Promise<{ store: NodeStore; storageProblem?: NodeMessage }> {
  if (!open) return { store: createMemoryNodeStore() };
  try {
    return { store: await open() };
  } catch (error: unknown) {
    return { store: createMemoryNodeStore(), storageProblem: { key: 'storageRefused', values: { error: storageErrorText(error) } } };
  }
}

/** What the page may send as a request: Werkzeug answers a malformed one with 400. */
const requestSchema = z.object({
  method: z.string().regex(/^[A-Z]{1,16}$/),
  path: z.string().startsWith('/').max(2048),
  body: z.string().max(MAX_CHAIN_CHARS).optional(),
});

/** The form's fields that are text, as the JSON body the button's request would send. */
const formFieldsSchema = z.object({
  sender: z.string().optional().catch(undefined),
  recipient: z.string().optional().catch(undefined),
  amount: z.string().optional().catch(undefined),
});

/**
 * The object the worker exposes to the page. It owns one TabNode, created by `init` from the
 * page's query string; every other call fails clearly until then. It also keeps the exchange
 * log: every typed request and every button that stands for one of the five endpoints.
 */
export function createNodeApi(deps: NodeApiDeps): NodeApi {
  const started = new StartedOnce<TabNode>('The node');
  const pageListeners = new Set<(event: NodeEvent) => void>();
  const log = new ExchangeLog(() => {
    for (const listener of pageListeners) {
      try {
        listener({ topics: ['exchanges'] });
      } catch {
        // A page that went away must not break the node.
      }
    }
  });

  const node = (): Promise<TabNode> => started.get();

  return {
    async init(search, identity) {
      const tab = await started.start(async () => {
        const params = parsePageParams(typeof search === 'string' ? search : '');
        const who = nodeIdentity(identity, deps.randomUUID);
        const created = await TabNode.create({
          id: who.id,
          network: params.network,
          rules: params.rules,
          transport: await deps.transportFor(params.network, who.id, params.broker),
          warnings: [...who.warnings, ...params.warnings],
          ...(await openStore(deps.openStore)),
          networkKey: await networkKeyFor(deps.openNetworkKeys, params.network, params),
          mining: params.mining,
          ...(deps.minerThread ? { minerThread: deps.minerThread } : {}),
          ...(deps.maxThreads === undefined ? {} : { maxThreads: deps.maxThreads }),
          ...(deps.sha256 ? { sha256: deps.sha256 } : {}),
          ...(deps.fetchTimeoutMs === undefined ? {} : { fetchTimeoutMs: deps.fetchTimeoutMs }),
        });
        created.start();
        return created;
      });
      return tab.status();
    },
    status: async () => (await node()).status(),
    chain: async () => (await node()).chainView(),
    pending: async () => (await node()).pending(),
    peers: async () => (await node()).peers(),
    mine: async () => {
      const mined = await (await node()).mine();
      log.record('button', { method: 'GET', path: '/mine' }, httpResponse(mineResponse(mined)));
      return mined;
    },
    cancelMining: async () => {
      (await node()).cancelMining();
    },
    addTransaction: async (form) => {
      const added = (await node()).addTransaction(form);
      const body = added.ok ? added.transaction : formFieldsSchema.parse(typeof form === 'object' && form !== null ? form : {});
      log.record('button', { method: 'POST', path: '/transactions/new', body: requestJson(body) }, httpResponse(addTransactionResponse(added)));
      return added;
    },
    resolve: async () => {
      const tab = await node();
      const resolved = await tab.resolve();
      log.record('button', { method: 'GET', path: '/nodes/resolve' }, httpResponse(resolveResponse(resolved.replaced, tab.chain().blocks)));
      return resolved;
    },
    register: async (addresses) => {
      const result = (await node()).register(addresses);
      const nodes = z.array(z.string()).safeParse(addresses);
      const body = nodes.success ? requestJson({ nodes: nodes.data }) : undefined;
      log.record('button', { method: 'POST', path: '/nodes/register', body }, httpResponse(registerResponse(result)));
      return result;
    },
    balances: async () => (await node()).balances(),
    explainBlock: async (number, hash) => (await node()).explainBlock(number, hash),
    setAutoRegister: async (enabled) => {
      (await node()).setAutoRegister(enabled === true);
    },
    forks: async () => (await node()).forks(),
    journal: async () => (await node()).journal(),
    previewRules: async (rules) => (await node()).previewRules(rules),
    setRules: async (rules) => (await node()).setRules(rules),
    measureHashRate: async () => (await node()).measureHashRate(),
    setMiningSettings: async (settings) => (await node()).setMiningSettings(settings),
    tamper: async (edit) => (await node()).tamper(edit),
    repair: async () => (await node()).repair(),
    exportChain: async () => {
      const running = await node();
      const body = running.exportChain();
      // The file is GET /chain's answer: its cached text is the body, not written a second time.
      log.record('button', { method: 'GET', path: '/chain' }, httpResponse(await handleRequest(running, 'GET', '/chain'), body));
      return body;
    },
    importChain: async (text) => (await node()).importChain(text),
    resetNode: async () => (await node()).reset(),
    // Typed as the page calls it, read as what may really arrive from it.
    request: async (method: unknown, path: unknown, body?: unknown) => {
      const running = await node();
      const parsed = requestSchema.safeParse({ method, path, body });
      if (!parsed.success) {
        const shown = { method: typeof method === 'string' ? method.slice(0, 16) : '?', path: typeof path === 'string' ? path.slice(0, 2048) : '?' };
        return log.record('console', shown, httpResponse(badRequest()));
      }
      const request = parsed.data;
      return log.record('console', request, httpResponse(await handleRequest(running, request.method, request.path, request.body)));
    },
    exchanges: async () => {
      await node();
      return log.list();
    },
    exchangeBody: async (id) => {
      await node();
      return typeof id === 'number' ? log.body(id) : null;
    },
    subscribe: async (listener: (event: NodeEvent) => void) => {
      (await node()).subscribe(listener);
      pageListeners.add(listener);
    },
    close: async () => {
      (await node()).close();
      pageListeners.clear();
    },
  };
}

/** A request body as a curl user would type it: json.dumps with sorted keys. */
const requestJson = (value: { readonly [key: string]: JsonValue | undefined }): string =>
  dumpsPython(Object.fromEntries(Object.entries(value).filter((entry): entry is [string, JsonValue] => entry[1] !== undefined)));
