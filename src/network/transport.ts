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
  /** Returns the unsubscribe function. */
  onMessage(listener: (data: unknown) => void): () => void;
  close(): void;
}

export interface TransportOptions {
  /** Where errors thrown by listeners go; by default they are dropped. */
  onListenerError?: (error: unknown) => void;
}
