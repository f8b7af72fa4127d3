import type { Block } from '../core/block';
import type { Sha256 } from '../core/digest';
import type { NetworkRules } from '../core/rules';
import type { Verdict } from '../core/validate';
import type { NetworkName, PeerId } from '../network/ids';
import { createPeerNetwork, type Announcement, type HeardAnnouncement, type PeerInfo, type PeerNetwork } from '../network/peer-network';
import { createThrottle, type Throttle } from '../network/throttle';
import type { Transport } from '../network/transport';
import type { NodeMessage } from '../contract/node-messages';
import type { ResetNetworkResult, RulesPreview, SetRulesResult } from '../contract/results';
import type { ForkView, NetworkViewEvent, NetworkViewStatus, NetworkViewTopic, PeerStatus, PeerTip, TabView } from '../contract/views';
import { hashBlocks, judgeChainText, type JudgeContext } from './chain-judge';
import { recentBlocks } from './classroom-views';
import { DEFAULT_FETCH_TIMEOUT_MS, DEFAULT_HEARTBEAT, type NetworkMemberOptions } from './network-member';
import { RefreshLoop } from './peers/refresh-loop';
import { platformSha256 } from './platform';
import type { NetworkAuthority } from './rules/network-authority';
import { RulesAgreement, type RulesVersion } from './rules/rules-agreement';

export interface NetworkObserverOptions extends NetworkMemberOptions {
  /** the teacher's key: the view follows only rules it signed, and changes them only with its secret half */
  readonly authority: NetworkAuthority;
  /** how often at most the page hears of changes */
  readonly eventIntervalMs?: number;
}

/** Tabs mining report a few times a second each: the page redraws ten times a second at most. */
const DEFAULT_EVENT_INTERVAL_MS = 100;
/** Closed tabs stay listed, the most recent ones only. */
const MAX_CLOSED_TABS = 64;
/** The strip of a tab shows its newest blocks. */
const RECENT_BLOCKS = 8;

interface ObservedChain {
  readonly blocks: readonly Block[];
  readonly hashes: readonly string[];
  readonly verdict: Verdict;
}

interface TabRecord {
  readonly id: PeerId;
  /** tamper-lab edits under its tip, as it announced them: a new count means its chain changed under the same tip */
  edits: number;
  status: PeerStatus;
  /** its place in the class, as it announced it */
  slot: number | null;
  tip: PeerTip | null;
  stats: { readonly pending: number; readonly mining: boolean; readonly hashRate: number | null } | null;
  chain: ObservedChain | null;
}

/**
 * The network view's side of the network: it hears every tab's tip and stats, fetches their
 * chains for the fork tree and judges them under the network's rules, and may announce new
 * rules or a reset. It holds no chain and mines nothing, and no tab counts it as a peer.
 */
export class NetworkObserver {
  readonly id: PeerId;
  readonly network: NetworkName;
  /** Until a tab's version is heard, an epoch-0 clock that any tab's beats: the view never imposes its address's rules. */
  private readonly agreement: RulesAgreement;
  private rulesKnown = false;
  private readonly sha256: Sha256;
  private readonly now: () => number;
  private readonly fetchTimeoutMs: number;
  private readonly warnings: readonly NodeMessage[];
  private readonly peerNetwork: PeerNetwork;
  private readonly transport: Transport;
  private readonly authority: NetworkAuthority;
  private readonly records = new Map<PeerId, TabRecord>();
  private readonly refreshes = new RefreshLoop<TabRecord>();
  /** bumped when chains must be judged again (other chain rules, a reset): older fetches are dropped */
  private generation = 0;
  private readonly listeners = new Set<(event: NetworkViewEvent) => void>();
  private readonly pendingTopics = new Set<NetworkViewTopic>();
  private readonly events: Throttle;

