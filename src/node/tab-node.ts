import { z } from 'zod';
import {
  blockIndex,
  blockProof,
  forgeBlock,
  rewardTransaction,
  type Block,
  type Transaction,
} from '../core/block';
import { readLedger, spendRefusal, spendRefusalText, type Ledger } from '../core/balances';
import { chooseChain, type ChainCandidate } from '../core/consensus';
import { forkPoint, relationFromTip, relationOf } from '../core/fork';
import { reconcilePending } from '../core/mempool';
import { encodeUtf8, sha256Hex, subtleSha256, type Sha256 } from '../core/digest';
import type { BlockExplanation } from '../core/explain';
import { hashBlock } from '../core/hash';
import { isJsonObject, type JsonValue } from '../core/json-value';
import { blockContentHash, checkProof, guessParts, hasLeadingZeroNibbles } from '../core/proof';
import { dumpsPython, parsePythonJson } from '../core/python-json';
import {
  changedRuleFields,
  initialSchedule,
  networkRulesSchema,
  nextSchedule,
  rulesAt,
  rulesClockWins,
  sameSchedule,
  type ChainRules,
  type NetworkRules,
  type RulesClock,
  type RulesSchedule,
  type ScheduleChange,
} from '../core/rules';
import type { Verdict } from '../core/validate';
import { createBadgeBook, type BadgeBook } from '../network/badges';
import { parsePeerId, type NetworkName, type PeerId } from '../network/ids';
import { MAX_CHAIN_CHARS, MAX_TIP_BLOCK_CHARS, formatChars } from '../network/limits';
import type { ChainPoint } from '../network/messages';
import { createPeerNetwork, type Announcement, type ChainBody, type PeerNetwork } from '../network/peer-network';
import type {
  AddTransactionResult,
  BalancesView,
  ChainReplacement,
  ChainView,
  ForkView,
  ImportResult,
  JournalEntry,
  KnownChain,
  MineResult,
  MiningSettings,
  MiningSettingsResult,
  MiningState,
  GuessSample,
  NewTransactionResult,
  NodeEvent,
  NodeMessage,
  NodeStatus,
  NodeTopic,
  PeerRelation,
  PeerTip,
  PeerView,
  RegisterResult,
  RepairResult,
  ResolveResult,
  RulesPreview,
  SetRulesResult,
  TamperResult,
} from './api';
import { balancesView, explainOwnBlock, nextBlockBatch } from './classroom-views';
import { chainResponse, resolveResponse } from './endpoints';
import { HashRateMeter, MIN_SAMPLE_MS } from './mining/hash-rate';
import { createInProcessThread } from './mining/in-process-thread';
import { MinerPool, type MinerThread } from './mining/miner-pool';
import { miningEngineSchema } from './mining/range-search';
import { hashBlocks, hashBlocksOrNull, judgeChain, judgeChainText, newGenesis, type JudgeContext } from './chain-judge';
import { createStatsAnnouncer, type StatsAnnouncement, type StatsAnnouncer } from './stats-announcer';
import { createMemoryNodeStore, type NodeState, type NodeStore, type StoredNode } from './storage/node-store';
import { loadNode, NodeStorage, type StorageSnapshot } from './storage/node-storage';
import { applyTamperEdit } from './tamper-input';
import {
  busyWith,
  cannotMine,
  cannotRepair,
  chainChangedDuringRepair,
  chainEmpty,
  minerFailed,
  miningCancelled,
  miningSettingsRefusal,
  repairCancelled,
  rulesRefusal,
  rulesTooManySteps,
  spendRefusalMessage,
} from './refusals';
import { DEFAULT_FETCH_TIMEOUT_MS, type NetworkMemberOptions } from './network-member';
import { parseTransactionInput } from './transaction-input';

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
}

/** How a node begins: a fresh genesis, or the node its store held. */
interface Beginning {
  readonly blocks: readonly Block[];
  readonly hashes: readonly string[];
  readonly restored: StoredNode | null;
  readonly store: NodeStore;
  readonly storageProblem: NodeMessage | null;
}

export { SHARED_GENESIS_TIMESTAMP } from './chain-judge';
/** Progress reaches the page a few times a second, never per attempt. */
const PROGRESS_INTERVAL_MS = 250;
/** A measurement of the hash rate while nothing mines: long enough to read steadily, short enough not to be noticed. */
const HASH_RATE_SAMPLE_MS = 1000;
/** A search's own rate is shown once it has run this long. */
const OWN_RATE_AFTER_MS = 500;
/** A flood of bad peer messages updates the page's counters a few times a second, not per message. */
const TRAFFIC_REPORT_MS = 250;
const DEFAULT_MINING: MiningSettings = { engine: 'subtle', threads: 1 };
const MAX_JOURNAL = 50;
const MAX_ORPHANS = 8;

type Stop = 'chain-changed' | 'cancelled';

/** A proof search in progress: mining a block or repairing a tampered chain. */
interface Work {
  readonly purpose: 'mine' | 'repair';
  /** fixed for the whole job: a change of settings applies to the next one */
  readonly settings: MiningSettings;
  index: number;
  /** the chain rules of the block searched: those in force at its height */
  rules: ChainRules;
  readonly startedAt: number;
  attempts: number;
  /** time spent searching in this job, the current search included as of its last report */
  searchMs: number;
  restarts: number;
  cancelled: boolean;
  /** a guess tried a moment ago, and its hash */
  sample: GuessSample | null;
  /** aborts the current search only; mining then starts again on the new tip */
  search: AbortController | null;
}

interface PeerChain {
  readonly hashes: readonly string[];
  readonly verdict: Verdict;
  /** the tip this chain answers: its last block, or the announced one if it has no hashable block */
  readonly tip: PeerTip | null;
}

/** What we know of one peer: its announced tip and the last chain we fetched from it. */
interface PeerKnowledge {
  tip: PeerTip | null;
  chain: PeerChain | null;
  fetching: boolean;
  fetchAgain: boolean;
}

const short = (id: string): string => id.slice(0, 8);

/**
 * One full node of the tutorial's blockchain: its chain, its pending transactions, the nodes
 * it registered, mining and consensus, plus what the tutorial lacks: peers' tips and
 * relations, network rules every tab agrees on, auto-resolve and the tamper lab. Everything
 * else (the worker, the page, the HTTP-like endpoints) is a view of this object.
 */
export class TabNode {
  readonly id: PeerId;
  readonly network: NetworkName;
  private rulesInForce: NetworkRules;
  /** the chain rules by height the rules in force add up to (see core/rules) */
  private schedule: RulesSchedule;
  private rulesClock: RulesClock;
  private readonly sha256: Sha256;
  private readonly now: () => number;
  private readonly fetchTimeoutMs: number;
  private readonly peerNetwork: PeerNetwork;
  private readonly warnings: NodeMessage[];
  private readonly listeners = new Set<(event: NodeEvent) => void>();
  /** topics changed since the last event, sent at the end of the current step */
  private unsentTopics: Set<NodeTopic> | null = null;

  private blocks: Block[];
  private hashes: string[];
  private chainBodyCache: string | null = null;
  private ownVerdictCache: Promise<Verdict> | null = null;
  /** our last chain found valid, and the schedule it was judged under: its blocks need no second look */
  private validated: { readonly blocks: readonly Block[]; readonly hashes: readonly string[]; readonly schedule: RulesSchedule } | null = null;
  private pendingTransactions: Transaction[] = [];
  /** the balances of `blocks`, counted again only when the chain changes */
  private ledgerCache: { readonly blocks: readonly Block[]; readonly ledger: Ledger } | null = null;
  /** the tutorial's `self.nodes`, in the order they were registered */
  private readonly registered: string[] = [];
  private readonly departed = new Set<string>();
  private readonly silent = new Set<string>();
  private readonly knowledge = new Map<PeerId, PeerKnowledge>();
  private orphans: (readonly string[])[] = [];
  private readonly tamperedBlocks = new Set<number>();
  private readonly journalEntries: JournalEntry[] = [];
  private journalCounter = 0;
  private autoRegister: boolean;
  private work: Work | null = null;
  private lastProgressEmit = 0;
  private readonly hashRates = new HashRateMeter();
  private measuring: { readonly controller: AbortController; readonly done: Promise<void> } | null = null;
  /** this tab's place in the class and the places of its peers */
  private readonly badges: BadgeBook;
  /** the slot this node held before a reload, taken again if still free */
  private preferredSlot: number | undefined;
  private readonly miner: MinerPool;
  private readonly maxThreads: number;
  private miningSettings: MiningSettings;
  private heardRules = false;
  private readonly statsAnnouncer: StatsAnnouncer;
  private readonly storage: NodeStorage;
  /**
   * The chain peers know of: the last one stored and announced. A newcomer is greeted with
   * its tip and a chain request answered with it, so that no peer learns of an unstored block.
   */
  private announced: { readonly blocks: readonly Block[]; readonly hashes: readonly string[]; readonly tip: Announcement };
  private trafficReport: ReturnType<typeof setTimeout> | null = null;

