/**
 * The node as the page sees it: the object the worker exposes through comlink. The page
 * imports this file as a type only, so no node code ends up in the page's bundle.
 */
import type { Block, Transaction } from '../core/block';
import type { PeerReport } from '../core/consensus';
import type { ChainRelation } from '../core/fork';
import type { JsonValue } from '../core/json-value';
import type { Verdict } from '../core/validate';
import type { NetworkRules, RulesClock } from '../core/rules';
import type { MiningEngine } from './mining/range-search';
import type { TransactionField } from './transaction-input';

export type { MiningEngine, NetworkRules, TransactionField };

/** How this tab mines: a setting of the tab, not of the network. */
export interface MiningSettings {
  readonly engine: MiningEngine;
  /** miner threads, 1 to maxThreads */
  readonly threads: number;
}

export type NodeTopic = 'status' | 'chain' | 'pending' | 'peers' | 'forks' | 'journal';

/** Sent to the page whenever something it shows changed; the page refetches those topics. */
export interface NodeEvent {
  readonly topics: readonly NodeTopic[];
}

export interface MiningState {
  /** `repair` re-mines the proofs of a tampered chain */
  readonly purpose: 'mine' | 'repair';
  /** the block whose proof is being searched */
  readonly index: number;
  readonly startedAt: number;
  /** time since it started, as of this status */
  readonly elapsedMs: number;
  /** attempts so far, for this whole job */
  readonly attempts: number;
  /** how many times the miner started again because the chain changed under it */
  readonly restarts: number;
  readonly engine: MiningEngine;
  readonly threads: number;
}

export interface NodeStatus {
  readonly id: string;
  readonly network: string;
  readonly rules: NetworkRules;
  /** which version of the network's rules this node runs (see core/rules) */
  readonly rulesClock: RulesClock;
  /** attempts per second of this tab's last proof search, or null before the first */
  readonly hashRate: number | null;
  readonly miningSettings: MiningSettings;
  /** this computer's logical processors (navigator.hardwareConcurrency): the most threads */
  readonly maxThreads: number;
  readonly autoRegister: boolean;
  readonly height: number;
  readonly pendingCount: number;
  readonly mining: MiningState | null;
  /** peer messages that failed to parse and were dropped */
  readonly malformedMessages: number;
  /** valid peer messages dropped because their sender sent too many (see network/limits) */
  readonly droppedMessages: number;
  /** URL parameters that were ignored, one sentence each */
  readonly warnings: readonly string[];
}

export interface ChainView {
  readonly blocks: readonly Block[];
  /** hashes[i] is the SHA-256 of blocks[i] as Python computes it */
  readonly hashes: readonly string[];
  /** our own chain judged under the network's rules (a tampered chain is invalid) */
  readonly verdict: Verdict;
  /** 1-based numbers of the blocks edited in the tamper lab since the last repair */
  readonly tampered: readonly number[];
}

/** `silent`: still announced, but did not answer our last request in time (a crashed tab). */
export type PeerStatus = 'online' | 'silent' | 'left';

/**
 * A peer's chain relative to ours. `unknown-fork`: its tip is not on our chain and its chain
 * has not been fetched yet (ahead or diverged). `invalid`: its fetched chain fails our rules.
 */
export type PeerRelation =
  | ChainRelation
  | { readonly kind: 'unknown-fork'; readonly height: number }
  | { readonly kind: 'invalid'; readonly block: number | null; readonly reason: string };

export interface PeerTip {
  readonly height: number;
  readonly hash: string;
}

export interface PeerView {
  readonly id: string;
  readonly discovered: boolean;
  readonly registered: boolean;
  readonly status: PeerStatus;
  /** the peer's last announced tip, null until it announced one */
  readonly tip: PeerTip | null;
  readonly relation: PeerRelation | null;
}

/** A chain this tab knows, as the list of its block hashes from the genesis on. */
export interface KnownChain {
  /** the node that holds it */
  readonly owner: string;
  readonly hashes: readonly string[];
  readonly valid: boolean;
}

/** Everything the fork tree draws: chains merged by block hash. */
export interface ForkView {
  /** ours first, then the last known chain of every peer still online */
  readonly chains: readonly KnownChain[];
  /** our former chains whose last blocks were dropped by a replacement, newest first */
  readonly orphaned: readonly (readonly string[])[];
}

/** Something the node did on its own or was told by a peer, for the activity log. */
export interface JournalEntry {
  readonly id: number;
  readonly at: number;
  readonly kind: 'auto-resolve' | 'rules' | 'chain-reset' | 'restart' | 'repair' | 'tamper' | 'engine';
  readonly text: string;
}

export type EndpointResponse =
  | { readonly status: number; readonly kind: 'json'; readonly body: JsonValue }
  | { readonly status: number; readonly kind: 'text'; readonly body: string };

export type HttpMethod = 'GET' | 'POST';

