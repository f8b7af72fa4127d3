import { initialSchedule } from '../core/rules';
import type { NodeMessage } from '../contract/node-messages';
import type { MiningSettings } from '../contract/views';
import { HashedChain } from './chain/hashed-chain';
import { newGenesis } from './chain-judge';
import type { MinerThread } from './mining/miner-pool';
import type { NetworkMemberOptions } from './network-member';
import { platformSha256 } from './platform';
import { NetworkAuthority, newNetworkKey, type NetworkKey } from './rules/network-authority';
import { createMemoryNodeStore } from './storage/memory-node-store';
import type { NodeStore, StoredNode } from './storage/node-store';
import { loadNode } from './storage/node-storage';

export interface TabNodeOptions extends NetworkMemberOptions {
  readonly autoRegister?: boolean;
  /** starts one miner thread: a worker in the browser; by default one on a MessageChannel */
  readonly minerThread?: () => MinerThread;
  /** the most miner threads (navigator.hardwareConcurrency in the browser) */
  readonly maxThreads?: number;
  /** the engine and threads asked for by the page's URL */
  readonly mining?: Partial<MiningSettings>;
  /** where the node is kept across reloads (IndexedDB in the browser); memory by default */
  readonly store?: NodeStore;
  /** why `store` is in memory when it should not be (IndexedDB could not be opened) */
  readonly storageProblem?: NodeMessage;
  /** whether the page has SubtleCrypto; by default, whether this context has it */
  readonly subtleCrypto?: boolean;
  /**
   * The teacher's key, whose signature alone changes the network's rules or resets it; with
   * its secret half this node is the teacher's. By default a new key: a network of its own.
   */
  readonly networkKey?: NetworkKey;
}

/** How a node begins: a fresh genesis, or the node its store held. */
export interface Beginning {
  readonly chain: HashedChain;
  readonly restored: StoredNode | null;
  readonly store: NodeStore;
  readonly storageProblem: NodeMessage | null;
  readonly authority: NetworkAuthority;
  /** the page's warnings and those of reading the store */
  readonly warnings: readonly NodeMessage[];
}

/**
 * What a node begins with: the node its store held (same network, same id) when it can be
 * read and hashed, else a fresh genesis, each refusal said as a warning; and the network's
 * authority, from its key.
 */
export async function begin(options: TabNodeOptions): Promise<Beginning> {
  const sha256 = options.sha256 ?? platformSha256();
  const key = { network: options.network, id: options.id };
  const { store, problem, loaded } = await loadNode(options.store ?? createMemoryNodeStore(), key, options.storageProblem ?? null);
  const warnings = [...(options.warnings ?? [])];
  let restored = loaded.kind === 'found' ? loaded.node : null;
  if (loaded.kind === 'discarded') warnings.push({ key: 'savedNodeDiscarded', values: { reason: loaded.reason } });
  let chain = restored ? await HashedChain.of(restored.blocks, sha256) : null;
  if (restored && !chain) {
    warnings.push({ key: 'savedChainUnhashable', values: {} });
    restored = null;
  }
  chain ??= await HashedChain.of([newGenesis(options.rules, initialSchedule(options.rules), options.now ?? (() => Date.now() / 1000))], sha256);
  if (!chain) throw new Error('A genesis block can always be hashed.');
  const authority = await NetworkAuthority.of(options.network, options.networkKey ?? newNetworkKey());
  return { chain, restored, store, storageProblem: problem, authority, warnings };
}