  private constructor(options: TabNodeOptions, beginning: Beginning) {
    this.id = options.id;
    this.network = options.network;
    this.rulesInForce = options.rules;
    this.schedule = initialSchedule(options.rules);
    // Epoch 0, stamped with the start time: an older network's rules win over this tab's URL.
    this.rulesClock = { epoch: 0, at: Date.now(), by: options.id };
    this.badges = createBadgeBook(options.id);
    this.sha256 = options.sha256 ?? subtleSha256;
    this.now = options.now ?? (() => Date.now() / 1000);
    this.fetchTimeoutMs = options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
    this.autoRegister = options.autoRegister ?? true;
    this.warnings = [...(options.warnings ?? [])];
    this.miner = new MinerPool(options.minerThread ?? createInProcessThread);
    this.maxThreads = Math.max(1, Math.floor(options.maxThreads ?? 1));
    const threads = options.mining?.threads ?? DEFAULT_MINING.threads;
    if (threads > this.maxThreads) {
      this.warnings.push({ key: 'threadsLowered', values: { threads, max: this.maxThreads } });
    }
    this.miningSettings = { engine: options.mining?.engine ?? DEFAULT_MINING.engine, threads: Math.min(threads, this.maxThreads) };
    this.blocks = [...beginning.blocks];
    this.hashes = [...beginning.hashes];
    const { restored } = beginning;
    this.storage = new NodeStorage({
      key: { network: this.network, id: this.id },
      store: beginning.store,
      problem: beginning.storageProblem,
      restored,
      current: () => this.storageSnapshot(),
      onSavingFailed: (error) => {
        this.record('storage', { key: 'savingFailed', values: { error } });
      },
    });
    if (restored) this.restore(restored);
    this.announced = { blocks: this.blocks, hashes: this.hashes, tip: this.tipAnnouncement() };
    this.peerNetwork = createPeerNetwork({
      self: this.id,
      network: this.network,
      transport: options.transport,
      chainBody: (since) => this.answerChainRequest(since),
      greeting: () => [this.announced.tip, this.rulesAnnouncement(), ...this.badgeAnnouncement(), this.statsAnnouncement()],
    });
    this.statsAnnouncer = createStatsAnnouncer(() => this.statsAnnouncement(), (stats) => { this.peerNetwork.announce(stats); });
    this.peerNetwork.onPeersChanged((peers) => {
      this.onPeersChanged(peers.map((peer) => peer.id));
    });
    this.peerNetwork.onMalformed(() => {
      this.reportTraffic();
    });
    this.peerNetwork.onDropped(() => {
      this.reportTraffic();
    });
    this.peerNetwork.onAnnouncement((from, announcement) => {
      switch (announcement.kind) {
        case 'tip':
          this.onPeerTip(from, { height: announcement.height, hash: announcement.hash }, announcement.block);
          return;
        case 'rules':
          void this.onPeerRules(from, announcement.rules, announcement.schedule, announcement.clock);
          return;
        case 'badge':
          this.onPeerBadge(from, announcement);
          return;
        case 'reset':
          void this.onNetworkReset(announcement.rules, announcement.clock);
          return;
        case 'stats':
          // For the network view; a tab shows peers' chains, not their figures.
          return;
      }
    });
  }

  /**
   * A node restored from its store when the store holds it (same network, same id), else a
   * new one; either way stored before it is returned, so that what it announces is kept.
   */
  static async create(options: TabNodeOptions): Promise<TabNode> {
    const sha256 = options.sha256 ?? subtleSha256;
    const key = { network: options.network, id: options.id };
    const { store, problem, loaded } = await loadNode(options.store ?? createMemoryNodeStore(), key, options.storageProblem ?? null);
    const warnings = [...(options.warnings ?? [])];
    let restored = loaded.kind === 'found' ? loaded.node : null;
    let hashes = restored ? await hashBlocksOrNull(restored.blocks, sha256) : null;
    if (loaded.kind === 'discarded') warnings.push({ key: 'savedNodeDiscarded', values: { reason: loaded.reason } });
    if (restored && !hashes) {
      warnings.push({ key: 'savedChainUnhashable', values: {} });
      restored = null;
    }
    const genesis = newGenesis(options.rules, initialSchedule(options.rules), options.now ?? (() => Date.now() / 1000));
    const blocks = restored?.blocks ?? [genesis];
    hashes ??= [await hashBlock(genesis, sha256)];
    const node = new TabNode({ ...options, warnings }, { blocks, hashes, restored, store, storageProblem: problem });
    await node.storage.save();
    return node;
  }

  /** The state its store held; the page's URL does not override a restored node's rules or settings. */
  private restore(restored: StoredNode): void {
    this.rulesInForce = restored.rules;
    this.schedule = restored.schedule;
    this.rulesClock = restored.rulesClock;
    this.preferredSlot = restored.slot;
    this.pendingTransactions = [...restored.pending];
    this.registered.push(...restored.registered.filter((address) => address !== this.id));
    // Closed until they announce themselves again: a resolve does not wait for them.
    for (const address of this.registered) this.departed.add(address);
    this.autoRegister = restored.autoRegister;
    this.miningSettings = { engine: restored.mining.engine, threads: Math.min(restored.mining.threads, this.maxThreads) };
    this.record('restored', {
      key: 'restored',
      values: { blocks: this.blocks.length, pending: this.pendingTransactions.length, registered: this.registered.length },
    });
  }

  private storageSnapshot(): StorageSnapshot {
    const state: NodeState = {
      pending: this.pendingTransactions,
      registered: this.registered,
      rules: this.rulesInForce,
      schedule: this.schedule,
      rulesClock: this.rulesClock,
      autoRegister: this.autoRegister,
      mining: this.miningSettings,
    };
    const own = this.badges.own();
    return { blocks: this.blocks, state: own === null ? state : { ...state, slot: own.slot } };
  }

  get rules(): NetworkRules {
    return this.rulesInForce;
  }

  /** Joins the network: arrives, and takes a place in the class (its place before a reload if still free). */
  start(): void {
    this.peerNetwork.start();
    this.badges.take(this.preferredSlot);
    this.announceBadge();
  }

  close(): void {
    this.statsAnnouncer.stop();
    if (this.trafficReport !== null) clearTimeout(this.trafficReport);
    this.cancelMining();
    this.miner.close();
    this.peerNetwork.stop();
    this.listeners.clear();
    void this.storage.close();
  }

