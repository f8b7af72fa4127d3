import type { NetworkName, PeerId } from './ids';
import { createListenerSet } from './listener-set';
import { MAX_CHAIN_CHARS } from './limits';
import { parsePeerMessage, type ChainPoint, type MessageOf, type PeerMessage } from './messages';
import { SenderLimits } from './sender-limits';
import type { Transport } from './transport';

/**
 * `node`: a tab of the network. `observer`: the network view, which hears every tab (messages
 * addressed to one tab too), may fetch chains and announce rules or a reset, but sends no
 * arrive or welcome, so that no tab counts it as a peer.
 */
export type PeerRole = 'node' | 'observer';

export interface PeerNetworkOptions {
  self: PeerId;
  network: NetworkName;
  transport: Transport;
  /** `node` by default */
  role?: PeerRole;
  /**
   * Answers a chain-request: the /chain body of this node, or only its blocks after `since`
   * when this node's chain holds that block (then `skipped` is its height). An observer holds
   * no chain: without it, chain-requests go unanswered.
   */
  chainBody?: (since: ChainPoint | null) => ChainBody | Promise<ChainBody>;
  /** what this node tells a newly discovered peer (its tip, its rules), sent to that peer only */
  greeting?: () => readonly Announcement[];
  /** injectable timers for tests */
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  /** the clock of PeerInfo times and ChainFetch durations; Date.now by default */
  now?: () => number;
  /**
   * Heartbeats: this node says it is still here every `everyMs` and takes a peer not heard for
   * `goneAfterMs` for gone (limits.ts HEARTBEAT_MS, GONE_AFTER_MS); none without it.
   */
  heartbeat?: { readonly everyMs: number; readonly goneAfterMs: number };
  log?: (message: string) => void;
}

type AnnouncementMessage =
  | MessageOf<'tip'>
  | MessageOf<'rules'>
  | MessageOf<'badge'>
  | MessageOf<'stats'>
  | MessageOf<'observe'>
  | MessageOf<'reset'>;
/** An announcement (tip, rules, stats, observe, reset) without its envelope. */
export type Announcement = AnnouncementMessage extends infer M
  ? M extends AnnouncementMessage
    ? Omit<M, 'v' | 'from' | 'to'>
    : never
  : never;

export interface PeerInfo {
  readonly id: PeerId;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

/** A /chain body; `skipped` > 0 when it leaves out that many leading blocks the requester holds. */
export interface ChainBody {
  readonly body: string;
  readonly skipped: number;
}

export type ChainFetch =
  | { ok: true; body: string; skipped: number; ms: number }
  | { ok: false; reason: 'timeout' | 'left' | 'closed'; ms: number };

export interface PeerNetwork {
  /** Subscribes to the transport and sends `arrive`. Only the first call does anything. */
  start(): void;
  /**
   * Sends `leave` (if started), resolves pending fetches with 'closed', forgets the peers
   * and closes the transport. Final: a stopped network cannot be started again.
   */
  stop(): void;
  /** Discovered peers, in discovery order. The array is frozen; a new one after each change. */
  peers(): readonly PeerInfo[];
  /** Fires when a peer is added or removed (not when only its lastSeen moves). */
  onPeersChanged(listener: (peers: readonly PeerInfo[]) => void): () => void;
  /**
   * Never rejects and settles within timeoutMs (clamped to 0 .. 2^31-1 ms). With `since`
   * (our tip), a peer whose chain extends it sends only the blocks after it.
   */
  requestChain(peer: PeerId, timeoutMs: number, since?: ChainPoint): Promise<ChainFetch>;
  /** Sends an announcement to every peer. */
  announce(announcement: Announcement): void;
  /**
   * Fires for every tip, rules, stats or reset announcement addressed to everybody or to this
   * node; an observer hears those addressed to any tab.
   */
  onAnnouncement(listener: (from: PeerId, announcement: HeardAnnouncement) => void): () => void;
  /** Whether an observer (a network view) listens: what only it reads need not be sent otherwise. */
  observed(): boolean;
  malformedCount(): number;
  onMalformed(listener: (count: number, error: string) => void): () => void;
  /**
   * Valid messages dropped because their sender exceeded its rate (see limits.ts), and
   * chain requests dropped because a newer one of the same peer replaced them while waiting.
   */
  droppedCount(): number;
  onDropped(listener: (count: number, reason: string) => void): () => void;
}

/**
 * A hostile tab could announce endless fake ids; past this many the newcomers are ignored
 * (a classroom has a few dozen tabs) so memory stays bounded.
 */
export const MAX_PEERS = 1024;

/** What reaches onAnnouncement listeners: an `observe` is answered by the peer network itself. */
export type HeardAnnouncement = Exclude<Announcement, { kind: 'observe' }>;

/** Network views on one network: a few; past this many a newcomer is treated as a tab. */
export const MAX_OBSERVERS = 64;

/**
 * Rate state is kept for at most this many senders, the most recently heard: fake ids cannot
 * grow memory, and a real newcomer is never refused because fake ids filled the table.
 */
const MAX_TRACKED_SENDERS = 2 * MAX_PEERS;

/** Beyond this, timers fire at once in browsers (int32 overflow). */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

interface PendingFetch {
  readonly peer: PeerId;
  readonly started: number;
  readonly resolve: (fetch: ChainFetch) => void;
  timer: unknown;
}

type Phase = 'idle' | 'running' | 'stopped';

export function createPeerNetwork(options: PeerNetworkOptions): PeerNetwork {
  const { self, network, transport } = options;
  const role: PeerRole = options.role ?? 'node';
  const now = options.now ?? (() => Date.now());
  const log = (message: string): void => {
    try {
      options.log?.(`peer network: ${message}`);
    } catch {
      // Logging must never break message handling.
    }
  };
  const setTimer =
    options.setTimeout ?? ((fn: () => void, ms: number): unknown => globalThis.setTimeout(fn, ms));
  // A foreign handle must not reach the global clearTimeout; a stale timer is harmless anyway
  // because its callback finds nothing pending.
  const clearTimer =
    options.clearTimeout ??
    (options.setTimeout === undefined
      ? (handle: unknown): void => {
          globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>);
        }
      : (): void => undefined);

