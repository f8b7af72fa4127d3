// zod/mini: this module is also in the page's first bundle, where every kilobyte counts.
import * as z from 'zod/mini';

/**
 * A peer id is the node id of the tutorial: `uuid4().hex`, i.e. a uuid4 without dashes.
 * Only the version nibble is checked (not the variant), so any uuid4 generator's output
 * is accepted once its dashes are removed.
 */
const PEER_ID_PATTERN = /^[0-9a-f]{12}4[0-9a-f]{19}$/;

export const peerIdSchema = z
  .string()
  .check(z.regex(PEER_ID_PATTERN, 'expected a uuid4 without dashes (32 lowercase hex characters)'))
  .brand<'PeerId'>();

export type PeerId = z.infer<typeof peerIdSchema>;

export function parsePeerId(value: unknown): PeerId | null {
  const result = peerIdSchema.safeParse(value);
  return result.success ? result.data : null;
}

/**
 * Ids are injected (crypto.randomUUID in the worker, a seeded generator in tests) so that
 * this module stays free of randomness. A generator that does not produce a uuid4 is a
 * programming error, hence the throw.
 */
export function newPeerId(randomUUID: () => string): PeerId {
  const raw = randomUUID();
  const id = parsePeerId(raw.replaceAll('-', '').toLowerCase());
  if (id === null) {
    throw new Error(`newPeerId: the generator returned ${JSON.stringify(raw)}, not a uuid4`);
  }
  return id;
}

/**
 * A uuid4 (RFC 9562: version 4, variant 10) from 16 random bytes, as `crypto.randomUUID`
 * writes it. Pages opened over plain http from another computer have no `randomUUID` (an
 * insecure context) but do have `crypto.getRandomValues`, which gives the bytes.
 */
export function uuid4From(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new Error(`uuid4From: expected 16 random bytes, got ${bytes.length}`);
  const b = Uint8Array.from(bytes);
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const hex = Array.from(b, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Restricted to characters that are safe in a URL (`?net=`) and in a channel name. */
const NETWORK_NAME_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export const networkNameSchema = z
  .string()
  .check(z.regex(NETWORK_NAME_PATTERN, 'expected 1 to 64 characters among A-Z a-z 0-9 . _ -'))
  .brand<'NetworkName'>();

export type NetworkName = z.infer<typeof networkNameSchema>;

export const DEFAULT_NETWORK: NetworkName = networkNameSchema.parse('default');

export function parseNetworkName(
  value: unknown,
): { ok: true; name: NetworkName } | { ok: false; error: string } {
  const result = networkNameSchema.safeParse(value);
  if (result.success) return { ok: true, name: result.data };
  const issue = result.error.issues[0];
  return { ok: false, error: `invalid network name: ${issue?.message ?? 'rejected'}` };
}

/** The version in the name keeps tabs of an incompatible future protocol apart. */
export function channelNameFor(network: NetworkName): string {
  return `tabchain:v1:${network}`;
}