  subscribe(listener: (event: NodeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- reading -------------------------------------------------------------------------

  status(): NodeStatus {
    return {
      id: this.id,
      network: this.network,
      rules: this.rulesInForce,
      schedule: this.schedule,
      rulesClock: this.rulesClock,
      hashRate: this.hashRates.rate(this.miningSettings),
      slot: this.badges.own()?.slot ?? null,
      miningSettings: this.miningSettings,
      maxThreads: this.maxThreads,
      autoRegister: this.autoRegister,
      height: this.blocks.length,
      pendingCount: this.pendingTransactions.length,
      mining: this.miningState(),
      malformedMessages: this.peerNetwork.malformedCount(),
      droppedMessages: this.peerNetwork.droppedCount(),
      warnings: this.warnings,
      storage: this.storage.status(),
    };
  }

  chain(): { readonly blocks: readonly Block[]; readonly hashes: readonly string[] } {
    return { blocks: this.blocks, hashes: this.hashes };
  }

  /** Our chain with its verdict under the network's rules, for the page. */
  async chainView(): Promise<ChainView> {
    const { blocks, hashes } = this;
    return { blocks, hashes, verdict: await this.ownVerdict(), tampered: [...this.tamperedBlocks].sort((a, b) => a - b) };
  }

  pending(): readonly Transaction[] {
    return this.pendingTransactions;
  }

  peers(): readonly PeerView[] {
    const discovered = new Set<string>(this.peerNetwork.peers().map((peer) => peer.id));
    const ids = [...new Set([...discovered, ...this.registered, ...this.departed])];
    return ids.map((id) => {
      const peerId = parsePeerId(id);
      const known = peerId === null ? undefined : this.knowledge.get(peerId);
      return {
        id,
        discovered: discovered.has(id) || this.departed.has(id),
        registered: this.registered.includes(id),
        status: !discovered.has(id) ? 'left' : this.silent.has(id) ? 'silent' : 'online',
        slot: discovered.has(id) ? this.badges.slotOf(id) : null,
        tip: known?.tip ?? null,
        relation: known ? this.relationTo(known) : null,
      };
    });
  }

  /** Every chain this tab knows, for the fork tree: ours, then each online peer's. */
  async forks(): Promise<ForkView> {
    const online = new Set<string>(this.peerNetwork.peers().map((peer) => peer.id));
    const chains: KnownChain[] = [{ owner: this.id, hashes: this.hashes, valid: (await this.ownVerdict()).valid }];
    for (const [owner, known] of this.knowledge) {
      if (online.has(owner) && known.chain) chains.push({ owner, hashes: known.chain.hashes, valid: known.chain.verdict.valid });
    }
    return { chains, orphaned: this.orphans };
  }

  journal(): readonly JournalEntry[] {
    return this.journalEntries;
  }

  /** The `/chain` answer: `{"chain": [...], "length": N}` as Flask's jsonify writes it. */
  chainBody(): string {
    this.chainBodyCache ??= chainBodyText(this.blocks, this.blocks.length);
    return this.chainBodyCache;
  }

  lastBlockIndex(): number {
    const index = blockIndex(this.blocks.at(-1));
    return index === null ? this.blocks.length : Number(index);
  }

  /** A peer's chain-request: only our blocks after its tip when our chain holds that tip. */
  private answerChainRequest(since: ChainPoint | null): ChainBody {
    const { blocks, hashes } = this.announced;
    if (since === null || since.height > hashes.length || hashes[since.height - 1] !== since.hash) {
      return { body: blocks === this.blocks ? this.chainBody() : chainBodyText(blocks, blocks.length), skipped: 0 };
    }
    return { body: chainBodyText(blocks.slice(since.height), blocks.length), skipped: since.height };
  }

  private ownVerdict(): Promise<Verdict> {
    if (!this.ownVerdictCache) {
      const { blocks, schedule } = this;
      this.ownVerdictCache = this.judgeChain(blocks, undefined, this.trustedPrefix(blocks)).then((verdict) => {
        if (verdict.valid && this.schedule === schedule) this.validated = { blocks, hashes: verdict.hashes, schedule };
        return verdict;
      });
    }
    return this.ownVerdictCache;
  }

  /**
   * The hashes of the leading blocks of `blocks` that are the very blocks of our last valid
   * chain, judged under the same rules: validation starts after them. A mined block, an
   * adopted extension or a tampered block late in the chain then costs a few blocks, not all.
   */
  private trustedPrefix(blocks: readonly Block[]): readonly string[] {
    const { validated } = this;
    if (!validated || !sameSchedule(validated.schedule, this.schedule)) return [];
    const shared = Math.min(validated.blocks.length, blocks.length);
    let same = 0;
    while (same < shared && validated.blocks[same] === blocks[same]) same++;
    return validated.hashes.slice(0, same);
  }

  // ---- transactions ----------------------------------------------------------------------

  /** The page's form: every field required, the amount a finite number. */
  addTransaction(form: unknown): AddTransactionResult {
    const parsed = parseTransactionInput(form);
    if (!parsed.ok) return parsed;
    const added = this.newTransaction(parsed.transaction);
    if (!added.ok) return { ok: false, errors: { amount: added.reason }, messages: { amount: added.message } };
    return { ok: true, blockIndex: added.blockIndex, transaction: parsed.transaction };
  }

  /**
   * The tutorial's `new_transaction`: queue it, answer the index of the block it will join.
   * Under the balances rule a payment its sender cannot afford is refused instead.
   */
  newTransaction(transaction: Transaction): NewTransactionResult {
    const refusal = this.nextBlockRules().balances ? spendRefusal(this.ledger(), this.pendingTransactions, transaction) : null;
    if (refusal !== null) return { ok: false, reason: spendRefusalText(refusal), message: spendRefusalMessage(refusal) };
    this.pendingTransactions.push(transaction);
    this.emit(['pending', 'status']);
    return { ok: true, blockIndex: this.lastBlockIndex() + 1 };
  }

  // ---- balances and explanations -----------------------------------------------------------

  private ledger(): Ledger {
    if (this.ledgerCache?.blocks !== this.blocks) this.ledgerCache = { blocks: this.blocks, ledger: readLedger(this.blocks) };
    return this.ledgerCache.ledger;
  }

  balances(): BalancesView {
    return balancesView(this.ledger(), this.pendingTransactions, this.nextBlockRules().balances, this.id);
  }

  explainBlock(number: unknown, hash: unknown): Promise<BlockExplanation | null> {
    return explainOwnBlock(this.chain(), number, hash, this.schedule, this.sha256);
  }

  /** The chain rules the next block of our chain is mined and judged under. */
  private nextBlockRules(): ChainRules {
    return rulesAt(this.schedule, this.blocks.length + 1);
  }

  // ---- mining ----------------------------------------------------------------------------

  private miningState(): MiningState | null {
    const { work } = this;
    return (
      work && {
        purpose: work.purpose,
        index: work.index,
        startedAt: work.startedAt,
        elapsedMs: Date.now() - work.startedAt,
        attempts: work.attempts,
        restarts: work.restarts,
        engine: work.settings.engine,
        threads: work.settings.threads,
        rule: work.rules.rule,
        difficulty: work.rules.difficulty,
        rate: work.searchMs >= OWN_RATE_AFTER_MS ? Math.round((work.attempts * 1000) / work.searchMs) : null,
        sample: work.sample,
      }
    );
  }

  /**
   * The tutorial's `/mine`: find the proof, append the reward, forge the block. When the
   * chain changes under the miner (a peer's chain adopted, a block tampered with, new
   * rules) the proof would be for a tip that is gone, so the search starts again on the
   * new tip; only Cancel (or closing the node) ends it without a block.
   */
  async mine(): Promise<MineResult> {
    if (this.work) return busyWith(this.work.purpose, this.work.index);
    const work = this.beginWork('mine');
    try {
      for (;;) {
        const outcome = await this.mineOnTip(work);
        if (outcome === 'cancelled') return miningCancelled();
        if (outcome !== 'chain-changed') return outcome;
        work.restarts += 1;
        this.record('restart', { key: 'minerRestarted', values: { index: this.blocks.length + 1 } });
      }
    } catch (error: unknown) {
      // A miner thread that cannot start (a blocked worker, a broken build) ends the job, not the node.
      return minerFailed(error);
    } finally {
      this.endWork(work);
    }
  }

  /** Stops the current search, mining or repair. */
  cancelMining(): void {
    if (!this.work) return;
    this.work.cancelled = true;
    this.work.search?.abort();
  }

  private beginWork(purpose: Work['purpose']): Work {
    const index = this.blocks.length + 1;
    const work: Work = {
      purpose,
      settings: this.miningSettings,
      index,
      rules: rulesAt(this.schedule, index),
      startedAt: Date.now(),
      attempts: 0,
      searchMs: 0,
      restarts: 0,
      cancelled: false,
      sample: null,
      search: null,
    };
    this.work = work;
    this.emit(['status']);
    return work;
  }

  private endWork(work: Work): void {
    if (this.work === work) this.work = null;
    this.emit(['status']);
  }

  private async mineOnTip(work: Work): Promise<MineResult | Stop> {
    const lastBlock = this.blocks.at(-1);
    const lastHash = this.hashes.at(-1);
    if (!lastBlock || lastHash === undefined) return chainEmpty();
    const height = this.blocks.length;
    const index = height + 1;
    // The rules in force at the new block's height: a change from a later height does not apply yet.
    const rules = rulesAt(this.schedule, index);
    work.index = index;
    work.rules = rules;
    work.sample = null;
    this.emit(['status']);
    // Under the bound rule the proof covers the block's content, so fix it first.
    const boundBatch = rules.rule === 'bound' ? this.nextBlockBatch() : null;
    const bound = boundBatch ? this.blockTemplate(index, boundBatch.included) : null;
    const contentHash = bound ? await blockContentHash(bound, this.sha256) : undefined;
    if (this.hashes.at(-1) !== lastHash || this.blocks.length !== height) return 'chain-changed';
    const parts = guessParts({
      rule: rules.rule,
      lastProof: blockProof(lastBlock),
      lastHash,
      ...(contentHash === undefined ? {} : { contentHash }),
    });
    if (!parts.ok) return cannotMine(height, parts.reason);
    const found = await this.searchFor(work, parts, rules.difficulty);
    if (typeof found === 'string') return found;
    // A change between the last check of the signal and here would forge on a stale tip.
    if (this.hashes.at(-1) !== lastHash || this.blocks.length !== height) return 'chain-changed';

    const batch = boundBatch ?? this.nextBlockBatch();
    const template = bound ?? this.blockTemplate(index, batch.included);
    const block = forgeBlock({
      index: BigInt(index),
      timestamp: template.timestamp,
      transactions: template.transactions,
      proof: found,
      previousHash: lastHash,
    });
    const hash = await hashBlock(block, this.sha256);
    if (this.hashes.at(-1) !== lastHash || this.blocks.length !== height) return 'chain-changed';
    // Pending only grows while the tip stays (a replaced chain restarts the search), so the block took from its head.
    this.pendingTransactions = [...batch.left, ...this.pendingTransactions.slice(batch.seen)];
    this.blocks = [...this.blocks, block];
    this.hashes = [...this.hashes, hash];
    await this.chainChanged(['pending']);
    performance.mark('tabchain:mined', { detail: { hash, height: this.blocks.length } });
    return { ok: true, block, hash, attempts: work.attempts, ms: Date.now() - work.startedAt };
  }

  /** One proof search inside a job; the job's attempts add up over restarts. */
  private async searchFor(
    work: Work,
    parts: { prefix: string; suffix: string },
    difficulty: number,
  ): Promise<bigint | Stop> {
    if (work.cancelled) return 'cancelled';
    const controller = new AbortController();
    work.search = controller;
    const before = work.attempts;
    const msBefore = work.searchMs;
    let start = 0n;
    let searched = 0;
    try {
      await this.stopMeasuring();
      // Each stretch between two reports counts towards the hash rate of these settings.
      const started = performance.now();
      let reported = { attempts: 0, at: started };
      const report = (attempts: number): void => {
        const at = performance.now();
        this.hashRates.record(work.settings, attempts - reported.attempts, at - reported.at);
        reported = { attempts, at };
        work.attempts = before + attempts;
        work.searchMs = msBefore + (at - started);
      };
      for (;;) {
        const from = start;
        const result = await this.miner.search({
          prefix: parts.prefix,
          suffix: parts.suffix,
          difficulty,
          start,
          ...work.settings,
          signal: controller.signal,
          onProgress: (attempts) => {
            report(searched + attempts);
            this.progress(work, parts, from + BigInt(attempts));
          },
        });
        searched += result.attempts;
        report(searched);
        if (!result.found) {
          if (result.error !== undefined) throw new Error(`Mining failed: ${result.error}.`);
          return stopReason(work);
        }
        if (work.settings.engine === 'subtle' || (await this.provenBySubtleCrypto(parts, result.proof, difficulty))) return result.proof;
        this.record('engine', { key: 'fastProofRejected', values: { proof: String(result.proof) } });
        start = result.proof + 1n;
      }
    } finally {
      if (work.search === controller) work.search = null;
    }
  }

  /** Every proof of the fast engine is checked by the browser's own SHA-256 before a block is forged. */
  private async provenBySubtleCrypto(parts: { prefix: string; suffix: string }, proof: bigint, difficulty: number): Promise<boolean> {
    const digest = await subtleSha256(encodeUtf8(`${parts.prefix}${proof}${parts.suffix}`));
    return hasLeadingZeroNibbles(digest, difficulty);
  }

  /** Engine and threads of the next search: a setting of this tab only. */
  setMiningSettings(input: unknown): MiningSettingsResult {
    const parsed = miningSettingsSchema(this.maxThreads).safeParse(input);
    if (!parsed.success) return { ok: false, message: miningSettingsRefusal(parsed.error, this.maxThreads) };
    this.miningSettings = parsed.data;
    this.emit(['status']);
    return { ok: true, settings: this.miningSettings };
  }

  /** A few times a second: the page hears the attempts so far and sees a guess of the search and its hash. */
  private progress(work: Work, parts: { prefix: string; suffix: string }, proof: bigint): void {
    const now = Date.now();
    if (now - this.lastProgressEmit < PROGRESS_INTERVAL_MS) return;
    this.lastProgressEmit = now;
    void this.sampleGuess(work, parts, proof);
    this.emit(['status']);
  }

  /** One real guess of the search, hashed here once: the class watches hashes that miss the target. */
  private async sampleGuess(work: Work, parts: { prefix: string; suffix: string }, proof: bigint): Promise<void> {
    const guess = `${parts.prefix}${proof}${parts.suffix}`;
    const hash = await sha256Hex(guess, this.sha256);
    if (this.work === work && work.search !== null) work.sample = { proof: String(proof), guess, hash };
  }

  /**
   * This tab's hash rate with its engine and threads, measured with a search that cannot
   * succeed, for a moment while nothing else searches. While a search runs, its rate is the
   * answer (measuring would halve both).
   */
  async measureHashRate(): Promise<number> {
    if (this.work || this.measuring) return this.hashRates.rate(this.miningSettings) ?? 0;
    const settings = this.miningSettings;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      controller.abort();
    }, HASH_RATE_SAMPLE_MS);
    const started = performance.now();
    let reported = { attempts: 0, at: started };
    const record = (attempts: number): void => {
      const at = performance.now();
      // Too short a first stretch says more about the threads starting than about the rate.
      if (at - started >= MIN_SAMPLE_MS) this.hashRates.record(settings, attempts - reported.attempts, at - reported.at);
      reported = { attempts, at };
    };
    const search = this.miner.search({
      prefix: `${this.id}:`,
      suffix: '',
      difficulty: 64,
      ...settings,
      signal: controller.signal,
      onProgress: record,
    });
    this.measuring = { controller, done: search.then(() => undefined) };
    try {
      record((await search).attempts);
    } finally {
      clearTimeout(timer);
      this.measuring = null;
    }
    this.emit(['status']);
    return this.hashRates.rate(settings) ?? 0;
  }

