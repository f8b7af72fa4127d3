/**
 * The node as the page sees it: the object the worker exposes through comlink. The page
 * imports this file as a type only, so no node code ends up in the page's bundle.
 */
import type { Amount } from '../core/balances';
import type { Block, Transaction } from '../core/block';
import type { PeerReport } from '../core/consensus';
import type { BlockExplanation } from '../core/explain';
import type { ChainRelation } from '../core/fork';
import type { JsonValue } from '../core/json-value';
import type { Verdict, VerdictCode, VerdictReason, VerdictValues } from '../core/validate';
import type { ProofRule } from '../core/proof';
import type { NetworkRules, RulesClock, RulesSchedule } from '../core/rules';
import type { MiningEngine } from './mining/range-search';

export type { Amount, BlockExplanation, MiningEngine, NetworkRules, RulesSchedule };

/** The fields of the Add transaction form, as the tutorial's transaction names them. */
export type TransactionField = 'sender' | 'recipient' | 'amount';

/**
 * Every sentence the node writes for the page, by key, with the values it fills in. The node
 * stays language-free: it sends the key and values, the page renders `nodeMessages.<key>` in
 * its language. Counts are numbers (the page chooses the plural form); other values are text,
 * but for a chain's verdict, which the page words per code as the sentence's `reason`.
 */
export interface NodeMessageValues {
  // journal entries
  readonly restored: { readonly blocks: number; readonly pending: number; readonly registered: number };
  readonly savingFailed: { readonly error: string };
  readonly minerRestarted: { readonly index: number };
  readonly fastProofRejected: { readonly proof: string };
  readonly autoResolved: { readonly length: number; readonly peer: string; readonly dropped: number; readonly adopted: number; readonly returned: number };
  readonly rulesChangedHere: { readonly changes: string };
  readonly rulesChangedBy: { readonly peer: string; readonly changes: string };
  /** new chain rules from block `from` on: every block below keeps the rules it was mined under */
  readonly rulesFromBlockHere: { readonly changes: string; readonly from: number };
  readonly rulesFromBlockBy: { readonly peer: string; readonly changes: string; readonly from: number };
  /** our blocks from `from` on broke rules that start below them (a change made while we mined): back to pending */
  readonly chainCutUnderRules: { readonly from: number; readonly blocks: number; readonly returned: number; readonly verdict: VerdictReason };
  readonly newGenesisUnderRules: { readonly verdict: VerdictReason };
  readonly chainResetUnderRules: { readonly blocks: number; readonly returned: number; readonly verdict: VerdictReason };
  readonly tamperedStillValid: { readonly block: number };
  readonly tamperedInvalid: { readonly block: number; readonly verdict: VerdictReason };
  readonly repaired: { readonly relinked: number; readonly remined: number; readonly attempts: number; readonly rule: string };
  readonly nodeReset: Record<string, never>;
  readonly networkReset: Record<string, never>;
  // warnings about the page's URL and the node it became
  readonly paramNotOneOf: { readonly name: string; readonly value: string; readonly choices: string };
  readonly paramNotNumber: { readonly name: string; readonly value: string };
  readonly paramNotWholeNumber: { readonly name: string; readonly value: string };
  readonly paramTooSmall: { readonly name: string; readonly value: string; readonly min: number };
  readonly paramTooLarge: { readonly name: string; readonly value: string; readonly max: number };
  readonly paramNotSwitch: { readonly name: string; readonly value: string };
  readonly paramGenesis: { readonly value: string };
  readonly paramNetwork: { readonly value: string };
  readonly strictNeeded: { readonly value: string };
  readonly threadsLowered: { readonly threads: number; readonly max: number };
  readonly savedNodeDiscarded: { readonly reason: string };
  readonly savedChainUnhashable: Record<string, never>;
  readonly adoptedNetworkRules: { readonly peer: string };
  readonly invalidNodeId: { readonly id: string };
  readonly duplicatedTab: { readonly from: string; readonly id: string };
  /** opened over plain http from another computer: no SubtleCrypto, JavaScript hashes and the fast engine mines */
  readonly noSubtleCrypto: Record<string, never>;
  // storage problems
  readonly storageRefused: { readonly error: string };
  readonly readingFailed: { readonly error: string };
  // the Add transaction form's and the tamper lab's field errors
  readonly senderRequired: Record<string, never>;
  readonly recipientRequired: Record<string, never>;
  readonly amountRequired: Record<string, never>;
  readonly timestampRequired: Record<string, never>;
  readonly senderTooLong: { readonly max: number };
  readonly recipientTooLong: { readonly max: number };
  readonly amountTooLong: { readonly max: number };
  readonly timestampTooLong: { readonly max: number };
  readonly amountNotNumber: Record<string, never>;
  readonly timestampNotNumber: Record<string, never>;
  readonly amountOutOfRange: { readonly max: string };
  // a payment refused under the balances rule (core/balances SpendRefusal)
  readonly spendUncountable: Record<string, never>;
  readonly spendReward: Record<string, never>;
  readonly spendNegative: { readonly amount: string; readonly recipient: string };
  readonly spendTooMuch: { readonly sender: string; readonly available: string; readonly amount: string };
  readonly spendTooMuchHeld: { readonly sender: string; readonly available: string; readonly balance: string; readonly amount: string };
  // why mining or a repair stopped without a result
  readonly busyMining: { readonly index: number };
  readonly busyRepairing: { readonly index: number };
  readonly miningCancelled: Record<string, never>;
  readonly repairCancelled: Record<string, never>;
  readonly chainEmpty: Record<string, never>;
  readonly cannotMine: { readonly block: number; readonly reason: string };
  readonly cannotRepair: { readonly block: number; readonly reason: string };
  readonly chainChangedDuringRepair: Record<string, never>;
  readonly minerFailed: { readonly error: string };
  // a chain file refused before it was judged
  readonly fileNotText: Record<string, never>;
  readonly fileTooLarge: { readonly size: string };
  // why the next block leaves a pending transaction out (core/balances WaitReason)
  readonly waitUncountable: Record<string, never>;
  readonly waitReward: Record<string, never>;
  readonly waitNegative: { readonly amount: string };
  readonly waitUnaffordable: { readonly sender: string; readonly balance: string; readonly amount: string };
  // a tamper-lab edit refused before it was made (its field errors are the form's above)
  readonly tamperNotAnEdit: Record<string, never>;
  readonly tamperNoBlock: { readonly block: number; readonly length: number };
  readonly tamperNoTransaction: { readonly block: number; readonly transaction: number };
  // new network rules refused
  readonly rulesNotOneOf: { readonly name: string; readonly choices: string };
  readonly rulesDifficulty: { readonly min: number; readonly max: number };
  readonly rulesNotSwitch: { readonly name: string };
  readonly rulesUnknown: { readonly name: string };
  readonly balancesNeedStrict: Record<string, never>;
  readonly rulesNotAnObject: Record<string, never>;
  readonly rulesTooManySteps: { readonly max: number };
  // new mining settings refused
  readonly miningEngineNotOneOf: { readonly choices: string };
  readonly miningThreads: { readonly max: number };
  readonly miningSettingsNotAnObject: Record<string, never>;
  readonly noSubtleEngine: Record<string, never>;
  // the tutorial's register_node
  readonly registerNotAList: Record<string, never>;
  readonly registerInvalidUrl: { readonly address: string };
  readonly nodesAdded: Record<string, never>;
}

