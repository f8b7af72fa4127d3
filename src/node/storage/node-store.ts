import type { Block, Transaction } from '../../core/block';
import type { NetworkRules, RulesClock, RulesSchedule } from '../../core/rules';
import type { NetworkName, PeerId } from '../../network/ids';
import type { MiningSettings, StorageKind } from '../api';

/** One node of one network: two tabs on two networks never share a record. */
export interface NodeKey {
  readonly network: NetworkName;
  readonly id: PeerId;
}

/** Everything a node keeps across reloads besides its blocks. */
export interface NodeState {
  readonly pending: readonly Transaction[];
  /** the tutorial's `self.nodes`, in the order they were registered */
  readonly registered: readonly string[];
  readonly rules: NetworkRules;
  /** the chain rules by height the rules add up to */
  readonly schedule: RulesSchedule;
  readonly rulesClock: RulesClock;
  readonly autoRegister: boolean;
  readonly mining: MiningSettings;
  /** this tab's place in the class, taken again after a reload when still free */
  readonly slot?: number;
}

export interface StoredNode extends NodeState {
  readonly blocks: readonly Block[];
}

/**
 * One write, applied in one transaction: the state, the chain's height, and the blocks from
 * position `from` on when the chain changed (blocks past `height` are deleted).
 */
export interface NodeWrite {
  readonly state: NodeState;
  readonly height: number;
  readonly changedBlocks: { readonly from: number; readonly blocks: readonly Block[] } | null;
}

export type LoadResult =
  | { readonly kind: 'empty' }
  | { readonly kind: 'found'; readonly node: StoredNode }
  /** a record that is corrupted or of an older format: the node starts afresh */
  | { readonly kind: 'discarded'; readonly reason: string };

/** Where a node's data lives: IndexedDB in the browser, memory in tests and when IndexedDB fails. */
export interface NodeStore {
  readonly kind: StorageKind;
  load(key: NodeKey): Promise<LoadResult>;
  save(key: NodeKey, write: NodeWrite): Promise<void>;
  /** deletes the node's record and blocks */
  wipe(key: NodeKey): Promise<void>;
  close(): void;
}