  /** Mining wins over a measurement: it is cut short (its sample still counts). */
  private async stopMeasuring(): Promise<void> {
    const { measuring } = this;
    if (!measuring) return;
    measuring.controller.abort();
    await measuring.done;
  }

  private nextBlockBatch() {
    return nextBlockBatch(this.ledger(), this.pendingTransactions, this.nextBlockRules().balances);
  }

  private blockTemplate(index: number, transactions: Transaction[]) {
    return {
      index: BigInt(index),
      timestamp: this.now(),
      transactions: [...transactions, rewardTransaction(this.id)],
      previous_hash: this.hashes.at(-1) ?? '',
    };
  }

  // ---- consensus -------------------------------------------------------------------------

  /** The tutorial's `register_node`, with the same address parsing (`http://host:port` or `host:port`). */
  register(addresses: unknown): RegisterResult {
    if (!Array.isArray(addresses)) {
      return { ok: false, message: 'Error: Please supply a valid list of nodes', notice: { key: 'registerNotAList', values: {} }, registered: this.registered };
    }
    const parsed = addresses.map(nodeAddress);
    const bad = parsed.findIndex((address) => address === null);
    if (bad >= 0) {
      const address = JSON.stringify(addresses[bad]);
      return { ok: false, message: `Invalid URL: ${address}`, notice: { key: 'registerInvalidUrl', values: { address } }, registered: this.registered };
    }
    for (const address of parsed) if (address !== null) this.addRegistered(address);
    this.emit(['peers']);
    return { ok: true, message: 'New nodes have been added', notice: { key: 'nodesAdded', values: {} }, registered: [...this.registered] };
  }

