// The browser build of mqtt.js exports only its default object.
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { MESSAGE_ERROR_KIND } from './broadcast-channel-transport';
import { parsePeerId, type NetworkName, type PeerId } from './ids';
import { MAX_PIECED_MESSAGE_BYTES, MAX_QUEUED_BYTES, MAX_QUEUED_MESSAGES } from './limits';
import { createListenerSet } from './listener-set';
import type { PeerMessage } from './messages';
import { createReassembler, payloadsOf, readPayload } from './mqtt-pieces';
import { broadcastFilter, broadcastTopic, directFilter, directTopic, parseTopic, presenceFilter, presenceTopic } from './mqtt-topics';
import { systemTimers, type ThrottleTimers } from './throttle';
import type { Transport, TransportLink, TransportOptions } from './transport';

/**
 * A Transport through an MQTT 3.1.1 broker over WebSocket (mqtt.js). Loaded only for a
 * network that uses a broker: the node's worker imports this module dynamically.
 *
 * - `send` publishes a message with `to` on the addressee's topic, any other on the
 *   network's broadcast topic (mqtt-topics.ts), as JSON text, in pieces when it is long
 *   (mqtt-pieces.ts). QoS 0: the broker keeps the order of one client's messages.
 * - Received: the node's own messages (MQTT 3.1.1 sends a client its own publications back)
 *   are dropped; so is a message whose `from` is not the node whose topic it came on, and
 *   counted as forged. The rest is decoded to a value, parsed later by parsePeerMessage;
 *   bytes that are not JSON arrive as the `transport:messageerror` stand-in, counted as
 *   malformed by the peer network like any bad input.
 * - While the broker is out of reach, messages wait in a bounded queue (limits.ts) and go out
 *   in order once connected and subscribed; past the bound the oldest are dropped and counted
 *   as lost. Reconnects with a capped, jittered exponential back-off, and never throws.
 * - It subscribes, and announces its presence, only once a message listener is attached.
 */
export interface MqttTransport extends Transport {
  state(): MqttConnectionState;
  onStateChange(listener: (state: MqttConnectionState) => void): () => void;
  /** Messages whose `from` was not the node whose topic they came on. */
  forgedCount(): number;
  onForged(listener: (count: number, reason: string) => void): () => void;
  /** Received payloads or messages dropped for their size, their pieces or the reassembly bounds. */
  droppedCount(): number;
  onDropped(listener: (count: number, reason: string) => void): () => void;
  /** Messages this node sent that never reached the broker: too large, not JSON, or pushed out of the queue. */
  lostCount(): number;
  onLost(listener: (count: number, reason: string) => void): () => void;
  link(): TransportLink;
  onLinkChange(listener: () => void): () => void;
}

/** Why the transport is not connected, for the page to say in words. */
export type MqttProblem =
  /** no broker answered: a wrong address, a closed port, no network, or a socket that failed */
  | 'unreachable'
  /** the broker answered CONNACK with a refusal (not authorized, identifier rejected, …) */
  | 'refused-by-broker'
  /** the broker refused this node's subscriptions */
  | 'subscriptions-refused'
  /** a connection that worked was lost */
  | 'lost';

/**
 * - `connecting`: the first attempt is under way.
 * - `connected`: connected and subscribed; messages go out at once.
 * - `refused`: never connected since the transport opened, or the broker refused this node;
 *   tries again in `retryInMs`.
 * - `reconnecting`: a connection that worked was lost; tries again in `retryInMs`.
 * - `closed`: after close().
 */
export type MqttConnectionState =
  | { readonly phase: 'connecting' }
  | { readonly phase: 'connected' }
  | { readonly phase: 'refused' | 'reconnecting'; readonly problem: MqttProblem; readonly detail: string; readonly attempt: number; readonly retryInMs: number }
  | { readonly phase: 'closed' };

export interface MqttBackoff {
  /** the wait before the first retry; each next one doubles it */
  readonly firstMs: number;
  /** the longest wait: a class waits at most this long once the broker is back */
  readonly maxMs: number;
}

/** A class waits at most 10 s once its server is back; 30 laptops do not all come back at once thanks to the jitter. */
export const DEFAULT_BACKOFF: MqttBackoff = { firstMs: 500, maxMs: 10_000 };

