import { relationFromTip, relationOf } from '../../core/fork';
import type { Verdict } from '../../core/validate';
import { createBadgeBook, type BadgeBook } from '../../network/badges';
import { parsePeerId, type PeerId } from '../../network/ids';
import { MAX_REGISTERED_NODES } from '../../network/limits';
import type { KnownChain, PeerRelation, PeerTip, PeerView } from '../../contract/views';

/**
 * A tip as a peer announced it. `edits` counts the tamper-lab edits that changed its chain
 * under an unchanged tip: an edited block no longer links to the next one, so the tip hash
 * alone no longer tells its chain, and a new count means fetching it again.
 */
export interface HeardTip extends PeerTip {
  readonly edits: number;
}

export const sameTip = (a: HeardTip, b: HeardTip): boolean => a.height === b.height && a.hash === b.hash && a.edits === b.edits;

/** A peer's chain as we last fetched (or inferred) it. */
export interface PeerChain {
  readonly hashes: readonly string[];
  readonly verdict: Verdict;
  /** the tip this chain answers: its last block, or the announced one if it has no hashable block */
  readonly tip: HeardTip | null;
}

/** What we know of one peer: its announced tip and the last chain we fetched from it. */
export interface PeerKnowledge {
  tip: HeardTip | null;
  chain: PeerChain | null;
}

/**
 * Every peer this node knows of: the tutorial's registered nodes (`self.nodes`, in the order
 * they were registered), which of them departed or fell silent, what each online peer told us
 * of its chain, how its chain relates to ours, and each one's place in the class.
 */
export class PeerBook {
  /** in the order registered; a Set, so that registering on every arrival costs O(1) */
  private readonly registeredNodes = new Set<string>();
  /** registered through register_node (the page's form, the API), not on discovery */
  private readonly byHand = new Set<string>();
  private registeredList: readonly string[] | null = null;
  private onlineNow: ReadonlySet<string> = new Set();
  private readonly departed = new Set<string>();
  private readonly silent = new Set<string>();
  private readonly knowledge = new Map<PeerId, PeerKnowledge>();
  /** this tab's place in the class and the places of its peers */
  readonly badges: BadgeBook;
  private automatic: boolean;

  constructor(
    private readonly self: PeerId,
    autoRegister: boolean,
  ) {
    this.badges = createBadgeBook(self);
    this.automatic = autoRegister;
  }

  /** The nodes a stored node had registered: closed until they announce themselves again, so a resolve does not wait for them. */
  restore(registered: readonly string[], autoRegister: boolean): void {
    for (const address of registered) this.register(address);
    for (const address of this.registeredNodes) this.departed.add(address);
    this.automatic = autoRegister;
  }

  get autoRegister(): boolean {
    return this.automatic;
  }

  /** Switches automatic registration; switched on, every peer online is registered. */
  setAutoRegister(enabled: boolean, online: readonly string[]): void {
    this.automatic = enabled;
    if (enabled) for (const id of online) this.register(id);
  }

  /**
   * The tutorial's register_node. Past MAX_REGISTERED_NODES the oldest registered on discovery
   * goes (its chain forgotten too), so invented ids cannot grow the list: never one registered
   * by hand while there is another to drop.
   */
  register(address: string, byHand = false): void {
    if (address === this.self) return;
    if (byHand) this.byHand.add(address);
    if (this.registeredNodes.has(address)) return;
    this.registeredNodes.add(address);
    this.registeredList = null;
    if (this.registeredNodes.size > MAX_REGISTERED_NODES) this.unregisterOldest();
  }

  registered(): readonly string[] {
    this.registeredList ??= Object.freeze([...this.registeredNodes]);
    return this.registeredList;
  }

  isRegistered(id: string): boolean {
    return this.registeredNodes.has(id);
  }

  isRegisteredByHand(id: string): boolean {
    return this.byHand.has(id);
  }

  /** Drops the oldest registered node that is not online and not registered by hand, else not online, else not by hand. */
  private unregisterOldest(): void {
    let notOnline: string | undefined;
    let notByHand: string | undefined;
    let oldest: string | undefined;
    for (const address of this.registeredNodes) {
      oldest ??= address;
      const online = this.onlineNow.has(address);
      if (!online && !this.byHand.has(address)) {
        notOnline = notByHand = address;
        break;
      }
      if (!online) notOnline ??= address;
      else if (!this.byHand.has(address)) notByHand ??= address;
    }
    oldest = notOnline ?? notByHand ?? oldest;
    if (oldest === undefined) return;
    this.registeredNodes.delete(oldest);
    this.byHand.delete(oldest);
    this.departed.delete(oldest);
    this.registeredList = null;
  }

  hasDeparted(id: string): boolean {
    return this.departed.has(id);
  }

