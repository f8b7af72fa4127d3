import { blockIndex, type Transaction } from '../core/block';
import { spendRefusalText } from '../core/balances';
import type { Sha256 } from '../core/digest';
import type { BlockExplanation } from '../core/explain';
import type { ChainRules, NetworkRules } from '../core/rules';
import type { NetworkName, PeerId } from '../network/ids';
import type { PeerNetwork } from '../network/peer-network';
import type { Transport } from '../network/transport';
import type { NodeMessage } from '../contract/node-messages';
import type { AddTransactionResult, ImportResult, MineResult, MiningSettingsResult, NewTransactionResult, RegisterResult, RepairResult, ResolveResult, RulesPreview, SetRulesResult, TamperResult } from '../contract/results';
import type { BalancesView, ChainView, ForkView, JournalEntry, NodeEvent, NodeStatus, NodeTopic, PeerView } from '../contract/views';
import { ChainState } from './chain/chain-state';
import type { HashedChain } from './chain/hashed-chain';
import { repairOurChain, tamperWith } from './chain/tamper-lab';
import { balancesView, explainOwnBlock } from './classroom-views';
import { Journal } from './journal';
import { mineBlock } from './mining/block-miner';
import { createInProcessThread } from './mining/in-process-thread';
import { Miner } from './mining/miner';
import { DEFAULT_FETCH_TIMEOUT_MS, DEFAULT_HEARTBEAT } from './network-member';
import { begin, type Beginning, type TabNodeOptions } from './beginning';
import type { NodeContext } from './node-context';
import { NodeEvents } from './node-events';
import { Announcer } from './peers/announcer';
import { connectPeers } from './peers/connect-peers';
import { Consensus } from './peers/consensus';
import { PeerBook } from './peers/peer-book';
import { PeerChains } from './peers/peer-chains';
import { hasSubtleCrypto, platformSha256 } from './platform';
import { spendRefusalMessage } from './refusals';
import type { NetworkAuthority } from './rules/network-authority';
import { RulesAgreement } from './rules/rules-agreement';
import { RulesKeeper } from './rules/rules-keeper';
import { NodeStorage, type StorageSnapshot } from './storage/node-storage';
import { parseTransactionInput } from './transaction-input';

/** A flood of bad peer messages updates the page's counters a few times a second, not per message. */
const TRAFFIC_REPORT_MS = 250;

/**
 * One full node of the tutorial's blockchain, composed of parts with one job each: its chain
 * and pending transactions (ChainState), the network's rules (RulesAgreement, RulesKeeper),
 * the peers it knows (PeerBook), their chains (PeerChains) and consensus with them, its proof
 * searches (Miner, mineBlock), what it tells its peers (Announcer), its journal and events,
 * and its store. This class builds them, wires them to the network and is what the worker
 * exposes; the endpoints and the page are views of it.
 */
export type { TabNodeOptions } from './beginning';

export class TabNode {
  readonly id: PeerId;
  readonly network: NetworkName;
  private readonly sha256: Sha256;
  private readonly now: () => number;
  private readonly warnings: NodeMessage[];
  private readonly node: NodeContext;
  private readonly rulesAgreement: RulesAgreement;
  private readonly state: ChainState;
  private readonly book: PeerBook;
  private readonly miner: Miner;
  private readonly journalLines: Journal;
  private readonly events: NodeEvents;
  private readonly storage: NodeStorage;
  private readonly announcer: Announcer;
  private readonly peerNetwork: PeerNetwork;
  private readonly peerChains: PeerChains;
  private readonly consensus: Consensus;
  private readonly rulesKeeper: RulesKeeper;
  /** the slot this node held before a reload, taken again if still free */
  private readonly preferredSlot: number | undefined;
  private readonly transport: Transport;
  private readonly authority: NetworkAuthority;
  private trafficReport: ReturnType<typeof setTimeout> | null = null;