  let phase: Phase = 'idle';
  let unsubscribe = (): void => undefined;
  const known = new Map<PeerId, PeerInfo>();
  let snapshot: readonly PeerInfo[] | null = Object.freeze([]);
  const pending = new Map<string, PendingFetch>();
  let malformed = 0;
  let dropped = 0;

  const reportListenerError = (error: unknown): void => {
    log(`a listener threw: ${String(error)}`);
  };
  const peersListeners = createListenerSet<[readonly PeerInfo[]]>(reportListenerError);
  const malformedListeners = createListenerSet<[number, string]>(reportListenerError);
  const announcementListeners = createListenerSet<[PeerId, HeardAnnouncement]>(reportListenerError);
  const droppedListeners = createListenerSet<[number, string]>(reportListenerError);
  /** ids that sent `observe`, and when they were last heard: whatever they send, they never become peers */
  const observers = new Map<PeerId, number>();
  const { heartbeat } = options;
  let heartbeatTimer: unknown;

  function drop(reason: string): void {
    dropped += 1;
    droppedListeners.emit([dropped, reason]);
  }

  const limits = new SenderLimits({
    maxSenders: MAX_TRACKED_SENDERS,
    now,
    setTimer,
    clearTimer,
    running: () => phase === 'running',
    drop,
    answer: (request) => {
      if (options.chainBody) answerChainRequest(request, options.chainBody);
    },
    hearTip: (tip) => {
      announcementListeners.emit([tip.from, withoutEnvelope(tip)]);
    },
  });

  function peers(): readonly PeerInfo[] {
    snapshot ??= Object.freeze([...known.values()]);
    return snapshot;
  }

  function send(message: PeerMessage): void {
    try {
      transport.send(message);
    } catch (error) {
      log(`could not send ${message.kind}: ${String(error)}`);
    }
  }

