import type { Block } from '../../core/block';
import type { ChainCandidate } from '../../core/consensus';
import { isJsonObject } from '../../core/json-value';
import { parsePythonJson } from '../../core/python-json';
import type { RulesClock } from '../../core/rules';
import type { Verdict } from '../../core/validate';
import { parsePeerId, type PeerId } from '../../network/ids';
import type { PeerNetwork } from '../../network/peer-network';
import { HashedChain } from '../chain/hashed-chain';
import type { NodeContext } from '../node-context';
import { FetchBudget } from './fetch-budget';
import { relationOfTip, sameTip, type HeardTip, type PeerKnowledge } from './peer-book';
import { RefreshLoop } from './refresh-loop';

/** A peer's chain as fetched: the blocks and their verdict under our rules. */
export type FetchedChain = { readonly ok: true; readonly chain: Block[]; readonly verdict: Verdict } | { readonly ok: false; readonly reason: string };

/** The longest valid chain a peer sent that is longer than ours, under the rules it was judged by. */
interface JudgedAhead {
  readonly peerId: PeerId;
  readonly chain: Block[];
  readonly verdict: Extract<Verdict, { valid: true }>;
  readonly rulesClock: RulesClock;
  /**
   * The whole /chain body it came in (null when it came otherwise, as a tip block): the same
   * text again, under the same rules, is the same chain with the same verdict. Kept beside the
   * blocks, it costs at most the chain's own text limit, for the one chain kept.
   */
  readonly body: string | null;
}

/** A peer's valid chain was learned: with auto-resolve on, a longer one is adopted. */
export type Learned = (peerId: PeerId, chain: Block[], verdict: Verdict) => void;

export interface PeerChainsOptions {
  /** proven peers have budgets of their own; the others share one (see TrackedPeers) */
  readonly isProven?: (peerId: PeerId) => boolean;
  /** the clock of the budgets, in milliseconds */
  readonly nowMs?: () => number;
  readonly setTimer?: (fn: () => void, ms: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
}

/**
 * What every tab knows of its peers' chains without a resolve: tips announced, tip blocks
 * judged on arrival, chains fetched when a tip is off our chain, and the chain requests of a
 * resolve. One fetch per peer at a time, within the budgets of FetchBudget: a tip of a peer
 * over its budget is fetched when the budget allows, and an answer over the judging budget
 * is not judged.
 */
export class PeerChains {
  private readonly refreshes = new RefreshLoop<PeerId>();
  private readonly budget: FetchBudget;
  /** fetches waiting for their budget, one per peer */
  private readonly deferred = new Map<PeerId, unknown>();
  private readonly nowMs: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private stopped = false;
  /**
   * One chain, not one per peer, so memory stays bounded: the chain a resolve would adopt,
   * kept so that an answer over the judging budget does not lose it (it was judged already).
   */
  private ahead: JudgedAhead | null = null;

  constructor(
    private readonly node: NodeContext,
    private readonly peerNetwork: PeerNetwork,
    private readonly fetchTimeoutMs: number,
    private readonly learned: Learned,
    options: PeerChainsOptions = {},
  ) {
    this.nowMs = options.nowMs ?? (() => performance.now());
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((handle) => { clearTimeout(handle as ReturnType<typeof setTimeout>); });
    this.budget = new FetchBudget(this.nowMs, options.isProven ?? (() => true));
  }

  isOnline(peerId: PeerId): boolean {
    return this.peerNetwork.peers().some((peer) => peer.id === peerId);
  }

  onlineIds(): string[] {
    return this.peerNetwork.peers().map((peer) => peer.id);
  }

  /** No fetch waits any more. */
  stop(): void {
    this.stopped = true;
    this.ahead = null;
    for (const timer of this.deferred.values()) this.clearTimer(timer);
    this.deferred.clear();
  }

  /**
   * A peer's new tip. On our chain, its chain is that prefix of ours; otherwise it is ahead
   * or has diverged, and only its chain tells which: fetch it (a tip that arrives meanwhile
   * fetches once more afterwards). A tip one block ahead may carry the block itself.
   */
  heardTip(peerId: PeerId, tip: HeardTip, block: string | undefined): void {
    const known = this.node.book.knowledgeOf(peerId);
    known.tip = tip;
    // A tip block is judged in a moment: the page hears of the tip with the verdict.
    if (block !== undefined && tip.height === this.node.state.chain.height + 1) {
      void this.learnFromTipBlock(peerId, known, block);
      return;
    }
    this.learn(peerId, known);
    this.node.emit(['peers', 'forks']);
  }

