import { blockIndex, blockProof, forgeBlock, rewardTransaction, type Block, type Transaction } from '../core/block';
import { spendRefusal, spendRefusalText } from '../core/balances';
import { chooseChain } from '../core/consensus';
import { subtleSha256, type Sha256 } from '../core/digest';
import type { BlockExplanation } from '../core/explain';
import { blockContentHash, guessParts } from '../core/proof';
import { chainDocumentText } from '../core/chain-document';
import { dumpsPython } from '../core/python-json';
import { changedRuleFields, initialSchedule, type ChainRules, type NetworkRules } from '../core/rules';
import type { Verdict } from '../core/validate';
import type { NetworkName, PeerId } from '../network/ids';
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
  MineResult,
  MiningSettings,
  MiningSettingsResult,
  NewTransactionResult,
  NodeEvent,
  NodeMessage,
  NodeStatus,
  NodeTopic,
  PeerView,
  RegisterResult,
  RepairResult,
  ResolveResult,
  RulesPreview,
  SetRulesResult,
  TamperResult,
} from './api';
import { ChainState } from './chain/chain-state';
import { HashedChain } from './chain/hashed-chain';
import { repairChain } from './chain/repair';
import { judgeChain, judgeChainText, newGenesis, type JudgeContext } from './chain-judge';
import { balancesView, explainOwnBlock, nextBlockBatch } from './classroom-views';
import { Journal } from './journal';
import { createInProcessThread } from './mining/in-process-thread';
import { Miner, type Stop, type Work } from './mining/miner';
import type { MinerThread } from './mining/miner-pool';
import { DEFAULT_FETCH_TIMEOUT_MS, type NetworkMemberOptions } from './network-member';
import { NodeEvents } from './node-events';
import { PeerBook } from './peers/peer-book';
import { PeerChains } from './peers/peer-chains';
import { busyWith, cannotMine, chainEmpty, minerFailed, miningCancelled, spendRefusalMessage } from './refusals';
import { RulesAgreement, type RulesApplied, type RulesVersion } from './rules/rules-agreement';
import { createStatsAnnouncer, type StatsAnnouncement, type StatsAnnouncer } from './stats-announcer';
import { createMemoryNodeStore, type NodeStore, type StoredNode } from './storage/node-store';
import { loadNode, NodeStorage, type StorageSnapshot } from './storage/node-storage';
import { applyTamperEdit } from './tamper-input';
import { parseTransactionInput } from './transaction-input';

export { SHARED_GENESIS_TIMESTAMP } from './chain-judge';

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
  readonly chain: HashedChain;
  readonly restored: StoredNode | null;
  readonly store: NodeStore;
  readonly storageProblem: NodeMessage | null;
}

/** A flood of bad peer messages updates the page's counters a few times a second, not per message. */
const TRAFFIC_REPORT_MS = 250;

const short = (id: string): string => id.slice(0, 8);

/**
 * The chain as peers last heard of it, and its first block edited in the tamper lab (null:
 * none). A newcomer is greeted with its tip and a chain request answered with it, so that no
 * peer learns of an unstored block.
 */
interface AnnouncedChain {
  readonly chain: HashedChain;
  readonly tip: Announcement;
  readonly firstEdited: number | null;
}

/**
 * One full node of the tutorial's blockchain, composed of parts with one job each: its chain
 * and pending transactions (ChainState), the peers it knows (PeerBook) and their chains
 * (PeerChains), its proof searches (Miner), the network's rules (RulesAgreement), its
 * journal and its events. This class wires them to the network and the store, and is what
 * the worker exposes; the endpoints and the page are views of it.
 */
export class TabNode {
  readonly id: PeerId;
  readonly network: NetworkName;
  private readonly sha256: Sha256;
  private readonly now: () => number;
  private readonly warnings: NodeMessage[];
  private readonly rulesAgreement: RulesAgreement;
  private readonly state: ChainState;
  private readonly book: PeerBook;
  private readonly peerChains: PeerChains;
  private readonly miner: Miner;
  private readonly journalLines: Journal;
  private readonly events: NodeEvents;
  private readonly peerNetwork: PeerNetwork;
  private readonly statsAnnouncer: StatsAnnouncer;
  private readonly storage: NodeStorage;
  private announced: AnnouncedChain;
  /** the slot this node held before a reload, taken again if still free */
  private preferredSlot: number | undefined;
  private trafficReport: ReturnType<typeof setTimeout> | null = null;