  /**
   * A peer is here. A new one is greeted; one that did not speak to us (a heartbeat or a
   * broadcast from a peer we had taken for gone, or met after a broker came back) is also asked
   * for its state, as an arrival would tell it.
   */
  function seen(peer: PeerId, spokeToUs: boolean): void {
    const at = now();
    const existing = known.get(peer);
    if (existing !== undefined) {
      known.set(peer, Object.freeze({ ...existing, lastSeen: at }));
      snapshot = null;
      return;
    }
    if (known.size >= MAX_PEERS) {
      log(`ignoring peer ${peer}: already ${MAX_PEERS} peers`);
      return;
    }
    known.set(peer, Object.freeze({ id: peer, firstSeen: at, lastSeen: at }));
    snapshot = null;
    greet(peer);
    if (!spokeToUs) send(role === 'observer' ? { kind: 'observe', v: 1, from: self, to: peer } : { kind: 'arrive', v: 1, from: self, network, to: peer });
    peersListeners.emit([peers()]);
  }

  /** Says this node is still here, and forgets the peers and observers not heard for too long. */
  function beat(): void {
    heartbeatTimer = undefined;
    if (phase !== 'running' || heartbeat === undefined) return;
    send({ kind: 'heartbeat', v: 1, from: self });
    const since = now() - heartbeat.goneAfterMs;
    for (const peer of [...known.values()]) if (peer.lastSeen < since) forget(peer.id);
    for (const [observer, lastHeard] of [...observers]) if (lastHeard < since) observers.delete(observer);
    heartbeatTimer = setTimer(beat, heartbeat.everyMs);
  }

  /**
   * Back on the broker after a loss: the tips, rules and badges said while the link was down
   * reached nobody, and those of the peers did not reach us. Our greeting goes out to everyone
   * once more (an observer's asks every tab for its state), and a node asks each peer it knows
   * for its own, as on arrival; peers a presence record brings back as new are asked by `seen`.
   * One message per known peer, and only our own link going down and up causes it.
   */
  function rejoin(): void {
    if (phase !== 'running') return;
    for (const announcement of readGreeting() ?? []) send({ ...announcement, v: 1, from: self });
    if (role !== 'node') return;
    for (const peer of known.keys()) send({ kind: 'arrive', v: 1, from: self, network, to: peer });
  }

  /** What this node tells a peer of itself; null (logged) when making it failed. */
  function readGreeting(): readonly Announcement[] | null {
    try {
      return options.greeting?.() ?? [];
    } catch (error) {
      log(`greeting failed: ${String(error)}`);
      return null;
    }
  }

  function greet(peer: PeerId): void {
    for (const announcement of readGreeting() ?? []) send({ ...announcement, v: 1, from: self, to: peer });
  }

  function forget(peer: PeerId): void {
    limits.forget(peer);
    for (const [requestId, fetch] of pending) {
      if (fetch.peer === peer) settle(requestId, { ok: false, reason: 'left' });
    }
    if (known.delete(peer)) {
      snapshot = null;
      peersListeners.emit([peers()]);
    }
  }

  type Outcome = { ok: true; body: string; skipped: number } | { ok: false; reason: 'timeout' | 'left' | 'closed' };

  function settle(requestId: string, outcome: Outcome): void {
    const fetch = pending.get(requestId);
    if (fetch === undefined) return;
    pending.delete(requestId);
    clearTimer(fetch.timer);
    fetch.resolve({ ...outcome, ms: Math.max(0, now() - fetch.started) });
  }

  function answerChainRequest(request: MessageOf<'chain-request'>, chainBody: NonNullable<PeerNetworkOptions['chainBody']>): void {
    void (async () => {
      try {
        // Awaited inside the try so that a synchronous throw is caught like a rejection.
        const answer: ChainBody = await chainBody(request.since ?? null);
        if (phase !== 'running') return;
        const { body, skipped } = answer;
        if (typeof body !== 'string' || body.length > MAX_CHAIN_CHARS) {
          log(`not answering ${request.from}: chainBody gave no string within the size limit`);
          return;
        }
        send({
          kind: 'chain-response',
          v: 1,
          from: self,
          to: request.from,
          requestId: request.requestId,
          body,
          ...(skipped > 0 ? { skipped } : {}),
        });
      } catch (error) {
        // No answer: the requester times out, as with a tab that stopped responding.
        log(`not answering ${request.from}: chainBody failed: ${String(error)}`);
      }
    })();
  }

  /** A message shows that its sender is here; from an observer, not that it is a peer. */
  function heardFrom(message: { readonly from: PeerId; readonly to?: PeerId | undefined }): void {
    if (observers.has(message.from)) observers.set(message.from, now());
    else seen(message.from, message.to === self);
  }

