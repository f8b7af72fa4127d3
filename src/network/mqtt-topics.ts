import { networkNameSchema, peerIdSchema, type NetworkName, type PeerId } from './ids';

/**
 * The MQTT topics of a network. Every topic ends with the id of the node that publishes on
 * it, so a receiver knows which node a message came from, and a broker can pin each client
 * to publishing only on topics that end with its own client id (its peer id).
 *
 * - broadcasts:        tabchain/v1/<net>/all/<senderId>
 * - directed messages: tabchain/v1/<net>/to/<recipientId>/<senderId>
 * - presence:          tabchain/v1/<net>/presence/<peerId>   (retained; the last will clears it)
 *
 * Network names and peer ids cannot hold `/`, `+` or `#` (see ids.ts), so an id always fills
 * exactly one topic level and never acts as a wildcard.
 */
export const TOPIC_ROOT = 'tabchain/v1';

export const broadcastTopic = (network: NetworkName, sender: PeerId): string => `${TOPIC_ROOT}/${network}/all/${sender}`;

export const directTopic = (network: NetworkName, recipient: PeerId, sender: PeerId): string =>
  `${TOPIC_ROOT}/${network}/to/${recipient}/${sender}`;

export const presenceTopic = (network: NetworkName, peer: PeerId): string => `${TOPIC_ROOT}/${network}/presence/${peer}`;

/** What every node of `network` hears: broadcasts of any sender. */
export const broadcastFilter = (network: NetworkName): string => `${TOPIC_ROOT}/${network}/all/+`;

/** What only `self` hears: messages addressed to it, from any sender. */
export const directFilter = (network: NetworkName, self: PeerId): string => `${TOPIC_ROOT}/${network}/to/${self}/+`;

/** Who is online in `network`. */
export const presenceFilter = (network: NetworkName): string => `${TOPIC_ROOT}/${network}/presence/+`;

export type ParsedTopic =
  | { readonly kind: 'all'; readonly network: NetworkName; readonly sender: PeerId }
  | { readonly kind: 'to'; readonly network: NetworkName; readonly recipient: PeerId; readonly sender: PeerId }
  | { readonly kind: 'presence'; readonly network: NetworkName; readonly sender: PeerId };

/** The longest topic of the scheme; anything longer is not one of ours and is refused unread. */
const MAX_TOPIC_CHARS = TOPIC_ROOT.length + '/'.length + 64 + '/to/'.length + 32 + '/'.length + 32;

const networkOf = (text: string | undefined): NetworkName | null => {
  const parsed = networkNameSchema.safeParse(text);
  return parsed.success ? parsed.data : null;
};

const peerOf = (text: string | undefined): PeerId | null => {
  const parsed = peerIdSchema.safeParse(text);
  return parsed.success ? parsed.data : null;
};

/** A topic of the scheme, or null for anything else (wildcards included: they are no valid id). */
export function parseTopic(topic: string): ParsedTopic | null {
  if (topic.length > MAX_TOPIC_CHARS || !topic.startsWith(`${TOPIC_ROOT}/`)) return null;
  const levels = topic.slice(TOPIC_ROOT.length + 1).split('/');
  const network = networkOf(levels[0]);
  if (network === null) return null;
  const [, kind, first, second] = levels;
  if (kind === 'all' && levels.length === 3) {
    const sender = peerOf(first);
    return sender === null ? null : { kind: 'all', network, sender };
  }
  if (kind === 'presence' && levels.length === 3) {
    const sender = peerOf(first);
    return sender === null ? null : { kind: 'presence', network, sender };
  }
  if (kind === 'to' && levels.length === 4) {
    const recipient = peerOf(first);
    const sender = peerOf(second);
    return recipient === null || sender === null ? null : { kind: 'to', network, recipient, sender };
  }
  return null;
}

/** The subscription filters a client may hold, for the broker's rules: see mayHoldFilter. */
export type ParsedFilter =
  | { readonly kind: 'all' | 'presence'; readonly network: NetworkName }
  | { readonly kind: 'to'; readonly network: NetworkName; readonly recipient: PeerId };

/** One of the scheme's three filters (`all/+`, `presence/+`, `to/<id>/+`), or null. */
export function parseFilter(filter: string): ParsedFilter | null {
  if (filter.length > MAX_TOPIC_CHARS || !filter.startsWith(`${TOPIC_ROOT}/`)) return null;
  const levels = filter.slice(TOPIC_ROOT.length + 1).split('/');
  const network = networkOf(levels[0]);
  if (network === null) return null;
  const [, kind, first, second] = levels;
  if ((kind === 'all' || kind === 'presence') && levels.length === 3 && first === '+') return { kind, network };
  if (kind === 'to' && levels.length === 4 && second === '+') {
    const recipient = peerOf(first);
    return recipient === null ? null : { kind: 'to', network, recipient };
  }
  return null;
}

/**
 * The broker's rule for publishing: only on a topic of the scheme that ends with the client's
 * own id. Retained messages only on the client's presence topic: a retained broadcast would be
 * replayed to every newcomer long after it was true.
 */
export function mayPublish(clientId: string, topic: string, retain: boolean): boolean {
  const parsed = parseTopic(topic);
  if (parsed === null || parsed.sender !== clientId) return false;
  return !retain || parsed.kind === 'presence';
}

/** The broker's rule for subscribing: any network's broadcasts and presence, and only one's own directed messages. */
export function maySubscribe(clientId: string, filter: string): boolean {
  const parsed = parseFilter(filter);
  if (parsed === null) return false;
  return parsed.kind !== 'to' || parsed.recipient === clientId;
}