  constructor(options: NetworkObserverOptions) {
    this.id = options.id;
    this.network = options.network;
    this.agreement = new RulesAgreement(options.rules, options.id, () => Number.MAX_SAFE_INTEGER);
    this.sha256 = options.sha256 ?? platformSha256();
    this.now = options.now ?? (() => Date.now() / 1000);
    this.fetchTimeoutMs = options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
    this.warnings = [...(options.warnings ?? [])];
    this.transport = options.transport;
    this.authority = options.authority;
    this.transport.onLinkChange?.(() => {
      this.changed(['status']);
    });
    this.events = createThrottle(() => { this.flushEvents(); }, options.eventIntervalMs ?? DEFAULT_EVENT_INTERVAL_MS);
    this.peerNetwork = createPeerNetwork({
      self: this.id,
      network: this.network,
      transport: options.transport,
      role: 'observer',
      heartbeat: options.heartbeat ?? DEFAULT_HEARTBEAT,
      // Each tab found is asked for its state; rules set here reach tabs that join later.
      greeting: () => [{ kind: 'observe' }, ...(this.agreement.clock.epoch > 0 && this.agreement.current.signature !== null ? [this.rulesAnnouncement()] : [])],
    });
    this.peerNetwork.onPeersChanged((peers) => {
      this.onPeersChanged(peers);
    });
    this.peerNetwork.onAnnouncement((from, announcement) => {
      this.onAnnouncement(from, announcement);
    });
  }

  start(): void {
    this.peerNetwork.start();
  }

  close(): void {
    this.events.cancel();
    this.peerNetwork.stop();
    this.listeners.clear();
  }