  private constructor(options: TabNodeOptions, beginning: Beginning) {
    this.id = options.id;
    this.network = options.network;
    this.sha256 = options.sha256 ?? subtleSha256;
    this.now = options.now ?? (() => Date.now() / 1000);
    this.warnings = [...(options.warnings ?? [])];
    this.events = new NodeEvents((topics) => {
      this.beforeEvent(topics);
    });
    this.journalLines = new Journal(() => {
      this.emit(['journal']);
    });
    this.rulesAgreement = new RulesAgreement(options.rules, options.id);
    this.book = new PeerBook(options.id, options.autoRegister ?? true);
    const maxThreads = Math.max(1, Math.floor(options.maxThreads ?? 1));
    const { settings, warning } = Miner.settingsFor(options.mining ?? {}, maxThreads);
    if (warning) this.warnings.push(warning);
    this.miner = new Miner({
      spawn: options.minerThread ?? createInProcessThread,
      maxThreads,
      settings,
      sha256: this.sha256,
      changed: () => {
        this.emit(['status']);
      },
      fastProofRejected: (message) => {
        this.record('engine', message);
      },
    });
    const { restored } = beginning;
    this.state = new ChainState(
      beginning.chain,
      restored?.pending ?? [],
      (blocks, validPrefix) => this.judge(blocks, validPrefix),
      () => this.rulesAgreement.schedule,
    );
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
    this.announced = this.chainToAnnounce();
    this.peerNetwork = createPeerNetwork({
      self: this.id,
      network: this.network,
      transport: options.transport,
      chainBody: (since) => this.answerChainRequest(since),
      greeting: () => [this.announced.tip, this.rulesAnnouncement(), ...this.badgeAnnouncement(), this.statsAnnouncement()],
    });
    this.peerChains = new PeerChains({
      peerNetwork: this.peerNetwork,
      book: this.book,
      fetchTimeoutMs: options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS,
      ours: () => this.state.chain,
      rulesClock: () => this.rulesAgreement.clock,
      judge: (blocks, trustFrom) => this.judge(blocks, this.state.trustedPrefix(trustFrom)),
      judgeText: (text, base) => this.judgeText(text, base),
      hashAll: async (blocks) => (await HashedChain.of(blocks, this.sha256))?.hashes ?? [],
      changed: (topics) => {
        this.emit(topics);
      },
      learned: (peerId, chain, verdict) => {
        this.autoResolve(peerId, chain, verdict);
      },
    });
    this.statsAnnouncer = createStatsAnnouncer(() => this.statsAnnouncement(), (stats) => { this.peerNetwork.announce(stats); });
    this.peerNetwork.onPeersChanged((peers) => {
      if (this.book.online(peers.map((peer) => peer.id))) this.announceBadge();
      this.emit(['peers', 'forks']);
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
          this.peerChains.heardTip(from, { height: announcement.height, hash: announcement.hash, edits: announcement.edits ?? 0 }, announcement.block);
          return;
        case 'rules':
          void this.onPeerRules(from, announcement);
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
    if (loaded.kind === 'discarded') warnings.push({ key: 'savedNodeDiscarded', values: { reason: loaded.reason } });
    let chain = restored ? await HashedChain.of(restored.blocks, sha256) : null;
    if (restored && !chain) {
      warnings.push({ key: 'savedChainUnhashable', values: {} });
      restored = null;
    }
    chain ??= await HashedChain.of([newGenesis(options.rules, initialSchedule(options.rules), options.now ?? (() => Date.now() / 1000))], sha256);
    if (!chain) throw new Error('A genesis block can always be hashed.');
    const node = new TabNode({ ...options, warnings }, { chain, restored, store, storageProblem: problem });
    await node.storage.save();
    return node;
  }

  /** The state its store held; the page's URL does not override a restored node's rules or settings. */
  private restore(restored: StoredNode): void {
    this.rulesAgreement.restore({ rules: restored.rules, schedule: restored.schedule, clock: restored.rulesClock });
    this.preferredSlot = restored.slot;
    this.book.restore(restored.registered, restored.autoRegister);
    this.miner.restoreSettings(restored.mining);
    this.record('restored', {
      key: 'restored',
      values: { blocks: this.state.chain.height, pending: this.state.pending.length, registered: this.book.registered().length },
    });
  }

  private storageSnapshot(): StorageSnapshot {
    const { rules, schedule, clock } = this.rulesAgreement.current;
    const own = this.book.badges.own();
    const state = {
      pending: this.state.pending,
      registered: this.book.registered(),
      rules,
      schedule,
      rulesClock: clock,
      autoRegister: this.book.autoRegister,
      mining: this.miner.settings,
      ...(own === null ? {} : { slot: own.slot }),
    };
    return { blocks: this.state.chain.blocks, state };
  }

  get rules(): NetworkRules {
    return this.rulesAgreement.rules;
  }

  /** Joins the network: arrives, and takes a place in the class (its place before a reload if still free). */
  start(): void {
    this.peerNetwork.start();
    this.book.badges.take(this.preferredSlot);
    this.announceBadge();
  }

  close(): void {
    this.statsAnnouncer.stop();
    if (this.trafficReport !== null) clearTimeout(this.trafficReport);
    this.miner.close();
    this.peerNetwork.stop();
    this.events.close();
    void this.storage.close();
  }

  subscribe(listener: (event: NodeEvent) => void): () => void {
    return this.events.subscribe(listener);
  }

  // ---- reading -------------------------------------------------------------------------

  status(): NodeStatus {
    const { rules, schedule, clock } = this.rulesAgreement.current;
    return {
      id: this.id,
      network: this.network,
      rules,
      schedule,
      rulesClock: clock,
      hashRate: this.miner.rate(),
      slot: this.book.badges.own()?.slot ?? null,
      miningSettings: this.miner.settings,
      maxThreads: this.miner.maxThreads,
      autoRegister: this.book.autoRegister,
      height: this.state.chain.height,
      pendingCount: this.state.pending.length,
      mining: this.miner.state(),
      malformedMessages: this.peerNetwork.malformedCount(),
      droppedMessages: this.peerNetwork.droppedCount(),
      warnings: this.warnings,
      storage: this.storage.status(),
    };
  }

  /** Our chain: its blocks and the hash of each. */
  chain(): HashedChain {
    return this.state.chain;
  }

  /** Our chain with its verdict under the network's rules, for the page. */
  async chainView(): Promise<ChainView> {
    const { blocks, hashes } = this.state.chain;
    return { blocks, hashes, verdict: await this.state.verdict(), tampered: this.state.edited };
  }

  pending(): readonly Transaction[] {
    return this.state.pending;
  }

  peers(): readonly PeerView[] {
    return this.book.views(this.onlineIds(), this.state.chain.hashes);
  }

  /** Every chain this tab knows, for the fork tree: ours, then each online peer's. */
  async forks(): Promise<ForkView> {
    const ours = { owner: this.id, hashes: this.state.chain.hashes, valid: (await this.state.verdict()).valid };
    return { chains: [ours, ...this.book.chainsOnline(this.onlineIds())], orphaned: this.state.orphans };
  }

  journal(): readonly JournalEntry[] {
    return this.journalLines.list();
  }

  /** The `/chain` answer: `{"chain": [...], "length": N}` as Flask's jsonify writes it. */
  chainBody(): string {
    return this.state.body();
  }

  lastBlockIndex(): number {
    const { chain } = this.state;
    const index = blockIndex(chain.blocks.at(-1));
    return index === null ? chain.height : Number(index);
  }

  private onlineIds(): Set<string> {
    return new Set(this.peerNetwork.peers().map((peer) => peer.id));
  }

  /**
   * A peer's chain-request: only our blocks after its tip when our chain holds that tip, and
   * is linked up to it (an edited block breaks the link, so the same hash at that height no
   * longer means the same blocks below it).
   */
  private answerChainRequest(since: ChainPoint | null): ChainBody {
    const { chain, firstEdited } = this.announced;
    const linkedUpTo = firstEdited === null ? chain.height : firstEdited - 1;
    if (since === null || since.height > linkedUpTo || chain.hashes[since.height - 1] !== since.hash) {
      return { body: chain === this.state.chain ? this.state.body() : chainDocumentText(chain.blocks), skipped: 0 };
    }
    return { body: chainDocumentText(chain.blocks.slice(since.height), chain.height), skipped: since.height };
  }

  // ---- judging ---------------------------------------------------------------------------

  private judgeContext(): JudgeContext {
    const { rules, schedule } = this.rulesAgreement.current;
    return { rules, schedule, sha256: this.sha256, now: this.now };
  }

  /** The network's rules by height, and the shared genesis when the network has one. */
  private judge(blocks: readonly Block[], validPrefix: readonly string[] = []): Promise<Verdict> {
    return judgeChain(this.judgeContext(), blocks, undefined, validPrefix);
  }

  /** Parses and judges a `/chain`-shaped text; `base`: our chain, when the text holds only the blocks after its first `skipped`. */
  private judgeText(text: string, base: { readonly chain: HashedChain; readonly skipped: number } | null = null): Promise<{ chain: Block[]; verdict: Verdict }> {
    const trusted = base && { blocks: base.chain.blocks, skipped: base.skipped, trusted: this.state.trustedPrefix(base.chain.blocks) };
    return judgeChainText(this.judgeContext(), text, trusted);
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
    const refusal = this.nextBlockRules().balances ? spendRefusal(this.state.ledger(), this.state.pending, transaction) : null;
    if (refusal !== null) return { ok: false, reason: spendRefusalText(refusal), message: spendRefusalMessage(refusal) };
    this.state.addPending(transaction);
    this.emit(['pending', 'status']);
    return { ok: true, blockIndex: this.lastBlockIndex() + 1 };
  }

  balances(): BalancesView {
    return balancesView(this.state.ledger(), this.state.pending, this.nextBlockRules().balances, this.id);
  }

  explainBlock(number: unknown, hash: unknown): Promise<BlockExplanation | null> {
    return explainOwnBlock(this.state.chain, number, hash, this.rulesAgreement.schedule, this.sha256);
  }

  /** The chain rules the next block of our chain is mined and judged under. */
  private nextBlockRules(): ChainRules {
    return this.rulesAgreement.at(this.state.chain.height + 1);
  }

  // ---- mining ----------------------------------------------------------------------------

  /**
   * The tutorial's `/mine`: find the proof, append the reward, forge the block. When the
   * chain changes under the miner (a peer's chain adopted, a block tampered with, new
   * rules) the proof would be for a tip that is gone, so the search starts again on the
   * new tip; only Cancel (or closing the node) ends it without a block.
   */
  async mine(): Promise<MineResult> {
    const busy = this.miner.work;
    if (busy) return busyWith(busy.purpose, busy.index);
    const index = this.state.chain.height + 1;
    const work = this.miner.begin('mine', index, this.rulesAgreement.at(index));
    if (!work) return busyWith('mine', index);
    try {
      for (;;) {
        const outcome = await this.mineOnTip(work);
        if (outcome === 'cancelled') return miningCancelled();
        if (outcome !== 'chain-changed') return outcome;
        work.restarts += 1;
        this.record('restart', { key: 'minerRestarted', values: { index: this.state.chain.height + 1 } });
      }
    } catch (error: unknown) {
      // A miner thread that cannot start (a blocked worker, a broken build) ends the job, not the node.
      return minerFailed(error);
    } finally {
      this.miner.end(work);
    }
  }

  /** Stops the current search, mining or repair. */
  cancelMining(): void {
    this.miner.cancel();
  }

  private async mineOnTip(work: Work): Promise<MineResult | Stop> {
    const tip = this.state.chain;
    const lastBlock = tip.blocks.at(-1);
    const lastHash = tip.hashes.at(-1);
    if (!lastBlock || lastHash === undefined) return chainEmpty();
    const index = tip.height + 1;
    // The rules in force at the new block's height: a change from a later height does not apply yet.
    const rules = this.rulesAgreement.at(index);
    this.miner.target(work, index, rules);
    // Under the bound rule the proof covers the block's content, so fix it first.
    const boundBatch = rules.rule === 'bound' ? this.nextBlockBatch() : null;
    const bound = boundBatch ? this.blockTemplate(index, boundBatch.included) : null;
    const contentHash = bound ? await blockContentHash(bound, this.sha256) : undefined;
    if (this.state.chain !== tip) return 'chain-changed';
    const parts = guessParts({ rule: rules.rule, lastProof: blockProof(lastBlock), lastHash, ...(contentHash === undefined ? {} : { contentHash }) });
    if (!parts.ok) return cannotMine(tip.height, parts.reason);
    const found = await this.miner.search(work, parts, rules.difficulty);
    if (typeof found === 'string') return found;
    // A change between the last check of the signal and here would forge on a stale tip.
    if (this.state.chain !== tip) return 'chain-changed';

    const batch = boundBatch ?? this.nextBlockBatch();
    const template = bound ?? this.blockTemplate(index, batch.included);
    const block = forgeBlock({ index: BigInt(index), timestamp: template.timestamp, transactions: template.transactions, proof: found, previousHash: lastHash });
    const mined = await tip.append(block, this.sha256);
    if (this.state.chain !== tip) return 'chain-changed';
    this.state.mined(mined, batch.seen, batch.left);
    await this.chainChanged(['pending']);
    const hash = mined.hashes.at(-1) ?? '';
    performance.mark('tabchain:mined', { detail: { hash, height: mined.height } });
    return { ok: true, block, hash, attempts: work.attempts, ms: Date.now() - work.startedAt };
  }

  /** Engine and threads of the next search: a setting of this tab only. */
  setMiningSettings(input: unknown): MiningSettingsResult {
    return this.miner.setSettings(input);
  }

  /** This tab's hash rate, measured for a moment while nothing else searches (see Miner). */
  measureHashRate(): Promise<number> {
    return this.miner.measure(this.id);
  }

  private nextBlockBatch() {
    return nextBlockBatch(this.state.ledger(), this.state.pending, this.nextBlockRules().balances);
  }

  private blockTemplate(index: number, transactions: Transaction[]) {
    return {
      index: BigInt(index),
      timestamp: this.now(),
      transactions: [...transactions, rewardTransaction(this.id)],
      previous_hash: this.state.chain.hashes.at(-1) ?? '',
    };
  }

  // ---- consensus -------------------------------------------------------------------------

  /** The tutorial's `register_node`, with the same address parsing (`http://host:port` or `host:port`). */
  register(addresses: unknown): RegisterResult {
    const registered = (): readonly string[] => [...this.book.registered()];
    if (!Array.isArray(addresses)) {
      return { ok: false, message: 'Error: Please supply a valid list of nodes', notice: { key: 'registerNotAList', values: {} }, registered: registered() };
    }
    const parsed = addresses.map(nodeAddress);
    const bad = parsed.findIndex((address) => address === null);
    if (bad >= 0) {
      const address = JSON.stringify(addresses[bad]);
      return { ok: false, message: `Invalid URL: ${address}`, notice: { key: 'registerInvalidUrl', values: { address } }, registered: registered() };
    }
    for (const address of parsed) if (address !== null) this.book.register(address);
    this.emit(['peers']);
    return { ok: true, message: 'New nodes have been added', notice: { key: 'nodesAdded', values: {} }, registered: registered() };
  }

  registeredNodes(): readonly string[] {
    return this.book.registered();
  }

  setAutoRegister(enabled: boolean): void {
    this.book.setAutoRegister(enabled, [...this.onlineIds()]);
    this.emit(['status', 'peers']);
  }

  /**
   * The tutorial's `resolve_conflicts`: ask every registered node for its chain and adopt the
   * longest valid one that is longer than ours. Lengths are counted, never taken from the
   * answer; a node that does not answer in time is reported, never waited for.
   */
  async resolve(): Promise<ResolveResult> {
    const started = performance.now();
    const candidates = await Promise.all(this.book.registered().map((address) => this.peerChains.candidate(address)));
    const ourLength = this.state.chain.height;
    const decision = chooseChain({ length: ourLength }, candidates);
    const winner = candidates.find((candidate) => candidate.peerId === decision.winner);
    const replacement =
      winner?.outcome.kind === 'answered' && winner.outcome.verdict.valid ? this.adopt(winner.outcome.chain, winner.outcome.verdict) : null;
    performance.measure('tabchain:resolve', { start: started, detail: { height: this.state.chain.height, replaced: replacement !== null } });
    return { replaced: replacement !== null, winner: decision.winner, ourLength, reports: decision.reports, replacement };
  }

  /** Push sync: with auto-resolve on, a longer valid chain from a registered peer is adopted at once. */
  private autoResolve(peerId: PeerId, chain: Block[], verdict: Verdict): void {
    if (!this.rules.autoResolve || !verdict.valid || !this.book.isRegistered(peerId)) return;
    if (chain.length <= this.state.chain.height) return;
    const replacement = this.adopt(chain, verdict);
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

  /**
   * Adopts a chain found valid under the rules in force: nothing lost, nothing doubled (see
   * ChainState.replace). The new chain shows at once; its write (one transaction) and then
   * its announcement follow. The blocks came from a peer or a file, not from our own mining,
   * so the caller need not wait.
   */
  private adopt(blocks: readonly Block[], verdict: Extract<Verdict, { valid: true }>): ChainReplacement {
    const replacement = this.state.replace(HashedChain.validated(blocks, verdict));
    void this.chainChanged(['pending']);
    return replacement;
  }

  /**
   * Every change of our chain: the miner moves to the new tip, and the new chain is stored (a
   * replaced chain in one write) before peers hear the tip, so that a tab closed at any moment
   * keeps every block it announced.
   */
  private async chainChanged(extra: readonly NodeTopic[] = []): Promise<void> {
    this.miner.chainChanged();
    const changed = this.chainToAnnounce();
    const stored = this.storage.save();
    this.emit(['chain', 'status', 'peers', 'forks', ...extra]);
    await stored;
    this.announced = changed;
    this.peerNetwork.announce(changed.tip);
  }

  private chainToAnnounce(): AnnouncedChain {
    return { chain: this.state.chain, tip: this.tipAnnouncement(), firstEdited: this.state.firstEdited() };
  }

  private tipAnnouncement(): Announcement {
    const { chain, edits } = this.state;
    const last = chain.blocks.at(-1);
    const block = last === undefined ? '' : dumpsPython(last, { compact: true });
    return {
      kind: 'tip',
      height: chain.height,
      hash: chain.hashes.at(-1) ?? '',
      ...(block !== '' && block.length <= MAX_TIP_BLOCK_CHARS ? { block } : {}),
      ...(edits > 0 ? { edits } : {}),
    };
  }

  // ---- places in the class and figures --------------------------------------------------

  private badgeAnnouncement(): Announcement[] {
    const own = this.book.badges.own();
    return own === null ? [] : [{ kind: 'badge', slot: own.slot, since: own.since }];
  }

  private announceBadge(): void {
    for (const badge of this.badgeAnnouncement()) this.peerNetwork.announce(badge);
    this.emit(['status']);
  }

  /** A peer's place: ours moves if its claim is older, or is said again if ours is (it will move). */
  private onPeerBadge(from: PeerId, claim: { readonly slot: number; readonly since: number }): void {
    // Only peers we know are online hold a place: a flood of invented ids fills nothing.
    if (!this.peerChains.isOnline(from)) return;
    if (this.book.badges.hear(from, claim) !== 'none') this.announceBadge();
    this.emit(['peers']);
  }

  /** For the network view: pending count, whether a proof search runs and, while it does, its rate. */
  private statsAnnouncement(): StatsAnnouncement {
    const mining = this.miner.state();
    const hashRate = mining?.rate ?? null;
    return { kind: 'stats', pending: this.state.pending.length, mining: mining !== null, ...(hashRate === null ? {} : { hashRate }) };
  }

  // ---- network rules ---------------------------------------------------------------------

  private rulesAnnouncement(): Announcement {
    const { rules, schedule, clock } = this.rulesAgreement.current;
    return { kind: 'rules', rules, schedule, clock };
  }

  /** The heights of the tabs online, ours first: new chain rules start after the highest. */
  private heightsOnline(): number[] {
    return [this.state.chain.height, ...this.book.heightsOnline((id) => this.peerChains.isOnline(id))];
  }

  /** What new rules would do, said before they are applied: from which block, or what a restart erases. */
  previewRules(input: unknown): RulesPreview {
    const heights = this.heightsOnline();
    // Tabs online that did not tell their tip yet hold a genesis block at least.
    const unknown = Math.max(0, this.peerNetwork.peers().length - (heights.length - 1));
    return this.rulesAgreement.preview(input, [...heights, ...Array.from({ length: unknown }, () => 1)]);
  }

  /** A change made in this tab: it beats every version seen so far and reaches every tab. */
  async setRules(input: unknown): Promise<SetRulesResult> {
    const change = this.rulesAgreement.change(input, Math.max(...this.heightsOnline()));
    if (!change.ok) return change;
    const chainReset = await this.adoptRules(this.rulesAgreement.propose(change, this.id));
    await this.storage.save();
    this.peerNetwork.announce(this.rulesAnnouncement());
    return { ok: true, rules: this.rules, from: change.change.kind === 'from-height' ? change.change.from : null, chainReset };
  }

  private async onPeerRules(from: PeerId, version: RulesVersion): Promise<void> {
    const { wins, joining } = this.rulesAgreement.hear(version.clock);
    if (!wins) return;
    if (joining && changedRuleFields(this.rules, version.rules).length > 0) {
      this.warnings.push({ key: 'adoptedNetworkRules', values: { peer: short(version.clock.by) } });
    }
    await this.adoptRules(version, from);
  }

  /**
   * Switches to a version of the rules. Blocks are judged under the rules of their height,
   * so a change from a height keeps our chain; only blocks we mined at or past that height
   * before we heard of it (under the old rules) can fail them, and those go, their payments
   * back to pending. A new genesis mode, or a chain whose genesis fails, starts a new chain
   * from a fresh genesis, the payments of the old one back to pending: nothing is lost.
   * Returns whether the chain was restarted.
   */
  private async adoptRules(version: RulesVersion, from?: PeerId): Promise<boolean> {
    const applied = this.rulesAgreement.apply(version);
    if (applied.changedFields.length === 0 && !applied.chainRulesChanged) {
      this.emit(['status']);
      return false;
    }
    this.record('rules', this.rulesJournalEntry(applied, version, from));
    if (!applied.chainRulesChanged) {
      this.emit(['status', 'peers']);
      return false;
    }
    // Verdicts of peers' chains were given under the old rules: judge them again.
    this.book.forgetChains();
    this.state.rulesChanged();
    const chain = this.state.chain;
    const verdict = await this.state.verdict();
    const current = this.state.chain === chain && this.rulesAgreement.clock === version.clock;
    let restarted = false;
    if (verdict.valid || !current) await this.chainChanged();
    else if (applied.genesisChanged || verdict.block === null || verdict.block <= 1 || !(await this.cutChainAt(verdict.block, verdict))) {
      await this.startNewChain(verdict);
      restarted = true;
    }
    this.peerChains.learnAll();
    this.emit(['peers', 'forks']);
    return restarted;
  }

  /** The journal line of a new version: which fields changed and, for chain rules, from which block. */
  private rulesJournalEntry(applied: RulesApplied, version: RulesVersion, from?: PeerId): NodeMessage {
    const changes = applied.changedFields.map((field) => `${field} ${String(version.rules[field])}`).join(', ');
    const peer = short(version.clock.by);
    if (applied.fromBlock !== null && applied.fromBlock > 1 && !applied.genesisChanged) {
      return from === undefined
        ? { key: 'rulesFromBlockHere', values: { changes, from: applied.fromBlock } }
        : { key: 'rulesFromBlockBy', values: { peer, changes, from: applied.fromBlock } };
    }
    return from === undefined ? { key: 'rulesChangedHere', values: { changes } } : { key: 'rulesChangedBy', values: { peer, changes } };
  }

  /**
   * Keeps our blocks before `block` (1-based), the first that fails the rules now in force,
   * when they are valid on their own; the payments of the blocks that go come back to pending.
   */
  private async cutChainAt(block: number, broken: Extract<Verdict, { valid: false }>): Promise<boolean> {
    const chain = this.state.chain;
    const version = this.rulesAgreement.current;
    const verdict = await this.judge(chain.blocks.slice(0, block - 1));
    if (!verdict.valid || this.state.chain !== chain || this.rulesAgreement.current !== version) return false;
    const dropped = this.state.cut(block - 1);
    this.record('chain-reset', { key: 'chainCutUnderRules', values: { from: block, blocks: dropped.blocks, returned: dropped.returned.length, verdict: broken } });
    await this.chainChanged(['pending']);
    return true;
  }

  private async startNewChain(broken: Extract<Verdict, { valid: false }>): Promise<void> {
    const dropped = this.state.restart(await this.genesisChain());
    this.record(
      'chain-reset',
      dropped.blocks === 1
        ? { key: 'newGenesisUnderRules', values: { verdict: broken } }
        : { key: 'chainResetUnderRules', values: { blocks: dropped.blocks, returned: dropped.returned.length, verdict: broken } },
    );
    await this.chainChanged(['pending']);
  }

  private async genesisChain(): Promise<HashedChain> {
    const { rules, schedule } = this.rulesAgreement.current;
    const chain = await HashedChain.of([newGenesis(rules, schedule, this.now)], this.sha256);
    if (!chain) throw new Error('A genesis block can always be hashed.');
    return chain;
  }

  // ---- tamper lab ------------------------------------------------------------------------

  /** Edits one of our blocks in place: its hash changes, the link to the next block breaks. */
  async tamper(edit: unknown): Promise<TamperResult> {
    const outcome = applyTamperEdit(this.state.chain.blocks, edit);
    if (!outcome.ok) return outcome;
    const edited = await this.state.chain.edit(outcome.position, outcome.block, this.sha256);
    this.state.edit(edited, outcome.position + 1);
    await this.chainChanged();
    const verdict = await this.state.verdict();
    const block = outcome.position + 1;
    this.record('tamper', verdict.valid ? { key: 'tamperedStillValid', values: { block } } : { key: 'tamperedInvalid', values: { block, verdict } });
    return { ok: true, hash: edited.hashes[outcome.position] ?? '', verdict };
  }

  /** Makes our chain valid again, each block under the rules of its height (see chain/repair). */
  async repair(): Promise<RepairResult> {
    const busy = this.miner.work;
    if (busy) return busyWith(busy.purpose, busy.index);
    const original = this.state.chain;
    const schedule = this.rulesAgreement.schedule;
    const work = this.miner.begin('repair', original.height + 1, this.rulesAgreement.at(original.height + 1));
    if (!work) return busyWith('repair', original.height + 1);
    try {
      const repaired = await repairChain(original, schedule, this.sha256, {
        search: (parts, index, rules) => {
          this.miner.target(work, index, rules);
          return this.miner.search(work, parts, rules.difficulty);
        },
        stillCurrent: () => this.state.chain === original && this.rulesAgreement.schedule === schedule,
      });
      if (!repaired.ok) return repaired;
      this.state.repaired(repaired.chain);
      await this.chainChanged();
      const verdict = await this.state.verdict();
      const { relinked, remined } = repaired;
      const rule = this.rulesAgreement.at(repaired.chain.height).rule;
      this.record('repair', { key: 'repaired', values: { relinked, remined, attempts: work.attempts, rule } });
      return { ok: true, relinked, remined, attempts: work.attempts, ms: Date.now() - work.startedAt, verdict };
    } catch (error: unknown) {
      return minerFailed(error);
    } finally {
      this.miner.end(work);
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
    this.state.reset(await this.genesisChain());
    this.book.reset([...this.onlineIds()]);
    const wiped = this.storage.wipe();
    this.record('reset', { key: 'nodeReset', values: {} });
    await wiped;
    await this.chainChanged(['pending']);
    this.peerChains.learnAll();
    this.emit(['peers', 'forks']);
  }

  /**
   * The teacher reset the whole network from the network view. The reset is a version of the
   * rules: applied only if its clock beats the version in force, so a late or replayed reset
   * never wipes a network that moved on.
   */
  private async onNetworkReset(rules: NetworkRules, clock: RulesVersion['clock']): Promise<void> {
    if (!this.rulesAgreement.hear(clock).wins) return;
    this.cancelMining();
    this.rulesAgreement.apply(this.rulesAgreement.resetVersion(rules, clock));
    this.state.rulesChanged();
    await this.reset();
    this.record('network-reset', { key: 'networkReset', values: {} });
  }

  // ---- files -----------------------------------------------------------------------------

  exportChain(): string {
    return this.state.body();
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
    const { chain, verdict } = await this.judgeText(text);
    if (!verdict.valid) return { adopted: false, error: verdict.reason, verdict };
    const replacement = this.adopt(chain, verdict);
    return { adopted: true, length: chain.length, replacement };
  }

  // ---- events ----------------------------------------------------------------------------

  private record(kind: JournalEntry['kind'], message: NodeMessage): void {
    this.journalLines.record(kind, message);
  }

  private reportTraffic(): void {
    this.trafficReport ??= setTimeout(() => {
      this.trafficReport = null;
      this.emit(['status']);
    }, TRAFFIC_REPORT_MS);
  }

  /** Every change of the node passes here: the page hears it, and it is stored, at the end of the step. */
  private emit(topics: readonly NodeTopic[]): void {
    this.events.emit(topics);
  }

  private beforeEvent(topics: ReadonlySet<NodeTopic>): void {
    void this.storage.save();
    // Stats are for the network view alone: with none open they are not sent (a new one is greeted with them).
    if (topics.has('status') && this.peerNetwork.observed()) this.statsAnnouncer.changed();
  }
}

/** Python's `urlparse(address)`: the netloc if there is one, else the path, else invalid. */
export function nodeAddress(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^(?:[A-Za-z][A-Za-z0-9+.-]*:)?\/\/([^/?#]*)/.exec(value);
  if (match) return match[1] ? match[1] : null;
  const path = value.split(/[?#]/, 1)[0] ?? '';
  return path === '' ? null : path;
}
