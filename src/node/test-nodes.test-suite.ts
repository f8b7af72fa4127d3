import { createHash } from 'node:crypto';
import type { Sha256 } from '../core/digest';
import { parseNetworkName, type NetworkName } from '../network/ids';

/** Node's synchronous SHA-256 behind the Sha256 type: node tests mine and validate fast with it. */
export const nodeSha256: Sha256 = (data) => Promise.resolve(new Uint8Array(createHash('sha256').update(data).digest()));

/** A network name for one test file's nodes; throws if the name is not one. */
export function testNetwork(name: string): NetworkName {
  const parsed = parseNetworkName(name);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.name;
}