  /**
   * The peers online now: they are back (and registered when that is automatic), the others
   * departed and their chains forgotten. True when this tab's place moved (one freed below it).
   */
  online(ids: readonly string[]): boolean {
    const online = new Set(ids);
    this.onlineNow = online;
    for (const id of ids) {
      this.departed.delete(id);
      this.silent.delete(id);
      if (this.automatic) this.register(id);
    }
    for (const id of this.registeredNodes) if (!online.has(id)) this.departed.add(id);
    for (const id of this.knowledge.keys()) if (!online.has(id)) this.knowledge.delete(id);
    return this.badges.online(online);
  }

  /** A peer that did not answer in time is silent until it speaks; true when that changed. */
  markSilent(id: PeerId, silent: boolean): boolean {
    if (silent === this.silent.has(id)) return false;
    if (silent) this.silent.add(id);
    else this.silent.delete(id);
    return true;
  }

  knowledgeOf(id: PeerId): PeerKnowledge {
    let known = this.knowledge.get(id);
    if (!known) {
      known = { tip: null, chain: null };
      this.knowledge.set(id, known);
    }
    return known;
  }

  /** Every peer we know something of, with what we know. */
  known(): IterableIterator<[PeerId, PeerKnowledge]> {
    return this.knowledge.entries();
  }

  /** Verdicts given under other rules, or chains compared with a chain we no longer hold: judged again. */
  forgetChains(): void {
    for (const known of this.knowledge.values()) known.chain = null;
  }

  /** The highest block `ourHeight` or a tip announced by a peer online says the network holds. */
  networkHeight(ourHeight: number, isOnline: (id: PeerId) => boolean): number {
    let height = ourHeight;
    for (const [id, known] of this.knowledge) if (known.tip && isOnline(id)) height = Math.max(height, known.tip.height);
    return height;
  }

  /** The announced heights of the peers online. */
  heightsOnline(isOnline: (id: PeerId) => boolean): number[] {
    return [...this.knowledge].filter(([id, known]) => known.tip !== null && isOnline(id)).map(([, known]) => known.tip?.height ?? 1);
  }

  /** The known chain of every peer online, for the fork tree. */
  chainsOnline(online: ReadonlySet<string>): KnownChain[] {
    return [...this.knowledge]
      .filter(([owner, known]) => online.has(owner) && known.chain !== null)
      .map(([owner, known]) => ({ owner, hashes: known.chain?.hashes ?? [], valid: known.chain?.verdict.valid ?? false }));
  }

  /** Starts again with no registered nodes and nothing known of peers' chains; their tips still stand. */
  reset(online: readonly string[]): void {
    this.registeredNodes.clear();
    this.byHand.clear();
    this.registeredList = null;
    this.departed.clear();
    this.silent.clear();
    this.forgetChains();
    // Like a tab that just opened: the peers online are registered again when that is automatic.
    if (this.automatic) for (const id of online) this.register(id);
  }

  /** Every peer discovered, registered or departed, as the page lists them. */
  views(discovered: ReadonlySet<string>, ours: readonly string[]): PeerView[] {
    const ids = [...new Set([...discovered, ...this.registeredNodes, ...this.departed])];
    return ids.map((id) => {
      const peerId = parsePeerId(id);
      const known = peerId === null ? undefined : this.knowledge.get(peerId);
      return {
        id,
        discovered: discovered.has(id) || this.departed.has(id),
        registered: this.registeredNodes.has(id),
        status: !discovered.has(id) ? 'left' : this.silent.has(id) ? 'silent' : 'online',
        slot: discovered.has(id) ? this.badges.slotOf(id) : null,
        tip: known?.tip ? { height: known.tip.height, hash: known.tip.hash } : null,
        relation: known ? relationTo(known, ours) : null,
      };
    });
  }
}

/** How a peer's chain relates to ours: from its fetched chain when that answers its tip, else from the tip alone. */
export function relationTo(known: PeerKnowledge, ours: readonly string[]): PeerRelation | null {
  const { tip, chain } = known;
  if (!tip) return null;
  if (chain?.tip && sameTip(chain.tip, tip)) {
    const { verdict } = chain;
    if (!verdict.valid) {
      const { code, block, reason, values } = verdict;
      return { kind: 'invalid', code, block, reason, ...(values === undefined ? {} : { values }) };
    }
    return relationOf(ours, chain.hashes);
  }
  return relationOfTip(tip, ours);
}

/** What a tip alone tells: on our chain, that prefix of ours, unless edits changed the chain under it. */
export function relationOfTip(tip: HeardTip, ours: readonly string[]): ReturnType<typeof relationFromTip> {
  if (tip.edits > 0) return { kind: 'unknown-fork', height: tip.height };
  return relationFromTip(ours, { height: tip.height, tipHash: tip.hash });
}
