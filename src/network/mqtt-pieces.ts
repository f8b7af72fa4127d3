import { z } from 'zod';
import type { PeerId } from './ids';
import {
  MAX_PARTIAL_BYTES,
  MAX_PARTIAL_MESSAGES,
  MAX_PARTIAL_MESSAGES_PER_SENDER,
  MAX_PIECED_MESSAGE_BYTES,
  MQTT_PIECE_BYTES,
  PARTIAL_MESSAGE_IDLE_MS,
} from './limits';
import type { ThrottleTimers } from './throttle';

/**
 * How a message travels as MQTT payloads. Up to MQTT_PIECE_BYTES its UTF-8 JSON text is
 * the payload. A longer one is cut into pieces, each payload being
 *
 *     ~{"id":"k3x9a1","index":0,"count":129,"bytes":33816576}\n<bytes of the text>
 *
 * `id` names the message among its sender's (the topic names the sender), `index` counts
 * from 0, `count` is the number of pieces, `bytes` the length of the whole text. Every piece
 * but the last carries exactly PIECE_DATA_BYTES of the text, so a piece's length is known
 * from its header. JSON text never starts with `~`, which tells a piece from a whole message.
 *
 * MQTT delivers the messages of one client on one topic in the order they were sent, even
 * through a cluster, so pieces must arrive in order: anything else is a broken message.
 */
const PIECE_MARK = 0x7e; // '~'
const NEWLINE = 0x0a;
/** Room left in every piece for its header; a header is under 100 bytes. */
const MAX_HEADER_BYTES = 200;
export const PIECE_DATA_BYTES = MQTT_PIECE_BYTES - MAX_HEADER_BYTES;
const MAX_PIECES = Math.ceil(MAX_PIECED_MESSAGE_BYTES / PIECE_DATA_BYTES);

const pieceHeaderSchema = z
  .strictObject({
    id: z.string().regex(/^[0-9a-z]{1,40}$/),
    index: z.number().int().min(0),
    count: z.number().int().min(2).max(MAX_PIECES),
    bytes: z.number().int().min(MQTT_PIECE_BYTES + 1).max(MAX_PIECED_MESSAGE_BYTES),
  })
  .refine((header) => header.index < header.count, { error: 'index beyond count' })
  .refine((header) => header.count === Math.ceil(header.bytes / PIECE_DATA_BYTES), { error: 'count does not fit bytes' });

export type PieceHeader = z.infer<typeof pieceHeaderSchema>;

const encoder = new TextEncoder();

/** How many bytes piece `index` of a message of `bytes` bytes carries. */
const dataBytesOf = (header: PieceHeader): number =>
  header.index < header.count - 1 ? PIECE_DATA_BYTES : header.bytes - PIECE_DATA_BYTES * (header.count - 1);

/**
 * The payloads that carry `text` (a message's JSON), or null when it is longer than any
 * message may be. `id` must be new among this sender's messages.
 */
export function payloadsOf(text: string, id: string): Uint8Array[] | null {
  const bytes = encoder.encode(text);
  if (bytes.length <= MQTT_PIECE_BYTES) return [bytes];
  if (bytes.length > MAX_PIECED_MESSAGE_BYTES) return null;
  const count = Math.ceil(bytes.length / PIECE_DATA_BYTES);
  const payloads: Uint8Array[] = [];
  for (let index = 0; index < count; index++) {
    const header = encoder.encode(`~${JSON.stringify({ id, index, count, bytes: bytes.length })}\n`);
    if (header.length > MAX_HEADER_BYTES) throw new Error(`piece header of ${header.length} bytes: message id ${JSON.stringify(id)} too long`);
    const data = bytes.subarray(index * PIECE_DATA_BYTES, Math.min(bytes.length, (index + 1) * PIECE_DATA_BYTES));
    const payload = new Uint8Array(header.length + data.length);
    payload.set(header, 0);
    payload.set(data, header.length);
    payloads.push(payload);
  }
  return payloads;
}

export type ReadPayload =
  | { readonly kind: 'whole'; readonly bytes: Uint8Array }
  | { readonly kind: 'piece'; readonly header: PieceHeader; readonly data: Uint8Array }
  | { readonly kind: 'unreadable'; readonly reason: string };

/** What one received payload is; its size is checked first, nothing is decoded beyond a piece's header. */
export function readPayload(payload: Uint8Array): ReadPayload {
  if (payload.length > MQTT_PIECE_BYTES) {
    return { kind: 'unreadable', reason: `a payload of ${payload.length} bytes, more than the ${MQTT_PIECE_BYTES} allowed` };
  }
  if (payload[0] !== PIECE_MARK) return { kind: 'whole', bytes: payload };
  const end = payload.subarray(0, MAX_HEADER_BYTES).indexOf(NEWLINE);
  if (end < 0) return { kind: 'unreadable', reason: 'a piece without a header' };
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload.subarray(1, end)));
  } catch {
    return { kind: 'unreadable', reason: 'a piece whose header is not JSON' };
  }
  const parsed = pieceHeaderSchema.safeParse(header);
  if (!parsed.success) return { kind: 'unreadable', reason: `a piece with a bad header: ${parsed.error.issues[0]?.message ?? 'rejected'}` };
  const data = payload.subarray(end + 1);
  if (data.length !== dataBytesOf(parsed.data)) {
    return { kind: 'unreadable', reason: `piece ${parsed.data.index} of ${parsed.data.count} carries ${data.length} bytes, not ${dataBytesOf(parsed.data)}` };
  }
  return { kind: 'piece', header: parsed.data, data };
}