  registeredNodes(): readonly string[] {
    return this.registered;
  }

  setAutoRegister(enabled: boolean): void {
    this.autoRegister = enabled;
    if (enabled) for (const peer of this.peerNetwork.peers()) this.addRegistered(peer.id);
    this.emit(['status', 'peers']);
  }

  private addRegistered(address: string): void {
    if (address !== this.id && !this.registered.includes(address)) this.registered.push(address);
  }

  private onPeersChanged(online: readonly string[]): void {
    for (const id of online) {
      this.departed.delete(id);
      this.silent.delete(id);
      if (this.autoRegister) this.addRegistered(id);
    }
    for (const id of this.registered) if (!online.includes(id)) this.departed.add(id);
    for (const id of this.knowledge.keys()) if (!online.includes(id)) this.knowledge.delete(id);
    if (this.badges.online(new Set(online))) this.announceBadge();
    this.emit(['peers', 'forks']);
  }

  /**
   * The tutorial's `resolve_conflicts`: ask every registered node for its chain and adopt the
   * longest valid one that is longer than ours. Lengths are counted, never taken from the
   * answer; a node that does not answer in time is reported, never waited for.
   */
  async resolve(): Promise<ResolveResult> {
    const started = performance.now();
    const candidates = await Promise.all(this.registered.map((address) => this.fetchCandidate(address)));
    const decision = chooseChain({ length: this.blocks.length }, candidates);
    const winner = candidates.find((candidate) => candidate.peerId === decision.winner);
    const ourLength = this.blocks.length;
    const replacement =
      winner?.outcome.kind === 'answered' && winner.outcome.verdict.valid
        ? this.replaceChain(winner.outcome.chain, winner.outcome.verdict.hashes)
        : null;
    performance.measure('tabchain:resolve', { start: started, detail: { height: this.blocks.length, replaced: replacement !== null } });
    return {
      replaced: replacement !== null,
      winner: decision.winner,
      ourLength,
      reports: decision.reports,
      replacement,
      response: resolveResponse(replacement !== null, this.blocks),
    };
  }

  private async fetchCandidate(address: string): Promise<ChainCandidate> {
    const peerId = parsePeerId(address);
    if (peerId === null) {
      return { peerId: address, outcome: { kind: 'no-answer', reason: 'not the id of a tab on this network' } };
    }
    if (this.departed.has(peerId)) {
      return { peerId, outcome: { kind: 'no-answer', reason: 'the tab has closed' } };
    }
    const fetched = await this.fetchChain(peerId);
    if (!fetched.ok) return { peerId, outcome: { kind: 'no-answer', reason: fetched.reason } };
    return { peerId, outcome: { kind: 'answered', chain: fetched.chain, verdict: fetched.verdict } };
  }

  /** Asks a peer for its chain, judges it under our rules and remembers it for relations and the fork tree. */
  private async fetchChain(
    peerId: PeerId,
  ): Promise<{ ok: true; chain: Block[]; verdict: Verdict } | { ok: false; reason: string }> {
    // Our tip, so that a peer whose chain extends ours sends only its new blocks.
    const ours = { blocks: this.blocks, hashes: this.hashes };
    const tip = ours.hashes.at(-1);
    const since = tip === undefined ? undefined : { height: ours.hashes.length, hash: tip };
    const fetched = await this.peerNetwork.requestChain(peerId, this.fetchTimeoutMs, since);
    this.markSilent(peerId, !fetched.ok && fetched.reason === 'timeout');
    if (!fetched.ok) {
      const reason =
        fetched.reason === 'timeout'
          ? `no answer within ${this.fetchTimeoutMs / 1000} s`
          : fetched.reason === 'left'
            ? 'the tab closed while we asked'
            : 'this node was closing';
      return { ok: false, reason };
    }
    const rulesBefore = this.rulesClock;
    const judged = await this.judgeChainText(fetched.body, fetched.skipped > 0 ? { ...ours, skipped: fetched.skipped } : null);
    const hashes = judged.verdict.valid ? judged.verdict.hashes : await this.hashAll(judged.chain);
    if (this.rulesClock === rulesBefore && this.isOnline(peerId)) {
      const known = this.knowledgeOf(peerId);
      const last = hashes.at(-1);
      // The answer is fresher than any announcement before it.
      if (last !== undefined) known.tip = { height: hashes.length, hash: last };
      known.chain = { hashes, verdict: judged.verdict, tip: known.tip };
      this.emit(['peers', 'forks']);
    }
    return { ok: true, chain: judged.chain, verdict: judged.verdict };
  }

  private isOnline(peerId: PeerId): boolean {
    return this.peerNetwork.peers().some((peer) => peer.id === peerId);
  }

  private hashAll(blocks: readonly Block[]): Promise<string[]> {
    return hashBlocks(blocks, this.sha256);
  }

  private knowledgeOf(peerId: PeerId): PeerKnowledge {
    let known = this.knowledge.get(peerId);
    if (!known) {
      known = { tip: null, chain: null, fetching: false, fetchAgain: false };
      this.knowledge.set(peerId, known);
    }
    return known;
  }

  private relationTo(known: PeerKnowledge): PeerRelation | null {
    const { tip, chain } = known;
    if (!tip) return null;
    if (chain?.tip && chain.tip.height === tip.height && chain.tip.hash === tip.hash) {
      const { verdict } = chain;
      if (!verdict.valid) {
        const { code, block, reason, values } = verdict;
        return { kind: 'invalid', code, block, reason, ...(values === undefined ? {} : { values }) };
      }
      return relationOf(this.hashes, chain.hashes);
    }
    return relationFromTip(this.hashes, { height: tip.height, tipHash: tip.hash });
  }

  /**
   * A peer's new tip. On our chain, its chain is that prefix of ours; otherwise it is ahead
   * or has diverged, and only its chain tells which: fetch it (one fetch per peer at a
   * time; a tip that arrives meanwhile fetches once more afterwards).
   */
  private onPeerTip(peerId: PeerId, tip: PeerTip, block: string | undefined): void {
    const known = this.knowledgeOf(peerId);
    known.tip = tip;
    // A tip block is judged in a moment: the page hears of the tip with the verdict.
    if (block !== undefined && tip.height === this.blocks.length + 1) {
      void this.learnFromTipBlock(peerId, known, block);
      return;
    }
    this.learnPeerChain(peerId, known);
    this.emit(['peers', 'forks']);
  }

  /**
   * A peer one block ahead sent its tip block: if it extends our chain validly, that is the
   * peer's chain, known without a request; otherwise the chain is fetched as usual.
   */
  private async learnFromTipBlock(peerId: PeerId, known: PeerKnowledge, text: string): Promise<void> {
    const ours = this.blocks;
    const rulesBefore = this.rulesClock;
    const parsed = parsePythonJson(text);
    const tip = known.tip;
    if (parsed.ok && isJsonObject(parsed.value) && tip) {
      const chain = [...ours, parsed.value];
      const verdict = await this.judgeChain(chain, undefined, this.trustedPrefix(ours));
      if (verdict.valid && verdict.hashes.at(-1) === tip.hash && this.rulesClock === rulesBefore && this.isOnline(peerId) && known.tip === tip) {
        known.chain = { hashes: verdict.hashes, verdict, tip };
        this.emit(['peers', 'forks']);
        this.autoResolve(peerId, chain, verdict);
        return;
      }
    }
    this.learnPeerChain(peerId, known);
    this.emit(['peers', 'forks']);
  }

  private learnPeerChain(peerId: PeerId, known: PeerKnowledge): void {
    const { tip } = known;
    if (!tip) return;
    const relation = relationFromTip(this.hashes, { height: tip.height, tipHash: tip.hash });
    if (relation.kind !== 'unknown-fork') {
      // Its chain is a prefix of ours: known without fetching.
      const hashes = this.hashes.slice(0, tip.height);
      known.chain = { hashes, verdict: { valid: true, length: hashes.length, hashes }, tip };
    } else if (known.chain?.tip?.hash !== tip.hash) {
      void this.refreshPeerChain(peerId, known);
    }
  }