  private constructor(options: TabNodeOptions, beginning: Beginning) {
    const { restored } = beginning;
    this.id = options.id;
    this.network = options.network;
    this.sha256 = options.sha256 ?? platformSha256();
    this.now = options.now ?? (() => Date.now() / 1000);
    this.warnings = [...(options.warnings ?? [])];
    this.transport = options.transport;
    this.events = new NodeEvents((topics) => {
      this.beforeEvent(topics);
    });
    this.journalLines = new Journal(() => {
      this.events.emit(['journal']);
    });
    this.rulesAgreement = new RulesAgreement(options.rules, options.id);
    this.book = new PeerBook(options.id, options.autoRegister ?? true);
    const maxThreads = Math.max(1, Math.floor(options.maxThreads ?? 1));
    const subtleCrypto = options.subtleCrypto ?? hasSubtleCrypto();
    if (!subtleCrypto) this.warnings.push({ key: 'noSubtleCrypto', values: {} });
    const { settings, warning } = Miner.settingsFor(options.mining ?? {}, maxThreads, subtleCrypto);
    if (warning) this.warnings.push(warning);
    this.miner = new Miner({
      spawn: options.minerThread ?? createInProcessThread,
      maxThreads,
      settings,
      sha256: this.sha256,
      subtleCrypto,
      changed: () => {
        this.events.emit(['status']);
      },
      fastProofRejected: (message) => {
        this.journalLines.record('engine', message);
      },
    });
    this.state = new ChainState(beginning.chain, restored?.pending ?? [], () => ({ ...this.rulesAgreement.current, sha256: this.sha256, now: this.now }));
    this.storage = new NodeStorage({
      key: { network: this.network, id: this.id },
      store: beginning.store,
      problem: beginning.storageProblem,
      restored,
      current: () => this.storageSnapshot(),
      onSavingFailed: (error) => {
        this.journalLines.record('storage', { key: 'savingFailed', values: { error } });
      },
    });
    this.node = {
      id: this.id,
      sha256: this.sha256,
      now: this.now,
      state: this.state,
      rules: this.rulesAgreement,
      book: this.book,
      miner: this.miner,
      emit: (topics) => {
        this.events.emit(topics);
      },
      record: (kind, message) => {
        this.journalLines.record(kind, message);
      },
      chainChanged: (extra = []) =>
        this.announcer.chainChanged(() => {
          this.events.emit(['chain', 'status', 'peers', 'forks', ...extra]);
        }),
    };
    if (restored) {
      const { rules, registered, mining, autoRegister } = restored;
      if (rules) this.rulesAgreement.restore({ rules: rules.rules, schedule: rules.schedule, clock: rules.rulesClock, signature: rules.rulesSignature });
      this.book.restore(registered ?? [], autoRegister ?? this.book.autoRegister);
      if (mining) this.miner.restoreSettings(mining);
      for (const part of restored.dropped) this.warnings.push({ key: 'savedPartDropped', values: { part } });
      this.journalLines.record('restored', {
        key: 'restored',
        values: { blocks: this.state.chain.height, pending: this.state.pending.length, registered: this.book.registered().length },
      });
    }
    this.preferredSlot = restored?.slot;
    this.announcer = new Announcer(this.node, { send: (announcement) => { this.peerNetwork.announce(announcement); }, save: () => this.storage.save() });
    const byHand = (peer: PeerId): boolean => this.book.isRegisteredByHand(peer);
    const { peerNetwork, tracked } = connectPeers({
      self: this.id,
      network: this.network,
      transport: options.transport,
      heartbeat: options.heartbeat ?? DEFAULT_HEARTBEAT,
      byHand,
      announcer: () => this.announcer,
    });
    this.peerNetwork = peerNetwork;
    this.peerChains = new PeerChains(
      this.node,
      this.peerNetwork,
      options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS,
      (peerId, chain, verdict) => {
        this.consensus.learned(peerId, chain, verdict);
      },
      { isProven: (peer) => tracked.isProven(peer) || byHand(peer) },
    );
    this.consensus = new Consensus(this.node, this.peerChains);
    this.rulesKeeper = new RulesKeeper(this.node, {
      heights: () => this.heightsOnline(),
      announce: () => { this.announcer.announceRules(); },
      save: () => this.storage.save(),
      warn: (message) => { this.warnings.push(message); },
      relearnPeers: () => { this.peerChains.learnAll(); },
      authority: beginning.authority,
    });
    this.authority = beginning.authority;
    this.listen();
  }