export type NodeMessageKey = keyof NodeMessageValues;

/** One sentence of the node: its key and values, rendered by the page in its language. */
export type NodeMessage = { readonly [K in NodeMessageKey]: { readonly key: K; readonly values: NodeMessageValues[K] } }[NodeMessageKey];

/** How this tab mines: a setting of the tab, not of the network. */
export interface MiningSettings {
  readonly engine: MiningEngine;
  /** miner threads, 1 to maxThreads */
  readonly threads: number;
}

/** Where the node keeps its data: IndexedDB survives a reload, memory does not. */
export type StorageKind = 'indexeddb' | 'memory';

export interface StorageStatus {
  readonly kind: StorageKind;
  /** why the node runs in memory when it should not (IndexedDB refused, quota exceeded), else null */
  readonly problem: NodeMessage | null;
}

/**
 * Which node the page asks the worker to be: the id this tab kept in its sessionStorage,
 * and, when the tab turned out to be a duplicate of another tab, the id it copied.
 */
export interface NodeIdentity {
  readonly id: string;
  readonly duplicatedFrom?: string;
}

/** `balances` changes with the chain and the pending list, and is sent with them. */
export type NodeTopic = 'status' | 'chain' | 'pending' | 'balances' | 'peers' | 'forks' | 'journal' | 'exchanges';

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
  /** the proof rule and difficulty of the block searched (the rules in force at its height) */
  readonly rule: ProofRule;
  readonly difficulty: number;
  /** attempts per second of this search alone, null until it has run long enough to tell */
  readonly rate: number | null;
  /** a guess the search tried a moment ago and its hash: what "hard to find" looks like */
  readonly sample: GuessSample | null;
}

/** One guess of a proof search: the proof tried, the text hashed and its SHA-256. */
export interface GuessSample {
  readonly proof: string;
  readonly guess: string;
  readonly hash: string;
}

