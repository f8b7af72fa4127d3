import type { PeerId } from './ids';
import { CHAIN_ANSWERS_PER_SECOND, PEER_MESSAGE_BURST, PEER_MESSAGES_PER_SECOND, TIP_INTERVAL_MS } from './limits';
import type { MessageOf } from './messages';
import { createTokenBucket, type TokenBucket } from './token-bucket';

/** What bounds the work one sender can cause: its rates, its waiting chain request, its held tip. */
interface SenderState {
  readonly messages: TokenBucket;
  readonly chainAnswers: TokenBucket;
  waitingRequest: MessageOf<'chain-request'> | null;
  requestTimer: unknown;
  lastTipAt: number;
  heldTip: MessageOf<'tip'> | null;
  tipTimer: unknown;
}

export interface SenderLimitsOptions {
  /** rate state is kept for at most this many senders, the most recently heard */
  readonly maxSenders: number;
  readonly now: () => number;
  readonly setTimer: (fn: () => void, ms: number) => unknown;
  readonly clearTimer: (handle: unknown) => void;
  /** false once the network stopped: nothing that waited is handled any more */
  readonly running: () => boolean;
  /** a valid message dropped, and why */
  readonly drop: (reason: string) => void;
  /** a chain request whose turn came */
  readonly answer: (request: MessageOf<'chain-request'>) => void;
  /** a tip that may reach the node now */
  readonly hearTip: (tip: MessageOf<'tip'>) => void;
}

/**
 * The bounds on what each sender can make this node do (see limits.ts): its messages a
 * second, its chain requests answered a second (one more waits, the newest), one tip heard per
 * interval (the newest). State is kept for the most recently heard senders only, so invented
 * ids cannot grow memory, and a real newcomer is never refused because they filled the table.
 */
export class SenderLimits {
  /** in the order last heard, oldest first */
  private readonly senders = new Map<PeerId, SenderState>();

  constructor(private readonly options: SenderLimitsOptions) {}

  /** Charges a message to its sender: false (and dropped) when the sender is over its rate. */
  admit(from: PeerId): boolean {
    if (this.stateOf(from).messages.take()) return true;
    this.options.drop(`${from} sent more than ${PEER_MESSAGES_PER_SECOND} messages a second`);
    return false;
  }

  /** Answers at most CHAIN_ANSWERS_PER_SECOND requests of a peer; one more waits, the newest. */
  chainRequest(request: MessageOf<'chain-request'>): void {
    const state = this.stateOf(request.from);
    if (state.waitingRequest !== null) {
      state.waitingRequest = request;
      this.options.drop(`an older chain request of ${request.from} was replaced by a newer one`);
      return;
    }
    if (state.chainAnswers.take()) {
      this.options.answer(request);
      return;
    }
    state.waitingRequest = request;
    const answerWaiting = (): void => {
      state.requestTimer = undefined;
      const waiting = state.waitingRequest;
      if (waiting === null || !this.options.running()) return;
      if (!state.chainAnswers.take()) {
        state.requestTimer = this.options.setTimer(answerWaiting, state.chainAnswers.waitMs());
        return;
      }
      state.waitingRequest = null;
      this.options.answer(waiting);
    };
    state.requestTimer = this.options.setTimer(answerWaiting, state.chainAnswers.waitMs());
  }

  /** At most one tip of a peer per TIP_INTERVAL_MS reaches the node: the newest. */
  tip(tip: MessageOf<'tip'>): void {
    const state = this.stateOf(tip.from);
    const at = this.options.now();
    if (state.heldTip === null && at - state.lastTipAt >= TIP_INTERVAL_MS) {
      state.lastTipAt = at;
      this.options.hearTip(tip);
      return;
    }
    state.heldTip = tip;
    if (state.tipTimer !== undefined) return;
    state.tipTimer = this.options.setTimer(() => {
      state.tipTimer = undefined;
      const held = state.heldTip;
      state.heldTip = null;
      if (held === null || !this.options.running()) return;
      state.lastTipAt = this.options.now();
      this.options.hearTip(held);
    }, Math.max(0, state.lastTipAt + TIP_INTERVAL_MS - at));
  }

  /** Forgets what a sender has waiting: a peer that left needs no answer, its old tip no hearing. */
  forget(peer: PeerId): void {
    const state = this.senders.get(peer);
    if (state !== undefined) this.cancelWaiting(state);
  }

  clear(): void {
    for (const state of this.senders.values()) this.cancelWaiting(state);
    this.senders.clear();
  }

  /** The rate state of `peer`, now the most recently heard; past the bound, the sender heard longest ago is forgotten. */
  private stateOf(peer: PeerId): SenderState {
    let state = this.senders.get(peer);
    if (state !== undefined) {
      this.senders.delete(peer);
    } else {
      const oldest = this.senders.keys().next();
      if (this.senders.size >= this.options.maxSenders && oldest.done !== true) {
        const forgotten = this.senders.get(oldest.value);
        if (forgotten !== undefined) this.cancelWaiting(forgotten);
        this.senders.delete(oldest.value);
      }
      state = {
        messages: createTokenBucket(PEER_MESSAGE_BURST, PEER_MESSAGES_PER_SECOND, this.options.now),
        chainAnswers: createTokenBucket(CHAIN_ANSWERS_PER_SECOND, CHAIN_ANSWERS_PER_SECOND, this.options.now),
        waitingRequest: null,
        requestTimer: undefined,
        lastTipAt: -Infinity,
        heldTip: null,
        tipTimer: undefined,
      };
    }
    this.senders.set(peer, state);
    return state;
  }

  private cancelWaiting(state: SenderState): void {
    this.options.clearTimer(state.requestTimer);
    this.options.clearTimer(state.tipTimer);
    state.waitingRequest = null;
    state.heldTip = null;
    state.requestTimer = undefined;
    state.tipTimer = undefined;
  }
}