  /** Tabs read what is addressed to everybody or to them; an observer overhears everything. */
  function hears(message: { readonly to?: PeerId | undefined }): boolean {
    return role === 'observer' || message.to === undefined || message.to === self;
  }

  function noteObserver(observer: PeerId): boolean {
    if (!observers.has(observer) && observers.size >= MAX_OBSERVERS) {
      log(`ignoring observer ${observer}: already ${MAX_OBSERVERS} observers`);
      return false;
    }
    observers.set(observer, now());
    return true;
  }

  /** Whether a message is for this node: only those are charged to their sender's rate and handled. */
  function concernsUs(message: PeerMessage): boolean {
    if (message.from === self) return false;
    switch (message.kind) {
      case 'arrive':
        // Same channel, other network: only a misconfigured transport can cause it.
        return message.network === network && (message.to === undefined || message.to === self);
      case 'leave':
      case 'heartbeat':
        return true;
      case 'chain-request':
      case 'chain-response':
        return message.to === self;
      case 'welcome':
      case 'observe':
      case 'tip':
      case 'rules':
      case 'badge':
      case 'stats':
      case 'reset':
        return hears(message);
    }
  }

  function handle(message: PeerMessage): void {
    switch (message.kind) {
      case 'arrive': {
        const wasKnown = known.has(message.from);
        seen(message.from, true);
        if (role !== 'node') return;
        // Asked again by a peer that took us for gone: it is told our state anew.
        if (wasKnown && message.to === self) greet(message.from);
        send({ kind: 'welcome', v: 1, from: self, to: message.from });
        return;
      }
      case 'welcome':
      case 'heartbeat':
        heardFrom(message);
        return;
      case 'leave':
        observers.delete(message.from);
        forget(message.from);
        return;
      case 'observe':
        if (!noteObserver(message.from)) return;
        // A tab tells the observer what it tells a new peer; observers tell each other nothing.
        if (role === 'node') greet(message.from);
        return;
      case 'chain-request':
        heardFrom(message);
        if (options.chainBody) limits.chainRequest(message);
        return;
      case 'chain-response': {
        const fetch = pending.get(message.requestId);
        // Only the peer we asked may answer, and only the request we sent it: anything else is
        // a stale or forged reply, dropped with its chain unread, and no sign of a peer.
        if (fetch === undefined || fetch.peer !== message.from) {
          drop(`an answer from ${message.from.slice(0, 8)} to no request of ours`);
          return;
        }
        heardFrom(message);
        settle(message.requestId, { ok: true, body: message.body, skipped: message.skipped ?? 0 });
        return;
      }
      case 'tip':
        heardFrom(message);
        limits.tip(message);
        return;
      case 'rules':
      case 'badge':
      case 'stats':
      case 'reset':
        heardFrom(message);
        announcementListeners.emit([message.from, withoutEnvelope(message)]);
        return;
    }
  }

  function receive(data: unknown): void {
    try {
      if (phase !== 'running') return;
      const parsed = parsePeerMessage(data);
      if (!parsed.ok) {
        malformed += 1;
        malformedListeners.emit([malformed, parsed.error]);
        return;
      }
      const { message } = parsed;
      if (!concernsUs(message)) return;
      if (limits.admit(message.from)) handle(message);
    } catch (error) {
      // Only a bug of ours can land here; the transport listener must still never throw.
      log(`internal error while handling a message: ${String(error)}`);
    }
  }