  /**
   * A node restored from its store when the store holds it (same network, same id), else a
   * new one; either way stored before it is returned, so that what it announces is kept.
   */
  static async create(options: TabNodeOptions): Promise<TabNode> {
    const beginning = await begin(options);
    const node = new TabNode({ ...options, warnings: beginning.warnings }, beginning);
    await node.rulesKeeper.checkOwnVersion();
    await node.storage.save();
    return node;
  }

  /** What the network tells this node, to the part it concerns. */
  private listen(): void {
    this.peerNetwork.onPeersChanged((peers) => {
      if (this.book.online(peers.map((peer) => peer.id))) this.announceBadge();
      this.events.emit(['peers', 'forks']);
    });
    this.peerNetwork.onMalformed(() => {
      this.reportTraffic();
    });
    this.peerNetwork.onDropped(() => {
      this.reportTraffic();
    });
    this.transport.onLinkChange?.(() => {
      this.reportTraffic();
    });
    this.peerNetwork.onAnnouncement((from, announcement) => {
      switch (announcement.kind) {
        case 'tip':
          this.peerChains.heardTip(from, { height: announcement.height, hash: announcement.hash, edits: announcement.edits ?? 0 }, announcement.block);
          return;
        case 'rules':
          void this.rulesKeeper.heard(from, { rules: announcement.rules, schedule: announcement.schedule, clock: announcement.clock, signature: announcement.signature ?? null });
          return;
        case 'badge':
          // Only peers we know are online hold a place: a flood of invented ids fills nothing.
          if (!this.peerChains.isOnline(from)) return;
          if (this.book.badges.hear(from, announcement) !== 'none') this.announceBadge();
          this.events.emit(['peers']);
          return;
        case 'reset':
          void this.rulesKeeper.heardReset(from, this.rulesAgreement.resetVersion(announcement.rules, announcement.clock, announcement.signature ?? null), () => this.reset());
          return;
        case 'stats':
          // For the network view; a tab shows peers' chains, not their figures.
          return;
      }
    });
  }