export interface NodeStatus {
  readonly id: string;
  readonly network: string;
  /** the network's rules as last set: what new blocks are mined under once the chain reaches their height */
  readonly rules: NetworkRules;
  /** the chain rules by height: every block is judged under the step that holds its number */
  readonly schedule: RulesSchedule;
  /** which version of the network's rules this node runs (see core/rules) */
  readonly rulesClock: RulesClock;
  /**
   * attempts per second of this tab with its engine and threads, from its real proof searches
   * (or a short measurement made while nothing else ran); null until known
   */
  readonly hashRate: number | null;
  /** this tab's place in the class (its letter and colour, see network/badges), null until it took one */
  readonly slot: number | null;
  readonly miningSettings: MiningSettings;
  /** this computer's logical processors (navigator.hardwareConcurrency): the most threads */
  readonly maxThreads: number;
  /** whether the page has SubtleCrypto (a secure context: https or localhost); without it JavaScript hashes */
  readonly subtleCrypto: boolean;
  readonly autoRegister: boolean;
  readonly height: number;
  readonly pendingCount: number;
  readonly mining: MiningState | null;
  /** peer messages that failed to parse and were dropped */
  readonly malformedMessages: number;
  /** valid peer messages dropped because their sender sent too many (see network/limits) */
  readonly droppedMessages: number;
  /** URL parameters that were ignored and what became of the saved node, one sentence each */
  readonly warnings: readonly NodeMessage[];
  readonly storage: StorageStatus;
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
  | {
      readonly kind: 'invalid';
      readonly code: VerdictCode;
      readonly block: number | null;
      readonly reason: string;
      readonly values?: VerdictValues;
    };

export interface PeerTip {
  readonly height: number;
  readonly hash: string;
}

export interface PeerView {
  readonly id: string;
  readonly discovered: boolean;
  readonly registered: boolean;
  readonly status: PeerStatus;
  /** the peer's place in the class (its letter and colour), null until it told us */
  readonly slot: number | null;
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
  readonly kind:
    | 'auto-resolve'
    | 'rules'
    | 'chain-reset'
    | 'restart'
    | 'repair'
    | 'tamper'
    | 'engine'
    | 'network-reset'
    | 'restored'
    | 'reset'
    | 'storage';
  readonly message: NodeMessage;
}

export type EndpointResponse =
  | { readonly status: number; readonly kind: 'json'; readonly body: JsonValue }
  | { readonly status: number; readonly kind: 'text'; readonly body: string };

export type HttpMethod = 'GET' | 'POST';

/** A request typed in the API console, or the request a button's action stands for. */
export type ExchangeOrigin = 'console' | 'button';

/** One request to the tutorial's endpoints and the node's answer, as the API console lists it. */
export interface Exchange {
  readonly id: number;
  readonly at: number;
  readonly origin: ExchangeOrigin;
  readonly method: string;
  readonly path: string;
  /** the JSON sent, as typed or as the button's request would send it; null without a body */
  readonly requestBody: string | null;
  readonly status: number;
  /** `HTTP/1.1 201 CREATED`, as Flask's server writes it */
  readonly statusLine: string;
  /** JSON laid out as jsonify pretty-prints it, or text (a plain answer or Werkzeug's error page) */
  readonly json: boolean;
  /** the answer's body, cut when it is long */
  readonly responseBody: string;
  /** the whole body's length: longer than responseBody when that was cut */
  readonly responseLength: number;
}

export type MineResult =
  | { readonly ok: true; readonly block: Block; readonly hash: string; readonly attempts: number; readonly ms: number }
  | StoppedWork;

/** Why a proof search (mining or repair) ended without a result: `reason` in English for the HTTP answer, `message` for the page. */
export interface StoppedWork {
  readonly ok: false;
  readonly reason: string;
  readonly message: NodeMessage;
}

/** One address in the Balances panel; amounts are Python ints (bigint) or floats (number). */
export interface BalanceRow {
  readonly address: string;
  /** counted from our chain, rewards included */
  readonly confirmed: Amount;
  /** what its pending transactions spend */
  readonly pendingOut: Amount;
  /** what pending transactions pay it: spendable once they are in a block */
  readonly pendingIn: Amount;
  /** confirmed less its pending spends: the most a new transaction may spend under the balances rule */
  readonly available: Amount;
  /** this node's own address: its id, which receives its mining rewards */
  readonly own: boolean;
}

/** A pending transaction the next block leaves out (core/balances WaitReason), with why for the page. */
export interface WaitingPayment {
  readonly transaction: Transaction;
  readonly reason: NodeMessage;
}

export interface BalancesView {
  /** whether the network's rules refuse overspending (`balances`) */
  readonly enforced: boolean;
  /** every address of our chain and pending list, ours always among them */
  readonly rows: readonly BalanceRow[];
  /** pending transactions the next block leaves out under the balances rule, with why */
  readonly waiting: readonly WaitingPayment[];
  /** transactions of our chain that could not be counted (an address that is not text, an amount that is not a number) */
  readonly uncounted: number;
}

/** The tutorial's new_transaction: the index of the block it will join, or why it was refused. */
export type NewTransactionResult =
  | { readonly ok: true; readonly blockIndex: number }
  | { readonly ok: false; readonly reason: string; readonly message: NodeMessage };

/**
 * `errors` in English, as the HTTP answer of the button's request holds them; `messages`,
 * the same errors for the page to show in its language.
 */
export type AddTransactionResult =
  | { readonly ok: true; readonly blockIndex: number; readonly transaction: Transaction }
  | {
      readonly ok: false;
      readonly errors: Partial<Record<TransactionField, string>>;
      readonly messages: Partial<Record<TransactionField, NodeMessage>>;
    };

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
}