  private async refreshPeerChain(peerId: PeerId, known: PeerKnowledge): Promise<void> {
    if (known.fetching) {
      known.fetchAgain = true;
      return;
    }
    known.fetching = true;
    try {
      do {
        known.fetchAgain = false;
        const fetched = await this.fetchChain(peerId);
        if (fetched.ok) this.autoResolve(peerId, fetched.chain, fetched.verdict);
      } while (wantsAnotherFetch(known));
    } finally {
      known.fetching = false;
    }
  }

  /** Push sync: with auto-resolve on, a longer valid chain from a registered peer is adopted at once. */
  private autoResolve(peerId: PeerId, chain: Block[], verdict: Verdict): void {
    if (!this.rules.autoResolve || !verdict.valid || !this.registered.includes(peerId)) return;
    if (chain.length <= this.blocks.length) return;
    const replacement = this.replaceChain(chain, verdict.hashes);
    this.record('auto-resolve', {
      key: 'autoResolved',
      values: {
        length: chain.length,
        peer: short(peerId),
        dropped: replacement.dropped.length,
        adopted: replacement.adopted.length,
        returned: replacement.returned.length,
      },
    });
  }

  private markSilent(peerId: PeerId, silent: boolean): void {
    if (silent === this.silent.has(peerId)) return;
    if (silent) this.silent.add(peerId);
    else this.silent.delete(peerId);
    this.emit(['peers']);
  }

  /**
   * Parses and validates a `/chain`-shaped text under this network's rules. Never throws.
   * `base`: the answer left out the first `skipped` blocks, which are those of our chain
   * (we sent our tip), so the chain is ours followed by the answer's blocks.
   */
  private judgeChainText(
    text: string,
    base: { readonly blocks: readonly Block[]; readonly hashes: readonly string[]; readonly skipped: number } | null = null,
  ): Promise<{ chain: Block[]; verdict: Verdict }> {
    return judgeChainText(this.judgeContext(), text, base && { ...base, trusted: this.trustedPrefix(base.blocks) });
  }

  /** The network's rules: the tutorial's validation, and the shared genesis when the network has one. */
  private judgeChain(blocks: readonly Block[], declaredLength?: JsonValue, validPrefix: readonly string[] = []): Promise<Verdict> {
    return judgeChain(this.judgeContext(), blocks, declaredLength, validPrefix);
  }

  private judgeContext(): JudgeContext {
    return { rules: this.rules, schedule: this.schedule, sha256: this.sha256, now: this.now };
  }

  /**
   * Adopts a validated chain. The transactions of our dropped blocks come back to pending
   * unless the new chain holds them, and pending ones the new chain holds leave: the tutorial
   * silently loses the first and mines the second twice.
   */
  private replaceChain(blocks: readonly Block[], hashes: readonly string[]): ChainReplacement {
    const fork = forkPoint(this.hashes, hashes);
    const reconciled = reconcilePending({
      pending: this.pendingTransactions,
      dropped: this.blocks.slice(fork),
      adopted: blocks.slice(fork),
    });
    const replacement: ChainReplacement = {
      fork,
      dropped: this.hashes.slice(fork),
      adopted: hashes.slice(fork),
      returned: reconciled.returned,
      confirmed: reconciled.confirmed,
    };
    if (replacement.dropped.length > 0 && fork > 0) this.orphans = [this.hashes, ...this.orphans].slice(0, MAX_ORPHANS);
    this.blocks = [...blocks];
    this.hashes = [...hashes];
    // Only valid chains are adopted, judged under the rules in force.
    this.validated = { blocks: this.blocks, hashes: this.hashes, schedule: this.schedule };
    this.pendingTransactions = reconciled.pending;
    this.tamperedBlocks.clear();
    // The new chain shows at once; its write (one transaction) and then its announcement follow.
    // The blocks came from a peer or a file, not from our own mining, so the caller need not wait.
    void this.chainChanged(['pending']);
    return replacement;
  }

  /**
   * Every change of our chain: caches go, the miner moves to the new tip, and the new chain
   * is stored (a replaced chain in one write) before peers hear the tip, so that a tab closed
   * at any moment keeps every block it announced.
   */
  private async chainChanged(extra: readonly NodeTopic[] = []): Promise<void> {
    this.chainBodyCache = null;
    this.ownVerdictCache = null;
    this.work?.search?.abort();
    const changed = { blocks: this.blocks, hashes: this.hashes, tip: this.tipAnnouncement() };
    const stored = this.storage.save();
    this.emit(['chain', 'status', 'peers', 'forks', ...extra]);
    await stored;
    this.announced = changed;
    this.peerNetwork.announce(changed.tip);
  }

  private tipAnnouncement(): Announcement {
    const last = this.blocks.at(-1);
    const block = last === undefined ? '' : dumpsPython(last, { compact: true });
    return {
      kind: 'tip',
      height: this.blocks.length,
      hash: this.hashes.at(-1) ?? '',
      ...(block !== '' && block.length <= MAX_TIP_BLOCK_CHARS ? { block } : {}),
    };
  }

  private rulesAnnouncement(): Announcement {
    return { kind: 'rules', rules: this.rulesInForce, schedule: this.schedule, clock: this.rulesClock };
  }

  // ---- places in the class ----------------------------------------------------------------

  private badgeAnnouncement(): Announcement[] {
    const own = this.badges.own();
    return own === null ? [] : [{ kind: 'badge', slot: own.slot, since: own.since }];
  }

  private announceBadge(): void {
    for (const badge of this.badgeAnnouncement()) this.peerNetwork.announce(badge);
    this.emit(['status']);
  }

  /** A peer's place: ours moves if its claim is older, or is said again if ours is (it will move). */
  private onPeerBadge(from: PeerId, claim: { readonly slot: number; readonly since: number }): void {
    // Only peers we know are online hold a place: a flood of invented ids fills nothing.
    if (!this.isOnline(from)) return;
    const outcome = this.badges.hear(from, claim);
    if (outcome !== 'none') this.announceBadge();
    this.emit(['peers']);
  }

  /** For the network view: pending count, whether a proof search runs and, while it does, its rate. */
  private statsAnnouncement(): StatsAnnouncement {
    const mining = this.work !== null;
    const hashRate = this.miningState()?.rate ?? null;
    return { kind: 'stats', pending: this.pendingTransactions.length, mining, ...(hashRate === null ? {} : { hashRate }) };
  }

  // ---- network rules ---------------------------------------------------------------------

  /** The highest block the network is known to hold: ours, or a tip an online peer announced. */
  private networkHeight(): number {
    let height = this.blocks.length;
    for (const [peerId, known] of this.knowledge) {
      if (known.tip && this.isOnline(peerId)) height = Math.max(height, known.tip.height);
    }
    return height;
  }

  private scheduleChange(rules: NetworkRules): ScheduleChange {
    return nextSchedule(this.schedule, this.rulesInForce, rules, this.networkHeight());
  }

  /** What new rules would do, said before they are applied: from which block, or what a restart erases. */
  previewRules(input: unknown): RulesPreview {
    const parsed = networkRulesSchema.safeParse(input);
    if (!parsed.success) return { ok: false, message: rulesRefusal(parsed.error) };
    const change = this.scheduleChange(parsed.data);
    switch (change.kind) {
      case 'too-many-steps':
        return { ok: false, message: rulesTooManySteps() };
      case 'same':
        return { ok: true, change: 'same' };
      case 'from-height':
        return { ok: true, change: 'from-height', from: change.from };
      case 'restart': {
        // Every tab online starts a new genesis: its mined blocks go (their payments back to pending).
        const heights = [this.blocks.length];
        for (const [peerId, known] of this.knowledge) if (known.tip && this.isOnline(peerId)) heights.push(known.tip.height);
        const tabs = 1 + this.peerNetwork.peers().length;
        return { ok: true, change: 'restart', blocks: heights.reduce((sum, height) => sum + height - 1, 0), tabs };
      }
    }
  }