  /** Every peer's chain again, from its tip (our chain or the rules changed). */
  learnAll(): void {
    // The chain kept for a resolve goes once it is no longer ahead of ours or the rules changed.
    if (this.ahead !== null) this.judgedAheadOf(this.ahead.peerId);
    for (const [peerId, known] of this.node.book.known()) this.learn(peerId, known);
  }

  /**
   * A peer one block ahead sent its tip block: if it extends our chain validly, that is the
   * peer's chain, known without a request; otherwise the chain is fetched as usual.
   */
  private async learnFromTipBlock(peerId: PeerId, known: PeerKnowledge, text: string): Promise<void> {
    const { state, rules } = this.node;
    const ours = state.chain;
    const rulesBefore = rules.clock;
    const parsed = parsePythonJson(text);
    const tip = known.tip;
    if (parsed.ok && isJsonObject(parsed.value) && tip && this.budget.judgeWaitMs(peerId) === 0) {
      const chain = [...ours.blocks, parsed.value];
      const judgingStarted = this.nowMs();
      const verdict = await state.judgeExtending(chain, ours.blocks);
      this.budget.judged(peerId, text.length, this.nowMs() - judgingStarted);
      const current = rules.clock === rulesBefore && this.isOnline(peerId) && known.tip === tip;
      if (verdict.valid && verdict.hashes.at(-1) === tip.hash && current) {
        known.chain = { hashes: verdict.hashes, verdict, tip };
        this.rememberIfAhead(peerId, chain, verdict, null);
        this.node.emit(['peers', 'forks']);
        this.learned(peerId, chain, verdict);
        return;
      }
    }
    this.learn(peerId, known);
    this.node.emit(['peers', 'forks']);
  }

  private learn(peerId: PeerId, known: PeerKnowledge): void {
    const { tip } = known;
    if (!tip) return;
    const ours = this.node.state.chain;
    if (relationOfTip(tip, ours.hashes).kind !== 'unknown-fork') {
      // Its chain is a prefix of ours: known without fetching.
      const hashes = ours.hashes.slice(0, tip.height);
      known.chain = { hashes, verdict: { valid: true, length: hashes.length, hashes }, tip };
    } else if (!known.chain?.tip || !sameTip(known.chain.tip, tip)) {
      this.fetchWithinBudget(peerId);
    }
  }

  /** Fetches a peer's chain now if its budget allows, else once it does. */
  private fetchWithinBudget(peerId: PeerId): void {
    if (this.stopped || this.deferred.has(peerId)) return;
    if (this.budget.fetchWaitMs(peerId) > 0) {
      this.defer(peerId);
      return;
    }
    this.refreshes.request(peerId, async () => {
      // A tip heard during the last fetch waits for the budget too.
      if (this.budget.fetchWaitMs(peerId) > 0) {
        this.defer(peerId);
        return;
      }
      const fetched = await this.fetch(peerId);
      if (fetched.ok) this.learned(peerId, fetched.chain, fetched.verdict);
      else if (this.budget.judgeWaitMs(peerId) > 0) this.defer(peerId);
    });
  }

  private defer(peerId: PeerId): void {
    if (this.stopped || this.deferred.has(peerId)) return;
    const timer = this.setTimer(() => {
      this.deferred.delete(peerId);
      // A peer gone is forgotten; the newest tip of one still here is what is fetched.
      if (!this.isOnline(peerId)) return;
      this.learn(peerId, this.node.book.knowledgeOf(peerId));
    }, this.budget.fetchWaitMs(peerId));
    this.deferred.set(peerId, timer);
  }

  /** What a registered node answers a resolve with; one that is not a tab of this network, or closed, is not asked. */
  async candidate(address: string): Promise<ChainCandidate> {
    const peerId = parsePeerId(address);
    if (peerId === null) return { peerId: address, outcome: { kind: 'no-answer', reason: 'not the id of a tab on this network' } };
    if (this.node.book.hasDeparted(peerId)) return { peerId, outcome: { kind: 'no-answer', reason: 'the tab has closed' } };
    const fetched = await this.fetch(peerId);
    if (!fetched.ok) return { peerId, outcome: { kind: 'no-answer', reason: fetched.reason } };
    return { peerId, outcome: { kind: 'answered', chain: fetched.chain, verdict: fetched.verdict } };
  }