export type ImportResult =
  | { readonly adopted: true; readonly length: number; readonly replacement: ChainReplacement }
  | { readonly adopted: false; readonly error: string; readonly verdict: Verdict }
  /** refused before it was judged (not text, too large): `message` for the page */
  | { readonly adopted: false; readonly error: string; readonly verdict: null; readonly message: NodeMessage };

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
  | { readonly ok: false; readonly message: NodeMessage };

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
  | StoppedWork;

export type MiningSettingsResult =
  | { readonly ok: true; readonly settings: MiningSettings }
  | { readonly ok: false; readonly message: NodeMessage };

/**
 * What new rules would do before they are applied: take effect `from` a block (every block
 * below keeps its rules), change nothing the chain is judged by, or restart every chain (a new
 * genesis), erasing the mined `blocks` of `tabs` tabs known now (their payments go back to pending).
 */
export type RulesPreview =
  | { readonly ok: true; readonly change: 'same' }
  | { readonly ok: true; readonly change: 'from-height'; readonly from: number }
  | { readonly ok: true; readonly change: 'restart'; readonly blocks: number; readonly tabs: number }
  | { readonly ok: false; readonly message: NodeMessage };

export type SetRulesResult =
  | {
      readonly ok: true;
      readonly rules: NetworkRules;
      /** the block the new chain rules start at; null when they did not change the chain rules or restarted them */
      readonly from: number | null;
      /** whether our own chain started again from a new genesis */
      readonly chainReset: boolean;
    }
  | { readonly ok: false; readonly message: NodeMessage };

export interface RegisterResult {
  readonly ok: boolean;
  /** the tutorial's English answer, as POST /nodes/register gives it */
  readonly message: string;
  /** the same for the page, in its language */
  readonly notice: NodeMessage;
  readonly registered: readonly string[];
}

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

export type NetworkViewTopic = 'status' | 'tabs' | 'forks';

/** Sent to the view's page whenever something it shows changed; the page refetches those topics. */
export interface NetworkViewEvent {
  readonly topics: readonly NetworkViewTopic[];
}

export interface NetworkViewStatus {
  /** the observer's own id: it signs the rules and resets it announces */
  readonly id: string;
  readonly network: string;
  readonly rules: NetworkRules;
  readonly schedule: RulesSchedule;
  readonly rulesClock: RulesClock;
  /** false until a tab told the view its rules or the view set them: until then `rules` are only the address's */
  readonly rulesKnown: boolean;
  readonly warnings: readonly NodeMessage[];
}

/** One tab as the network view shows it; null where the tab has not told it yet. */
export interface TabView {
  readonly id: string;
  readonly status: PeerStatus;
  /** the tab's place in the class (its letter and colour), null until it told the view */
  readonly slot: number | null;
  readonly height: number | null;
  readonly tipHash: string | null;
  readonly pendingCount: number | null;
  /** searching a proof: mining, or repairing a tampered chain */
  readonly mining: boolean | null;
  /** attempts per second while it mines */
  readonly hashRate: number | null;
  /** its chain judged under the network's rules, once fetched */
  readonly chainValid: boolean | null;
  /** why its chain is invalid, worded by the page */
  readonly chainProblem: VerdictReason | null;
  /** its newest blocks (at most 8), oldest first, once its chain was fetched */
  readonly recent: readonly BlockSummary[];
}

/** A block as the network view's strip draws it. */
export interface BlockSummary {
  /** 1-based position in its chain */
  readonly number: number;
  readonly hash: string;
  /** its previous_hash as written in the block */
  readonly previousHash: string;
  readonly proof: string;
  readonly transactions: number;
  /** previous_hash is the hash of the block before (always true for the first block) */
  readonly linked: boolean;
  /** the chain is valid up to and including this block */
  readonly valid: boolean;
}

export interface ResetNetworkResult {
  /** the version of the rules the reset carries */
  readonly epoch: number;
  /** tabs online when the reset was sent */
  readonly tabs: number;
}

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