  subscribe(listener: (event: NetworkViewEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- reading -------------------------------------------------------------------------

  get rules(): NetworkRules {
    return this.agreement.rules;
  }

  status(): NetworkViewStatus {
    return {
      id: this.id,
      network: this.network,
      rules: this.agreement.rules,
      schedule: this.agreement.schedule,
      rulesClock: this.agreement.clock,
      rulesKnown: this.rulesKnown,
      link: this.transport.link?.() ?? null,
      authority: { publicKey: this.authority.publicKey, teacher: this.authority.canSign, rulesSigned: this.agreement.current.signature !== null },
      warnings: this.warnings,
    };
  }

  /** Every tab by its place in the class (A, B, C …), those without one after them. */
  tabs(): readonly TabView[] {
    const place = (tab: TabRecord) => (tab.status === 'left' || tab.slot === null ? Number.MAX_SAFE_INTEGER : tab.slot);
    const ordered = [...this.records.values()].sort((a, b) => place(a) - place(b) || (a.id < b.id ? -1 : 1));
    return ordered.map((tab) => {
      const verdict = tab.chain?.verdict ?? null;
      return {
        id: tab.id,
        status: tab.status,
        slot: tab.status === 'left' ? null : tab.slot,
        height: tab.tip?.height ?? null,
        tipHash: tab.tip?.hash ?? null,
        pendingCount: tab.stats?.pending ?? null,
        mining: tab.stats?.mining ?? null,
        hashRate: tab.stats?.hashRate ?? null,
        chainValid: verdict === null ? null : verdict.valid,
        chainProblem: verdict === null || verdict.valid ? null : verdict,
        recent: tab.chain ? recentBlocks(tab.chain.blocks, tab.chain.hashes, tab.chain.verdict, RECENT_BLOCKS) : [],
      };
    });
  }

  /** The chain of every tab still here, longest first, so the longest is the trunk of the tree. */
  forks(): ForkView {
    const chains = [...this.records.values()]
      .filter((tab) => tab.status !== 'left' && tab.chain !== null && tab.chain.hashes.length > 0)
      .map((tab) => ({ owner: tab.id, hashes: tab.chain?.hashes ?? [], valid: tab.chain?.verdict.valid ?? false }))
      .sort((a, b) => b.hashes.length - a.hashes.length);
    return { chains, orphaned: [] };
  }

  // ---- the teacher's controls ----------------------------------------------------------

  /** The tabs online and their heights: the network's highest block decides where new chain rules start. */
  private onlineHeights(): number[] {
    return [...this.records.values()].filter((tab) => tab.status !== 'left').map((tab) => tab.tip?.height ?? 1);
  }

  /** What new rules would do: from which block, or what a restart erases on the tabs online. */
  previewRules(input: unknown): RulesPreview {
    return this.agreement.preview(input, this.onlineHeights());
  }

  /** New rules for the whole network, signed by the teacher: they beat every version seen so far. */
  async setRules(input: unknown): Promise<SetRulesResult> {
    const change = this.agreement.change(input, Math.max(1, ...this.onlineHeights()));
    if (!change.ok) return change;
    if (!this.authority.canSign) return { ok: false, message: { key: 'rulesNeedTeacherKey', values: {} } };
    const proposed = this.agreement.propose(change, this.id);
    this.adopt({ ...proposed, signature: await this.authority.sign('rules', proposed) });
    this.peerNetwork.announce(this.rulesAnnouncement());
    return { ok: true, rules: this.agreement.rules, from: change.change.kind === 'from-height' ? change.change.from : null, chainReset: false };
  }

  /**
   * Every tab starts over, when the teacher signed it: the reset is a new version of the
   * rules, so a late copy of it changes nothing.
   */
  async resetNetwork(): Promise<ResetNetworkResult> {
    if (!this.authority.canSign) return { ok: false, message: { key: 'rulesNeedTeacherKey', values: {} } };
    const { rules, clock } = this.agreement;
    const unsigned = this.agreement.resetVersion(rules, { epoch: clock.epoch + 1, at: Date.now(), by: this.id });
    const signature = await this.authority.sign('reset', unsigned);
    const reset = { ...unsigned, signature };
    this.adopt(reset, true);
    this.peerNetwork.announce({ kind: 'reset', rules: reset.rules, clock: reset.clock, ...(signature === null ? {} : { signature }) });
    return { ok: true, epoch: reset.clock.epoch, tabs: this.peerNetwork.peers().length };
  }

  private rulesAnnouncement(): Announcement {
    const { rules, schedule, clock, signature } = this.agreement.current;
    return { kind: 'rules', rules, schedule, clock, ...(signature === null ? {} : { signature }) };
  }

  // ---- what the tabs say ---------------------------------------------------------------

  private onAnnouncement(from: PeerId, announcement: HeardAnnouncement): void {
    switch (announcement.kind) {
      case 'tip': {
        const tab = this.recordOf(from);
        tab.tip = { height: announcement.height, hash: announcement.hash };
        this.heardFrom(tab);
        const chainTip = tab.chain?.hashes.at(-1);
        const edits = announcement.edits ?? 0;
        const changed = chainTip !== announcement.hash || tab.chain?.hashes.length !== announcement.height || tab.edits !== edits;
        tab.edits = edits;
        if (changed) this.refreshChain(tab);
        this.changed(['tabs']);
        return;
      }
      case 'stats': {
        const tab = this.recordOf(from);
        tab.stats = { pending: announcement.pending, mining: announcement.mining, hashRate: announcement.hashRate ?? null };
        this.heardFrom(tab);
        this.changed(['tabs']);
        return;
      }
      case 'badge': {
        const tab = this.recordOf(from);
        tab.slot = announcement.slot;
        this.heardFrom(tab);
        this.changed(['tabs', 'forks']);
        return;
      }
      case 'rules':
        void this.heardRules({ rules: announcement.rules, schedule: announcement.schedule, clock: announcement.clock, signature: announcement.signature ?? null });
        return;
      case 'reset':
        // Another view reset the network.
        void this.heardReset(this.agreement.resetVersion(announcement.rules, announcement.clock, announcement.signature ?? null));
        return;
    }
  }

  /** A tab's version of the rules, followed only when the teacher signed it. */
  private async heardRules(version: RulesVersion): Promise<void> {
    if (!(await this.authority.verifies('rules', version, version.signature))) return;
    if (this.agreement.hearSigned(version.clock).wins) this.adopt(version);
  }

  private async heardReset(reset: RulesVersion): Promise<void> {
    if (!(await this.authority.verifies('reset', reset, reset.signature))) return;
    if (this.agreement.hearSigned(reset.clock).wins) this.adopt(reset, true);
  }

  /** Switches to a version; chains judged under other chain rules are fetched and judged again, unless the network starts over. */
  private adopt(version: RulesVersion, startsOver = false): void {
    const applied = this.agreement.apply(version);
    this.rulesKnown = true;
    if (startsOver) this.startedOver();
    else if (applied.chainRulesChanged) {
      // Verdicts were given under the old rules: fetch and judge every chain again.
      this.generation += 1;
      for (const tab of this.records.values()) {
        tab.chain = null;
        if (tab.status !== 'left' && tab.tip !== null) this.refreshChain(tab);
      }
      this.changed(['tabs', 'forks']);
    }
    this.changed(['status']);
  }

  /** After a reset: every chain known is gone and closed tabs are forgotten; the tabs announce their new tips. */
  private startedOver(): void {
    this.generation += 1;
    for (const [id, tab] of this.records) {
      if (tab.status === 'left') this.records.delete(id);
      else tab.chain = null;
    }
    this.changed(['status', 'tabs', 'forks']);
  }

  private onPeersChanged(peers: readonly PeerInfo[]): void {
    const online = new Set<PeerId>(peers.map((peer) => peer.id));
    for (const id of online) this.heardFrom(this.recordOf(id));
    for (const tab of this.records.values()) {
      if (online.has(tab.id) || tab.status === 'left') continue;
      tab.status = 'left';
      tab.chain = null;
      tab.stats = null;
    }
    const closed = [...this.records.values()].filter((tab) => tab.status === 'left');
    for (const tab of closed.slice(0, Math.max(0, closed.length - MAX_CLOSED_TABS))) this.records.delete(tab.id);
    this.changed(['tabs', 'forks']);
  }

  private recordOf(id: PeerId): TabRecord {
    let tab = this.records.get(id);
    if (!tab) {
      tab = { id, status: 'online', edits: 0, slot: null, tip: null, stats: null, chain: null };
      this.records.set(id, tab);
    }
    return tab;
  }

  /** A tab that speaks is online, even one that did not answer in time before. */
  private heardFrom(tab: TabRecord): void {
    if (tab.status !== 'online') {
      tab.status = 'online';
      this.changed(['tabs', 'forks']);
    }
  }

  // ---- chains for the fork tree ---------------------------------------------------------

  /** One fetch per tab at a time; a tip that arrives meanwhile fetches once more afterwards. */
  private refreshChain(tab: TabRecord): void {
    this.refreshes.request(tab, () => this.fetchChain(tab));
  }

  /** Asks a tab for its chain: only the blocks after the last chain it sent, when it still holds that one. */
  private async fetchChain(tab: TabRecord): Promise<void> {
    const known = tab.chain;
    const knownTip = known?.hashes.at(-1);
    const since = known && knownTip !== undefined ? { height: known.hashes.length, hash: knownTip } : undefined;
    const generation = this.generation;
    const fetched = await this.peerNetwork.requestChain(tab.id, this.fetchTimeoutMs, since);
    if (!fetched.ok) {
      if (fetched.reason === 'timeout' && tab.status === 'online') {
        tab.status = 'silent';
        this.changed(['tabs']);
      }
      return;
    }
    const base =
      known && fetched.skipped > 0
        ? { blocks: known.blocks, skipped: fetched.skipped, trusted: known.verdict.valid ? known.verdict.hashes : [] }
        : null;
    const judged = await judgeChainText(this.judgeContext(), fetched.body, base);
    const hashes = judged.verdict.valid ? judged.verdict.hashes : await hashBlocks(judged.chain, this.sha256);
    if (generation !== this.generation || tab.status === 'left' || this.records.get(tab.id) !== tab) return;
    tab.chain = { blocks: judged.chain, hashes, verdict: judged.verdict };
    const last = hashes.at(-1);
    // The answer is fresher than any announcement before it.
    if (last !== undefined) tab.tip = { height: hashes.length, hash: last };
    this.heardFrom(tab);
    this.changed(['tabs', 'forks']);
  }

  private judgeContext(): JudgeContext {
    return { ...this.agreement.current, sha256: this.sha256, now: this.now };
  }

  // ---- events --------------------------------------------------------------------------

  private changed(topics: readonly NetworkViewTopic[]): void {
    for (const topic of topics) this.pendingTopics.add(topic);
    this.events.request();
  }

  private flushEvents(): void {
    if (this.pendingTopics.size === 0) return;
    const event: NetworkViewEvent = { topics: [...this.pendingTopics] };
    this.pendingTopics.clear();
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A page that went away must not break the observer.
      }
    }
  }
}
