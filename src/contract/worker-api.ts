import type { Transaction } from '../core/block';
import type { BlockExplanation } from '../core/explain';
import type { AddTransactionResult, ImportResult, MineResult, MiningSettingsResult, RegisterResult, RepairResult, ResetNetworkResult, ResolveResult, RulesPreview, SetRulesResult, TamperResult } from './results';
import type { BalancesView, ChainView, Exchange, ForkView, JournalEntry, NetworkViewEvent, NetworkViewStatus, NodeEvent, NodeStatus, PeerView, TabView } from './views';

/**
 * The contract the page and the node share: the object each worker exposes through comlink.
 * It imports nothing of the node's implementation; the page imports it as types only, and
 * each worker's API object is checked against it by the type checker (node-api.ts,
 * network-view-api.ts).
 */

export interface NodeApi {
  /**
   * Starts the node for a page whose query string is `search`, as the node `identity`
   * (a NodeIdentity, parsed in the worker; a new id without it); returns its status.
   */
  init(search: string, identity?: unknown): Promise<NodeStatus>;
  status(): Promise<NodeStatus>;
  chain(): Promise<ChainView>;
  pending(): Promise<readonly Transaction[]>;
  peers(): Promise<readonly PeerView[]>;
  mine(): Promise<MineResult>;
  /** stops the current proof search (mining or repair); its promise resolves with ok: false */
  cancelMining(): Promise<void>;
  /** the form's raw fields; parsed and checked in the worker */
  addTransaction(form: unknown): Promise<AddTransactionResult>;
  /** each address's balance from our chain, next to its pending spends and receipts */
  balances(): Promise<BalancesView>;
  /** the text hashed for block `number` (1-based) and its proof; null unless our block `number` has that hash */
  explainBlock(number: unknown, hash: unknown): Promise<BlockExplanation | null>;
  resolve(): Promise<ResolveResult>;
  register(addresses: unknown): Promise<RegisterResult>;
  /** anything but `true` switches automatic registration off */
  setAutoRegister(enabled: unknown): Promise<void>;
  forks(): Promise<ForkView>;
  journal(): Promise<readonly JournalEntry[]>;
  /** what `rules` would do if applied now, for the page to say (and ask) first */
  previewRules(rules: unknown): Promise<RulesPreview>;
  /** changes the network's rules: announced to every tab, which adopts them */
  setRules(rules: unknown): Promise<SetRulesResult>;
  /**
   * measures this tab's hash rate with its engine and threads for a moment, unless a proof
   * search runs (then that search's rate is the answer); attempts per second
   */
  measureHashRate(): Promise<number>;
  /** engine and threads for the next search; a search in progress keeps its own */
  setMiningSettings(settings: unknown): Promise<MiningSettingsResult>;
  tamper(edit: unknown): Promise<TamperResult>;
  /** rewrites the links and re-mines every proof the rule requires */
  repair(): Promise<RepairResult>;
  /** `{"chain": [...], "length": N}` exactly as the reference's GET /chain answers */
  exportChain(): Promise<string>;
  importChain(text: unknown): Promise<ImportResult>;
  /** wipes this node's chain, pending transactions and registered nodes, here and in storage; keeps its id */
  resetNode(): Promise<void>;
  /** the tutorial's HTTP endpoints, answered as the Flask node would; recorded as typed in the console */
  request(method: string, path: string, body?: string): Promise<Exchange>;
  /** the last requests and answers, typed or clicked, newest first */
  exchanges(): Promise<readonly Exchange[]>;
  /** the whole answer of a listed exchange, for download; null once it is no longer kept */
  exchangeBody(id: unknown): Promise<string | null>;
  subscribe(listener: (event: NodeEvent) => void): Promise<void>;
  close(): Promise<void>;
}

// ---- the network view (?view=network) ------------------------------------------------------
// An observer of the whole network, in its own worker: it hears every tab, draws their chains
// and sets the network's rules, but mines nothing and is no tab's peer.

export interface NetworkViewApi {
  /** Starts observing the network named in the page's query string `search`. */
  init(search: string): Promise<NetworkViewStatus>;
  status(): Promise<NetworkViewStatus>;
  /** every tab seen, in the order they appeared; closed ones stay listed until a reset */
  tabs(): Promise<readonly TabView[]>;
  /** the chain of every tab online, longest first */
  forks(): Promise<ForkView>;
  /** what `rules` would do if applied now */
  previewRules(rules: unknown): Promise<RulesPreview>;
  /** changes the network's rules: announced to every tab, which adopts them */
  setRules(rules: unknown): Promise<SetRulesResult>;
  /** every tab starts over from a new genesis block with nothing pending */
  resetNetwork(): Promise<ResetNetworkResult>;
  subscribe(listener: (event: NetworkViewEvent) => void): Promise<void>;
  close(): Promise<void>;
}
