import type { PeerId } from './ids';
import type { PeerMessage } from './messages';

/**
 * One endpoint on a channel shared by the tabs of a network.
 *
 * - `send` delivers a copy of the message to every OTHER endpoint on the same channel, never
 *   to the sender itself, asynchronously and in sending order (BroadcastChannel semantics).
 *   A message with `to` reaches its addressee; the other endpoints may hear it too
 *   (BroadcastChannel) or not (a broker routes it to the addressee only). A message sent
 *   just before `close()` is still delivered.
 * - The copy is a structured clone (BroadcastChannel, memory) or the message's JSON text (a
 *   broker): a PeerMessage is plain JSON data, so both carry it alike.
 * - Listeners receive `unknown`: whatever arrives must be parsed (see parsePeerMessage).
 * - A listener that throws does not stop the other listeners nor later deliveries.
 * - After `close()`, `send` is a no-op and no listener fires again; `close` is idempotent.
 */
export interface Transport {
  send(message: PeerMessage): void;
  /**
   * Who is online, for transports that know: a peer present (a broker's retained presence
   * record, heard at once by a node that connects), or gone (its last will: a laptop asleep,
   * a tab that crashed, a lost connection). BroadcastChannel knows neither. Not messages: a
   * transport delivers these apart from them.
   */
  onPresence?(listener: (peer: PeerId, present: boolean) => void): () => void;
  /** How a transport through a server stands, for the page to say (none: the tabs of this browser, always there). */
  link?(): TransportLink;
  onLinkChange?(listener: () => void): () => void;
  /** Returns the unsubscribe function. */
  onMessage(listener: (data: unknown) => void): () => void;
  close(): void;
}

/**
 * A transport's link to its broker: whether it is connected or why not (and when it tries
 * again), and what it refused or lost on the way: messages whose `from` was not their sender
 * (forged), received ones over the bounds (dropped), and sent ones that never left (lost).
 */
export interface TransportLink {
  readonly url: string;
  readonly phase: 'connecting' | 'connected' | 'refused' | 'reconnecting' | 'closed';
  /** why it is not connected, in the transport's own English, and the wait before the next try */
  readonly problem: { readonly cause: string; readonly detail: string; readonly attempt: number; readonly retryInMs: number } | null;
  readonly forged: number;
  readonly dropped: number;
  readonly lost: number;
}

export interface TransportOptions {
  /** Where errors thrown by listeners go; by default they are dropped. */
  onListenerError?: (error: unknown) => void;
}