  private storageSnapshot(): StorageSnapshot {
    const { rules, schedule, clock, signature } = this.rulesAgreement.current;
    const own = this.book.badges.own();
    const state = {
      pending: this.state.pending,
      registered: this.book.registered(),
      rules,
      schedule,
      rulesClock: clock,
      rulesSignature: signature,
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
    this.announcer.stop();
    if (this.trafficReport !== null) clearTimeout(this.trafficReport);
    this.miner.close();
    this.peerChains.stop();
    this.peerNetwork.stop();
    this.events.close();
    void this.storage.close();
  }

  subscribe(listener: (event: NodeEvent) => void): () => void {
    return this.events.subscribe(listener);
  }

  // ---- reading -------------------------------------------------------------------------

  status(): NodeStatus {
    const { rules, schedule, clock, signature } = this.rulesAgreement.current;
    return {
      id: this.id,
      network: this.network,
      rules,
      schedule,
      rulesClock: clock,
      authority: { publicKey: this.authority.publicKey, teacher: this.authority.canSign, rulesSigned: signature !== null },
      hashRate: this.miner.rate(),
      slot: this.book.badges.own()?.slot ?? null,
      miningSettings: this.miner.settings,
      maxThreads: this.miner.maxThreads,
      subtleCrypto: this.miner.subtleCrypto,
      link: this.transport.link?.() ?? null,
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

  balances(): BalancesView {
    return balancesView(this.state.ledger(), this.state.pending, this.nextBlockRules().balances, this.id);
  }

  explainBlock(number: unknown, hash: unknown): Promise<BlockExplanation | null> {
    return explainOwnBlock(this.state.chain, number, hash, this.rulesAgreement.schedule, this.sha256);
  }

  private onlineIds(): Set<string> {
    return new Set(this.peerNetwork.peers().map((peer) => peer.id));
  }

  /** The chain rules the next block of our chain is mined and judged under. */
  private nextBlockRules(): ChainRules {
    return this.rulesAgreement.at(this.state.chain.height + 1);
  }

  // ---- transactions and mining -------------------------------------------------------------

  /** The page's form: every field required, the amount a finite number. */
  addTransaction(form: unknown): AddTransactionResult {
    const parsed = parseTransactionInput(form);
    if (!parsed.ok) return parsed;
    const added = this.newTransaction(parsed.transaction);
    if (!added.ok) return { ok: false, texts: { amount: added.text }, messages: { amount: added.message } };
    return { ok: true, blockIndex: added.blockIndex, transaction: parsed.transaction };
  }

  /**
   * The tutorial's `new_transaction`: queue it, answer the index of the block it will join.
   * Under the balances rule a payment its sender cannot afford is refused instead.
   */
  newTransaction(transaction: Transaction): NewTransactionResult {
    const refusal = this.state.addPending(transaction, this.nextBlockRules().balances);
    if (refusal !== null) return { ok: false, text: spendRefusalText(refusal), message: spendRefusalMessage(refusal) };
    this.events.emit(['pending', 'status']);
    return { ok: true, blockIndex: this.lastBlockIndex() + 1 };
  }

  mine(): Promise<MineResult> {
    return mineBlock(this.node);
  }

  /** Stops the current search, mining or repair. */
  cancelMining(): void {
    this.miner.cancel();
  }

  /** Engine and threads of the next search: a setting of this tab only. */
  setMiningSettings(input: unknown): MiningSettingsResult {
    return this.miner.setSettings(input);
  }

  /** This tab's hash rate, measured for a moment while nothing else searches (see Miner). */
  measureHashRate(): Promise<number> {
    return this.miner.measure(this.id);
  }

  // ---- consensus, rules, the tamper lab ----------------------------------------------------

  register(addresses: unknown): RegisterResult {
    return this.consensus.register(addresses);
  }

  registeredNodes(): readonly string[] {
    return this.book.registered();
  }

  setAutoRegister(enabled: boolean): void {
    this.book.setAutoRegister(enabled, [...this.onlineIds()]);
    this.events.emit(['status', 'peers']);
  }

  resolve(): Promise<ResolveResult> {
    return this.consensus.resolve();
  }

  previewRules(input: unknown): RulesPreview {
    return this.rulesKeeper.preview(input);
  }

  setRules(input: unknown): Promise<SetRulesResult> {
    return this.rulesKeeper.set(input);
  }

  tamper(edit: unknown): Promise<TamperResult> {
    return tamperWith(this.node, edit);
  }

  repair(): Promise<RepairResult> {
    return repairOurChain(this.node);
  }

  /** The heights of the tabs online, ours first; a tab that told none yet holds a genesis block at least. */
  private heightsOnline(): number[] {
    const told = this.book.heightsOnline((id) => this.peerChains.isOnline(id));
    const untold = Math.max(0, this.peerNetwork.peers().length - told.length);
    return [this.state.chain.height, ...told, ...Array.from({ length: untold }, () => 1)];
  }

  private announceBadge(): void {
    this.announcer.announceBadge();
    this.events.emit(['status']);
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
    this.state.reset(await this.state.genesis());
    this.book.reset([...this.onlineIds()]);
    const wiped = this.storage.wipe();
    this.journalLines.record('reset', { key: 'nodeReset', values: {} });
    await wiped;
    await this.node.chainChanged(['pending']);
    this.peerChains.learnAll();
    this.events.emit(['peers', 'forks']);
  }

  // ---- files -----------------------------------------------------------------------------

  exportChain(): string {
    return this.state.body();
  }

  importChain(text: unknown): Promise<ImportResult> {
    return this.consensus.importChain(text);
  }

  // ---- events ----------------------------------------------------------------------------

  private reportTraffic(): void {
    this.trafficReport ??= setTimeout(() => {
      this.trafficReport = null;
      this.events.emit(['status']);
    }, TRAFFIC_REPORT_MS);
  }

  /** At the end of every step that changed something: it is stored, and the network view hears the figures. */
  private beforeEvent(topics: ReadonlySet<NodeTopic>): void {
    void this.storage.save();
    // Stats are for the network view alone: with none open they are not sent (a new one is greeted with them).
    if (topics.has('status') && this.peerNetwork.observed()) this.announcer.statsChanged();
  }
}