interface PartialMessage {
  readonly sender: PeerId;
  readonly header: PieceHeader;
  readonly pieces: Uint8Array[];
  received: number;
  timer: unknown;
}

export interface Reassembler {
  /**
   * Takes piece `header` of a message of `sender`: the whole message's bytes when it was the
   * last piece, else null. A piece that breaks a rule or a bound drops its message (reported
   * once per message through `onDropped`); later pieces of a dropped message are ignored.
   */
  accept(sender: PeerId, header: PieceHeader, data: Uint8Array): Uint8Array | null;
  /** Drops every partial message and its timer. */
  clear(): void;
  /** Messages under way and the bytes they hold, for tests and diagnostics. */
  partials(): { readonly messages: number; readonly bytes: number };
}

export interface ReassemblerOptions {
  readonly timers: ThrottleTimers;
  readonly onDropped: (reason: string) => void;
}

/** Puts pieces back together within the bounds of limits.ts. */
export function createReassembler({ timers, onDropped }: ReassemblerOptions): Reassembler {
  const partials = new Map<string, PartialMessage>();
  const perSender = new Map<PeerId, number>();
  let heldBytes = 0;

  const keyOf = (sender: PeerId, id: string): string => `${sender}/${id}`;

  function forget(key: string, partial: PartialMessage): void {
    partials.delete(key);
    timers.clearTimeout(partial.timer);
    heldBytes -= partial.received;
    const left = (perSender.get(partial.sender) ?? 1) - 1;
    if (left > 0) perSender.set(partial.sender, left);
    else perSender.delete(partial.sender);
  }

  function drop(key: string, partial: PartialMessage, reason: string): null {
    forget(key, partial);
    onDropped(`a message of ${partial.sender} in ${partial.header.count} pieces: ${reason}`);
    return null;
  }

  function armIdleTimer(key: string, partial: PartialMessage): void {
    timers.clearTimeout(partial.timer);
    partial.timer = timers.setTimeout(() => {
      if (partials.get(key) === partial) drop(key, partial, `no piece for ${PARTIAL_MESSAGE_IDLE_MS} ms after piece ${partial.pieces.length - 1}`);
    }, PARTIAL_MESSAGE_IDLE_MS);
  }

  function start(sender: PeerId, header: PieceHeader): PartialMessage | null {
    const refuse = (reason: string): null => {
      onDropped(`a message of ${sender} in ${header.count} pieces: ${reason}`);
      return null;
    };
    // Only a first piece starts a message: the rest of a dropped one then costs nothing.
    if (header.index !== 0) return null;
    const held = perSender.get(sender) ?? 0;
    if (held >= MAX_PARTIAL_MESSAGES_PER_SENDER) return refuse(`this sender already has ${held} messages under way`);
    if (partials.size >= MAX_PARTIAL_MESSAGES) return refuse(`already ${partials.size} messages under way`);
    perSender.set(sender, held + 1);
    return { sender, header, pieces: [], received: 0, timer: undefined };
  }

  return {
    accept(sender, header, data) {
      const key = keyOf(sender, header.id);
      let partial = partials.get(key);
      if (partial === undefined) {
        const started = start(sender, header);
        if (started === null) return null;
        partial = started;
        partials.set(key, partial);
      }
      const expected = partial.header;
      if (header.count !== expected.count || header.bytes !== expected.bytes) return drop(key, partial, 'pieces disagree on its size');
      if (header.index !== partial.pieces.length) return drop(key, partial, `piece ${header.index} came where piece ${partial.pieces.length} was due`);
      if (heldBytes + data.length > MAX_PARTIAL_BYTES) return drop(key, partial, `messages under way would hold more than ${MAX_PARTIAL_BYTES} bytes`);
      partial.pieces.push(data);
      partial.received += data.length;
      heldBytes += data.length;
      if (partial.pieces.length < expected.count) {
        armIdleTimer(key, partial);
        return null;
      }
      forget(key, partial);
      const whole = new Uint8Array(expected.bytes);
      let at = 0;
      for (const piece of partial.pieces) {
        whole.set(piece, at);
        at += piece.length;
      }
      return whole;
    },
    clear() {
      for (const [key, partial] of [...partials]) forget(key, partial);
    },
    partials() {
      return { messages: partials.size, bytes: heldBytes };
    },
  };
}
