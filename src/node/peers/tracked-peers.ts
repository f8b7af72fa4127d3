import type { PeerId } from '../../network/ids';
import {
  GONE_AFTER_MS,
  MAX_REFUSED_REMEMBERED,
  MAX_TRACKED_PEERS,
  NEW_PEER_BURST,
  NEW_PEER_RESERVE,
  NEW_PEERS_PER_SECOND,
  PEER_PROVEN_AFTER_MS,
} from '../../network/limits';
import { CostBucket } from './cost-bucket';

interface Tracked {
  readonly firstHeard: number;
  lastHeard: number;
  proven: boolean;
  left: boolean;
}

export interface TrackedPeersOptions {
  /** milliseconds */
  readonly now: () => number;
  /** registered by hand: kept while heard, as an honest peer is */
  readonly byHand: (id: PeerId) => boolean;
  readonly maxPeers?: number;
  readonly goneAfterMs?: number;
}

/**
 * The peers this node listens to, at most MAX_TRACKED_PEERS. Ids never heard before are
 * admitted at a bounded rate (so invented ones cost little, and the peer network's own table
 * never fills); when the table is full a newcomer takes the place of one that left, then of
 * the least recently heard unproven one, then of one not heard for GONE_AFTER_MS: invented
 * peers evict each other, and never a proven or hand-registered peer heard within
 * GONE_AFTER_MS. A peer is proven once heard PEER_PROVEN_AFTER_MS after its first message.
 */
export class TrackedPeers {
  /** in the order last heard, oldest first */
  private readonly peers = new Map<PeerId, Tracked>();
  /** ids refused lately, oldest first: heard again, they may use the reserve */
  private readonly refused = new Set<PeerId>();
  private readonly newcomers: CostBucket;
  private readonly maxPeers: number;
  private readonly goneAfterMs: number;
  private refusedCount = 0;

  constructor(private readonly options: TrackedPeersOptions) {
    this.newcomers = new CostBucket(NEW_PEER_BURST, NEW_PEERS_PER_SECOND, options.now, 1);
    this.maxPeers = options.maxPeers ?? MAX_TRACKED_PEERS;
    this.goneAfterMs = options.goneAfterMs ?? GONE_AFTER_MS;
  }

  /** A message of `id` came: true if it is tracked (and the message may be heard). */
  heard(id: PeerId): boolean {
    const at = this.options.now();
    const known = this.peers.get(id);
    if (known !== undefined) {
      this.peers.delete(id);
      known.lastHeard = at;
      known.left = false;
      if (at - known.firstHeard >= PEER_PROVEN_AFTER_MS) known.proven = true;
      this.peers.set(id, known);
      return true;
    }
    const again = this.refused.has(id);
    if (!this.newcomers.available(again ? 0 : NEW_PEER_RESERVE) || !this.makeRoom(at)) {
      this.refuse(id);
      return false;
    }
    this.newcomers.charge(1);
    this.refused.delete(id);
    this.peers.set(id, { firstHeard: at, lastHeard: at, proven: false, left: false });
    return true;
  }

  /** The peer said goodbye: its place is the first to be taken. */
  left(id: PeerId): void {
    const known = this.peers.get(id);
    if (known !== undefined) known.left = true;
  }

  isTracked(id: PeerId): boolean {
    return this.peers.has(id);
  }

  isProven(id: PeerId): boolean {
    return this.peers.get(id)?.proven === true;
  }

  size(): number {
    return this.peers.size;
  }

  /** Messages of ids not admitted, refused so far. */
  refusals(): number {
    return this.refusedCount;
  }

  private refuse(id: PeerId): void {
    this.refusedCount += 1;
    this.refused.delete(id);
    this.refused.add(id);
    if (this.refused.size > MAX_REFUSED_REMEMBERED) {
      const oldest = this.refused.values().next();
      if (oldest.done !== true) this.refused.delete(oldest.value);
    }
  }

  /** True when there is a free place, making one if an evictable peer holds it. */
  private makeRoom(at: number): boolean {
    if (this.peers.size < this.maxPeers) return true;
    const victim = this.victim(at);
    if (victim === null) return false;
    this.peers.delete(victim);
    return true;
  }

  /** One that left, else the least recently heard unproven one, else one gone silent; never a peer heard lately that is proven or registered by hand. */
  private victim(at: number): PeerId | null {
    let unproven: PeerId | null = null;
    let silent: PeerId | null = null;
    for (const [id, peer] of this.peers) {
      if (peer.left) return id;
      const heardLately = at - peer.lastHeard < this.goneAfterMs;
      if (!heardLately) {
        silent ??= id;
        continue;
      }
      if (!peer.proven && unproven === null && !this.options.byHand(id)) unproven = id;
    }
    return silent ?? unproven;
  }
}