  /** Asks a peer for its chain, judges it under our rules and remembers it for relations and the fork tree. */
  async fetch(peerId: PeerId): Promise<FetchedChain> {
    const { node } = this;
    // Our tip, so that a peer whose chain extends ours sends only its new blocks.
    const ours = node.state.chain;
    this.budget.fetchStarted(peerId);
    const fetched = await this.peerNetwork.requestChain(peerId, this.fetchTimeoutMs, ours.tip ?? undefined).finally(() => {
      this.budget.fetchEnded();
    });
    if (node.book.markSilent(peerId, !fetched.ok && fetched.reason === 'timeout')) node.emit(['peers']);
    if (!fetched.ok) {
      const reason =
        fetched.reason === 'timeout'
          ? `no answer within ${this.fetchTimeoutMs / 1000} s`
          : fetched.reason === 'left'
            ? 'the tab closed while we asked'
            : 'this node was closing';
      return { ok: false, reason };
    }
    // The chain judged last time is the answer, known valid, when the peer still announces it
    // and either sent the very same text again or is over its judging budget.
    const judgeWait = this.budget.judgeWaitMs(peerId);
    const judgedBefore = this.judgedAheadOf(peerId);
    const sameText = judgedBefore !== null && fetched.skipped === 0 && judgedBefore.body === fetched.body;
    if (judgedBefore !== null && (sameText || judgeWait > 0)) return { ok: true, chain: judgedBefore.chain, verdict: judgedBefore.verdict };
    if (judgeWait > 0) {
      // Not judged, not even kept: a peer that keeps sending large chains is judged only as often as its budget allows.
      return { ok: false, reason: `its chains took long to judge lately: judged again in ${Math.ceil(judgeWait / 1000)} s` };
    }
    const rulesBefore = node.rules.clock;
    const judgingStarted = this.nowMs();
    const judged = await node.state.judgeText(fetched.body, fetched.skipped > 0 ? { chain: ours, skipped: fetched.skipped } : null);
    this.budget.judged(peerId, fetched.body.length, this.nowMs() - judgingStarted);
    const hashes = judged.verdict.valid ? judged.verdict.hashes : ((await HashedChain.of(judged.chain, node.sha256))?.hashes ?? []);
    if (node.rules.clock === rulesBefore && this.isOnline(peerId)) {
      const known = node.book.knowledgeOf(peerId);
      const last = hashes.at(-1);
      // The answer is fresher than any announcement before it.
      if (last !== undefined) known.tip = { height: hashes.length, hash: last, edits: known.tip?.edits ?? 0 };
      known.chain = { hashes, verdict: judged.verdict, tip: known.tip };
      if (judged.verdict.valid) this.rememberIfAhead(peerId, judged.chain, judged.verdict, fetched.skipped === 0 ? fetched.body : null);
      node.emit(['peers', 'forks']);
    }
    return { ok: true, chain: judged.chain, verdict: judged.verdict };
  }

  private rememberIfAhead(peerId: PeerId, chain: Block[], verdict: Extract<Verdict, { valid: true }>, body: string | null): void {
    const kept = this.ahead;
    const keptStillAhead = kept !== null && kept.peerId !== peerId && this.judgedAheadOf(kept.peerId) !== null;
    if (chain.length <= this.node.state.chain.height || (keptStillAhead && kept.chain.length >= chain.length)) return;
    this.ahead = { peerId, chain, verdict, rulesClock: this.node.rules.clock, body };
  }

  /** The chain of `peerId` judged valid before, if it is still longer than ours, under the same rules, and still its tip. */
  private judgedAheadOf(peerId: PeerId): JudgedAhead | null {
    const kept = this.ahead;
    if (kept === null || kept.peerId !== peerId) return null;
    const current =
      kept.rulesClock === this.node.rules.clock &&
      kept.chain.length > this.node.state.chain.height &&
      this.node.book.knowledgeOf(peerId).tip?.hash === kept.verdict.hashes.at(-1);
    if (!current) this.ahead = null;
    return current ? kept : null;
  }
}
