import type { PeerId } from '../../network/ids';
import {
  FETCH_BURST,
  FETCHES_PER_SECOND,
  JUDGED_CHARS_BURST,
  JUDGED_CHARS_PER_SECOND,
  JUDGING_BURST_MS,
  JUDGING_SHARE,
  MAX_CHAIN_CHARS,
  MAX_FETCHES_IN_FLIGHT,
  MAX_TRACKED_PEERS,
  NEWCOMER_FETCH_BURST,
  NEWCOMER_FETCH_INTERVAL_MS,
  PEER_FETCH_BURST,
  PEER_FETCH_INTERVAL_MS,
  PEER_JUDGED_CHARS_PER_SECOND,
  PEER_JUDGING_BURST_MS,
  PEER_JUDGING_SHARE,
} from '../../network/limits';
import { CostBucket } from './cost-bucket';

interface PeerBudget {
  readonly fetches: CostBucket;
  readonly chars: CostBucket;
  readonly judging: CostBucket;
}

/** A fetch waits this long when MAX_FETCHES_IN_FLIGHT are out: one of them ends soon. */
const IN_FLIGHT_RETRY_MS = 250;

/**
 * What fetching and judging peers' chains may cost (see limits.ts): fetches per proven peer,
 * one shared allowance for peers not yet proven, fetches of all peers together and at once,
 * and characters and milliseconds of judging per peer and in total. Budgets are token buckets
 * that refill with time, kept for the most recently charged peers only.
 */
export class FetchBudget {
  private readonly total: CostBucket;
  private readonly newcomers: CostBucket;
  private readonly chars: CostBucket;
  private readonly judging: CostBucket;
  /** in the order last charged, oldest first */
  private readonly peers = new Map<PeerId, PeerBudget>();
  private inFlight = 0;

  constructor(
    private readonly nowMs: () => number,
    private readonly isProven: (peer: PeerId) => boolean,
  ) {
    this.total = new CostBucket(FETCH_BURST, FETCHES_PER_SECOND, nowMs, 1);
    this.newcomers = new CostBucket(NEWCOMER_FETCH_BURST, 1000 / NEWCOMER_FETCH_INTERVAL_MS, nowMs, 1);
    this.chars = new CostBucket(JUDGED_CHARS_BURST, JUDGED_CHARS_PER_SECOND, nowMs);
    this.judging = new CostBucket(JUDGING_BURST_MS, JUDGING_SHARE * 1000, nowMs);
  }

  /** Milliseconds before a fetch of `peer` on hearing its tip may start (0: now). */
  fetchWaitMs(peer: PeerId): number {
    const own = this.isProven(peer) ? this.of(peer).fetches : this.newcomers;
    const wait = Math.max(own.waitMs(), this.total.waitMs(), this.judgeWaitMs(peer));
    if (wait === 0 && this.inFlight >= MAX_FETCHES_IN_FLIGHT) return IN_FLIGHT_RETRY_MS;
    return wait;
  }

  /** A fetch of `peer` starts (on its tip, or for a resolve, which never waits): it is charged. */
  fetchStarted(peer: PeerId): void {
    (this.isProven(peer) ? this.of(peer).fetches : this.newcomers).charge(1);
    this.total.charge(1);
    this.inFlight += 1;
  }

  fetchEnded(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  /** Milliseconds before a chain of `peer` may be judged (0: now): its characters and time judged lately, and everybody's. */
  judgeWaitMs(peer: PeerId): number {
    const own = this.of(peer);
    return Math.max(own.chars.waitMs(), own.judging.waitMs(), this.chars.waitMs(), this.judging.waitMs());
  }

  /** A chain of `peer` was judged: `chars` long, in `ms`. */
  judged(peer: PeerId, chars: number, ms: number): void {
    const own = this.of(peer);
    own.chars.charge(chars);
    own.judging.charge(ms);
    this.chars.charge(chars);
    this.judging.charge(ms);
  }

  private of(peer: PeerId): PeerBudget {
    let budget = this.peers.get(peer);
    if (budget !== undefined) {
      this.peers.delete(peer);
    } else {
      budget = {
        fetches: new CostBucket(PEER_FETCH_BURST, 1000 / PEER_FETCH_INTERVAL_MS, this.nowMs, 1),
        chars: new CostBucket(MAX_CHAIN_CHARS, PEER_JUDGED_CHARS_PER_SECOND, this.nowMs),
        judging: new CostBucket(PEER_JUDGING_BURST_MS, PEER_JUDGING_SHARE * 1000, this.nowMs),
      };
      // Invented ids cannot grow this: the oldest budget goes, and the totals still bound them all.
      if (this.peers.size >= 2 * MAX_TRACKED_PEERS) {
        const oldest = this.peers.keys().next();
        if (oldest.done !== true) this.peers.delete(oldest.value);
      }
    }
    this.peers.set(peer, budget);
    return budget;
  }
}
