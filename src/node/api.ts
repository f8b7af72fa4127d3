/**
 * The node as the page sees it: the object the worker exposes through comlink. The page
 * imports this file as a type only, so no node code ends up in the page's bundle.
 */
import type { Block, Transaction } from '../core/block';
import type { PeerReport } from '../core/consensus';
import type { JsonValue } from '../core/json-value';
import type { Verdict } from '../core/validate';
import type { NetworkRules } from './config';
import type { TransactionField } from './transaction-input';

export type { NetworkRules, TransactionField };

export type NodeTopic = 'status' | 'chain' | 'pending' | 'peers';

/** Sent to the page whenever something it shows changed; the page refetches those topics. */
export interface NodeEvent {
  readonly topics: readonly NodeTopic[];
}

export interface MiningState {
  readonly index: number;
  readonly startedAt: number;
  readonly attempts: number;
}

export interface NodeStatus {
  readonly id: string;
  readonly network: string;
  readonly rules: NetworkRules;
  readonly autoRegister: boolean;
  readonly height: number;
  readonly pendingCount: number;
  readonly mining: MiningState | null;
  /** peer messages that failed to parse and were dropped */
  readonly malformedMessages: number;
  /** URL parameters that were ignored, one sentence each */
  readonly warnings: readonly string[];
}

export interface ChainView {
  readonly blocks: readonly Block[];
  /** hashes[i] is the SHA-256 of blocks[i] as Python computes it */
  readonly hashes: readonly string[];
}

/** `silent`: still announced, but did not answer our last request in time (a crashed tab). */
export type PeerStatus = 'online' | 'silent' | 'left';

export interface PeerView {
  readonly id: string;
  readonly discovered: boolean;
  readonly registered: boolean;
  readonly status: PeerStatus;
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
  /** the form's raw fields; parsed and checked in the worker */
  addTransaction(form: unknown): Promise<AddTransactionResult>;
  resolve(): Promise<ResolveResult>;
  register(addresses: unknown): Promise<RegisterResult>;
  /** anything but `true` switches automatic registration off */
  setAutoRegister(enabled: unknown): Promise<void>;
  /** `{"chain": [...], "length": N}` exactly as the reference's GET /chain answers */
  exportChain(): Promise<string>;
  importChain(text: unknown): Promise<ImportResult>;
  /** the tutorial's HTTP endpoints, answered as the Flask node would */
  request(method: HttpMethod, path: string, body?: string): Promise<EndpointResponse>;
  subscribe(listener: (event: NodeEvent) => void): Promise<void>;
  close(): Promise<void>;
}