  /** A change made in this tab: it beats every version seen so far and reaches every tab. */
  async setRules(input: unknown): Promise<SetRulesResult> {
    const parsed = networkRulesSchema.safeParse(input);
    if (!parsed.success) return { ok: false, message: rulesRefusal(parsed.error) };
    const change = this.scheduleChange(parsed.data);
    if (change.kind === 'too-many-steps') return { ok: false, message: rulesTooManySteps() };
    const clock: RulesClock = { epoch: this.rulesClock.epoch + 1, at: Date.now(), by: this.id };
    const chainReset = await this.adoptRules(parsed.data, change.schedule, clock);
    await this.storage.save();
    this.peerNetwork.announce(this.rulesAnnouncement());
    return { ok: true, rules: this.rulesInForce, from: change.kind === 'from-height' ? change.from : null, chainReset };
  }

  private async onPeerRules(from: PeerId, rules: NetworkRules, schedule: RulesSchedule, clock: RulesClock): Promise<void> {
    // Until it hears any peer's rules, this tab is joining: what it adopts then is the network's.
    const joining = !this.heardRules;
    this.heardRules = true;
    if (!rulesClockWins(clock, this.rulesClock)) return;
    if (joining && changedRuleFields(this.rulesInForce, rules).length > 0) {
      this.warnings.push({ key: 'adoptedNetworkRules', values: { peer: short(clock.by) } });
    }
    await this.adoptRules(rules, schedule, clock, from);
  }

  /**
   * Switches to a version of the rules. Blocks are judged under the rules of their height,
   * so a change from a height keeps our chain; only blocks we mined at or past that height
   * before we heard of it (under the old rules) can fail them, and those go, their payments
   * back to pending. A new genesis mode, or a chain whose genesis fails, starts a new chain
   * from a fresh genesis, the payments of the old one back to pending: nothing is lost.
   * Returns whether the chain was restarted.
   */
  private async adoptRules(rules: NetworkRules, schedule: RulesSchedule, clock: RulesClock, from?: PeerId): Promise<boolean> {
    const before = this.rulesInForce;
    const scheduleBefore = this.schedule;
    const changed = changedRuleFields(before, rules);
    this.rulesInForce = rules;
    this.schedule = schedule;
    this.rulesClock = clock;
    const sameChainRules = sameSchedule(scheduleBefore, schedule) && before.genesis === rules.genesis;
    if (changed.length === 0 && sameChainRules) {
      this.emit(['status']);
      return false;
    }
    this.record('rules', this.rulesJournalEntry(before, rules, changed, scheduleBefore, clock, from));
    if (sameChainRules) {
      this.emit(['status', 'peers']);
      return false;
    }
    // Verdicts of peers' chains were given under the old rules: judge them again.
    for (const known of this.knowledge.values()) known.chain = null;
    this.orphans = [];
    this.ownVerdictCache = null;
    const blocks = this.blocks;
    const verdict = await this.ownVerdict();
    const current = this.blocks === blocks && this.rulesClock === clock;
    let restarted = false;
    if (verdict.valid || !current) await this.chainChanged();
    else if (before.genesis !== rules.genesis || verdict.block === null || verdict.block <= 1) {
      await this.startNewChain(verdict);
      restarted = true;
    } else if (!(await this.cutChainAt(verdict.block, verdict))) {
      await this.startNewChain(verdict);
      restarted = true;
    }
    for (const [peerId, known] of this.knowledge) this.learnPeerChain(peerId, known);
    this.emit(['peers', 'forks']);
    return restarted;
  }

  /** The journal line of a new version: which fields changed and, for chain rules, from which block. */
  private rulesJournalEntry(
    before: NetworkRules,
    rules: NetworkRules,
    changed: readonly (keyof NetworkRules)[],
    scheduleBefore: RulesSchedule,
    clock: RulesClock,
    from?: PeerId,
  ): NodeMessage {
    const changes = changed.map((field) => `${field} ${String(rules[field])}`).join(', ');
    const start = firstDifferentStep(scheduleBefore, this.schedule);
    if (start !== null && start > 1 && rules.genesis === before.genesis) {
      return from === undefined
        ? { key: 'rulesFromBlockHere', values: { changes, from: start } }
        : { key: 'rulesFromBlockBy', values: { peer: short(clock.by), changes, from: start } };
    }
    return from === undefined ? { key: 'rulesChangedHere', values: { changes } } : { key: 'rulesChangedBy', values: { peer: short(clock.by), changes } };
  }

  /**
   * Keeps our blocks before `block` (1-based), the first that fails the rules now in force,
   * when they are valid on their own; the payments of the blocks that go come back to pending.
   */
  private async cutChainAt(block: number, broken: Extract<Verdict, { valid: false }>): Promise<boolean> {
    const blocks = this.blocks;
    const schedule = this.schedule;
    const kept = blocks.slice(0, block - 1);
    const verdict = await this.judgeChain(kept);
    if (!verdict.valid || this.blocks !== blocks || this.schedule !== schedule) return false;
    const reconciled = reconcilePending({ pending: this.pendingTransactions, dropped: blocks.slice(kept.length), adopted: [] });
    const dropped = blocks.length - kept.length;
    this.blocks = kept;
    this.hashes = this.hashes.slice(0, kept.length);
    this.validated = { blocks: this.blocks, hashes: verdict.hashes, schedule };
    this.pendingTransactions = reconciled.pending;
    for (const number of [...this.tamperedBlocks]) if (number > kept.length) this.tamperedBlocks.delete(number);
    this.record('chain-reset', { key: 'chainCutUnderRules', values: { from: block, blocks: dropped, returned: reconciled.returned.length, verdict: broken } });
    await this.chainChanged(['pending']);
    return true;
  }

  private async startNewChain(broken: Extract<Verdict, { valid: false }>): Promise<void> {
    const genesis = newGenesis(this.rulesInForce, this.schedule, this.now);
    const hash = await hashBlock(genesis, this.sha256);
    const reconciled = reconcilePending({ pending: this.pendingTransactions, dropped: this.blocks.slice(1), adopted: [] });
    const dropped = this.blocks.length;
    this.blocks = [genesis];
    this.hashes = [hash];
    this.pendingTransactions = reconciled.pending;
    this.tamperedBlocks.clear();
    this.record(
      'chain-reset',
      dropped === 1
        ? { key: 'newGenesisUnderRules', values: { verdict: broken } }
        : { key: 'chainResetUnderRules', values: { blocks: dropped, returned: reconciled.returned.length, verdict: broken } },
    );
    await this.chainChanged(['pending']);
  }

  // ---- tamper lab ------------------------------------------------------------------------

  /** Edits one of our blocks in place: its hash changes, the link to the next block breaks. */
  async tamper(edit: unknown): Promise<TamperResult> {
    const outcome = applyTamperEdit(this.blocks, edit);
    if (!outcome.ok) return outcome;
    const { position } = outcome;
    const hash = await hashBlock(outcome.block, this.sha256);
    const blocks = [...this.blocks];
    const hashes = [...this.hashes];
    blocks[position] = outcome.block;
    hashes[position] = hash;
    this.blocks = blocks;
    this.hashes = hashes;
    this.tamperedBlocks.add(position + 1);
    await this.chainChanged();
    const verdict = await this.ownVerdict();
    this.record(
      'tamper',
      verdict.valid
        ? { key: 'tamperedStillValid', values: { block: position + 1 } }
        : { key: 'tamperedInvalid', values: { block: position + 1, verdict } },
    );
    return { ok: true, hash, verdict };
  }