  return {
    start() {
      if (phase !== 'idle') {
        log(`start() ignored: the network is ${phase}`);
        return;
      }
      phase = 'running';
      const unsubscribeMessages = transport.onMessage(receive);
      // A broker says who is online: a presence record is a peer here (asked for its state if
      // new to us), its last will a peer gone, whatever it last said.
      const unsubscribePresence = transport.onPresence?.((peer, present) => {
        if (phase !== 'running' || peer === self) return;
        if (present) {
          if (!observers.has(peer)) seen(peer, false);
          return;
        }
        observers.delete(peer);
        forget(peer);
      });
      // A link to a broker that comes back after a loss: what was said meanwhile never arrived.
      // The link also changes when it counts a forged or dropped message: only a new phase counts.
      let linkPhase = transport.link?.().phase;
      let connectedBefore = linkPhase === 'connected';
      const unsubscribeLink = transport.onLinkChange?.(() => {
        const now = transport.link?.().phase;
        if (now === linkPhase) return;
        linkPhase = now;
        if (now !== 'connected') return;
        if (connectedBefore) rejoin();
        connectedBefore = true;
      });
      unsubscribe = () => {
        unsubscribeMessages();
        unsubscribePresence?.();
        unsubscribeLink?.();
      };
      send(role === 'observer' ? { kind: 'observe', v: 1, from: self } : { kind: 'arrive', v: 1, from: self, network });
      if (heartbeat !== undefined) heartbeatTimer = setTimer(beat, heartbeat.everyMs);
    },

    stop() {
      if (phase === 'stopped') return;
      const wasRunning = phase === 'running';
      phase = 'stopped';
      if (wasRunning) send({ kind: 'leave', v: 1, from: self });
      clearTimer(heartbeatTimer);
      unsubscribe();
      for (const requestId of [...pending.keys()]) {
        settle(requestId, { ok: false, reason: 'closed' });
      }
      limits.clear();
      try {
        transport.close();
      } catch (error) {
        log(`closing the transport failed: ${String(error)}`);
      }
      observers.clear();
      if (known.size > 0) {
        known.clear();
        snapshot = null;
        peersListeners.emit([peers()]);
      }
      peersListeners.clear();
      malformedListeners.clear();
      announcementListeners.clear();
      droppedListeners.clear();
    },

    peers,

    onPeersChanged(listener) {
      return peersListeners.add(listener);
    },

    requestChain(peer, timeoutMs, since) {
      return new Promise<ChainFetch>((resolve) => {
        const started = now();
        if (phase !== 'running') {
          resolve({ ok: false, reason: 'closed', ms: 0 });
          return;
        }
        // Random, so that no other tab can guess it and answer in the asked peer's place.
        const requestId = newRequestId();
        const fetch: PendingFetch = { peer, started, resolve, timer: undefined };
        pending.set(requestId, fetch);
        // NaN and negatives mean "no waiting"; Infinity would overflow browser timers.
        const delay = Number.isNaN(timeoutMs) ? 0 : Math.min(Math.max(timeoutMs, 0), MAX_TIMEOUT_MS);
        try {
          fetch.timer = setTimer(() => { settle(requestId, { ok: false, reason: 'timeout' }); }, delay);
        } catch (error) {
          log(`could not arm the fetch timer: ${String(error)}`);
          settle(requestId, { ok: false, reason: 'timeout' });
          return;
        }
        send({ kind: 'chain-request', v: 1, from: self, to: peer, requestId, ...(since ? { since } : {}) });
      });
    },

    announce(announcement) {
      if (phase !== 'running') return;
      send({ ...announcement, v: 1, from: self });
    },

    onAnnouncement(listener) {
      return announcementListeners.add(listener);
    },

    observed() {
      return observers.size > 0;
    },

    malformedCount() {
      return malformed;
    },

    onMalformed(listener) {
      return malformedListeners.add(listener);
    },

    droppedCount() {
      return dropped;
    },

    onDropped(listener) {
      return droppedListeners.add(listener);
    },
  };
}

/** 128 random bits, base64url: a chain request's id nobody can guess (crypto.getRandomValues exists in every context). */
function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function withoutEnvelope(message: Exclude<AnnouncementMessage, MessageOf<'observe'>>): HeardAnnouncement {
  switch (message.kind) {
    case 'tip':
      return {
        kind: 'tip',
        height: message.height,
        hash: message.hash,
        ...(message.block === undefined ? {} : { block: message.block }),
        ...(message.edits === undefined ? {} : { edits: message.edits }),
      };
    case 'rules':
      return { kind: 'rules', rules: message.rules, schedule: message.schedule, clock: message.clock, ...(message.signature === undefined ? {} : { signature: message.signature }) };
    case 'badge':
      return { kind: 'badge', slot: message.slot, since: message.since };
    case 'stats':
      return { kind: 'stats', pending: message.pending, mining: message.mining, ...(message.hashRate === undefined ? {} : { hashRate: message.hashRate }) };
    case 'reset':
      return { kind: 'reset', rules: message.rules, clock: message.clock, ...(message.signature === undefined ? {} : { signature: message.signature }) };
  }
}
