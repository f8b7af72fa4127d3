import type { PeerId } from '../../network/ids';
import {
  ARRIVAL_REPLIES_PER_SECOND,
  ARRIVAL_REPLY_BURST,
  GREETING_COALESCE_MS,
  NEWCOMER_CHAIN_REQUEST_BURST,
  NEWCOMER_CHAIN_REQUESTS_PER_SECOND,
} from '../../network/limits';
import { parsePeerMessage, type PeerMessage } from '../../network/messages';
import { createThrottle, systemTimers, type ThrottleTimers } from '../../network/throttle';
import type { Transport } from '../../network/transport';
import { CostBucket } from './cost-bucket';
import type { TrackedPeers } from './tracked-peers';

/** What a node sends a peer it has just met: the replies an arrival costs. */
const ARRIVAL_REPLIES: ReadonlySet<string> = new Set(['welcome', 'arrive', 'tip', 'rules', 'badge', 'stats']);

export interface GuardedTransportOptions {
  readonly self: PeerId;
  readonly inner: Transport;
  readonly tracked: TrackedPeers;
  /** registered by hand: always answered */
  readonly byHand: (id: PeerId) => boolean;
  /** tells every peer at once what a newcomer is greeted with */
  readonly broadcastGreeting: () => void;
  readonly timers?: ThrottleTimers;
}

export interface GuardedTransport extends Transport {
  /** replies to newcomers left unsent over the budget (a broadcast greeting told them instead) */
  readonly repliesHeldBack: () => number;
  /** chain requests of unproven peers left unanswered over their shared budget */
  readonly requestsRefused: () => number;
}

/**
 * The node's side of its transport: messages of peers it does not track (see TrackedPeers)
 * and messages addressed to other tabs never reach its peer network, and replies to peers
 * not yet proven are bounded (ARRIVAL_REPLY_BURST, ARRIVAL_REPLIES_PER_SECOND); past the
 * bound one broadcast of the greeting every GREETING_COALESCE_MS stands for all of them.
 * A newcomer whose welcome was held back hears this node's heartbeat and asks it again.
 * Chain requests of unproven peers share one budget (NEWCOMER_CHAIN_REQUEST_BURST, …).
 */
export function guardTransport(options: GuardedTransportOptions): GuardedTransport {
  const { self, inner, tracked, byHand } = options;
  const timers = options.timers ?? systemTimers;
  const replies = new CostBucket(ARRIVAL_REPLY_BURST, ARRIVAL_REPLIES_PER_SECOND, timers.now, 1);
  const coalesced = createThrottle(options.broadcastGreeting, GREETING_COALESCE_MS, timers);
  const newcomerRequests = new CostBucket(NEWCOMER_CHAIN_REQUEST_BURST, NEWCOMER_CHAIN_REQUESTS_PER_SECOND, timers.now, 1);
  let heldBack = 0;
  let requestsRefused = 0;

  const admits = (data: unknown): boolean => {
    const parsed = parsePeerMessage(data);
    // A malformed message reaches the peer network, which counts it.
    if (!parsed.ok) return true;
    const { kind, from } = parsed.message;
    const to = 'to' in parsed.message ? parsed.message.to : undefined;
    if (from === self) return true;
    if (to !== undefined && to !== self) return false;
    if (kind === 'leave') {
      if (!tracked.isTracked(from)) return false;
      tracked.left(from);
      return true;
    }
    if (!tracked.heard(from)) return false;
    if (kind !== 'chain-request' || tracked.isProven(from) || byHand(from)) return true;
    if (!newcomerRequests.available()) {
      requestsRefused += 1;
      return false;
    }
    newcomerRequests.charge(1);
    return true;
  };

  const send = (message: PeerMessage): void => {
    const to = 'to' in message ? message.to : undefined;
    if (to !== undefined && ARRIVAL_REPLIES.has(message.kind) && !tracked.isProven(to) && !byHand(to)) {
      if (!replies.available()) {
        heldBack += 1;
        coalesced.request();
        return;
      }
      replies.charge(1);
    }
    inner.send(message);
  };

  return {
    send,
    onMessage(listener) {
      return inner.onMessage((data) => {
        if (admits(data)) listener(data);
      });
    },
    ...(inner.onPresence === undefined
      ? {}
      : {
          onPresence(listener: (peer: PeerId, present: boolean) => void) {
            return inner.onPresence?.((peer, present) => {
              if (!present) {
                if (tracked.isTracked(peer)) {
                  tracked.left(peer);
                  listener(peer, false);
                }
              } else if (tracked.heard(peer)) {
                listener(peer, true);
              }
            }) ?? (() => undefined);
          },
        }),
    ...(inner.link === undefined ? {} : { link: inner.link.bind(inner) }),
    ...(inner.onLinkChange === undefined ? {} : { onLinkChange: inner.onLinkChange.bind(inner) }),
    close() {
      coalesced.cancel();
      inner.close();
    },
    repliesHeldBack: () => heldBack,
    requestsRefused: () => requestsRefused,
  };
}