  /**
   * Makes our chain valid again: every previous_hash rewritten to the hash of the block
   * before, and every proof that no longer holds searched again. Under the tutorial rule the
   * proof covers neither the block nor the previous hash, so no proof needs mining: history
   * is rewritten for free, which is the lesson.
   */
  async repair(): Promise<RepairResult> {
    if (this.work) return busyWith(this.work.purpose, this.work.index);
    const work = this.beginWork('repair');
    const original = this.blocks;
    try {
      const blocks = [...this.blocks];
      const hashes = [...this.hashes];
      const schedule = this.schedule;
      let relinked = 0;
      let remined = 0;
      for (let i = 1; i < blocks.length; i++) {
        const previous = blocks[i - 1];
        const lastHash = hashes[i - 1];
        let block = blocks[i];
        if (!previous || !block || lastHash === undefined) break;
        // Each block is repaired under the rules of its height: an older block may be free to forge.
        const rules = rulesAt(schedule, i + 1);
        work.index = i + 1;
        work.rules = rules;
        if (block['previous_hash'] !== lastHash) {
          block = { ...block, previous_hash: lastHash };
          relinked += 1;
        }
        const contentHash = rules.rule === 'bound' ? await blockContentHash(block, this.sha256) : undefined;
        const input = { rule: rules.rule, lastProof: blockProof(previous), lastHash, ...(contentHash === undefined ? {} : { contentHash }) };
        const check = await checkProof({ ...input, proof: blockProof(block), difficulty: rules.difficulty }, this.sha256);
        if (!check.ok) {
          const parts = guessParts(input);
          if (!parts.ok) return cannotRepair(i + 1, parts.reason);
          this.emit(['status']);
          const proof = await this.searchFor(work, parts, rules.difficulty);
          if (proof === 'cancelled') return repairCancelled();
          if (proof === 'chain-changed' || this.blocks !== original) {
            return chainChangedDuringRepair();
          }
          block = { ...block, proof };
          remined += 1;
        }
        blocks[i] = block;
        hashes[i] = await hashBlock(block, this.sha256);
      }
      if (this.blocks !== original || this.schedule !== schedule) {
        return chainChangedDuringRepair();
      }
      this.blocks = blocks;
      this.hashes = hashes;
      this.tamperedBlocks.clear();
      await this.chainChanged();
      const verdict = await this.ownVerdict();
      const ms = Date.now() - work.startedAt;
      this.record('repair', { key: 'repaired', values: { relinked, remined, attempts: work.attempts, rule: rulesAt(schedule, blocks.length).rule } });
      return { ok: true, relinked, remined, attempts: work.attempts, ms, verdict };
    } catch (error: unknown) {
      return minerFailed(error);
    } finally {
      this.endWork(work);
    }
  }

  // ---- reset -----------------------------------------------------------------------------

  /**
   * Starts this node again with its id (peers still know it), the network's rules and this
   * tab's settings: a new genesis block, no pending transactions, no registered nodes,
   * nothing known of peers' chains, no orphans, no tampered blocks, no mining. Its stored
   * data is wiped, then the new node is stored and its tip announced.
   */
  async reset(): Promise<void> {
    this.cancelMining();
    const genesis = newGenesis(this.rulesInForce, this.schedule, this.now);
    const hash = await hashBlock(genesis, this.sha256);
    this.blocks = [genesis];
    this.hashes = [hash];
    this.validated = null;
    this.pendingTransactions = [];
    this.registered.length = 0;
    this.departed.clear();
    this.silent.clear();
    this.orphans = [];
    this.tamperedBlocks.clear();
    // Peers' chains were judged against our old chain; their announced tips still stand.
    for (const known of this.knowledge.values()) known.chain = null;
    // Like a tab that just opened: the peers online are registered again when that is automatic.
    if (this.autoRegister) for (const peer of this.peerNetwork.peers()) this.addRegistered(peer.id);
    const wiped = this.storage.wipe();
    this.record('reset', { key: 'nodeReset', values: {} });
    await wiped;
    await this.chainChanged(['pending']);
    for (const [peerId, known] of this.knowledge) this.learnPeerChain(peerId, known);
    this.emit(['peers', 'forks']);
  }

  /**
   * The teacher reset the whole network from the network view. The reset is a version of the
   * rules: applied only if its clock beats the version in force, so a late or replayed reset
   * never wipes a network that moved on.
   */
  private async onNetworkReset(rules: NetworkRules, clock: RulesClock): Promise<void> {
    this.heardRules = true;
    if (!rulesClockWins(clock, this.rulesClock)) return;
    this.cancelMining();
    this.rulesInForce = rules;
    this.schedule = initialSchedule(rules);
    this.rulesClock = clock;
    await this.reset();
    this.record('network-reset', { key: 'networkReset', values: {} });
  }

  // ---- files -----------------------------------------------------------------------------

  exportChain(): string {
    return this.chainBody();
  }

  /** Adopts a chain file only if it is valid under this network's rules; otherwise nothing changes. */
  async importChain(text: unknown): Promise<ImportResult> {
    if (typeof text !== 'string') {
      return { adopted: false, error: 'The file could not be read as text.', verdict: null, message: { key: 'fileNotText', values: {} } };
    }
    if (text.length > MAX_CHAIN_CHARS) {
      const size = formatChars(MAX_CHAIN_CHARS);
      const error = `The file is larger than ${size}, the most a chain file may hold.`;
      return { adopted: false, error, verdict: null, message: { key: 'fileTooLarge', values: { size } } };
    }
    const { chain, verdict } = await this.judgeChainText(text);
    if (!verdict.valid) return { adopted: false, error: verdict.reason, verdict };
    const replacement = this.replaceChain(chain, verdict.hashes);
    return { adopted: true, length: chain.length, replacement };
  }

  // ---- events ----------------------------------------------------------------------------

  private record(kind: JournalEntry['kind'], message: NodeMessage): void {
    this.journalCounter += 1;
    this.journalEntries.unshift({ id: this.journalCounter, at: Date.now(), kind, message });
    this.journalEntries.length = Math.min(this.journalEntries.length, MAX_JOURNAL);
    this.emit(['journal']);
  }

  private reportTraffic(): void {
    this.trafficReport ??= setTimeout(() => {
      this.trafficReport = null;
      this.emit(['status']);
    }, TRAFFIC_REPORT_MS);
  }

  /**
   * Tells the page what changed, and stores it: every change of the node passes here. The
   * changes of one step (a tip judged, a chain adopted, a journal line) go out as one event
   * and one write at its end, so that the page fetches each topic once, not once per change.
   */
  private emit(topics: readonly NodeTopic[]): void {
    if (this.unsentTopics) {
      for (const topic of topics) this.unsentTopics.add(topic);
      return;
    }
    this.unsentTopics = new Set(topics);
    queueMicrotask(() => {
      const unsent = this.unsentTopics ?? new Set<NodeTopic>();
      this.unsentTopics = null;
      this.sendEvent(unsent);
    });
  }

  private sendEvent(topics: Set<NodeTopic>): void {
    void this.storage.save();
    // Stats are for the network view alone: with none open they are not sent (a new one is greeted with them).
    if (topics.has('status') && this.peerNetwork.observed()) this.statsAnnouncer.changed();
    // Balances are counted from the chain and the pending list.
    if (topics.has('chain') || topics.has('pending')) topics.add('balances');
    const event: NodeEvent = { topics: [...topics] };
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A page that went away must not break the node.
      }
    }
  }
}

// Read through functions: these flags change while the awaits in between run, which
// control-flow narrowing cannot see.
const miningSettingsSchema = (maxThreads: number) =>
  z.object({
    engine: miningEngineSchema,
    threads: z.number().int().min(1).max(maxThreads),
  });
const stopReason = (work: Work): Stop => (work.cancelled ? 'cancelled' : 'chain-changed');
const wantsAnotherFetch = (known: PeerKnowledge): boolean => known.fetchAgain;

/** The first block number whose rules differ between two schedules, or null when they agree on every height. */
function firstDifferentStep(a: RulesSchedule, b: RulesSchedule): number | null {
  const starts = [...new Set([...a, ...b].map((step) => step.from))].sort((x, y) => x - y);
  for (const from of starts) {
    const x = rulesAt(a, from);
    const y = rulesAt(b, from);
    if (x.rule !== y.rule || x.difficulty !== y.difficulty || x.strict !== y.strict || x.balances !== y.balances) return from;
  }
  return null;
}

/** A `/chain` body as Flask's jsonify writes it. */
function chainBodyText(blocks: readonly Block[], length: number): string {
  return dumpsPython(chainResponse(blocks, length), { compact: true }) + '\n';
}

/** Python's `urlparse(address)`: the netloc if there is one, else the path, else invalid. */
export function nodeAddress(value: JsonValue | undefined): string | null {
  if (typeof value !== 'string') return null;
  const match = /^(?:[A-Za-z][A-Za-z0-9+.-]*:)?\/\/([^/?#]*)/.exec(value);
  if (match) return match[1] ? match[1] : null;
  const path = value.split(/[?#]/, 1)[0] ?? '';
  return path === '' ? null : path;
}
