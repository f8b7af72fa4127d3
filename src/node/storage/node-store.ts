import type { Block, Transaction } from '../../core/block';
import type { NetworkRules, RulesClock, RulesSchedule } from '../../core/rules';
import type { NetworkName, PeerId } from '../../network/ids';
import type { MiningSettings, StorageKind } from '../../contract/views';

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
  /** the teacher's signature of these rules; null while no teacher signed them */
  readonly rulesSignature: string | null;
  readonly autoRegister: boolean;
  readonly mining: MiningSettings;
  /** this tab's place in the class, taken again after a reload when still free */
  readonly slot?: number;
}

/** A piece of a stored node that can be dropped on its own when it cannot be read. */
export type StoredPart = 'pending' | 'registered' | 'rules' | 'settings' | 'slot';

/**
 * A node as its store held it. Only its chain is needed to keep it: any other piece that
 * could not be read (damaged, or written by another version) is left out and named in
 * `dropped`, and the node goes on with what its page's address asks for there.
 */
export interface StoredNode {
  readonly blocks: readonly Block[];
  readonly pending?: readonly Transaction[];
  readonly registered?: readonly string[];
  readonly rules?: { readonly rules: NetworkRules; readonly schedule: RulesSchedule; readonly rulesClock: RulesClock; readonly rulesSignature: string | null };
  readonly autoRegister?: boolean;
  readonly mining?: MiningSettings;
  readonly slot?: number;
  readonly dropped: readonly StoredPart[];
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