export interface MqttTransportOptions extends TransportOptions {
  /** ws:// or wss:// */
  readonly url: string;
  readonly network: NetworkName;
  /** this node's peer id: its MQTT client id and the last level of its topics */
  readonly self: PeerId;
  readonly backoff?: MqttBackoff;
  /** [0, 1): the jitter of the back-off */
  readonly random?: () => number;
  readonly timers?: ThrottleTimers;
  /** how long a connection attempt waits for the broker's answer */
  readonly connectTimeoutMs?: number;
  /** seconds between pings while idle: how soon a silent broker counts as lost */
  readonly keepaliveSeconds?: number;
  /** whether this node leaves a presence record and a last will (a tab does; a network view only watches); true by default */
  readonly presence?: boolean;
}

interface Outgoing {
  readonly topic: string;
  readonly payloads: readonly Uint8Array[];
  readonly bytes: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The wait before retry `attempt` (1, 2, …): doubling from firstMs up to maxMs, times a factor in [0.5, 1). */
export function backoffMs(attempt: number, backoff: MqttBackoff, random: () => number): number {
  const ceiling = Math.min(backoff.maxMs, backoff.firstMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(ceiling * (0.5 + random() / 2));
}

/** A short message id, new for each message this transport sends, unique across reloads of the same node. */
function messageIds(): () => string {
  const session = Array.from(crypto.getRandomValues(new Uint8Array(5)), (byte) => byte.toString(36).padStart(2, '0')).join('');
  let counter = 0;
  return () => {
    counter += 1;
    return `${session}${counter.toString(36)}`;
  };
}

/** The value a received message decodes to, or the stand-in that the message parser refuses as malformed. */
function decode(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch {
    return { kind: MESSAGE_ERROR_KIND };
  }
}

/** A message's `from` field when it has one, read without running any getter. */
function claimedSender(value: unknown): { readonly has: boolean; readonly from: unknown } {
  if (typeof value !== 'object' || value === null) return { has: false, from: undefined };
  const descriptor = Reflect.getOwnPropertyDescriptor(value, 'from');
  return descriptor === undefined ? { has: false, from: undefined } : { has: true, from: descriptor.value };
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

export function createMqttTransport(options: MqttTransportOptions): MqttTransport {
  const { url, network, self } = options;
  const timers = options.timers ?? systemTimers;
  const random = options.random ?? Math.random;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const reportListenerError = options.onListenerError ?? (() => undefined);
  const listeners = createListenerSet<[unknown]>(reportListenerError);
  const stateListeners = createListenerSet<[MqttConnectionState]>(reportListenerError);
  const forgedListeners = createListenerSet<[number, string]>(reportListenerError);
  const droppedListeners = createListenerSet<[number, string]>(reportListenerError);
  const lostListeners = createListenerSet<[number, string]>(reportListenerError);
  const presenceListeners = createListenerSet<[PeerId, boolean]>(reportListenerError);
  /**
   * Presence: on connecting a node leaves a retained record on its presence topic (a
   * heartbeat, so a newcomer hears every node online at once), and a last will that clears it,
   * which the broker publishes when the connection dies without a goodbye.
   */
  const presence = presenceTopic(network, self);
  const announcesPresence = options.presence ?? true;
  const present = new TextEncoder().encode(JSON.stringify({ present: true }));
  const nextMessageId = messageIds();

  let open = true;
  const isOpen = (): boolean => open;
  let current: MqttConnectionState = { phase: 'connecting' };
  /** subscribed on this connection: sends go straight out */
  let ready = false;
  let everConnected = false;
  let attempt = 0;
  let retryTimer: unknown;
  /** why the current connection attempt failed, when mqtt.js said so before the socket closed */
  let failure: { problem: MqttProblem; detail: string } | null = null;
  const queue: Outgoing[] = [];
  let queuedBytes = 0;
  let forged = 0;
  let dropped = 0;
  let lost = 0;

  const reassembler = createReassembler({ timers, onDropped: (reason) => { countDropped(reason); } });

  function setState(next: MqttConnectionState): void {
    current = next;
    stateListeners.emit([next], isOpen);
  }

  function countDropped(reason: string): void {
    dropped += 1;
    droppedListeners.emit([dropped, reason], isOpen);
  }

  function countLost(reason: string): void {
    lost += 1;
    lostListeners.emit([lost, reason], isOpen);
  }

  const clientOptions: IClientOptions = {
    clientId: self,
    protocolVersion: 4,
    clean: true,
    // The back-off is ours (mqtt.js only knows a fixed period), and so is the queue.
    reconnectPeriod: 0,
    queueQoSZero: false,
    resubscribe: false,
    connectTimeout: options.connectTimeoutMs ?? 10_000,
    // A laptop that sleeps or loses Wi-Fi is noticed by the broker within 1.5 keepalives, which then sends its last will.
    keepalive: options.keepaliveSeconds ?? 5,
    ...(announcesPresence ? { will: { topic: presence, payload: new Uint8Array(0) as never, qos: 0 as const, retain: true } } : {}),
  };
  const client: MqttClient = mqtt.connect(url, clientOptions);

  /** Connected, but nobody listens yet: subscribing now would lose what peers answer our presence with. */
  let connectedUnheard = false;

  function subscribeAndAnnounce(): void {
    // Subscribed before anything is published: an answer to our first message must find us listening.
    client.subscribe([broadcastFilter(network), directFilter(network, self), presenceFilter(network)], { qos: 0 }, (error, granted) => {
      if (!open || !client.connected) return;
      // mqtt.js reports a failure code (0x80) in the SUBACK as an error; the grants are checked too.
      const refused = error !== null || (granted ?? []).some((grant) => (grant.qos & 0x80) !== 0);
      if (refused) {
        failure = { problem: 'subscriptions-refused', detail: error === null ? 'the broker refused the subscriptions' : errorText(error) };
        client.end(true);
        return;
      }
      ready = true;
      everConnected = true;
      attempt = 0;
      if (announcesPresence) client.publish(presence, present as never, { qos: 0, retain: true });
      setState({ phase: 'connected' });
      flushQueue();
    });
  }

  client.on('connect', () => {
    if (!open) return;
    // A node listens only once it has started (its store read, its keys loaded); peers greet a
    // presence at once, and a greeting delivered to no listener would never come again.
    if (listeners.size === 0) {
      connectedUnheard = true;
      return;
    }
    subscribeAndAnnounce();
  });

  client.on('error', (error) => {
    // mqtt.js reports a CONNACK refusal with its return code, a socket failure with a text code.
    const code: unknown = Reflect.get(error, 'code');
    failure = typeof code === 'number' ? { problem: 'refused-by-broker', detail: errorText(error) } : { problem: 'unreachable', detail: errorText(error) };
  });

  client.on('close', () => {
    const wasReady = ready;
    ready = false;
    connectedUnheard = false;
    if (!open) return;
    const cause = failure ?? (wasReady ? { problem: 'lost' as const, detail: 'the connection to the broker was lost' } : { problem: 'unreachable' as const, detail: `no broker answered at ${url}` });
    failure = null;
    attempt += 1;
    const retryInMs = backoffMs(attempt, backoff, random);
    const phase = everConnected && cause.problem !== 'refused-by-broker' && cause.problem !== 'subscriptions-refused' ? 'reconnecting' : 'refused';
    setState({ phase, ...cause, attempt, retryInMs });
    timers.clearTimeout(retryTimer);
    retryTimer = timers.setTimeout(() => {
      retryTimer = undefined;
      if (open) client.reconnect();
    }, retryInMs);
  });

  client.on('message', (topic: string, payload: Uint8Array) => {
    try {
      receive(topic, payload);
    } catch (error) {
      // Only a bug of ours lands here; a received message must never break the client.
      countDropped(`a message could not be handled: ${errorText(error)}`);
    }
  });

  function receive(topic: string, payload: Uint8Array): void {
    if (!open) return;
    const parsed = parseTopic(topic);
    if (parsed === null || parsed.network !== network || (parsed.kind === 'to' && parsed.recipient !== self)) {
      countDropped(`a message on a topic this node did not subscribe to: ${topic.slice(0, 200)}`);
      return;
    }
    const sender = parsed.sender;
    // MQTT 3.1.1 echoes a client's own publications.
    if (sender === self) return;
    // A presence record says a node is online; an empty one that it said goodbye, or its last will that it is gone.
    if (parsed.kind === 'presence') {
      presenceListeners.emit([sender, payload.length > 0], isOpen);
      return;
    }
    const read = readPayload(payload);
    let bytes: Uint8Array | null;
    switch (read.kind) {
      case 'unreadable':
        countDropped(`from ${sender}: ${read.reason}`);
        return;
      case 'whole':
        bytes = read.bytes;
        break;
      case 'piece':
        bytes = reassembler.accept(sender, read.header, read.data);
        break;
    }
    if (bytes === null) return;
    const value = decode(bytes);
    const claimed = claimedSender(value);
    if (claimed.has && claimed.from !== sender) {
      forged += 1;
      const from = typeof claimed.from === 'string' ? claimed.from.slice(0, 64) : typeof claimed.from;
      forgedListeners.emit([forged, `a message from ${sender} claimed to come from ${from}`], isOpen);
      return;
    }
    listeners.emit([value], isOpen);
  }

  function publish(outgoing: Outgoing): void {
    for (const payload of outgoing.payloads) {
      client.publish(outgoing.topic, payload as never, { qos: 0 }, (error) => {
        if (error) countLost(`not published: ${errorText(error)}`);
      });
    }
  }

  function flushQueue(): void {
    while (ready && queue.length > 0) {
      const next = queue.shift();
      if (next === undefined) break;
      queuedBytes -= next.bytes;
      publish(next);
    }
  }

  function enqueue(outgoing: Outgoing): void {
    if (outgoing.bytes > MAX_QUEUED_BYTES) {
      countLost(`a message of ${outgoing.bytes} bytes sent while the broker is out of reach: more than the ${MAX_QUEUED_BYTES} that may wait`);
      return;
    }
    while (queue.length >= MAX_QUEUED_MESSAGES || queuedBytes + outgoing.bytes > MAX_QUEUED_BYTES) {
      const oldest = queue.shift();
      if (oldest === undefined) break;
      queuedBytes -= oldest.bytes;
      countLost(`a message waited for the broker and was pushed out by newer ones (at most ${MAX_QUEUED_MESSAGES} messages and ${MAX_QUEUED_BYTES} bytes wait)`);
    }
    queue.push(outgoing);
    queuedBytes += outgoing.bytes;
  }

  /** The topic a message goes out on, or null when its `to` is no peer id. */
  function topicOf(message: PeerMessage): string | null {
    const { to } = message as { readonly to?: unknown };
    if (to === undefined) return broadcastTopic(network, self);
    const recipient = parsePeerId(to);
    return recipient === null ? null : directTopic(network, recipient, self);
  }

  return {
    send(message) {
      if (!open) return;
      try {
        const topic = topicOf(message);
        if (topic === null) {
          countLost(`a ${message.kind} message addressed to no valid peer id`);
          return;
        }
        let text: string;
        try {
          text = JSON.stringify(message);
        } catch (error) {
          countLost(`a ${message.kind} message that is not JSON data: ${errorText(error)}`);
          return;
        }
        const payloads = payloadsOf(text, nextMessageId());
        if (payloads === null) {
          countLost(`a ${message.kind} message larger than the ${MAX_PIECED_MESSAGE_BYTES} bytes any message may have`);
          return;
        }
        const outgoing: Outgoing = { topic, payloads, bytes: payloads.reduce((sum, payload) => sum + payload.length, 0) };
        if (ready) publish(outgoing);
        else enqueue(outgoing);
      } catch (error) {
        countLost(`not sent: ${errorText(error)}`);
      }
    },
    onMessage(listener) {
      if (!open) return () => undefined;
      const remove = listeners.add(listener);
      if (connectedUnheard && client.connected) {
        connectedUnheard = false;
        subscribeAndAnnounce();
      }
      return remove;
    },
    onPresence(listener) {
      if (!open) return () => undefined;
      return presenceListeners.add(listener);
    },
    close() {
      if (!open) return;
      open = false;
      timers.clearTimeout(retryTimer);
      reassembler.clear();
      queue.length = 0;
      // A clean DISCONNECT after what was already written (a leave), its presence record cleared:
      // the broker then sends no last will.
      if (ready && announcesPresence) client.publish(presence, new Uint8Array(0) as never, { qos: 0, retain: true });
      client.end(!ready);
      ready = false;
      current = { phase: 'closed' };
      stateListeners.emit([current]);
      for (const set of [listeners, stateListeners, forgedListeners, droppedListeners, lostListeners]) set.clear();
      presenceListeners.clear();
    },
    state: () => current,
    link: () => ({
      url,
      phase: current.phase,
      problem: current.phase === 'refused' || current.phase === 'reconnecting'
        ? { cause: current.problem, detail: current.detail, attempt: current.attempt, retryInMs: current.retryInMs }
        : null,
      forged,
      dropped,
      lost,
    }),
    onLinkChange(listener) {
      if (!open) return () => undefined;
      const offs = [stateListeners.add(listener), forgedListeners.add(listener), droppedListeners.add(listener), lostListeners.add(listener)];
      return () => {
        for (const off of offs) off();
      };
    },
    onStateChange(listener) {
      if (!open) return () => undefined;
      return stateListeners.add(listener);
    },
    forgedCount: () => forged,
    onForged(listener) {
      if (!open) return () => undefined;
      return forgedListeners.add(listener);
    },
    droppedCount: () => dropped,
    onDropped(listener) {
      if (!open) return () => undefined;
      return droppedListeners.add(listener);
    },
    lostCount: () => lost,
    onLost(listener) {
      if (!open) return () => undefined;
      return lostListeners.add(listener);
    },
  };
}