export type MineResult =
  | { readonly ok: true; readonly block: Block; readonly hash: string; readonly attempts: number; readonly ms: number }
  | { readonly ok: false; readonly reason: string };

export type AddTransactionResult =
  | { readonly ok: true; readonly blockIndex: number; readonly transaction: Transaction }
  | { readonly ok: false; readonly errors: Partial<Record<TransactionField, string>> };

/** What a chain replacement did: nothing lost, nothing doubled. */
export interface ChainReplacement {
  /** how many leading blocks both chains share */
  readonly fork: number;
  /** hashes of our blocks that left the chain */
  readonly dropped: readonly string[];
  /** hashes of the new chain's blocks after the fork */
  readonly adopted: readonly string[];
  /** transactions of dropped blocks that the new chain lacks: back to pending */
  readonly returned: readonly Transaction[];
  /** pending transactions the new chain already holds: no longer pending */
  readonly confirmed: readonly Transaction[];
}

export interface ResolveResult {
  readonly replaced: boolean;
  /** the peer whose chain we adopted */
  readonly winner: string | null;
  readonly ourLength: number;
  readonly reports: readonly PeerReport[];
  readonly replacement: ChainReplacement | null;
  readonly response: EndpointResponse;
}

export type ImportResult =
  | { readonly adopted: true; readonly length: number; readonly replacement: ChainReplacement }
  | { readonly adopted: false; readonly error: string; readonly verdict: Verdict | null };

/** One edit in the tamper lab: a transaction field or the timestamp of one of our blocks. */
export interface TamperEdit {
  /** 1-based block number */
  readonly block: number;
  /** `timestamp`, or a transaction's field */
  readonly field: 'timestamp' | 'sender' | 'recipient' | 'amount';
  /** 0-based position in the block's transactions; ignored for the timestamp */
  readonly transaction?: number;
  /** the new value as typed: text for sender and recipient, a number for amount and timestamp */
  readonly value: string;
}

export type TamperResult =
  | { readonly ok: true; readonly hash: string; readonly verdict: Verdict }
  | { readonly ok: false; readonly error: string };

export type RepairResult =
  | {
      readonly ok: true;
      /** blocks whose previous_hash was rewritten */
      readonly relinked: number;
      /** blocks whose proof had to be searched again */
      readonly remined: number;
      readonly attempts: number;
      readonly ms: number;
      readonly verdict: Verdict;
    }
  | { readonly ok: false; readonly reason: string };

export type MiningSettingsResult =
  | { readonly ok: true; readonly settings: MiningSettings }
  | { readonly ok: false; readonly error: string };

export type SetRulesResult =
  | { readonly ok: true; readonly rules: NetworkRules; readonly chainReset: boolean }
  | { readonly ok: false; readonly error: string };

export interface RegisterResult {
  readonly ok: boolean;
  readonly message: string;
  readonly registered: readonly string[];
}

export interface NodeApi {
  /** Starts the node for a page whose query string is `search`; returns its status. */
  init(search: string): Promise<NodeStatus>;
  status(): Promise<NodeStatus>;
  chain(): Promise<ChainView>;
  pending(): Promise<readonly Transaction[]>;
  peers(): Promise<readonly PeerView[]>;
  mine(): Promise<MineResult>;
  /** stops the current proof search (mining or repair); its promise resolves with ok: false */
  cancelMining(): Promise<void>;
  /** the form's raw fields; parsed and checked in the worker */
  addTransaction(form: unknown): Promise<AddTransactionResult>;
  resolve(): Promise<ResolveResult>;
  register(addresses: unknown): Promise<RegisterResult>;
  /** anything but `true` switches automatic registration off */
  setAutoRegister(enabled: unknown): Promise<void>;
  forks(): Promise<ForkView>;
  journal(): Promise<readonly JournalEntry[]>;
  /** changes the network's rules: announced to every tab, which adopts them */
  setRules(rules: unknown): Promise<SetRulesResult>;
  /** measures this tab's hash rate with its engine and threads for a short moment; attempts per second */
  measureHashRate(): Promise<number>;
  /** engine and threads for the next search; a search in progress keeps its own */
  setMiningSettings(settings: unknown): Promise<MiningSettingsResult>;
  tamper(edit: unknown): Promise<TamperResult>;
  /** rewrites the links and re-mines every proof the rule requires */
  repair(): Promise<RepairResult>;
  /** `{"chain": [...], "length": N}` exactly as the reference's GET /chain answers */
  exportChain(): Promise<string>;
  importChain(text: unknown): Promise<ImportResult>;
  /** the tutorial's HTTP endpoints, answered as the Flask node would */
  request(method: HttpMethod, path: string, body?: string): Promise<EndpointResponse>;
  subscribe(listener: (event: NodeEvent) => void): Promise<void>;
  close(): Promise<void>;
}
