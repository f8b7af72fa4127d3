import type { Amount } from '../core/balances';
import type { Block, Transaction } from '../core/block';
import type { ChainRelation } from '../core/fork';
import type { ProofRule } from '../core/proof';
import type { NetworkRules, RulesClock, RulesSchedule } from '../core/rules';
import type { Verdict, VerdictCode, VerdictReason, VerdictValues } from '../core/validate';
import type { TransportLink } from '../network/transport';
import type { NodeMessage } from './node-messages';

/**
 * What the page reads of the node and of the network view, part of the contract the page and
 * the node share (see worker-api.ts). Plain data only: it crosses to the page by structured
 * clone.
 */

/** The fields of the Add transaction form, as the tutorial's transaction names them. */
export type TransactionField = 'sender' | 'recipient' | 'amount';

/** `subtle`: the browser's SubtleCrypto; `fast`: a SHA-256 written for the proof-of-work message (node/mining). */
export type MiningEngine = 'subtle' | 'fast';

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

/**
 * Who decides the network's rules: the teacher's public key (in the join link), whether this
 * browser holds its secret half (it is the teacher's), and whether the rules in force carry
 * the teacher's signature (false only while a tab runs its own link's rules, unsigned).
 */
export interface NetworkAuthorityView {
  readonly publicKey: string;
  readonly teacher: boolean;
  readonly rulesSigned: boolean;
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
  /** the link to the network's broker; null over BroadcastChannel (the tabs of this browser) */
  readonly link: TransportLink | null;
  readonly authority: NetworkAuthorityView;
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
  /** the link to the network's broker; null over BroadcastChannel (the tabs of this browser) */
  readonly link: TransportLink | null;
  readonly authority: NetworkAuthorityView;
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
